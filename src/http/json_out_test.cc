#include "http/json_out.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace retorno {
namespace {

using json = nlohmann::json;

TEST(JsonWriterTest, WritesNestedObjectsAndArraysInOrder) {
  JsonWriter w;
  w.Object([&] {
    w.Field("id", int64_t{1043});
    w.Field("open", true);
    w.Key("party").Object([&] { w.Field("name", "Padaria Pão Quente"); });
    w.Key("dates").Array([&] {
      w.Value("2026-12-01");
      w.Value(std::string("2027-01-01"));
    });
    w.Field("quantity", 2.5);
  });
  EXPECT_EQ(w.Take(), R"({"id":1043,"open":true,"party":{"name":"Padaria Pão Quente"},)"
                      R"("dates":["2026-12-01","2027-01-01"],"quantity":2.5})");
}

TEST(JsonWriterTest, WritesAbsentOptionalsAsNull) {
  JsonWriter w;
  w.Object([&] {
    w.Field("due_time", std::optional<std::string>());
    w.Field("owner_id", std::optional<int64_t>(7));
    w.Field("document", nullptr);
  });
  EXPECT_EQ(w.Take(), R"({"due_time":null,"owner_id":7,"document":null})");
}

TEST(JsonWriterTest, EscapesWhatJsonRequiresAndKeepsUtf8) {
  const std::string tricky = "aspas \" barra \\ linha\nnova tab\t sino\x07 ção 😀";
  JsonWriter w;
  w.Object([&] { w.Field("body", tricky); });
  const std::string text = w.Take();
  EXPECT_EQ(json::parse(text)["body"], tricky) << text;
  EXPECT_NE(text.find("\\u0007"), std::string::npos) << text;
  EXPECT_NE(text.find("ção 😀"), std::string::npos) << "UTF-8 is written as is: " << text;
}

TEST(JsonWriterTest, WritesLargeAndNegativeIntegersExactly) {
  JsonWriter w;
  w.Array([&] {
    w.Value(int64_t{9007199254740993});
    w.Value(-3);
    w.Value(size_t{10485760});
  });
  EXPECT_EQ(w.Take(), "[9007199254740993,-3,10485760]");
}

}  // namespace
}  // namespace retorno
