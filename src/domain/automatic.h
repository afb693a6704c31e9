// Automatic follow-ups of manual 002: what a sale, a completed service order or a
// birthday should have created, as pure functions. The use case (app/sales/sales.h) compares
// this plan with what exists, by origin key, so replaying an import or editing a
// document never duplicates and a cancelled document cancels what it created.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/time/civil_time.h"
#include "domain/model.h"

namespace retorno {

struct PlannedFollowup {
  std::string origin_key;   // "doc:<document id>:item:<catalogue item id>"
  std::string_view origin;  // kOriginAfterSale or kOriginServiceDone
  CatalogItemId item_id;
  absl::CivilDay due_date;
};

// The follow-ups a document calls for: one per distinct catalogue item with
// followup_days, due that many days after the sale date (kind sale) or the completion
// date (a completed service order). Quotes, sales orders, open or cancelled documents
// and inactive items call for none. Items are looked up by id in `catalogue`.
std::vector<PlannedFollowup> PlanDocumentFollowups(
    const SalesDocument& doc, const absl::flat_hash_map<CatalogItemId, CatalogItem>& catalogue);

std::string DocumentOriginPrefix(DocumentId doc);  // "doc:<id>:"

// The birthday on or after `from`: the same month and day in from's year or the next.
// 29 February falls on 28 February in common years.
absl::CivilDay NextBirthday(absl::CivilDay birthday, absl::CivilDay from);

// Origin keys of a birthday follow-up: one per person and year.
std::string PartyBirthdayKey(PartyId party, int year);
std::string ContactBirthdayKey(PartyId party, int contact_position, int year);

}  // namespace retorno
