// The words every export and report table writes the same way, in the reader's language:
// the column and filter names the list, the agenda, the reports and the audit trail share,
// the priorities and the page numbers of a PDF. The same words as the app's screens
// (web/src/i18n), so a column reads in a file as it does on screen. Each export keeps its
// own words (titles, its other columns) beside these.
#pragma once

#include <string_view>

#include "domain/model.h"

namespace retorno {

struct ExportWords {
  const char* number;
  const char* party;
  const char* subject;
  const char* branch;
  const char* category;
  const char* priority;
  const char* days_late;
  const char* priority_high;
  const char* priority_medium;
  const char* priority_low;
  const char* page_of;  // printf: page, pages
  const char* page;     // printf: page (while the count is still unknown)
};

// "pt-BR", "es" or "en" (a tag starting with "es" or "en" picks those); pt-BR otherwise.
const ExportWords& ExportWordsFor(std::string_view lang);

const char* PriorityWord(const ExportWords& w, Priority p);

}  // namespace retorno
