#include "app/mailings/mailings.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "app/accounts/user_cache.h"
#include "app/error_codes.h"
#include "app/mail/mail_compose.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/templates.h"
#include "domain/time_zone.h"
#include "domain/validation.h"

namespace retorno {

namespace {

using json = nlohmann::json;

constexpr std::pair<MailingStatus, std::string_view> kMailingStatuses[] = {
    {MailingStatus::kDraft, "draft"},
    {MailingStatus::kQueued, "queued"},
    {MailingStatus::kSending, "sending"},
    {MailingStatus::kDone, "done"}};
constexpr std::pair<RecipientStatus, std::string_view> kRecipientStatuses[] = {
    {RecipientStatus::kQueued, "queued"},
    {RecipientStatus::kSent, "sent"},
    {RecipientStatus::kHeld, "held"},
    {RecipientStatus::kSkippedOptOut, "skipped_opt_out"},
    {RecipientStatus::kBounced, "bounced"}};

constexpr size_t kMaxSubject = 200;
constexpr size_t kMaxBody = 20000;

bool MayMail(const User& u) { return u.role == Role::kAdmin || u.role == Role::kSupervisor; }

// The footer of every message: how to stop receiving them (LGPD), in the mailing's
// language.
std::string UnsubscribeText(std::string_view locale) {
  if (locale == "es") return "Para no recibir más estos mensajes, abra:";
  if (locale == "en") return "To stop receiving these messages, open:";
  return "Para não receber mais estas mensagens, acesse:";
}

}  // namespace

std::string_view ToString(MailingStatus s) {
  for (const auto& [v, name] : kMailingStatuses)
    if (v == s) return name;
  return "queued";
}
std::string_view ToString(RecipientStatus s) {
  for (const auto& [v, name] : kRecipientStatuses)
    if (v == s) return name;
  return "queued";
}
std::optional<MailingStatus> ParseMailingStatus(std::string_view s) {
  for (const auto& [v, name] : kMailingStatuses)
    if (name == s) return v;
  return std::nullopt;
}
std::optional<RecipientStatus> ParseRecipientStatus(std::string_view s) {
  for (const auto& [v, name] : kRecipientStatuses)
    if (name == s) return v;
  return std::nullopt;
}

const std::vector<std::string>& MailingPlaceholders() {
  static const auto* names = new std::vector<std::string>{
      "cliente",          "codigo_cliente",   "contato",     "email_contato",
      "telefone_contato", "whatsapp_contato", "responsavel", "email_responsavel",
      "empresa",          "filial",           "data_hoje"};
  return *names;
}

std::string SelectionToJson(const MailingSelection& s) {
  json o = json::object();
  if (s.branch_id) o["branch_id"] = s.branch_id->value;
  if (!s.category.empty()) o["category"] = s.category;
  if (s.owner_id) o["owner_id"] = s.owner_id->value;
  if (s.kind) o["kind"] = std::string(ToString(*s.kind));
  if (s.product_id) o["product_id"] = s.product_id->value;
  if (s.birthday_month) o["birthday_month"] = *s.birthday_month;
  json picked = json::array(), excluded = json::array();
  for (PartyId id : s.party_ids) picked.push_back(id.value);
  for (PartyId id : s.excluded_ids) excluded.push_back(id.value);
  o["party_ids"] = picked;
  o["excluded_ids"] = excluded;
  return o.dump();
}

absl::StatusOr<MailingSelection> SelectionFromJson(const std::string& text) {
  json o = json::parse(text, nullptr, false);
  if (!o.is_object()) return absl::DataLossError("stored mailing filter is not JSON");
  MailingSelection s;
  if (o.contains("branch_id")) s.branch_id = BranchId(o["branch_id"].get<int64_t>());
  if (o.contains("category")) s.category = o["category"].get<std::string>();
  if (o.contains("owner_id")) s.owner_id = UserId(o["owner_id"].get<int64_t>());
  if (o.contains("kind")) s.kind = ParsePartyKind(o["kind"].get<std::string>());
  if (o.contains("product_id")) s.product_id = CatalogItemId(o["product_id"].get<int64_t>());
  if (o.contains("birthday_month")) s.birthday_month = o["birthday_month"].get<int>();
  for (const json& v : o.value("party_ids", json::array()))
    s.party_ids.push_back(PartyId(v.get<int64_t>()));
  for (const json& v : o.value("excluded_ids", json::array()))
    s.excluded_ids.push_back(PartyId(v.get<int64_t>()));
  return s;
}

absl::Status MailingService::CheckSelection(Tx& tx, MailingRepository& repo, const AuthContext& ctx,
                                            MailingSelection& s, Issues& issues) {
  if (!MayMail(ctx.user)) return CodedError(ErrorCode::kMissingRight);
  auto sort_unique = [](std::vector<PartyId>& ids) {
    std::sort(ids.begin(), ids.end(), [](PartyId a, PartyId b) { return a.value < b.value; });
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  };
  sort_unique(s.party_ids);
  sort_unique(s.excluded_ids);
  if (s.party_ids.size() > options_.max_picked) issues.Add("filter.party_ids", "too_many");
  if (s.excluded_ids.size() > options_.max_picked) issues.Add("filter.excluded_ids", "too_many");
  if (s.branch_id) {
    ASSIGN_OR_RETURN(std::optional<Branch> b, tx.accounts().FindBranch(*s.branch_id));
    if (!b) issues.Add("filter.branch_id", "unknown_branch");
  }
  if (s.owner_id) {
    ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(*s.owner_id));
    if (!u) issues.Add("filter.owner_id", "unknown_user");
  }
  if (!s.category.empty()) {
    ASSIGN_OR_RETURN(std::optional<CodeItem> c,
                     tx.accounts().FindCode(CodeTable::kCategory, s.category));
    if (!c) issues.Add("filter.category", "unknown_code");
  }
  if (s.product_id) {
    ASSIGN_OR_RETURN(std::optional<CatalogItem> item, tx.sales().FindCatalogItem(*s.product_id));
    if (!item) issues.Add("filter.product_id", "invalid_id");
  }
  if (s.birthday_month && (*s.birthday_month < 1 || *s.birthday_month > 12))
    issues.Add("filter.birthday_month", "out_of_range");
  RETURN_IF_ERROR(issues.ToStatus());
  if (!s.party_ids.empty()) {
    MailingSelection only;
    only.party_ids = s.party_ids;
    ASSIGN_OR_RETURN(int64_t found, repo.CountParties(only));
    if (found != static_cast<int64_t>(s.party_ids.size())) {
      issues.Add("filter.party_ids", "unknown_party");
      return issues.ToStatus();
    }
  }
  if (ctx.user.role == Role::kSupervisor) {
    // A supervisor mails their branch's people only.
    if (!ctx.user.branch_id) return CodedError(ErrorCode::kMissingRight);
    if (s.branch_id && *s.branch_id != *ctx.user.branch_id)
      return CodedError(ErrorCode::kFilterNotAllowed);
    s.branch_id = ctx.user.branch_id;
    if (!s.party_ids.empty()) {
      MailingSelection mine;
      mine.party_ids = s.party_ids;
      mine.branch_id = ctx.user.branch_id;
      ASSIGN_OR_RETURN(int64_t reachable, repo.CountParties(mine));
      if (reachable != static_cast<int64_t>(s.party_ids.size()))
        return CodedError(ErrorCode::kForbiddenParty);
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<RecipientPreview> MailingService::Preview(const AuthContext& ctx,
                                                         MailingSelection selection, int limit) {
  RecipientPreview out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    std::unique_ptr<MailingRepository> repo = mailings_.In(tx);
    Issues issues;
    RETURN_IF_ERROR(CheckSelection(tx, *repo, ctx, selection, issues));
    ASSIGN_OR_RETURN(out.count, repo->CountParties(selection));
    ASSIGN_OR_RETURN(out.first,
                     repo->SelectParties(selection, PartyId(0), std::clamp(limit, 1, 500)));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<std::string>> MailingService::Senders(const AuthContext& ctx) {
  if (!MayMail(ctx.user)) return CodedError(ErrorCode::kMissingRight);
  std::vector<std::string> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    out.push_back(settings.company_name);
    ASSIGN_OR_RETURN(std::vector<Branch> branches, tx.accounts().ListBranches());
    for (const Branch& b : branches)
      if (b.active && std::find(out.begin(), out.end(), b.name) == out.end()) out.push_back(b.name);
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<MailingView> MailingService::ViewOf(Tx& tx, MailingRepository& repo, Mailing m) {
  MailingView v;
  ASSIGN_OR_RETURN(v.counts, repo.CountRecipients(m.id));
  ASSIGN_OR_RETURN(std::vector<MailAttachment> files, repo.ListAttachments(m.id, false));
  for (const MailAttachment& f : files) v.attachments.push_back(f.file_name);
  ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(m.created_by));
  if (u) v.created_by_name = u->name;
  v.mailing = std::move(m);
  return v;
}

absl::Status MailingService::CanSee(const AuthContext& ctx, const Mailing& m) {
  if (!MayMail(ctx.user)) return CodedError(ErrorCode::kMissingRight);
  if (ctx.user.role == Role::kSupervisor &&
      (!ctx.user.branch_id || m.branch_id != ctx.user.branch_id))
    return CodedError(ErrorCode::kNotFound);
  return absl::OkStatus();
}

absl::StatusOr<MailingView> MailingService::Create(const AuthContext& ctx, MailingInput in,
                                                   absl::Time now) {
  if (!MayMail(ctx.user)) return CodedError(ErrorCode::kMissingRight);
  Issues issues;
  CheckTemplateText("subject", in.subject, kMaxSubject, true, issues);
  CheckTemplateText("body", in.body, kMaxBody, true, issues);
  // Only what a person has: a follow-up's placeholders would hold every message.
  const std::pair<const char*, const std::string*> texts[] = {{"subject", &in.subject},
                                                              {"body", &in.body}};
  for (const auto& [field, text] : texts) {
    for (const std::string& token : PlaceholdersIn(*text)) {
      bool ok = true;
      size_t start = 0;
      while (start <= token.size()) {
        size_t bar = token.find('|', start);
        std::string_view name = std::string_view(token).substr(
            start, bar == std::string::npos ? std::string::npos : bar - start);
        const std::vector<std::string>& allowed = MailingPlaceholders();
        if (std::find(allowed.begin(), allowed.end(), CanonicalPlaceholder(name)) == allowed.end())
          ok = false;
        if (bar == std::string::npos) break;
        start = bar + 1;
      }
      if (!ok) {
        issues.Add(field, "unknown_placeholder");
        break;
      }
    }
  }
  if (static_cast<int>(in.attachments.size()) > options_.max_attachments)
    issues.Add("attachments", "too_many");
  for (size_t i = 0; i < in.attachments.size(); ++i) {
    const MailAttachment& f = in.attachments[i];
    if (f.bytes.empty()) issues.Add(absl::StrCat("attachments[", i, "]"), "empty_file");
    if (f.bytes.size() > options_.max_attachment_bytes)
      issues.Add(absl::StrCat("attachments[", i, "]"), "too_long");
    if (f.file_name.empty() || f.file_name.size() > 255 || !IsCleanText(f.file_name))
      issues.Add(absl::StrCat("attachments[", i, "]"), "invalid_value");
  }
  // The type of the bytes themselves, never the client's word for it.
  for (MailAttachment& f : in.attachments) f.content_type = sniffer_.Sniff(f.bytes);
  MailingView view;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    std::unique_ptr<MailingRepository> repo = mailings_.In(tx);
    RETURN_IF_ERROR(CheckSelection(tx, *repo, ctx, in.selection, issues));
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    if (in.sender_name.empty()) in.sender_name = settings.company_name;
    if (in.sender_name != settings.company_name) {
      ASSIGN_OR_RETURN(std::vector<Branch> branches, tx.accounts().ListBranches());
      if (std::none_of(branches.begin(), branches.end(),
                       [&](const Branch& b) { return b.active && b.name == in.sender_name; }))
        issues.Add("sender_name", "invalid_value");
    }
    RETURN_IF_ERROR(issues.ToStatus());
    Mailing m;
    m.subject = in.subject;
    m.body = in.body;
    m.sender_name = in.sender_name;
    m.filter = SelectionToJson(in.selection);
    m.locale = TemplateLocale(ctx.user.locale);
    m.status = MailingStatus::kQueued;
    ASSIGN_OR_RETURN(m.total, repo->CountParties(in.selection));
    m.created_by = ctx.user.id;
    if (ctx.user.role == Role::kSupervisor) m.branch_id = ctx.user.branch_id;
    m.created_at = now;
    m.updated_at = now;
    ASSIGN_OR_RETURN(m.id, repo->InsertMailing(m));
    for (size_t i = 0; i < in.attachments.size(); ++i)
      RETURN_IF_ERROR(repo->InsertAttachment(m.id, static_cast<int>(i), in.attachments[i]));
    ASSIGN_OR_RETURN(view, ViewOf(tx, *repo, std::move(m)));
    return absl::OkStatus();
  }));
  return view;
}

absl::StatusOr<std::vector<MailingView>> MailingService::List(const AuthContext& ctx, int limit) {
  if (!MayMail(ctx.user)) return CodedError(ErrorCode::kMissingRight);
  std::vector<MailingView> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    std::unique_ptr<MailingRepository> repo = mailings_.In(tx);
    std::optional<BranchId> scope;
    if (ctx.user.role == Role::kSupervisor) {
      if (!ctx.user.branch_id) return absl::OkStatus();
      scope = ctx.user.branch_id;
    }
    ASSIGN_OR_RETURN(std::vector<Mailing> list,
                     repo->ListMailings(scope, std::clamp(limit, 1, 200)));
    for (Mailing& m : list) {
      ASSIGN_OR_RETURN(MailingView v, ViewOf(tx, *repo, std::move(m)));
      out.push_back(std::move(v));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<MailingView> MailingService::Get(const AuthContext& ctx, MailingId id) {
  if (!MayMail(ctx.user)) return CodedError(ErrorCode::kMissingRight);
  MailingView v;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    std::unique_ptr<MailingRepository> repo = mailings_.In(tx);
    ASSIGN_OR_RETURN(std::optional<Mailing> m, repo->FindMailing(id));
    if (!m) return CodedError(ErrorCode::kNotFound);
    RETURN_IF_ERROR(CanSee(ctx, *m));
    ASSIGN_OR_RETURN(v, ViewOf(tx, *repo, *std::move(m)));
    return absl::OkStatus();
  }));
  return v;
}

