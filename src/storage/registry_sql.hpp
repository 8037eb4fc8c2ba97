// SQL fragments and row mappers shared by the repositories
// (registry_repository.cpp, registry_batch.cpp, diagnostics_repository.cpp).
// Internal to storage/.
//
// Scope conditions are built here once: every list, lookup and bulk check
// filters by the same organisation_scope / territory_scope text.
#pragma once

#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/access.hpp"
#include "domain/registry.hpp"
#include "storage/database.hpp"

namespace metodist::storage::registry {

// Rows per multi-row statement in bulk writes: one round trip per batch is
// what makes a federal file of a million rows import in seconds.
constexpr std::size_t kBatchRows = 500;

// The rows of the next statement: kBatchRows, and for the rest the largest
// power of two that fits, so statements come in a few shapes the connection
// prepares once (a batch of 337 rows is 256 + 64 + 16 + 1, not a new statement).
std::size_t next_slice(std::size_t left);

// Calls f with consecutive slices of `all`, sized by next_slice.
template <class T, class F>
void in_batches(std::span<const T> all, F&& f) {
  for (std::size_t from = 0, n = 0; from < all.size(); from += n) {
    n = next_slice(all.size() - from);
    f(all.subspan(from, n));
  }
}

// «($1, $2, …), ($n+1, …)» for rows of `width` values each.
std::string values_rows(std::size_t rows, std::size_t width, std::size_t first = 1);

// «('a', 'b')»: the codes of a vocabulary that `keep` accepts, as an SQL list
// (the vocabularies are ours, so the codes are safe to inline).
std::string in_list(std::span<const domain::Term> terms, bool (*keep)(std::string_view) noexcept);

// Appends a parameter and returns its placeholder («$n»).
std::string placeholder(Params& params, Value v);

// A feature's status (domain::HelpStatus, RouteStatus…) as an SQL literal,
// spelled by its vocabulary (code_of next to the enum); codes are fixed words.
template <class E>
requires std::is_enum_v<E> std::string literal(E status) { return "'" + std::string(code_of(status)) + "'"; }
// «(p1, p2, …)» for the values, appended as parameters.
template <class T>
std::string placeholders(Params& params, std::span<const T> values) {
  std::string out = "(";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + placeholder(params, Value{values[i]});
  return out + ")";
}
// Territory ids of «p and below» (three levels deep), as a subquery.
std::string subtree(const std::string& p);
std::string ancestors_or_self(const std::string& p);
// «(a OR b …)», or a false condition for no parts.
std::string any_of(const std::vector<std::string>& parts);
// "Organisation <alias> is within the scope", as an SQL condition.
std::string organisation_scope(const domain::Scope& s, Params& params, const std::string& alias);
// "The person <person_id> (an SQL expression) is within the scope": a current
// workplace of theirs is, or they are the scope's own or listed person. The
// one rule behind a person's card, the staff list's personal columns and
// every person filter.
// `row`: the aliases «ps o» of a workplace row of that person the query already
// joins: when the row itself is a current workplace within the scope, the
// per-person subquery is not run (a staff list of a region whose
// administrators see all of it pays nothing for the rule).
std::string person_scope(const domain::Scope& s, Params& params, const std::string& person_id,
                         const std::pair<std::string, std::string>& row = {});
// "Territory <alias> is visible": in a scoped subtree or above one.
std::string territory_scope(const domain::Scope& s, Params& params, const std::string& alias);
// Persons holding a teaching position in an educational organisation on $1.
const std::string& active_teaching_positions();
std::string escape_like(const std::string& s);
// "The workplace <alias> (a positions row) is held today": not left, or
// leaving today or later — the leaving day is the last working day (Labour
// Code, art. 84.1), and a dismissal recorded in advance does not take the
// person off the staff list before it happens. CURRENT_DATE is the
// database's date (UTC on SQLite).
std::string current_workplace(std::string_view alias);

// The folded text searches match against (search_key columns).
std::string organisation_search_key(const domain::Organisation& o);
std::string person_search_key(const domain::Person& p);
std::string person_search_key(std::string_view last, std::string_view first, std::string_view middle,
                              std::string_view code);

// Territory columns for SELECT (alias «t») and their mapper.
extern const char* const kTerritoryColumns;
domain::Territory territory_from(const Row& r);
// Organisation columns for SELECT (alias «o») and their mapper.
extern const char* const kOrgColumns;
domain::Organisation organisation_from(const Row& r);
// Person columns for SELECT (alias «p») and their mapper.
extern const char* const kPersonColumns;
domain::Person person_from(const Row& r);
// Position columns for SELECT (alias «ps») and their mapper.
extern const char* const kPositionColumns;
// `first`: the index of ps.id in the row, when other columns come before.
domain::Position position_from(const Row& r);

}  // namespace metodist::storage::registry
