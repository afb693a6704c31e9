// libcurl implementation of the Mailer port (app/mail.h): one SMTP transaction per
// Send, the message built with curl_mime. Consecutive Sends from one thread to the same
// server, account and security share one SMTP session (connection reuse): a mailing
// goes at the server's pace, not at the pace of a connection per message.
//
// What goes on the wire:
//  * envelope: MAIL FROM:<smtp.sender_email>, RCPT TO: every To and Cc address (Cc are
//    delivered, not only listed), each address once;
//  * headers: Date (message.date, UTC), From (message.from, or the configured sender
//    when message.from.email is empty), Sender (the configured sender, only when it
//    differs from From), To, Cc, Subject, Message-ID (message.message_id, byte for
//    byte), MIME-Version; non-ASCII text as RFC 2047 encoded-words (see mime.h);
//  * body: multipart/mixed holding the text (multipart/alternative of text/plain and
//    text/html, or text/plain alone when html is empty; UTF-8, quoted-printable, line
//    ends made CRLF) followed by one base64 part per attachment with its
//    content_type and an RFC 2231 file name.
//
// Connection: SmtpSecurity::kNone is plain smtp://; kStartTls is smtp:// that fails
// unless STARTTLS succeeds (CURLUSESSL_ALL); kTls is smtps://. The server certificate
// is verified against the system CAs. AUTH only when smtp.username is non-empty.
// smtp.timeout_seconds (30 if not positive) bounds the connection and, separately,
// the whole transaction. Environment proxy variables are ignored.
//
// Errors (as the port documents):
//  * InvalidArgument, before connecting: no To, no sender, an address, Message-ID,
//    content type or header text that cannot be written (CR/LF are refused, see
//    mime.h); FailedPrecondition, before connecting: host empty or unusable, bad port;
//  * from the server: a 4xx reply -> Unavailable; a 5xx reply -> InvalidArgument for
//    mailbox/address refusals (501, 550, 551, 553), PermissionDenied for
//    authentication (530, 534, 535, 538, or libcurl's CURLE_LOGIN_DENIED),
//    FailedPrecondition for the rest. One refused recipient fails the whole message:
//    nothing is sent, so a retry cannot duplicate it for the others;
//  * no reply: cannot resolve/connect, timeout, TLS handshake or certificate failure,
//    connection lost -> Unavailable; STARTTLS not offered -> FailedPrecondition.
//  The message starts with the server's own reply when there is one ("550 5.1.1 user
//  unknown"), then libcurl's explanation and the server address in brackets.
//
// Session: each sending thread keeps its own libcurl easy handle, and so its
// connection, between Sends. A connection the server closed, or one a failed message
// leaves behind (libcurl closes those), is replaced by a new one on the next Send; a
// message that finds its kept connection dropped before any reply, or answered 421,
// goes once more over a new connection (nothing of it can have been accepted). A kept
// connection idle over ~2 minutes is not used again. The thread's exit says QUIT.
//
// Thread-safe: each thread uses its own easy handle; curl_global_init runs once, on first
// construction, guarded by a function-local static (other users of libcurl in the
// process must not call curl_global_init concurrently with that first construction).
#pragma once

#include "absl/status/status.h"
#include "app/mail.h"

namespace retorno {

class CurlMailer final : public Mailer {
 public:
  CurlMailer();
  absl::Status Send(const SmtpSettings& smtp, const MailMessage& message) override;
};

}  // namespace retorno
