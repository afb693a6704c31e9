// Exports of the follow-up list and of the agenda as CSV, XLSX or PDF (ADR 0031). The
// same use cases and filters as the lists, so an export never holds a row its reader
// could not see on screen. The request is checked and the first page read before
// anything is sent, so a bad filter is a 422 and a refused scope a 403 as on the list;
// then a producer thread reads the rest page by page with the list's keyset cursor and
// writes each row through the writer into the response stream, waiting whenever the
// reader falls behind, so memory does not grow with the row count.
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "app/exports/export_words.h"
#include "app/exports/export_writer.h"
#include "base/zone_minutes.h"
#include "domain/state.h"
#include "http/routes/export_stream.h"
#include "http/routes/list_filters.h"
#include "http/routes/routes.h"
#include "http/routes/views.h"

namespace retorno {

namespace {

// The words of an export in the reader's language: the same as the app's screens
// (web/src/i18n), so a column reads as it does in the list.
struct Words {
  const char* owner;
  const char* state;
  const char* next_return;
  const char* contact_at;
  const char* date;
  const char* time;
  const char* type;
  const char* message;
  const char* contact;
  const char* assignee;
  const char* followups_title;
  const char* agenda_title;
  const char* followups_file;
  const char* status_label;
  const char* status_open;
  const char* status_closed;
  const char* status_all;
  const char* from;
  const char* to;
  const char* contact_from;
  const char* contact_to;
  const char* text;
  const char* scope_label;
  const char* scope_mine;
  const char* scope_branch;
  const char* scope_all;
  const char* when_today;
  const char* when_overdue;
  const char* when_upcoming;
  const char* state_overdue;
  const char* state_today;
  const char* state_open;
  const char* state_closed;
  // The internal date (ADR 0041): its column and the list's filter on it.
  const char* internal_date;
  const char* internal_any;
  const char* internal_due;
  const char* internal_overdue;
};

constexpr Words kPtBr = {
    .owner = "Responsável",
    .state = "Situação",
    .next_return = "Retorno",
    .contact_at = "Data do contato",
    .date = "Data",
    .time = "Hora",
    .type = "Tp. contato",
    .message = "Mensagem ao cliente",
    .contact = "Contato",
    .assignee = "Responsável",
    .followups_title = "Follow Ups",
    .agenda_title = "Meus retornos",
    .followups_file = "retornos",
    .status_label = "Follow ups",
    .status_open = "Em aberto",
    .status_closed = "Encerrados",
    .status_all = "Abertos e encerrados",
    .from = "Retorno de",
    .to = "Retorno até",
    .contact_from = "Contato de",
    .contact_to = "Contato até",
    .text = "Texto",
    .scope_label = "Mostrar",
    .scope_mine = "Meus retornos",
    .scope_branch = "Minha filial",
    .scope_all = "Todos",
    .when_today = "Hoje",
    .when_overdue = "Atrasados",
    .when_upcoming = "Próximos",
    .state_overdue = "Atrasado",
    .state_today = "Hoje",
    .state_open = "Em aberto",
    .state_closed = "Encerrado",
    .internal_date = "Data interna",
    .internal_any = "Com data interna",
    .internal_due = "Data interna hoje",
    .internal_overdue = "Data interna vencida",
};

constexpr Words kEs = {
    .owner = "Agente",
    .state = "Estatus",
    .next_return = "Seguimiento",
    .contact_at = "Fecha de contacto",
    .date = "Fecha",
    .time = "Hora",
    .type = "Tipo de contacto",
    .message = "Mensaje al cliente",
    .contact = "Contacto",
    .assignee = "Agente",
    .followups_title = "Seguimientos",
    .agenda_title = "Mis actividades",
    .followups_file = "seguimientos",
    .status_label = "Seguimientos",
    .status_open = "Abiertos",
    .status_closed = "Concluidos",
    .status_all = "Abiertos y concluidos",
    .from = "Seguimiento desde",
    .to = "Seguimiento hasta",
    .contact_from = "Contacto desde",
    .contact_to = "Contacto hasta",
    .text = "Texto",
    .scope_label = "Mostrar",
    .scope_mine = "Mis actividades",
    .scope_branch = "Mi sucursal",
    .scope_all = "Todos",
    .when_today = "Hoy",
    .when_overdue = "Atrasadas",
    .when_upcoming = "Próximas",
    .state_overdue = "Atrasado",
    .state_today = "Hoy",
    .state_open = "En proceso",
    .state_closed = "Concluido",
    .internal_date = "Fecha interna",
    .internal_any = "Con fecha interna",
    .internal_due = "Fecha interna hoy",
    .internal_overdue = "Fecha interna vencida",
};

constexpr Words kEn = {
    .owner = "Responsible",
    .state = "State",
    .next_return = "Return",
    .contact_at = "Contact date",
    .date = "Date",
    .time = "Time",
    .type = "Contact type",
    .message = "Message to the customer",
    .contact = "Contact",
    .assignee = "Assignee",
    .followups_title = "Follow-ups",
    .agenda_title = "My returns",
    .followups_file = "returns",
    .status_label = "Follow-ups",
    .status_open = "Open",
    .status_closed = "Closed",
    .status_all = "Open and closed",
    .from = "Return from",
    .to = "Return until",
    .contact_from = "Contact from",
    .contact_to = "Contact until",
    .text = "Text",
    .scope_label = "Show",
    .scope_mine = "My returns",
    .scope_branch = "My branch",
    .scope_all = "Everyone",
    .when_today = "Today",
    .when_overdue = "Overdue",
    .when_upcoming = "Upcoming",
    .state_overdue = "Overdue",
    .state_today = "Today",
    .state_open = "Open",
    .state_closed = "Closed",
    .internal_date = "Internal date",
    .internal_any = "With an internal date",
    .internal_due = "Internal date today",
    .internal_overdue = "Internal date passed",
};

const Words& WordsFor(Lang lang) {
  switch (lang) {
    case Lang::kEs:
      return kEs;
    case Lang::kEn:
      return kEn;
    case Lang::kPtBr:
      break;
  }
  return kPtBr;
}

const char* StateWord(const Words& w, FollowupState s) {
  switch (s) {
    case FollowupState::kOverdue:
      return w.state_overdue;
    case FollowupState::kToday:
      return w.state_today;
    case FollowupState::kOpen:
      return w.state_open;
    case FollowupState::kClosed:
      return w.state_closed;
  }
  return "";
}

const char* InternalWord(const Words& w, FollowupQuery::Internal i) {
  switch (i) {
    case FollowupQuery::Internal::kAny:
      return w.internal_any;
    case FollowupQuery::Internal::kDue:
      return w.internal_due;
    case FollowupQuery::Internal::kOverdue:
      return w.internal_overdue;
  }
  return "";
}

// The names an export shows instead of ids and codes: colleagues, branches, the
// tables' codes in the reader's language. Bounded by the organisation, not the rows.
struct Names {
  std::map<int64_t, std::string> users;
  std::map<int64_t, std::string> branches;
  std::map<std::string, std::string> categories;
  std::map<std::string, std::string> contact_types;

