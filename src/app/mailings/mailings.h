// Mailings to selected customers (manual 003, "Envio para clientes"; ADR 0048): admins
// and supervisors pick people by filter or by hand, write a subject and text with
// placeholders, attach files and choose the sending company; a leased job then writes
// one outbox message per person a batch at a time. A person a placeholder has no value
// for is held (listed with the missing names), one who unsubscribed is skipped, and
// every person reached keeps a row in their history of mailings. Each message carries
// an unsubscribe link whose token is random and stored with the recipient.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "app/accounts/accounts.h"
#include "app/errors.h"
#include "app/mail.h"
#include "app/ports.h"
#include "app/ports/mailings.h"
#include "app/services.h"

namespace retorno {

struct MailingOptions {
  int batch = 500;  // recipients written per transaction
  // The address people reach Retorno at, for the unsubscribe link (main/ sets it).
  std::function<std::string()> public_url = [] { return std::string("http://localhost"); };
  size_t max_attachment_bytes = 10 * 1024 * 1024;  // each file
  int max_attachments = 5;
  size_t max_picked = 10000;  // hand-picked or unpicked ids
};

struct MailingInput {
  std::string subject;
  std::string body;
  std::string sender_name;  // empty: the company's name
  MailingSelection selection;
  std::vector<MailAttachment> attachments;  // content_type: sniffed here
};

struct RecipientPreview {
  int64_t count = 0;
  std::vector<SelectedParty> first;  // by id
};

struct MailingView {
  Mailing mailing;
  MailingCounts counts;
  std::vector<std::string> attachments;  // file names
  std::string created_by_name;
};

// What the unsubscribe page shows.
struct UnsubscribeView {
  std::string party_name;
  std::string company_name;
  bool opted_out = false;  // already, or now
};

// The placeholders a mailing can fill: the person's, the owner's and the company's
// (the follow-up's ones have no value outside a follow-up).
const std::vector<std::string>& MailingPlaceholders();

// The selection as stored (JSON) and back.
std::string SelectionToJson(const MailingSelection& s);
absl::StatusOr<MailingSelection> SelectionFromJson(const std::string& json);

class MailingService {
 public:
  MailingService(Store& store, MailingStore& mailings, Crypto& crypto, ContentSniffer& sniffer,
                 MailingOptions options = {})
      : store_(store),
        mailings_(mailings),
        crypto_(crypto),
        sniffer_(sniffer),
        options_(std::move(options)) {}

  // Where the unsubscribe links point; set before the jobs start.
  void SetPublicUrl(std::function<std::string()> url) { options_.public_url = std::move(url); }

  // Admins and supervisors (a supervisor's selection is limited to their branch: 403
  // filter_not_allowed for another branch, forbidden_party for a picked person of
  // another); else 403 missing_right. 422 naming the field for an unknown branch,
  // owner, category, product or person, or a month outside 1..12.
  absl::StatusOr<RecipientPreview> Preview(const AuthContext& ctx, MailingSelection selection,
                                           int limit);
  // The sender names one may choose: the company's, then each active branch's.
  absl::StatusOr<std::vector<std::string>> Senders(const AuthContext& ctx);
  // Checks everything, stores the mailing queued with its files; its job sends it.
  absl::StatusOr<MailingView> Create(const AuthContext& ctx, MailingInput in, absl::Time now);
  absl::StatusOr<std::vector<MailingView>> List(const AuthContext& ctx, int limit);
  absl::StatusOr<MailingView> Get(const AuthContext& ctx, MailingId id);
  absl::StatusOr<std::vector<MailingRecipient>> Recipients(const AuthContext& ctx, MailingId id,
                                                           std::optional<RecipientStatus> status,
                                                           int64_t after_id, int limit);
  // A person's history of mailings, newest last; the party must be within the viewer's
  // reach (admins all, supervisors their branch).
  absl::StatusOr<std::vector<MailingRecipient>> PartyHistory(const AuthContext& ctx, PartyId id,
                                                             int limit);

  // The job's round: claims a pending mailing and writes its next batch of recipients
  // (one transaction). True when it did (more may be waiting), false when none was
  // pending.
  absl::StatusOr<bool> ProcessNext(const std::string& worker, absl::Time now, absl::Duration lease);

  // The public unsubscribe link: NotFound for an unknown token.
  absl::StatusOr<UnsubscribeView> LookUpToken(const std::string& token);
  absl::StatusOr<UnsubscribeView> Unsubscribe(const std::string& token, absl::Time now);

 private:
  // Checks and scopes the selection for the viewer.
  absl::Status CheckSelection(Tx& tx, MailingRepository& repo, const AuthContext& ctx,
                              MailingSelection& s, Issues& issues);
  absl::StatusOr<MailingView> ViewOf(Tx& tx, MailingRepository& repo, Mailing m);
  absl::Status CanSee(const AuthContext& ctx, const Mailing& m);

  Store& store_;
  MailingStore& mailings_;
  Crypto& crypto_;
  ContentSniffer& sniffer_;
  MailingOptions options_;
};

}  // namespace retorno
