// Numbered, versioned schema migrations, one set per backend.
//
// Files live in src/storage/migrations/<backend>/NNNN_name.sql and are compiled
// into the binary. Each is applied once, in its own transaction, and recorded
// in schema_migrations with a checksum; an edited or unknown applied migration
// stops the server with a clear message instead of running on a wrong schema.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace metodist::storage {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;
  std::string checksum;
};

struct MigrationStatus {
  int current = 0;                 // highest applied version
  int latest = 0;                  // highest version this binary knows
  std::vector<Migration> pending;  // to apply, in order
};

// The migrations compiled in for a backend, ordered by version.
std::vector<Migration> known_migrations(Backend backend);

MigrationStatus migration_status(Database& db);

// The highest applied version, read without taking the writer (for /readyz,
// which a balancer polls often); 0 when nothing was ever applied.
int applied_version(Database& db);
// The highest version this binary knows for the backend.
int latest_version(Backend backend);

// Applies pending migrations; returns how many were applied. Safe to run from
// several app servers at once on PostgreSQL (an advisory lock serialises them).
int migrate(Database& db);

}  // namespace metodist::storage
