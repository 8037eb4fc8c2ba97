#include "storage/active_repository.hpp"

#include <algorithm>
#include <map>

#include "domain/date.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::active {
namespace {

using registry::literal;

const char* const kName = " || ' ' || ";
std::string full_name(const std::string& a) {
  return a + ".last_name" + kName + a + ".first_name || COALESCE(' ' || " + a + ".middle_name, '')";
}
// The person's first current workplace, named.
std::string workplace_of(const std::string& person_column) {
  return "COALESCE((SELECT COALESCE(o2.short_name, o2.name) FROM positions ps2 JOIN organisations o2 ON o2.id = ps2.organisation_id"
         " WHERE ps2.person_id = " +
         person_column + " AND " + registry::current_workplace("ps2") + " ORDER BY ps2.id LIMIT 1), '')";
}

const std::string kSelectionSelect =
    "SELECT s.id, s.level, s.territory_id, s.title, COALESCE(s.description, '') AS description, s.applications_from, s.applications_to,"
    " s.rules, s.stages, s.status, s.order_id, t.name,"
    " (SELECT COUNT(*) FROM active_applications a WHERE a.selection_id = s.id AND a.status <> " +
    literal(domain::ApplicationStatus::withdrawn) +
    ") AS applications"
    " FROM active_selections s JOIN territories t ON t.id = s.territory_id";

Selection selection_from(const Row& r) {
  Selection s;
  s.id = r.int64("id");
  s.level = r.text("level");
  s.territory_id = r.int64("territory_id");
  s.title = r.text("title");
  s.description = r.text("description");
  s.applications_from = r.text("applications_from");
  s.applications_to = r.text("applications_to");
  s.rules_json = r.text("rules");
  s.stages_json = r.text("stages");
  s.status = domain::stored_value<domain::SelectionStatus>(domain::selection_statuses(), r.view("status"));
  s.order_id = r.opt_int64("order_id");
  s.territory_name = r.text("name");
  s.applications = r.int64("applications");
  return s;
}

std::string application_select() {
  return "SELECT a.id, a.selection_id, a.person_id, a.nominated_by, a.direction, COALESCE(a.subject_area, '') AS subject_area,"
         " COALESCE(a.portfolio, '') AS portfolio, a.ege_expert, a.community_leader, a.high_results, a.status,"
         " COALESCE(a.decision_note, '') AS decision_note, a.created_at, " +
         full_name("p") + " AS person_name, " + workplace_of("p.id") +
         " AS organisation_name, p.category, COALESCE(CAST(p.ped_experience_since AS TEXT), '') AS ped_experience_since, p.higher_ped_education"
         " FROM active_applications a JOIN persons p ON p.id = a.person_id";
}

Application application_from(const Row& r) {
  Application a;
  a.id = r.int64("id");
  a.selection_id = r.int64("selection_id");
  a.person_id = r.int64("person_id");
  a.nominated_by = r.text("nominated_by");
  a.direction = r.text("direction");
  a.subject_area = r.text("subject_area");
  a.portfolio = r.text("portfolio");
  a.ege_expert = r.flag("ege_expert");
  a.community_leader = r.flag("community_leader");
  a.high_results = r.flag("high_results");
  a.status = domain::stored_value<domain::ApplicationStatus>(domain::application_statuses(), r.view("status"));
  a.decision_note = r.text("decision_note");
  a.created_at = r.text("created_at");
  a.person_name = r.text("person_name");
  a.organisation_name = r.text("organisation_name");
  a.category = r.text("category");
  a.experience_since = r.text("ped_experience_since");
  a.higher_ped_education = r.flag("higher_ped_education");
  return a;
}

void fill_scores(Connection& c, std::vector<Application>& apps) {
  for (auto& a : apps)
    c.run("SELECT stage_code, score FROM application_scores WHERE application_id = $1", {a.id},
          [&](const Row& r) { a.scores[r.text("stage_code")] = r.real("score"); });
}

std::string member_select() {
  return "SELECT m.id, m.level, m.territory_id, m.person_id, m.direction, COALESCE(m.subject_area, '') AS subject_area, m.capacity,"
         " m.starts_on, COALESCE(m.ends_on, '') AS ends_on, COALESCE(m.end_reason, '') AS end_reason, m.order_id, m.end_order_id, m.application_id, " +
         full_name("p") + " AS person_name, " + workplace_of("p.id") +
         " AS organisation_name, t.name, o.number AS order_number, o.issued_on,"
         " COALESCE(eo.number, '') AS end_order_number,"
         " (SELECT COUNT(*) FROM support_assignments sa WHERE sa.methodist_person_id = m.person_id AND sa.ends_on IS NULL)"
         " AS load"
         " FROM active_members m JOIN persons p ON p.id = m.person_id JOIN territories t ON t.id = m.territory_id"
         " JOIN active_orders o ON o.id = m.order_id LEFT JOIN active_orders eo ON eo.id = m.end_order_id";
}

Member member_from(const Row& r) {
  Member m;
  m.id = r.int64("id");
  m.level = r.text("level");
  m.territory_id = r.int64("territory_id");
  m.person_id = r.int64("person_id");
  m.direction = r.text("direction");
  m.subject_area = r.text("subject_area");
  m.capacity = static_cast<int>(r.int64("capacity"));
  m.starts_on = r.text("starts_on");
  m.ends_on = r.text("ends_on");
  m.end_reason = r.text("end_reason");
  m.order_id = r.int64("order_id");
  m.end_order_id = r.opt_int64("end_order_id");
  m.application_id = r.opt_int64("application_id");
  m.person_name = r.text("person_name");
  m.organisation_name = r.text("organisation_name");
  m.territory_name = r.text("name");
  m.order_number = r.text("order_number");
  m.order_date = r.text("issued_on");
  m.end_order_number = r.text("end_order_number");
  m.load = r.int64("load");
  return m;
}

std::string assignment_select() {
  return "SELECT sa.id, sa.methodist_person_id, sa.organisation_id, sa.person_id, sa.starts_on, COALESCE(sa.ends_on, '') AS ends_on, " +
         full_name("mp") + " AS methodist_name, COALESCE(COALESCE(so.short_name, so.name), " + full_name("tp") +
         ", '') AS target_name, COALESCE(COALESCE(so.short_name, so.name), " + workplace_of("tp.id") +
         ") AS organisation_name"
         " FROM support_assignments sa JOIN persons mp ON mp.id = sa.methodist_person_id"
         " LEFT JOIN organisations so ON so.id = sa.organisation_id LEFT JOIN persons tp ON tp.id = sa.person_id";
}

Assignment assignment_from(const Row& r) {
  return {r.int64("id"),
          r.int64("methodist_person_id"),
          r.opt_int64("organisation_id"),
          r.opt_int64("person_id"),
          r.text("starts_on"),
          r.text("ends_on"),
          r.text("methodist_name"),
          r.text("target_name"),
          r.text("organisation_name")};
}

}  // namespace

