// Two passes: the blocks are laid out and placed on pages first (so each page knows
// how many there are), then drawn. The inline elements become pango markup (b, i, u),
// every text escaped; a table's columns share the width equally, a cell spanning as
// many as its colspan, and a row never splits across pages.
#include "export/html_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <utility>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "domain/proposals/html_sanitize.h"

namespace retorno {

namespace {

constexpr double kPageWidth = 595.28;  // A4 portrait, in points
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 48;
constexpr double kTop = 78;     // below the company's name
constexpr double kBottom = 56;  // above the page number
constexpr double kCellPad = 4;
constexpr double kBodySize = 10;

struct Para {
  std::string markup;
  double size = kBodySize;
  bool bold = false;
  double indent = 0;
  double space_after = 6;
};
struct Cell {
  std::string markup;
  int colspan = 1;
  bool header = false;
};
struct Table {
  std::vector<std::vector<Cell>> rows;
  int columns = 1;
};
using Block = std::variant<Para, Table>;

std::string Escape(const std::string& text) {
  gchar* e = g_markup_escape_text(text.c_str(), static_cast<gssize>(text.size()));
  std::string out(e);
  g_free(e);
  return out;
}

bool IsBlock(const std::string& tag) {
  return tag == "h1" || tag == "h2" || tag == "h3" || tag == "p" || tag == "ul" || tag == "ol" ||
         tag == "li" || tag == "table";
}

// The inline content of `nodes` as pango markup; nested blocks contribute their text.
void Inline(const std::vector<HtmlNode>& nodes, std::string& out) {
  for (const HtmlNode& n : nodes) {
    if (n.kind == HtmlNode::Kind::kText) {
      out.append(Escape(n.text));
      continue;
    }
    if (n.tag == "br") {
      out.append("\n");
    } else if (n.tag == "b" || n.tag == "strong") {
      out.append("<b>");
      Inline(n.children, out);
      out.append("</b>");
    } else if (n.tag == "i" || n.tag == "em") {
      out.append("<i>");
      Inline(n.children, out);
      out.append("</i>");
    } else if (n.tag == "u") {
      out.append("<u>");
      Inline(n.children, out);
      out.append("</u>");
    } else {
      if (IsBlock(n.tag) && !out.empty() && out.back() != '\n') out.append("\n");
      Inline(n.children, out);
    }
  }
}

bool Blank(const std::string& markup) {
  return markup.find_first_not_of(" \t\r\n") == std::string::npos;
}

// Collapses runs of white space as a browser shows them (a line break from <br> stays).
std::string Collapse(const std::string& markup) {
  std::string out;
  bool space = false;
  for (char c : markup) {
    if (c == ' ' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (c == '\n') {
      out.push_back('\n');
      space = false;
      continue;
    }
    if (space && !out.empty() && out.back() != '\n') out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  size_t b = 0;
  while (b < out.size() && out[b] == '\n') ++b;
  return out.substr(b);
}

void AddRows(const std::vector<HtmlNode>& nodes, Table& t) {
  for (const HtmlNode& n : nodes) {
    if (n.kind != HtmlNode::Kind::kElement) continue;
    if (n.tag == "thead" || n.tag == "tbody") {
      AddRows(n.children, t);
    } else if (n.tag == "tr") {
      std::vector<Cell> row;
      int width = 0;
      for (const HtmlNode& c : n.children) {
        if (c.kind != HtmlNode::Kind::kElement || (c.tag != "td" && c.tag != "th")) continue;
        Cell cell{.colspan = c.colspan, .header = c.tag == "th"};
        Inline(c.children, cell.markup);
        cell.markup = Collapse(cell.markup);
        width += c.colspan;
        row.push_back(std::move(cell));
      }
      t.columns = std::max(t.columns, width);
      if (!row.empty()) t.rows.push_back(std::move(row));
    }
  }
}

void Collect(const std::vector<HtmlNode>& nodes, std::vector<Block>& out, double indent) {
  std::string loose;  // inline content between blocks: a paragraph of its own
  auto flush = [&] {
    std::string m = Collapse(loose);
    if (!Blank(m)) out.push_back(Para{.markup = m, .indent = indent});
    loose.clear();
  };
  for (const HtmlNode& n : nodes) {
    if (n.kind == HtmlNode::Kind::kText || !IsBlock(n.tag)) {
      Inline({n}, loose);
      continue;
    }
    flush();
    if (n.tag == "h1" || n.tag == "h2" || n.tag == "h3") {
      Para p{.size = n.tag == "h1"   ? 18.0
                     : n.tag == "h2" ? 15.0
                                     : 12.5,
             .bold = true,
             .indent = indent,
             .space_after = 8};
      Inline(n.children, p.markup);
      p.markup = Collapse(p.markup);
      if (!Blank(p.markup)) out.push_back(std::move(p));
    } else if (n.tag == "p") {
      Para p{.indent = indent};
      Inline(n.children, p.markup);
      p.markup = Collapse(p.markup);
      if (!Blank(p.markup)) out.push_back(std::move(p));
    } else if (n.tag == "ul" || n.tag == "ol") {
      int number = 0;
      for (const HtmlNode& li : n.children) {
        if (li.kind != HtmlNode::Kind::kElement || li.tag != "li") continue;
        Para p{.indent = indent + 14, .space_after = 3};
        p.markup = n.tag == "ol" ? absl::StrCat(++number, ". ") : "• ";
        std::string text;
        Inline(li.children, text);
        p.markup.append(Collapse(text));
        out.push_back(std::move(p));
      }
    } else if (n.tag == "li") {
      Para p{.indent = indent + 14, .space_after = 3};
      p.markup = "• ";
      std::string text;
      Inline(n.children, text);
      p.markup.append(Collapse(text));
      out.push_back(std::move(p));
    } else if (n.tag == "table") {
      Table t;
      AddRows(n.children, t);
      if (!t.rows.empty()) out.push_back(std::move(t));
    }
  }
  flush();
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

class Painter {
 public:
  Painter(cairo_t* cr, const std::string& family)
      : cr_(cr), layout_(pango_cairo_create_layout(cr)) {
    font_ = pango_font_description_from_string(family.c_str());
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
  }
  ~Painter() {
    pango_font_description_free(font_);
    g_object_unref(layout_);
  }

  // Sets the layout up for `markup`; returns its height.
  double Prepare(const std::string& markup, double size, bool bold, double width) {
    pango_font_description_set_absolute_size(font_, size * PANGO_SCALE);
    pango_font_description_set_weight(font_, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_, font_);
    pango_layout_set_width(layout_, static_cast<int>(std::max(width, 10.0) * PANGO_SCALE));
    pango_layout_set_markup(layout_, markup.c_str(), static_cast<int>(markup.size()));
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  void Show(double x, double y) {
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_);
  }
  void AlignRight(bool right) {
    pango_layout_set_alignment(layout_, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  }

 private:
  cairo_t* cr_;
  PangoLayout* layout_;
  PangoFontDescription* font_;
};

// One placed block: its page and top.
struct Placed {
  size_t block;
  int page;
  double y;
  size_t first_row = 0, end_row = 0;  // tables: the rows on this page
};

double ColumnWidth(const Table& t) { return (kPageWidth - 2 * kMargin) / std::max(1, t.columns); }

double RowHeight(Painter& p, const Table& t, size_t r) {
  double h = 0;
  for (const Cell& c : t.rows[r])
    h = std::max(h, p.Prepare(c.markup, 9, c.header, ColumnWidth(t) * c.colspan - 2 * kCellPad));
  return h + 2 * kCellPad;
}

}  // namespace

absl::StatusOr<std::string> PangoHtmlPdf::Render(const PdfPage& page) {
  std::vector<Block> blocks;
  Collect(SanitizeHtmlTree(page.html).nodes, blocks, 0);

  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(&Append, &out, kPageWidth, kPageHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return absl::InternalError("pdf: cairo_pdf_surface_create_for_stream failed");
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, page.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Retorno");
  const std::string date =
      absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", page.created_at, absl::UTCTimeZone());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
  cairo_t* cr = cairo_create(surface);
  {
    Painter p(cr, font_);
    const double width = kPageWidth - 2 * kMargin;
    const double limit = kPageHeight - kBottom;
    // Pass 1: place.
    std::vector<Placed> placed;
    int pg = 0;
    double y = kTop;
    for (size_t i = 0; i < blocks.size(); ++i) {
      if (const Para* para = std::get_if<Para>(&blocks[i])) {
        const double h = p.Prepare(para->markup, para->size, para->bold, width - para->indent);
        if (y + h > limit && y > kTop) {
          ++pg;
          y = kTop;
        }
        placed.push_back({i, pg, y});
        y += h + para->space_after;
        continue;
      }
      const Table& t = std::get<Table>(blocks[i]);
      size_t r = 0;
      while (r < t.rows.size()) {
        Placed part{i, pg, y, r, r};
        double ty = y;
        while (r < t.rows.size()) {
          const double h = RowHeight(p, t, r);
          if (ty + h > limit && ty > kTop && part.end_row > part.first_row) break;
          if (ty + h > limit && ty > kTop && part.end_row == part.first_row && y > kTop) break;
          ty += h;
          part.end_row = ++r;
        }
        if (part.end_row > part.first_row) {
          placed.push_back(part);
          y = ty + 8;
        }
        if (r < t.rows.size()) {
          ++pg;
          y = kTop;
        }
      }
    }
    const int pages = pg + 1;
    // Pass 2: draw, page by page.
    size_t next = 0;
    for (int n = 0; n < pages; ++n) {
      cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
      p.AlignRight(false);
      p.Prepare(Escape(page.company), 11, true, width);
      p.Show(kMargin, 34);
      cairo_set_line_width(cr, 0.6);
      cairo_move_to(cr, kMargin, 56);
      cairo_line_to(cr, kPageWidth - kMargin, 56);
      cairo_stroke(cr);
      p.AlignRight(true);
      p.Prepare(absl::StrCat(n + 1, "/", pages), 8, false, width);
      p.Show(kMargin, kPageHeight - 36);
      p.AlignRight(false);
      for (; next < placed.size() && placed[next].page == n; ++next) {
        const Placed& at = placed[next];
        cairo_set_source_rgb(cr, 0, 0, 0);
        if (const Para* para = std::get_if<Para>(&blocks[at.block])) {
          p.Prepare(para->markup, para->size, para->bold, width - para->indent);
          p.Show(kMargin + para->indent, at.y);
          continue;
        }
        const Table& t = std::get<Table>(blocks[at.block]);
        const double cw = ColumnWidth(t);
        double ty = at.y;
        for (size_t r = at.first_row; r < at.end_row; ++r) {
          const double h = RowHeight(p, t, r);
          double x = kMargin;
          for (const Cell& c : t.rows[r]) {
            const double w = cw * c.colspan;
            if (c.header) {
              cairo_set_source_rgb(cr, 0.92, 0.92, 0.92);
              cairo_rectangle(cr, x, ty, w, h);
              cairo_fill(cr);
            }
            cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
            cairo_set_line_width(cr, 0.5);
            cairo_rectangle(cr, x, ty, w, h);
            cairo_stroke(cr);
            cairo_set_source_rgb(cr, 0, 0, 0);
            p.Prepare(c.markup, 9, c.header, w - 2 * kCellPad);
            p.Show(x + kCellPad, ty + kCellPad);
            x += w;
          }
          ty += h;
        }
      }
      cairo_show_page(cr);
    }
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return absl::InternalError(absl::StrCat("pdf: ", cairo_status_to_string(status)));
  return out;
}

}  // namespace retorno
