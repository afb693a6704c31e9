// CurlMailer against a real SMTP server: tests/smtp/smtp_sink.py (Debian's
// python3-aiosmtpd) started on a free loopback port. Each test reads back what really
// crossed the wire, decoded by Python's own `email` package (tests/smtp/decode_eml.py),
// so the assertions are about what a mail reader shows, not about our own encoder.
// The suites are named Email* so `ctest -R mail` selects them.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/time/civil_time.h"
#include "mail/curl_mailer.h"

namespace retorno {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using json = nlohmann::json;

const std::string kPython = "/usr/bin/python3";  // Debian's, which has aiosmtpd
const std::string kSinkScript = std::string(RETORNO_SMTP_TEST_DIR) + "/smtp_sink.py";
const std::string kDecodeScript = std::string(RETORNO_SMTP_TEST_DIR) + "/decode_eml.py";

const std::string kSubject = "Retorno do orçamento nº 12 — Ação";

// A port nothing listens on right now: bind port 0, read what the kernel chose, close.
int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ADD_FAILURE() << "cannot pick a free loopback port";
  }
  close(fd);
  return ntohs(addr.sin_port);
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// smtp_sink.py as a child process, stopped (SIGTERM) when the object goes, or by the
// kernel if this test process dies first.
class SmtpSink {
 public:
  SmtpSink() = default;
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;
  ~SmtpSink() { Stop(); }

  // Empty on success, else why the sink is not running. On `port` when given (a sink
  // started again where the last one listened), else on a free one.
  std::string Start(const std::vector<std::string>& extra_args = {}, int port = 0) {
    char dir_template[] = "/tmp/retorno-mail-test-XXXXXX";
    if (mkdtemp(dir_template) == nullptr) return "mkdtemp failed";
    dir_ = dir_template;
    port_ = port > 0 ? port : FreeLoopbackPort();
    std::vector<std::string> args = {kPython, kSinkScript,  "--port", std::to_string(port_),
                                     "--dir", dir_.string()};
    args.insert(args.end(), extra_args.begin(), extra_args.end());

    int out[2];
    if (pipe(out) != 0) return "pipe failed";
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (getppid() != parent) _exit(1);
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    if (pid_ < 0) {
      close(out[0]);
      return "fork failed";
    }
    // Wait for "ready" (Python and aiosmtpd start in well under a second).
    std::string seen;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (seen.find("ready\n") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
      pollfd p{out[0], POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;
      char buf[256];
      const ssize_t n = read(out[0], buf, sizeof(buf));
      if (n <= 0) break;  // the sink exited
      seen.append(buf, static_cast<size_t>(n));
    }
    close(out[0]);
    if (seen.find("ready\n") != std::string::npos) return "";
    Stop();
    return absl::StrCat("the SMTP sink (", kSinkScript,
                        ") did not start; its stderr is above. It needs "
                        "Debian's python3-aiosmtpd for ",
                        kPython,
                        ": run `sudo scripts/install-deps.sh --test` "
                        "(or apt-get install python3-aiosmtpd). Exit: ",
                        exit_description_);
  }

  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    exit_description_ = WIFEXITED(status) ? absl::StrCat("status ", WEXITSTATUS(status))
                                          : absl::StrCat("signal ", WTERMSIG(status));
    pid_ = -1;
  }

  // Set RETORNO_KEEP_MAIL_TEST_DIR=1 to keep the stored messages for a look.
  void RemoveDir() {
    if (dir_.empty()) return;
    if (getenv("RETORNO_KEEP_MAIL_TEST_DIR") != nullptr) {
      std::fprintf(stderr, "kept %s\n", dir_.c_str());
      return;
    }
    std::filesystem::remove_all(dir_);
  }

  int port() const { return port_; }
  const std::filesystem::path& dir() const { return dir_; }