absl::StatusOr<std::vector<MailingRecipient>> MailingService::Recipients(
    const AuthContext& ctx, MailingId id, std::optional<RecipientStatus> status, int64_t after_id,
    int limit) {
  if (!MayMail(ctx.user)) return CodedError(ErrorCode::kMissingRight);
  std::vector<MailingRecipient> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    std::unique_ptr<MailingRepository> repo = mailings_.In(tx);
    ASSIGN_OR_RETURN(std::optional<Mailing> m, repo->FindMailing(id));
    if (!m) return CodedError(ErrorCode::kNotFound);
    RETURN_IF_ERROR(CanSee(ctx, *m));
    ASSIGN_OR_RETURN(out, repo->ListRecipients({.mailing_id = id,
                                                .status = status,
                                                .after_id = after_id,
                                                .limit = std::clamp(limit, 1, 1000)}));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<MailingRecipient>> MailingService::PartyHistory(const AuthContext& ctx,
                                                                           PartyId id, int limit) {
  if (!MayMail(ctx.user)) return CodedError(ErrorCode::kMissingRight);
  std::vector<MailingRecipient> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Party> p, tx.parties().FindParty(id));
    if (!p) return CodedError(ErrorCode::kPartyNotFound);
    if (ctx.user.role == Role::kSupervisor &&
        (!ctx.user.branch_id || p->branch_id != ctx.user.branch_id))
      return CodedError(ErrorCode::kForbiddenParty);
    std::unique_ptr<MailingRepository> repo = mailings_.In(tx);
    ASSIGN_OR_RETURN(out,
                     repo->ListRecipients({.party_id = id, .limit = std::clamp(limit, 1, 500)}));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<bool> MailingService::ProcessNext(const std::string& worker, absl::Time now,
                                                 absl::Duration lease) {
  bool more = false;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    std::unique_ptr<MailingRepository> repo = mailings_.In(tx);
    ASSIGN_OR_RETURN(std::optional<Mailing> claimed, repo->ClaimMailing(now, worker, now + lease));
    if (!claimed) return absl::OkStatus();
    Mailing& m = *claimed;
    ASSIGN_OR_RETURN(MailingSelection selection, SelectionFromJson(m.filter));
    ASSIGN_OR_RETURN(std::vector<SelectedParty> batch,
                     repo->SelectParties(selection, m.last_party_id, options_.batch));
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    ASSIGN_OR_RETURN(StoredSmtp smtp, tx.messaging().GetSmtp());
    UserCache people(tx);  // the batch's owners and branches, each read once
    std::map<std::string, absl::CivilDay> today_in;  // by zone name
    const std::string base = options_.public_url();
    for (const SelectedParty& sp : batch) {
      const Party& p = sp.party;
      m.last_party_id = p.id;
      MailingRecipient r;
      r.mailing_id = m.id;
      r.party_id = p.id;
      r.email = !p.email.empty() ? p.email : sp.contact_email;
      r.created_at = now;
      if (sp.opted_out) {
        r.status = RecipientStatus::kSkippedOptOut;
        ++m.skipped;
        RETURN_IF_ERROR(repo->InsertRecipient(r).status());
        continue;
      }
      PlaceholderValues v;
      v["cliente"] = p.name;
      v["codigo_cliente"] = p.code;
      v["contato"] = sp.contact_name;
      v["email_contato"] = r.email;
      v["telefone_contato"] = p.phone;
      v["whatsapp_contato"] = p.whatsapp;
      v["empresa"] = settings.company_name;
      std::string owner_zone, branch_zone;
      if (p.owner_id) {
        ASSIGN_OR_RETURN(const User* owner, people.Find(*p.owner_id));
        if (owner) {
          v["responsavel"] = owner->name;
          v["email_responsavel"] = owner->email;
          owner_zone = owner->time_zone;
        }
      }
      if (p.branch_id) {
        ASSIGN_OR_RETURN(const Branch* branch, people.FindBranch(*p.branch_id));
        if (branch) {
          v["filial"] = branch->name;
          branch_zone = branch->time_zone;
        }
      }
      // "Today" of the person's owner, else branch, else the organisation's.
      const absl::TimeZone zone = ChooseZone(owner_zone, branch_zone, settings.time_zone);
      v["data_hoje"] = FormatDayFor(DayIn(now, zone), m.locale);
      OutboxMessage out;
      std::vector<std::string> missing = RenderInto(out, m.subject, m.body, v);
      if (r.email.empty() || !IsValidEmail(r.email)) missing.insert(missing.begin(), "email");
      if (!missing.empty()) {
        r.status = RecipientStatus::kHeld;
        r.missing = std::move(missing);
        ++m.held;
        RETURN_IF_ERROR(repo->InsertRecipient(r).status());
        continue;
      }
      r.token = crypto_.RandomToken();
      const std::string link = absl::StrCat(base, "/api/v1/mailings/unsubscribe/", r.token);
      absl::StrAppend(&out.text, "\n\n--\n", UnsubscribeText(m.locale), "\n", link, "\n");
      absl::StrAppend(&out.html, "\n<hr>\n<p>", HtmlEscape(UnsubscribeText(m.locale)),
                      " <a href=\"", HtmlEscape(link), "\">", HtmlEscape(link), "</a></p>");
      out.kind = OutboxKind::kCustomer;
      out.to = {r.email};
      out.message_id = NewMessageId(crypto_, smtp.settings.sender_email);
      out.state = OutboxState::kQueued;
      out.created_at = now;
      out.next_attempt_at = now;
      ASSIGN_OR_RETURN(int64_t outbox_id, tx.messaging().InsertOutbox(out));
      r.outbox_id = outbox_id;
      r.status = RecipientStatus::kQueued;
      ++m.queued;
      RETURN_IF_ERROR(repo->InsertRecipient(r).status());
    }
    m.updated_at = now;
    if (static_cast<int>(batch.size()) < options_.batch) {
      m.status = MailingStatus::kDone;
      m.finished_at = now;
    } else {
      m.status = MailingStatus::kSending;
    }
    // Another mailing may be waiting behind this one: look again at once rather than a
    // tick later, so mailings queued together go out together.
    more = true;
    return repo->SaveProgress(m, worker);
  }));
  return more;
}

