#include "mail/curl_mailer.h"

#include <curl/curl.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/status_macros.h"
#include "base/strings.h"
#include "mail/mime.h"

namespace retorno {

namespace {

constexpr int kDefaultTimeoutSeconds = 30;

CURLcode GlobalInit() {
  // curl_global_init is not thread-safe; a function-local static runs it exactly once
  // even when the first Sends race.
  static const CURLcode code = curl_global_init(CURL_GLOBAL_DEFAULT);
  return code;
}

// The easy handle of the calling thread, kept from one Send to the next: libcurl keeps
// the connection it opened in the handle, so a mailing's messages go one after another
// over one SMTP session instead of a connection (greeting, EHLO, AUTH, TLS) each. Only
// reused for the same server, account and security (`key`); libcurl itself replaces a
// connection idle longer than CURLOPT_MAXAGE_CONN (118 s by default, well under the
// 5 minutes RFC 5321 §4.5.3.2.7 lets a server wait) and closes one a failed message
// left behind.
struct Session {
  CURL* easy = nullptr;
  std::string key;

  Session() = default;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session() { Close(); }

  void Close() {
    if (easy == nullptr) return;
    // Cleaning up says QUIT on the open connection; a server that stopped answering
    // must not hold up the thread (or the server's shutdown) for libcurl's 2 minutes.
    curl_easy_setopt(easy, CURLOPT_SERVER_RESPONSE_TIMEOUT, 2L);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_cleanup(easy);
    easy = nullptr;
    key.clear();
  }
};

thread_local Session session;

// What one Send hands libcurl besides the kept handle. The options are reset first when
// it goes: the handle outlives the MIME tree, the lists, the error buffer and the reply
// collector it points at, and the QUIT of a later cleanup must not write to them.
struct Transfer {
  CURL* easy = nullptr;
  curl_mime* mime = nullptr;
  curl_slist* headers = nullptr;
  curl_slist* recipients = nullptr;