  int StoredCount() const {
    int n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
      if (entry.path().extension() == ".eml") ++n;
    }
    return n;
  }

  json Envelope(int n) const { return json::parse(ReadFile(dir_ / absl::StrCat(n, ".json"))); }

  std::string Raw(int n) const { return ReadFile(dir_ / absl::StrCat(n, ".eml")); }

  // decode_eml.py's view of message n.
  json Decoded(int n) const {
    const std::string command = absl::StrCat(kPython, " ", kDecodeScript, " '",
                                             (dir_ / absl::StrCat(n, ".eml")).string(), "'");
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return json();
    std::string out;
    char buf[4096];
    size_t got;
    while ((got = fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, got);
    const int status = pclose(pipe);
    EXPECT_EQ(status, 0) << command;
    return json::parse(out);
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::filesystem::path dir_;
  std::string exit_description_ = "still running";
};

class EmailSmtp : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string error = sink_.Start({"--fail-rcpt", "unknown@cliente.example.com",
                                           "--tempfail-rcpt", "busy@cliente.example.com"});
    ASSERT_EQ(error, "");
    smtp_.host = "127.0.0.1";
    smtp_.port = sink_.port();
    smtp_.security = SmtpSecurity::kNone;
    smtp_.sender_name = "Retorno CRM";
    smtp_.sender_email = "crm@retorno.example";
    smtp_.timeout_seconds = 10;
  }
  void TearDown() override {
    sink_.Stop();
    sink_.RemoveDir();
  }

  static MailMessage Simple(std::string to_email) {
    MailMessage m;
    m.to = {{"Cliente", std::move(to_email)}};
    m.subject = "Teste";
    m.text = "Olá\n";
    m.message_id = "<simple.1@retorno.example>";
    m.date = absl::FromCivil(absl::CivilSecond(2026, 3, 3, 14, 5, 9), absl::UTCTimeZone());
    return m;
  }

  SmtpSink sink_;
  SmtpSettings smtp_;
  CurlMailer mailer_;
};

// Every byte value, so base64 has to carry them all.
std::string PdfBytes() {
  std::string pdf = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n";
  for (int round = 0; round < 40; ++round) {
    for (int b = 0; b < 256; ++b) pdf += static_cast<char>(b);
  }
  pdf += "\r\n.\r\n..\n%%EOF\n";
  return pdf;
}

std::string Lf(std::string s) { return absl::StrReplaceAll(s, {{"\r\n", "\n"}}); }

