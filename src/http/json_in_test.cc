// The JSON reader refuses what no handler reads: a misspelt member is an issue naming
// it, not a default.
#include "http/json_in.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace retorno {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using json = nlohmann::json;

TEST(JsonIn, UnreadMembersAreUnknownFieldsWhenIssuesAreCollected) {
  json body = {{"subject", "x"}, {"prioridade", "alta"}, {"notify_costumer", true}};
  Issues issues;
  JsonIn in(body, issues);
  EXPECT_EQ(in.Str("subject"), "x");
  EXPECT_TRUE(issues.empty());  // still reading
  absl::Status s = issues.ToStatus();
  EXPECT_FALSE(s.ok());
  EXPECT_THAT(issues.items(), ElementsAre(FieldIssue{"notify_costumer", "unknown_field"},
                                          FieldIssue{"prioridade", "unknown_field"}));
}

TEST(JsonIn, EveryWayOfLookingCountsAsRead) {
  json body = {{"a", 1}, {"b", nullptr}, {"c", "x"}, {"d", {1, 2}}, {"e", {{"f", 1}}}, {"g", 2.5}};
  Issues issues;
  {
    JsonIn in(body, issues);
    in.Has("a");
    in.IsNull("b");
    in.Str("c");
    in.Arr("d");
    in.Obj("e");
    in.Raw("g");
    EXPECT_TRUE(in.issues().ToStatus().ok()) << in.issues().ToStatus();
  }
  EXPECT_THAT(issues.items(), IsEmpty());
}

TEST(JsonIn, NestedReadersReportWithTheirPathWhenTheyEnd) {
  json body = {{"contacts", {{{"name", "Ana"}, {"nmae", "x"}}}}};
  Issues issues;
  JsonIn in(body, issues);
  const json* contacts = in.Arr("contacts");
  ASSERT_NE(contacts, nullptr);
  {
    JsonIn cin((*contacts)[0], issues, "contacts[0].");
    cin.Str("name");
  }
  EXPECT_THAT(issues.items(), ElementsAre(FieldIssue{"contacts[0].nmae", "unknown_field"}));
  EXPECT_FALSE(issues.ToStatus().ok());
  EXPECT_EQ(issues.items().size(), 1u);  // collected once
}

TEST(JsonIn, NullWhereNullMeansNothingIsRefused) {
  json body = {{"priority", nullptr}, {"subject", "x"}};
  Issues issues;
  JsonIn in(body, issues);
  in.NotNull({"priority", "subject", "missing"});
  in.Str("subject");
  EXPECT_THAT(issues.items(), ElementsAre(FieldIssue{"priority", "not_null"}));
}

}  // namespace
}  // namespace retorno
