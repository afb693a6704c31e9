// The tables of the manager reports (ADR 0032) for their exports and e-mails (ADR
// 0033): the rows the report's page lists, one per line, and its totals in the head
// beside the filters. The words are the app's screens' (web/src/i18n, "reports.*").
#include "absl/strings/str_cat.h"
#include "app/exports/export_words.h"
#include "app/reports/report_table.h"
#include "base/status_macros.h"
#include "domain/time_zone.h"

namespace retorno {

namespace {

struct Words {
  const char* agent;
  const char* user;
  const char* due;
  const char* bucket;
  const char* buckets[kLateBuckets];
  const char* unattended_title;
  const char* unattended_file;
  const char* total;
  const char* when;
  const char* kind;
  const char* kind_return;
  const char* kind_note;
  const char* kind_complaint;
  const char* kind_internal;
  const char* contact_type;
  const char* resolution;
  const char* result;
  const char* actions_title;
  const char* actions_file;
  const char* from;
  const char* to;
  const char* returns;
  const char* entries;
};

constexpr Words kPtBr = {
    .agent = "Responsável",
    .user = "Usuário",
    .due = "Retorno previsto",
    .bucket = "Faixa de atraso",
    .buckets = {"1 a 3 dias", "4 a 7 dias", "8 a 30 dias", "Mais de 30 dias"},
    .unattended_title = "Follow Ups sem atendimento",
    .unattended_file = "sem-atendimento",
    .total = "Total",
    .when = "Quando",
    .kind = "Tipo",
    .kind_return = "Retorno",
    .kind_note = "Observação",
    .kind_complaint = "Reclamação",
    .kind_internal = "Comentário interno",
    .contact_type = "Tipo de contato",
    .resolution = "Resolvido por",
    .result = "Parecer",
    .actions_title = "Ações de CRM",
    .actions_file = "acoes-crm",
    .from = "De",
    .to = "Até",
    .returns = "Retornos",
    .entries = "Observações",
};

constexpr Words kEs = {
    .agent = "Agente de ventas",
    .user = "Usuario",
    .due = "Fecha prevista",
    .bucket = "Rango de retraso",
    .buckets = {"1 a 3 días", "4 a 7 días", "8 a 30 días", "Más de 30 días"},
    .unattended_title = "Seguimientos sin atención",
    .unattended_file = "sin-atencion",
    .total = "Total",
    .when = "Cuándo",
    .kind = "Tipo",
    .kind_return = "Actividad",
    .kind_note = "Nota",
    .kind_complaint = "Reclamo",
    .kind_internal = "Comentario interno",
    .contact_type = "Tipo de contacto",
    .resolution = "Resuelto por",
    .result = "Resultado",
    .actions_title = "Acciones de CRM",
    .actions_file = "acciones-crm",
    .from = "Desde",
    .to = "Hasta",
    .returns = "Actividades",
    .entries = "Notas",
};

constexpr Words kEn = {
    .agent = "Agent",
    .user = "User",
    .due = "Due",
    .bucket = "Age",
    .buckets = {"1 to 3 days", "4 to 7 days", "8 to 30 days", "More than 30 days"},
    .unattended_title = "Unattended follow-ups",
    .unattended_file = "unattended",
    .total = "Total",
    .when = "When",
    .kind = "Kind",
    .kind_return = "Return",
    .kind_note = "Note",
    .kind_complaint = "Complaint",
    .kind_internal = "Internal comment",
    .contact_type = "Contact type",
    .resolution = "Resolved by",
    .result = "Result",
    .actions_title = "CRM actions",
    .actions_file = "crm-actions",
    .from = "From",
    .to = "To",
    .returns = "Returns",
    .entries = "Entries",
};

const Words& WordsFor(std::string_view lang) {
  if (lang.starts_with("es")) return kEs;
  if (lang.starts_with("en")) return kEn;
  return kPtBr;
}

std::string CountText(int64_t n) { return absl::StrCat(n); }

absl::StatusOr<ExportHead> HeadOf(const ReportTableServices& svc, const AuthContext& ctx,
                                  absl::Time now, std::string_view lang, const char* title) {
  const ExportWords& cw = ExportWordsFor(lang);
  return ReportHeadOf(svc, ctx, now, title, cw.page_of, cw.page);
}

class UnattendedTable final : public ReportTable {
 public:
  UnattendedTable(const ReportTableServices& svc, AuthContext ctx, UnattendedInput in,
                  absl::Time now, std::string_view lang, ReportNames names, UnattendedResult first,
                  ExportHead head)
      : svc_(svc),
        ctx_(std::move(ctx)),
        in_(std::move(in)),
        now_(now),
        w_(WordsFor(lang)),
        cw_(ExportWordsFor(lang)),
        names_(std::move(names)),
        first_(std::move(first)),
        head_(std::move(head)),
        file_(w_.unattended_file) {}

