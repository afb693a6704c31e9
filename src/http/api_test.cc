// The OpenAPI document is the contract: every route the server registers is in it, and
// every operation it lists is registered.
#include "http/api.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "export/writers.h"
#include "http/event_hub.h"

namespace retorno {
namespace {

// Registering routes touches no service; a store that refuses everything is enough.
class NoStore final : public Store {
 public:
  absl::Status Write(const std::function<absl::Status(Tx&)>&) override {
    return absl::UnimplementedError("no store");
  }
  absl::Status Read(const std::function<absl::Status(Tx&)>&) override {
    return absl::UnimplementedError("no store");
  }
};

class NoAppointments final : public AppointmentStore {
 public:
  std::unique_ptr<AppointmentRepository> In(Tx&) override { return nullptr; }
};

class NoCrypto final : public Crypto {
 public:
  absl::StatusOr<std::string> HashPassword(std::string_view) override { return std::string(); }
  bool VerifyPassword(std::string_view, std::string_view) override { return false; }
  std::string RandomToken() override { return "t"; }
  std::string Sha256Hex(std::string_view) override { return "h"; }
};

class NoSniffer final : public ContentSniffer {
 public:
  std::string Sniff(std::string_view) override { return "application/octet-stream"; }
};

class NoSecrets final : public Secrets {
 public:
  std::string Seal(std::string_view) override { return ""; }
  absl::StatusOr<std::string> Open(std::string_view) override { return std::string(); }
};

class NoPasswords final : public PasswordPolicy {
 public:
  std::string Weakness(std::string_view, std::string_view) override { return ""; }
};

// The routes `api` registers, as "METHOD /pattern".
std::set<std::string> Registered(Api& api) {
  Router router;
  api.Register(router);
  std::set<std::string> registered;
  for (const RouteInfo& r : router.routes()) registered.insert(r.method + " " + r.pattern);
  return registered;
}

// The operations the document lists; `simulated_only` gets those marked as served only
// with the simulated clock.
std::set<std::string> Documented(std::set<std::string>* simulated_only) {
  nlohmann::json doc = nlohmann::json::parse(Api::OpenApiDocument());
  EXPECT_TRUE(doc["openapi"].get<std::string>().starts_with("3.1"));
  std::set<std::string> documented;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      static const std::set<std::string> kMethods = {"get", "post", "put", "patch", "delete"};
      if (!kMethods.contains(method)) continue;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(c));
      documented.insert(upper + " " + path);
      if (op.value("x-retorno-simulated-clock-only", false))
        simulated_only->insert(upper + " " + path);
    }
  return documented;
}

TEST(OpenApi, DocumentAndRoutesAgree) {
  NoStore store;
  NoCrypto crypto;
  NoSniffer sniffer;
  SimulatedClock clock(absl::UnixEpoch());
  NoPasswords passwords;
  AccountService accounts(store, crypto, passwords);
  PartyService parties(store);
  FollowupService followups(store, crypto, sniffer);
  NoSecrets secrets;
  CalendarService calendar(store, crypto, followups);
  CatalogService catalog(store);
  DocumentService documents(store, followups);
  FollowupSalesService followup_sales(store, documents);
  ImportService imports(store, documents);
  MessagingService messaging(store, crypto, secrets);
  ReportService reports(store);
  audit::AuditService audit(store);
  PrivacyService privacy(store);
  BulkService bulk(store);
  AttendanceService attendance(store, followups, messaging);
  WorkflowService workflow(store);
  QuestionnaireService questionnaires(store);
  NoAppointments appointment_store;
  AppointmentService appointments(store, appointment_store);
  EventHub events;
  FileExportWriters exports;
  ReportScheduleService report_schedules(store, accounts, reports, exports, crypto);
  const ApiServices services{.accounts = accounts,
                             .parties = parties,
                             .followups = followups,
                             .bulk = bulk,
                             .attendance = attendance,
                             .workflow = workflow,
                             .calendar = calendar,
                             .catalog = catalog,
                             .documents = documents,
                             .followup_sales = followup_sales,
                             .imports = imports,
                             .messaging = messaging,
                             .reports = reports,
                             .audit = audit,
                             .privacy = privacy,
                             .report_schedules = report_schedules,
                             .questionnaires = questionnaires,
                             .exports = exports,
                             .events = events,
                             .clock = clock,
                             .appointments = appointments};
  std::set<std::string> simulated_only;
  const std::set<std::string> documented = Documented(&simulated_only);
  EXPECT_EQ(simulated_only, std::set<std::string>{"POST /api/v1/test/clock/advance"});

  // A production server: every documented operation but the simulated clock's.
  Api api(services);
  const std::set<std::string> registered = Registered(api);
  for (const std::string& r : registered)
    EXPECT_TRUE(documented.contains(r)) << "undocumented: " << r;
  for (const std::string& d : documented)
    EXPECT_EQ(registered.contains(d), !simulated_only.contains(d)) << d;
  EXPECT_GE(registered.size(), 36u);

  // A test server with the simulated clock serves those too.
  ApiOptions test_options;
  test_options.test_clock = &clock;
  Api test_api(services, test_options);
  EXPECT_EQ(Registered(test_api), documented);
}

// When a node may have missed events, it ends its streams so the apps reconnect and
// start again from a fresh summary.
TEST(EventHub, CloseAllEndsEveryStream) {
  EventHub hub;
  auto a = std::make_shared<ResponseStream>();
  auto b = std::make_shared<ResponseStream>();
  hub.Add(UserId(1), a);
  hub.Add(UserId(2), b);
  ASSERT_EQ(hub.ConnectedUsers().size(), 2u);
  hub.CloseAll();
  EXPECT_TRUE(a->closed());
  EXPECT_TRUE(b->closed());
  EXPECT_TRUE(hub.ConnectedUsers().empty());
  EXPECT_FALSE(hub.Connected(UserId(1)));
}

}  // namespace
}  // namespace retorno
