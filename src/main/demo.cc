#include "main/demo.h"

#include <array>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/status_macros.h"
#include "base/time_util.h"
#include "domain/tax_id.h"

namespace retorno {

namespace {

constexpr std::array kBusinesses = {"Padaria",    "Mercado",      "Restaurante", "Hotel",
                                    "Farmácia",   "Clínica",      "Açougue",     "Sorveteria",
                                    "Lanchonete", "Supermercado", "Pizzaria",    "Academia",
                                    "Escola",     "Confeitaria",  "Hortifruti",  "Churrascaria"};
constexpr std::array kNames = {"São Jorge",    "Boa Vista",   "Primavera", "Santa Luzia",
                               "Bom Jesus",    "Estrela",     "Ipê",       "Jequitibá",
                               "Aurora",       "Central",     "Paulista",  "Das Flores",
                               "Bandeirantes", "Santa Clara", "Nova Era",  "Sol Nascente",
                               "Vale Verde",   "Cambuí",      "Taquaral",  "Gonzaga"};
constexpr std::array kCities = {"Campinas", "Valinhos",    "Sumaré",  "Hortolândia",
                                "Santos",   "São Vicente", "Guarujá", "Praia Grande",
                                "Paulínia", "Vinhedo"};
constexpr std::array kFirst = {"João",   "Maria",   "José",   "Ana",      "Carlos", "Fernanda",
                               "Paulo",  "Juliana", "Marcos", "Patrícia", "Lucas",  "Camila",
                               "Rafael", "Beatriz", "Thiago", "Larissa",  "Diego",  "Aline"};
constexpr std::array kLast = {"Silva",    "Santos", "Oliveira",  "Souza",   "Lima",       "Pereira",
                              "Ferreira", "Costa",  "Rodrigues", "Almeida", "Nascimento", "Araújo"};
constexpr std::array kSuppliers = {
    "Frigotec Componentes", "Gás Refrigerante Brasil", "Compressores Embraco Distribuidora",
    "Isopainel Sul",        "Elétrica Campineira",     "Tubos & Conexões Litoral"};
constexpr std::array kSubjects = {
    "Retorno sobre orçamento de câmara fria",
    "Verificar instalação do ar-condicionado split",
    "Oferecer recarga de gás (6 meses após a venda)",
    "Manutenção preventiva do balcão refrigerado",
    "Cliente pediu desconto no orçamento",
    "Enviar nova cotização do freezer horizontal",
    "Pós-venda: satisfação com a expositora",
    "Assistência técnica: compressor com ruído",
    "Renovação do contrato de manutenção",
    "Confirmar entrega do pedido de venda",
    "Apresentar linha nova de bebedouros",
    "Visita técnica: vazamento no evaporador",
    "Cobrar aprovação do orçamento",
    "Agendar limpeza dos filtros",
};
constexpr std::array kNotes = {
    "Cliente pediu para ligar depois das 14h.",
    "Conversamos sobre prazo de entrega; ficou de consultar o sócio.",
    "Enviado orçamento por e-mail com condições à vista e em 3x.",
    "Equipamento instalado em 2023; garantia vence no fim do ano.",
    "Falou com o gerente, que prefere contato por WhatsApp.",
};
constexpr std::array kComplaints = {
    "Reclamou do barulho do compressor à noite.",
    "Técnico chegou atrasado na última visita.",
    "Temperatura oscilando na câmara fria.",
};
constexpr std::array kResults = {
    "Cliente achou o preço alto; vou preparar nova proposta.",
    "Instalação conferida, cliente satisfeito.",
    "Não atendeu; tentar novamente.",
    "Pediu visita técnica na próxima semana.",
    "Fechou o pedido! Encaminhado ao faturamento.",
    "Vai decidir depois da reunião de diretoria.",
    "Problema resolvido por telefone: ajuste do termostato.",
};
constexpr std::array kTypes = {"phone", "phone", "whatsapp", "email", "visit", "meeting"};
constexpr std::array kCategories = {"em_analise", "pos_venda", "assistencia_tecnica"};

template <class A>
const char* Pick(std::mt19937& rng, const A& arr) {
  return arr[std::uniform_int_distribution<size_t>(0, arr.size() - 1)(rng)];
}

std::string Phone(std::mt19937& rng, int ddd) {
  std::uniform_int_distribution<int> d4(1000, 9999);
  return absl::StrFormat("+55 %d 9%04d-%04d", ddd, d4(rng), d4(rng));
}

std::string Slug(std::string s) {
  std::string out;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80) continue;  // drop accents' bytes: good enough for a demo e-mail
    if (std::isalnum(u))
      out.push_back(static_cast<char>(std::tolower(u)));
    else if (c == ' ' && !out.empty() && out.back() != '.')
      out.push_back('.');
  }
  return out;
}

}  // namespace

