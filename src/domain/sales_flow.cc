#include "domain/sales_flow.h"

#include <cmath>

namespace retorno {

namespace {

// a * b / d rounded half away from zero, for non-negative a, b and positive d, without
// forming a * b: with a = q * d + r it is q * b + (r * b + d / 2) / d exactly.
int64_t MulDivRound(int64_t a, int64_t b, int64_t d) {
  return (a / d) * b + ((a % d) * b + d / 2) / d;
}

}  // namespace

LineTotal TotalOfLine(double quantity, int64_t unit_price, int discount_bp) {
  LineTotal t;
  // Quantities come with at most three decimals: work in thousandths so that 0.1 x 3
  // is exact, then round the product once.
  const int64_t milli = std::llround(quantity * 1000);
  t.gross = MulDivRound(milli, unit_price, 1000);
  t.discount = MulDivRound(t.gross, discount_bp, 10000);
  t.total = t.gross - t.discount;
  return t;
}

DocumentTotals TotalsOf(const SalesDocument& d) {
  DocumentTotals out;
  for (const DocumentItem& it : d.items) {
    out.lines.push_back(TotalOfLine(it.quantity, it.unit_price, it.discount_bp));
    out.subtotal += out.lines.back().total;
  }
  out.discount = d.discount;
  out.total = out.subtotal - out.discount;
  return out;
}

std::optional<DocumentKind> NextInChain(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kQuote:
      return DocumentKind::kSalesOrder;
    case DocumentKind::kSalesOrder:
      return DocumentKind::kSale;
    case DocumentKind::kSale:
    case DocumentKind::kServiceOrder:
      break;
  }
  return std::nullopt;
}

bool MadeFromFollowup(DocumentKind kind) { return kind != DocumentKind::kServiceOrder; }

std::optional<ChainRefusal> RefuseConvert(const SalesDocument& from) {
  if (!NextInChain(from.kind)) return ChainRefusal::kNotConvertible;
  if (from.status != DocumentStatus::kOpen) return ChainRefusal::kNotOpen;
  return std::nullopt;
}

DocumentBilling BillingOfNewSale(const std::vector<SalesDocument>& followup_documents) {
  for (const SalesDocument& d : followup_documents)
    if (d.kind == DocumentKind::kSale && d.status != DocumentStatus::kCancelled)
      return DocumentBilling::kExcess;
  return DocumentBilling::kRegular;
}

std::optional<ReopenBlock> ReopenBlockOf(const std::vector<SalesDocument>& followup_documents) {
  for (const SalesDocument& d : followup_documents)
    if (d.kind == DocumentKind::kSale && d.billing == DocumentBilling::kExcess &&
        d.status != DocumentStatus::kCancelled)
      return ReopenBlock{ReopenBlock::Why::kExcessSale, d.id, d.number};
  for (const SalesDocument& d : followup_documents)
    if (d.kind == DocumentKind::kSalesOrder && d.status == DocumentStatus::kOpen)
      return ReopenBlock{ReopenBlock::Why::kOpenOrder, d.id, d.number};
  return std::nullopt;
}

std::optional<ReopenRefusal> RefuseReopenRequest(FollowupStatus status,
                                                 const std::optional<ReopenBlock>& block) {
  if (status != FollowupStatus::kClosed) return ReopenRefusal::kNotClosed;
  if (block) {
    return block->why == ReopenBlock::Why::kExcessSale ? ReopenRefusal::kExcessSale
                                                       : ReopenRefusal::kOpenOrder;
  }
  return std::nullopt;
}

std::optional<ReopenRefusal> RefuseReopen(const Viewer& v, FollowupStatus status,
                                          const std::optional<ReopenBlock>& block) {
  if (auto r = RefuseReopenRequest(status, block)) return r;
  if (!CanReopen(v)) return ReopenRefusal::kNeedsRight;
  return std::nullopt;
}

}  // namespace retorno
