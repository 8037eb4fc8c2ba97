#include "storage/mentoring_repository.hpp"

#include <unordered_map>
#include <unordered_set>

#include "domain/date.hpp"
#include "domain/programs.hpp"
#include "domain/route.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::mentoring {
namespace {

const std::string kActive = registry::literal(domain::PairStatus::active);

const char* const kPersonName = "p.last_name || ' ' || p.first_name || COALESCE(' ' || p.middle_name, '') AS name";

const std::string kProgramSelect =
    "SELECT m.id, m.organisation_id, m.title, m.curator_person_id, m.starts_on, m.ends_on,"
    " COALESCE(o.short_name, o.name) AS organisation_name,"
    " COALESCE(p.last_name || ' ' || p.first_name || COALESCE(' ' || p.middle_name, ''), '') AS curator_name,"
    " o.territory_id,"
    " (SELECT COUNT(*) FROM mentoring_pairs mp WHERE mp.program_id = m.id AND mp.status = " +
    kActive +
    ") AS active_pairs,"
    " (SELECT COUNT(*) FROM mentoring_pairs mp WHERE mp.program_id = m.id) AS pairs"
    " FROM mentoring_programs m JOIN organisations o ON o.id = m.organisation_id"
    " LEFT JOIN persons p ON p.id = m.curator_person_id";

Program program_from(const Row& r) {
  Program p;
  p.id = r.int64("id");
  p.organisation_id = r.int64("organisation_id");
  p.title = r.text("title");
  p.curator_person_id = r.opt_int64("curator_person_id");
  p.starts_on = r.text("starts_on");
  p.ends_on = r.text("ends_on");
  p.organisation_name = r.text("organisation_name");
  p.curator_name = r.text("curator_name");
  p.territory_id = r.int64("territory_id");
  p.active_pairs = r.int64("active_pairs");
  p.pairs = r.int64("pairs");
  return p;
}

const char* const kPairSelect =
    "SELECT mp.id, mp.program_id, mp.mentor_person_id, mp.mentee_person_id, mp.form, COALESCE(mp.plan, '') AS plan,"
    " mp.starts_on, COALESCE(mp.ends_on, '') AS ends_on, mp.status, COALESCE(mp.result, '') AS result,"
    " a.last_name || ' ' || a.first_name || COALESCE(' ' || a.middle_name, '') AS mentor_name,"
    " b.last_name || ' ' || b.first_name || COALESCE(' ' || b.middle_name, '') AS mentee_name"
    " FROM mentoring_pairs mp JOIN persons a ON a.id = mp.mentor_person_id JOIN persons b ON b.id = mp.mentee_person_id";

Pair pair_from(const Row& r) {
  Pair p;
  p.id = r.int64("id");
  p.program_id = r.int64("program_id");
  p.mentor_person_id = r.int64("mentor_person_id");
  p.mentee_person_id = r.int64("mentee_person_id");
  p.form = r.text("form");
  p.plan = r.text("plan");
  p.starts_on = r.text("starts_on");
  p.ends_on = r.text("ends_on");
  p.status = domain::stored_value<domain::PairStatus>(domain::mentoring_pair_statuses(), r.view("status"));
  p.result = r.text("result");
  p.mentor_name = r.text("mentor_name");
  p.mentee_name = r.text("mentee_name");
  return p;
}

}  // namespace

std::int64_t insert_program(Connection& c, const Program& p) {
  return c.scalar(
      "INSERT INTO mentoring_programs (organisation_id, title, curator_person_id, starts_on, ends_on, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {p.organisation_id, p.title, id_or_null(p.curator_person_id), p.starts_on, p.ends_on,
       domain::utc_timestamp_now()});
}

std::optional<Program> find_program(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kProgramSelect) + " WHERE m.id = $1", {id});
  if (!row) return std::nullopt;
  return program_from(*row);
}

