// SQL for individual educational routes (ИОМ). The caller owns the
// transaction and the access checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/route.hpp"
#include "storage/database.hpp"

namespace metodist::storage::routes {

struct Row {
  std::int64_t id = 0;
  std::int64_t position = 0;
  std::string competency;  // code of the deficit addressed, "" when none
  std::string goal, activity, details;
  std::optional<std::int64_t> program_id;
  std::string term, expected_result, result_form;
  bool done = false;
  std::string evidence;
  std::optional<std::int64_t> practice_id;  // a practice of the bank to study
  std::string practice_title;               // read only
};

struct Route {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string person_name;  // read only
  std::string period_from, period_to, tutor;
  domain::RouteStatus status = domain::RouteStatus::draft;
  std::optional<std::int64_t> author_account_id;
  std::string author_name;  // read only
  std::string updated_at;
  std::string sent_at;    // "" until the draft is sent to the person to agree
  std::vector<Row> rows;  // read with the route, in position order
  // What the caller may do now (domain::route_actions); filled by the use
  // case for its caller, not stored.
  std::vector<std::string> actions;
};

// SQL: whether the person in `person_column` has a route in work (any not
// completed) — the one rule for «already has a route», for drafting and to-do lists.
std::string has_route_in_work(const std::string& person_column);

std::int64_t insert_route(Connection& c, const Route& r);  // with its rows
std::optional<Route> find_route(Connection& c, std::int64_t id);
std::vector<Route> routes_of_person(Connection& c, std::int64_t person_id);  // newest first
// The routes an account drafted, not completed yet, without their rows.
std::vector<Route> routes_by_author(Connection& c, std::int64_t account_id);
// Back to a draft also clears `sent_at`.
void set_status(Connection& c, std::int64_t id, domain::RouteStatus status);
void mark_sent(Connection& c, std::int64_t id);
// Replaces the rows (the route is a draft).
void replace_rows(Connection& c, std::int64_t route_id, const std::vector<Row>& rows);
// Marks a row done or not, with its evidence.
void mark_row(Connection& c, std::int64_t route_id, std::int64_t row_id, bool done, const std::string& evidence);

}  // namespace metodist::storage::routes
