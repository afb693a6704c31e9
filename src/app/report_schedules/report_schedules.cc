#include "app/report_schedules/report_schedules.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "app/errors.h"
#include "app/mail/mail_compose.h"
#include "app/time_zone.h"
#include "base/status_macros.h"
#include "base/time_util.h"

namespace retorno {

namespace {

constexpr int kMinutesAt0700 = 7 * 60;
constexpr int kBatch = 10;

bool Weekly(std::string_view frequency) { return frequency == "weekly"; }

absl::CivilDay MondayOnOrBefore(absl::CivilDay d) {
  const int since =
      (static_cast<int>(absl::GetWeekday(d)) - static_cast<int>(absl::Weekday::monday) + 7) % 7;
  return d - since;
}

// A period's run day: the Monday after the week, the 1st after the month.
absl::CivilDay RunDayOnOrBefore(std::string_view frequency, absl::CivilDay d) {
  if (Weekly(frequency)) return MondayOnOrBefore(d);
  return absl::CivilDay(absl::CivilMonth(d));
}
absl::CivilDay RunDayBefore(std::string_view frequency, absl::CivilDay run_day) {
  if (Weekly(frequency)) return run_day - 7;
  return absl::CivilDay(absl::CivilMonth(run_day) - 1);
}
absl::CivilDay RunDayAfter(std::string_view frequency, absl::CivilDay run_day) {
  if (Weekly(frequency)) return run_day + 7;
  return absl::CivilDay(absl::CivilMonth(run_day) + 1);
}

std::string EncodeFilters(const ReportParams& params) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : params) j[k] = v;
  return j.dump();
}
ReportParams DecodeFilters(const std::string& text) {
  ReportParams out;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return out;
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it->is_string()) out.emplace_back(it.key(), it->get<std::string>());
  return out;
}

// The e-mail's words in the recipient's language.
struct MailWords {
  const char* subject;  // title, first day, last day
  const char* body;     // name, title, first, last, author, company
  // When the author lost a right the report needs: the schedule pauses and says why.
  const char* paused_subject;  // title
  const char* paused_body;     // name, title, right, company
  const char* view_reports;    // the rights' names as the rights screen shows them
  const char* export_right;
};
const MailWords& MailWordsFor(std::string_view lang) {
  static const MailWords kPt = {
      "Relatório agendado: %s (%s a %s)",
      "Olá, %s.\n\nSegue em anexo o relatório \"%s\" de %s a %s, agendado por %s.\n\n%s\n",
      "Envio pausado: %s",
      "Olá, %s.\n\nO envio agendado do relatório \"%s\" foi pausado porque você não tem mais "
      "a permissão \"%s\". Quando um administrador a devolver, retome o envio em Relatórios, "
      "Meus envios.\n\n%s\n",
      "Ver relatórios",
      "Exportar (CSV, XLSX, PDF)"};
  static const MailWords kEs = {
      "Informe programado: %s (%s al %s)",
      "Hola, %s.\n\nAdjuntamos el informe \"%s\" del %s al %s, programado por %s.\n\n%s\n",
      "Envío en pausa: %s",
      "Hola, %s.\n\nEl envío programado del informe \"%s\" quedó en pausa porque ya no tiene "
      "el permiso \"%s\". Cuando un administrador se lo devuelva, reanude el envío en Reportes, "
      "Mis envíos.\n\n%s\n",
      "Ver informes",
      "Exportar (CSV, XLSX, PDF)"};
  static const MailWords kEn = {
      "Scheduled report: %s (%s to %s)",
      "Hello, %s.\n\nAttached is the report \"%s\" from %s to %s, scheduled by %s.\n\n%s\n",
      "Sending paused: %s",
      "Hello, %s.\n\nThe scheduled sending of the report \"%s\" was paused because you no "
      "longer have the \"%s\" right. When an admin gives it back, resume the sending in "
      "Reports, My e-mailed reports.\n\n%s\n",
      "View reports",
      "Export (CSV, XLSX, PDF)"};
  if (lang.starts_with("es")) return kEs;
  if (lang.starts_with("en")) return kEn;
  return kPt;
}