std::vector<Program> list_programs(Connection& c, const domain::Scope& scope,
                                   std::optional<std::int64_t> organisation_id) {
  Params params;
  std::string sql = std::string(kProgramSelect) + " WHERE " + registry::organisation_scope(scope, params, "o");
  if (organisation_id) sql += " AND o.id = " + registry::placeholder(params, *organisation_id);
  sql += " ORDER BY o.name, m.starts_on DESC, m.id";
  std::vector<Program> out;
  c.run(sql, params, [&](const Row& r) { out.push_back(program_from(r)); });
  return out;
}

std::int64_t insert_pair(Connection& c, const Pair& p) {
  const auto now = domain::utc_timestamp_now();
  return c.scalar(
      "INSERT INTO mentoring_pairs (program_id, mentor_person_id, mentee_person_id, form, plan, starts_on, ends_on,"
      " status, result, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
      {p.program_id, p.mentor_person_id, p.mentee_person_id, p.form, text_or_null(p.plan), p.starts_on,
       text_or_null(p.ends_on), std::string(domain::code_of(p.status)), text_or_null(p.result), now});
}

std::optional<Pair> find_pair(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kPairSelect) + " WHERE mp.id = $1", {id});
  if (!row) return std::nullopt;
  return pair_from(*row);
}

void update_pair(Connection& c, const Pair& p) {
  c.execute(
      "UPDATE mentoring_pairs SET plan = $2, ends_on = $3, status = $4, result = $5, updated_at = $6 WHERE id = $1",
      {p.id, text_or_null(p.plan), text_or_null(p.ends_on), std::string(domain::code_of(p.status)),
       text_or_null(p.result), domain::utc_timestamp_now()});
}

std::vector<Pair> pairs_of(Connection& c, std::int64_t program_id) {
  std::vector<Pair> out;
  c.run(std::string(kPairSelect) + " WHERE mp.program_id = $1 ORDER BY a.last_name, a.first_name, mp.id", {program_id},
        [&](const Row& r) { out.push_back(pair_from(r)); });
  return out;
}

std::vector<Pair> pairs_of_person(Connection& c, std::int64_t person_id) {
  std::vector<Pair> out;
  c.run(std::string(kPairSelect) +
            " WHERE mp.mentor_person_id = $1 OR mp.mentee_person_id = $1"
            " ORDER BY mp.starts_on DESC, mp.id",
        {person_id}, [&](const Row& r) { out.push_back(pair_from(r)); });
  return out;
}

bool active_pair_exists(Connection& c, std::int64_t program_id, std::int64_t mentor, std::int64_t mentee) {
  return c.scalar(
             "SELECT COUNT(*) FROM mentoring_pairs WHERE program_id = $1 AND mentor_person_id = $2"
             " AND mentee_person_id = $3 AND status = " +
                 kActive,
             {program_id, mentor, mentee}) > 0;
}

std::vector<YoungCandidate> young_candidates(Connection& c, const std::string& on, const std::string& born_after,
                                             const std::string& started_after, const domain::Scope& scope,
                                             std::optional<std::int64_t> organisation_id) {
  Params params{on};  // $1: active_teaching_positions() reads the day from it
  std::string sql =
      std::string("SELECT p.id AS person_id, ") + kPersonName +
      ", p.birth_date, p.ped_experience_since, o.id AS organisation_id,"
      " COALESCE(o.short_name, o.name) AS organisation_name, COALESCE(ps.subjects, '') AS subjects"
      " FROM positions ps JOIN persons p ON p.id = ps.person_id JOIN organisations o ON o.id = ps.organisation_id"
      " WHERE " +
      registry::current_workplace("ps") + " AND p.id IN (" + registry::active_teaching_positions() +
      ")"
      " AND p.birth_date > " +
      registry::placeholder(params, born_after) + " AND p.ped_experience_since > " +
      registry::placeholder(params, started_after) + " AND " + registry::organisation_scope(scope, params, "o");
  if (organisation_id) sql += " AND o.id = " + registry::placeholder(params, *organisation_id);
  sql += " ORDER BY o.name, p.last_name, p.first_name, p.id";
  std::vector<YoungCandidate> out;
  std::unordered_set<std::int64_t> seen;  // one row per person, at their first workplace
  c.run(sql, params, [&](const Row& r) {
    if (!seen.insert(r.int64("person_id")).second) return;
    out.push_back({r.int64("person_id"), r.text("name"), r.text("birth_date"), r.text("ped_experience_since"),
                   r.int64("organisation_id"), r.text("organisation_name"), r.text("subjects")});
  });
  return out;
}