std::int64_t insert_order(Connection& c, const Order& o) {
  return c.scalar(
      "INSERT INTO active_orders (level, territory_id, number, issued_on, title, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {o.level, o.territory_id, o.number, o.issued_on, o.title, domain::utc_timestamp_now()});
}

std::optional<Order> find_order(Connection& c, std::int64_t id) {
  auto r = c.query_one(
      "SELECT o.id, o.level, o.territory_id, o.number, o.issued_on, o.title, t.name FROM active_orders o"
      " JOIN territories t ON t.id = o.territory_id WHERE o.id = $1",
      {id});
  if (!r) return std::nullopt;
  return Order{r->int64("id"),       r->text("level"), r->int64("territory_id"), r->text("number"),
               r->text("issued_on"), r->text("title"), r->text("name")};
}

std::optional<std::int64_t> find_order_id(Connection& c, std::int64_t territory_id, const std::string& number,
                                          const std::string& issued_on) {
  auto r = c.query_one("SELECT id FROM active_orders WHERE territory_id = $1 AND number = $2 AND issued_on = $3",
                       {territory_id, number, issued_on});
  if (!r) return std::nullopt;
  return r->int64("id");
}

std::int64_t insert_selection(Connection& c, const Selection& s) {
  return c.scalar(
      "INSERT INTO active_selections (level, territory_id, title, description, applications_from, applications_to, rules,"
      " stages, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, " +
          literal(domain::SelectionStatus::open) + ", $9) RETURNING id",
      {s.level, s.territory_id, s.title, text_or_null(s.description), s.applications_from, s.applications_to,
       s.rules_json, s.stages_json, domain::utc_timestamp_now()});
}

std::optional<Selection> find_selection(Connection& c, std::int64_t id) {
  auto r = c.query_one(std::string(kSelectionSelect) + " WHERE s.id = $1", {id});
  if (!r) return std::nullopt;
  return selection_from(*r);
}

std::vector<Selection> list_selections(Connection& c, const domain::Scope& scope) {
  Params params;
  std::vector<Selection> out;
  c.run(std::string(kSelectionSelect) + " WHERE " + registry::territory_scope(scope, params, "t") +
            " ORDER BY s.applications_from DESC, s.id DESC",
        params, [&](const Row& r) { out.push_back(selection_from(r)); });
  return out;
}

void close_selection(Connection& c, std::int64_t id, std::int64_t order_id) {
  c.execute("UPDATE active_selections SET status = " + literal(domain::SelectionStatus::decided) +
                ", order_id = $2 WHERE id = $1",
            {id, order_id});
}

std::int64_t insert_application(Connection& c, const Application& a) {
  const auto now = domain::utc_timestamp_now();
  return c.scalar(
      "INSERT INTO active_applications (selection_id, person_id, nominated_by, direction, subject_area, portfolio,"
      " ege_expert, community_leader, high_results, status, created_at, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, " +
          literal(domain::ApplicationStatus::submitted) + ", $10, $10) RETURNING id",
      {a.selection_id, a.person_id, a.nominated_by, a.direction, text_or_null(a.subject_area),
       text_or_null(a.portfolio), flag(a.ege_expert), flag(a.community_leader), flag(a.high_results), now});
}

std::optional<Application> find_application(Connection& c, std::int64_t id) {
  auto r = c.query_one(application_select() + " WHERE a.id = $1", {id});
  if (!r) return std::nullopt;
  std::vector<Application> one{application_from(*r)};
  fill_scores(c, one);
  return one.front();
}

std::vector<Application> applications_of(Connection& c, std::int64_t selection_id) {
  std::vector<Application> out;
  c.run(application_select() + " WHERE a.selection_id = $1 ORDER BY p.last_name, p.first_name, a.id", {selection_id},
        [&](const Row& r) { out.push_back(application_from(r)); });
  fill_scores(c, out);
  return out;
}

void set_application_status(Connection& c, std::int64_t id, domain::ApplicationStatus status, const std::string& note) {
  c.execute("UPDATE active_applications SET status = $2, decision_note = $3, updated_at = $4 WHERE id = $1",
            {id, std::string(domain::code_of(status)), text_or_null(note), domain::utc_timestamp_now()});
}

void set_score(Connection& c, std::int64_t application_id, const std::string& stage, double score,
               const std::string& comment) {
  c.execute(
      "INSERT INTO application_scores (application_id, stage_code, score, comment, scored_at) VALUES ($1, $2, $3, $4, $5)"
      " ON CONFLICT (application_id, stage_code) DO UPDATE SET score = excluded.score, comment = excluded.comment,"
      " scored_at = excluded.scored_at",
      {application_id, stage, score, text_or_null(comment), domain::utc_timestamp_now()});
}

std::int64_t insert_member(Connection& c, const Member& m) {
  return c.scalar(
      "INSERT INTO active_members (level, territory_id, person_id, direction, subject_area, capacity, starts_on, order_id,"
      " application_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      {m.level, m.territory_id, m.person_id, m.direction, text_or_null(m.subject_area), std::int64_t{m.capacity},
       m.starts_on, m.order_id, id_or_null(m.application_id)});
}

