// A report as one table that leaves the app as a file (CSV, XLSX, PDF; ADR 0033): its
// columns and rows in the reader's language, and a head with the title, the company, the
// filters applied and the report's totals. The HTTP exports (/reports/<name>/export) and
// the reports sent by e-mail (app/report_schedules/) both go through it, so a report
// that registers one line in ReportTableKinds() (report_table.cc) gets both.
//
// A table is opened with the report's filters as name/value pairs (the query string of
// the export, or a schedule's stored filters): opening checks them exactly as the
// report's own route does (422 naming the field, 403 filter_not_allowed) and reads the
// first page, so a refusal comes before the first byte of the file. Rows() then reads
// the following pages with the report's cursor, one read transaction each, and hands
// each row on as it comes: memory does not grow with the row count.
//
// Thread safety: a table belongs to one thread at a time; the kinds are constant.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/errors.h"
#include "app/exports/export_writer.h"
#include "app/reports/reports.h"

namespace retorno {

// A report's filters as name/value pairs, in the report route's names ("branch_id").
using ReportParams = std::vector<std::pair<std::string, std::string>>;

// Reads ReportParams as a route reads its query string: a value that is not one is a
// field issue named after the parameter; Finish() names every parameter no one asked
// for as `unknown_parameter` (a misspelt filter never answers as if it were not there).
class ReportParamReader {
 public:
  ReportParamReader(const ReportParams& params, Issues& issues)
      : params_(params), issues_(issues), read_(params.size(), false) {}
  std::optional<std::string> Value(const char* name);    // "" is `empty_value`
  std::optional<int64_t> Id(const char* name);           // positive, else `invalid_id`
  std::optional<absl::CivilDay> Date(const char* name);  // YYYY-MM-DD, else `invalid_date`
  template <class E>
  std::optional<E> Enum(const char* name, std::optional<E> (*parse)(std::string_view)) {
    std::optional<std::string> s = Value(name);
    if (!s) return std::nullopt;
    std::optional<E> v = parse(*s);
    if (!v) issues_.Add(name, "invalid_value");
    return v;
  }
  void Finish();
  Issues& issues() { return issues_; }

 private:
  const ReportParams& params_;
  Issues& issues_;
  std::vector<bool> read_;
};

class ReportTable {
 public:
  virtual ~ReportTable() = default;
  // Title, company, filters and totals as label/value pairs, columns, widths.
  virtual const ExportHead& head() const = 0;
  // The file's name before its date: "sem-atendimento" (pt-BR), "sin-atencion" (es)...
  virtual const std::string& file_base() const = 0;
  // Every row, the first page's first, each through `write`; stops at write's first
  // error and returns it.
  virtual absl::Status Rows(const std::function<absl::Status(const ExportRow&)>& write) = 0;
};

// What a table reads with; references that outlive the table.
struct ReportTableServices {
  AccountService& accounts;
  ReportService& reports;
};

// One exportable report. `open` adds its parameter issues to `issues` (which may hold
// the caller's already, such as a bad format) and returns them all as one 422.
struct ReportTableKind {
  std::string_view name;  // "unattended": the route's segment and a schedule's kind
  absl::StatusOr<std::unique_ptr<ReportTable>> (*open)(const ReportTableServices& svc,
                                                       const AuthContext& ctx,
                                                       const ReportParams& params, Issues& issues,
                                                       absl::Time now, std::string_view lang);
  // The report's period parameters ("from"/"to") when it covers one, set by a schedule
  // to the period it sends; empty names: a picture of `now` (the unattended report).
  std::string_view from_param;
  std::string_view to_param;
  // The report's title in `lang`, as its head shows it: for words about a report that
  // cannot be opened (a schedule paused because its author lost a right).
  std::string_view (*title)(std::string_view lang);
};

std::span<const ReportTableKind> ReportTableKinds();
const ReportTableKind* FindReportTable(std::string_view name);  // null: no such report

// How dates and numbers are written for a reader of `lang` ("pt-BR", "es", "en").
ExportLocale ExportLocaleFor(std::string_view lang);

// The whole table through a writer of `format` into `sink`.
absl::Status WriteReportTable(ReportTable& table, ExportWriters& writers, ExportFormat format,
                              std::string_view lang, ExportSink& sink);

// The names a table shows for the ids and codes its filters name (users, branches,
// categories, contact types in the reader's language); bounded by the organisation, not
// by the rows. An unknown id shows as "#id", an unknown code as itself.
struct ReportNames {
  std::map<int64_t, std::string> users;
  std::map<int64_t, std::string> branches;
  std::map<std::string, std::string> categories;
  std::map<std::string, std::string> contact_types;

  static absl::StatusOr<ReportNames> Load(AccountService& accounts, const AuthContext& ctx,
                                          std::string_view lang);
  std::string UserName(int64_t id) const;
  std::string BranchName(int64_t id) const;
  std::string Category(const std::string& code) const;
  std::string ContactType(const std::string& code) const;
};

// A table's head before its filters and columns: the company (settings), the title, the
// page footer's words and when it was made in the reader's zone.
absl::StatusOr<ExportHead> ReportHeadOf(const ReportTableServices& svc, const AuthContext& ctx,
                                        absl::Time now, std::string title, std::string page_of,
                                        std::string page);

// A civil day as the reader of `lang` writes it ("03/03/2026").
std::string ReportDateText(absl::CivilDay d, std::string_view lang);

// The tables of the reports of app/reports/reports.h (report_tables.cc).
absl::StatusOr<std::unique_ptr<ReportTable>> OpenUnattendedTable(const ReportTableServices& svc,
                                                                 const AuthContext& ctx,
                                                                 const ReportParams& params,
                                                                 Issues& issues, absl::Time now,
                                                                 std::string_view lang);
absl::StatusOr<std::unique_ptr<ReportTable>> OpenActionsTable(const ReportTableServices& svc,
                                                              const AuthContext& ctx,
                                                              const ReportParams& params,
                                                              Issues& issues, absl::Time now,
                                                              std::string_view lang);
std::string_view UnattendedTitle(std::string_view lang);
std::string_view ActionsTitle(std::string_view lang);
// Team performance and automatic follow-ups, whole reports without pages (team_tables.cc).
absl::StatusOr<std::unique_ptr<ReportTable>> OpenTeamTable(const ReportTableServices& svc,
                                                           const AuthContext& ctx,
                                                           const ReportParams& params,
                                                           Issues& issues, absl::Time now,
                                                           std::string_view lang);
absl::StatusOr<std::unique_ptr<ReportTable>> OpenAutomaticTable(const ReportTableServices& svc,
                                                                const AuthContext& ctx,
                                                                const ReportParams& params,
                                                                Issues& issues, absl::Time now,
                                                                std::string_view lang);
std::string_view TeamTitle(std::string_view lang);
std::string_view AutomaticTitle(std::string_view lang);

}  // namespace retorno
