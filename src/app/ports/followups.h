// The follow-ups repository: follow-ups, their returns (actions), entries and
// attachments, series ids and origin keys. Part of a Tx (app/ports.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "domain/model.h"

namespace retorno {

// What the creation of a follow-up is about to read and insert, told before its first
// read (FollowupsRepository::AnnounceCreation). Reads not listed, or listed and not
// made, cost nothing more than before; rows beyond the counts answer their own ids.
struct CreationAhead {
  std::optional<PartyId> party;                          // with its contact persons
  std::vector<std::pair<CodeTable, std::string>> codes;  // looked up by code
  std::vector<UserId> users;
  std::optional<BranchId> branch;          // its time zone
  bool settings = false;                   // the organisation's time zone
  std::optional<int64_t> attendance_type;  // nullopt: the default type
  int entries = 0;
  int returns = 0;
  int reminders = 0;
};

class FollowupsRepository {
 public:
  virtual ~FollowupsRepository() = default;

  // A creation's reads and inserts, announced: a store whose statements each cost a
  // round trip (PostgreSQL) sends the reads together with the first one and takes the
  // new rows' ids from their sequences in that same trip, so that every insert then
  // rides with the COMMIT: two round trips for the whole creation. A no-op on SQLite.
  virtual absl::Status AnnounceCreation(const CreationAhead& ahead) {
    (void)ahead;
    return absl::OkStatus();
  }

  // Follow-ups. Insert sets version 1 and starts the next_due_date cache at the
  // caller's f.next_due_date: the caller that knows its first planned return saves the
  // first InsertAction rewriting the row and its four due indexes; a wrong value is
  // corrected by that InsertAction. Update writes every mutable field and bumps the
  // version; it fails with FailedPrecondition("version") unless the stored version
  // equals f.version, and returns the new version.
  virtual absl::StatusOr<FollowupId> InsertFollowup(const Followup& f) = 0;
  virtual absl::StatusOr<int64_t> UpdateFollowup(const Followup& f) = 0;
  virtual absl::StatusOr<std::optional<Followup>> FindFollowup(FollowupId id) = 0;
  // A change of a follow-up and of some of its returns, saved together: each return as
  // UpdateAction, then the follow-up as UpdateFollowup (the same version check; nothing
  // of the call is kept when it fails), the caches of its returns written by the
  // follow-up's own statement: the row and its index entries are written once, not once
  // for the caches and again for the follow-up. Every return must be the follow-up's.
  virtual absl::StatusOr<int64_t> SaveFollowupWithReturns(
      const Followup& f, const std::vector<const Action*>& returns) = 0;

  // Actions. Insert and Update also refresh the follow-up's cached next_due_date in
  // the same transaction.
  virtual absl::StatusOr<ActionId> InsertAction(const Action& a) = 0;
  virtual absl::Status UpdateAction(const Action& a) = 0;
  virtual absl::StatusOr<std::optional<Action>> FindAction(ActionId id) = 0;
  // Holds the return and its follow-up against every other writer until the
  // transaction ends, waiting for a writer that holds them; what the transaction reads
  // afterwards includes that writer's commit. For a Store::WriteRowLocked() that
  // changes one return (complete, reschedule, cancel): the return's status, the
  // follow-up's version and its cached next due date are then read and written by it
  // alone. A missing return locks nothing (FindAction then reports it). A no-op on a
  // store whose writes are serialised anyway (SQLite).
  virtual absl::Status LockReturn(ActionId id) = 0;
  virtual absl::StatusOr<std::vector<Action>> ListActions(FollowupId id) = 0;  // by due
  // A new series id for "repeat for N months".
  virtual absl::StatusOr<int64_t> NextSeriesId() = 0;

  // Entries. Only drafts can be updated (publishing); the store refuses to update a
  // published entry with FailedPrecondition("published").
  virtual absl::StatusOr<EntryId> InsertEntry(const Entry& e) = 0;
  virtual absl::Status UpdateEntry(const Entry& e) = 0;
  virtual absl::StatusOr<std::optional<Entry>> FindEntry(EntryId id) = 0;
  virtual absl::StatusOr<std::vector<Entry>> ListEntries(FollowupId id) = 0;  // newest first

  // Attachments: metadata and bytes.
  virtual absl::StatusOr<AttachmentId> InsertAttachment(const Attachment& a,
                                                        const std::string& bytes) = 0;
  virtual absl::StatusOr<std::optional<Attachment>> FindAttachment(AttachmentId id) = 0;
  virtual absl::StatusOr<std::string> ReadAttachmentBytes(AttachmentId id) = 0;
  virtual absl::StatusOr<std::vector<Attachment>> ListAttachments(FollowupId id) = 0;

  // The follow-up an origin key (an automatic source: a document, a birthday) made.
  virtual absl::StatusOr<std::optional<Followup>> FindFollowupByOriginKey(
      const std::string& key) = 0;
};

}  // namespace retorno
