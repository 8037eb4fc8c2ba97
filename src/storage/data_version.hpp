// The data version: a counter that every write transaction changing what
// monitoring counts advances, in that same transaction (triggers on the
// tables below; migration 0027). A result computed from a snapshot that read
// version N is current while the counter still reads N — on any app server.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace metodist::storage {

// Every table monitoring reads (the facts, the regions' settings and own
// indicators, the campaigns' entries and snapshots). A table added to what
// monitoring reads belongs here and gets its triggers in a migration;
// DataVersionTest checks both against the schema.
const std::vector<std::string>& monitored_tables();

// The counter as this connection's snapshot sees it.
std::int64_t monitoring_version(Connection& c);

// The access version: moved by every change to sessions, accounts, their
// roles, a methodist's support and the names shown with roles
// (app/session_cache.hpp).
const std::vector<std::string>& access_tables();
std::int64_t access_version(Connection& c);

// The staff version (migration 0028): moved by every change to persons and
// their workplaces, and by an organisation or a territory moved, retyped or
// removed — what the count of pedagogical workers and the staff list's total
// read. A school renamed or added leaves it.
const std::vector<std::string>& staff_tables();
std::int64_t staff_version(Connection& c);
// A version with the database's date, in one read: what is current (a
// workplace not yet left, SQL's CURRENT_DATE) depends on the day as well, so
// an answer kept under a version is kept under that day too.
struct VersionOnDay {
  std::int64_t version = 0;
  std::string today;  // ISO
};
VersionOnDay staff_version_on_day(Connection& c);
VersionOnDay monitoring_version_on_day(Connection& c);

}  // namespace metodist::storage
