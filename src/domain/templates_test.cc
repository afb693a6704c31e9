#include "domain/templates.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace retorno {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using Values = absl::flat_hash_map<std::string, std::string>;

TEST(KnownPlaceholders, ExactlyTheDocumentedNamesWithExamples) {
  std::vector<std::string> names;
  for (const PlaceholderInfo& p : KnownPlaceholders()) {
    names.emplace_back(p.name);
    EXPECT_FALSE(p.example.empty()) << p.name;
    // Every listed name is itself a valid template.
    EXPECT_TRUE(ValidateTemplate("#{" + std::string(p.name) + "}").ok()) << p.name;
  }
  EXPECT_THAT(names, ElementsAre("cliente", "codigo_cliente", "contato", "email_contato",
                                 "telefone_contato", "whatsapp_contato", "responsavel",
                                 "email_responsavel", "assunto", "categoria", "prioridade",
                                 "data_retorno", "hora_retorno", "tipo_retorno", "mensagem",
                                 "dias_atraso", "empresa", "filial", "data_hoje"));
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), names.size());
  EXPECT_EQ(KnownPlaceholders().front().example, "Oficina Campinas Ltda.");
  EXPECT_TRUE(IsKnownPlaceholder("cliente"));
  EXPECT_FALSE(IsKnownPlaceholder("client"));
  EXPECT_FALSE(IsKnownPlaceholder("Cliente"));
}

struct ValidateRow {
  const char* text;
  bool ok;
  const char* message;  // substring of the error message
};

TEST(KnownPlaceholders, EveryNameInThreeLanguagesRendersTheSame) {
  std::set<std::string> all;
  for (const PlaceholderInfo& p : KnownPlaceholders()) {
    for (std::string_view locale : {"pt-BR", "es", "en"}) {
      std::string_view n = p.NameIn(locale);
      EXPECT_FALSE(n.empty()) << p.name << " " << locale;
      EXPECT_EQ(CanonicalPlaceholder(n), p.name) << n;
      EXPECT_TRUE(ValidateTemplate("#{" + std::string(n) + "}").ok()) << n;
      all.insert(std::string(n));
    }
  }
  // A name means one placeholder whatever its language (no Spanish name is another
  // placeholder's Portuguese one).
  size_t names = 0;
  for (const PlaceholderInfo& p : KnownPlaceholders()) {
    std::set<std::string_view> own{p.name, p.es, p.en};
    names += own.size();
  }
  EXPECT_EQ(all.size(), names);
  EXPECT_EQ(CanonicalPlaceholder("customer"), "cliente");
  EXPECT_EQ(CanonicalPlaceholder("contacto"), "contato");
  EXPECT_EQ(CanonicalPlaceholder("client"), "");
  Values v{{"cliente", "Açougue Cambuí"}, {"contato", "Rosa"}};
  for (const char* t : {"Olá #{cliente} (#{contato})", "Olá #{customer} (#{contact})",
                        "Olá #{cliente} (#{contacto})"})
    EXPECT_EQ(RenderTemplate(t, v).text, "Olá Açougue Cambuí (Rosa)") << t;
}

TEST(RenderTemplate, TemplatedValueIsRenderedWithTheSameValues) {
  Values v{{"cliente", "Açougue Cambuí"},
           {"contato", ""},
           {"mensagem", "Olá #{cliente}, tudo bem? ##{literal}"}};
  // A value is never expanded again by the plain renderer...
  Rendered plain = RenderTemplate("Msg: #{mensagem}", v);
  EXPECT_EQ(plain.text, "Msg: Olá #{cliente}, tudo bem? ##{literal}");
  // ...but the return's message is a template the user wrote.
  Rendered r = RenderTemplate("Msg: #{mensagem}", v, "mensagem");
  EXPECT_EQ(r.text, "Msg: Olá Açougue Cambuí, tudo bem? #{literal}");
  EXPECT_THAT(r.missing, IsEmpty());
  // The same through its English name.
  EXPECT_EQ(RenderTemplate("Msg: #{message}", v, "mensagem").text, r.text);
  // A value missing inside the message is missing for the whole e-mail.
  v["mensagem"] = "Olá #{contato}!";
  Rendered held = RenderTemplate("#{cliente}: #{mensagem}", v, "mensagem");
  EXPECT_THAT(held.missing, ElementsAre("contato"));
  // Customer data is still never expanded: only the named value is a template.
  v["cliente"] = "#{contato}";
  v["contato"] = "Rosa";
  EXPECT_EQ(RenderTemplate("#{cliente}", v, "mensagem").text, "#{contato}");
}

