// The store contract suite (store/store_contract_test.h) on PostgresStore: one private
// cluster for this binary (cluster_env.h), a fresh copy of the migrated template per
// test, dropped with the test's store.
#include <memory>
#include <string>
#include <utility>

#include "gtest/gtest.h"
#include "store/postgres/cluster_env.h"
#include "store/postgres/postgres_store.h"
#include "store/store_contract_test.h"

namespace retorno {
namespace {

// The store of one test; its database is dropped when the test is done with it.
class DroppingStore final : public Store {
 public:
  DroppingStore(std::unique_ptr<Store> store, std::string url)
      : store_(std::move(store)), url_(std::move(url)) {}
  ~DroppingStore() override {
    store_.reset();
    if (postgres::TestCluster* c = postgres::SharedCluster()) c->DropDatabase(url_).IgnoreError();
  }
  absl::Status Write(const std::function<absl::Status(Tx&)>& fn) override {
    return store_->Write(fn);
  }
  absl::Status WriteRowLocked(const std::function<absl::Status(Tx&)>& fn) override {
    return store_->WriteRowLocked(fn);
  }
  absl::Status Read(const std::function<absl::Status(Tx&)>& fn) override {
    return store_->Read(fn);
  }

 private:
  std::unique_ptr<Store> store_;
  std::string url_;
};

std::unique_ptr<Store> MakeFreshPostgresStore() {
  std::string url = postgres::FreshMigratedDb();
  if (url.empty()) return nullptr;
  // More connections than the suite's busiest test holds at once (a writer and three
  // readers), so no test waits for the pool.
  absl::StatusOr<std::unique_ptr<Store>> store = OpenPostgresStore({.url = url, .pool_size = 8});
  if (!store.ok()) {
    ADD_FAILURE() << store.status();
    return nullptr;
  }
  return std::make_unique<DroppingStore>(*std::move(store), url);
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContractTest,
                         ::testing::Values(StoreContractParam{"Postgres", &MakeFreshPostgresStore}),
                         StoreContractParamName);

}  // namespace
}  // namespace retorno
