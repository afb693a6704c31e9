#include "store/postgres/test_cluster.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/status_macros.h"

extern char** environ;

namespace retorno::postgres {

namespace {

// A port the kernel considers free on 127.0.0.1 right now (from the ephemeral range,
// so above 32768). Another process may take it before the server binds it: Start
// retries with a new port.
absl::StatusOr<int> FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return absl::InternalError("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  int rc = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  if (rc == 0) rc = getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  if (rc != 0) return absl::InternalError("could not find a free loopback port");
  return ntohs(addr.sin_port);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string QuoteIdent(const std::string& name) { return absl::StrCat("\"", name, "\""); }

}  // namespace

absl::StatusOr<std::unique_ptr<TestCluster>> TestCluster::Start() {
  std::unique_ptr<TestCluster> c(new TestCluster());
  const char* bin = std::getenv("RETORNO_PG_BIN");
  c->bin_ = bin != nullptr && *bin != '\0' ? bin : "/usr/lib/postgresql/15/bin";
  if (access((c->bin_ + "/initdb").c_str(), X_OK) != 0)
    return absl::FailedPreconditionError(
        absl::StrCat(c->bin_, "/initdb not found: install postgresql-15"));

  char tmpl[] = "/tmp/retorno-pg-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) return absl::InternalError("mkdtemp failed");
  c->dir_ = tmpl;
  if (geteuid() == 0) {
    passwd* pw = getpwnam("postgres");
    if (pw == nullptr)
      return absl::FailedPreconditionError("running as root needs the postgres system user");
    if (chown(c->dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0)
      return absl::InternalError(absl::StrCat("chown ", c->dir_, " failed"));
    c->as_postgres_ = true;
  }

  const std::string data = c->dir_ + "/data";
  // --no-sync and the C locale: the fastest initdb, and byte-order text comparison
  // like SQLite's.
  absl::Status st = c->Run({c->bin_ + "/initdb", "-D", data, "-U", "retorno", "-A", "trust", "-E",
                            "UTF8", "--locale=C", "--no-sync", "--no-instructions"},
                           c->dir_ + "/initdb.log");
  if (!st.ok())
    return absl::InternalError(
        absl::StrCat("initdb failed: ", st.message(), "\n", ReadFile(c->dir_ + "/initdb.log")));

  for (int attempt = 0; attempt < 3; ++attempt) {
    ASSIGN_OR_RETURN(c->port_, FreePort());
    // Durability off (a test cluster dies with its tests) and no WAL beyond what crash
    // recovery needs; a few connections are enough for a pool of 2 x cores per test.
    std::string options =
        absl::StrCat("-p ", c->port_, " -k ", c->dir_,
                     " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                     " -c full_page_writes=off -c shared_buffers=16MB -c max_connections=50"
                     " -c wal_level=minimal -c max_wal_senders=0 -c archive_mode=off"
                     " -c autovacuum=off -c jit=off");
    st = c->Run({c->bin_ + "/pg_ctl", "start", "-w", "-s", "-t", "30", "-D", data, "-l",
                 c->dir_ + "/server.log", "-o", options},
                c->dir_ + "/pg_ctl.log");
    if (st.ok()) {
      c->running_ = true;
      return c;
    }
  }
  return absl::InternalError(absl::StrCat("the test cluster did not start: ", st.message(), "\n",
                                          ReadFile(c->dir_ + "/server.log")));
}

TestCluster::~TestCluster() {
  Stop().IgnoreError();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
}

absl::Status TestCluster::Stop() {
  if (!running_) return absl::OkStatus();
  running_ = false;
  // Immediate: nothing to keep, so no shutdown checkpoint.
  return Run({bin_ + "/pg_ctl", "stop", "-w", "-s", "-m", "immediate", "-D", dir_ + "/data"},
             dir_ + "/pg_ctl.log");
}

absl::Status TestCluster::Run(const std::vector<std::string>& argv, const std::string& log) {
  std::vector<std::string> full;
  if (as_postgres_) full = {"/usr/sbin/runuser", "-u", "postgres", "--"};
  full.insert(full.end(), argv.begin(), argv.end());
  std::vector<char*> args;
  for (std::string& a : full) args.push_back(a.data());
  args.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  // In the cluster's folder: the postgres user may not enter the test's working
  // directory (a checkout under /root).
  posix_spawn_file_actions_addchdir_np(&actions, dir_.c_str());
  pid_t pid = 0;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return absl::InternalError(absl::StrCat("could not start ", full[0]));
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return absl::InternalError("waitpid failed");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return absl::InternalError(absl::StrCat(absl::StrJoin(argv, " "), " exited with status ",
                                            WIFEXITED(status) ? WEXITSTATUS(status) : -1));
  return absl::OkStatus();
}

std::string TestCluster::ConnInfo(const std::string& db) const {
  return absl::StrCat("host=127.0.0.1 port=", port_, " user=retorno dbname=", db,
                      " connect_timeout=10");
}

absl::Status TestCluster::CreateTemplate(const std::string& name,
                                         const std::function<absl::Status(Connection&)>& setup) {
  {
    ASSIGN_OR_RETURN(std::unique_ptr<Connection> admin, Connection::Open(ConnInfo()));
    RETURN_IF_ERROR(admin->Exec(absl::StrCat("CREATE DATABASE ", QuoteIdent(name))).status());
  }
  // The connection closes before anyone copies the template (a template in use by
  // another session cannot be copied).
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, Connection::Open(ConnInfo(name)));
  return setup(*conn);
}

absl::StatusOr<std::string> TestCluster::FreshDatabase(const std::string& template_name) {
  static std::atomic<int> next{0};
  std::string name = absl::StrCat("test_", ++next);
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> admin, Connection::Open(ConnInfo()));
  RETURN_IF_ERROR(admin
                      ->Exec(absl::StrCat("CREATE DATABASE ", QuoteIdent(name), " TEMPLATE ",
                                          template_name.empty() ? std::string("template0")
                                                                : QuoteIdent(template_name)))
                      .status());
  return ConnInfo(name);
}

absl::Status TestCluster::DropDatabase(const std::string& conninfo) {
  const size_t at = conninfo.find(" dbname=");
  if (at == std::string::npos) return absl::InvalidArgumentError("no dbname in " + conninfo);
  const size_t start = at + 8;
  const std::string name = conninfo.substr(start, conninfo.find(' ', start) - start);
  ASSIGN_OR_RETURN(std::unique_ptr<Connection> admin, Connection::Open(ConnInfo()));
  return admin->Exec(absl::StrCat("DROP DATABASE IF EXISTS ", QuoteIdent(name), " WITH (FORCE)"))
      .status();
}

}  // namespace retorno::postgres
