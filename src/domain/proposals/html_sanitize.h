// The HTML of proposal and visit-sheet layouts (manual 003), kept to what a printed
// page needs and nothing that runs or reaches out: an allow-list of elements (h1-h3,
// p, br, b/strong, i/em, u, ul/ol/li, table/thead/tbody/tr/td/th, span) and of one
// attribute (colspan on cells). Scripts, styles, frames, objects, images and forms go
// with their content; other elements (div, a, font...) give way to their content;
// every other attribute (on* handlers, style, href, src...) is dropped, so neither a
// javascript: URL nor an external resource survives. The input is parsed by libxml2's
// HTML parser, as a browser would recover it, and the output is written from the
// parsed tree, so no nesting trick reaches the output as markup. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retorno {

struct HtmlNode {
  enum class Kind { kElement, kText };
  Kind kind = Kind::kText;
  std::string tag;   // kElement: one of the allowed tags, lower case
  std::string text;  // kText: UTF-8, entities decoded
  int colspan = 1;   // td/th
  std::vector<HtmlNode> children;
};

struct SanitizedHtml {
  std::vector<HtmlNode> nodes;
  // What was taken out, each once, in order met: element names ("script") and
  // attribute names ("onerror", "style"), for the editor to tell the user.
  std::vector<std::string> removed;
};

SanitizedHtml SanitizeHtmlTree(std::string_view html);

// The nodes as HTML: text escaped, the allowed elements and colspan only.
std::string HtmlOf(const std::vector<HtmlNode>& nodes);

// HtmlOf(SanitizeHtmlTree(html).nodes): sanitizing twice changes nothing more.
std::string SanitizeHtml(std::string_view html);

}  // namespace retorno
