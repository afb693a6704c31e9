// A private PostgreSQL 15 cluster for tests: initdb + pg_ctl from
// /usr/lib/postgresql/15/bin in a temporary folder, listening on a free high port of
// 127.0.0.1 (and a socket in that folder), tuned for speed over durability (fsync
// off, small shared buffers, minimal WAL). initdb refuses to run as root, so when the
// tests run as root (CI) the server runs as the `postgres` system user, which owns the
// folder. Stopped (immediate mode) and deleted when the object is destroyed.
//
// Meant to be started once per test binary (a gtest Environment or a suite's
// SetUpTestSuite) with one migrated template database; each test then takes a fresh
// database copied from the template, which takes milliseconds:
//
//   ASSIGN_OR_RETURN(auto cluster, TestCluster::Start());
//   RETURN_IF_ERROR(cluster->CreateTemplate("migrated", [](Connection& c) {...}));
//   ASSIGN_OR_RETURN(std::string url, cluster->FreshDatabase("migrated"));
//
// Not for production: the cluster trusts every local connection.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "store/postgres/connection.h"

namespace retorno::postgres {

class TestCluster {
 public:
  // Creates and starts the cluster. FailedPrecondition when PostgreSQL's binaries are
  // missing (package postgresql-15); Internal with initdb's or the server's log
  // otherwise. RETORNO_PG_BIN overrides the binaries' folder.
  static absl::StatusOr<std::unique_ptr<TestCluster>> Start();
  ~TestCluster();
  TestCluster(const TestCluster&) = delete;
  TestCluster& operator=(const TestCluster&) = delete;

  int port() const { return port_; }
  // libpq connection string of database `db` as the cluster's superuser `retorno`.
  std::string ConnInfo(const std::string& db = "postgres") const;

  // Creates database `name` and runs `setup` on a connection to it (migrations), so it
  // can serve as the template of FreshDatabase.
  absl::Status CreateTemplate(const std::string& name,
                              const std::function<absl::Status(Connection&)>& setup);
  // Creates a new database copied from `template_name` (or empty, from template0, when
  // it is empty) and returns its connection string. Thread-safe.
  absl::StatusOr<std::string> FreshDatabase(const std::string& template_name = "");
  // Drops the database of `conninfo` (as FreshDatabase returned it), closing any
  // connection still open to it. Thread-safe.
  absl::Status DropDatabase(const std::string& conninfo);

 private:
  TestCluster() = default;
  absl::Status Run(const std::vector<std::string>& argv, const std::string& log);
  absl::Status Stop();

  std::string bin_;
  std::string dir_;  // the temporary folder: data/, the socket, logs
  int port_ = 0;
  bool as_postgres_ = false;
  bool running_ = false;
};

}  // namespace retorno::postgres