class StringSink final : public ExportSink {
 public:
  bool Write(std::string_view bytes) override {
    out.append(bytes);
    return true;
  }
  std::string out;
};

bool CanSee(const AuthContext& ctx, const ReportSchedule& s) {
  return ctx.user.role == Role::kAdmin || s.user_id == ctx.user.id;
}

}  // namespace

SchedulePeriod LatestPeriod(std::string_view frequency, const absl::TimeZone& zone,
                            absl::Time now) {
  absl::CivilDay run_day = RunDayOnOrBefore(frequency, DayIn(now, zone));
  if (InstantOf(run_day, kMinutesAt0700, zone) > now) run_day = RunDayBefore(frequency, run_day);
  return SchedulePeriod{.first = RunDayBefore(frequency, run_day),
                        .last = run_day - 1,
                        .run_at = InstantOf(run_day, kMinutesAt0700, zone)};
}

absl::Time NextRunAfter(std::string_view frequency, const absl::TimeZone& zone, absl::Time now) {
  const SchedulePeriod latest = LatestPeriod(frequency, zone, now);
  return InstantOf(RunDayAfter(frequency, latest.last + 1), kMinutesAt0700, zone);
}

absl::Status ReportScheduleService::Validate(const AuthContext& ctx, const ReportSchedule& s,
                                             const ReportParams& filters, absl::Time now) {
  Issues issues;
  const ReportTableKind* kind = nullptr;
  if (s.report.empty()) {
    issues.Add("report", "required");
  } else if (kind = FindReportTable(s.report); !kind) {
    issues.Add("report", "invalid_value");
  }
  if (s.format.empty())
    issues.Add("format", "required");
  else if (s.format != "pdf" && s.format != "xlsx")
    issues.Add("format", "invalid_value");
  if (s.frequency.empty())
    issues.Add("frequency", "required");
  else if (s.frequency != "weekly" && s.frequency != "monthly")
    issues.Add("frequency", "invalid_value");
  if (s.recipients.empty())
    issues.Add("recipients", "required");
  else if (s.recipients != "me" && s.recipients != "team")
    issues.Add("recipients", "invalid_value");
  else if (s.recipients == "team" && ctx.user.role == Role::kAgent)
    issues.Add("recipients", "team_needs_supervisor");
  if (kind) {
    // The period is the schedule's: a report's own period filters are not the author's.
    bool period_named = false;
    for (const auto& [name, value] : filters) {
      if (name.empty()) continue;
      if ((!kind->from_param.empty() && name == kind->from_param) ||
          (!kind->to_param.empty() && name == kind->to_param)) {
        issues.Add(absl::StrCat("filters.", name), "unknown_parameter");
        period_named = true;
      }
    }
    if (!period_named) {
      // The filters are checked as the report checks them, by opening it as the author.
      Issues report_issues;
      const ReportTableServices ts{.accounts = accounts_, .reports = reports_};
      absl::StatusOr<std::unique_ptr<ReportTable>> table =
          kind->open(ts, ctx, filters, report_issues, now, ctx.user.locale);
      if (!table.ok()) {
        std::vector<FieldIssue> found = FieldIssuesOf(table.status());
        if (found.empty()) return table.status();  // 403 filter_not_allowed, 503...
        for (const FieldIssue& i : found) issues.Add(absl::StrCat("filters.", i.field), i.key);
      }
    }
  }
  return issues.ToStatus();
}

absl::StatusOr<ReportScheduleView> ReportScheduleService::ViewOf(Tx& tx, ReportSchedule s) {
  ReportScheduleView v;
  v.filters = DecodeFilters(s.filters);
  ASSIGN_OR_RETURN(std::vector<ReportScheduleRun> runs, tx.report_schedules().ListRuns(s.id));
  if (!runs.empty()) v.last_period = runs.front().period_start;
  v.schedule = std::move(s);
  return v;
}

