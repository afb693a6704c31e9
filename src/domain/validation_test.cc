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