TEST(ValidateTemplate, Table) {
  for (const ValidateRow& r : std::vector<ValidateRow>{
           {"", true, ""},
           {"Sem marcadores.", true, ""},
           {"Olá #{contato|cliente}, seu retorno é #{data_retorno} às #{hora_retorno}.", true, ""},
           {"#{contato|responsavel|cliente}", true, ""},
           // Literal characters that only look like placeholders.
           {"Pedido #123 {ok} } # { #x", true, ""},
           {"Escreva ##{cliente} para o nome", true, ""},
           {"##{nao_existe}", true, ""},  // escaped: not a token
           // Unknown names, alone or as an alternative.
           {"Olá #{clinte}", false, "unknown placeholder \"#{clinte}\""},
           {"#{contato|clinte}", false, "unknown placeholder \"#{contato|clinte}\""},
           // Malformed: empty name, empty alternative, bad characters.
           {"#{}", false, "malformed placeholder \"#{}\" (empty name)"},
           {"#{contato|}", false, "malformed placeholder \"#{contato|}\" (empty name)"},
           {"#{|cliente}", false, "malformed placeholder \"#{|cliente}\" (empty name)"},
           {"#{contato||cliente}", false, "(empty name)"},
           {"#{Cliente}", false, "malformed placeholder \"#{Cliente}\" (names use a-z"},
           {"#{ cliente }", false, "malformed placeholder \"#{ cliente }\""},
           {"#{cliente-nome}", false, "malformed placeholder \"#{cliente-nome}\""},
           {"#{opção}", false, "malformed placeholder \"#{opção}\""},
           // Unclosed: end of text, end of line, or another "#{" first.
           {"Olá #{cliente", false, "unclosed placeholder \"#{cliente\""},
           {"#{", false, "unclosed placeholder \"#{\""},
           {"Olá #{cliente\n}", false, "unclosed placeholder \"#{cliente\""},
           {"#{cliente #{contato}", false, "unclosed placeholder \"#{cliente \""},
       }) {
    absl::Status s = ValidateTemplate(r.text);
    EXPECT_EQ(s.ok(), r.ok) << r.text << " -> " << s;
    if (!r.ok) {
      EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << r.text;
      EXPECT_THAT(std::string(s.message()), HasSubstr(r.message)) << r.text;
    }
  }
}

TEST(ValidateTemplate, NamesTheFirstOffendingToken) {
  // Unknown before malformed: the unknown one is named.
  EXPECT_THAT(std::string(ValidateTemplate("#{cliente} #{foo} #{Bar}").message()),
              HasSubstr("\"#{foo}\""));
  // Malformed before unknown: the malformed one is named.
  EXPECT_THAT(std::string(ValidateTemplate("#{Bar} #{foo}").message()),
              HasSubstr("malformed placeholder \"#{Bar}\""));
}

TEST(ValidateTemplate, LongTokenIsShortenedOnACharacterBoundary) {
  // 39 ASCII bytes then "ã" (2 bytes) straddling the 40-byte cut.
  std::string text = "#{" + std::string(37, 'a') + "ãããã";
  std::string msg(ValidateTemplate(text).message());
  EXPECT_THAT(msg, HasSubstr("unclosed placeholder \"#{" + std::string(37, 'a') + "…\""));
}

TEST(UnknownPlaceholders, EveryUnknownNameOnceInOrder) {
  EXPECT_THAT(UnknownPlaceholders("#{foo} #{cliente} #{contato|bar} #{foo} #{Baz} #{qux"),
              ElementsAre("foo", "bar"));
  EXPECT_THAT(UnknownPlaceholders("#{cliente|contato} ##{foo}"), IsEmpty());
}

TEST(PlaceholdersIn, TokensAsWrittenInOrderWithoutDuplicates) {
  EXPECT_THAT(PlaceholdersIn("Olá #{contato|cliente}, #{assunto}. #{contato|cliente} "
                             "##{escapado} #{Mal} #{desconhecido} #{cliente"),
              ElementsAre("contato|cliente", "assunto", "desconhecido"));
  EXPECT_THAT(PlaceholdersIn("texto puro"), IsEmpty());
}

struct RenderRow {
  const char* text;
  Values values;
  const char* expected;
  std::vector<std::string> missing;
};