absl::StatusOr<std::vector<ReportScheduleView>> ReportScheduleService::List(
    const AuthContext& ctx) {
  std::vector<ReportScheduleView> out;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    out.clear();
    ASSIGN_OR_RETURN(std::vector<ReportSchedule> all,
                     tx.report_schedules().ListSchedules(ctx.user.role == Role::kAdmin
                                                             ? std::nullopt
                                                             : std::optional<UserId>(ctx.user.id)));
    for (ReportSchedule& s : all) {
      ASSIGN_OR_RETURN(ReportScheduleView v, ViewOf(tx, std::move(s)));
      out.push_back(std::move(v));
    }
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<ReportScheduleView> ReportScheduleService::Create(const AuthContext& ctx,
                                                                 const ReportScheduleInput& in,
                                                                 absl::Time now) {
  // A report sent by e-mail is an exported file: the same right as the export buttons.
  RETURN_IF_ERROR(RequireRight(ctx, Right::kExport));
  ReportSchedule s;
  s.user_id = ctx.user.id;
  s.report = in.report.value_or("");
  s.format = in.format.value_or("");
  s.frequency = in.frequency.value_or("");
  s.recipients = in.recipients.value_or("");
  const ReportParams filters = in.filters.value_or(ReportParams{});
  s.filters = EncodeFilters(filters);
  RETURN_IF_ERROR(Validate(ctx, s, filters, now));
  s.created_at = s.updated_at = now;
  ReportScheduleView out;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(absl::TimeZone zone, ZoneOfUser(tx, ctx.user));
    s.next_run_at = in.paused.value_or(false) ? kPausedRun : NextRunAfter(s.frequency, zone, now);
    ASSIGN_OR_RETURN(s.id, tx.report_schedules().InsertSchedule(s));
    ASSIGN_OR_RETURN(out, ViewOf(tx, s));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<ReportScheduleView> ReportScheduleService::Update(const AuthContext& ctx, int64_t id,
                                                                 const ReportScheduleInput& in,
                                                                 std::optional<int64_t> if_match,
                                                                 absl::Time now) {
  std::optional<ReportSchedule> found;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(found, tx.report_schedules().FindSchedule(id));
    return absl::OkStatus();
  }));
  if (!found || !CanSee(ctx, *found)) return CodedError(ErrorCode::kReportScheduleNotFound);
  if (if_match && *if_match != found->version) return CodedError(ErrorCode::kVersion);
  // Resuming one's own schedule needs the right its runs need; another's (an admin's
  // edit) is checked against its author's rights when it runs.
  if (found->user_id == ctx.user.id && IsPaused(*found) && in.paused == false)
    RETURN_IF_ERROR(RequireRight(ctx, Right::kExport));
  ReportSchedule s = *found;
  if (in.report) s.report = *in.report;
  if (in.format) s.format = *in.format;
  if (in.frequency) s.frequency = *in.frequency;
  if (in.recipients) s.recipients = *in.recipients;
  const ReportParams filters = in.filters ? *in.filters : DecodeFilters(s.filters);
  s.filters = EncodeFilters(filters);
  // Checked as the author: an admin editing another's schedule keeps the author's view.
  AuthContext author = ctx;
  if (s.user_id != ctx.user.id) {
    std::optional<User> u;
    RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
      ASSIGN_OR_RETURN(u, tx.accounts().FindUser(s.user_id));
      return absl::OkStatus();
    }));
    if (!u) return CodedError(ErrorCode::kReportScheduleNotFound);
    author.user = *u;
  }
  RETURN_IF_ERROR(Validate(author, s, filters, now));
  s.updated_at = now;
  ReportScheduleView out;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(absl::TimeZone zone, ZoneOfUser(tx, author.user));
    const bool paused = in.paused.value_or(IsPaused(*found));
    if (paused) {
      s.next_run_at = kPausedRun;
    } else if (IsPaused(*found) || s.frequency != found->frequency) {
      s.next_run_at = NextRunAfter(s.frequency, zone, now);
    }
    absl::Status st = tx.report_schedules().UpdateSchedule(s);
    if (absl::IsNotFound(st)) return CodedError(ErrorCode::kReportScheduleNotFound);
    if (absl::IsFailedPrecondition(st)) return CodedError(ErrorCode::kVersion);
    RETURN_IF_ERROR(st);
    ++s.version;
    ASSIGN_OR_RETURN(out, ViewOf(tx, s));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status ReportScheduleService::Delete(const AuthContext& ctx, int64_t id) {
  return store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<ReportSchedule> s, tx.report_schedules().FindSchedule(id));
    if (!s || !CanSee(ctx, *s)) return CodedError(ErrorCode::kReportScheduleNotFound);
    return tx.report_schedules().DeleteSchedule(id);
  });
}

