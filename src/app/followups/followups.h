// Use cases of follow-ups, their returns (actions), entries and attachments
// (manuals 000, 001, 003, 004). Each public method runs in one transaction, checks
// the caller's rights, validates every field before writing anything, and bumps the
// follow-up's version so ETags change with every change of the aggregate.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/ports.h"
#include "app/ports/followup_export.h"
#include "app/services.h"
#include "domain/permissions.h"
#include "domain/state.h"

namespace retorno {

struct ActionInput {
  std::string type;                        // contact type code; required
  std::optional<absl::CivilDay> due_date;  // required; not before the caller's today
  std::optional<int> due_minutes;
  bool notify_customer = false;
  std::string message;
  int repeat_months = 0;                // 0 or 1: one return; N: N monthly returns (manual 000)
  std::optional<absl::Time> remind_at;  // "remind at" (manual 000); not in the past
  std::optional<UserId> assignee_id;    // default: the follow-up's owner
};

struct CreateFollowupInput {
  std::optional<PartyId> party_id;
  std::string subject;
  std::optional<UserId> owner_id;  // default: the caller
  std::string category;            // category code; required
  Priority priority = Priority::kMedium;
  std::optional<Contact> contact;  // default: the party's data
  std::vector<std::string> cc;
  std::optional<absl::Time> contact_at;  // default: now; may be in the past (late entry)
  std::string note_followup;
  std::string note_complaint;
  std::string note_internal;
  std::optional<ActionInput> next_action;  // required: an open follow-up needs a return
  std::string origin = "manual";
  // The document it belongs to; the party defaults to the document's (manual 000).
  std::optional<DocumentId> document_id;
  std::string origin_key;                     // automatic follow-ups only (see domain/automatic.h)
  std::optional<int64_t> attendance_type_id;  // default: the default type (manual 003)
  std::optional<absl::CivilDay> internal_date;  // the company's own deadline (ADR 0041)
};

struct PatchFollowupInput {
  int64_t expected_version = 0;  // from If-Match
  std::optional<std::string> subject;
  std::optional<UserId> owner_id;
  std::optional<std::string> category;
  std::optional<Priority> priority;
  std::optional<Contact> contact;
  std::optional<std::vector<std::string>> cc;
  std::optional<absl::Time> contact_at;       // not in the future (5 minutes of clock skew)
  std::optional<int64_t> attendance_type_id;  // an active type (manual 003)
  // Outer nullopt: unchanged; inner nullopt: cleared (ADR 0041).
  std::optional<std::optional<absl::CivilDay>> internal_date;
};

struct EntryInput {
  std::optional<EntryKind> kind;  // note, complaint or internal
  std::string body;
  std::optional<absl::Time> contact_at;
  bool draft = false;
  bool standard = false;  // a parecer from its type's standard text (app/attendance)
};

struct CompleteInput {
  std::string result;                   // required (manual 004: "Detalles del resultado")
  std::string resolution;               // contact type code; default: the action's type
  std::optional<absl::Time> result_at;  // default: now; not in the future
  std::optional<ActionInput> next_action;
};

struct RescheduleInput {
  std::optional<absl::CivilDay> due_date;
  std::optional<int> due_minutes;
  std::optional<absl::Time> remind_at;  // default: the new date and time
  std::string reason;
};

struct FollowupDetail {
  Followup followup;
  Party party;
  DerivedState state;
  std::vector<Action> actions;
  std::vector<Entry> entries;  // newest first; other users' drafts left out
  std::vector<Attachment> attachments;
  std::optional<SalesDocument> document;     // when linked to one (items not needed)
  int64_t attendance_type_id = 0;            // its attendance type (app/attendance)
  std::optional<WorkflowPosition> workflow;  // where it stands in its type's workflow
  // Whether the viewer may change the follow-up itself; an assignee who reaches it
  // only through one of its returns may not (they work that return).
  bool can_change = false;
  // When the reopen request still waiting for a decision was made (manual 003), so the
  // page says it was asked instead of offering to ask again; none when none waits.
  std::optional<absl::Time> reopen_requested_at;
};

struct CreatedFollowup {
  FollowupDetail detail;
  std::vector<absl::CivilDay> upcoming_dates;  // of the first return and its series
};

struct FollowupListInput {
  std::optional<FollowupStatus> status;
  std::optional<FollowupState> state;
  std::optional<UserId> owner_id;
  std::optional<BranchId> branch_id;
  std::optional<PartyId> party_id;
  std::optional<std::string> category;
  std::optional<Priority> priority;
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
  // Contact date between these days (inclusive) of the viewer's zone.
  std::optional<absl::CivilDay> contact_from;
  std::optional<absl::CivilDay> contact_to;
  // The internal date against the viewer's today (ADR 0041).
  std::optional<FollowupQuery::Internal> internal;
  std::string text;
  FollowupQuery::Order order = FollowupQuery::Order::kDue;
  int limit = 50;
  std::string cursor;
};

struct FollowupListItem {
  FollowupRow row;
  DerivedState state;
};

struct FollowupList {
  std::vector<FollowupListItem> items;
  std::string next_cursor;
  // Every follow-up the filters match, on all pages; counted for the first page only
  // (a later page's caller has it already).
  std::optional<int64_t> total;
};

// The follow-up list as its export reads it (ADR 0044): pages of only the file's columns,
// reused from page to page, with the viewer's today for the rows' states.
struct FollowupExportList {
  FollowupExportPage page;
  absl::CivilDay today;
  // As FollowupList's: counted on the first page only.
  std::optional<int64_t> total;
};

// The most rows an export page may ask for: one read transaction of a few milliseconds.
inline constexpr int kMaxExportPageRows = 2000;

enum class AgendaWhen { kToday, kOverdue, kUpcoming, kRange };

struct AgendaInput {
  Scope scope = Scope::kMine;
  AgendaWhen when = AgendaWhen::kToday;
  std::optional<absl::CivilDay> from;
  std::optional<absl::CivilDay> to;
};

struct AgendaItem {
  AgendaRow row;
  DerivedState state;                     // of the follow-up, in the viewer's today
  std::optional<SalesDocument> document;  // the follow-up's, when it has one
};

// Loads the documents of the items' follow-ups (one lookup per distinct document).
absl::Status AttachDocuments(Tx& tx, std::vector<AgendaItem>& items);

struct FollowupOptions {
  int64_t max_attachment_bytes = 10 * 1024 * 1024;  // manual 003: up to 10 MB
  int upcoming_days = 60;                           // "upcoming" agenda horizon
};

class FollowupService {
 public:
  FollowupService(Store& store, Crypto& crypto, ContentSniffer& sniffer,
                  FollowupOptions options = {})
      : store_(store), crypto_(crypto), sniffer_(sniffer), options_(options) {}

