#include "storage/help_requests_repository.hpp"

#include <map>

#include "domain/date.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::help_requests {
namespace {

using S = domain::HelpStatus;

using registry::literal;
// Waiting for an answer, as domain::help_open.
const std::string kOpen = "h.status IN (" + literal(S::fresh) + ", " + literal(S::assigned) + ")";

// Columns are read by name (request_from): a new column is one line here and
// one there.
const char* const kSelect =
    "SELECT h.id, h.organisation_id, h.person_id, h.created_by, h.methodist_person_id, h.topic,"
    " COALESCE(h.subject_area, '') AS subject_area, COALESCE(h.description, '') AS description, h.urgency, h.status,"
    " h.due_on, COALESCE(h.assigned_at, '') AS assigned_at, COALESCE(h.response_kind, '') AS response_kind,"
    " COALESCE(h.response, '') AS response, COALESCE(h.answered_at, '') AS answered_at, h.rating,"
    " COALESCE(h.rating_comment, '') AS rating_comment, COALESCE(h.closed_at, '') AS closed_at, h.created_at,"
    " COALESCE(o.short_name, o.name) AS organisation_name,"
    " COALESCE(p.last_name || ' ' || p.first_name || COALESCE(' ' || p.middle_name, ''), '') AS person_name,"
    " COALESCE(m.last_name || ' ' || m.first_name || COALESCE(' ' || m.middle_name, ''), '') AS methodist_name,"
    " t.name AS territory_name, t.id AS territory_id"
    " FROM help_requests h JOIN organisations o ON o.id = h.organisation_id JOIN territories t ON t.id = o.territory_id"
    " LEFT JOIN persons p ON p.id = h.person_id LEFT JOIN persons m ON m.id = h.methodist_person_id";

HelpRequest request_from(const Row& r) {
  HelpRequest q;
  q.id = r.int64("id");
  q.organisation_id = r.int64("organisation_id");
  q.person_id = r.opt_int64("person_id");
  q.created_by = r.opt_int64("created_by");
  q.methodist_person_id = r.opt_int64("methodist_person_id");
  q.topic = r.text("topic");
  q.subject_area = r.text("subject_area");
  q.description = r.text("description");
  q.urgency = r.text("urgency");
  q.status = domain::stored_value<S>(domain::help_statuses(), r.view("status"));
  q.due_on = r.text("due_on");
  q.assigned_at = r.text("assigned_at");
  q.response_kind = r.text("response_kind");
  q.response = r.text("response");
  q.answered_at = r.text("answered_at");
  if (!r.is_null("rating")) q.rating = static_cast<int>(r.int64("rating"));
  q.rating_comment = r.text("rating_comment");
  q.closed_at = r.text("closed_at");
  q.created_at = r.text("created_at");
  q.organisation_name = r.text("organisation_name");
  q.person_name = r.text("person_name");
  q.methodist_name = r.text("methodist_name");
  q.territory_name = r.text("territory_name");
  q.territory_id = r.int64("territory_id");
  return q;
}

}  // namespace

std::int64_t insert_request(Connection& c, const HelpRequest& r) {
  const auto now = domain::utc_timestamp_now();
  return c.scalar(
      "INSERT INTO help_requests (organisation_id, person_id, created_by, topic, subject_area, description, urgency,"
      " status, due_on, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
      {r.organisation_id, id_or_null(r.person_id), id_or_null(r.created_by), r.topic, text_or_null(r.subject_area),
       text_or_null(r.description), r.urgency, std::string(domain::code_of(r.status)), r.due_on,
       r.created_at.empty() ? now : r.created_at});
}

std::optional<HelpRequest> find_request(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kSelect) + " WHERE h.id = $1", {id});
  if (!row) return std::nullopt;
  return request_from(*row);
}

void update_request(Connection& c, const HelpRequest& r) {
  c.execute(
      "UPDATE help_requests SET status = $2, methodist_person_id = $3, assigned_at = $4, response_kind = $5,"
      " response = $6, answered_at = $7, rating = $8, rating_comment = $9, closed_at = $10, due_on = $11,"
      " updated_at = $12 WHERE id = $1",
      {r.id, std::string(domain::code_of(r.status)), id_or_null(r.methodist_person_id), text_or_null(r.assigned_at),
       text_or_null(r.response_kind), text_or_null(r.response), text_or_null(r.answered_at),
       r.rating ? Value{std::int64_t{*r.rating}} : Value{nullptr}, text_or_null(r.rating_comment),
       text_or_null(r.closed_at), r.due_on, domain::utc_timestamp_now()});
}

namespace {

// Who sees a request (v) and the filter's status and methodist, as a WHERE
// clause over «h» (help_requests) and «o» (its organisation).
std::string request_where(const RequestFilter& f, const Visibility& v, Params& params) {
  std::vector<std::string> who;
  if (!v.organisations.empty()) who.push_back(registry::organisation_scope(v.organisations, params, "o"));
  if (v.person) {
    const auto p = registry::placeholder(params, *v.person);
    who.push_back("h.person_id = " + p);
    who.push_back("h.methodist_person_id = " + p);
  }
  std::string sql = " WHERE " + registry::any_of(who);
  if (f.status == "open") {
    sql += " AND " + kOpen;
  } else if (f.status == "overdue") {
    sql += " AND " + kOpen + " AND h.due_on < " + registry::placeholder(params, f.today);
  } else if (!f.status.empty()) {
    sql += " AND h.status = " + registry::placeholder(params, f.status);
  }
  if (f.methodist) sql += " AND h.methodist_person_id = " + registry::placeholder(params, *f.methodist);
  return sql;
}

}  // namespace

