// The tables of team performance and automatic follow-ups (ADR 0032) for their exports
// and e-mails (ADR 0033). Both reports are whole on their one page (a row per agent and
// branch, a row per kind and product or service), so their tables hold the rows in
// memory; the head carries the period, the filters and the totals, as the screen shows
// them. The words are the app's screens' (web/src/i18n, "reports.team.*",
// "reports.automatic.*").
#include <cmath>

#include "absl/strings/str_cat.h"
#include "app/exports/export_words.h"
#include "app/reports/report_table.h"
#include "base/status_macros.h"

namespace retorno {

namespace {

struct TeamWords {
  const char* agent;
  const char* due;
  const char* on_time;
  const char* done_late;
  const char* still_late;
  const char* pending;
  const char* completion;
  const char* median;
  const char* previous_completion;
  const char* previous_median;
  const char* previous_period;
  const char* team_title;
  const char* team_file;
  const char* kind;
  const char* kinds[3];  // after_sale, after_service, birthday
  const char* item;
  const char* created;
  const char* done;
  const char* converted;
  const char* conversion;
  const char* automatic_title;
  const char* automatic_file;
  const char* from;
  const char* to;
};

constexpr TeamWords kPtBr = {
    .agent = "Responsável",
    .due = "Previstos",
    .on_time = "No prazo",
    .done_late = "Feitos com atraso",
    .still_late = "Ainda atrasados",
    .pending = "Pendentes",
    .completion = "Conclusão (%)",
    .median = "Mediana de dias de atraso",
    .previous_completion = "Conclusão antes (%)",
    .previous_median = "Mediana de atraso antes",
    .previous_period = "Comparado com",
    .team_title = "Desempenho da equipe",
    .team_file = "desempenho-equipe",
    .kind = "Tipo",
    .kinds = {"Pós-venda", "Pós-serviço", "Aniversário"},
    .item = "Produto ou serviço",
    .created = "Criados",
    .done = "Feitos",
    .converted = "Convertidos",
    .conversion = "Convertidos dos feitos (%)",
    .automatic_title = "Follow ups automáticos",
    .automatic_file = "follow-ups-automaticos",
    .from = "De",
    .to = "Até",
};

constexpr TeamWords kEs = {
    .agent = "Agente de ventas",
    .due = "Previstos",
    .on_time = "A tiempo",
    .done_late = "Hechos con atraso",
    .still_late = "Aún atrasados",
    .pending = "Pendientes",
    .completion = "Cumplimiento (%)",
    .median = "Mediana de días de atraso",
    .previous_completion = "Cumplimiento antes (%)",
    .previous_median = "Mediana de atraso antes",
    .previous_period = "Frente a",
    .team_title = "Desempeño del equipo",
    .team_file = "desempeno-equipo",
    .kind = "Tipo",
    .kinds = {"Posventa", "Posservicio", "Cumpleaños"},
    .item = "Producto o servicio",
    .created = "Creados",
    .done = "Hechos",
    .converted = "Convertidos",
    .conversion = "Convertidos de los hechos (%)",
    .automatic_title = "Seguimientos automáticos",
    .automatic_file = "seguimientos-automaticos",
    .from = "Desde",
    .to = "Hasta",
};

constexpr TeamWords kEn = {
    .agent = "Agent",
    .due = "Due",
    .on_time = "On time",
    .done_late = "Done late",
    .still_late = "Still late",
    .pending = "Pending",
    .completion = "Completion (%)",
    .median = "Median days late",
    .previous_completion = "Completion before (%)",
    .previous_median = "Median days late before",
    .previous_period = "Against",
    .team_title = "Team performance",
    .team_file = "team-performance",
    .kind = "Kind",
    .kinds = {"After sale", "After service", "Birthday"},
    .item = "Product or service",
    .created = "Created",
    .done = "Done",
    .converted = "Converted",
    .conversion = "Converted of done (%)",
    .automatic_title = "Automatic follow-ups",
    .automatic_file = "automatic-follow-ups",
    .from = "From",
    .to = "To",
};

const TeamWords& WordsFor(std::string_view lang) {
  if (lang.starts_with("es")) return kEs;
  if (lang.starts_with("en")) return kEn;
  return kPtBr;
}

// A whole report's rows, made when the table is opened.
class WholeTable final : public ReportTable {
 public:
  WholeTable(ExportHead head, std::string file, std::vector<ExportRow> rows)
      : head_(std::move(head)), file_(std::move(file)), rows_(std::move(rows)) {}
  const ExportHead& head() const override { return head_; }
  const std::string& file_base() const override { return file_; }
  absl::Status Rows(const std::function<absl::Status(const ExportRow&)>& write) override {
    for (const ExportRow& r : rows_) RETURN_IF_ERROR(write(r));
    return absl::OkStatus();
  }

