#include "domain/search.h"

#include <gtest/gtest.h>

namespace retorno {
namespace {

TEST(FoldForSearch, FoldsCaseAndPortugueseAndSpanishDiacritics) {
  struct Case {
    std::string_view in, out;
  };
  const Case cases[] = {
      {"Cambuí", "cambui"},
      {"Açougue São João", "acougue sao joao"},
      {"JOÃO", "joao"},
      {"Peña Muñoz", "pena munoz"},
      {"PEÑA", "pena"},
      {"ÀÁÂÃÄÅ àáâãäå", "aaaaaa aaaaaa"},
      {"ÈÉÊË èéêë ÌÍÎÏ ìíîï", "eeee eeee iiii iiii"},
      {"ÒÓÔÕÖØ òóôõöø ÙÚÛÜ ùúûü", "oooooo oooooo uuuu uuuu"},
      {"Ýý ÿ Ÿ", "yy y y"},
      {"Ç ç Ñ ñ", "c c n n"},
      {"Straße", "strasse"},
      {"Æsir æ Œuvre œ", "aesir ae oeuvre oe"},
      {"Þór Ðað", "thor dad"},
      {"Łódź Đakovo Ħal Ŧ", "lodz dakovo hal t"},
      {"Škoda Čapek Ž ž ſ", "skoda capek z z s"},
      {"ĲssEL", "ijssel"},
      {"nº 5 1ª", "no 5 1a"},
      {"× ÷", "× ÷"},                                               // not letters: kept
      {"Jose\xCC\x81 Conceic\xCC\xA7\xC3\xA3o", "jose conceicao"},  // decomposed accents
      {"  Mercado \t\n Central\xC2\xA0 Ltda  ", "mercado central ltda"},
      {"Ωmega Жук 東京 😀", "Ωmega Жук 東京 😀"},  // other scripts as they are
      {"a\xC3", "a\xC3"},                        // a broken byte is kept
      {"10% A_B", "10% a_b"},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(FoldForSearch(c.in), c.out) << c.in;
}

TEST(FoldForSearch, CoversLatin1AndLatinExtendedALetters) {
  // Every letter of both blocks folds to ASCII lower case.
  for (uint32_t cp = 0xC0; cp <= 0x17F; ++cp) {
    if (cp == 0xD7 || cp == 0xF7) continue;
    std::string utf8;
    utf8.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    utf8.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    const std::string folded = FoldForSearch(utf8);
    ASSERT_FALSE(folded.empty()) << cp;
    for (char c : folded) EXPECT_TRUE(c >= 'a' && c <= 'z') << std::hex << cp << " -> " << folded;
  }
}

TEST(SearchTermsOf, CompactsPhonesAndDocumentsOnlyWhenTheyHaveDigits) {
  struct Case {
    std::string_view in, folded, compact;
  };
  const Case cases[] = {
      {"98765 4321", "98765 4321", "987654321"},
      {"(11) 98765-4321", "(11) 98765-4321", "11987654321"},
      {"987654321", "987654321", ""},  // already compact
      {"529.982.247-25", "529.982.247-25", "52998224725"},
      {"GODE-561231-GR8", "gode-561231-gr8", "gode561231gr8"},
      {"São João", "sao joao", ""},  // no digit: a name, not a number
      {"1-2", "1-2", ""},            // too short to be a number anyone looks for
      {"", "", ""},
  };
  for (const Case& c : cases) {
    SearchTerms t = SearchTermsOf(c.in);
    EXPECT_EQ(t.folded, c.folded) << c.in;
    EXPECT_EQ(t.compact, c.compact) << c.in;
  }
}

TEST(PartySearchKey, HoldsNamesEmailsContactsPhoneDigitsAndTaxIdButNotTheCode) {
  Party p;
  p.code = "C-0001";
  p.name = "Açougue Cambuí";
  p.email = "Compras@Acougue.com.br";
  p.phone = "(11) 98765-4321";
  p.whatsapp = "+55 11 91234-5678";
  p.tax_id = "GODE561231GR8";
  p.contacts = {{"João Peña", "joao@x.com", "(19) 3232-1000", "", std::nullopt}};
  EXPECT_EQ(PartySearchKey(p),
            "acougue cambui\ncompras@acougue.com.br\njoao pena\njoao@x.com\n11987654321\n"
            "5511912345678\n1932321000\ngode561231gr8");
  EXPECT_EQ(PartySearchKey(Party{}), "");
}

}  // namespace
}  // namespace retorno
