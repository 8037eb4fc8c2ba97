// SQL for the shared computed results (migration 0027): a stored result per
// key with the data version it was computed from, and the lease that lets one
// app server at a time compute a key. The caller owns the transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "storage/database.hpp"

namespace metodist::storage::computed {

struct Stored {
  std::int64_t data_version = 0;
  std::string computed_at;  // UTC, ISO 8601
  std::int64_t compute_ms = 0;
  std::string body;
};

std::optional<Stored> find(Connection& c, const std::string& key);
// The same without the body (to tell whether it is worth reading).
std::optional<Stored> find_header(Connection& c, const std::string& key);
// Stores unless a result of a newer version is there already (two servers may
// finish out of order).
void put(Connection& c, const std::string& key, const Stored& s);

// Drops results computed before `before` (UTC ISO): keys nobody asked for
// since (a past day's summary, a period nobody opens) do not pile up.
void forget_older_than(Connection& c, const std::string& before);

// Takes the key's lease for `holder` until `expires_ms` (ms since 1970) when
// nobody holds it or the holder's lease ran out at `now_ms`; true when taken.
bool take_lease(Connection& c, const std::string& key, const std::string& holder, std::int64_t now_ms,
                std::int64_t expires_ms);
void release_lease(Connection& c, const std::string& key, const std::string& holder);
// Whether someone holds an unexpired lease on the key.
bool leased(Connection& c, const std::string& key, std::int64_t now_ms);

}  // namespace metodist::storage::computed
