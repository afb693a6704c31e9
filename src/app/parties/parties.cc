#include "app/parties/parties.h"

#include "app/audit/audit.h"
#include "app/errors.h"
#include "base/status_macros.h"
#include "domain/permissions.h"
#include "domain/tax_id.h"
#include "domain/validation.h"

namespace retorno {

void CheckContact(const std::string& prefix, const Contact& c, Issues& issues) {
  if (!IsOneLine(c.name))
    issues.Add(prefix + "name", "line_break");
  else if (c.name.size() > 120 || !IsCleanText(c.name))
    issues.Add(prefix + "name", "invalid_text");
  if (!c.email.empty() && !IsValidEmail(c.email)) issues.Add(prefix + "email", "invalid_email");
  if (!c.phone.empty() && !IsValidPhone(c.phone)) issues.Add(prefix + "phone", "invalid_phone");
  if (!c.whatsapp.empty() && !IsValidPhone(c.whatsapp))
    issues.Add(prefix + "whatsapp", "invalid_phone");
}

namespace {

// The tax id is stored normalised (digits only for CPF and CNPJ), whatever
// punctuation it was typed with.
void NormalizeTaxIdField(Party& p, Issues& issues) {
  if (std::optional<std::string> n = NormalizeTaxId(p.tax_id))
    p.tax_id = *std::move(n);
  else
    issues.Add("tax_id", "invalid_tax_id");
}

// The checks of a party's own fields, on creation and on every edit.
void CheckPartyFields(const Party& p, Issues& issues) {
  if (!IsValidCode(p.code)) issues.Add("code", p.code.empty() ? "required" : "invalid_code");
  if (p.name.empty())
    issues.Add("name", "required");
  else if (!IsOneLine(p.name))
    issues.Add("name", "line_break");
  else if (p.name.size() > 160 || !IsCleanText(p.name))
    issues.Add("name", "invalid_text");
  CheckContact("", Contact{"", p.email, p.phone, p.whatsapp}, issues);
  if (p.contacts.size() > 50) issues.Add("contacts", "too_many");
  for (size_t i = 0; i < p.contacts.size(); ++i) {
    std::string prefix = "contacts[" + std::to_string(i) + "].";
    if (p.contacts[i].name.empty()) issues.Add(prefix + "name", "required");
    CheckContact(prefix, p.contacts[i], issues);
  }
}

// The branch and owner must exist; returns the owner, when there is one. A retired
// branch is refused when the caller chose it (`branch_chosen`); a party keeps the one it has.
absl::StatusOr<std::optional<User>> CheckPartyRefs(Tx& tx, const Party& p, Issues& issues,
                                                   bool branch_chosen) {
  if (p.branch_id) {
    ASSIGN_OR_RETURN(std::optional<Branch> b, tx.accounts().FindBranch(*p.branch_id));
    if (!b)
      issues.Add("branch_id", "unknown_branch");
    else if (!b->active && branch_chosen)
      issues.Add("branch_id", "retired");
  }
  std::optional<User> owner;
  if (p.owner_id) {
    ASSIGN_OR_RETURN(owner, tx.accounts().FindUser(*p.owner_id));
    if (!owner) issues.Add("owner_id", "unknown_user");
  }
  return owner;
}

// Who the party is given to and where it is put, on creation (no `before`) and on
// every edit: handing it to someone else follows the follow-up rule (agents keep
// theirs); nor may it be put out of the editor's reach (an agent leaving it ownerless)
// or in a branch that is not theirs (CanPlaceParty).
void CheckPartyPlacement(const Viewer& viewer, const std::optional<Party>& before,
                         const Party& after, const std::optional<User>& owner, Issues& issues) {
  const bool owner_changed = !before || after.owner_id != before->owner_id;
  if (owner_changed && after.owner_id) {
    if (owner && !CanAssignTo(viewer, owner->id, owner->branch_id))
      issues.Add("owner_id", "not_allowed");
  } else if (owner_changed && !CanEditParty(viewer, after.owner_id, after.branch_id)) {
    issues.Add("owner_id", "not_allowed");
  }
  if ((!before || after.branch_id != before->branch_id) &&
      !CanPlaceParty(viewer, after.owner_id, after.branch_id))
    issues.Add("branch_id", "branch_not_allowed");
}

}  // namespace

absl::StatusOr<Party> PartyService::Create(const AuthContext& ctx, Party p, absl::Time now) {
  Issues issues;
  NormalizeTaxIdField(p, issues);
  CheckPartyFields(p, issues);
  if (!p.owner_id) p.owner_id = ctx.user.id;
  const bool branch_chosen = p.branch_id.has_value();
  if (!p.branch_id) p.branch_id = ctx.user.branch_id;
  p.created_at = now;
  p.version = 1;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<User> owner, CheckPartyRefs(tx, p, issues, branch_chosen));
    CheckPartyPlacement(ctx.viewer(), std::nullopt, p, owner, issues);
    RETURN_IF_ERROR(issues.ToStatus());
    auto id = tx.parties().InsertParty(p);
    if (absl::IsAlreadyExists(id.status())) return FieldError("code", "taken");
    RETURN_IF_ERROR(id.status());
    p.id = *id;
    RETURN_IF_ERROR(audit::Record(tx, audit::Who(ctx), "party", p.id, audit::Action::kCreate,
                                  nullptr, audit::ValuesOf(p)));
    if (observer_ != nullptr) RETURN_IF_ERROR(observer_->OnPartyCreated(tx, p, now));
    return absl::OkStatus();
  }));
  return p;
}

