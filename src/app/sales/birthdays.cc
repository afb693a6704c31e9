#include "app/sales/birthdays.h"

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
#include "app/sales/sales_common.h"
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

// ---------------------------------------------------------------------------------
// Birthdays

absl::StatusOr<int> BirthdayService::Ensure(std::optional<PartyId> party, absl::Time now) {
  int created = 0;
  RETURN_IF_ERROR(store_.Write([&](Tx& tx) -> absl::Status {
    ASSIGN_OR_RETURN(created, EnsureInTx(tx, party, now));
    return absl::OkStatus();
  }));
  return created;
}

namespace {

// Birthdays fall on the organisation's days.
absl::StatusOr<absl::CivilDay> OrganisationToday(Tx& tx, absl::Time now) {
  ASSIGN_OR_RETURN(Settings settings, tx.accounts().GetSettings());
  return absl::ToCivilDay(now, ZoneOf(settings));
}

}  // namespace

absl::StatusOr<int> BirthdayService::EnsureInTx(Tx& tx, std::optional<PartyId> party,
                                                absl::Time now) {
  ASSIGN_OR_RETURN(absl::CivilDay today, OrganisationToday(tx, now));
  return EnsureFrom(tx, party, today, now);
}

absl::StatusOr<int> BirthdayService::EnsureFrom(Tx& tx, std::optional<PartyId> party,
                                                absl::CivilDay today, absl::Time now) {
  const absl::CivilDay last = today + horizon_days_;
  // Month-day windows of [today, last], split at the year end; one day wider at each
  // side so 29 February (kept on 28 February in common years) is never missed.
  auto mmdd = [](absl::CivilDay d) -> std::string {
    return absl::StrFormat("%02d-%02d", d.month(), d.day());
  };
  std::vector<std::pair<std::string, std::string>> windows;
  const absl::CivilDay from = today - 1, to = last + 1;
  if (horizon_days_ >= 364) {
    windows.emplace_back("01-01", "12-31");
  } else if (from.year() == to.year()) {
    windows.emplace_back(mmdd(from), mmdd(to));
  } else {
    windows.emplace_back(mmdd(from), "12-31");
    windows.emplace_back("01-01", mmdd(to));
  }
  int created = 0;
  absl::flat_hash_map<PartyId, Party> parties;
  absl::flat_hash_map<UserId, std::optional<User>> owners;  // a seller has many customers
  for (const auto& [lo, hi] : windows) {
    ASSIGN_OR_RETURN(std::vector<BirthdayRow> rows, tx.parties().ListBirthdays(lo, hi, party));
    for (const BirthdayRow& r : rows) {
      const absl::CivilDay day = NextBirthday(r.birthday, today);
      if (day > last) continue;
      const std::string key =
          r.contact_position < 0
              ? PartyBirthdayKey(r.party_id, static_cast<int>(day.year()))
              : ContactBirthdayKey(r.party_id, r.contact_position, static_cast<int>(day.year()));
      ASSIGN_OR_RETURN(std::optional<Followup> existing,
                       tx.followups().FindFollowupByOriginKey(key));
      if (existing) continue;
      auto pit = parties.find(r.party_id);
      if (pit == parties.end()) {
        ASSIGN_OR_RETURN(std::optional<Party> p, tx.parties().FindParty(r.party_id));
        if (!p) continue;
        pit = parties.emplace(r.party_id, *std::move(p)).first;
      }
      const Party& p = pit->second;
      if (p.kind == PartyKind::kSupplier || !p.owner_id) continue;
      auto oit = owners.find(*p.owner_id);
      if (oit == owners.end()) {
        ASSIGN_OR_RETURN(std::optional<User> u, tx.accounts().FindUser(*p.owner_id));
        oit = owners.emplace(*p.owner_id, std::move(u)).first;
      }
      const std::optional<User>& owner = oit->second;
      if (!owner || !owner->active) continue;
      CreateFollowupInput in;
      in.party_id = p.id;
      in.owner_id = owner->id;
      Contact who{p.name, p.email, p.phone, p.whatsapp, std::nullopt};
      if (r.contact_position >= 0 && r.contact_position < static_cast<int>(p.contacts.size()))
        who = p.contacts[static_cast<size_t>(r.contact_position)];
      who.birthday.reset();
      in.contact = who;
      in.subject =
          SystemText(kOriginBirthday, owner->locale,
                     r.contact_position < 0 ? p.name : absl::StrCat(who.name, " — ", p.name));
      if (in.subject.size() > kMaxSubject) in.subject.resize(kMaxSubject);
      in.category = "pos_venda";
      ActionInput action;
      action.type = "phone";
      action.due_date = day;
      in.next_action = action;
      in.origin = std::string(kOriginBirthday);
      in.origin_key = key;
      CreatedFollowup out;
      RETURN_IF_ERROR(followups_.CreateInTx(tx, ActingAs(*owner), in, now, out));
      ++created;
    }
  }
  return created;
}

absl::Status BirthdayService::OnPartyCreated(Tx& tx, const Party& party, absl::Time now) {
  return EnsureInTx(tx, party.id, now).status();
}

absl::Status BirthdayService::OnPartyChanged(Tx& tx, const Party& before, const Party& after,
                                             absl::Time now) {
  // Slot -1 is the party's own birthday, 0.. its contacts by position (the keys'
  // numbering, domain/automatic.h).
  auto birthday_of = [](const Party& p, int slot) -> std::optional<absl::CivilDay> {
    if (slot < 0) return p.birthday;
    if (slot < static_cast<int>(p.contacts.size()))
      return p.contacts[static_cast<size_t>(slot)].birthday;
    return std::nullopt;
  };
  ASSIGN_OR_RETURN(const absl::CivilDay today, OrganisationToday(tx, now));
  const int slots = static_cast<int>(std::max(before.contacts.size(), after.contacts.size()));
  for (int slot = -1; slot < slots; ++slot) {
    const std::optional<absl::CivilDay> wanted = birthday_of(after, slot);
    if (wanted == birthday_of(before, slot)) continue;
    for (int year : {static_cast<int>(today.year()), static_cast<int>(today.year()) + 1}) {
      const std::string key =
          slot < 0 ? PartyBirthdayKey(after.id, year) : ContactBirthdayKey(after.id, slot, year);
      ASSIGN_OR_RETURN(std::optional<Followup> f, tx.followups().FindFollowupByOriginKey(key));
      if (!f || f->status != FollowupStatus::kOpen) continue;
      ASSIGN_OR_RETURN(std::optional<User> owner, tx.accounts().FindUser(f->owner_id));
      if (!owner) continue;
      if (wanted) {
        // The birthday of that year (29 February kept on 28 February in common years).
        const absl::CivilDay day = NextBirthday(*wanted, absl::CivilDay(year, 1, 1));
        if (day >= today) {
          RETURN_IF_ERROR(
              followups_.MoveFirstReturnInTx(tx, ActingAs(*owner), *f, day, now).status());
          continue;
        }
      }
      RETURN_IF_ERROR(followups_.CloseInTx(tx, ActingAs(*owner), *f,
                                           SystemText("birthday_changed", owner->locale), now));
    }
  }
  return EnsureFrom(tx, after.id, today, now).status();
}

}  // namespace retorno
