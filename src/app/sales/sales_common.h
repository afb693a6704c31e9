// What the sales use cases (catalogue, documents, imports, birthdays) share: their
// field limits, the checks of names and follow-up templates, the texts the system
// writes on their follow-ups, and acting as an owner for automatic follow-ups.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "app/accounts/accounts.h"
#include "domain/model.h"
#include "domain/validation.h"

namespace retorno {

inline constexpr size_t kMaxName = 160;
inline constexpr size_t kMaxNumber = 40;
inline constexpr size_t kMaxItems = 500;
inline constexpr size_t kMaxSubject = 200;
inline constexpr size_t kMaxMessage = 4000;
inline constexpr int kMaxImportErrors = 1000;  // kept per import; error_lines counts them all

// Names, numbers and subjects: one line. Item descriptions may run over several lines
// (ERP exports carry them so) and skip that rule.
void CheckName(const std::string& field, const std::string& v, size_t max, bool required,
               Issues& issues, bool one_line = true);

// Writing at all, before there is a document to look at (imports).
absl::Status RequireDocumentWriter(const AuthContext& ctx);

// Texts the system writes on the timeline or as a subject, in the owner's language.
std::string SystemText(std::string_view key, std::string_view locale, std::string_view a = "",
                       std::string_view b = "");

std::string DocumentLabel(const SalesDocument& d, std::string_view locale);

// The actor of automatic follow-ups: the owner, acting for the system, so created_by
// and the timeline show whose follow-up it is.
AuthContext ActingAs(const User& owner);

void CheckTemplate(const std::string& prefix, const FollowupTemplate& t, Issues& issues);

// One document line as the ERP or a follow-up sends it: the item code checked and looked
// up in the catalogue (its name is the description when none is given), the description,
// and the quantity, default 1, positive and at most max_quantity. Problems are named
// under "items[i]." in issues; the line is returned whatever they are.
absl::StatusOr<DocumentItem> ReadItemLine(Tx& tx, size_t i, const std::string& item_code,
                                          const std::string& description,
                                          std::optional<double> quantity, double max_quantity,
                                          Issues& issues);

}  // namespace retorno
