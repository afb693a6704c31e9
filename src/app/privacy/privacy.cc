#include "app/privacy/privacy.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "app/audit/audit.h"
#include "app/errors.h"
#include "base/status_macros.h"
#include "base/time_util.h"

namespace retorno {

namespace {

using json = nlohmann::json;

// What replaces personal data: in a name (which may not be empty) and inside texts.
constexpr char kAnonymousName[] = "Anonimizado";
constexpr char kScrubbed[] = "[anonimizado]";

std::string Utc(absl::Time t) { return FormatInstantUtc(t); }

json AuditJson(const AuditRecord& r) {
  auto parsed = [](const std::string& s) {
    return s.empty() ? json(nullptr) : json::parse(s, nullptr, false);
  };
  return json{{"id", r.id},
              {"at", Utc(r.at)},
              {"actor_id", r.actor_id ? json(r.actor_id->value) : json(nullptr)},
              {"actor_login", r.actor_login},
              {"action", r.action},
              {"before", parsed(r.before_json)},
              {"after", parsed(r.after_json)}};
}

// The texts that identify a person: what anonymisation looks for in free text. Phones
// also in digits only, as people type them either way.
void AddNeedles(const Contact& c, std::vector<std::string>& out) {
  for (const std::string* s : {&c.name, &c.email, &c.phone, &c.whatsapp}) {
    if (s->empty()) continue;
    out.push_back(*s);
    if (s == &c.phone || s == &c.whatsapp) {
      std::string digits;
      for (char ch : *s)
        if (absl::ascii_isdigit(static_cast<unsigned char>(ch))) digits.push_back(ch);
      if (digits != *s) out.push_back(digits);
    }
  }
}

Contact AnonymousContact() { return Contact{std::string(kAnonymousName), "", "", "", {}}; }

}  // namespace

std::string ScrubText(std::string text, const std::vector<std::string>& needles,
                      std::string_view replacement) {
  for (const std::string& needle : needles) {
    if (needle.size() < 3) continue;
    const std::string lower_needle = absl::AsciiStrToLower(needle);
    std::string lower = absl::AsciiStrToLower(text);
    size_t pos = 0;
    std::string out;
    size_t from = 0;
    while ((pos = lower.find(lower_needle, from)) != std::string::npos) {
      out.append(text, from, pos - from);
      out.append(replacement);
      from = pos + lower_needle.size();
    }
    if (from == 0) continue;
    out.append(text, from, std::string::npos);
    text = std::move(out);
  }
  return text;
}

absl::StatusOr<json> PrivacyService::Export(const AuthContext& ctx, PartyId id, absl::Time now) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  json out;
  // A write transaction: the export is recorded in the trail with what it read.
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Party> party, tx.parties().FindParty(id));
    if (!party) return CodedError(ErrorCode::kPartyNotFound);
    json p = audit::ValuesOf(*party);
    p["id"] = party->id.value;
    p["created_at"] = Utc(party->created_at);
    out = json{{"format", "retorno-personal-data/1"}, {"exported_at", Utc(now)}, {"party", p}};
    json followups = json::array();
    int64_t attachments = 0;
    ASSIGN_OR_RETURN(std::vector<FollowupId> ids, tx.privacy().ListPartyFollowups(id));
    for (FollowupId fid : ids) {
      ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(fid));
      if (!f) continue;
      json fj{{"id", f->id.value},
              {"subject", f->subject},
              {"contact",
               {{"name", f->contact.name},
                {"email", f->contact.email},
                {"phone", f->contact.phone},
                {"whatsapp", f->contact.whatsapp}}},
              {"cc", f->cc},
              {"category", f->category},
              {"priority", std::string(ToString(f->priority))},
              {"origin", f->origin},
              {"status", std::string(ToString(f->status))},
              {"document_id", f->document_id ? json(f->document_id->value) : json(nullptr)},
              {"contact_at", Utc(f->contact_at)},
              {"created_at", Utc(f->created_at)}};
      json returns = json::array();
      ASSIGN_OR_RETURN(std::vector<Action> actions, tx.followups().ListActions(fid));
      for (const Action& a : actions)
        returns.push_back(json{{"id", a.id.value},
                               {"type", a.type},
                               {"due_date", FormatDate(a.due_date)},
                               {"status", std::string(ToString(a.status))},
                               {"message", a.message},
                               {"result", a.result},
                               {"resolution", a.resolution},
                               {"assignee_id", a.assignee_id.value}});
      fj["returns"] = returns;
      json history = json::array();
      ASSIGN_OR_RETURN(std::vector<Entry> entries, tx.followups().ListEntries(fid));
      for (const Entry& e : entries)
        history.push_back(json{{"id", e.id.value},
                               {"kind", std::string(ToString(e.kind))},
                               {"body", e.body},
                               {"author_id", e.author_id.value},
                               {"draft", e.draft},
                               {"contact_at", Utc(e.contact_at)},
                               {"created_at", Utc(e.created_at)}});
      fj["history"] = history;
      json emails = json::array();
      ASSIGN_OR_RETURN(std::vector<StoredMail> mail, tx.privacy().ListFollowupMail(fid));
      for (const StoredMail& m : mail)
        emails.push_back(json{{"id", m.id},
                              {"to", json::parse(m.to_addrs, nullptr, false)},
                              {"cc", json::parse(m.cc_addrs, nullptr, false)},
                              {"subject", m.subject},
                              {"body_text", m.body_text},
                              {"state", m.state},
                              {"created_at", Utc(m.created_at)}});
      fj["emails"] = emails;
      json files = json::array();
      ASSIGN_OR_RETURN(std::vector<Attachment> atts, tx.followups().ListAttachments(fid));
      for (const Attachment& a : atts) {
        ASSIGN_OR_RETURN(std::string bytes, tx.followups().ReadAttachmentBytes(a.id));
        files.push_back(json{{"id", a.id.value},
                             {"entry_id", a.entry_id ? json(a.entry_id->value) : json(nullptr)},
                             {"file_name", a.file_name},
                             {"content_type", a.content_type},
                             {"size", a.size},
                             {"sha256", a.sha256},
                             {"created_at", Utc(a.created_at)},
                             {"content_base64", absl::Base64Escape(bytes)}});
        ++attachments;
      }
      fj["attachments"] = files;
      followups.push_back(std::move(fj));
    }
    out["followups"] = std::move(followups);
    json documents = json::array();
    DocumentQuery dq;
    dq.party_id = id;
    dq.limit = 200;
    while (true) {
      ASSIGN_OR_RETURN(DocumentPage page, tx.sales().QueryDocuments(dq));
      for (const DocumentRow& row : page.items) {
        ASSIGN_OR_RETURN(std::optional<SalesDocument> d, tx.sales().FindDocument(row.document.id));
        if (!d) continue;
        json dj = audit::ValuesOf(*d);
        dj["id"] = d->id.value;
        documents.push_back(std::move(dj));
      }
      if (page.next_cursor.empty()) break;
      dq.cursor = page.next_cursor;
    }
    out["documents"] = std::move(documents);
    json trail = json::array();
    AuditQuery aq;
    aq.entity = "party";
    aq.entity_id = std::to_string(id.value);
    aq.limit = 200;
    while (true) {
      ASSIGN_OR_RETURN(std::vector<AuditRecord> rows, tx.audit().QueryAudit(aq));
      for (const AuditRecord& r : rows) trail.push_back(AuditJson(r));
      if (static_cast<int>(rows.size()) < aq.limit) break;
      aq.before_id = rows.back().id;
    }
    out["audit"] = std::move(trail);
    return audit::Record(tx, audit::Who(ctx, now), "party", id, audit::Action::kExport, nullptr,
                         json{{"followups", out["followups"].size()},
                              {"documents", out["documents"].size()},
                              {"attachments", attachments}});
  }));
  return out;
}

