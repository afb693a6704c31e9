#include "app/exports/export_words.h"

namespace retorno {

namespace {

constexpr ExportWords kPtBr = {
    .number = "Nº",
    .party = "Cliente / Fornecedor",
    .subject = "Assunto",
    .branch = "Filial",
    .category = "Categoria",
    .priority = "Prioridade",
    .days_late = "Dias atraso",
    .priority_high = "Alta",
    .priority_medium = "Média",
    .priority_low = "Baixa",
    .page_of = "página %d de %d",
    .page = "página %d",
};

constexpr ExportWords kEs = {
    .number = "N.º",
    .party = "Cliente / Proveedor",
    .subject = "Asunto",
    .branch = "Sucursal",
    .category = "Categoría",
    .priority = "Prioridad",
    .days_late = "Días de retraso",
    .priority_high = "Alta",
    .priority_medium = "Media",
    .priority_low = "Baja",
    .page_of = "página %d de %d",
    .page = "página %d",
};

constexpr ExportWords kEn = {
    .number = "No.",
    .party = "Customer / Supplier",
    .subject = "Subject",
    .branch = "Branch",
    .category = "Category",
    .priority = "Priority",
    .days_late = "Days late",
    .priority_high = "High",
    .priority_medium = "Medium",
    .priority_low = "Low",
    .page_of = "page %d of %d",
    .page = "page %d",
};

}  // namespace

const ExportWords& ExportWordsFor(std::string_view lang) {
  if (lang.starts_with("es")) return kEs;
  if (lang.starts_with("en")) return kEn;
  return kPtBr;
}

const char* PriorityWord(const ExportWords& w, Priority p) {
  switch (p) {
    case Priority::kHigh:
      return w.priority_high;
    case Priority::kMedium:
      return w.priority_medium;
    case Priority::kLow:
      return w.priority_low;
  }
  return w.priority_medium;
}

}  // namespace retorno