  static absl::StatusOr<Names> Load(const ApiServices& svc, const AuthContext& ctx, Lang lang) {
    Names n;
    ASSIGN_OR_RETURN(std::vector<User> users, svc.accounts.ListUsers(ctx));
    for (const User& u : users) n.users[u.id.value] = u.name;
    ASSIGN_OR_RETURN(std::vector<Branch> branches, svc.accounts.ListBranches());
    for (const Branch& b : branches) n.branches[b.id.value] = b.name;
    ASSIGN_OR_RETURN(std::vector<CodeItem> cats, svc.accounts.ListCodes(CodeTable::kCategory));
    for (const CodeItem& c : cats) n.categories[c.code] = c.NameIn(LangTag(lang));
    ASSIGN_OR_RETURN(std::vector<CodeItem> types, svc.accounts.ListCodes(CodeTable::kContactType));
    for (const CodeItem& c : types) n.contact_types[c.code] = c.NameIn(LangTag(lang));
    return n;
  }
  template <class K>
  static std::string Find(const std::map<K, std::string>& m, const K& key, std::string fallback) {
    auto it = m.find(key);
    return it == m.end() ? std::move(fallback) : it->second;
  }
  std::string UserName(UserId id) const {
    return Find(users, id.value, absl::StrCat("#", id.value));
  }
  // The same into `out`, whose room is reused.
  void UserNameInto(std::string& out, UserId id) const {
    auto it = users.find(id.value);
    if (it != users.end()) {
      out.assign(it->second);
    } else {
      out.assign("#");
      absl::StrAppend(&out, id.value);
    }
  }
};

// "code name", or the name alone for a party without a code.
void AppendPartyText(std::string& out, std::string_view code, std::string_view name) {
  if (!code.empty()) {
    out.append(code);
    out.push_back(' ');
  }
  out.append(name);
}

std::string PartyText(const Party& p) {
  std::string s;
  AppendPartyText(s, p.code, p.name);
  return s;
}

std::string DateText(absl::CivilDay d, Lang lang) {
  return CellText(ExportCell::Date(d), LocaleOf(lang));
}

}  // namespace

void RegisterExportRoutes(Routes& routes) {
  const ApiServices& svc = routes.services();
  auto runs = std::make_shared<ExportRuns>();
  RegisterReportExportRoutes(routes, runs);
  RegisterAuditExportRoutes(routes, runs);
  RegisterQuestionnaireExportRoutes(routes, runs);

  routes.Get(
      "/api/v1/followups/export",
      [svc, runs](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        RETURN_IF_ERROR(RequireRight(ctx, Right::kExport));
        Issues issues;
        std::optional<ExportFormat> format = ReadFormat(c.req, issues);
        FollowupListInput q = ReadFollowupFilters(c.req, issues);
        RefuseUnknownParameters(c.req, issues);
        RETURN_IF_ERROR(issues.ToStatus());
        q.limit = kMaxExportPageRows;
        // The first page before any byte: the list's 422s and 403s, and the count.
        auto first = std::make_shared<FollowupExportList>();
        RETURN_IF_ERROR(svc.followups.ListForExport(ctx, q, c.now, *first));
        ASSIGN_OR_RETURN(Names names, Names::Load(svc, ctx, c.lang));
        ASSIGN_OR_RETURN(Settings settings, svc.accounts.GetSettings());
        const Words& w = WordsFor(c.lang);
        const ExportWords& cw = ExportWordsFor(LangTag(c.lang));
        const Out out = OutFor(ctx);

        ExportHead head;
        head.company = settings.company_name;
        head.title = w.followups_title;
        head.page_of = cw.page_of;
        head.page = cw.page;
        head.made_at = absl::ToCivilMinute(c.now, out.zone);
        head.expected_rows = first->total;
        head.columns = {cw.number,    cw.party,     cw.subject,     w.owner,
                        cw.category,  cw.priority,  w.state,        w.next_return,
                        cw.days_late, w.contact_at, w.internal_date};
        head.widths = {0.5, 2.1, 2.4, 1.2, 1.0, 0.8, 0.9, 0.9, 0.6, 1.2, 0.9};
        auto& f = head.filters;
        f.emplace_back(w.status_label, !q.status                            ? w.status_all
                                       : *q.status == FollowupStatus::kOpen ? w.status_open
                                                                            : w.status_closed);
        if (q.state) f.emplace_back(w.state, StateWord(w, *q.state));
        if (q.owner_id) f.emplace_back(w.owner, names.UserName(*q.owner_id));
        if (q.branch_id)
          f.emplace_back(cw.branch, Names::Find(names.branches, q.branch_id->value,
                                                absl::StrCat("#", q.branch_id->value)));
        if (q.party_id) {
          std::string party = absl::StrCat("#", q.party_id->value);
          if (first->page.size > 0) {
            party.clear();
            AppendPartyText(party, first->page.rows[0].party_code, first->page.rows[0].party_name);
          }
          f.emplace_back(cw.party, std::move(party));
        }
        if (q.category)
          f.emplace_back(cw.category, Names::Find(names.categories, *q.category, *q.category));
        if (q.priority) f.emplace_back(cw.priority, PriorityWord(cw, *q.priority));
        if (q.from) f.emplace_back(w.from, DateText(*q.from, c.lang));
        if (q.to) f.emplace_back(w.to, DateText(*q.to, c.lang));
        if (q.contact_from) f.emplace_back(w.contact_from, DateText(*q.contact_from, c.lang));
        if (q.contact_to) f.emplace_back(w.contact_to, DateText(*q.contact_to, c.lang));
        if (q.internal) f.emplace_back(w.internal_date, InternalWord(w, *q.internal));
        if (!q.text.empty()) f.emplace_back(w.text, q.text);

        auto stream = std::make_shared<ResponseStream>("");
        const bool started =
            runs->TryStart([svc, runs = runs.get(), stream, format = *format, lang = c.lang,
                            head = std::move(head), names = std::move(names), ctx, q, now = c.now,
                            zone = out.zone, first = std::move(first)]() mutable {
              const Words& w = WordsFor(lang);
              const ExportWords& cw = ExportWordsFor(LangTag(lang));
              // One row and one page, rewritten in place: a million rows allocate
              // nothing each, and the zone's offsets are looked up once per span.
              ExportRow row(11);
              row[0].kind = row[8].kind = ExportCell::Kind::kNumber;
              row[9].kind = ExportCell::Kind::kDateTime;
              ZoneMinutes minutes(zone);
              auto fill = [&](const FollowupExportRow& r, absl::CivilDay today) {
                const DerivedState state = StateOf(r.status, r.next_due_date, today);
                row[0].number = static_cast<double>(r.id.value);
                row[1].text.clear();
                AppendPartyText(row[1].text, r.party_code, r.party_name);
                row[2].text.assign(r.subject);
                names.UserNameInto(row[3].text, r.owner_id);
                auto cat = names.categories.find(r.category);
                row[4].text.assign(cat == names.categories.end() ? r.category : cat->second);
                row[5].text.assign(PriorityWord(cw, r.priority));
                row[6].text.assign(StateWord(w, state.state));
                if (r.next_due_date) {
                  row[7].kind = ExportCell::Kind::kDate;
                  row[7].date = *r.next_due_date;
                } else {
                  row[7].kind = ExportCell::Kind::kText;
                  row[7].text.clear();
                }
                row[8].number = state.days_late;
                row[9].date_time = minutes.Of(r.contact_at);
                if (r.internal_date) {
                  row[10].kind = ExportCell::Kind::kDate;
                  row[10].date = *r.internal_date;
                } else {
                  row[10].kind = ExportCell::Kind::kText;
                  row[10].text.clear();
                }
              };
              Produce(svc, *runs, stream, format, lang, head,
                      [&](const ExportRowWriter& write) -> absl::Status {
                        FollowupExportList& page = *first;
                        while (true) {
                          for (size_t i = 0; i < page.page.size; ++i) {
                            fill(page.page.rows[i], page.today);
                            RETURN_IF_ERROR(write(row));
                          }
                          if (page.page.next_cursor.empty()) return absl::OkStatus();
                          q.cursor = page.page.next_cursor;
                          RETURN_IF_ERROR(svc.followups.ListForExport(ctx, q, now, page));
                        }
                      });
            });
        if (!started) return CodedError(ErrorCode::kExportsBusy);
        return StreamResponse(*format, w.followups_file, absl::ToCivilDay(c.now, out.zone), stream);
      });

  routes.Get(
      "/api/v1/agenda/export",
      [svc, runs](Call& c, const AuthContext& ctx) -> absl::StatusOr<HttpResponse> {
        RETURN_IF_ERROR(RequireRight(ctx, Right::kExport));
        Issues issues;
        std::optional<ExportFormat> format = ReadFormat(c.req, issues);
        AgendaInput q = ReadAgendaQuery(c.req, issues);
        RefuseUnknownParameters(c.req, issues);
        RETURN_IF_ERROR(issues.ToStatus());
        ASSIGN_OR_RETURN(std::vector<AgendaItem> items, svc.followups.Agenda(ctx, q, c.now));
        ASSIGN_OR_RETURN(Names names, Names::Load(svc, ctx, c.lang));
        ASSIGN_OR_RETURN(Settings settings, svc.accounts.GetSettings());
        const Words& w = WordsFor(c.lang);
        const ExportWords& cw = ExportWordsFor(LangTag(c.lang));
        const Out out = OutFor(ctx);

        ExportHead head;
        head.company = settings.company_name;
        head.title = w.agenda_title;
        head.page_of = cw.page_of;
        head.page = cw.page;
        head.made_at = absl::ToCivilMinute(c.now, out.zone);
        head.expected_rows = static_cast<int64_t>(items.size());
        head.columns = {w.state,    w.date,    w.time,    w.type,    cw.party,
                        cw.subject, w.message, w.contact, w.assignee};
        head.widths = {0.8, 0.8, 0.5, 1.0, 2.0, 2.2, 2.2, 1.6, 1.2};
        head.filters.emplace_back(w.scope_label, q.scope == Scope::kMine     ? w.scope_mine
                                                 : q.scope == Scope::kBranch ? w.scope_branch
                                                                             : w.scope_all);
        switch (q.when) {
          case AgendaWhen::kToday:
            head.filters.emplace_back(w.date, w.when_today);
            break;
          case AgendaWhen::kOverdue:
            head.filters.emplace_back(w.date, w.when_overdue);
            break;
          case AgendaWhen::kUpcoming:
            head.filters.emplace_back(w.date, w.when_upcoming);
            break;
          case AgendaWhen::kRange:
            if (q.from) head.filters.emplace_back(w.from, DateText(*q.from, c.lang));
            if (q.to) head.filters.emplace_back(w.to, DateText(*q.to, c.lang));
            break;
        }

        auto stream = std::make_shared<ResponseStream>("");
        const bool started = runs->TryStart([svc, runs = runs.get(), stream, format = *format,
                                             lang = c.lang, head = std::move(head),
                                             names = std::move(names), items = std::move(items)] {
          const Words& w = WordsFor(lang);
          Produce(svc, *runs, stream, format, lang, head,
                  [&](const ExportRowWriter& write) -> absl::Status {
                    for (const AgendaItem& i : items) {
                      const Action& a = i.row.action;
                      const Contact& ct = i.row.followup.contact;
                      std::string contact = ct.name;
                      if (!ct.phone.empty())
                        absl::StrAppend(&contact, contact.empty() ? "" : " ", ct.phone);
                      RETURN_IF_ERROR(write({
                          ExportCell::Text(StateWord(w, i.state.state)),
                          ExportCell::Date(a.due_date),
                          ExportCell::Text(a.due_minutes ? FormatTimeOfDay(*a.due_minutes) : ""),
                          ExportCell::Text(Names::Find(names.contact_types, a.type, a.type)),
                          ExportCell::Text(PartyText(i.row.party)),
                          ExportCell::Text(i.row.followup.subject),
                          ExportCell::Text(a.message),
                          ExportCell::Text(contact),
                          ExportCell::Text(names.UserName(a.assignee_id)),
                      }));
                    }
                    return absl::OkStatus();
                  });
        });
        if (!started) return CodedError(ErrorCode::kExportsBusy);
        return StreamResponse(*format, "agenda", absl::ToCivilDay(c.now, out.zone), stream);
      });
}

}  // namespace retorno