std::optional<Member> find_member(Connection& c, std::int64_t id) {
  auto r = c.query_one(member_select() + " WHERE m.id = $1", {id});
  if (!r) return std::nullopt;
  return member_from(*r);
}

std::optional<Member> current_member(Connection& c, const std::string& level, std::int64_t territory_id,
                                     std::int64_t person_id) {
  auto r = c.query_one(
      member_select() + " WHERE m.level = $1 AND m.territory_id = $2 AND m.person_id = $3 AND m.ends_on IS NULL",
      {level, territory_id, person_id});
  if (!r) return std::nullopt;
  return member_from(*r);
}

void end_member(Connection& c, std::int64_t id, const std::string& ends_on, std::int64_t order_id,
                const std::string& reason) {
  c.execute("UPDATE active_members SET ends_on = $2, end_order_id = $3, end_reason = $4 WHERE id = $1",
            {id, ends_on, order_id, text_or_null(reason)});
}

std::vector<Member> list_members(Connection& c, const MemberFilter& f, const domain::Scope& scope) {
  Params params;
  std::string sql = member_select() + " WHERE " + registry::territory_scope(scope, params, "t");
  if (f.territory_id)
    sql += " AND m.territory_id IN " + registry::subtree(registry::placeholder(params, *f.territory_id));
  if (!f.level.empty()) sql += " AND m.level = " + registry::placeholder(params, f.level);
  if (f.current_only) sql += " AND m.ends_on IS NULL";
  if (f.order_id) sql += " AND m.order_id = " + registry::placeholder(params, *f.order_id);
  sql += " ORDER BY m.level, t.name, p.last_name, p.first_name, m.starts_on";
  std::vector<Member> out;
  c.run(sql, params, [&](const Row& r) { out.push_back(member_from(r)); });
  return out;
}