absl::StatusOr<Party> PartyService::Update(const AuthContext& ctx, PartyId id,
                                           const PartyPatch& patch, absl::Time now) {
  Party after;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Party> before, tx.parties().FindParty(id));
    if (!before) return CodedError(ErrorCode::kPartyNotFound);
    const Viewer viewer = ctx.viewer();
    if (!CanEditParty(viewer, before->owner_id, before->branch_id))
      return CodedError(ErrorCode::kForbiddenParty);
    if (patch.expected_version && *patch.expected_version != before->version)
      return CodedError(ErrorCode::kVersion);
    after = *before;
    if (patch.code) after.code = *patch.code;
    if (patch.kind) after.kind = *patch.kind;
    if (patch.name) after.name = *patch.name;
    if (patch.email) after.email = *patch.email;
    if (patch.phone) after.phone = *patch.phone;
    if (patch.whatsapp) after.whatsapp = *patch.whatsapp;
    if (patch.tax_id) after.tax_id = *patch.tax_id;
    if (patch.birthday) after.birthday = *patch.birthday;
    if (patch.branch_id) after.branch_id = *patch.branch_id;
    if (patch.owner_id) after.owner_id = *patch.owner_id;
    if (patch.contacts) after.contacts = *patch.contacts;
    Issues issues;
    if (patch.tax_id) NormalizeTaxIdField(after, issues);
    CheckPartyFields(after, issues);
    ASSIGN_OR_RETURN(std::optional<User> owner,
                     CheckPartyRefs(tx, after, issues, after.branch_id != before->branch_id));
    CheckPartyPlacement(viewer, before, after, owner, issues);
    RETURN_IF_ERROR(issues.ToStatus());
    auto version = tx.parties().UpdateParty(after);
    if (absl::IsAlreadyExists(version.status())) return FieldError("code", "taken");
    RETURN_IF_ERROR(version.status());
    after.version = *version;
    RETURN_IF_ERROR(audit::Record(tx, audit::Who(ctx), "party", id, audit::Action::kUpdate,
                                  audit::ValuesOf(*before), audit::ValuesOf(after)));
    if (observer_ != nullptr) RETURN_IF_ERROR(observer_->OnPartyChanged(tx, *before, after, now));
    return absl::OkStatus();
  }));
  return after;
}

absl::StatusOr<Party> PartyService::Get(PartyId id) {
  std::optional<Party> p;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(p, tx.parties().FindParty(id));
    return absl::OkStatus();
  }));
  if (!p) return CodedError(ErrorCode::kPartyNotFound);
  return *p;
}

absl::StatusOr<std::vector<Party>> PartyService::Search(const std::string& q,
                                                        std::optional<PartyKind> kind, int limit) {
  std::vector<Party> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(out, tx.parties().SearchParties(q, kind, limit));
    return absl::OkStatus();
  }));
  return out;
}

}  // namespace retorno
