#include "domain/templates.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "base/strings.h"

namespace retorno {

namespace {

// One piece of a template, in source order. The scanner works on bytes: '#', '{', '|'
// and '}' are ASCII, so they never occur inside a multi-byte UTF-8 sequence.
struct Piece {
  enum Kind { kText, kPlaceholder, kMalformed, kUnclosed };
  Kind kind = kText;
  // kText: the literal output. Otherwise: the text between "#{" and "}" (or the end of
  // the scanned name for kUnclosed).
  std::string_view content;
  // The token as written, "#{" included; empty for kText.
  std::string_view raw;
  // kMalformed: why.
  std::string_view why;
};

bool IsNameChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// Splits "a|b|c" into its alternatives; empty alternatives are kept.
std::vector<std::string_view> Alternatives(std::string_view content) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t bar = content.find('|', start);
    if (bar == std::string_view::npos) {
      out.push_back(content.substr(start));
      return out;
    }
    out.push_back(content.substr(start, bar - start));
    start = bar + 1;
  }
}

// Why `content` is not a valid token, or empty when it is.
std::string_view ContentProblem(std::string_view content) {
  for (std::string_view alt : Alternatives(content)) {
    if (alt.empty()) return "empty name";
    if (!std::all_of(alt.begin(), alt.end(), IsNameChar)) return "names use a-z, 0-9 and _";
  }
  return {};
}

bool OpensAt(std::string_view text, size_t i) {
  return i + 1 < text.size() && text[i] == '#' && text[i + 1] == '{';
}

std::vector<Piece> Scan(std::string_view text) {
  std::vector<Piece> out;
  size_t literal_start = 0;
  auto flush = [&](size_t end) {
    if (end > literal_start)
      out.push_back({Piece::kText, text.substr(literal_start, end - literal_start), {}, {}});
  };
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    if (text[i] != '#') {
      ++i;
      continue;
    }
    if (text.substr(i, 3) == "##{") {
      flush(i);
      out.push_back({Piece::kText, text.substr(i + 1, 2), {}, {}});
      i += 3;
      literal_start = i;
      continue;
    }
    if (!OpensAt(text, i)) {
      ++i;
      continue;
    }
    flush(i);
    // The token ends at "}"; a newline, the end of the text or another "#{" first means
    // it was never closed.
    size_t j = i + 2;
    while (j < n && text[j] != '}' && text[j] != '\n' && text[j] != '\r' && !OpensAt(text, j)) ++j;
    if (j < n && text[j] == '}') {
      std::string_view content = text.substr(i + 2, j - i - 2);
      std::string_view raw = text.substr(i, j - i + 1);
      std::string_view why = ContentProblem(content);
      out.push_back({why.empty() ? Piece::kPlaceholder : Piece::kMalformed, content, raw, why});
      i = j + 1;
    } else {
      out.push_back({Piece::kUnclosed, text.substr(i + 2, j - i - 2), text.substr(i, j - i), {}});
      i = j;
    }
    literal_start = i;
  }
  flush(n);
  return out;
}

void AddOnce(std::vector<std::string>& list, std::string_view item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.emplace_back(item);
}

// A token for an error message: at most ~40 bytes, cut on a UTF-8 boundary.
std::string Quote(std::string_view raw) {
  constexpr size_t kMax = 40;
  if (raw.size() <= kMax) return absl::StrCat("\"", ToAbsl(raw), "\"");
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(raw[cut]) & 0xC0) == 0x80) --cut;
  return absl::StrCat("\"", ToAbsl(raw.substr(0, cut)), "…\"");
}

}  // namespace

const std::vector<PlaceholderInfo>& KnownPlaceholders() {
  static const std::vector<PlaceholderInfo>* const kList = new std::vector<PlaceholderInfo>{
      {"cliente", "cliente", "customer", "Oficina Campinas Ltda."},
      {"codigo_cliente", "codigo_cliente", "customer_code", "C00123"},
      {"contato", "contacto", "contact", "Mariana Souza"},
      {"email_contato", "email_contacto", "contact_email", "mariana@oficinacampinas.com.br"},
      {"telefone_contato", "telefono_contacto", "contact_phone", "(19) 3251-4400"},
      {"whatsapp_contato", "whatsapp_contacto", "contact_whatsapp", "+55 19 99876-5432"},
      {"responsavel", "responsable", "owner", "João Pereira"},
      {"email_responsavel", "email_responsable", "owner_email",
       "joao.pereira@distribuidorahorizonte.com.br"},
      {"assunto", "asunto", "subject", "Revisão do compressor"},
      {"categoria", "categoria", "category", "Pós-venda"},
      {"prioridade", "prioridad", "priority", "Alta"},
      {"data_retorno", "fecha_actividad", "due_date", "22/11/2026"},
      {"hora_retorno", "hora_actividad", "due_time", "10:00"},
      {"tipo_retorno", "tipo_actividad", "contact_type", "Telefone"},
      {"mensagem", "mensaje", "message",
       "Olá! Passando para saber se o compressor está funcionando bem."},
      {"dias_atraso", "dias_atraso", "days_late", "3"},
      {"empresa", "empresa", "company", "Distribuidora Horizonte"},
      {"filial", "sucursal", "branch", "Matriz São Paulo"},
      {"data_hoje", "fecha_hoy", "today", "19/11/2026"},
  };
  return *kList;
}

