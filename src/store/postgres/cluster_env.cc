#include "store/postgres/cluster_env.h"

#include <memory>

#include "gtest/gtest.h"
#include "store/postgres/migrations.h"

namespace retorno::postgres {

namespace {

constexpr const char* kTemplate = "migrated";

TestCluster* cluster = nullptr;

class ClusterEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<TestCluster>> c = TestCluster::Start();
    ASSERT_TRUE(c.ok()) << c.status();
    cluster_ = std::move(*c);
    absl::Status st = cluster_->CreateTemplate(kTemplate, [](Connection& conn) {
      return ApplyMigrations(conn, EmbeddedMigrations()).status();
    });
    ASSERT_TRUE(st.ok()) << st;
    cluster = cluster_.get();
  }
  void TearDown() override {
    cluster = nullptr;
    cluster_.reset();
  }

 private:
  std::unique_ptr<TestCluster> cluster_;
};

}  // namespace

TestCluster* SharedCluster() { return cluster; }

std::string FreshMigratedDb() {
  if (cluster == nullptr) {
    ADD_FAILURE() << "the test cluster did not start";
    return "";
  }
  absl::StatusOr<std::string> db = cluster->FreshDatabase(kTemplate);
  EXPECT_TRUE(db.ok()) << db.status();
  return db.value_or("");
}

}  // namespace retorno::postgres

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new retorno::postgres::ClusterEnvironment);
  return RUN_ALL_TESTS();
}
