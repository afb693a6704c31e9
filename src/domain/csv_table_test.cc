#include "domain/csv_table.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

TEST(ReadCsvTest, CommaSeparatedWithQuotesAndBlankLines) {
  auto t = ReadCsv(
      "Kind, Number ,Description\r\nsale,V-1,\"Filtro, "
      "\"\"premium\"\"\"\r\n\r\nsale,V-2,\"duas\nlinhas\"\n");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->separator, ',');
  EXPECT_EQ(t->header, (std::vector<std::string>{"kind", "number", "description"}));
  ASSERT_EQ(t->records.size(), 2u);
  EXPECT_EQ(t->records[0].line, 2);
  EXPECT_EQ(CsvField(*t, t->records[0], "description"), "Filtro, \"premium\"");
  EXPECT_EQ(CsvField(*t, t->records[1], "description"), "duas\nlinhas");
  EXPECT_EQ(t->records[1].line, 4);  // the blank line counts
  auto after = ReadCsv("a,b\n1,\"x\ny\"\n2,z\n");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->records[1].line, 4);  // after a field that spans two lines
  EXPECT_EQ(CsvField(*t, t->records[1], "missing"), "");
}

TEST(ReadCsvTest, SemicolonAndBomAndShortRows) {
  auto t = ReadCsv("\xEF\xBB\xBFkind;number;quantity\nsale;V-1;1,5\nsale\n");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->separator, ';');
  EXPECT_EQ(t->header[0], "kind");
  EXPECT_EQ(CsvField(*t, t->records[0], "quantity"), "1,5");
  EXPECT_EQ(CsvField(*t, t->records[1], "number"), "");
  EXPECT_FALSE(t->converted_from_cp1252);
  auto bare = ReadCsv("a;b\nMangueira 1/2\";x\n");
  ASSERT_TRUE(bare.ok()) << bare.status();
  EXPECT_EQ(CsvField(*bare, bare->records[0], "a"), "Mangueira 1/2\"");
}

TEST(ReadCsvTest, Windows1252IsConvertedToUtf8) {
  // "Instalação;Pães" as Excel on Windows saves it.
  auto t = ReadCsv(
      "name;other\nInstala\xE7\xE3o;P\xE3"
      "es \x80\n");
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_TRUE(t->converted_from_cp1252);
  EXPECT_EQ(CsvField(*t, t->records[0], "name"), "Instalação");
  EXPECT_EQ(CsvField(*t, t->records[0], "other"), "Pães €");
}

TEST(ReadCsvTest, EmptyAndMalformed) {
  EXPECT_EQ(ReadCsv("").status().message(), "csv_empty");
  EXPECT_EQ(ReadCsv("\n \n").status().message(), "csv_empty");
  EXPECT_EQ(ReadCsv("a,b\n\"open,1\n").status().message(), "csv_malformed");
}

}  // namespace
}  // namespace retorno