// The catalogue of a refrigeration company, and its sales and service orders of the
// last 200 days: the automatic follow-ups due from today on fill the calendar's
// Orders and Services tabs (older ones are not created: see app/sales/sales.h).
absl::Status FillDemoSales(const DemoSales& sales, const AuthContext& admin,
                           const std::vector<Party>& parties, absl::CivilDay today, absl::Time now,
                           std::mt19937& rng) {
  struct Item {
    const char* code;
    CatalogKind kind;
    const char* name;
    std::optional<int> days;
    const char* subject;
    const char* message;
  };
  const Item items[] = {
      {"PRD-FILTRO", CatalogKind::kProduct, "Filtro de água para bebedouro", 180,
       "Troca do filtro do bebedouro",
       "Olá #{contato|cliente}, já faz seis meses da compra do filtro. Podemos agendar a troca?"},
      {"PRD-GAS", CatalogKind::kProduct, "Carga de gás R-410A", 365, "Nova carga de gás", ""},
      {"PRD-SPLIT", CatalogKind::kProduct, "Ar-condicionado split 12.000 BTU", 30,
       "Pesquisa de satisfação do ar-condicionado",
       "Olá #{contato|cliente}, como está o seu novo ar-condicionado?"},
      {"PRD-CONTROLE", CatalogKind::kProduct, "Controle remoto universal", std::nullopt, "", ""},
      {"SRV-INST", CatalogKind::kService, "Instalação de ar-condicionado", 30,
       "Revisão da instalação", ""},
      {"SRV-MANUT", CatalogKind::kService, "Manutenção preventiva", 90,
       "Próxima manutenção preventiva",
       "Olá #{contato|cliente}, está na hora da manutenção preventiva do seu equipamento."},
  };
  for (const Item& i : items) {
    CatalogInput in;
    in.code = i.code;
    in.kind = i.kind;
    in.name = i.name;
    in.followup_days = i.days;
    in.followup = FollowupTemplate{i.subject, "", "", i.message};
    RETURN_IF_ERROR(sales.catalog.Create(admin, in, now).status());
  }
  std::vector<const Party*> customers;
  for (const Party& p : parties)
    if (p.kind == PartyKind::kCustomer) customers.push_back(&p);
  const char* products[] = {"PRD-FILTRO", "PRD-GAS", "PRD-SPLIT", "PRD-CONTROLE"};
  const char* services[] = {"SRV-INST", "SRV-MANUT"};
  for (int n = 0; n < 240; ++n) {
    const Party& party = *customers[rng() % customers.size()];
    DocumentInput d;
    d.party_id = party.id;
    d.owner_id = party.owner_id;
    const int kind = n % 6;  // sales, service orders and quotes, 3:2:1
    if (kind < 3) {
      d.kind = DocumentKind::kSale;
      d.number = absl::StrFormat("V-%06d", 20000 + n);
      d.date = today - static_cast<int>(rng() % 200);
      d.items.push_back({products[rng() % 4], "", 1.0 + rng() % 3});
      if (rng() % 3 == 0) d.items.push_back({products[rng() % 4], "", 1});
    } else if (kind < 5) {
      d.kind = DocumentKind::kServiceOrder;
      d.number = absl::StrFormat("OS-%05d", 5000 + n);
      d.date = today - static_cast<int>(rng() % 100);
      const bool done = rng() % 4 != 0;
      d.status = done ? DocumentStatus::kCompleted : DocumentStatus::kOpen;
      if (done) d.completed_on = std::min(today, *d.date + static_cast<int>(rng() % 5));
      d.items.push_back({services[rng() % 2], "", 1});
    } else {
      d.kind = DocumentKind::kQuote;
      d.number = absl::StrFormat("ORC-%05d", 8000 + n);
      d.date = today - static_cast<int>(rng() % 30);
      d.items.push_back({products[rng() % 4], "", 1});
    }
    RETURN_IF_ERROR(sales.documents.Create(admin, d, now).status());
  }
  return sales.birthdays.Ensure(std::nullopt, now).status();
}