  const ExportHead& head() const override { return head_; }
  const std::string& file_base() const override { return file_; }

  absl::Status Rows(const std::function<absl::Status(const ExportRow&)>& write) override {
    UnattendedResult page = std::move(first_);
    while (true) {
      for (const UnattendedItem& i : page.items) {
        const UnattendedRow& r = i.row;
        RETURN_IF_ERROR(write({
            ExportCell::Number(static_cast<double>(r.followup_id.value)),
            ExportCell::Text(r.party_name),
            ExportCell::Text(r.subject),
            ExportCell::Text(r.owner_name),
            ExportCell::Text(r.branch_name),
            ExportCell::Text(names_.Category(r.category)),
            ExportCell::Text(PriorityWord(cw_, r.priority)),
            ExportCell::Date(r.due_date),
            ExportCell::Number(i.days_late),
            ExportCell::Text(w_.buckets[static_cast<int>(i.bucket)]),
        }));
      }
      if (page.next_cursor.empty()) return absl::OkStatus();
      in_.cursor = page.next_cursor;
      ASSIGN_OR_RETURN(page, svc_.reports.Unattended(ctx_, in_, now_));
    }
  }

 private:
  ReportTableServices svc_;
  AuthContext ctx_;
  UnattendedInput in_;
  absl::Time now_;
  const Words& w_;
  const ExportWords& cw_;
  ReportNames names_;
  UnattendedResult first_;
  ExportHead head_;
  std::string file_;
};

class ActionsTable final : public ReportTable {
 public:
  ActionsTable(const ReportTableServices& svc, AuthContext ctx, ActionsInput in, absl::Time now,
               std::string_view lang, ReportNames names, ActionsResult first, ExportHead head)
      : svc_(svc),
        ctx_(std::move(ctx)),
        in_(std::move(in)),
        now_(now),
        w_(WordsFor(lang)),
        cw_(ExportWordsFor(lang)),
        zone_(ZoneOf(ctx_.user)),
        names_(std::move(names)),
        first_(std::move(first)),
        head_(std::move(head)),
        file_(w_.actions_file) {}

  const ExportHead& head() const override { return head_; }
  const std::string& file_base() const override { return file_; }

  absl::Status Rows(const std::function<absl::Status(const ExportRow&)>& write) override {
    ActionsResult page = std::move(first_);
    while (true) {
      for (const ActionRow& r : page.items) {
        RETURN_IF_ERROR(write({
            ExportCell::DateTime(absl::ToCivilMinute(r.at, zone_)),
            ExportCell::Text(KindWord(r)),
            ExportCell::Text(r.user_name),
            ExportCell::Number(static_cast<double>(r.followup_id.value)),
            ExportCell::Text(r.party_name),
            ExportCell::Text(r.subject),
            ExportCell::Text(r.branch_name),
            ExportCell::Text(names_.Category(r.category)),
            ExportCell::Text(r.contact_type.empty() ? "" : names_.ContactType(r.contact_type)),
            ExportCell::Text(r.resolution.empty() ? "" : names_.ContactType(r.resolution)),
            ExportCell::Text(r.result),
        }));
      }
      if (page.next_cursor.empty()) return absl::OkStatus();
      in_.cursor = page.next_cursor;
      ASSIGN_OR_RETURN(page, svc_.reports.Actions(ctx_, in_, now_));
    }
  }

