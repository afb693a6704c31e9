#include "app/parties.h"

#include "app/errors.h"
#include "base/status_macros.h"
#include "domain/validation.h"

namespace retorno {

void CheckContact(const std::string& prefix, const Contact& c, Issues& issues) {
  if (c.name.size() > 120 || !IsCleanText(c.name)) issues.Add(prefix + "name", "invalid_text");
  if (!c.email.empty() && !IsValidEmail(c.email)) issues.Add(prefix + "email", "invalid_email");
  if (!c.phone.empty() && !IsValidPhone(c.phone)) issues.Add(prefix + "phone", "invalid_phone");
  if (!c.whatsapp.empty() && !IsValidPhone(c.whatsapp))
    issues.Add(prefix + "whatsapp", "invalid_phone");
}

absl::StatusOr<Party> PartyService::Create(const AuthContext& ctx, Party p, absl::Time now) {
  Issues issues;
  if (!IsValidCode(p.code)) issues.Add("code", p.code.empty() ? "required" : "invalid_code");
  if (p.name.empty())
    issues.Add("name", "required");
  else if (p.name.size() > 160 || !IsCleanText(p.name))
    issues.Add("name", "invalid_text");
  CheckContact("", Contact{"", p.email, p.phone, p.whatsapp}, issues);
  if (p.contacts.size() > 50) issues.Add("contacts", "too_many");
  for (size_t i = 0; i < p.contacts.size(); ++i) {
    std::string prefix = "contacts[" + std::to_string(i) + "].";
    if (p.contacts[i].name.empty()) issues.Add(prefix + "name", "required");
    CheckContact(prefix, p.contacts[i], issues);
  }
  if (!p.owner_id) p.owner_id = ctx.user.id;
  if (!p.branch_id) p.branch_id = ctx.user.branch_id;
  p.created_at = now;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    if (p.branch_id) {
      ASSIGN_OR_RETURN(std::optional<Branch> b, tx.FindBranch(*p.branch_id));
      if (!b) issues.Add("branch_id", "unknown_branch");
    }
    if (p.owner_id) {
      ASSIGN_OR_RETURN(std::optional<User> u, tx.FindUser(*p.owner_id));
      if (!u) issues.Add("owner_id", "unknown_user");
    }
    RETURN_IF_ERROR(issues.ToStatus());
    auto id = tx.InsertParty(p);
    if (absl::IsAlreadyExists(id.status())) return FieldError("code", "taken");
    RETURN_IF_ERROR(id.status());
    p.id = *id;
    return absl::OkStatus();
  }));
  return p;
}

absl::StatusOr<Party> PartyService::Get(PartyId id) {
  std::optional<Party> p;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(p, tx.FindParty(id));
    return absl::OkStatus();
  }));
  if (!p) return absl::NotFoundError("party");
  return *p;
}

absl::StatusOr<std::vector<Party>> PartyService::Search(const std::string& q,
                                                        std::optional<PartyKind> kind,
                                                        int limit) {
  std::vector<Party> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(out, tx.SearchParties(q, kind, limit));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace retorno