bool is_current_member(Connection& c, std::int64_t person_id) {
  return c.scalar("SELECT COUNT(*) FROM active_members WHERE person_id = $1 AND ends_on IS NULL", {person_id}) > 0;
}

std::optional<std::pair<int, int>> capacity_and_load(Connection& c, std::int64_t person_id) {
  auto r = c.query_one(
      "SELECT MAX(m.capacity) AS capacity, (SELECT COUNT(*) FROM support_assignments sa WHERE sa.methodist_person_id = $1"
      " AND sa.ends_on IS NULL) AS load FROM active_members m WHERE m.person_id = $1 AND m.ends_on IS NULL",
      {person_id});
  if (!r || r->is_null("capacity")) return std::nullopt;
  return std::pair{static_cast<int>(r->int64("capacity")), static_cast<int>(r->int64("load"))};
}

std::vector<domain::MethodistLoad> methodist_loads(Connection& c, std::int64_t territory_id) {
  Params params{territory_id};
  std::map<std::int64_t, domain::MethodistLoad> by_person;
  c.run(
      "SELECT m.person_id, " + full_name("p") +
          " AS name, m.capacity, COALESCE(m.subject_area, '') AS member_subject_area,"
          " (SELECT COUNT(*) FROM support_assignments sa WHERE sa.methodist_person_id = m.person_id AND sa.ends_on IS NULL)"
          " AS load, o.territory_id, COALESCE(ps.subject_area, '') AS workplace_subject_area"
          " FROM active_members m JOIN persons p ON p.id = m.person_id"
          " LEFT JOIN positions ps ON ps.person_id = m.person_id AND " +
          registry::current_workplace("ps") +
          " LEFT JOIN organisations o ON o.id = ps.organisation_id"
          " WHERE m.ends_on IS NULL AND (m.territory_id IN " +
          registry::subtree("$1") + " OR m.territory_id IN " + registry::ancestors_or_self("$1") + ")",
      params, [&](const Row& r) {
        auto& m = by_person[r.int64("person_id")];
        m.person_id = r.int64("person_id");
        m.name = r.text("name");
        m.capacity = std::max(m.capacity, static_cast<int>(r.int64("capacity")));
        if (!r.view("member_subject_area").empty()) m.subject_areas.insert(r.text("member_subject_area"));
        m.load = static_cast<int>(r.int64("load"));
        if (!r.is_null("territory_id")) m.municipalities.insert(r.int64("territory_id"));
        if (!r.view("workplace_subject_area").empty()) m.subject_areas.insert(r.text("workplace_subject_area"));
      });
  std::vector<domain::MethodistLoad> out;
  for (auto& [id, m] : by_person) out.push_back(std::move(m));
  return out;
}