  absl::StatusOr<CreatedFollowup> Create(const AuthContext& ctx, const CreateFollowupInput& in,
                                         absl::Time now);
  // Create's work inside a caller's transaction, for use cases that write a follow-up
  // together with something else (a prospect from the calendar) all or nothing.
  absl::Status CreateInTx(Tx& tx, const AuthContext& ctx, const CreateFollowupInput& in,
                          absl::Time now, CreatedFollowup& out);
  absl::StatusOr<FollowupDetail> Get(const AuthContext& ctx, FollowupId id, absl::Time now);
  absl::StatusOr<FollowupDetail> Patch(const AuthContext& ctx, FollowupId id,
                                       const PatchFollowupInput& in, absl::Time now);
  absl::StatusOr<FollowupList> List(const AuthContext& ctx, const FollowupListInput& in,
                                    absl::Time now);
  // List's page for an export: the same filters, reach, errors, order and cursor, up to
  // kMaxExportPageRows rows (in.limit) into `out`, whose rows are reused.
  absl::Status ListForExport(const AuthContext& ctx, const FollowupListInput& in, absl::Time now,
                             FollowupExportList& out);

  absl::StatusOr<Entry> AddEntry(const AuthContext& ctx, FollowupId id, const EntryInput& in,
                                 absl::Time now);
  absl::StatusOr<Entry> PublishEntry(const AuthContext& ctx, EntryId id, absl::Time now);

