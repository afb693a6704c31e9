#include "app/reports/report_table.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/time_zone.h"

namespace retorno {

namespace {

// Every exportable report: one line each.
constexpr ReportTableKind kKinds[] = {
    {"unattended", &OpenUnattendedTable, "", "", &UnattendedTitle},
    {"actions", &OpenActionsTable, "from", "to", &ActionsTitle},
    {"team", &OpenTeamTable, "from", "to", &TeamTitle},
    {"automatic", &OpenAutomaticTable, "from", "to", &AutomaticTitle},
};

}  // namespace

std::span<const ReportTableKind> ReportTableKinds() { return kKinds; }

const ReportTableKind* FindReportTable(std::string_view name) {
  for (const ReportTableKind& k : kKinds)
    if (k.name == name) return &k;
  return nullptr;
}

std::optional<std::string> ReportParamReader::Value(const char* name) {
  std::optional<std::string> found;
  for (size_t i = 0; i < params_.size(); ++i) {
    if (params_[i].first != name) continue;
    read_[i] = true;
    if (!found) found = params_[i].second;
  }
  if (found && found->empty()) {
    issues_.Add(name, "empty_value");
    return std::nullopt;
  }
  return found;
}

std::optional<int64_t> ReportParamReader::Id(const char* name) {
  std::optional<std::string> s = Value(name);
  if (!s) return std::nullopt;
  int64_t v = 0;
  if (!absl::SimpleAtoi(*s, &v) || v <= 0) {
    issues_.Add(name, "invalid_id");
    return std::nullopt;
  }
  return v;
}

std::optional<absl::CivilDay> ReportParamReader::Date(const char* name) {
  std::optional<std::string> s = Value(name);
  if (!s) return std::nullopt;
  std::optional<absl::CivilDay> d = ParseDate(*s);
  if (!d) issues_.Add(name, "invalid_date");
  return d;
}

void ReportParamReader::Finish() {
  for (size_t i = 0; i < params_.size(); ++i) {
    if (read_[i]) continue;
    bool named = false;  // a repeated unknown name is one issue
    for (size_t j = 0; j < i; ++j) named = named || params_[j].first == params_[i].first;
    if (!named) issues_.Add(params_[i].first, "unknown_parameter");
  }
}

absl::StatusOr<ReportNames> ReportNames::Load(AccountService& accounts, const AuthContext& ctx,
                                              std::string_view lang) {
  ReportNames n;
  ASSIGN_OR_RETURN(std::vector<User> users, accounts.ListUsers(ctx));
  for (const User& u : users) n.users[u.id.value] = u.name;
  ASSIGN_OR_RETURN(std::vector<Branch> branches, accounts.ListBranches());
  for (const Branch& b : branches) n.branches[b.id.value] = b.name;
  ASSIGN_OR_RETURN(std::vector<CodeItem> cats, accounts.ListCodes(CodeTable::kCategory));
  for (const CodeItem& c : cats) n.categories[c.code] = c.NameIn(lang);
  ASSIGN_OR_RETURN(std::vector<CodeItem> types, accounts.ListCodes(CodeTable::kContactType));
  for (const CodeItem& c : types) n.contact_types[c.code] = c.NameIn(lang);
  return n;
}

namespace {
template <class K>
std::string FindName(const std::map<K, std::string>& m, const K& key, const std::string& fallback) {
  auto it = m.find(key);
  return it == m.end() ? fallback : it->second;
}
}  // namespace

std::string ReportNames::UserName(int64_t id) const {
  return FindName(users, id, absl::StrCat("#", id));
}
std::string ReportNames::BranchName(int64_t id) const {
  return FindName(branches, id, absl::StrCat("#", id));
}
std::string ReportNames::Category(const std::string& code) const {
  return FindName(categories, code, code);
}
std::string ReportNames::ContactType(const std::string& code) const {
  return FindName(contact_types, code, code);
}

absl::StatusOr<ExportHead> ReportHeadOf(const ReportTableServices& svc, const AuthContext& ctx,
                                        absl::Time now, std::string title, std::string page_of,
                                        std::string page) {
  ASSIGN_OR_RETURN(Settings settings, svc.accounts.GetSettings());
  ExportHead head;
  head.company = settings.company_name;
  head.title = std::move(title);
  head.page_of = std::move(page_of);
  head.page = std::move(page);
  head.made_at = absl::ToCivilMinute(now, ZoneOf(ctx.user));
  return head;
}

std::string ReportDateText(absl::CivilDay d, std::string_view lang) {
  return CellText(ExportCell::Date(d), ExportLocaleFor(lang));
}

ExportLocale ExportLocaleFor(std::string_view lang) {
  const bool en = lang.starts_with("en");
  return ExportLocale{.day_first = !en, .decimal_comma = !en};
}

absl::Status WriteReportTable(ReportTable& table, ExportWriters& writers, ExportFormat format,
                              std::string_view lang, ExportSink& sink) {
  ASSIGN_OR_RETURN(std::unique_ptr<ExportWriter> writer,
                   writers.Make(format, ExportLocaleFor(lang), sink));
  RETURN_IF_ERROR(writer->Begin(table.head()));
  RETURN_IF_ERROR(table.Rows([&](const ExportRow& row) { return writer->Row(row); }));
  return writer->End();
}

}  // namespace retorno
