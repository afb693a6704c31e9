// Sanitized HTML (domain/proposals/html_sanitize.h) laid out as an A4 portrait PDF by
// pango on cairo (app/ports/proposals.h): headings, paragraphs, lists and tables of the
// allowed subset, the company's name heading every page and "n/N" at its foot.
#pragma once

#include <string>

#include "app/ports/proposals.h"

namespace retorno {

class PangoHtmlPdf final : public HtmlPdfRenderer {
 public:
  // The font family, through fontconfig (DejaVu Sans has every accent).
  explicit PangoHtmlPdf(std::string font = "DejaVu Sans") : font_(std::move(font)) {}
  absl::StatusOr<std::string> Render(const PdfPage& page) override;

 private:
  std::string font_;
};

}  // namespace retorno