  absl::StatusOr<std::vector<Action>> ScheduleAction(const AuthContext& ctx, FollowupId id,
                                                     const ActionInput& in, absl::Time now);
  absl::StatusOr<FollowupDetail> CompleteAction(const AuthContext& ctx, ActionId id,
                                                const CompleteInput& in, absl::Time now);
  absl::StatusOr<FollowupDetail> RescheduleAction(const AuthContext& ctx, ActionId id,
                                                  const RescheduleInput& in, absl::Time now);
  absl::StatusOr<FollowupDetail> CancelAction(const AuthContext& ctx, ActionId id,
                                              const std::string& reason, absl::Time now);

  absl::StatusOr<FollowupDetail> Close(const AuthContext& ctx, FollowupId id,
                                       const std::string& result, absl::Time now);
  // Close's and a reschedule's work inside a caller's transaction, for the automatic
  // follow-ups of documents (app/sales/sales.h). The follow-up must be open.
  absl::Status CloseInTx(Tx& tx, const AuthContext& ctx, Followup& f, const std::string& result,
                         absl::Time now);
  // Moves the earliest planned return to `due` (same time of day); false when none.
  absl::StatusOr<bool> MoveFirstReturnInTx(Tx& tx, const AuthContext& ctx, Followup& f,
                                           absl::CivilDay due, absl::Time now);
  absl::StatusOr<FollowupDetail> Reopen(const AuthContext& ctx, FollowupId id,
                                        const std::string& reason, absl::Time now);

  absl::StatusOr<Attachment> AddAttachment(const AuthContext& ctx, FollowupId id,
                                           const std::string& file_name, std::string bytes,
                                           absl::Time now);
  // Metadata and bytes of an attachment the caller may see.
  absl::StatusOr<std::pair<Attachment, std::string>> GetAttachment(const AuthContext& ctx,
                                                                   AttachmentId id);

  absl::StatusOr<std::vector<AgendaItem>> Agenda(const AuthContext& ctx, const AgendaInput& in,
                                                 absl::Time now);

  const FollowupOptions& options() const { return options_; }

 private:
  Store& store_;
  Crypto& crypto_;
  ContentSniffer& sniffer_;
  FollowupOptions options_;
};

// The store query of the follow-up list's filters as `ctx` sees them (ReachOf folded
// in), refusing the filters the viewer may not ask for (filter_not_allowed; an unknown
// owner is the field issue owner_id unknown_user). The list and the bulk changes'
// "by filter" read follow-ups through it, so both select the same ones.
absl::StatusOr<FollowupQuery> FollowupListQuery(Tx& tx, const AuthContext& ctx,
                                                const FollowupListInput& in, absl::Time now);

// The follow-up, if it exists (NotFound "followup") and the caller may see it
// (PermissionDenied "forbidden_followup").
absl::StatusOr<Followup> LoadVisibleFollowup(Tx& tx, const AuthContext& ctx, FollowupId id);

// The follow-up, if it exists, for reading it (its page, attachments, e-mails): those
// LoadVisibleFollowup lets in, and the assignee of one of its returns (CanWorkAction),
// who opens it to work that return. PermissionDenied "forbidden_followup" otherwise.
absl::StatusOr<Followup> LoadReadableFollowup(Tx& tx, const AuthContext& ctx, FollowupId id);
absl::Status CheckReadable(Tx& tx, const AuthContext& ctx, const Followup& f);

// Whether the caller may read or change a sales document (DocumentAccessFor in
// domain/permissions.h), for every use of documents: theirs and follow-ups started from
// one. PermissionDenied "forbidden_document" (an agent changing one) or
// "document_out_of_reach".
absl::Status CheckDocumentUse(Tx& tx, const AuthContext& ctx, const SalesDocument& d,
                              DocumentUse use);

// Removes directories, control characters and quotes from a client's file name and
// bounds its length; never empty.
std::string SafeFileName(const std::string& name);

}  // namespace retorno
