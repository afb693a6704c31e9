// Failover seen through Retorno's API: `retorno serve` on the multi-host URL of the
// one-machine pair (scripts/pg-ha-cluster.sh, ADR 0028), a client creating follow-ups one
// request at a time; the primary is killed with kill -9 mid-stream and the standby
// promoted. Every follow-up the API acknowledged (201) must be readable afterwards, and
// the same server, not restarted, must create follow-ups again. The seconds without a
// successful creation are printed.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "tests/failover/ha_cluster.h"

extern char** environ;

namespace retorno::failover {
namespace {

using json = nlohmann::json;

std::string Bin() {
  const char* bin = std::getenv("RETORNO_BIN");
  return bin != nullptr && *bin != '\0' ? bin : RETORNO_BIN_DEFAULT;
}

struct Answer {
  int status = 0;  // 0: no answer (connection refused, reset, timeout)
  json body;
};

// One HTTP/1.1 request to 127.0.0.1:port, JSON in and out, on a fresh connection.
Answer Http(int port, const std::string& method, const std::string& path, const std::string& token,
            const json& body = nullptr) {
  Answer a;
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval timeout{.tv_sec = 15, .tv_usec = 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return a;
  }
  const std::string payload = body.is_null() ? "" : body.dump();
  std::string req = absl::StrCat(method, " ", path, " HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                                 "Connection: close\r\nContent-Type: application/json\r\n",
                                 "Content-Length: ", payload.size(), "\r\n");
  if (!token.empty()) absl::StrAppend(&req, "Authorization: Bearer ", token, "\r\n");
  absl::StrAppend(&req, "\r\n", payload);
  if (send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
    close(fd);
    return a;
  }
  std::string res;
  char buf[8192];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) res.append(buf, static_cast<size_t>(n));
  close(fd);
  const size_t head_end = res.find("\r\n\r\n");
  if (res.rfind("HTTP/1.1 ", 0) != 0 || head_end == std::string::npos) return a;
  a.status = std::atoi(res.c_str() + 9);
  a.body = json::parse(res.substr(head_end + 4), nullptr, false);
  return a;
}

// `retorno serve` on a free port, killed (SIGTERM) with the object.
class Server {
 public:
  Server(const std::string& dir, const std::string& url) : log_(dir + "/serve.log") {
    std::vector<std::string> argv = {
        Bin(), "--db", url, "serve", "--port", "0", "--insecure-fast-password-hashing"};
    std::vector<char*> args;
    for (std::string& s : argv) args.push_back(s.data());
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log_.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
    if (posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0) pid_ = 0;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Server() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  // The port it listens on, once its log says so (0 after 20 s).
  int WaitForPort() {
    const std::string mark = "listening on http://";
    for (int i = 0; i < 200 && pid_ > 0; ++i) {
      const std::string text = Log();
      const size_t at = text.find(mark);
      const size_t colon = at == std::string::npos ? at : text.find(':', at + mark.size());
      if (colon != std::string::npos) return std::atoi(text.c_str() + colon + 1);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return 0;
  }
  std::string Log() const {
    std::ifstream in(log_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  std::string log_;
  pid_t pid_ = 0;
};

struct Creations {
  std::mutex mu;
  std::vector<int64_t> acknowledged;  // follow-up ids answered 201
  absl::Time last_before_failure;
  absl::Time first_after_failure;
  bool failed = false;
  int after_failure = 0;
  int refused = 0;  // answers other than 201 (503 while no primary) and no answers
};

// Whether this build's `retorno` serves PostgreSQL (its --help names PostgreSQL URLs).
bool ServesPostgres() {
  std::optional<std::string> help = Shell(absl::StrCat(Bin(), " --help"));
  return help && help->find("postgresql://") != std::string::npos;
}

TEST(ApiFailover, EveryCreatedFollowupSurvivesAndTheServerWritesAgain) {
  if (!PostgresInstalled()) GTEST_SKIP() << "postgresql-15 is not installed";
  if (!ServesPostgres()) GTEST_SKIP() << Bin() << " serves SQLite only";
  HaCluster cluster;
  const std::string url = cluster.Start();
  ASSERT_FALSE(url.empty()) << "the cluster did not start; logs in " << cluster.dir();
  const std::string password = "chave-mestra-2026";
  ASSERT_TRUE(Shell(absl::StrCat("cd ", cluster.dir(), " && ", Bin(), " --db '", url,
                                 "' user add --login admin --name Admin --role admin --password ",
                                 password, " >&2"))
                  .has_value());
  Server server(cluster.dir(), url);
  const int port = server.WaitForPort();
  ASSERT_GT(port, 0) << server.Log();

  Answer session =
      Http(port, "POST", "/api/v1/session", "", {{"login", "admin"}, {"password", password}});
  ASSERT_EQ(session.status, 201) << session.body.dump();
  const std::string token = session.body["token"];
  Answer party = Http(port, "POST", "/api/v1/parties", token,
                      {{"code", "C-1"}, {"kind", "customer"}, {"name", "Cliente Failover"}});
  ASSERT_EQ(party.status, 201) << party.body.dump();
  const int64_t party_id = party.body["id"];

  Creations w;
  std::atomic<bool> stop{false};
  std::thread client([&] {
    for (int i = 1; !stop; ++i) {
      Answer a = Http(port, "POST", "/api/v1/followups", token,
                      {{"party_id", party_id},
                       {"subject", absl::StrCat("Retorno ", i)},
                       {"category", "pos_venda"},
                       {"priority", "medium"},
                       {"next_action", {{"type", "phone"}, {"due_date", "2030-01-15"}}}});
      const absl::Time now = absl::Now();
      std::lock_guard lock(w.mu);
      if (a.status == 201) {
        w.acknowledged.push_back(a.body["id"].get<int64_t>());
        if (!w.failed)
          w.last_before_failure = now;
        else if (w.after_failure++ == 0)
          w.first_after_failure = now;
      } else {
        w.failed = true;
        ++w.refused;
      }
    }
  });
  auto acknowledged = [&] {
    std::lock_guard lock(w.mu);
    return w.acknowledged.size();
  };
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (acknowledged() < 100 && absl::Now() < deadline) absl::SleepFor(absl::Milliseconds(5));
  ASSERT_GE(acknowledged(), 100u) << server.Log();

  const absl::Time killing = absl::Now();
  ASSERT_TRUE(cluster.Run("kill-primary"));
  ASSERT_TRUE(cluster.Run("promote"));
  while (absl::Now() < deadline) {
    {
      std::lock_guard lock(w.mu);
      if (w.after_failure >= 50) break;
    }
    absl::SleepFor(absl::Milliseconds(5));
  }
  stop = true;
  client.join();
  ASSERT_TRUE(w.failed) << "no request failed: was the primary killed?";
  ASSERT_GE(w.after_failure, 50) << "the server did not write again\n" << server.Log();

  int missing = 0;
  for (int64_t id : w.acknowledged)
    if (Http(port, "GET", absl::StrCat("/api/v1/followups/", id), token).status != 200) ++missing;
  EXPECT_EQ(missing, 0) << "acknowledged follow-ups lost in the failover";
  std::printf(
      "api failover: %zu follow-ups created, %d after the failover, none lost; %d requests "
      "refused meanwhile; no creation acknowledged for %.2f s (first one %.2f s after the kill "
      "command started)\n",
      w.acknowledged.size(), w.after_failure, w.refused,
      absl::ToDoubleSeconds(w.first_after_failure - w.last_before_failure),
      absl::ToDoubleSeconds(w.first_after_failure - killing));
}

}  // namespace
}  // namespace retorno::failover