std::vector<domain::SupportTarget> unsupported_shnor(Connection& c, std::int64_t territory_id) {
  std::vector<domain::SupportTarget> out;
  c.run(
      "SELECT o.id, COALESCE(o.short_name, o.name) AS name, o.territory_id FROM organisations o WHERE o.is_shnor = 1"
      " AND o.territory_id IN " +
          registry::subtree("$1") +
          " AND o.id NOT IN (SELECT organisation_id FROM support_assignments"
          " WHERE organisation_id IS NOT NULL AND ends_on IS NULL) ORDER BY o.id",
      {territory_id}, [&](const Row& r) {
        out.push_back({"school", r.int64("id"), r.text("name"), r.int64("id"), r.int64("territory_id"), {}, true, 0});
      });
  return out;
}

std::vector<domain::SupportTarget> unsupported_diagnosed_teachers(Connection& c, std::int64_t territory_id) {
  std::vector<domain::SupportTarget> out;
  c.run(
      "SELECT p.id AS person_id, " + full_name("p") +
          " AS name, o.id AS organisation_id, o.territory_id, COALESCE(ps.subject_area, '') AS subject_area, o.is_shnor"
          " FROM persons p JOIN positions ps ON ps.person_id = p.id AND " +
          registry::current_workplace("ps") +
          " AND ps.position = 'teacher'"
          " JOIN organisations o ON o.id = ps.organisation_id"
          " WHERE o.territory_id IN " +
          registry::subtree("$1") +
          " AND p.id IN (SELECT person_id FROM diagnostic_results)"
          " AND p.id NOT IN (SELECT person_id FROM support_assignments WHERE person_id IS NOT NULL AND ends_on IS NULL)"
          " ORDER BY p.id, ps.id",
      {territory_id}, [&](const Row& r) {
        if (!out.empty() && out.back().id == r.int64("person_id")) {
          if (!r.view("subject_area").empty()) out.back().subject_areas.insert(r.text("subject_area"));
          return;
        }
        domain::SupportTarget t{"teacher",
                                r.int64("person_id"),
                                r.text("name"),
                                r.int64("organisation_id"),
                                r.int64("territory_id"),
                                {},
                                r.flag("is_shnor"),
                                0};
        if (!r.view("subject_area").empty()) t.subject_areas.insert(r.text("subject_area"));
        out.push_back(std::move(t));
      });
  return out;
}

std::vector<Member> memberships_of(Connection& c, std::int64_t person_id) {
  std::vector<Member> out;
  c.run(member_select() + " WHERE m.person_id = $1 ORDER BY m.starts_on DESC", {person_id},
        [&](const Row& r) { out.push_back(member_from(r)); });
  return out;
}

std::vector<TeamRow> team_rows(Connection& c, std::int64_t municipality_id) {
  std::vector<TeamRow> out;
  c.run(
      "SELECT o.id, COALESCE(o.short_name, o.name) AS organisation_name, o.is_shnor,"
      " COALESCE(m.person_id, 0) AS person_id, COALESCE(" +
          full_name("p") +
          ", '') AS person_name, COALESCE(ps.position, '') AS position, COALESCE(ps.subject_area, '') AS subject_area"
          " FROM organisations o"
          " LEFT JOIN positions ps ON ps.organisation_id = o.id AND " +
          registry::current_workplace("ps") +
          "  AND ps.person_id IN (SELECT person_id FROM active_members WHERE level = 'municipal' AND ends_on IS NULL)"
          " LEFT JOIN active_members m ON m.person_id = ps.person_id AND m.level = 'municipal' AND m.ends_on IS NULL"
          " LEFT JOIN persons p ON p.id = m.person_id"
          " WHERE o.kind = 'school' AND o.territory_id = $1 ORDER BY o.name, o.id, p.last_name",
      {municipality_id}, [&](const Row& r) {
        out.push_back({r.int64("id"), r.text("organisation_name"), r.flag("is_shnor"), r.int64("person_id"),
                       r.text("person_name"), r.text("position"), r.text("subject_area")});
      });
  return out;
}