  explicit Transfer(CURL* e) : easy(e) {}
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
  ~Transfer() {
    curl_easy_reset(easy);  // keeps the live connection
    curl_mime_free(mime);
    curl_slist_free_all(headers);
    curl_slist_free_all(recipients);
  }
};

// The server's replies, which libcurl passes to the header callback one line at a time.
// libcurl's own error text for a refused RCPT is only "RCPT failed: 550"; the admin
// needs the server's reason.
struct Replies {
  int lines = 0;        // reply lines read in this transfer
  std::string reading;  // the reply being read, continuation lines joined
  int error_code = 0;   // the last 4xx/5xx reply still relevant
  std::string error_text;
};

size_t OnReplyLine(char* data, size_t size, size_t count, void* user) {
  auto* replies = static_cast<Replies*>(user);
  const size_t total = size * count;
  std::string_view line(data, total);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  int code = 0;
  if (line.size() < 3 || !absl::SimpleAtoi(ToAbsl(line.substr(0, 3)), &code) ||
      !absl::ascii_isdigit(static_cast<unsigned char>(line[0]))) {
    return total;
  }
  ++replies->lines;
  const std::string_view text = line.size() > 4 ? line.substr(4) : std::string_view();
  if (replies->reading.empty()) {
    replies->reading = absl::StrCat(code, " ", ToAbsl(text));
  } else {
    absl::StrAppend(&replies->reading, " ", ToAbsl(text));
  }
  const bool last_line = line.size() == 3 || line[3] != '-';
  if (last_line) {
    if (code >= 400) {
      replies->error_code = code;
      replies->error_text = std::move(replies->reading);
    } else if (code != 221) {
      // A later success (HELO after a refused EHLO) makes an earlier refusal moot. 221
      // answers the QUIT libcurl sends after a failure, which must not hide it.
      replies->error_code = 0;
      replies->error_text.clear();
    }
    replies->reading.clear();
  }
  return total;
}

// Whether a failed transfer deserves one more go on a new connection: it ran on a kept
// connection (none was opened) and either nothing at all came back on it (the server
// had dropped it) or the server said 421, closing the session (a limit of messages per
// session, a restart). Neither can follow an accepted message: the server answers each
// step before libcurl sends the next, and only a 250 after the data accepts it.
bool ReopenWorthTrying(CURL* easy, CURLcode rc, const Replies& replies) {
  long connects = 0;
  if (curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects) != CURLE_OK || connects != 0) {
    return false;
  }
  if (replies.error_code == 421) return true;
  return replies.lines == 0 &&
         (rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING);
}

size_t DiscardBody(char*, size_t size, size_t count, void*) { return size * count; }

absl::Status ToStatus(CURLcode code, int reply_code, const std::string& reply,
                      const char* error_buffer, const std::string& server) {
  const std::string detail =
      error_buffer[0] != '\0' ? std::string(error_buffer) : curl_easy_strerror(code);
  const std::string message = reply.empty() ? absl::StrCat(detail, " [", server, "]")
                                            : absl::StrCat(reply, " [", detail, "; ", server, "]");
  if (reply_code >= 400 && reply_code < 500) return absl::UnavailableError(message);
  if (code == CURLE_LOGIN_DENIED || code == CURLE_AUTH_ERROR) {
    return absl::PermissionDeniedError(message);
  }
  if (reply_code >= 500) {
    switch (reply_code) {
      case 530:  // authentication required
      case 534:  // mechanism too weak
      case 535:  // credentials invalid
      case 538:  // encryption required for the mechanism
        return absl::PermissionDeniedError(message);
      case 501:  // syntax error in parameters (usually an address)
      case 550:  // mailbox unavailable / unknown user
      case 551:  // user not local
      case 553:  // mailbox name not allowed
        return absl::InvalidArgumentError(message);
      default:  // 552 too big, 554 refused, 500/502/504 unsupported...
        return absl::FailedPreconditionError(message);
    }
  }
  switch (code) {
    case CURLE_USE_SSL_FAILED:  // the server does not offer STARTTLS
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
      return absl::FailedPreconditionError(message);
    default:
      // Cannot resolve or connect, timeouts, TLS handshake or verification, lost
      // connection, odd replies: the port calls all of these worth retrying.
      return absl::UnavailableError(message);
  }
}

// Letters, digits, '.', '-', '_' (a name or IPv4), or an IPv6 literal with or without
// brackets. Anything else could change the meaning of the URL.
bool IsUsableHost(std::string_view host) {
  if (host.empty()) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ||
           c == ':' || c == '[' || c == ']';
  });
}

// The EHLO name libcurl takes from the URL path; the sender's domain when it is a
// plain host name, otherwise libcurl's default.
std::string EhloName(std::string_view sender_email) {
  const std::string_view domain = sender_email.substr(sender_email.rfind('@') + 1);
  const bool plain = std::all_of(domain.begin(), domain.end(), [](char c) {
    return absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
  });
  return plain ? std::string(domain) : std::string();
}