absl::StatusOr<AnonymiseResult> PrivacyService::Anonymise(const AuthContext& ctx,
                                                          const AnonymiseInput& in,
                                                          absl::Time now) {
  RETURN_IF_ERROR(RequireAdmin(ctx));
  AnonymiseResult result;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<Party> found, tx.parties().FindParty(in.party));
    if (!found) return CodedError(ErrorCode::kPartyNotFound);
    Party p = *std::move(found);
    const bool whole = !in.contact.has_value();
    if (!whole && (*in.contact < 1 || *in.contact > static_cast<int>(p.contacts.size())))
      return CodedError(ErrorCode::kNotFound);
    const std::string& expected = whole ? p.name : p.contacts[*in.contact - 1].name;
    if (std::string(absl::StripAsciiWhitespace(in.confirm)) != expected)
      return FieldError("confirm", "confirmation_mismatch");

    // What identifies the person, to be found in free text; then the records.
    std::vector<std::string> needles;
    if (whole) {
      AddNeedles(Contact{p.name, p.email, p.phone, p.whatsapp, {}}, needles);
      if (!p.tax_id.empty()) needles.push_back(p.tax_id);
      for (const Contact& c : p.contacts) AddNeedles(c, needles);
      p.name = absl::StrCat(kAnonymousName, " #", p.id.value);
      p.email.clear();
      p.phone.clear();
      p.whatsapp.clear();
      p.tax_id.clear();
      p.birthday.reset();
      for (Contact& c : p.contacts) c = AnonymousContact();
    } else {
      AddNeedles(p.contacts[*in.contact - 1], needles);
      p.contacts[*in.contact - 1] = AnonymousContact();
    }
    // Longest first, so "Maria Silva" goes before "Maria" could split it.
    std::sort(needles.begin(), needles.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    ASSIGN_OR_RETURN(p.version, tx.parties().UpdateParty(p));

    ASSIGN_OR_RETURN(std::vector<FollowupId> ids, tx.privacy().ListPartyFollowups(p.id));
    result.followups = static_cast<int64_t>(ids.size());
    for (FollowupId fid : ids) {
      ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowup(fid));
      if (!f) continue;
      Followup changed = *f;
      changed.subject = ScrubText(f->subject, needles, kScrubbed);
      std::vector<std::string> contact_needles;
      AddNeedles(f->contact, contact_needles);
      const bool contact_is_person =
          std::any_of(contact_needles.begin(), contact_needles.end(), [&](const std::string& s) {
            return std::find(needles.begin(), needles.end(), s) != needles.end();
          });
      if (whole || contact_is_person) changed.contact = AnonymousContact();
      std::erase_if(changed.cc, [&](const std::string& addr) {
        return ScrubText(addr, needles, kScrubbed) != addr;
      });
      if (changed.subject != f->subject || !(changed.contact == f->contact) ||
          changed.cc != f->cc) {
        changed.updated_at = now;
        changed.updated_by = ctx.user.id;
        ASSIGN_OR_RETURN(changed.version, tx.followups().UpdateFollowup(changed));
      }
      ASSIGN_OR_RETURN(std::vector<Action> actions, tx.followups().ListActions(fid));
      for (Action a : actions) {
        std::string message = ScrubText(a.message, needles, kScrubbed);
        std::string text = ScrubText(a.result, needles, kScrubbed);
        if (message == a.message && text == a.result) continue;
        a.message = std::move(message);
        a.result = std::move(text);
        RETURN_IF_ERROR(tx.followups().UpdateAction(a));
      }
      ASSIGN_OR_RETURN(std::vector<Entry> entries, tx.followups().ListEntries(fid));
      for (const Entry& e : entries) {
        std::string body = ScrubText(e.body, needles, kScrubbed);
        if (body == e.body) continue;
        RETURN_IF_ERROR(tx.privacy().RewriteEntryBody(e.id, body));
        ++result.entries_rewritten;
      }
      ASSIGN_OR_RETURN(std::vector<StoredMail> mail, tx.privacy().ListFollowupMail(fid));
      for (StoredMail m : mail) {
        StoredMail s = m;
        s.to_addrs = ScrubText(m.to_addrs, needles, kScrubbed);
        s.cc_addrs = ScrubText(m.cc_addrs, needles, kScrubbed);
        s.subject = ScrubText(m.subject, needles, kScrubbed);
        s.body_text = ScrubText(m.body_text, needles, kScrubbed);
        s.body_html = ScrubText(m.body_html, needles, kScrubbed);
        if (s.to_addrs == m.to_addrs && s.cc_addrs == m.cc_addrs && s.subject == m.subject &&
            s.body_text == m.body_text && s.body_html == m.body_html)
          continue;
        RETURN_IF_ERROR(tx.privacy().RewriteMail(s));
        ++result.emails_rewritten;
      }
      // Files cannot be searched for a name: the whole party's go; a contact's stay.
      if (whole) {
        ASSIGN_OR_RETURN(int64_t n, tx.privacy().DeleteAttachments(fid));
        result.attachments_deleted += n;
      }
    }
    result.party = p;
    // The trail records that it happened and what it touched, never the data removed.
    return audit::Record(tx, audit::Who(ctx, now), "party", p.id, audit::Action::kAnonymise,
                         nullptr,
                         json{{"contact", in.contact ? json(*in.contact) : json(nullptr)},
                              {"followups", result.followups},
                              {"entries_rewritten", result.entries_rewritten},
                              {"emails_rewritten", result.emails_rewritten},
                              {"attachments_deleted", result.attachments_deleted}});
  }));
  return result;
}

}  // namespace retorno