TEST_F(EmailSmtp, DeliversWhatAReaderDecodesBack) {
  MailMessage m;
  m.from = {"Conceição Ramos", "conceicao@retorno.example"};
  m.to = {{"Señor Muñoz", "munoz@cliente.example.es"},
          {"Silva, Ana \"Vendas\"", "ana@cliente.example.com"}};
  m.cc = {{"Conceição", "conceicao.copia@retorno.example"}};
  m.subject = kSubject;
  // A line that starts with "." (SMTP dot-stuffing), one longer than a QP line, trailing
  // spaces, "=" and non-ASCII: the body must come back unchanged.
  m.text =
      "Prezado Señor Muñoz,\n\n"
      "Segue o orçamento nº 12 — Ação de retorno.\n"
      ".linha que começa com ponto\n"
      ". \n"
      "Uma linha bem longa para forçar a quebra suave do quoted-printable: "
      "áéíóú ÁÉÍÓÚ çÇ ãõ ñÑ 1+1=2 and a=b; fim.   \n"
      "Atenciosamente,\nConceição\n";
  m.html =
      "<!doctype html><html><body><p>Prezado <b>Señor Muñoz</b>,</p>"
      "<p>Segue o orçamento nº 12 — Ação.</p>\n<p style=\"color:#333\">Conceição</p>"
      "</body></html>\n";
  m.message_id = "<2f1c9a.7-retorno@crm.retorno.example>";
  m.date = absl::FromCivil(absl::CivilSecond(2026, 3, 3, 11, 5, 9), absl::FixedTimeZone(-3 * 3600));
  const std::string pdf = PdfBytes();
  const std::string pdf_name = "Orçamento nº 12 — Ação de retorno (versão final revisada).pdf";
  m.attachments = {{pdf_name, "application/pdf", pdf},
                   {"notas.txt", "text/plain", "olá\r\nlinha 2\n"}};

  const absl::Status status = mailer_.Send(smtp_, m);
  ASSERT_TRUE(status.ok()) << status;
  ASSERT_EQ(sink_.StoredCount(), 1);

  const json envelope = sink_.Envelope(1);
  EXPECT_EQ(envelope["mail_from"], "crm@retorno.example");
  EXPECT_THAT(envelope["rcpt_tos"].get<std::vector<std::string>>(),
              ElementsAre("munoz@cliente.example.es", "ana@cliente.example.com",
                          "conceicao.copia@retorno.example"));

  const json d = sink_.Decoded(1);
  EXPECT_EQ(d["defects"], json::array()) << d.dump(1);
  EXPECT_TRUE(d["ascii_only"].get<bool>());
  // RFC 5322's 78-character advice holds for every line we write. libcurl writes the
  // multipart Content-Type lines itself, with a 40-character boundary (up to 86): those
  // only have to keep to the 998 limit.
  EXPECT_LE(d["max_line_length"].get<int>(), 998);
  for (absl::string_view line : absl::StrSplit(sink_.Raw(1), "\r\n")) {
    if (!absl::StartsWith(line, "Content-Type: multipart/")) {
      EXPECT_LE(line.size(), 78u) << line;
    }
  }

  EXPECT_EQ(d["subject"], kSubject);
  EXPECT_EQ(d["from"],
            json::parse(R"([{"name":"Conceição Ramos","email":"conceicao@retorno.example"}])"));
  EXPECT_EQ(d["sender"], json::parse(R"([{"name":"Retorno CRM","email":"crm@retorno.example"}])"));
  EXPECT_EQ(d["to"], json::parse(R"([{"name":"Señor Muñoz","email":"munoz@cliente.example.es"},
                                      {"name":"Silva, Ana \"Vendas\"","email":"ana@cliente.example.com"}])"));
  EXPECT_EQ(d["cc"],
            json::parse(R"([{"name":"Conceição","email":"conceicao.copia@retorno.example"}])"));
  EXPECT_EQ(d["raw"]["Message-ID"], "<2f1c9a.7-retorno@crm.retorno.example>");
  EXPECT_EQ(d["raw"]["Date"], "Tue, 03 Mar 2026 14:05:09 +0000");
  EXPECT_EQ(d["raw"]["MIME-Version"], "1.0");
  for (const char* once : {"message-id", "mime-version", "date", "from", "to", "cc", "subject"}) {
    EXPECT_EQ(d["header_count"][once], 1) << once;
  }
  EXPECT_FALSE(d["header_count"].contains("bcc"));

  EXPECT_EQ(d["structure"],
            "multipart/mixed(multipart/alternative(text/plain,text/html),application/pdf,"
            "text/plain)");
  const json& parts = d["parts"];
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0]["charset"], "utf-8");
  EXPECT_EQ(parts[0]["transfer_encoding"], "quoted-printable");
  EXPECT_EQ(parts[0]["disposition"], nullptr);
  EXPECT_EQ(Lf(parts[0]["text"]), m.text);
  EXPECT_EQ(parts[1]["content_type"], "text/html");
  EXPECT_EQ(parts[1]["charset"], "utf-8");
  EXPECT_EQ(Lf(parts[1]["text"]), m.html);

  EXPECT_EQ(parts[2]["content_type"], "application/pdf");
  EXPECT_EQ(parts[2]["transfer_encoding"], "base64");
  EXPECT_EQ(parts[2]["disposition"], "attachment");
  EXPECT_EQ(parts[2]["filename"], pdf_name);
  std::string received;
  ASSERT_TRUE(absl::Base64Unescape(parts[2]["base64"].get<std::string>(), &received));
  EXPECT_EQ(received.size(), pdf.size());
  EXPECT_TRUE(received == pdf) << "attachment bytes differ";

  // Attachments are never re-encoded as text: CRLF vs LF survives.
  EXPECT_EQ(parts[3]["filename"], "notas.txt");
  ASSERT_TRUE(absl::Base64Unescape(parts[3]["base64"].get<std::string>(), &received));
  EXPECT_EQ(received, "olá\r\nlinha 2\n");

  // Kept exactly, not re-folded or re-cased, on the wire too.
  EXPECT_THAT(sink_.Raw(1),
              HasSubstr("\r\nMessage-ID: <2f1c9a.7-retorno@crm.retorno.example>\r\n"));
}

