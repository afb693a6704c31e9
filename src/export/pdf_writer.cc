// PDF through cairo (cairo_pdf_surface_create_for_stream hands the bytes to the sink as
// cairo writes them) with text laid out by pango, so accents and any script come out
// right with the font fontconfig finds. A4 landscape; each page carries the company,
// the title, the filters, the header row and its number. A row is one line: a cell
// too long for its column ends in "…". Only the page being drawn is held in memory.
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"
#include "export/writers.h"

namespace retorno {

namespace {

constexpr double kPageWidth = 841.89;  // A4 landscape, in points
constexpr double kPageHeight = 595.28;
constexpr double kMargin = 28;
constexpr double kRowHeight = 14;
constexpr double kFooter = 20;

cairo_status_t WriteToSink(void* closure, const unsigned char* data, unsigned int length) {
  auto* sink = static_cast<ExportSink*>(closure);
  return sink->Write(std::string_view(reinterpret_cast<const char*>(data), length))
             ? CAIRO_STATUS_SUCCESS
             : CAIRO_STATUS_WRITE_ERROR;
}

class PdfWriter final : public ExportWriter {
 public:
  PdfWriter(const ExportLocale& locale, ExportSink& sink, std::string font)
      : locale_(locale), sink_(sink), font_(std::move(font)) {}
  ~PdfWriter() override {
    for (auto& [key, font] : fonts_) pango_font_description_free(font);
    if (layout_ != nullptr) g_object_unref(layout_);
    if (cr_ != nullptr) cairo_destroy(cr_);
    if (surface_ != nullptr) {
      cairo_surface_finish(surface_);
      cairo_surface_destroy(surface_);
    }
  }

  absl::Status Begin(const ExportHead& head) override {
    head_ = head;
    surface_ = cairo_pdf_surface_create_for_stream(&WriteToSink, &sink_, kPageWidth, kPageHeight);
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS)
      return absl::InternalError("pdf: cairo_pdf_surface_create_for_stream failed");
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, head.title.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "Retorno");
    cr_ = cairo_create(surface_);
    layout_ = pango_cairo_create_layout(cr_);
    pango_layout_set_ellipsize(layout_, PANGO_ELLIPSIZE_END);
    pango_layout_set_single_paragraph_mode(layout_, TRUE);
    double total = 0;
    for (size_t i = 0; i < head.columns.size(); ++i)
      total += i < head.widths.size() ? head.widths[i] : 1.0;
    double x = kMargin;
    for (size_t i = 0; i < head.columns.size(); ++i) {
      const double w = i < head.widths.size() ? head.widths[i] : 1.0;
      column_x_.push_back(x);
      column_w_.push_back((kPageWidth - 2 * kMargin) * w / (total > 0 ? total : 1));
      x += column_w_.back();
    }
    if (head.expected_rows) {
      // The rows that fit under the page's head, known before the first page is drawn.
      const int64_t per_page = RowsPerPage();
      pages_ = std::max<int64_t>(1, (*head.expected_rows + per_page - 1) / per_page);
    }
    return StartPage();
  }

  absl::Status Row(const ExportRow& row) override {
    if (y_ + kRowHeight > kPageHeight - kMargin - kFooter) RETURN_IF_ERROR(EndPage());
    if (rows_on_page_ % 2 == 1) {
      cairo_set_source_rgb(cr_, 0.95, 0.95, 0.95);
      cairo_rectangle(cr_, kMargin, y_, kPageWidth - 2 * kMargin, kRowHeight);
      cairo_fill(cr_);
    }
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (size_t i = 0; i < row.size() && i < column_x_.size(); ++i)
      Text(CellText(row[i], locale_), column_x_[i] + 2, y_ + 1, column_w_[i] - 4, 8, false,
           row[i].kind == ExportCell::Kind::kNumber);
    y_ += kRowHeight;
    ++rows_on_page_;
    return Check();
  }

  absl::Status End() override {
    if (rows_on_page_ == 0 && page_ == 1) {
      cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
      Text("—", kMargin + 2, y_ + 1, 100, 8, false, false);
    }
    Footer();
    cairo_show_page(cr_);
    g_object_unref(layout_);
    layout_ = nullptr;
    cairo_destroy(cr_);
    cr_ = nullptr;
    cairo_surface_finish(surface_);
    const cairo_status_t status = cairo_surface_status(surface_);
    cairo_surface_destroy(surface_);
    surface_ = nullptr;
    if (status != CAIRO_STATUS_SUCCESS)
      return absl::CancelledError(absl::StrCat("pdf: ", cairo_status_to_string(status)));
    return absl::OkStatus();
  }