absl::Status FillDemo(Store& store, AccountService& accounts, PartyService& parties,
                      FollowupService& followups, const DemoSales& sales, absl::Time now,
                      const DemoOptions& o) {
  int64_t existing = 0;
  RETURN_IF_ERROR(store.Read([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(existing, tx.accounts().CountUsers());
    return absl::OkStatus();
  }));
  if (existing > 0) return absl::FailedPreconditionError("the database already has users");

  std::mt19937 rng(o.seed);
  const absl::TimeZone sp = *LoadZone("America/Sao_Paulo");
  const absl::Time start = now - absl::Hours(24 * (o.days_back + 5));

  RETURN_IF_ERROR(store.Write([&](Tx& tx) {
    return tx.accounts().PutSettings({"Refrigeração Paulista Ltda.", "America/Sao_Paulo", true});
  }));
  AuthContext system;
  system.user.role = Role::kAdmin;
  ASSIGN_OR_RETURN(Branch campinas, accounts.CreateBranch(system, {BranchId(), "Campinas", ""}));
  ASSIGN_OR_RETURN(Branch santos, accounts.CreateBranch(system, {BranchId(), "Santos", ""}));

  struct Person {
    const char* login;
    const char* name;
    Role role;
    BranchId branch;
    int every;
  };
  const Person people[] = {
      {"admin", "Ana Souza", Role::kAdmin, campinas.id, 0},
      {"carla", "Carla Mendes", Role::kSupervisor, campinas.id, 30},
      {"rafael", "Rafael Teixeira", Role::kSupervisor, santos.id, 30},
      {"joao", "João Pereira", Role::kAgent, campinas.id, 15},
      {"mariana", "Mariana Lopes", Role::kAgent, campinas.id, 20},
      {"pedro", "Pedro Albuquerque", Role::kAgent, santos.id, 60},
  };
  std::vector<AuthContext> users;
  for (const Person& p : people) {
    UserInput in;
    in.login = p.login;
    in.name = p.name;
    in.email = absl::StrCat(p.login, "@refrigeracaopaulista.com.br");
    in.password = o.password;
    in.role = p.role;
    in.branch_id = std::optional<BranchId>(p.branch);
    in.time_zone = "America/Sao_Paulo";
    in.locale = "pt-BR";
    in.alert_on_login = true;
    if (p.every) in.alert_every_minutes = std::optional<int>(p.every);
    ASSIGN_OR_RETURN(User u, accounts.CreateUser(nullptr, in, start));
    AuthContext ctx;
    ctx.user = u;
    users.push_back(ctx);
  }
  // Agents and supervisors own follow-ups; the admin only oversees.
  std::vector<AuthContext*> owners;
  for (AuthContext& u : users)
    if (u.user.role != Role::kAdmin) owners.push_back(&u);

  std::vector<Party> all_parties;
  for (int i = 0; i < o.parties; ++i) {
    const bool supplier = i < static_cast<int>(kSuppliers.size());
    const bool prospect = !supplier && i % 10 == 0;
    AuthContext* owner = owners[i % owners.size()];
    const bool coast = owner->user.branch_id == santos.id;
    Party p;
    p.kind = supplier   ? PartyKind::kSupplier
             : prospect ? PartyKind::kProspect
                        : PartyKind::kCustomer;
    p.code = absl::StrFormat("%s%05d", supplier ? "F" : "C", 1000 + i);
    p.name = supplier
                 ? std::string(kSuppliers[i])
                 : absl::StrCat(Pick(rng, kBusinesses), " ", Pick(rng, kNames), " (",
                                coast ? Pick(rng, std::array{"Santos", "Guarujá", "São Vicente"})
                                      : Pick(rng, kCities),
                                ")");
    p.email = absl::StrCat("contato@", Slug(p.name.substr(0, p.name.find(' ', 8))), i, ".com.br");
    p.phone = Phone(rng, coast ? 13 : 19);
    p.whatsapp = p.phone;
    if (rng() % 3 == 0)
      p.birthday = absl::CivilDay(1960 + rng() % 40, 1 + rng() % 12, 1 + rng() % 28);
    std::string contact = absl::StrCat(Pick(rng, kFirst), " ", Pick(rng, kLast));
    p.contacts.push_back(
        {contact, absl::StrCat(Slug(contact), "@cliente.com.br"), Phone(rng, coast ? 13 : 19), ""});
    // Customers and suppliers carry a CNPJ (valid check digits, not drawn from rng so
    // the rest of the demo stays the same), found by the search with or without dots.
    if (!prospect) p.tax_id = CnpjWithCheckDigits(absl::StrFormat("%08d0001", 10000000 + i * 7919));
    p.branch_id = owner->user.branch_id;
    p.owner_id = owner->user.id;
    ASSIGN_OR_RETURN(p, parties.Create(*owner, p, start));
    all_parties.push_back(std::move(p));
  }

  std::uniform_int_distribution<int> back(1, o.days_back);
  std::uniform_int_distribution<int> span(0, o.days_back + o.days_ahead);
  const absl::CivilDay today = DayIn(now, sp);
  for (int i = 0; i < o.followups; ++i) {
    const Party& party = all_parties[rng() % all_parties.size()];
    AuthContext* owner = owners[0];
    for (AuthContext* u : owners)
      if (party.owner_id && u->user.id == *party.owner_id) owner = u;
    // The contact happened some days ago at a working hour; the return is due between
    // that day and `days_ahead` days from today.
    const absl::CivilDay contact_day = today - back(rng);
    const absl::Time contact_at = InstantOf(contact_day, 8 * 60 + rng() % (9 * 60), sp);
    int max_ahead = static_cast<int>(today - contact_day) + o.days_ahead;
    absl::CivilDay due =
        contact_day + 1 + std::uniform_int_distribution<int>(0, max_ahead - 1)(rng);
    CreateFollowupInput in;
    in.party_id = party.id;
    in.subject = Pick(rng, kSubjects);
    in.category = Pick(rng, kCategories);
    in.priority = std::array{Priority::kHigh, Priority::kMedium, Priority::kMedium,
                             Priority::kLow}[rng() % 4];
    in.contact = party.contacts.empty() ? std::nullopt : std::optional<Contact>(party.contacts[0]);
    in.contact_at = contact_at;
    in.note_followup = Pick(rng, kNotes);
    if (rng() % 8 == 0) in.note_complaint = Pick(rng, kComplaints);
    if (rng() % 6 == 0) in.note_internal = "Cliente bom pagador; priorizar.";
    ActionInput next;
    next.type = Pick(rng, kTypes);
    next.due_date = due;
    if (rng() % 2) next.due_minutes = (9 + rng() % 8) * 60 + (rng() % 2) * 30;
    if (rng() % 12 == 0) next.repeat_months = 6;
    in.next_action = next;
    ASSIGN_OR_RETURN(CreatedFollowup created, followups.Create(*owner, in, contact_at));
    const FollowupDetail& d = created.detail;

    // Returns already due: most were done (some chaining into a new return), some
    // forgotten (overdue), some follow-ups closed.
    const Action& first = d.actions.front();
    if (first.due_date < today && rng() % 100 < 72) {
      const absl::Time done_at = InstantOf(first.due_date, 10 * 60 + rng() % 480, sp);
      CompleteInput ci;
      ci.result = Pick(rng, kResults);
      ci.result_at = done_at;
      const int roll = static_cast<int>(rng() % 100);
      if (roll < 45) {
        ActionInput chained;
        chained.type = Pick(rng, kTypes);
        chained.due_date = first.due_date + 1 + static_cast<int>(rng() % 20);
        ci.next_action = chained;
      }
      ASSIGN_OR_RETURN(FollowupDetail after,
                       followups.CompleteAction(*owner, first.id, ci, done_at));
      if (roll >= 45 && roll < 80 && NextDueDate(after.actions) == std::nullopt) {
        RETURN_IF_ERROR(
            followups
                .Close(*owner, d.followup.id, "Atendimento concluído.", done_at + absl::Minutes(5))
                .status());
      }
    }
    if (o.progress && (i + 1) % 100 == 0) o.progress(i + 1, o.followups);
  }
  return FillDemoSales(sales, users.front(), all_parties, today, now, rng);
}

}  // namespace retorno
