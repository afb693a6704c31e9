// What the failover tests share: shell commands, free ports, and the one-machine pair of
// scripts/pg-ha-cluster.sh started in a temporary folder and stopped with it.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace retorno::failover {

inline const std::string kScript = std::string(RETORNO_SOURCE_DIR) + "/scripts/pg-ha-cluster.sh";

// Runs a shell command; its standard output, or nullopt when it fails.
inline std::optional<std::string> Shell(const std::string& command) {
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return std::nullopt;
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return out;
}

// Two ports free on 127.0.0.1 right now (held together, so they differ).
inline std::pair<int, int> TwoFreePorts() {
  int fds[2];
  int ports[2];
  for (int i = 0; i < 2; ++i) {
    fds[i] = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    bind(fds[i], reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    getsockname(fds[i], reinterpret_cast<sockaddr*>(&addr), &len);
    ports[i] = ntohs(addr.sin_port);
  }
  close(fds[0]);
  close(fds[1]);
  return {ports[0], ports[1]};
}

// A primary (node1) with its synchronous standby (node2) in a temporary folder; stopped
// and deleted with the object.
class HaCluster {
 public:
  HaCluster() {
    char tmpl[] = "/tmp/retorno-ha-XXXXXX";
    dir_ = mkdtemp(tmpl);
    std::tie(port1_, port2_) = TwoFreePorts();
  }
  ~HaCluster() {
    Run("stop");
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  HaCluster(const HaCluster&) = delete;
  HaCluster& operator=(const HaCluster&) = delete;

  // Starts both nodes; the multi-host URL, or "" when the script failed.
  std::string Start() {
    std::optional<std::string> out = Shell(absl::StrCat("RETORNO_HA_PORTS='", port1_, " ", port2_,
                                                        "' bash ", kScript, " start ", dir_));
    return out ? std::string(absl::StripAsciiWhitespace(*out)) : "";
  }
  // kill-primary, promote, status...: true when the script succeeded.
  bool Run(const std::string& command) {
    return Shell(absl::StrCat("bash ", kScript, " ", command, " ", dir_, " >&2")).has_value();
  }

  const std::string& dir() const { return dir_; }
  int port1() const { return port1_; }
  int port2() const { return port2_; }

 private:
  std::string dir_;
  int port1_ = 0;
  int port2_ = 0;
};

inline bool PostgresInstalled() {
  return access("/usr/lib/postgresql/15/bin/pg_basebackup", X_OK) == 0;
}

}  // namespace retorno::failover