 private:
  // Where the head of a page ends and its rows begin.
  double HeadHeight() const {
    return kMargin + 18 + 14 + (head_.filters.empty() ? 0 : 14) + 6 + kRowHeight + 2;
  }
  int64_t RowsPerPage() const {
    return std::max<int64_t>(
        1, static_cast<int64_t>((kPageHeight - kMargin - kFooter - HeadHeight()) / kRowHeight));
  }

  absl::Status Check() {
    const cairo_status_t s = cairo_status(cr_);
    if (s != CAIRO_STATUS_SUCCESS)
      return absl::CancelledError(absl::StrCat("pdf: ", cairo_status_to_string(s)));
    return absl::OkStatus();
  }

  // One line of text in a box `width` wide, ellipsized; right-aligned for numbers.
  void Text(const std::string& s, double x, double y, double width, double size, bool bold,
            bool right) {
    PangoFontDescription*& font = fonts_[{size, bold}];
    if (font == nullptr) {
      font = pango_font_description_new();
      pango_font_description_set_family(font, font_.c_str());
      pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
      pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    }
    if (font != current_font_) {
      pango_layout_set_font_description(layout_, font);
      current_font_ = font;
    }
    pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_alignment(layout_, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout_, s.data(), static_cast<int>(s.size()));
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout_);
  }

  absl::Status StartPage() {
    double y = kMargin;
    cairo_set_source_rgb(cr_, 0, 0, 0);
    const double width = kPageWidth - 2 * kMargin;
    Text(head_.company, kMargin, y, width * 0.7, 13, true, false);
    Text(absl::StrCat(CellText(ExportCell::DateTime(head_.made_at), locale_)),
         kMargin + width * 0.7, y + 3, width * 0.3, 8, false, true);
    y += 18;
    Text(head_.title, kMargin, y, width, 10, true, false);
    y += 14;
    if (!head_.filters.empty()) {
      std::vector<std::string> parts;
      for (const auto& [label, value] : head_.filters)
        parts.push_back(absl::StrCat(label, ": ", value));
      cairo_set_source_rgb(cr_, 0.25, 0.25, 0.25);
      Text(absl::StrJoin(parts, " · "), kMargin, y, width, 8, false, false);
      y += 14;
    }
    y += 6;
    cairo_set_source_rgb(cr_, 0.85, 0.88, 0.93);
    cairo_rectangle(cr_, kMargin, y, width, kRowHeight);
    cairo_fill(cr_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (size_t i = 0; i < head_.columns.size(); ++i)
      Text(head_.columns[i], column_x_[i] + 2, y + 1, column_w_[i] - 4, 8, true, false);
    y_ = y + kRowHeight + 2;
    rows_on_page_ = 0;
    return Check();
  }

  void Footer() {
    const std::string text =
        pages_ && page_ <= *pages_
            ? absl::StrFormat(*absl::ParsedFormat<'d', 'd'>::New(PageOf()), page_, *pages_)
            : absl::StrFormat(*absl::ParsedFormat<'d'>::New(PageOnly()), page_);
    cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3);
    Text(text, kMargin, kPageHeight - kMargin - 10, kPageWidth - 2 * kMargin, 8, false, true);
  }
  // The translated patterns, when they hold what the footer fills in.
  std::string PageOf() const {
    return absl::ParsedFormat<'d', 'd'>::New(head_.page_of) ? head_.page_of : "%d / %d";
  }
  std::string PageOnly() const {
    return absl::ParsedFormat<'d'>::New(head_.page) ? head_.page : "%d";
  }

  absl::Status EndPage() {
    Footer();
    cairo_show_page(cr_);
    ++page_;
    return StartPage();
  }

  ExportLocale locale_;
  ExportSink& sink_;
  std::string font_;
  ExportHead head_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoLayout* layout_ = nullptr;
  // The few fonts a page uses, by size and weight.
  std::map<std::pair<double, bool>, PangoFontDescription*> fonts_;
  PangoFontDescription* current_font_ = nullptr;
  std::vector<double> column_x_;
  std::vector<double> column_w_;
  std::optional<int64_t> pages_;
  int64_t page_ = 1;
  int64_t rows_on_page_ = 0;
  double y_ = 0;
};

}  // namespace

std::unique_ptr<ExportWriter> MakePdfWriter(const ExportLocale& locale, ExportSink& sink,
                                            const std::string& font) {
  return std::make_unique<PdfWriter>(locale, sink, font);
}

}  // namespace retorno