// The header fields, in order, each "Name: value" (folded) without the final CRLF.
absl::StatusOr<std::vector<std::string>> HeaderFields(const SmtpSettings& smtp,
                                                      const MailMessage& message) {
  const MailAddress sender{smtp.sender_name, smtp.sender_email};
  const MailAddress& from = message.from.email.empty() ? sender : message.from;
  std::vector<std::string> fields;
  fields.push_back(mime::DateField(message.date));
  ASSIGN_OR_RETURN(std::string from_field, mime::AddressField("From", {from}));
  fields.push_back(std::move(from_field));
  // RFC 5322 §3.6.2: when the mailbox that sends is not the author's, say so.
  if (absl::AsciiStrToLower(from.email) != absl::AsciiStrToLower(sender.email)) {
    ASSIGN_OR_RETURN(std::string sender_field, mime::AddressField("Sender", {sender}));
    fields.push_back(std::move(sender_field));
  }
  ASSIGN_OR_RETURN(std::string to_field, mime::AddressField("To", message.to));
  fields.push_back(std::move(to_field));
  if (!message.cc.empty()) {
    ASSIGN_OR_RETURN(std::string cc_field, mime::AddressField("Cc", message.cc));
    fields.push_back(std::move(cc_field));
  }
  ASSIGN_OR_RETURN(std::string subject, mime::UnstructuredField("Subject", message.subject));
  fields.push_back(std::move(subject));
  ASSIGN_OR_RETURN(std::string message_id, mime::MessageIdField(message.message_id));
  fields.push_back(std::move(message_id));
  fields.push_back("MIME-Version: 1.0");
  return fields;
}

struct AttachmentHeaders {
  std::string content_type;
  std::string disposition;  // the whole "Content-Disposition: ..." field
};

// Adds a text part (UTF-8, quoted-printable, CRLF line ends) to `into`.
CURLcode AddTextPart(curl_mime* into, std::string_view text, const char* content_type) {
  curl_mimepart* part = curl_mime_addpart(into);
  if (part == nullptr) return CURLE_OUT_OF_MEMORY;
  const std::string body = mime::ToCrlf(text);  // curl_mime_data copies it
  CURLcode rc = curl_mime_data(part, body.data(), body.size());
  // A type set here is kept as given; libcurl drops a "text/plain" it guessed itself,
  // and with it the charset.
  if (rc == CURLE_OK) rc = curl_mime_type(part, content_type);
  if (rc == CURLE_OK) rc = curl_mime_encoder(part, "quoted-printable");
  return rc;
}

CURLcode BuildBody(CURL* easy, const MailMessage& message,
                   const std::vector<AttachmentHeaders>& attachments, curl_mime* mime) {
  CURLcode rc = CURLE_OK;
  if (message.html.empty()) {
    rc = AddTextPart(mime, message.text, "text/plain; charset=UTF-8");
  } else {
    curl_mime* alternative = curl_mime_init(easy);
    if (alternative == nullptr) return CURLE_OUT_OF_MEMORY;
    rc = AddTextPart(alternative, message.text, "text/plain; charset=UTF-8");
    if (rc == CURLE_OK) rc = AddTextPart(alternative, message.html, "text/html; charset=UTF-8");
    curl_mimepart* part = rc == CURLE_OK ? curl_mime_addpart(mime) : nullptr;
    if (rc == CURLE_OK && part == nullptr) rc = CURLE_OUT_OF_MEMORY;
    // On success the part owns `alternative`.
    if (rc == CURLE_OK) rc = curl_mime_subparts(part, alternative);
    if (rc != CURLE_OK) {
      curl_mime_free(alternative);
      return rc;
    }
    rc = curl_mime_type(part, "multipart/alternative");
  }
  for (size_t i = 0; rc == CURLE_OK && i < attachments.size(); ++i) {
    const std::string& bytes = message.attachments[i].bytes;
    curl_mimepart* part = curl_mime_addpart(mime);
    if (part == nullptr) return CURLE_OUT_OF_MEMORY;
    rc = curl_mime_data(part, bytes.data(), bytes.size());
    if (rc == CURLE_OK) rc = curl_mime_type(part, attachments[i].content_type.c_str());
    if (rc == CURLE_OK) rc = curl_mime_encoder(part, "base64");
    // The disposition is set as a header rather than with curl_mime_filename, which
    // would write the UTF-8 name raw inside quotes.
    if (rc == CURLE_OK) {
      curl_slist* headers = curl_slist_append(nullptr, attachments[i].disposition.c_str());
      if (headers == nullptr) return CURLE_OUT_OF_MEMORY;
      rc = curl_mime_headers(part, headers, /*take_ownership=*/1);
      if (rc != CURLE_OK) curl_slist_free_all(headers);
    }
  }
  return rc;
}

}  // namespace