TEST_F(EmailSmtp, TextOnlyMessageFromTheConfiguredSender) {
  MailMessage m = Simple("conceicao@cliente.example.com");
  m.to[0].name = "Conceição";
  ASSERT_TRUE(mailer_.Send(smtp_, m).ok());
  const json d = sink_.Decoded(1);
  EXPECT_EQ(d["defects"], json::array());
  EXPECT_EQ(d["structure"], "multipart/mixed(text/plain)");
  EXPECT_EQ(d["from"], json::parse(R"([{"name":"Retorno CRM","email":"crm@retorno.example"}])"));
  EXPECT_EQ(d["sender"], json::array());  // From is the sender: no Sender field
  EXPECT_EQ(d["to"][0]["name"], "Conceição");
  EXPECT_EQ(d["subject"], "Teste");
  EXPECT_EQ(Lf(d["parts"][0]["text"]), "Olá\n");
  EXPECT_FALSE(d["header_count"].contains("cc"));
}

TEST_F(EmailSmtp, SameAddressInToAndCcIsOneRecipient) {
  MailMessage m = Simple("ana@cliente.example.com");
  m.cc = {{"Ana", "ANA@cliente.example.com"}, {"Bia", "bia@cliente.example.com"}};
  ASSERT_TRUE(mailer_.Send(smtp_, m).ok());
  EXPECT_THAT(sink_.Envelope(1)["rcpt_tos"].get<std::vector<std::string>>(),
              ElementsAre("ana@cliente.example.com", "bia@cliente.example.com"));
}

TEST_F(EmailSmtp, UnknownRecipientIsPermanentWithTheServersReason) {
  MailMessage m = Simple("ok@cliente.example.com");
  m.cc = {{"", "unknown@cliente.example.com"}};
  const absl::Status status = mailer_.Send(smtp_, m);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_THAT(std::string(status.message()), ::testing::StartsWith("550 5.1.1 user unknown"));
  EXPECT_EQ(sink_.StoredCount(), 0);  // one refused recipient: nothing is sent
}

TEST_F(EmailSmtp, BusyRecipientIsTransient) {
  const absl::Status status = mailer_.Send(smtp_, Simple("busy@cliente.example.com"));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("450 4.2.1 mailbox busy"));
}

TEST_F(EmailSmtp, NothingListeningIsUnavailable) {
  smtp_.port = FreeLoopbackPort();
  const absl::Status status = mailer_.Send(smtp_, Simple("ana@cliente.example.com"));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr(absl::StrCat("127.0.0.1:", smtp_.port)));
}