absl::StatusOr<UnsubscribeView> MailingService::LookUpToken(const std::string& token) {
  UnsubscribeView v;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    std::unique_ptr<MailingRepository> repo = mailings_.In(tx);
    ASSIGN_OR_RETURN(std::optional<MailingRecipient> r, repo->FindRecipientByToken(token));
    if (!r) return CodedError(ErrorCode::kNotFound);
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    v.party_name = r->party_name;
    v.company_name = settings.company_name;
    ASSIGN_OR_RETURN(v.opted_out, repo->IsOptedOut(r->party_id));
    return absl::OkStatus();
  }));
  return v;
}

absl::StatusOr<UnsubscribeView> MailingService::Unsubscribe(const std::string& token,
                                                            absl::Time now) {
  UnsubscribeView v;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    std::unique_ptr<MailingRepository> repo = mailings_.In(tx);
    ASSIGN_OR_RETURN(std::optional<MailingRecipient> r, repo->FindRecipientByToken(token));
    if (!r) return CodedError(ErrorCode::kNotFound);
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    v.party_name = r->party_name;
    v.company_name = settings.company_name;
    RETURN_IF_ERROR(repo->OptOut(r->party_id, now, r->id).status());
    v.opted_out = true;
    return absl::OkStatus();
  }));
  return v;
}

}  // namespace retorno