std::int64_t insert_assignment(Connection& c, const Assignment& a) {
  return c.scalar(
      "INSERT INTO support_assignments (methodist_person_id, organisation_id, person_id, starts_on, created_at)"
      " VALUES ($1, $2, $3, $4, $5) RETURNING id",
      {a.methodist_person_id, id_or_null(a.organisation_id), id_or_null(a.person_id), a.starts_on,
       domain::utc_timestamp_now()});
}

std::optional<Assignment> find_assignment(Connection& c, std::int64_t id) {
  auto r = c.query_one(assignment_select() + " WHERE sa.id = $1", {id});
  if (!r) return std::nullopt;
  return assignment_from(*r);
}

void end_assignment(Connection& c, std::int64_t id, const std::string& ends_on) {
  c.execute("UPDATE support_assignments SET ends_on = $2 WHERE id = $1", {id, ends_on});
}

std::vector<Assignment> assignments_in(Connection& c, std::int64_t territory_id, const domain::Scope& scope) {
  Params params;
  const auto tree = registry::subtree(registry::placeholder(params, territory_id));
  // The territory filter narrows what the caller sees, never widens it: each
  // school or teacher supported must lie within the caller's own scope too.
  const auto school_seen = registry::organisation_scope(scope, params, "so");
  const auto teacher_seen = registry::person_scope(scope, params, "sa.person_id");
  std::vector<Assignment> out;
  c.run(
      assignment_select() + " WHERE sa.ends_on IS NULL AND ((so.territory_id IN " + tree + " AND " + school_seen +
          ") OR (sa.person_id IN (SELECT ps.person_id FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
          " WHERE " +
          registry::current_workplace("ps") + " AND o.territory_id IN " + tree + ") AND " + teacher_seen +
          ")) ORDER BY mp.last_name, mp.first_name, sa.id",
      params, [&](const Row& r) { out.push_back(assignment_from(r)); });
  return out;
}

std::vector<Assignment> assignments_of(Connection& c, std::int64_t methodist_person_id) {
  std::vector<Assignment> out;
  c.run(assignment_select() + " WHERE sa.methodist_person_id = $1 AND sa.ends_on IS NULL ORDER BY sa.id",
        {methodist_person_id}, [&](const Row& r) { out.push_back(assignment_from(r)); });
  return out;
}

bool assigned(Connection& c, std::int64_t methodist, std::optional<std::int64_t> organisation,
              std::optional<std::int64_t> person) {
  return c.scalar(
             "SELECT COUNT(*) FROM support_assignments WHERE methodist_person_id = $1 AND ends_on IS NULL"
             " AND (organisation_id = $2 OR person_id = $3)",
             {methodist, id_or_null(organisation), id_or_null(person)}) > 0;
}

domain::Support support_of(Connection& c, std::int64_t methodist_person_id, const std::string& today) {
  domain::Support s;
  c.run(
      "SELECT organisation_id, person_id FROM support_assignments WHERE methodist_person_id = $1"
      " AND starts_on <= $2 AND (ends_on IS NULL OR ends_on >= $2)",
      {methodist_person_id, today}, [&](const Row& r) {
        if (auto o = r.opt_int64("organisation_id")) s.organisations.push_back(*o);
        if (auto p = r.opt_int64("person_id")) s.persons.push_back(*p);
      });
  return s;
}

std::int64_t insert_activity(Connection& c, const Activity& a) {
  return c.scalar(
      "INSERT INTO methodist_activities (person_id, function, happened_on, title, organisation_id, participants,"
      " evidence, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {a.person_id, a.function, a.happened_on, a.title, id_or_null(a.organisation_id), id_or_null(a.participants),
       text_or_null(a.evidence), domain::utc_timestamp_now()});
}