 private:
  ExportHead head_;
  std::string file_;
  std::vector<ExportRow> rows_;
};

// A rate in [0, 1] as a percentage with one decimal (66.7); none: an empty cell.
ExportCell PercentCell(std::optional<double> rate) {
  if (!rate) return ExportCell::Text("");
  return ExportCell::Number(std::round(*rate * 1000.0) / 10.0);
}
ExportCell OptNumberCell(std::optional<double> n) {
  return n ? ExportCell::Number(*n) : ExportCell::Text("");
}
std::string CellIn(const ExportCell& c, std::string_view lang) {
  const std::string s = CellText(c, ExportLocaleFor(lang));
  return s.empty() ? "—" : s;
}

// The API's kinds of automatic follow-up, their stored origins and their words' index.
constexpr std::string_view kKindNames[3] = {"after_sale", "after_service", "birthday"};
constexpr std::string_view kKindOrigins[3] = {kOriginAfterSale, kOriginServiceDone,
                                              kOriginBirthday};
int KindIndexOfOrigin(std::string_view origin) {
  for (int i = 0; i < 3; ++i)
    if (kKindOrigins[i] == origin) return i;
  return 0;
}
std::optional<int> ParseKindParam(std::string_view s) {
  for (int i = 0; i < 3; ++i)
    if (kKindNames[i] == s) return i;
  return std::nullopt;
}

// The period, the agent and branch filters both reports take, read and named in the head.
struct PeriodFilters {
  std::optional<absl::CivilDay> from, to;
  std::optional<UserId> owner_id;
  std::optional<BranchId> branch_id;
};
PeriodFilters ReadPeriodFilters(ReportParamReader& p, Issues& issues) {
  PeriodFilters f;
  f.from = p.Date("from");
  f.to = p.Date("to");
  if (f.from && f.to && *f.from > *f.to) issues.Add("to", "before_from");
  if (auto v = p.Id("owner_id")) f.owner_id = UserId(*v);
  if (auto v = p.Id("branch_id")) f.branch_id = BranchId(*v);
  return f;
}
absl::Status NameFilters(const ReportTableServices& svc, const AuthContext& ctx,
                         const PeriodFilters& in, const TeamWords& w, std::string_view lang,
                         ExportHead& head) {
  if (!in.owner_id && !in.branch_id) return absl::OkStatus();
  ASSIGN_OR_RETURN(ReportNames names, ReportNames::Load(svc.accounts, ctx, lang));
  if (in.owner_id) head.filters.emplace_back(w.agent, names.UserName(in.owner_id->value));
  if (in.branch_id)
    head.filters.emplace_back(ExportWordsFor(lang).branch, names.BranchName(in.branch_id->value));
  return absl::OkStatus();
}

}  // namespace

std::string_view TeamTitle(std::string_view lang) { return WordsFor(lang).team_title; }
std::string_view AutomaticTitle(std::string_view lang) { return WordsFor(lang).automatic_title; }

absl::StatusOr<std::unique_ptr<ReportTable>> OpenTeamTable(const ReportTableServices& svc,
                                                           const AuthContext& ctx,
                                                           const ReportParams& params,
                                                           Issues& issues, absl::Time now,
                                                           std::string_view lang) {
  ReportParamReader p(params, issues);
  const PeriodFilters f = ReadPeriodFilters(p, issues);
  p.Finish();
  RETURN_IF_ERROR(issues.ToStatus());
  TeamInput in{.from = f.from, .to = f.to, .owner_id = f.owner_id, .branch_id = f.branch_id};
  ASSIGN_OR_RETURN(TeamResult r, svc.reports.Team(ctx, in, now));
  const TeamWords& w = WordsFor(lang);
  const ExportWords& cw = ExportWordsFor(lang);
  ASSIGN_OR_RETURN(ExportHead head, ReportHeadOf(svc, ctx, now, w.team_title, cw.page_of, cw.page));
  head.columns = {w.agent,          cw.branch, w.due,        w.on_time, w.done_late,
                  w.still_late,     w.pending, w.completion, w.median,  w.previous_completion,
                  w.previous_median};
  head.widths = {1.6, 1.2, 0.8, 0.8, 0.9, 0.9, 0.8, 0.9, 1.0, 1.0, 1.0};
  head.expected_rows = static_cast<int64_t>(r.rows.size());
  auto& hf = head.filters;
  hf.emplace_back(w.from, ReportDateText(r.from, lang));
  hf.emplace_back(w.to, ReportDateText(r.to, lang));
  hf.emplace_back(w.previous_period, absl::StrCat(ReportDateText(r.previous_from, lang), " – ",
                                                  ReportDateText(r.previous_to, lang)));
  RETURN_IF_ERROR(NameFilters(svc, ctx, f, w, lang, head));
  // The totals of the period (the sums of the rows, as on screen) and the period before.
  const TeamFigures& t = r.total;
  hf.emplace_back(w.due, absl::StrCat(t.due));
  hf.emplace_back(w.on_time, absl::StrCat(t.on_time));
  hf.emplace_back(w.done_late, absl::StrCat(t.done_late));
  hf.emplace_back(w.still_late, absl::StrCat(t.still_late));
  hf.emplace_back(w.pending, absl::StrCat(t.pending));
  hf.emplace_back(w.completion, CellIn(PercentCell(t.completion_rate), lang));
  hf.emplace_back(w.median, CellIn(OptNumberCell(t.median_days_late), lang));
  hf.emplace_back(w.previous_completion,
                  CellIn(PercentCell(r.previous_total.completion_rate), lang));
  std::vector<ExportRow> rows;
  rows.reserve(r.rows.size());
  for (const TeamRow& row : r.rows) {
    const TeamFigures& c = row.current;
    rows.push_back({
        ExportCell::Text(row.agent_name),
        ExportCell::Text(row.branch_name),
        ExportCell::Number(static_cast<double>(c.due)),
        ExportCell::Number(static_cast<double>(c.on_time)),
        ExportCell::Number(static_cast<double>(c.done_late)),
        ExportCell::Number(static_cast<double>(c.still_late)),
        ExportCell::Number(static_cast<double>(c.pending)),
        PercentCell(c.completion_rate),
        OptNumberCell(c.median_days_late),
        PercentCell(row.previous.completion_rate),
        OptNumberCell(row.previous.median_days_late),
    });
  }
  return std::make_unique<WholeTable>(std::move(head), w.team_file, std::move(rows));
}

absl::StatusOr<std::unique_ptr<ReportTable>> OpenAutomaticTable(const ReportTableServices& svc,
                                                                const AuthContext& ctx,
                                                                const ReportParams& params,
                                                                Issues& issues, absl::Time now,
                                                                std::string_view lang) {
  ReportParamReader p(params, issues);
  const PeriodFilters f = ReadPeriodFilters(p, issues);
  const std::optional<int> kind = p.Enum<int>("kind", &ParseKindParam);
  p.Finish();
  RETURN_IF_ERROR(issues.ToStatus());
  AutomaticInput in{.from = f.from, .to = f.to, .owner_id = f.owner_id, .branch_id = f.branch_id};
  if (kind) in.origin = std::string(kKindOrigins[*kind]);
  ASSIGN_OR_RETURN(AutomaticResult r, svc.reports.Automatic(ctx, in, now));
  const TeamWords& w = WordsFor(lang);
  const ExportWords& cw = ExportWordsFor(lang);
  ASSIGN_OR_RETURN(ExportHead head,
                   ReportHeadOf(svc, ctx, now, w.automatic_title, cw.page_of, cw.page));
  head.columns = {w.kind, w.item, w.created, w.done, w.converted, w.conversion};
  head.widths = {1.2, 2.6, 0.8, 0.8, 0.9, 1.2};
  head.expected_rows = static_cast<int64_t>(r.rows.size());
  auto& hf = head.filters;
  hf.emplace_back(w.from, ReportDateText(r.from, lang));
  hf.emplace_back(w.to, ReportDateText(r.to, lang));
  RETURN_IF_ERROR(NameFilters(svc, ctx, f, w, lang, head));
  if (kind) hf.emplace_back(w.kind, w.kinds[*kind]);
  auto conversion = [](int64_t done, int64_t converted) {
    return PercentCell(
        done ? std::optional<double>(static_cast<double>(converted) / static_cast<double>(done))
             : std::nullopt);
  };
  // The totals (the sums of the rows, as on screen).
  hf.emplace_back(w.created, absl::StrCat(r.total.created));
  hf.emplace_back(w.done, absl::StrCat(r.total.done));
  hf.emplace_back(w.converted, absl::StrCat(r.total.converted));
  hf.emplace_back(w.conversion, CellIn(conversion(r.total.done, r.total.converted), lang));
  std::vector<ExportRow> rows;
  rows.reserve(r.rows.size());
  for (const AutomaticCount& row : r.rows) {
    rows.push_back({
        ExportCell::Text(w.kinds[KindIndexOfOrigin(row.origin)]),
        ExportCell::Text(row.item_name.empty() ? "—" : row.item_name),
        ExportCell::Number(static_cast<double>(row.created)),
        ExportCell::Number(static_cast<double>(row.done)),
        ExportCell::Number(static_cast<double>(row.converted)),
        conversion(row.done, row.converted),
    });
  }
  return std::make_unique<WholeTable>(std::move(head), w.automatic_file, std::move(rows));
}

}  // namespace retorno
