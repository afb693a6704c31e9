// Strong id types: a UserId can never be passed where a FollowupId is expected.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace retorno {

template <class Tag>
struct StrongId {
  int64_t value = 0;
  constexpr StrongId() = default;
  constexpr explicit StrongId(int64_t v) : value(v) {}
  constexpr bool valid() const { return value > 0; }
  friend constexpr auto operator<=>(const StrongId&, const StrongId&) = default;
};

using UserId = StrongId<struct UserTag>;
using BranchId = StrongId<struct BranchTag>;
using PartyId = StrongId<struct PartyTag>;
using FollowupId = StrongId<struct FollowupTag>;
using ActionId = StrongId<struct ActionTag>;
using EntryId = StrongId<struct EntryTag>;
using AttachmentId = StrongId<struct AttachmentTag>;
using CatalogItemId = StrongId<struct CatalogItemTag>;
using DocumentId = StrongId<struct DocumentTag>;

}  // namespace retorno

template <class Tag>
struct std::hash<retorno::StrongId<Tag>> {
  size_t operator()(const retorno::StrongId<Tag>& id) const noexcept {
    return std::hash<int64_t>()(id.value);
  }
};
