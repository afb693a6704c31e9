// The template language of messages (domain/templates.h): what users type in a return's
// message, a template or an e-mail, checked and rendered for every e-mail sent.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/templates.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)retorno::ValidateTemplate(text);
  (void)retorno::UnknownPlaceholders(text);
  (void)retorno::PlaceholdersIn(text);
  // The message is itself a template inside the company's one: half of the input plays
  // each part, and a value holds placeholders that must never be expanded.
  const absl::flat_hash_map<std::string, std::string> values{
      {"cliente", "Açougue Cambuí"},
      {"contato", "#{cliente}"},
      {"mensagem", std::string(text.substr(text.size() / 2))}};
  retorno::Rendered r =
      retorno::RenderTemplate(text.substr(0, text.size() / 2), values, "mensagem");
  (void)retorno::TextToHtml(r.text);
  (void)retorno::HtmlEscape(text);
  return 0;
}