const std::vector<PlaceholderInfo>& ProposalPlaceholders() {
  static const std::vector<PlaceholderInfo>* const kList = new std::vector<PlaceholderInfo>{
      {"vendedor", "vendedor", "seller", "João Pereira"},
      {"email_vendedor", "email_vendedor", "seller_email",
       "joao.pereira@distribuidorahorizonte.com.br"},
      {"data_proposta", "fecha_propuesta", "proposal_date", "19/11/2026"},
      {"validade", "validez", "valid_until", "19/12/2026"},
      {"documento", "documento", "document", "1024"},
      {"itens", "articulos", "items", "<table>…</table>"},
      {"subtotal", "subtotal", "subtotal", "R$ 1.250,00"},
      {"desconto", "descuento", "discount", "R$ 50,00"},
      {"total", "total", "total", "R$ 1.200,00"},
  };
  return *kList;
}

std::string_view PlaceholderInfo::NameIn(std::string_view locale) const {
  if (locale == "es") return es;
  if (locale == "en") return en;
  return name;
}

std::string_view CanonicalPlaceholder(std::string_view name, PlaceholderSet set) {
  for (const PlaceholderInfo& p : KnownPlaceholders())
    if (p.name == name || p.es == name || p.en == name) return p.name;
  if (set == PlaceholderSet::kProposals)
    for (const PlaceholderInfo& p : ProposalPlaceholders())
      if (p.name == name || p.es == name || p.en == name) return p.name;
  return {};
}

std::string_view CanonicalPlaceholder(std::string_view name) {
  return CanonicalPlaceholder(name, PlaceholderSet::kMessages);
}

bool IsKnownPlaceholder(std::string_view name) { return !CanonicalPlaceholder(name).empty(); }

absl::Status ValidateTemplate(std::string_view text) {
  return ValidateTemplate(text, PlaceholderSet::kMessages);
}

std::vector<std::string> UnknownPlaceholders(std::string_view text) {
  return UnknownPlaceholders(text, PlaceholderSet::kMessages);
}

absl::Status ValidateTemplate(std::string_view text, PlaceholderSet set) {
  for (const Piece& p : Scan(text)) {
    switch (p.kind) {
      case Piece::kText:
        break;
      case Piece::kUnclosed:
        return absl::InvalidArgumentError(absl::StrCat("unclosed placeholder ", Quote(p.raw)));
      case Piece::kMalformed:
        return absl::InvalidArgumentError(
            absl::StrCat("malformed placeholder ", Quote(p.raw), " (", ToAbsl(p.why), ")"));
      case Piece::kPlaceholder:
        for (std::string_view name : Alternatives(p.content))
          if (CanonicalPlaceholder(name, set).empty())
            return absl::InvalidArgumentError(absl::StrCat("unknown placeholder ", Quote(p.raw)));
        break;
    }
  }
  return absl::OkStatus();
}

std::vector<std::string> UnknownPlaceholders(std::string_view text, PlaceholderSet set) {
  std::vector<std::string> out;
  for (const Piece& p : Scan(text)) {
    if (p.kind != Piece::kPlaceholder) continue;
    for (std::string_view name : Alternatives(p.content))
      if (CanonicalPlaceholder(name, set).empty()) AddOnce(out, name);
  }
  return out;
}

std::vector<std::string> PlaceholdersIn(std::string_view text) {
  std::vector<std::string> out;
  for (const Piece& p : Scan(text))
    if (p.kind == Piece::kPlaceholder) AddOnce(out, p.content);
  return out;
}

Rendered RenderTemplate(std::string_view text,
                        const absl::flat_hash_map<std::string, std::string>& values) {
  return RenderTemplate(text, values, {});
}

Rendered RenderTemplate(std::string_view text,
                        const absl::flat_hash_map<std::string, std::string>& values,
                        std::string_view templated) {
  Rendered r;
  r.text.reserve(text.size());
  for (const Piece& p : Scan(text)) {
    switch (p.kind) {
      case Piece::kText:
        r.text.append(p.content);
        break;
      case Piece::kMalformed:
      case Piece::kUnclosed:
        r.text.append(p.raw);
        AddOnce(r.missing, p.raw);
        break;
      case Piece::kPlaceholder: {
        const std::string* value = nullptr;
        std::string_view chosen;
        for (std::string_view name : Alternatives(p.content)) {
          // Both sets: a message's values never hold a proposal's names, and validation
          // keeps those out of messages.
          std::string_view canonical = CanonicalPlaceholder(name, PlaceholderSet::kProposals);
          if (canonical.empty()) canonical = name;
          auto it = values.find(ToAbsl(canonical));
          if (it != values.end() && !it->second.empty()) {
            value = &it->second;
            chosen = canonical;
            break;
          }
        }
        if (value != nullptr && !templated.empty() && chosen == templated) {
          Rendered inner = RenderTemplate(*value, values);
          r.text.append(inner.text);
          for (const std::string& m : inner.missing) AddOnce(r.missing, m);
        } else if (value != nullptr) {
          r.text.append(*value);
        } else {
          AddOnce(r.missing, p.content);
        }
        break;
      }
    }
  }
  return r;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out.append("&amp;");
        break;
      case '<':
        out.append("&lt;");
        break;
      case '>':
        out.append("&gt;");
        break;
      case '"':
        out.append("&quot;");
        break;
      case '\'':
        out.append("&#39;");
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string TextToHtml(std::string_view text) {
  // Split into lines on LF, CRLF or a lone CR.
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back(text.substr(start, i - start));
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  lines.push_back(text.substr(start));

  auto blank = [](std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
  };
  std::string out;
  bool in_paragraph = false;
  for (std::string_view line : lines) {
    if (blank(line)) {
      if (in_paragraph) out.append("</p>\n");
      in_paragraph = false;
      continue;
    }
    out.append(in_paragraph ? "<br>\n" : "<p>");
    in_paragraph = true;
    out.append(HtmlEscape(line));
  }
  if (in_paragraph) out.append("</p>\n");
  // No newline after the last paragraph: the fragment is embedded by the caller.
  if (!out.empty()) out.pop_back();
  return out;
}

}  // namespace retorno
