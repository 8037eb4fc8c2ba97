#include "storage/computed_results_repository.hpp"

namespace metodist::storage::computed {

std::optional<Stored> find(Connection& c, const std::string& key) {
  auto r =
      c.query_one("SELECT data_version, computed_at, compute_ms, body FROM computed_results WHERE key = $1", {key});
  if (!r) return std::nullopt;
  return Stored{r->int64("data_version"), r->text("computed_at"), r->int64("compute_ms"), r->text("body")};
}

std::optional<Stored> find_header(Connection& c, const std::string& key) {
  auto r = c.query_one("SELECT data_version, computed_at, compute_ms FROM computed_results WHERE key = $1", {key});
  if (!r) return std::nullopt;
  return Stored{r->int64("data_version"), r->text("computed_at"), r->int64("compute_ms"), {}};
}

void put(Connection& c, const std::string& key, const Stored& s) {
  c.execute(
      "INSERT INTO computed_results (key, data_version, computed_at, compute_ms, body) VALUES ($1, $2, $3, $4, $5)"
      " ON CONFLICT (key) DO UPDATE SET data_version = excluded.data_version, computed_at = excluded.computed_at,"
      " compute_ms = excluded.compute_ms, body = excluded.body WHERE computed_results.data_version < excluded.data_version",
      {key, s.data_version, s.computed_at, s.compute_ms, std::string_view(s.body)});
}

void forget_older_than(Connection& c, const std::string& before) {
  c.execute("DELETE FROM computed_results WHERE computed_at < $1", {before});
}

bool take_lease(Connection& c, const std::string& key, const std::string& holder, std::int64_t now_ms,
                std::int64_t expires_ms) {
  return c.execute(
             "INSERT INTO computation_leases (key, holder, expires_at) VALUES ($1, $2, $3)"
             " ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
             " WHERE computation_leases.expires_at < $4 OR computation_leases.holder = excluded.holder",
             {key, holder, expires_ms, now_ms}) > 0;
}

void release_lease(Connection& c, const std::string& key, const std::string& holder) {
  c.execute("DELETE FROM computation_leases WHERE key = $1 AND holder = $2", {key, holder});
}

bool leased(Connection& c, const std::string& key, std::int64_t now_ms) {
  return c.query_one("SELECT 1 FROM computation_leases WHERE key = $1 AND expires_at >= $2", {key, now_ms}).has_value();
}

}  // namespace metodist::storage::computed
