#include "domain/proposals/html_sanitize.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

#include "domain/templates.h"

namespace retorno {

namespace {

constexpr std::array<std::string_view, 20> kAllowed = {
    "h1", "h2", "h3", "p",     "br",    "b",     "strong", "i",  "em", "u",
    "ul", "ol", "li", "table", "thead", "tbody", "tr",     "td", "th", "span"};

// Gone with everything inside: what runs, styles, frames, embeds, fetches or asks.
constexpr std::array<std::string_view, 17> kDropped = {
    "script", "style", "iframe", "frame",   "frameset", "object", "applet", "noscript", "template",
    "svg",    "math",  "title",  "picture", "video",    "audio",  "form",   "textarea"};

// Gone, but empty by nature: what the parser hangs under one of them is the text that
// followed it, walked as any other.
constexpr std::array<std::string_view, 11> kVoidDropped = {
    "img", "embed", "input", "meta", "link", "base", "source", "track", "param", "area", "button"};

constexpr std::array<std::string_view, 7> kBlocks = {"h1", "h2", "h3", "p", "ul", "ol", "table"};

bool In(std::string_view name, auto const& list) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

std::string Lower(const xmlChar* s) {
  std::string out(s ? reinterpret_cast<const char*>(s) : "");
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void Note(std::vector<std::string>& removed, std::string name) {
  if (std::find(removed.begin(), removed.end(), name) == removed.end())
    removed.push_back(std::move(name));
}

void Walk(xmlNode* first, std::vector<HtmlNode>& out, std::vector<std::string>& removed) {
  for (xmlNode* n = first; n != nullptr; n = n->next) {
    if (n->type == XML_TEXT_NODE) {
      const char* t = reinterpret_cast<const char*>(n->content);
      if (t == nullptr || *t == '\0') continue;
      if (!out.empty() && out.back().kind == HtmlNode::Kind::kText)
        out.back().text.append(t);
      else
        out.push_back({.kind = HtmlNode::Kind::kText, .text = t});
      continue;
    }
    if (n->type != XML_ELEMENT_NODE) continue;  // comments, CDATA, processing instructions
    const std::string tag = Lower(n->name);
    if (tag == "head") {
      // The parser puts a leading script, style, link or meta here.
      for (xmlNode* h = n->children; h != nullptr; h = h->next)
        if (h->type == XML_ELEMENT_NODE) Note(removed, Lower(h->name));
      continue;
    }
    if (In(tag, kDropped) || tag.empty()) {
      Note(removed, tag);
      continue;
    }
    if (In(tag, kVoidDropped)) {
      Note(removed, tag);
      Walk(n->children, out, removed);
      continue;
    }
    const bool allowed = In(tag, kAllowed);
    HtmlNode e{.kind = HtmlNode::Kind::kElement, .tag = tag};
    for (xmlAttr* a = n->properties; a != nullptr; a = a->next) {
      const std::string name = Lower(a->name);
      if (allowed && (tag == "td" || tag == "th") && name == "colspan") {
        xmlChar* v = xmlNodeGetContent(reinterpret_cast<xmlNode*>(a));
        const char* s = reinterpret_cast<const char*>(v);
        int span = 1;
        if (s != nullptr) std::from_chars(s, s + std::strlen(s), span);
        e.colspan = std::clamp(span, 1, 20);
        xmlFree(v);
        continue;
      }
      Note(removed, name);
    }
    if (!allowed) {
      // The wrappers the parser adds around a fragment (as a browser does, with a <p>
      // around loose text) are no one's doing: not reported.
      if (tag != "html" && tag != "body") Note(removed, tag);
      Walk(n->children, out, removed);
      continue;
    }
    Walk(n->children, e.children, removed);
    out.push_back(std::move(e));
  }
}

void Write(const std::vector<HtmlNode>& nodes, std::string& out) {
  for (const HtmlNode& n : nodes) {
    if (n.kind == HtmlNode::Kind::kText) {
      out.append(HtmlEscape(n.text));
      continue;
    }
    out.append("<").append(n.tag);
    if (n.colspan > 1) out.append(" colspan=\"").append(std::to_string(n.colspan)).append("\"");
    out.append(">");
    if (n.tag == "br") continue;
    Write(n.children, out);
    out.append("</").append(n.tag).append(">");
  }
}

}  // namespace

SanitizedHtml SanitizeHtmlTree(std::string_view html) {
  SanitizedHtml result;
  if (html.empty()) return result;
  htmlDocPtr doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                  HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (doc == nullptr) return result;
  std::vector<HtmlNode> nodes;
  Walk(doc->children, nodes, result.removed);
  xmlFreeDoc(doc);
  // Loose inline content between blocks goes in a paragraph, as the parser itself does
  // with text at the start of a body: the output parses back to the same tree.
  HtmlNode para{.kind = HtmlNode::Kind::kElement, .tag = "p"};
  auto flush = [&] {
    const bool blank =
        std::all_of(para.children.begin(), para.children.end(), [](const HtmlNode& c) {
          return c.kind == HtmlNode::Kind::kText &&
                 c.text.find_first_not_of(" \t\r\n") == std::string::npos;
        });
    if (!blank) result.nodes.push_back(std::move(para));
    para = HtmlNode{.kind = HtmlNode::Kind::kElement, .tag = "p"};
  };
  for (HtmlNode& n : nodes) {
    if (n.kind == HtmlNode::Kind::kElement && In(n.tag, kBlocks)) {
      flush();
      result.nodes.push_back(std::move(n));
    } else {
      para.children.push_back(std::move(n));
    }
  }
  flush();
  return result;
}

std::string HtmlOf(const std::vector<HtmlNode>& nodes) {
  std::string out;
  Write(nodes, out);
  return out;
}

std::string SanitizeHtml(std::string_view html) { return HtmlOf(SanitizeHtmlTree(html).nodes); }

}  // namespace retorno
