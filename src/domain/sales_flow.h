// Documents made from a follow-up (manual 001) and the reopen rules they bring (manual
// 003), as pure functions (ADR 0042): a document's totals in integer minor units, the
// chain quote -> sales order -> sale, when a sale is an excess sale, and whether a
// closed follow-up may be reopened or a reopening asked for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/model.h"
#include "domain/permissions.h"

namespace retorno {

// ---- Totals. Amounts are integers in the currency's minor units (centavos); a
// line's discount is in hundredths of a percent (1050 = 10.5 %).

struct LineTotal {
  int64_t gross = 0;     // quantity x unit price, rounded half away from zero
  int64_t discount = 0;  // gross x discount, rounded half away from zero
  int64_t total = 0;     // gross - discount
  bool operator==(const LineTotal&) const = default;
};

struct DocumentTotals {
  std::vector<LineTotal> lines;
  int64_t subtotal = 0;  // the lines' totals
  int64_t discount = 0;  // the document's own discount
  int64_t total = 0;     // subtotal - discount
};

// The largest amount a line or document may reach (a billion units of the currency), so
// that no sum of 500 lines overflows.
inline constexpr int64_t kMaxAmount = 100'000'000'000;

LineTotal TotalOfLine(double quantity, int64_t unit_price, int discount_bp);
DocumentTotals TotalsOf(const SalesDocument& d);

// ---- The chain.

// What a document of `kind` converts into: a quote into a sales order, a sales order
// into a sale; nothing else converts.
std::optional<DocumentKind> NextInChain(DocumentKind kind);

// The kinds a follow-up's buttons make (manual 001).
bool MadeFromFollowup(DocumentKind kind);

enum class ChainRefusal {
  kNotConvertible,  // a sale or a service order is the chain's end
  kNotOpen,         // converted already (completed) or cancelled
};
std::optional<ChainRefusal> RefuseConvert(const SalesDocument& from);

// The billing of a new sale on a follow-up: an excess sale when the follow-up already
// produced a sale that is not cancelled (manual 003: the new products form a contract
// of their own).
DocumentBilling BillingOfNewSale(const std::vector<SalesDocument>& followup_documents);

// ---- Reopening (manual 003).

// What the follow-up's documents say about reopening it: its excess sale (any that is
// not cancelled), else its sales order still open. The number names it in the refusal.
struct ReopenBlock {
  enum class Why { kExcessSale, kOpenOrder } why;
  DocumentId document_id;
  std::string number;
};
std::optional<ReopenBlock> ReopenBlockOf(const std::vector<SalesDocument>& followup_documents);

enum class ReopenRefusal {
  kNotClosed,   // it is open
  kExcessSale,  // it produced an excess sale: it stays closed
  kOpenOrder,   // it has a sales order: cancel the order first
  kNeedsRight,  // the viewer may not reopen (an agent may ask a supervisor)
};

// In this order: the follow-up is closed; no excess sale; no open order; then who asks.
std::optional<ReopenRefusal> RefuseReopen(const Viewer& v, FollowupStatus status,
                                          const std::optional<ReopenBlock>& block);
// The same for asking a supervisor: every rule but who asks.
std::optional<ReopenRefusal> RefuseReopenRequest(FollowupStatus status,
                                                 const std::optional<ReopenBlock>& block);

}  // namespace retorno
