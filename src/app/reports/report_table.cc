#include "app/reports/report_table.h"

#include "absl/strings/numbers.h"
#include "base/status_macros.h"
#include "base/time_util.h"

namespace retorno {

namespace {

// Every exportable report: one line each.
constexpr ReportTableKind kKinds[] = {
    {"unattended", &OpenUnattendedTable, "", ""},
    {"actions", &OpenActionsTable, "from", "to"},
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
