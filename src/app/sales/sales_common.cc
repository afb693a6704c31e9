#include "app/sales/sales_common.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "app/errors.h"
#include "app/mail/mail_compose.h"
#include "base/status_macros.h"
#include "base/strings.h"
#include "base/time_util.h"
#include "domain/automatic.h"
#include "domain/csv_table.h"
#include "domain/permissions.h"
#include "domain/state.h"
#include "domain/templates.h"
#include "domain/time_zone.h"
#include "domain/validation.h"

namespace retorno {

// Names, numbers and subjects: one line. Item descriptions may run over several lines
// (ERP exports carry them so) and skip that rule.
void CheckName(const std::string& field, const std::string& v, size_t max, bool required,
               Issues& issues, bool one_line) {
  if (v.empty()) {
    if (required) issues.Add(field, "required");
  } else if (v.size() <= max && one_line && !IsOneLine(v)) {
    issues.Add(field, "line_break");
  } else if (v.size() > max || !IsCleanText(v)) {
    issues.Add(field, "invalid_text");
  }
}

// Writing at all, before there is a document to look at (imports).
absl::Status RequireDocumentWriter(const AuthContext& ctx) {
  if (DocumentAccessFor(ctx.viewer(), DocumentReach{}, DocumentUse::kChange) ==
      DocumentAccess::kReadOnly)
    return CodedError(ErrorCode::kForbiddenDocument);
  return absl::OkStatus();
}

// Texts the system writes on the timeline or as a subject, in the owner's language.
std::string SystemText(std::string_view key, std::string_view locale, std::string_view a,
                       std::string_view b) {
  struct Text {
    std::string_view key, pt, es, en;
  };
  static constexpr Text kTexts[] = {
      {"after_sale", "Pós-venda: $1 ($2)", "Posventa: $1 ($2)", "After sale: $1 ($2)"},
      {"service_done", "Revisão do serviço: $1 ($2)", "Revisión del servicio: $1 ($2)",
       "Service check: $1 ($2)"},
      {"birthday", "Aniversário: $1", "Cumpleaños: $1", "Birthday: $1"},
      {"doc_cancelled", "Encerrado automaticamente: $1 cancelado(a).",
       "Cerrado automáticamente: $1 cancelado(a).", "Closed automatically: $1 cancelled."},
      {"doc_changed", "Encerrado automaticamente: $1 não pede mais este retorno.",
       "Cerrado automáticamente: $1 ya no requiere este seguimiento.",
       "Closed automatically: $1 no longer calls for this follow-up."},
      {"birthday_changed", "Encerrado automaticamente: a data de aniversário mudou.",
       "Cerrado automáticamente: la fecha de cumpleaños cambió.",
       "Closed automatically: the birthday changed."},
      {"quote", "Orçamento $1", "Cotización $1", "Quote $1"},
      {"sales_order", "Pedido de venda $1", "Pedido $1", "Sales order $1"},
      {"sale", "Venda $1", "Venta $1", "Sale $1"},
      {"service_order", "O.S. $1", "Orden de servicio $1", "Service order $1"},
      {"excess_sale", "venda excedente", "venta excedente", "excess sale"},
      {"doc_made", "$1 criado(a): total $2.", "$1 creado(a): total $2.", "$1 made: total $2."},
      {"doc_converted", "$1 convertido(a) em $2.", "$1 convertido(a) en $2.",
       "$1 converted into $2."},
      {"doc_cancelled_line", "$1 cancelado(a).", "$1 cancelado(a).", "$1 cancelled."},
      {"reopen_asked", "Pedido de reabertura ao supervisor: $1",
       "Solicitud de reapertura al supervisor: $1", "Reopening asked of a supervisor: $1"},
      {"reopen_refused", "Reabertura recusada. $1", "Reapertura rechazada. $1",
       "Reopening refused. $1"},
  };
  for (const Text& t : kTexts) {
    if (t.key != key) continue;
    std::string_view f = absl::StartsWith(ToAbsl(locale), "es")   ? t.es
                         : absl::StartsWith(ToAbsl(locale), "en") ? t.en
                                                                  : t.pt;
    return absl::StrReplaceAll(ToAbsl(f), {{"$1", ToAbsl(a)}, {"$2", ToAbsl(b)}});
  }
  return std::string(key);
}

std::string DocumentLabel(const SalesDocument& d, std::string_view locale) {
  return SystemText(ToString(d.kind), locale, d.number);
}

// The actor of automatic follow-ups: the owner, acting for the system, so created_by
// and the timeline show whose follow-up it is.
AuthContext ActingAs(const User& owner) {
  AuthContext ctx;
  ctx.user = owner;
  return ctx;
}

void CheckTemplate(const std::string& prefix, const FollowupTemplate& t, Issues& issues) {
  CheckName(prefix + "subject", t.subject, kMaxSubject, false, issues);
  CheckTemplateText(prefix + "message", t.message, kMaxMessage, false, issues);
}

absl::StatusOr<DocumentItem> ReadItemLine(Tx& tx, size_t i, const std::string& item_code,
                                          const std::string& description,
                                          std::optional<double> quantity, double max_quantity,
                                          Issues& issues) {
  const std::string prefix = absl::StrCat("items[", i, "].");
  DocumentItem line;
  line.position = static_cast<int>(i);
  line.item_code = item_code;
  line.description = description;
  line.quantity = quantity.value_or(1);
  if (!IsValidCode(item_code)) {
    issues.Add(prefix + "item_code", item_code.empty() ? "required" : "invalid_code");
  } else {
    ASSIGN_OR_RETURN(std::optional<CatalogItem> c, tx.sales().FindCatalogItemByCode(item_code));
    if (c) {
      line.item_id = c->id;
      if (line.description.empty()) line.description = c->name;
    }
  }
  CheckName(prefix + "description", description, kMaxName, false, issues, false);
  if (!std::isfinite(line.quantity) || line.quantity <= 0 || line.quantity > max_quantity)
    issues.Add(prefix + "quantity", "out_of_range");
  return line;
}

}  // namespace retorno
