// Message templates (manual 002): the text of a return's message, of reminder e-mails
// and of standard texts, with placeholders the system fills from the follow-up.
//
// Syntax (UTF-8 text; only the ASCII bytes '#', '{', '|' and '}' are special):
//   #{name}             the value of `name`
//   #{contato|cliente}  fallbacks: the first alternative with a non-empty value wins
//   ##{                 a literal "#{" (escape); "##{cliente}" renders "#{cliente}"
// A name is 1+ of [a-z0-9_]. A "#{" must be closed by "}" on the same line.
// Anything else ("#", "}", "#x", "{") is literal text.
//
// Every function here is pure and thread-compatible; none keeps a reference to its
// arguments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"

namespace retorno {

struct PlaceholderInfo {
  std::string_view name;     // "cliente": the canonical (Portuguese) name, the values' key
  std::string_view es;       // "cliente": the Spanish name
  std::string_view en;       // "customer": the English name
  std::string_view example;  // "Oficina Campinas Ltda.", shown in the template editor

  // The name in `locale` ("pt-BR", "es", "en"; anything else is Portuguese).
  std::string_view NameIn(std::string_view locale) const;
};

// The placeholders users may write, in the order the editor lists them. Each has a name
// in Portuguese (the one the manuals teach), Spanish and English; the three render the
// same, so "#{cliente}" and "#{customer}" are one placeholder. The Portuguese names:
//   cliente, codigo_cliente (ERP code), contato, email_contato, telefone_contato,
//   whatsapp_contato, responsavel (owner), email_responsavel, assunto, categoria,
//   prioridade, data_retorno (due date formatted for the locale), hora_retorno,
//   tipo_retorno (contact type name), mensagem (the return's message to the customer),
//   dias_atraso, empresa (company name), filial (branch), data_hoje.
// The vector is built once and lives for the whole program.
const std::vector<PlaceholderInfo>& KnownPlaceholders();
bool IsKnownPlaceholder(std::string_view name);

// The placeholders a proposal or visit-sheet layout (manual 003) may write besides the
// messages' ones: the seller, the proposal's date and validity, the chosen quote's
// number, items table (HTML) and totals. Portuguese names: vendedor, email_vendedor,
// data_proposta, validade, documento, itens, subtotal, desconto, total.
const std::vector<PlaceholderInfo>& ProposalPlaceholders();

// Which names a template may use: a message's (KnownPlaceholders) or a proposal's (those
// and ProposalPlaceholders). The functions without a set take kMessages.
enum class PlaceholderSet { kMessages, kProposals };
std::string_view CanonicalPlaceholder(std::string_view name, PlaceholderSet set);
absl::Status ValidateTemplate(std::string_view text, PlaceholderSet set);
std::vector<std::string> UnknownPlaceholders(std::string_view text, PlaceholderSet set);

// The canonical (Portuguese) name of a placeholder written in any of its languages
// ("customer" -> "cliente"), or empty when the name is unknown.
std::string_view CanonicalPlaceholder(std::string_view name);

// OK when every placeholder is well formed and every name is known. Otherwise
// InvalidArgument whose message names the first offending token as written, e.g.
//   unknown placeholder "#{clinte}"
//   malformed placeholder "#{Cliente}" (names use a-z, 0-9 and _)
//   malformed placeholder "#{contato||cliente}" (empty name)
//   unclosed placeholder "#{cliente"
// (English: an internal message; the API maps the field error to the user's locale.)
absl::Status ValidateTemplate(std::string_view text);

// Every unknown name of the well-formed placeholders, in order of first appearance,
// without duplicates ("#{contato|clinte}" contributes "clinte"). Malformed tokens are
// not names and are left out: ValidateTemplate reports them.
std::vector<std::string> UnknownPlaceholders(std::string_view text);

// Every well-formed placeholder as written between the braces ("contato|cliente"), in
// order of first appearance, without duplicates. Escaped "##{...}" is not a token.
std::vector<std::string> PlaceholdersIn(std::string_view text);

struct Rendered {
  std::string text;
  // Tokens as written ("contato|cliente") that rendered empty, each once, in order.
  // The caller must refuse to send when this is non-empty.
  std::vector<std::string> missing;
};

// Replaces each placeholder by the first non-empty value among its alternatives, looked
// up in `values` by canonical name (absent and empty are the same); a name that is not a
// known placeholder is looked up as written. Values are inserted verbatim,
// in one pass: no HTML escaping (TextToHtml escapes later) and a value containing "#{x}"
// is not expanded again. A token with no value renders as "" and goes to `missing`.
// Meant for validated templates; a malformed or unclosed token is copied as written
// and also reported in `missing` whole ("#{Cliente}"), so a broken template is never
// sent half-rendered.
Rendered RenderTemplate(std::string_view text,
                        const absl::flat_hash_map<std::string, std::string>& values);

// The same, but the value of the placeholder whose canonical name is `templated` is a
// template itself (a return's message to the customer, written by a user) and is
// rendered with the same values before it is inserted, one level deep: its placeholders
// are filled and its missing tokens count as the text's own, so a message is never
// sent with "#{cliente}" as typed, nor with a value left empty.
Rendered RenderTemplate(std::string_view text,
                        const absl::flat_hash_map<std::string, std::string>& values,
                        std::string_view templated);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

// Plain text to an HTML fragment for the e-mail body: escapes, makes each block of
// lines separated by one or more blank lines (empty or only spaces/tabs) a <p>, and
// single newlines <br>. CRLF and CR count as newlines. Example:
//   "Olá,\nTudo bem?\n\nAtt." -> "<p>Olá,<br>\nTudo bem?</p>\n<p>Att.</p>"
// Empty or blank text gives "".
std::string TextToHtml(std::string_view text);

}  // namespace retorno
