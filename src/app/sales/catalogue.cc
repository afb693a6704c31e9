#include "app/sales/catalogue.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "app/audit/audit.h"
#include "app/errors.h"
#include "app/mail/mail_compose.h"
#include "app/sales/sales_common.h"
#include "base/status_macros.h"
#include "base/strings.h"
#include "base/time_util.h"
#include "domain/automatic.h"
#include "domain/csv_table.h"
#include "domain/permissions.h"
#include "domain/state.h"
#include "domain/templates.h"
#include "domain/time_zone.h"
#include "domain/validation.h"

namespace retorno {

// ---------------------------------------------------------------------------------
// Catalogue

absl::StatusOr<CatalogItem> CatalogService::Create(const AuthContext& ctx, const CatalogInput& in,
                                                   absl::Time now) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  CatalogItem c;
  c.created_at = c.updated_at = now;
  if (in.code) c.code = *in.code;
  if (in.kind) c.kind = *in.kind;
  if (in.name) c.name = *in.name;
  if (in.active) c.active = *in.active;
  if (in.followup_days) c.followup_days = *in.followup_days;
  if (in.followup) c.followup = *in.followup;
  Issues issues;
  if (!IsValidCode(c.code)) issues.Add("code", c.code.empty() ? "required" : "invalid_code");
  if (!in.kind) issues.Add("kind", "required");
  CheckName("name", c.name, kMaxName, true, issues);
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    RETURN_IF_ERROR(ValidateCatalogItem(tx, c, issues));
    auto id = tx.sales().InsertCatalogItem(c);
    if (absl::IsAlreadyExists(id.status())) return FieldError("code", "taken");
    RETURN_IF_ERROR(id.status());
    c.id = *id;
    return audit::Record(tx, audit::Who(ctx, now), "catalog_item", c.id, audit::Action::kCreate,
                         nullptr, audit::ValuesOf(c));
  }));
  return c;
}

absl::StatusOr<CatalogItem> CatalogService::Update(const AuthContext& ctx, CatalogItemId id,
                                                   const CatalogInput& in, absl::Time now) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  CatalogItem c;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<CatalogItem> found, tx.sales().FindCatalogItem(id));
    if (!found) return CodedError(ErrorCode::kCatalogItemNotFound);
    c = *std::move(found);
    const nlohmann::json before = audit::ValuesOf(c);
    Issues issues;
    if (in.code) {
      c.code = *in.code;
      if (!IsValidCode(c.code)) issues.Add("code", c.code.empty() ? "required" : "invalid_code");
    }
    if (in.kind) c.kind = *in.kind;
    if (in.name) {
      c.name = *in.name;
      CheckName("name", c.name, kMaxName, true, issues);
    }
    if (in.active) c.active = *in.active;
    if (in.followup_days) c.followup_days = *in.followup_days;
    if (in.followup) c.followup = *in.followup;
    c.updated_at = now;
    RETURN_IF_ERROR(ValidateCatalogItem(tx, c, issues));
    absl::Status st = tx.sales().UpdateCatalogItem(c);
    if (absl::IsAlreadyExists(st)) return FieldError("code", "taken");
    RETURN_IF_ERROR(st);
    return audit::Record(tx, audit::Who(ctx, now), "catalog_item", c.id, audit::Action::kUpdate,
                         before, audit::ValuesOf(c));
  }));
  return c;
}

absl::Status CatalogService::ValidateCatalogItem(Tx& tx, const CatalogItem& c, Issues& issues) {
  if (c.followup_days && (*c.followup_days < 1 || *c.followup_days > 3650))
    issues.Add("followup_days", "out_of_range");
  CheckTemplate("followup.", c.followup, issues);
  if (!c.followup.category.empty()) {
    ASSIGN_OR_RETURN(std::optional<CodeItem> k,
                     tx.accounts().FindCode(CodeTable::kCategory, c.followup.category));
    if (!k) issues.Add("followup.category", "unknown_code");
  }
  if (!c.followup.type.empty()) {
    ASSIGN_OR_RETURN(std::optional<CodeItem> k,
                     tx.accounts().FindCode(CodeTable::kContactType, c.followup.type));
    if (!k) issues.Add("followup.type", "unknown_code");
  }
  return issues.ToStatus();
}

absl::StatusOr<std::vector<CatalogItem>> CatalogService::Search(const std::string& q,
                                                                std::optional<CatalogKind> kind,
                                                                int limit) {
  std::vector<CatalogItem> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(out, tx.sales().SearchCatalog(q, kind, std::clamp(limit, 1, 500)));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace retorno