CurlMailer::CurlMailer() { GlobalInit(); }

absl::Status CurlMailer::Send(const SmtpSettings& smtp, const MailMessage& message) {
  // Everything that can be refused is refused before connecting.
  if (smtp.sender_email.empty()) {
    return absl::InvalidArgumentError("no sender address (SMTP settings: sender_email)");
  }
  RETURN_IF_ERROR(mime::CheckAddrSpec(smtp.sender_email));
  if (message.to.empty()) return absl::InvalidArgumentError("message has no To recipient");
  ASSIGN_OR_RETURN(const std::vector<std::string> fields, HeaderFields(smtp, message));
  std::vector<AttachmentHeaders> attachments;
  for (const MailAttachment& attachment : message.attachments) {
    ASSIGN_OR_RETURN(std::string content_type,
                     mime::AttachmentContentType(attachment.content_type));
    ASSIGN_OR_RETURN(std::string disposition, mime::AttachmentDisposition(attachment.file_name));
    attachments.push_back(
        {std::move(content_type), absl::StrCat("Content-Disposition: ", disposition)});
  }
  if (smtp.host.empty()) {
    return absl::FailedPreconditionError("e-mail is not configured (no SMTP host)");
  }
  if (!IsUsableHost(smtp.host)) {
    return absl::FailedPreconditionError(
        absl::StrCat("unusable SMTP host \"", absl::CHexEscape(smtp.host), "\""));
  }
  if (smtp.port < 1 || smtp.port > 65535) {
    return absl::FailedPreconditionError(absl::StrCat("unusable SMTP port ", smtp.port));
  }

  // Each address once: a server may deliver twice to an address given twice.
  std::vector<std::string> recipients;
  for (const auto* list : {&message.to, &message.cc}) {
    for (const MailAddress& address : *list) {
      std::string rcpt = absl::StrCat("<", address.email, ">");
      const bool seen = std::any_of(recipients.begin(), recipients.end(),
                                    [&](const auto& r) { return absl::EqualsIgnoreCase(r, rcpt); });
      if (!seen) recipients.push_back(std::move(rcpt));
    }
  }

  if (const CURLcode rc = GlobalInit(); rc != CURLE_OK) {
    return absl::InternalError(absl::StrCat("curl_global_init: ", curl_easy_strerror(rc)));
  }
  const bool bracket = smtp.host.find(':') != std::string::npos && smtp.host.front() != '[';
  const std::string server =
      absl::StrCat(bracket ? "[" : "", smtp.host, bracket ? "]" : "", ":", smtp.port);
  const std::string url = absl::StrCat(smtp.security == SmtpSecurity::kTls ? "smtps://" : "smtp://",
                                       server, "/", EhloName(smtp.sender_email));
  const std::string mail_from = absl::StrCat("<", smtp.sender_email, ">");
  const long timeout = smtp.timeout_seconds > 0 ? smtp.timeout_seconds : kDefaultTimeoutSeconds;

  // The session was opened with the URL (so the EHLO name too), the account and the
  // security: when any of them changed, the next message starts a new one.
  const std::string key = absl::StrCat(url, "\n", static_cast<int>(smtp.security), "\n",
                                       smtp.username, "\n", smtp.password);
  if (session.easy != nullptr && session.key != key) session.Close();
  if (session.easy == nullptr) {
    session.easy = curl_easy_init();
    if (session.easy == nullptr) return absl::InternalError("curl_easy_init failed");
    session.key = key;
  }

  // Declared before the transfer: the handle points at both until the transfer resets it.
  char error_buffer[CURL_ERROR_SIZE] = {};
  Replies replies;
  Transfer t(session.easy);
  t.mime = curl_mime_init(t.easy);
  if (t.mime == nullptr) return absl::InternalError("curl_mime_init failed");

  CURLcode rc = BuildBody(t.easy, message, attachments, t.mime);
  if (rc != CURLE_OK) {
    return absl::InternalError(absl::StrCat("building the MIME message: ", curl_easy_strerror(rc)));
  }
  for (const std::string& field : fields) {
    curl_slist* next = curl_slist_append(t.headers, field.c_str());
    if (next == nullptr) return absl::InternalError("curl_slist_append failed");
    t.headers = next;
  }
  for (const std::string& rcpt : recipients) {
    curl_slist* next = curl_slist_append(t.recipients, rcpt.c_str());
    if (next == nullptr) return absl::InternalError("curl_slist_append failed");
    t.recipients = next;
  }

  auto set = [&rc](CURLcode result) {
    if (rc == CURLE_OK) rc = result;
  };
  set(curl_easy_setopt(t.easy, CURLOPT_ERRORBUFFER, error_buffer));
  set(curl_easy_setopt(t.easy, CURLOPT_URL, url.c_str()));
  set(curl_easy_setopt(t.easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps"));
  // Mail to the configured server goes direct, whatever all_proxy etc. say.
  set(curl_easy_setopt(t.easy, CURLOPT_PROXY, ""));
  // No signals: libcurl would otherwise use SIGALRM for DNS timeouts, unsafe in threads.
  set(curl_easy_setopt(t.easy, CURLOPT_NOSIGNAL, 1L));
  set(curl_easy_setopt(t.easy, CURLOPT_CONNECTTIMEOUT, timeout));
  set(curl_easy_setopt(t.easy, CURLOPT_TIMEOUT, timeout));
  if (smtp.security != SmtpSecurity::kNone) {
    set(curl_easy_setopt(t.easy, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL)));
  }
  if (!smtp.username.empty()) {
    set(curl_easy_setopt(t.easy, CURLOPT_USERNAME, smtp.username.c_str()));
    set(curl_easy_setopt(t.easy, CURLOPT_PASSWORD, smtp.password.c_str()));
  }
  set(curl_easy_setopt(t.easy, CURLOPT_MAIL_FROM, mail_from.c_str()));
  set(curl_easy_setopt(t.easy, CURLOPT_MAIL_RCPT, t.recipients));
  set(curl_easy_setopt(t.easy, CURLOPT_HTTPHEADER, t.headers));
  set(curl_easy_setopt(t.easy, CURLOPT_MIMEPOST, t.mime));
  set(curl_easy_setopt(t.easy, CURLOPT_HEADERFUNCTION, OnReplyLine));
  set(curl_easy_setopt(t.easy, CURLOPT_HEADERDATA, &replies));
  set(curl_easy_setopt(t.easy, CURLOPT_WRITEFUNCTION, DiscardBody));
  if (rc != CURLE_OK) {
    return absl::InternalError(absl::StrCat("libcurl setup: ", curl_easy_strerror(rc)));
  }

  rc = curl_easy_perform(t.easy);
  if (rc != CURLE_OK && ReopenWorthTrying(t.easy, rc, replies)) {
    // The kept connection was gone or the server was closing it: nothing of this message
    // was accepted on it, so it goes once more over a new connection. (libcurl re-opens
    // by itself a connection it sees closed before use; not one that dies on first use.)
    error_buffer[0] = '\0';
    replies = Replies();
    curl_easy_setopt(t.easy, CURLOPT_FRESH_CONNECT, 1L);
    rc = curl_easy_perform(t.easy);
  }
  if (rc == CURLE_OK) return absl::OkStatus();
  int reply_code = replies.error_code;
  if (reply_code == 0) {
    long last = 0;
    if (curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &last) == CURLE_OK && last >= 400) {
      reply_code = static_cast<int>(last);
    }
  }
  return ToStatus(rc, reply_code, replies.error_text, error_buffer, server);
}

}  // namespace retorno
