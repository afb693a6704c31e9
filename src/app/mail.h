// Port to the outgoing mail server. The adapter (src/mail/, libcurl SMTP) turns a
// MailMessage into a MIME message and delivers it; the use cases and the outbox worker
// (src/jobs/) only see this interface.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace retorno {

struct MailAddress {
  std::string name;   // display name, UTF-8; may be empty
  std::string email;  // addr-spec, ASCII
  bool operator==(const MailAddress&) const = default;
};

struct MailAttachment {
  std::string file_name;     // UTF-8
  std::string content_type;  // "application/pdf"
  std::string bytes;
};

struct MailMessage {
  MailAddress from;
  std::vector<MailAddress> to;
  std::vector<MailAddress> cc;
  std::string subject;  // UTF-8
  std::string text;     // text/plain part, UTF-8; always present
  std::string html;     // text/html part, UTF-8; empty: text only
  // "<local@domain>", brackets included. Chosen when the message is queued and kept
  // across retries, so a message repeated after a crash is recognisably the same one.
  std::string message_id;
  absl::Time date;
  std::vector<MailAttachment> attachments;
};

enum class SmtpSecurity { kNone, kStartTls, kTls };

struct SmtpSettings {
  std::string host;  // empty: e-mail not configured
  int port = 587;
  SmtpSecurity security = SmtpSecurity::kStartTls;
  std::string username;  // empty: no AUTH
  std::string password;  // in clear here; encrypted at rest by the store's caller
  std::string sender_name;
  std::string sender_email;
  int timeout_seconds = 30;
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Delivers one message. Thread-safe. Errors:
  //  * Unavailable: worth retrying (cannot connect, timeout, TLS failure, 4xx reply);
  //  * InvalidArgument / FailedPrecondition / PermissionDenied: retrying will not help
  //    (5xx reply such as an unknown recipient, authentication refused, bad address).
  // The message text is the server's own reason ("550 5.1.1 user unknown"), shown to
  // admins in the delivery log.
  virtual absl::Status Send(const SmtpSettings& smtp, const MailMessage& message) = 0;
};

}  // namespace retorno
