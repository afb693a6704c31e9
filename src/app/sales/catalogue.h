// The catalogue of products and services (manual 002), with the follow-up template
// an item carries for the automatic follow-ups of its sales.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/errors.h"
#include "app/ports.h"

namespace retorno {

struct CatalogInput {
  std::optional<std::string> code;
  std::optional<CatalogKind> kind;
  std::optional<std::string> name;
  std::optional<bool> active;
  std::optional<std::optional<int>> followup_days;
  std::optional<FollowupTemplate> followup;
};

class CatalogService {
 public:
  explicit CatalogService(Store& store) : store_(store) {}
  // Admins only (PermissionDenied "admin_only").
  absl::StatusOr<CatalogItem> Create(const AuthContext& ctx, const CatalogInput& in,
                                     absl::Time now);
  absl::StatusOr<CatalogItem> Update(const AuthContext& ctx, CatalogItemId id,
                                     const CatalogInput& in, absl::Time now);
  absl::StatusOr<std::vector<CatalogItem>> Search(const std::string& q,
                                                  std::optional<CatalogKind> kind, int limit);

 private:
  absl::Status ValidateCatalogItem(Tx& tx, const CatalogItem& c, Issues& issues);
  Store& store_;
};

}  // namespace retorno
