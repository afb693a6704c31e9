// Documents made from a follow-up and the reopen requests of manual 003 (ADR 0042).
//
// The "Orçamento", "Pedido de venda" and "Venda" buttons of a customer's follow-up
// (manual 001) make a document linked to the follow-up and its party, with priced
// items in the company's currency; a quote converts into an order and an order into a
// sale, each new document pointing at the one it came from. A sale on a follow-up that
// produced a sale already is an excess sale: a contract of its own, which keeps the
// follow-up closed for good once closed. Each step writes a line on the timeline.
//
// Who: whoever may change the follow-up (its owner, their supervisor, an admin) makes,
// converts and cancels its documents; reading follows DocumentService. Reopening a
// closed follow-up is refused while it has an excess sale or an open sales order; an
// agent asks a supervisor (RequestReopen), who approves or refuses from the
// notification, and the agent is notified of the answer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/followups/followups.h"
#include "app/ports.h"
#include "app/sales/documents.h"
#include "domain/sales_flow.h"

namespace retorno {

struct FollowupDocumentLine {
  std::string item_code;
  std::string description;
  std::optional<double> quantity;          // default 1; > 0, up to 3 decimals
  std::optional<int64_t> unit_price;       // minor units; required
  std::optional<double> discount_percent;  // 0..100, up to 2 decimals; default 0
};

struct FollowupDocumentInput {
  std::optional<DocumentKind> kind;  // quote, sales_order or sale
  std::vector<FollowupDocumentLine> items;
  std::optional<int64_t> discount;  // on the whole document, minor units; default 0
};

// A document with its totals (computed, never stored).
struct PricedDocument {
  SalesDocument document;
  DocumentTotals totals;
  Party party;
  bool can_change = false;  // the viewer may convert or cancel it
};

// The follow-up's documents, oldest first, and whether the viewer may make one there now:
// the follow-up is open, the viewer may change it and its party is not a supplier — the
// three buttons of manual 001 are offered only then.
struct FollowupDocuments {
  std::vector<PricedDocument> items;
  bool can_make = false;
};

class FollowupSalesService {
 public:
  FollowupSalesService(Store& store, DocumentService& documents)
      : store_(store), documents_(documents) {}

  // 422 supplier_document on a supplier's follow-up; 409 followup_closed.
  absl::StatusOr<DocumentView> Create(const AuthContext& ctx, FollowupId id,
                                      const FollowupDocumentInput& in, absl::Time now);
  // Quote -> sales order -> sale; the source becomes completed. 409
  // document_not_convertible (a sale, a service order, a document of the ERP) or
  // document_not_open (converted or cancelled already).
  absl::StatusOr<DocumentView> Convert(const AuthContext& ctx, DocumentId id, absl::Time now);
  // The follow-up's documents, oldest first, for whoever may read the follow-up.
  absl::StatusOr<FollowupDocuments> ListForFollowup(const AuthContext& ctx, FollowupId id);

  // 409 reopen_excess_sale / reopen_open_order (naming the document),
  // followup_not_closed, reopen_request_pending.
  absl::StatusOr<ReopenRequest> RequestReopen(const AuthContext& ctx, FollowupId id,
                                              const std::string& reason, absl::Time now);
  // Supervisors of the follow-up's branch and admins: approving reopens the follow-up
  // with the request's reason (the rules checked again); refusing leaves it closed.
  absl::StatusOr<ReopenRequest> ApproveReopen(const AuthContext& ctx, int64_t request_id,
                                              absl::Time now);
  absl::StatusOr<ReopenRequest> RefuseReopen(const AuthContext& ctx, int64_t request_id,
                                             const std::string& answer, absl::Time now);

 private:
  absl::StatusOr<ReopenRequest> Decide(const AuthContext& ctx, int64_t request_id, bool approve,
                                       const std::string& answer, absl::Time now);

  Store& store_;
  DocumentService& documents_;
};

// "R$ 1.234,56" / "MXN 1,234.56": an amount in minor units as the timeline writes it.
std::string MoneyText(int64_t minor, const std::string& currency);

}  // namespace retorno
