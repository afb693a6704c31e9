#include "domain/automatic.h"

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"

namespace retorno {

std::string DocumentOriginPrefix(DocumentId doc) { return absl::StrCat("doc:", doc.value, ":"); }

std::vector<PlannedFollowup> PlanDocumentFollowups(
    const SalesDocument& doc, const absl::flat_hash_map<CatalogItemId, CatalogItem>& catalogue) {
  std::vector<PlannedFollowup> out;
  std::optional<absl::CivilDay> base;
  std::string_view origin;
  if (doc.status == DocumentStatus::kCancelled) return out;
  if (doc.kind == DocumentKind::kSale) {
    base = doc.date;
    origin = kOriginAfterSale;
  } else if (doc.kind == DocumentKind::kServiceOrder && doc.status == DocumentStatus::kCompleted &&
             doc.completed_on) {
    base = *doc.completed_on;
    origin = kOriginServiceDone;
  }
  if (!base) return out;
  absl::flat_hash_set<CatalogItemId> seen;
  for (const DocumentItem& line : doc.items) {
    if (!line.item_id || !seen.insert(*line.item_id).second) continue;
    auto it = catalogue.find(*line.item_id);
    if (it == catalogue.end() || !it->second.active || !it->second.followup_days) continue;
    out.push_back({absl::StrCat(DocumentOriginPrefix(doc.id), "item:", line.item_id->value), origin,
                   *line.item_id, *base + *it->second.followup_days});
  }
  return out;
}

namespace {
absl::CivilDay BirthdayIn(absl::CivilDay birthday, absl::civil_year_t year) {
  int day = birthday.day();
  if (birthday.month() == 2 && day == 29) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (!leap) day = 28;
  }
  return absl::CivilDay(year, birthday.month(), day);
}
}  // namespace

absl::CivilDay NextBirthday(absl::CivilDay birthday, absl::CivilDay from) {
  absl::CivilDay d = BirthdayIn(birthday, from.year());
  if (d < from) d = BirthdayIn(birthday, from.year() + 1);
  return d;
}

std::string PartyBirthdayKey(PartyId party, int year) {
  return absl::StrCat("birthday:party:", party.value, ":", year);
}

std::string ContactBirthdayKey(PartyId party, int contact_position, int year) {
  return absl::StrCat("birthday:contact:", party.value, ":", contact_position, ":", year);
}

}  // namespace retorno