TEST(RenderTemplate, Table) {
  const Values full = {{"cliente", "Oficina Campinas Ltda."},
                       {"contato", "Mariana Souza"},
                       {"data_retorno", "22/11/2026"},
                       {"hora_retorno", "10:00"}};
  for (const RenderRow& r : std::vector<RenderRow>{
           {"", {}, "", {}},
           {"Olá #{contato}!", full, "Olá Mariana Souza!", {}},
           {"Retorno em #{data_retorno} às #{hora_retorno}.",
            full,
            "Retorno em 22/11/2026 às 10:00.",
            {}},
           // Fallbacks: the first non-empty value wins; empty equals absent.
           {"Olá #{contato|cliente}", full, "Olá Mariana Souza", {}},
           {"Olá #{contato|cliente}",
            {{"cliente", "Oficina Campinas Ltda."}},
            "Olá Oficina Campinas Ltda.",
            {}},
           {"Olá #{contato|cliente}", {{"contato", ""}, {"cliente", "Oficina"}}, "Olá Oficina", {}},
           {"#{contato|responsavel|cliente}",
            {{"responsavel", "João"}, {"cliente", "X"}},
            "João",
            {}},
           // Missing: rendered empty, reported as written, once each.
           {"Olá #{contato|cliente}, #{assunto}.",
            {{"contato", ""}},
            "Olá , .",
            {"contato|cliente", "assunto"}},
           {"#{contato} e #{contato} e #{contato|cliente}",
            {},
            " e  e ",
            {"contato", "contato|cliente"}},
           // Escape.
           {"Use ##{cliente} para o nome: #{cliente}",
            full,
            "Use #{cliente} para o nome: Oficina Campinas Ltda.",
            {}},
           {"###{cliente}", full, "##{cliente}", {}},
           {"##{", {}, "#{", {}},
           {"# { } #x", {}, "# { } #x", {}},
           // Values are inserted verbatim: no HTML escaping, no second expansion.
           {"#{cliente}", {{"cliente", "A & B <Ltda> \"x\""}}, "A & B <Ltda> \"x\"", {}},
           {"#{mensagem}",
            {{"mensagem", "veja #{cliente} ##{x}"}, {"cliente", "NÃO"}},
            "veja #{cliente} ##{x}",
            {}},
           // Portuguese and Spanish accents around and inside values survive.
           {"Atenção, #{contato}: ação nº 5 — São Paulo",
            {{"contato", "Conceição Araújo"}},
            "Atenção, Conceição Araújo: ação nº 5 — São Paulo",
            {}},
           {"¿Cómo está, #{contato}? Señor Muñoz, año próximo ñandú",
            {{"contato", "José Pérez Ibáñez"}},
            "¿Cómo está, José Pérez Ibáñez? Señor Muñoz, año próximo ñandú",
            {}},
           // An unknown name is just a name without a value.
           {"#{foo|cliente}", full, "Oficina Campinas Ltda.", {}},
           // Malformed tokens are copied as written and block sending.
           {"Olá #{Cliente}", full, "Olá #{Cliente}", {"#{Cliente}"}},
           {"Olá #{cliente", full, "Olá #{cliente", {"#{cliente"}},
           {"#{cliente #{contato}", full, "#{cliente Mariana Souza", {"#{cliente "}},
       }) {
    Rendered got = RenderTemplate(r.text, r.values);
    EXPECT_EQ(got.text, r.expected) << r.text;
    EXPECT_EQ(got.missing, r.missing) << r.text;
  }
}

TEST(HtmlEscape, EscapesTheFiveCharactersOnly) {
  EXPECT_EQ(HtmlEscape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("São Paulo — ação"), "São Paulo — ação");
  EXPECT_EQ(HtmlEscape(""), "");
}

TEST(TextToHtml, Table) {
  struct Row {
    const char* text;
    const char* html;
  };
  for (const Row& r : std::vector<Row>{
           {"", ""},
           {"\n \n\t\n", ""},
           {"Olá", "<p>Olá</p>"},
           {"Olá,\nTudo bem?\n\nAtt.", "<p>Olá,<br>\nTudo bem?</p>\n<p>Att.</p>"},
           // Several blank lines, whitespace-only lines, leading and trailing blanks.
           {"\n\nA\n\n\n  \nB\n\n", "<p>A</p>\n<p>B</p>"},
           // CRLF and lone CR.
           {"A\r\nB\r\n\r\nC\rD", "<p>A<br>\nB</p>\n<p>C<br>\nD</p>"},
           // Escaped, accents kept.
           {"Preço < R$ 10 & \"ação\"", "<p>Preço &lt; R$ 10 &amp; &quot;ação&quot;</p>"},
           {"<script>alert('x')</script>",
            "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>"},
       }) {
    EXPECT_EQ(TextToHtml(r.text), r.html) << r.text;
  }
}

TEST(TextToHtml, RenderedValuesAreEscapedWhenTurnedIntoHtml) {
  Rendered r = RenderTemplate("Cliente: #{cliente}", {{"cliente", "A&B <Ltda>"}});
  EXPECT_THAT(r.missing, IsEmpty());
  EXPECT_EQ(TextToHtml(r.text), "<p>Cliente: A&amp;B &lt;Ltda&gt;</p>");
}

}  // namespace
}  // namespace retorno