std::vector<Activity> activities_of(Connection& c, std::int64_t person_id, const std::string& from,
                                    const std::string& to) {
  std::vector<Activity> out;
  c.run(
      "SELECT a.id, a.person_id, a.function, a.happened_on, a.title, a.organisation_id, a.participants,"
      " COALESCE(a.evidence, '') AS evidence, COALESCE(COALESCE(o.short_name, o.name), '') AS organisation_name"
      " FROM methodist_activities a"
      " LEFT JOIN organisations o ON o.id = a.organisation_id"
      " WHERE a.person_id = $1 AND a.happened_on >= $2 AND a.happened_on <= $3 ORDER BY a.happened_on DESC, a.id DESC",
      {person_id, from, to}, [&](const Row& r) {
        out.push_back({r.int64("id"), r.int64("person_id"), r.text("function"), r.text("happened_on"), r.text("title"),
                       r.opt_int64("organisation_id"), r.opt_int64("participants"), r.text("evidence"),
                       r.text("organisation_name")});
      });
  return out;
}

std::vector<ActivityCount> activity_counts(Connection& c, std::int64_t territory_id, const std::string& level,
                                           const std::string& from, const std::string& to) {
  Params params{from, to, level};
  std::vector<ActivityCount> out;
  c.run(
      "SELECT m.person_id, " + full_name("p") +
          " AS person_name, a.function, COUNT(*) AS activities, COALESCE(SUM(a.participants), 0) AS participants"
          " FROM active_members m JOIN persons p ON p.id = m.person_id"
          " JOIN methodist_activities a ON a.person_id = m.person_id AND a.happened_on >= $1 AND a.happened_on <= $2"
          " WHERE m.level = $3 AND m.starts_on <= $2 AND (m.ends_on IS NULL OR m.ends_on >= $1) AND m.territory_id IN " +
          registry::subtree(registry::placeholder(params, territory_id)) +
          " GROUP BY m.person_id, p.last_name, p.first_name, p.middle_name, a.function ORDER BY p.last_name, p.first_name, a.function",
      params, [&](const Row& r) {
        out.push_back({r.int64("person_id"), r.text("person_name"), r.text("function"), r.int64("activities"),
                       r.int64("participants")});
      });
  return out;
}

std::int64_t insert_message(Connection& c, const Message& m) {
  return c.scalar(
      "INSERT INTO support_messages (methodist_person_id, person_id, from_methodist, body, created_at)"
      " VALUES ($1, $2, $3, $4, $5) RETURNING id",
      {m.methodist_person_id, m.person_id, flag(m.from_methodist), m.body, domain::utc_timestamp_now()});
}

std::vector<Message> thread(Connection& c, std::int64_t methodist, std::int64_t person, std::size_t limit) {
  std::vector<Message> out;
  c.run(
      "SELECT id, methodist_person_id, person_id, from_methodist, body, created_at, COALESCE(read_at, '') AS read_at"
      " FROM support_messages WHERE methodist_person_id = $1 AND person_id = $2 ORDER BY id DESC LIMIT $3",
      {methodist, person, static_cast<std::int64_t>(limit)}, [&](const Row& r) {
        out.push_back({r.int64("id"), r.int64("methodist_person_id"), r.int64("person_id"), r.flag("from_methodist"),
                       r.text("body"), r.text("created_at"), r.text("read_at")});
      });
  std::reverse(out.begin(), out.end());
  return out;
}

void mark_thread_read(Connection& c, std::int64_t methodist, std::int64_t person, bool reader_is_methodist) {
  c.execute(
      "UPDATE support_messages SET read_at = $4 WHERE methodist_person_id = $1 AND person_id = $2"
      " AND from_methodist = $3 AND read_at IS NULL",
      {methodist, person, flag(!reader_is_methodist), domain::utc_timestamp_now()});
}

std::map<std::int64_t, std::int64_t> unread_for_methodist(Connection& c, std::int64_t methodist) {
  std::map<std::int64_t, std::int64_t> out;
  c.run(
      "SELECT person_id, COUNT(*) AS unread FROM support_messages WHERE methodist_person_id = $1 AND from_methodist = 0"
      " AND read_at IS NULL GROUP BY person_id",
      {methodist}, [&](const Row& r) { out[r.int64("person_id")] = r.int64("unread"); });
  return out;
}

