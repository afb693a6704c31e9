// The OpenAPI document is the contract: every route the server registers is in it, and
// every operation it lists is registered.
#include "http/api.h"

#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

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
  ImportService imports(store, documents);
  MessagingService messaging(store, crypto, secrets);
  EventHub events;
  Api api(ApiServices{.accounts = accounts,
                      .parties = parties,
                      .followups = followups,
                      .calendar = calendar,
                      .catalog = catalog,
                      .documents = documents,
                      .imports = imports,
                      .messaging = messaging,
                      .events = events,
                      .clock = clock});
  Router router;
  api.Register(router);

  std::set<std::string> registered;
  for (const RouteInfo& r : router.routes()) registered.insert(r.method + " " + r.pattern);

  nlohmann::json doc = nlohmann::json::parse(Api::OpenApiDocument());
  ASSERT_TRUE(doc["openapi"].get<std::string>().starts_with("3.1"));
  std::set<std::string> documented;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items()) {
      static const std::set<std::string> kMethods = {"get", "post", "put", "patch", "delete"};
      if (!kMethods.contains(method)) continue;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(c));
      documented.insert(upper + " " + path);
    }
  for (const std::string& r : registered) EXPECT_TRUE(documented.contains(r)) << "undocumented: " << r;
  for (const std::string& d : documented) EXPECT_TRUE(registered.contains(d)) << "not served: " << d;
  EXPECT_GE(registered.size(), 36u);
}

}  // namespace
}  // namespace retorno