absl::StatusOr<bool> ReportScheduleService::RunDue(absl::Time now, const std::string& worker,
                                                   absl::Duration lease) {
  std::vector<ReportSchedule> claimed;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(claimed,
                     tx.report_schedules().ClaimDueSchedules(now, kBatch, worker, now + lease));
    return absl::OkStatus();
  }));
  absl::Status last = absl::OkStatus();
  for (const ReportSchedule& s : claimed) {
    // One schedule's failure leaves it leased: it is tried again when the lease ends.
    if (absl::Status st = RunOne(s, now, worker); !st.ok())
      last = absl::Status(st.code(), absl::StrCat("report schedule ", s.id, ": ", st.message()));
  }
  RETURN_IF_ERROR(last);
  return static_cast<int>(claimed.size()) == kBatch;
}

absl::Status ReportScheduleService::Pause(const ReportSchedule& s, const User& author,
                                          const ReportTableKind& kind, Right missing,
                                          absl::Time now, const std::string& worker) {
  return store_.Write([&](Tx& tx) -> absl::Status {
    // Paused, the schedule is not claimed again: its author is told once, and resumes it
    // from their list of schedules when the right is back.
    RETURN_IF_ERROR(tx.report_schedules().FinishRun(s.id, worker, kPausedRun));
    if (author.email.empty()) return absl::OkStatus();
    ASSIGN_OR_RETURN(StoredSmtp smtp, tx.messaging().GetSmtp());
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    const MailWords& w = MailWordsFor(author.locale);
    const std::string title(kind.title(author.locale));
    OutboxMessage m;
    m.kind = OutboxKind::kDigest;
    m.user_id = author.id;
    m.to = {author.email};
    m.subject = absl::StrFormat(w.paused_subject, title);
    m.text = absl::StrFormat(w.paused_body, author.name, title,
                             missing == Right::kExport ? w.export_right : w.view_reports,
                             settings.company_name);
    m.message_id = NewMessageId(crypto_, smtp.settings.sender_email);
    m.created_at = now;
    return tx.messaging().InsertOutbox(m).status();
  });
}