std::int64_t insert_feedback(Connection& c, const Feedback& f) {
  return c.scalar(
      "INSERT INTO support_feedback (methodist_person_id, person_id, rating, comment, given_on)"
      " VALUES ($1, $2, $3, $4, $5) RETURNING id",
      {f.methodist_person_id, f.person_id, std::int64_t{f.rating}, text_or_null(f.comment), f.given_on});
}

std::vector<Feedback> feedback_for(Connection& c, std::int64_t methodist) {
  std::vector<Feedback> out;
  c.run(
      "SELECT id, methodist_person_id, person_id, rating, COALESCE(comment, '') AS comment, given_on FROM support_feedback"
      " WHERE methodist_person_id = $1 ORDER BY given_on DESC, id DESC",
      {methodist}, [&](const Row& r) {
        out.push_back({r.int64("id"), r.int64("methodist_person_id"), r.int64("person_id"),
                       static_cast<int>(r.int64("rating")), r.text("comment"), r.text("given_on")});
      });
  return out;
}

std::vector<Supporter> supporters_of(Connection& c, std::int64_t person_id, const std::string& today) {
  std::vector<Supporter> out;
  c.run("SELECT DISTINCT sa.methodist_person_id, " + full_name("mp") +
            " AS name, CASE WHEN sa.person_id = $1 THEN 1 ELSE 0 END AS directly"
            " FROM support_assignments sa JOIN persons mp ON mp.id = sa.methodist_person_id"
            " WHERE sa.starts_on <= $2 AND (sa.ends_on IS NULL OR sa.ends_on >= $2) AND (sa.person_id = $1"
            " OR sa.organisation_id IN (SELECT organisation_id FROM positions WHERE person_id = $1 AND " +
            registry::current_workplace("positions") +
            "))"
            " ORDER BY 2",
        {person_id, today}, [&](const Row& r) {
          out.push_back({r.int64("methodist_person_id"), r.text("name"), r.flag("directly")});
        });
  return out;
}

std::int64_t insert_plan_item(Connection& c, const PlanItem& p) {
  return c.scalar(
      "INSERT INTO active_plan_items (level, territory_id, school_year, title, direction, function, term,"
      " responsible, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, " +
          literal(domain::PlanItemStatus::planned) + ", $9) RETURNING id",
      {p.level, p.territory_id, p.school_year, p.title, p.direction, text_or_null(p.function), p.term,
       text_or_null(p.responsible), domain::utc_timestamp_now()});
}

namespace {
PlanItem plan_item_from(const Row& r) {
  return {r.int64("id"),
          r.text("level"),
          r.int64("territory_id"),
          r.text("school_year"),
          r.text("title"),
          r.text("direction"),
          r.text("function"),
          r.text("term"),
          r.text("responsible"),
          domain::stored_value<domain::PlanItemStatus>(domain::plan_item_statuses(), r.view("status")),
          r.text("report")};
}
const char* const kPlanSelect =
    "SELECT id, level, territory_id, school_year, title, direction, COALESCE(function, '') AS function, term, COALESCE(responsible, '') AS responsible,"
    " status, COALESCE(report, '') AS report FROM active_plan_items";
}  // namespace

std::optional<PlanItem> find_plan_item(Connection& c, std::int64_t id) {
  auto r = c.query_one(std::string(kPlanSelect) + " WHERE id = $1", {id});
  if (!r) return std::nullopt;
  return plan_item_from(*r);
}

void update_plan_item(Connection& c, std::int64_t id, domain::PlanItemStatus status, const std::string& report) {
  c.execute("UPDATE active_plan_items SET status = $2, report = $3 WHERE id = $1",
            {id, std::string(domain::code_of(status)), text_or_null(report)});
}

std::vector<PlanItem> plan_of(Connection& c, std::int64_t territory_id, const std::string& level,
                              const std::string& school_year) {
  std::vector<PlanItem> out;
  c.run(std::string(kPlanSelect) + " WHERE territory_id = $1 AND level = $2 AND school_year = $3 ORDER BY id",
        {territory_id, level, school_year}, [&](const Row& r) { out.push_back(plan_item_from(r)); });
  return out;
}

}  // namespace metodist::storage::active