void count_support(Connection& c, std::span<YoungCandidate> candidates) {
  // A page at a time keeps the statement under SQLite's limit of parameters.
  constexpr std::size_t kChunk = 500;
  if (candidates.size() > kChunk) {
    for (std::size_t i = 0; i < candidates.size(); i += kChunk)
      count_support(c, candidates.subspan(i, std::min(kChunk, candidates.size() - i)));
    return;
  }
  if (candidates.empty()) return;
  Params params;
  std::unordered_map<std::int64_t, YoungCandidate*> by_id;
  std::string ids;
  for (auto& y : candidates) {
    by_id.emplace(y.person_id, &y);
    ids += (ids.empty() ? "" : ", ") + registry::placeholder(params, y.person_id);
  }
  const std::string sql =
      "SELECT p.id,"
      " (SELECT COUNT(*) FROM mentoring_pairs mp WHERE mp.mentee_person_id = p.id AND mp.status = " +
      kActive +
      ") AS mentored,"
      " (SELECT COUNT(*) FROM routes r WHERE r.person_id = p.id AND r.status <> " +
      registry::literal(domain::RouteStatus::draft) +
      ") AS routes,"
      " (SELECT COUNT(*) FROM enrolments e WHERE e.person_id = p.id AND e.status IN (" +
      registry::literal(domain::EnrolmentStatus::studying) + ", " +
      registry::literal(domain::EnrolmentStatus::completed) +
      ")) AS trainings,"
      " (SELECT COUNT(*) FROM event_registrations er WHERE er.person_id = p.id AND er.attended = 1) AS events,"
      " (SELECT COUNT(*) FROM community_members cm WHERE cm.person_id = p.id AND cm.left_on IS NULL) AS communities"
      " FROM persons p WHERE p.id IN (" +
      ids + ")";
  c.run(sql, params, [&](const Row& r) {
    auto* y = by_id.at(r.int64("id"));
    y->mentored = r.int64("mentored");
    y->routes = r.int64("routes");
    y->trainings = r.int64("trainings");
    y->events = r.int64("events");
    y->communities = r.int64("communities");
  });
}

std::vector<Colleague> colleagues_of(Connection& c, std::int64_t mentee_person_id, const std::string& on) {
  Params params{on, mentee_person_id};
  const std::string sql =
      std::string("SELECT p.id AS person_id, ") + kPersonName +
      ", p.category, COALESCE(CAST(p.ped_experience_since AS TEXT), '') AS ped_experience_since,"
      " COALESCE(ps.subject_area, '') AS subject_area, COALESCE(ps.subjects, '') AS subjects,"
      " o.id AS organisation_id, COALESCE(o.short_name, o.name) AS organisation_name,"
      " (SELECT COUNT(*) FROM mentoring_pairs mp WHERE mp.mentor_person_id = p.id AND mp.status = " +
      kActive +
      ")"
      " AS active_mentees"
      " FROM positions ps JOIN persons p ON p.id = ps.person_id JOIN organisations o ON o.id = ps.organisation_id"
      " WHERE " +
      registry::current_workplace("ps") + " AND p.id <> $2 AND p.id IN (" + registry::active_teaching_positions() +
      ")"
      " AND o.territory_id IN (SELECT o2.territory_id FROM positions ps2 JOIN organisations o2"
      "  ON o2.id = ps2.organisation_id WHERE ps2.person_id = $2 AND " +
      registry::current_workplace("ps2") +
      ")"
      " ORDER BY p.id, ps.id";
  std::vector<Colleague> out;
  c.run(sql, params, [&](const Row& r) {
    out.push_back({r.int64("person_id"), r.text("name"), r.text("category"), r.text("ped_experience_since"),
                   r.text("subject_area"), r.text("subjects"), r.int64("organisation_id"), r.text("organisation_name"),
                   r.int64("active_mentees")});
  });
  return out;
}

}  // namespace metodist::storage::mentoring
