#include "domain/validation.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

TEST(Validation, Email) {
  EXPECT_TRUE(IsValidEmail("joao.silva@empresa.com.br"));
  EXPECT_FALSE(IsValidEmail("joao"));
  EXPECT_FALSE(IsValidEmail("joao@"));
  EXPECT_FALSE(IsValidEmail("joao@empresa"));
  EXPECT_FALSE(IsValidEmail("a b@empresa.com"));
  EXPECT_FALSE(IsValidEmail("a@b@c.com"));
}

TEST(Validation, EmailFollowsWhatTheMailerCanSend) {
  EXPECT_TRUE(IsValidEmail("ana+vendas@sub.empresa.com.br"));
  EXPECT_TRUE(IsValidEmail("o'neil@example.com"));
  EXPECT_TRUE(IsValidEmail("contato@xn--caf-dma.com.br"));  // café.com.br in ASCII form
  // The mailer's addr-spec check refuses these specials; so does the input.
  for (const char* bad : {"a(b)@x.com", "a[b]@x.com", "a\\b@x.com", "a:b@x.com", "\"ana\"@x.com",
                          "a,b@x.com", "a;b@x.com", "<a@x.com>"})
    EXPECT_FALSE(IsValidEmail(bad)) << bad;
  // Internationalised addresses: the mailer speaks neither SMTPUTF8 nor IDNA.
  EXPECT_FALSE(IsValidEmail("josé@empresa.com.br"));
  EXPECT_FALSE(IsValidEmail("contato@café.com.br"));
  // Dot-atoms and DNS labels.
  EXPECT_FALSE(IsValidEmail(".ana@x.com"));
  EXPECT_FALSE(IsValidEmail("ana.@x.com"));
  EXPECT_FALSE(IsValidEmail("a..na@x.com"));
  EXPECT_FALSE(IsValidEmail("ana@-x.com"));
  EXPECT_FALSE(IsValidEmail("ana@x..com"));
  EXPECT_FALSE(IsValidEmail("ana@x_y.com"));
  EXPECT_FALSE(IsValidEmail("ana@10.0.0.1"));
  EXPECT_FALSE(IsValidEmail(std::string(65, 'a') + "@x.com"));
  EXPECT_TRUE(IsValidEmail(std::string(64, 'a') + "@x.com"));
  // Header injection.
  EXPECT_FALSE(IsValidEmail("ana@x.com\r\nBcc: all@x.com"));
}

TEST(Validation, OneLine) {
  EXPECT_TRUE(IsOneLine("Orçamento — freezer\t500 L"));
  EXPECT_FALSE(IsOneLine("Assunto\r\nBcc: x@y.com"));
  EXPECT_FALSE(IsOneLine("a\nb"));
  EXPECT_FALSE(IsOneLine("a\rb"));
  EXPECT_FALSE(
      IsOneLine("a\xe2\x80\xa8"
                "b"));  // U+2028
}

TEST(Validation, Phone) {
  EXPECT_TRUE(IsValidPhone("+55 (19) 99876-5432"));
  EXPECT_TRUE(IsValidPhone("5215512345678"));
  EXPECT_FALSE(IsValidPhone("1234"));
  EXPECT_FALSE(IsValidPhone("call me"));
}

TEST(Validation, Code) {
  EXPECT_TRUE(IsValidCode("C-0001"));
  EXPECT_TRUE(IsValidCode("pos_venda"));
  EXPECT_FALSE(IsValidCode(""));
  EXPECT_FALSE(IsValidCode("com espaço"));
  EXPECT_FALSE(IsValidCode(std::string(41, 'a')));
}

TEST(Validation, CleanText) {
  EXPECT_TRUE(IsCleanText("Orçamento enviado; cliente pediu desconto.\nLigar amanhã."));
  EXPECT_TRUE(IsCleanText("Señor Muñoz — cotización"));
  EXPECT_FALSE(IsCleanText(std::string("a\0b", 3)));
  EXPECT_FALSE(IsCleanText("\xc3"));
  EXPECT_FALSE(IsCleanText("\xc0\xaf"));
}

}  // namespace
}  // namespace retorno