TEST_F(EmailSmtp, SilentServerTimesOutAsUnavailable) {
  // Listens (the kernel completes the handshake) but never greets.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(addr);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len), 0);
  smtp_.port = ntohs(addr.sin_port);
  smtp_.timeout_seconds = 1;
  const auto start = std::chrono::steady_clock::now();
  const absl::Status status = mailer_.Send(smtp_, Simple("ana@cliente.example.com"));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  close(fd);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST_F(EmailSmtp, StartTlsDemandedButNotOfferedIsPermanent) {
  smtp_.security = SmtpSecurity::kStartTls;
  const absl::Status status = mailer_.Send(smtp_, Simple("ana@cliente.example.com"));
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_EQ(sink_.StoredCount(), 0);
}

TEST_F(EmailSmtp, AuthenticatesAndReportsRefusedLogin) {
  SmtpSink guarded;
  ASSERT_EQ(guarded.Start({"--auth", "retorno:s3nha-certa"}), "");
  smtp_.port = guarded.port();
  smtp_.username = "retorno";
  smtp_.password = "s3nha-certa";
  const absl::Status ok = mailer_.Send(smtp_, Simple("ana@cliente.example.com"));
  EXPECT_TRUE(ok.ok()) << ok;
  EXPECT_EQ(guarded.StoredCount(), 1);

  smtp_.password = "errada";
  absl::Status denied = mailer_.Send(smtp_, Simple("ana@cliente.example.com"));
  EXPECT_EQ(denied.code(), absl::StatusCode::kPermissionDenied) << denied;
  EXPECT_THAT(std::string(denied.message()), HasSubstr("535 5.7.8"));

  smtp_.username.clear();  // the server demands AUTH: 530
  denied = mailer_.Send(smtp_, Simple("ana@cliente.example.com"));
  EXPECT_EQ(denied.code(), absl::StatusCode::kPermissionDenied) << denied;
  EXPECT_THAT(std::string(denied.message()), HasSubstr("530"));
  EXPECT_EQ(guarded.StoredCount(), 1);
  guarded.Stop();
  guarded.RemoveDir();
}

TEST_F(EmailSmtp, RefusedBeforeConnecting) {
  // A port with nothing behind it: had Send connected, it would say Unavailable.
  smtp_.port = FreeLoopbackPort();
  MailMessage no_to = Simple("ana@cliente.example.com");
  no_to.to.clear();
  EXPECT_EQ(mailer_.Send(smtp_, no_to).code(), absl::StatusCode::kInvalidArgument);

  SmtpSettings no_sender = smtp_;
  no_sender.sender_email.clear();
  EXPECT_EQ(mailer_.Send(no_sender, Simple("ana@cliente.example.com")).code(),
            absl::StatusCode::kInvalidArgument);

  MailMessage injected = Simple("ana@cliente.example.com");
  injected.subject = "Oi\r\nBcc: victim@example.com";
  EXPECT_EQ(mailer_.Send(smtp_, injected).code(), absl::StatusCode::kInvalidArgument);
  injected = Simple("ana@cliente.example.com");
  injected.attachments = {{"a.pdf\r\nContent-Type: text/html", "application/pdf", "x"}};
  EXPECT_EQ(mailer_.Send(smtp_, injected).code(), absl::StatusCode::kInvalidArgument);

  MailMessage bad_id = Simple("ana@cliente.example.com");
  bad_id.message_id = "";
  EXPECT_EQ(mailer_.Send(smtp_, bad_id).code(), absl::StatusCode::kInvalidArgument);

  SmtpSettings no_host = smtp_;
  no_host.host.clear();
  EXPECT_EQ(mailer_.Send(no_host, Simple("ana@cliente.example.com")).code(),
            absl::StatusCode::kFailedPrecondition);
  no_host.host = "evil.example/path?x";
  EXPECT_EQ(mailer_.Send(no_host, Simple("ana@cliente.example.com")).code(),
            absl::StatusCode::kFailedPrecondition);
}

MailMessage Numbered(int n) {
  MailMessage m;
  m.to = {{"Cliente", absl::StrCat("c", n, "@cliente.example.com")}};
  m.subject = absl::StrCat("Teste ", n);
  m.text = "Olá\n";
  m.message_id = absl::StrCat("<n", n, "@retorno.example>");
  m.date = absl::FromCivil(absl::CivilSecond(2026, 3, 3, 14, 5, 9), absl::UTCTimeZone());
  return m;
}

TEST_F(EmailSmtp, ConsecutiveMessagesGoOverOneConnection) {
  for (int n = 1; n <= 3; ++n) ASSERT_TRUE(mailer_.Send(smtp_, Numbered(n)).ok()) << n;
  ASSERT_EQ(sink_.StoredCount(), 3);
  const int port = sink_.Envelope(1)["peer_port"].get<int>();
  EXPECT_EQ(sink_.Envelope(2)["peer_port"].get<int>(), port);
  EXPECT_EQ(sink_.Envelope(3)["peer_port"].get<int>(), port);
  EXPECT_THAT(sink_.Envelope(3)["rcpt_tos"].get<std::vector<std::string>>(),
              ElementsAre("c3@cliente.example.com"));
}

TEST_F(EmailSmtp, ARefusedMessageDoesNotSpoilTheNext) {
  ASSERT_TRUE(mailer_.Send(smtp_, Numbered(1)).ok());
  EXPECT_EQ(mailer_.Send(smtp_, Simple("unknown@cliente.example.com")).code(),
            absl::StatusCode::kInvalidArgument);
  const absl::Status after_refusal = mailer_.Send(smtp_, Numbered(2));
  EXPECT_TRUE(after_refusal.ok()) << after_refusal;
  EXPECT_EQ(mailer_.Send(smtp_, Simple("busy@cliente.example.com")).code(),
            absl::StatusCode::kUnavailable);
  const absl::Status after_busy = mailer_.Send(smtp_, Numbered(3));
  EXPECT_TRUE(after_busy.ok()) << after_busy;
  ASSERT_EQ(sink_.StoredCount(), 3);
  EXPECT_THAT(sink_.Envelope(2)["rcpt_tos"].get<std::vector<std::string>>(),
              ElementsAre("c2@cliente.example.com"));
  EXPECT_THAT(sink_.Envelope(3)["rcpt_tos"].get<std::vector<std::string>>(),
              ElementsAre("c3@cliente.example.com"));
}

TEST_F(EmailSmtp, AConnectionTheServerClosedIsOpenedAgain) {
  ASSERT_TRUE(mailer_.Send(smtp_, Numbered(1)).ok());
  const int port = sink_.port();
  sink_.Stop();  // the server goes away with the kept connection, and comes back
  sink_.RemoveDir();
  ASSERT_EQ(sink_.Start({}, port), "");
  const absl::Status status = mailer_.Send(smtp_, Numbered(2));
  EXPECT_TRUE(status.ok()) << status;
  ASSERT_EQ(sink_.StoredCount(), 1);
  EXPECT_THAT(sink_.Envelope(1)["rcpt_tos"].get<std::vector<std::string>>(),
              ElementsAre("c2@cliente.example.com"));
}

TEST_F(EmailSmtp, ASessionTheServerEndsWith421GoesOnOverANewOne) {
  SmtpSink limited;
  ASSERT_EQ(limited.Start({"--session-limit", "2"}), "");
  smtp_.port = limited.port();
  for (int n = 1; n <= 5; ++n) {
    const absl::Status status = mailer_.Send(smtp_, Numbered(n));
    EXPECT_TRUE(status.ok()) << n << ": " << status;
  }
  ASSERT_EQ(limited.StoredCount(), 5);
  // Two messages a connection: 1-2, 3-4, 5.
  EXPECT_EQ(limited.Envelope(1)["peer_port"], limited.Envelope(2)["peer_port"]);
  EXPECT_NE(limited.Envelope(2)["peer_port"], limited.Envelope(3)["peer_port"]);
  EXPECT_EQ(limited.Envelope(3)["peer_port"], limited.Envelope(4)["peer_port"]);
  EXPECT_NE(limited.Envelope(4)["peer_port"], limited.Envelope(5)["peer_port"]);
  EXPECT_THAT(limited.Envelope(5)["rcpt_tos"].get<std::vector<std::string>>(),
              ElementsAre("c5@cliente.example.com"));
  limited.Stop();
  limited.RemoveDir();
}

TEST_F(EmailSmtp, ConcurrentSendsFromSeveralThreads) {
  constexpr int kThreads = 4;
  constexpr int kEach = 3;
  std::vector<absl::Status> results(kThreads * kEach);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        MailMessage m = Simple(absl::StrCat("t", t, "@cliente.example.com"));
        m.message_id = absl::StrCat("<t", t, ".", i, "@retorno.example>");
        results[t * kEach + i] = mailer_.Send(smtp_, m);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const absl::Status& s : results) EXPECT_TRUE(s.ok()) << s;
  EXPECT_EQ(sink_.StoredCount(), kThreads * kEach);
}

}  // namespace
}  // namespace retorno