 private:
  const char* KindWord(const ActionRow& r) const {
    if (r.kind == ActionKind::kReturn) return w_.kind_return;
    if (r.entry_kind == "complaint") return w_.kind_complaint;
    if (r.entry_kind == "internal") return w_.kind_internal;
    return w_.kind_note;
  }

  ReportTableServices svc_;
  AuthContext ctx_;
  ActionsInput in_;
  absl::Time now_;
  const Words& w_;
  const ExportWords& cw_;
  absl::TimeZone zone_;
  ReportNames names_;
  ActionsResult first_;
  ExportHead head_;
  std::string file_;
};

std::optional<ActionKind> ParseActionKindParam(std::string_view s) {
  if (s == "return") return ActionKind::kReturn;
  if (s == "entry") return ActionKind::kEntry;
  return std::nullopt;
}

// A page of the export, as the list export reads its pages.
constexpr int kPage = 200;

}  // namespace

std::string_view UnattendedTitle(std::string_view lang) { return WordsFor(lang).unattended_title; }
std::string_view ActionsTitle(std::string_view lang) { return WordsFor(lang).actions_title; }

absl::StatusOr<std::unique_ptr<ReportTable>> OpenUnattendedTable(const ReportTableServices& svc,
                                                                 const AuthContext& ctx,
                                                                 const ReportParams& params,
                                                                 Issues& issues, absl::Time now,
                                                                 std::string_view lang) {
  ReportParamReader p(params, issues);
  UnattendedInput in;
  if (auto v = p.Id("owner_id")) in.owner_id = UserId(*v);
  if (auto v = p.Id("branch_id")) in.branch_id = BranchId(*v);
  if (auto v = p.Id("party_id")) in.party_id = PartyId(*v);
  if (auto v = p.Value("category")) in.category = *v;
  in.priority = p.Enum<Priority>("priority", &ParsePriority);
  in.from = p.Date("from");
  in.to = p.Date("to");
  if (in.from && in.to && *in.from > *in.to) issues.Add("to", "before_from");
  p.Finish();
  RETURN_IF_ERROR(issues.ToStatus());
  in.limit = kPage;
  ASSIGN_OR_RETURN(UnattendedResult first, svc.reports.Unattended(ctx, in, now));
  ASSIGN_OR_RETURN(ReportNames names, ReportNames::Load(svc.accounts, ctx, lang));
  const Words& w = WordsFor(lang);
  const ExportWords& cw = ExportWordsFor(lang);
  ASSIGN_OR_RETURN(ExportHead head, HeadOf(svc, ctx, now, lang, w.unattended_title));
  head.expected_rows = first.total;
  head.columns = {cw.number,   cw.party,    cw.subject, w.agent,      cw.branch,
                  cw.category, cw.priority, w.due,      cw.days_late, w.bucket};
  head.widths = {0.5, 2.2, 2.4, 1.3, 1.1, 1.1, 0.8, 0.9, 0.7, 1.0};
  auto& f = head.filters;
  if (in.owner_id) f.emplace_back(w.agent, names.UserName(in.owner_id->value));
  if (in.branch_id) f.emplace_back(cw.branch, names.BranchName(in.branch_id->value));
  if (in.party_id)
    f.emplace_back(cw.party, first.items.empty() ? absl::StrCat("#", in.party_id->value)
                                                 : first.items.front().row.party_name);
  if (in.category) f.emplace_back(cw.category, names.Category(*in.category));
  if (in.priority) f.emplace_back(cw.priority, PriorityWord(cw, *in.priority));
  if (in.from) f.emplace_back(w.from, ReportDateText(*in.from, lang));
  if (in.to) f.emplace_back(w.to, ReportDateText(*in.to, lang));
  // The totals over every page, as the report's page shows them.
  f.emplace_back(w.total, CountText(first.total));
  for (int b = 0; b < kLateBuckets; ++b)
    f.emplace_back(w.buckets[b], CountText(first.per_bucket[b]));
  return std::make_unique<UnattendedTable>(svc, ctx, std::move(in), now, lang, std::move(names),
                                           std::move(first), std::move(head));
}

absl::StatusOr<std::unique_ptr<ReportTable>> OpenActionsTable(const ReportTableServices& svc,
                                                              const AuthContext& ctx,
                                                              const ReportParams& params,
                                                              Issues& issues, absl::Time now,
                                                              std::string_view lang) {
  ReportParamReader p(params, issues);
  ActionsInput in;
  in.from = p.Date("from");
  in.to = p.Date("to");
  if (in.from && in.to && *in.from > *in.to) issues.Add("to", "before_from");
  if (auto v = p.Id("user_id")) in.user_id = UserId(*v);
  if (auto v = p.Id("branch_id")) in.branch_id = BranchId(*v);
  if (auto v = p.Value("category")) in.category = *v;
  if (auto v = p.Value("contact_type")) in.contact_type = *v;
  if (auto v = p.Value("resolution")) in.resolution = *v;
  in.kind = p.Enum<ActionKind>("kind", &ParseActionKindParam);
  p.Finish();
  RETURN_IF_ERROR(issues.ToStatus());
  in.limit = kPage;
  ASSIGN_OR_RETURN(ActionsResult first, svc.reports.Actions(ctx, in, now));
  ASSIGN_OR_RETURN(ReportNames names, ReportNames::Load(svc.accounts, ctx, lang));
  const Words& w = WordsFor(lang);
  const ExportWords& cw = ExportWordsFor(lang);
  ASSIGN_OR_RETURN(ExportHead head, HeadOf(svc, ctx, now, lang, w.actions_title));
  head.expected_rows = first.returns + first.entries;
  head.columns = {w.when,    w.kind,      w.user,         cw.number,    cw.party, cw.subject,
                  cw.branch, cw.category, w.contact_type, w.resolution, w.result};
  head.widths = {1.1, 1.0, 1.2, 0.5, 1.8, 2.0, 1.0, 1.0, 1.0, 1.0, 2.4};
  auto& f = head.filters;
  // The period the report covers is always printed: its default is the last 30 days.
  f.emplace_back(w.from, ReportDateText(first.from, lang));
  f.emplace_back(w.to, ReportDateText(first.to, lang));
  if (in.user_id) f.emplace_back(w.user, names.UserName(in.user_id->value));
  if (in.branch_id) f.emplace_back(cw.branch, names.BranchName(in.branch_id->value));
  if (in.category) f.emplace_back(cw.category, names.Category(*in.category));
  if (in.contact_type) f.emplace_back(w.contact_type, names.ContactType(*in.contact_type));
  if (in.resolution) f.emplace_back(w.resolution, names.ContactType(*in.resolution));
  if (in.kind) f.emplace_back(w.kind, *in.kind == ActionKind::kReturn ? w.returns : w.entries);
  f.emplace_back(w.returns, CountText(first.returns));
  f.emplace_back(w.entries, CountText(first.entries));
  // The schedule's and the export's period is the report's; keep the resolved one so
  // the following pages read the same days even across a midnight.
  in.from = first.from;
  in.to = first.to;
  return std::make_unique<ActionsTable>(svc, ctx, std::move(in), now, lang, std::move(names),
                                        std::move(first), std::move(head));
}

}  // namespace retorno