std::vector<HelpRequest> list_requests(Connection& c, const RequestFilter& f, const Visibility& v) {
  Params params;
  std::string sql = std::string(kSelect) + request_where(f, v, params);
  sql += " ORDER BY CASE WHEN " + kOpen + " THEN 0 ELSE 1 END, h.due_on, h.id DESC LIMIT " +
         registry::placeholder(params, static_cast<std::int64_t>(f.limit)) + " OFFSET " +
         registry::placeholder(params, static_cast<std::int64_t>(f.offset));
  std::vector<HelpRequest> out;
  c.run(sql, params, [&](const Row& r) { out.push_back(request_from(r)); });
  return out;
}

RequestTally tally_requests(Connection& c, const RequestFilter& f, const Visibility& v) {
  Params params;
  const auto row = c.query_one(
      "SELECT COUNT(*) AS n, MIN(h.due_on) AS earliest FROM help_requests h"
      " JOIN organisations o ON o.id = h.organisation_id" +
          request_where(f, v, params),
      params);
  return {row->int64("n"), row->opt_text("earliest").value_or("")};
}

std::vector<MunicipalityStats> stats_by_municipality(Connection& c, const domain::Scope& scope, const std::string& from,
                                                     const std::string& to, const std::string& today) {
  Params params{from, to + "T24", today};
  const std::string sql =
      "SELECT t.id, t.name, COUNT(*) AS total,"
      " SUM(CASE WHEN " +
      kOpen + " THEN 1 ELSE 0 END) AS open, SUM(CASE WHEN " + kOpen +
      " AND h.due_on < $3 THEN 1 ELSE 0 END) AS overdue,"
      " SUM(CASE WHEN h.status = " +
      literal(S::answered) + " THEN 1 ELSE 0 END) AS answered, SUM(CASE WHEN h.status = " + literal(S::closed) +
      " THEN 1 ELSE 0 END) AS closed,"
      " SUM(CASE WHEN h.answered_at IS NOT NULL AND substr(h.answered_at, 1, 10) <= h.due_on THEN 1 ELSE 0 END)"
      " AS answered_in_time,"
      " SUM(CASE WHEN h.rating IS NOT NULL THEN 1 ELSE 0 END) AS rated, COALESCE(SUM(h.rating), 0) AS rating_sum"
      " FROM help_requests h JOIN organisations o ON o.id = h.organisation_id JOIN territories t ON t.id = o.territory_id"
      " WHERE h.created_at >= $1 AND h.created_at < $2 AND h.status <> " +
      literal(S::cancelled) + " AND " + registry::organisation_scope(scope, params, "o") +
      " GROUP BY t.id, t.name ORDER BY t.name";
  std::vector<MunicipalityStats> out;
  c.run(sql, params, [&](const Row& r) {
    MunicipalityStats s;
    s.territory_id = r.int64("id");
    s.territory_name = r.text("name");
    s.total = r.int64("total");
    s.open = r.int64("open");
    s.overdue = r.int64("overdue");
    s.answered = r.int64("answered");
    s.closed = r.int64("closed");
    s.answered_in_time = r.int64("answered_in_time");
    s.rated = r.int64("rated");
    s.rating_average = s.rated ? static_cast<double>(r.int64("rating_sum")) / static_cast<double>(s.rated) : 0.0;
    out.push_back(std::move(s));
  });
  return out;
}

std::vector<Methodist> methodists_for(Connection& c, std::int64_t organisation_id) {
  const std::string sql =
      "SELECT p.id, p.last_name || ' ' || p.first_name || COALESCE(' ' || p.middle_name, '') AS name,"
      " (SELECT COUNT(*) FROM help_requests h WHERE h.methodist_person_id = p.id AND h.status = " +
      literal(S::assigned) +
      ")"
      " AS open_requests"
      " FROM persons p WHERE p.id IN (SELECT a.person_id FROM accounts a JOIN role_assignments ra ON ra.account_id = a.id"
      "  WHERE a.is_active = 1 AND ra.role = 'methodist' AND ra.territory_id IN " +
      registry::ancestors_or_self("(SELECT territory_id FROM organisations WHERE id = $1)") +
      ") ORDER BY p.last_name, p.first_name, p.id";
  std::vector<Methodist> out;
  c.run(sql, {organisation_id}, [&](const Row& r) {
    out.push_back({r.int64("id"), r.text("name"), r.int64("open_requests")});
  });
  return out;
}

std::vector<HelpRequest> overdue_requests(Connection& c, const std::string& today) {
  std::vector<HelpRequest> out;
  c.run(std::string(kSelect) + " WHERE " + kOpen + " AND h.due_on < $1 ORDER BY h.id", {today},
        [&](const Row& r) { out.push_back(request_from(r)); });
  return out;
}

}  // namespace metodist::storage::help_requests
