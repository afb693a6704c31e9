#include "app/mail/mail_compose.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/status_macros.h"
#include "base/strings.h"
#include "base/time_util.h"
#include "domain/templates.h"
#include "domain/time_zone.h"
#include "domain/validation.h"

namespace retorno {

namespace {

std::string PriorityWord(Priority p, std::string_view locale) {
  const bool pt = locale == "pt-BR", es = locale == "es";
  switch (p) {
    case Priority::kHigh:
      return pt || es ? "alta" : "high";
    case Priority::kLow:
      return pt ? "baixa" : es ? "baja" : "low";
    case Priority::kMedium:
      break;
  }
  return pt ? "média" : es ? "media" : "medium";
}

}  // namespace

std::string FormatDayFor(absl::CivilDay day, std::string_view locale) {
  if (locale == "en") return FormatDate(day);
  return absl::StrFormat("%02d/%02d/%04d", day.day(), day.month(), day.year());
}

std::string TemplateLocale(std::string_view locale) {
  if (locale == "es" || locale == "en") return std::string(locale);
  return "pt-BR";
}

absl::StatusOr<PlaceholderValues> ValuesFor(Tx& tx, const Followup& f, const Action* action,
                                            std::string_view locale, absl::Time now) {
  PlaceholderValues v;
  ASSIGN_OR_RETURN(std::optional<Party> party, tx.parties().FindParty(f.party_id));
  ASSIGN_OR_RETURN(std::optional<User> owner, tx.accounts().FindUser(f.owner_id));
  ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
  if (party) {
    v["cliente"] = party->name;
    v["codigo_cliente"] = party->code;
  }
  v["contato"] = f.contact.name;
  v["email_contato"] = f.contact.email;
  v["telefone_contato"] = f.contact.phone;
  v["whatsapp_contato"] = f.contact.whatsapp;
  v["assunto"] = f.subject;
  v["prioridade"] = PriorityWord(f.priority, locale);
  v["empresa"] = settings.company_name;
  ASSIGN_OR_RETURN(std::optional<CodeItem> category,
                   tx.accounts().FindCode(CodeTable::kCategory, f.category));
  v["categoria"] = category ? category->NameIn(locale) : f.category;
  if (owner) {
    v["responsavel"] = owner->name;
    v["email_responsavel"] = owner->email;
  }
  std::string branch_zone;
  if (f.branch_id) {
    ASSIGN_OR_RETURN(std::optional<Branch> b, tx.accounts().FindBranch(*f.branch_id));
    if (b) v["filial"] = b->name;
    if (b) branch_zone = b->time_zone;
  }
  // The follow-up's days: its owner's, else its branch's, else the organisation's.
  const absl::TimeZone zone =
      ChooseZone(owner ? owner->time_zone : "", branch_zone, settings.time_zone);
  const absl::CivilDay today = DayIn(now, zone);
  v["data_hoje"] = FormatDayFor(today, locale);
  std::optional<absl::CivilDay> due = f.next_due_date;
  if (action != nullptr) {
    due = action->due_date;
    if (action->due_minutes) v["hora_retorno"] = FormatTimeOfDay(*action->due_minutes);
    ASSIGN_OR_RETURN(std::optional<CodeItem> type,
                     tx.accounts().FindCode(CodeTable::kContactType, action->type));
    v["tipo_retorno"] = type ? type->NameIn(locale) : action->type;
    v["mensagem"] = action->message;
  }
  if (due) {
    v["data_retorno"] = FormatDayFor(*due, locale);
    v["dias_atraso"] = absl::StrCat(std::max<int64_t>(0, today - *due));
  }
  return v;
}

std::vector<std::string> RenderInto(OutboxMessage& m, std::string_view subject,
                                    std::string_view body, const PlaceholderValues& values) {
  // The return's message is the user's own template inside the company's one.
  Rendered s = RenderTemplate(subject, values, "mensagem");
  Rendered b = RenderTemplate(body, values, "mensagem");
  // A subject is one line: a value with a line break must not fold it.
  std::replace(s.text.begin(), s.text.end(), '\n', ' ');
  std::replace(s.text.begin(), s.text.end(), '\r', ' ');
  m.subject = std::move(s.text);
  m.text = std::move(b.text);
  m.html = TextToHtml(m.text);
  std::vector<std::string> missing = std::move(s.missing);
  for (std::string& t : b.missing)
    if (std::find(missing.begin(), missing.end(), t) == missing.end()) missing.push_back(t);
  return missing;
}

void CheckTemplateText(const std::string& field, const std::string& text, size_t max, bool required,
                       Issues& issues) {
  if (text.empty()) {
    if (required) issues.Add(field, "required");
    return;
  }
  if (text.size() > max) {
    issues.Add(field, "too_long");
  } else if (field == "subject" && !IsOneLine(text)) {
    // The subject becomes a header: a line break there would end it.
    issues.Add(field, "line_break");
  } else if (!IsCleanText(text)) {
    issues.Add(field, "invalid_text");
  } else if (!ValidateTemplate(text).ok()) {
    issues.Add(field, "unknown_placeholder");
  }
}

std::string NewMessageId(Crypto& crypto, std::string_view sender_email) {
  std::string_view domain = "retorno.localhost";
  if (size_t at = sender_email.rfind('@');
      at != std::string_view::npos && at + 1 < sender_email.size())
    domain = sender_email.substr(at + 1);
  return absl::StrCat("<", crypto.RandomToken(), "@", ToAbsl(domain), ">");
}

}  // namespace retorno