absl::Status ReportScheduleService::RunOne(const ReportSchedule& s, absl::Time now,
                                           const std::string& worker) {
  std::optional<User> author;
  absl::TimeZone zone;
  std::vector<User> recipients;
  std::optional<absl::CivilDay> last_sent;
  std::vector<UserRightChange> rights;
  RETURN_IF_ERROR(store_.Read([&](Tx& tx) -> absl::Status {
    recipients.clear();
    ASSIGN_OR_RETURN(author, tx.accounts().FindUser(s.user_id));
    if (!author) return absl::OkStatus();
    ASSIGN_OR_RETURN(rights, tx.accounts().ListUserRights(author->id));
    ASSIGN_OR_RETURN(zone, ZoneOfUser(tx, *author));
    ASSIGN_OR_RETURN(std::vector<ReportScheduleRun> runs, tx.report_schedules().ListRuns(s.id));
    if (!runs.empty()) last_sent = runs.front().period_start;
    recipients.push_back(*author);
    if (s.recipients == "team") {
      ASSIGN_OR_RETURN(std::vector<User> users, tx.accounts().ListUsers());
      for (User& u : users)
        if (u.id != author->id && u.active && u.branch_id == author->branch_id)
          recipients.push_back(std::move(u));
    }
    return absl::OkStatus();
  }));
  const absl::Time next = author ? NextRunAfter(s.frequency, zone, now) : now + absl::Hours(24);
  auto finish = [&] {
    return store_.Write(
        [&](Tx& tx) { return tx.report_schedules().FinishRun(s.id, worker, next); });
  };
  // A schedule of someone who left sends nothing; it stays for an admin to see.
  if (!author || !author->active) return finish();
  const SchedulePeriod period = LatestPeriod(s.frequency, zone, now);
  if (last_sent && *last_sent >= period.first) return finish();  // sent by a run before

  // The report as its author sees it, in the author's language, for the period.
  const ReportTableKind* kind = FindReportTable(s.report);
  if (!kind) return finish();
  ReportParams params = DecodeFilters(s.filters);
  if (!kind->from_param.empty())
    params.emplace_back(std::string(kind->from_param), FormatDate(period.first));
  if (!kind->to_param.empty())
    params.emplace_back(std::string(kind->to_param), FormatDate(period.last));
  // The author's rights as they are now, not as they were when the schedule was made:
  // a report sent by e-mail is a report seen and exported, so it needs both rights.
  AuthContext ctx{.user = *author, .session = {}};
  RightSetsOf(rights, ctx.rights_granted, ctx.rights_revoked);
  for (const Right needed : {Right::kViewReports, Right::kExport}) {
    if (!HasRight(ctx.viewer(), needed)) return Pause(s, *author, *kind, needed, now, worker);
  }
  const ReportTableServices ts{.accounts = accounts_, .reports = reports_};
  Issues issues;
  absl::StatusOr<std::unique_ptr<ReportTable>> table =
      kind->open(ts, ctx, params, issues, now, author->locale);
  if (!table.ok()) {
    // The author may no longer see what they scheduled: this period is skipped, not retried.
    RETURN_IF_ERROR(finish());
    return table.status();
  }
  const ExportFormat format = s.format == "xlsx" ? ExportFormat::kXlsx : ExportFormat::kPdf;
  StringSink sink;
  RETURN_IF_ERROR(WriteReportTable(**table, exports_, format, author->locale, sink));
  MailAttachment file{.file_name = absl::StrFormat("%s-%s.%s", (*table)->file_base(),
                                                   FormatDate(period.first), ExtensionOf(format)),
                      .content_type = std::string(ContentTypeOf(format)),
                      .bytes = std::move(sink.out)};
  const std::string title = (*table)->head().title;

  return store_.Write([&](Tx& tx) -> absl::Status {
    // Under the lease no other node runs this schedule; the run row's key still refuses
    // a second send of the period, rolling back this transaction's messages.
    ASSIGN_OR_RETURN(std::vector<ReportScheduleRun> runs, tx.report_schedules().ListRuns(s.id));
    if (!runs.empty() && runs.front().period_start >= period.first)
      return tx.report_schedules().FinishRun(s.id, worker, next);
    ASSIGN_OR_RETURN(StoredSmtp smtp, tx.messaging().GetSmtp());
    ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
    int64_t sent = 0;
    for (const User& r : recipients) {
      if (r.email.empty()) continue;
      const MailWords& w = MailWordsFor(r.locale);
      const ExportLocale locale = ExportLocaleFor(r.locale);
      const std::string first = CellText(ExportCell::Date(period.first), locale);
      const std::string last = CellText(ExportCell::Date(period.last), locale);
      OutboxMessage m;
      m.kind = OutboxKind::kDigest;
      m.user_id = r.id;
      m.to = {r.email};
      m.subject = absl::StrFormat(w.subject, title, first, last);
      m.text =
          absl::StrFormat(w.body, r.name, title, first, last, author->name, settings.company_name);
      m.message_id = NewMessageId(crypto_, smtp.settings.sender_email);
      m.created_at = now;
      ASSIGN_OR_RETURN(m.id, tx.messaging().InsertOutbox(m));
      RETURN_IF_ERROR(tx.messaging().InsertOutboxFile(m.id, 0, file));
      ++sent;
    }
    RETURN_IF_ERROR(tx.report_schedules().InsertRun(
        {.schedule_id = s.id, .period_start = period.first, .sent_at = now, .messages = sent}));
    return tx.report_schedules().FinishRun(s.id, worker, next);
  });
}

}  // namespace retorno
