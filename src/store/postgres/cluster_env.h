// The private cluster of a PostgreSQL test binary (test_cluster.h): started once by
// this library's main(), with the migrated template "migrated"; each test takes a
// fresh copy of it. Test code only.
#pragma once

#include <string>

#include "store/postgres/test_cluster.h"

namespace retorno::postgres {

// The binary's cluster; null when it did not start (the environment's failure says
// why, and every test then fails).
TestCluster* SharedCluster();

// A new database copied from the migrated template; "" (and a test failure) if that
// fails.
std::string FreshMigratedDb();

}  // namespace retorno::postgres
