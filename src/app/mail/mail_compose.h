// Composition of e-mail shared by the use cases (send now, preview, test) and the jobs
// (reminders, customer messages, digests): placeholder values of a follow-up, rendering
// into an outbox row, Message-IDs, and the timeline entry of a sent message.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/errors.h"
#include "app/ports.h"
#include "app/services.h"
#include "domain/model.h"

namespace retorno {

using PlaceholderValues = absl::flat_hash_map<std::string, std::string>;

// "30/11/2026" in pt-BR and es, "2026-11-30" in en.
std::string FormatDayFor(absl::CivilDay day, std::string_view locale);

// Values of every known placeholder (domain/templates.h) for a follow-up and, when
// given, one of its returns, in `locale`, with "today" in the owner's zone. Absent
// data is an empty value, which rendering reports as missing.
absl::StatusOr<PlaceholderValues> ValuesFor(Tx& tx, const Followup& f, const Action* action,
                                            std::string_view locale, absl::Time now);

// Renders subject and body into m (text, and HTML from the text); returns the missing
// tokens of both, subject first, each once. The return's message (#{mensagem}) is a
// template too: its placeholders are filled with the same values and its missing
// tokens are returned with the others.
std::vector<std::string> RenderInto(OutboxMessage& m, std::string_view subject,
                                    std::string_view body, const PlaceholderValues& values);

// Checks text that will be rendered as a template (a template's subject or body, a
// return's message to the customer, the message of a product's follow-up): empty when
// `required`, longer than `max`, control characters, then unknown or malformed
// placeholders ("unknown_placeholder"). One check wherever a message is written, so
// what was accepted is what the renderer can fill.
void CheckTemplateText(const std::string& field, const std::string& text, size_t max, bool required,
                       Issues& issues);

// "<random@domain-of-sender>", the domain falling back to "retorno.localhost".
std::string NewMessageId(Crypto& crypto, std::string_view sender_email);

// The locale a template is taken in: the user's when it has one, else pt-BR.
std::string TemplateLocale(std::string_view locale);

}  // namespace retorno
