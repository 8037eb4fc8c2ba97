#include "storage/routes_repository.hpp"

#include "domain/date.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::routes {
namespace {

const char* const kRouteSelect =
    "SELECT r.id, r.person_id, p.last_name || ' ' || p.first_name || COALESCE(' ' || p.middle_name, '') AS person_name,"
    " r.period_from, r.period_to, COALESCE(r.tutor, '') AS tutor, r.status, r.author_account_id,"
    " COALESCE(a.display_name, '') AS display_name, r.updated_at, COALESCE(r.sent_at, '') AS sent_at"
    " FROM routes r JOIN persons p ON p.id = r.person_id LEFT JOIN accounts a ON a.id = r.author_account_id";

Route route_from(const storage::Row& r) {
  Route out;
  out.id = r.int64("id");
  out.person_id = r.int64("person_id");
  out.person_name = r.text("person_name");
  out.period_from = r.text("period_from");
  out.period_to = r.text("period_to");
  out.tutor = r.text("tutor");
  out.status = domain::stored_value<domain::RouteStatus>(domain::route_statuses(), r.view("status"));
  out.author_account_id = r.opt_int64("author_account_id");
  out.author_name = r.text("display_name");
  out.updated_at = r.text("updated_at");
  out.sent_at = r.text("sent_at");
  return out;
}

void read_rows(Connection& c, Route& route) {
  c.run(
      "SELECT rr.id, rr.position, COALESCE(k.code, '') AS code, rr.goal, rr.activity, COALESCE(rr.details, '') AS details,"
      " rr.program_id, COALESCE(rr.term, '') AS term, COALESCE(rr.expected_result, '') AS expected_result, COALESCE(rr.result_form, '') AS result_form,"
      " rr.done, COALESCE(rr.evidence, '') AS evidence, rr.practice_id, COALESCE(pr.title, '') AS title"
      " FROM route_rows rr LEFT JOIN competencies k ON k.id = rr.competency_id"
      " LEFT JOIN practices pr ON pr.id = rr.practice_id WHERE rr.route_id = $1"
      " ORDER BY rr.position, rr.id",
      {route.id}, [&](const storage::Row& r) {
        route.rows.push_back({r.int64("id"), r.int64("position"), r.text("code"), r.text("goal"), r.text("activity"),
                              r.text("details"), r.opt_int64("program_id"), r.text("term"), r.text("expected_result"),
                              r.text("result_form"), r.flag("done"), r.text("evidence"), r.opt_int64("practice_id"),
                              r.text("title")});
      });
}

void insert_rows(Connection& c, std::int64_t route_id, const std::vector<Row>& rows) {
  std::int64_t position = 0;
  for (const auto& row : rows)
    c.execute(
        "INSERT INTO route_rows (route_id, position, competency_id, goal, activity, details, program_id, term,"
        " expected_result, result_form, done, evidence, practice_id)"
        " VALUES ($1, $2, (SELECT id FROM competencies WHERE code = $3), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        {route_id, ++position, row.competency, row.goal, row.activity, text_or_null(row.details),
         id_or_null(row.program_id), text_or_null(row.term), text_or_null(row.expected_result),
         text_or_null(row.result_form), flag(row.done), text_or_null(row.evidence), id_or_null(row.practice_id)});
}

void touch(Connection& c, std::int64_t id) {
  c.execute("UPDATE routes SET updated_at = $1 WHERE id = $2", {domain::utc_timestamp_now(), id});
}

}  // namespace

std::string has_route_in_work(const std::string& person_column) {
  return "EXISTS (SELECT 1 FROM routes x WHERE x.person_id = " + person_column + " AND x.status <> " +
         registry::literal(domain::RouteStatus::completed) + ")";
}

std::int64_t insert_route(Connection& c, const Route& r) {
  const auto now = domain::utc_timestamp_now();
  const auto id = c.scalar(
      "INSERT INTO routes (person_id, period_from, period_to, tutor, author_account_id, status, created_at, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {r.person_id, r.period_from, r.period_to, text_or_null(r.tutor), id_or_null(r.author_account_id),
       std::string(domain::code_of(r.status)), now, now});
  insert_rows(c, id, r.rows);
  return id;
}

std::optional<Route> find_route(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kRouteSelect) + " WHERE r.id = $1", {id});
  if (!row) return std::nullopt;
  auto route = route_from(*row);
  read_rows(c, route);
  return route;
}

std::vector<Route> routes_of_person(Connection& c, std::int64_t person_id) {
  std::vector<Route> out;
  c.run(std::string(kRouteSelect) + " WHERE r.person_id = $1 ORDER BY r.period_from DESC, r.id DESC", {person_id},
        [&](const storage::Row& r) { out.push_back(route_from(r)); });
  for (auto& route : out) read_rows(c, route);
  return out;
}

std::vector<Route> routes_by_author(Connection& c, std::int64_t account_id) {
  std::vector<Route> out;
  c.run(std::string(kRouteSelect) + " WHERE r.author_account_id = $1 AND r.status <> " +
            registry::literal(domain::RouteStatus::completed) + " ORDER BY r.period_from DESC, r.id DESC",
        {account_id}, [&](const storage::Row& r) { out.push_back(route_from(r)); });
  return out;
}

void set_status(Connection& c, std::int64_t id, domain::RouteStatus status) {
  // Back to a draft: the person will agree the revised route when it is sent again.
  c.execute(
      "UPDATE routes SET status = $1, updated_at = $2, sent_at = CASE WHEN $1 = 'draft' THEN NULL ELSE sent_at END"
      " WHERE id = $3",
      {std::string(domain::code_of(status)), domain::utc_timestamp_now(), id});
}

void mark_sent(Connection& c, std::int64_t id) {
  const auto now = domain::utc_timestamp_now();
  c.execute("UPDATE routes SET sent_at = $1, updated_at = $1 WHERE id = $2", {now, id});
}

void replace_rows(Connection& c, std::int64_t route_id, const std::vector<Row>& rows) {
  c.execute("DELETE FROM route_rows WHERE route_id = $1", {route_id});
  insert_rows(c, route_id, rows);
  touch(c, route_id);
}

void mark_row(Connection& c, std::int64_t route_id, std::int64_t row_id, bool done, const std::string& evidence) {
  c.execute("UPDATE route_rows SET done = $1, evidence = $2 WHERE id = $3 AND route_id = $4",
            {flag(done), text_or_null(evidence), row_id, route_id});
  touch(c, route_id);
}

}  // namespace metodist::storage::routes
