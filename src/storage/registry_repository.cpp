#include "storage/registry_repository.hpp"

#include <algorithm>

#include "storage/data_quality_repository.hpp"
#include "storage/registry_sql.hpp"

#include "domain/date.hpp"
#include "domain/text.hpp"

namespace metodist::storage::registry {

bool is_organisation_sort_key(const std::string& key) {
  const std::string k = key.starts_with('-') ? key.substr(1) : key;
  return k == "name" || k == "code" || k == "kind" || k == "territory";
}

namespace {

// The WHERE clause of an organisation list (alias «o»), its filters and scope.
std::string organisation_where(const OrganisationFilter& f, const domain::Scope& scope, Params& params) {
  auto next = [&](Value v) { return placeholder(params, std::move(v)); };
  std::string where = " WHERE " + organisation_scope(scope, params, "o");
  if (!f.query.empty()) where += " AND o.search_key LIKE " + next("%" + escape_like(f.query) + "%") + " ESCAPE '\\'";
  if (f.territory) where += " AND o.territory_id IN " + subtree(next(*f.territory));
  if (!f.kind.empty()) where += " AND o.kind = " + next(f.kind);
  if (f.shnor) where += " AND o.is_shnor = " + next(flag(*f.shnor));
  return where;
}

// The sort's columns, ending with the id that makes the order total (keyset paging needs it).
std::vector<keyset::SortColumn> organisation_order(const std::string& sort) {
  const bool desc = sort.starts_with('-');
  const std::string key = desc ? sort.substr(1) : sort;
  std::string order = key == "code" ? "o.code" : key == "kind" ? "o.kind" : key == "territory" ? "t.name" : "o.name";
  return {{order, desc}, {"o.id", false, true}};
}

}  // namespace

OrganisationPage list_organisations(Connection& c, const OrganisationFilter& f, const domain::Scope& scope) {
  Params params;
  const std::string where = organisation_where(f, scope, params);
  const keyset::PagePlan plan(f.sort, organisation_order(f.sort), f.page);
  std::string sql = std::string("SELECT ") + kOrgColumns + plan.key_columns() +
                    " FROM organisations o JOIN territories t ON t.id = o.territory_id" + where;
  const std::size_t where_params = params.size();
  sql += plan.tail(params);
  auto page = plan.read<domain::Organisation>(c, sql, params, organisation_from);
  params.resize(where_params);  // the count takes the filter's parameters, not the page's
  const auto total = page.total ? *page.total : c.scalar("SELECT count(*) FROM organisations o" + where, params);
  return {std::move(page.items), total, std::move(page.links)};
}

void each_organisation(Connection& c, const OrganisationFilter& f, const domain::Scope& scope,
                       const std::function<void(const domain::Organisation&, const std::string&)>& on_row) {
  Params params;
  const std::string sql =
      std::string("SELECT ") + kOrgColumns +
      ", t.code AS territory_code FROM organisations o JOIN territories t ON t.id = o.territory_id" +
      organisation_where(f, scope, params) + keyset::order_by(organisation_order(f.sort));
  c.run(sql, params, [&](const Row& r) { on_row(organisation_from(r), r.text("territory_code")); });
}

std::optional<domain::Organisation> find_organisation(Connection& c, std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + kOrgColumns + " FROM organisations o WHERE o.id = $1";
  auto row = c.query_one(sql, {id});
  if (!row) return std::nullopt;
  return organisation_from(*row);
}

std::optional<domain::Organisation> find_visible_organisation(Connection& c, std::int64_t id,
                                                              const domain::Scope& scope) {
  Params params{id};
  auto row = c.query_one(std::string("SELECT ") + kOrgColumns + " FROM organisations o WHERE o.id = $1 AND " +
                             organisation_scope(scope, params, "o"),
                         params);
  if (!row) return std::nullopt;
  return organisation_from(*row);
}

bool organisation_visible(Connection& c, std::int64_t id, const domain::Scope& scope) {
  Params params{id};
  return c.scalar("SELECT count(*) FROM organisations o WHERE o.id = $1 AND " + organisation_scope(scope, params, "o"),
                  params) > 0;
}

std::int64_t insert_organisation(Connection& c, const domain::Organisation& o) {
  const auto now = domain::utc_timestamp_now();
  return c.scalar(
      "INSERT INTO organisations (code, name, short_name, kind, territory_id, inn, address, is_shnor,"
      " has_staff_plan, has_mentoring_model, search_key, created_at, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
      {o.code, o.name, text_or_null(o.short_name), o.kind, o.territory_id, text_or_null(o.inn), text_or_null(o.address),
       flag(o.is_shnor), flag(o.has_staff_plan), flag(o.has_mentoring_model), organisation_search_key(o), now});
}

void update_organisation(Connection& c, const domain::Organisation& o) {
  c.execute(
      "UPDATE organisations SET code = $2, name = $3, short_name = $4, kind = $5, territory_id = $6, inn = $7,"
      " address = $8, is_shnor = $9, has_staff_plan = $10, has_mentoring_model = $11, search_key = $12,"
      " updated_at = $13 WHERE id = $1",
      {o.id, o.code, o.name, text_or_null(o.short_name), o.kind, o.territory_id, text_or_null(o.inn),
       text_or_null(o.address), flag(o.is_shnor), flag(o.has_staff_plan), flag(o.has_mentoring_model),
       organisation_search_key(o), domain::utc_timestamp_now()});
}

std::int64_t insert_person(Connection& c, const domain::Person& p) {
  const auto now = domain::utc_timestamp_now();
  return c.scalar(
      "INSERT INTO persons (code, last_name, first_name, middle_name, gender, birth_date, ped_experience_since,"
      " category, higher_ped_education, ped_university_graduate, search_key, created_at, updated_at, snils)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id",
      {p.code, p.last_name, p.first_name, text_or_null(p.middle_name), text_or_null(p.gender),
       text_or_null(p.birth_date), text_or_null(p.ped_experience_since), p.category, flag(p.higher_ped_education),
       flag(p.ped_university_graduate), person_search_key(p), now, text_or_null(p.snils)});
}

void update_person(Connection& c, const domain::Person& p) {
  c.execute(
      "UPDATE persons SET code = $2, last_name = $3, first_name = $4, middle_name = $5, gender = $6, birth_date = $7,"
      " ped_experience_since = $8, category = $9, higher_ped_education = $10, ped_university_graduate = $11,"
      " search_key = $12, updated_at = $13, snils = $14 WHERE id = $1",
      {p.id, p.code, p.last_name, p.first_name, text_or_null(p.middle_name), text_or_null(p.gender),
       text_or_null(p.birth_date), text_or_null(p.ped_experience_since), p.category, flag(p.higher_ped_education),
       flag(p.ped_university_graduate), person_search_key(p), domain::utc_timestamp_now(), text_or_null(p.snils)});
}

std::optional<domain::Person> find_person(Connection& c, std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + kPersonColumns + " FROM persons p WHERE p.id = $1";
  auto r = c.query_one(sql, {id});
  if (!r) return std::nullopt;
  return person_from(*r);
}

bool person_in_scope(Connection& c, std::int64_t id, const domain::Scope& scope) {
  if (scope.everything) return true;
  Params params{id};
  return c.scalar("SELECT count(*) FROM persons p WHERE p.id = $1 AND " + person_scope(scope, params, "p.id"), params) >
         0;
}

bool person_worked_in_scope(Connection& c, std::int64_t id, const domain::Scope& scope) {
  if (person_in_scope(c, id, scope)) return true;
  domain::Scope workplaces = scope;
  workplaces.person.reset();
  Params params{id};
  return c.scalar(
             "SELECT count(*) FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
             " WHERE ps.person_id = $1 AND " +
                 organisation_scope(workplaces, params, "o"),
             params) > 0;
}

std::vector<PositionView> positions_of(Connection& c, std::int64_t person_id) {
  std::vector<PositionView> out;
  static const std::string sql = std::string("SELECT ") + kPositionColumns +
                                 ", o.name FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
                                 " WHERE ps.person_id = $1 ORDER BY ps.left_on IS NOT NULL, ps.hired_on DESC, ps.id";
  c.run(sql, {person_id}, [&](const Row& r) { out.push_back({position_from(r), r.text("name")}); });
  return out;
}

std::int64_t insert_position(Connection& c, const domain::Position& p) {
  return c.scalar(
      "INSERT INTO positions (person_id, organisation_id, position, subject_area, subjects, hired_on, left_on)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {p.person_id, p.organisation_id, p.position, text_or_null(p.subject_area), text_or_null(p.subjects),
       text_or_null(p.hired_on), text_or_null(p.left_on)});
}

std::optional<domain::Position> find_position(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string("SELECT ") + kPositionColumns + " FROM positions ps WHERE ps.id = $1", {id});
  if (!row) return std::nullopt;
  return position_from(*row);
}

void update_position(Connection& c, const domain::Position& p) {
  c.execute("UPDATE positions SET subject_area = $1, subjects = $2, hired_on = $3, left_on = $4 WHERE id = $5",
            {text_or_null(p.subject_area), text_or_null(p.subjects), text_or_null(p.hired_on), text_or_null(p.left_on),
             p.id});
}

namespace {

// WHERE of the staff list: current workplaces in scope. Organisations are
// asked through a subquery, so the count reads positions alone (persons only
// when a filter names them, see staff_count_from) and the page, joined for its
// columns, can walk persons in name order and stop at the limit. Person
// filters stay a join: as `IN (SELECT …)` SQLite, without statistics, looked
// up every pair of the two lists (0.8 s for a name search in a region).
// `walk_names`: the page is read walking persons by name (list_staff), so the
// workplace's organisation is checked against the list, not searched by it.
std::string staff_where(const StaffFilter& f, const domain::Scope& scope, Params& params, bool walk_names = false) {
  auto next = [&](Value v) { return placeholder(params, std::move(v)); };
  auto workplace_in = [&](const std::string& condition) {
    return std::string(walk_names ? "+" : "") + "ps.organisation_id IN (SELECT w.id FROM organisations w WHERE " +
           condition + ")";
  };
  std::string where = " WHERE " + current_workplace("ps");
  // The filters come before the scope: with equal estimates SQLite drives the
  // query by the first list, and a municipality's is smaller than the region's.
  if (f.organisation) where += " AND ps.organisation_id = " + next(*f.organisation);
  if (f.territory) where += " AND " + workplace_in("w.territory_id IN " + subtree(next(*f.territory)));
  if (!f.query.empty()) where += " AND p.search_key LIKE " + next("%" + escape_like(f.query) + "%") + " ESCAPE '\\'";
  if (!f.category.empty()) where += " AND p.category = " + next(f.category);
  if (!f.position.empty()) where += " AND ps.position = " + next(f.position);
  if (!f.subject_area.empty()) where += " AND ps.subject_area = " + next(f.subject_area);
  if (!f.incomplete.empty()) where += " AND " + data_quality::missing_condition(f.incomplete);
  if (!scope.everything) {
    domain::Scope workplaces = scope;
    workplaces.person.reset();
    const std::string in_scope = workplace_in(organisation_scope(workplaces, params, "w"));
    where += " AND " + (scope.person ? "(" + in_scope + " OR ps.person_id = " + next(*scope.person) + ")" : in_scope);
  }
  return where;
}

std::string staff_count_from(const StaffFilter& f) {
  const bool names_person = !f.query.empty() || !f.category.empty() || !f.incomplete.empty();
  return names_person ? "SELECT count(*) FROM positions ps JOIN persons p ON p.id = ps.person_id"
                      : "SELECT count(*) FROM positions ps";
}

// The sort's columns, ending with the workplace id that makes the order total.
// A missing middle name sorts as an empty one (keyset paging compares keys,
// and NULL compares with nothing; the engines also put NULLs at opposite ends).
std::vector<keyset::SortColumn> staff_order(const std::string& sort) {
  const bool desc = sort.starts_with('-');
  const std::string key = desc ? sort.substr(1) : sort;
  const keyset::SortColumn id{"ps.id", false, true};
  if (key == "code") return {{"p.code", desc}, id};
  if (key == "organisation") return {{"o.name", desc}, {"p.last_name"}, {"p.first_name"}, id};
  if (key == "category") return {{"p.category", desc}, {"p.last_name"}, {"p.first_name"}, id};
  return {{"p.last_name", desc}, {"p.first_name", desc}, {"coalesce(p.middle_name, '')", desc}, id};
}

// Row columns: person, position, organisation code and name, whether the
// personal scope covers this workplace (else personal fields are withheld),
// then `more` (a page's sort key).
std::string staff_select(const domain::Scope& personal, Params& params, const std::string& more = {},
                         bool walk_names = false) {
  // The person's card decides (person_scope), not the row's workplace: a
  // person working in two schools shows the same fields on every row.
  // CROSS JOIN is SQLite's way to fix the join order (persons first).
  return std::string("SELECT ") + kPersonColumns + ", " + kPositionColumns +
         ", o.code AS organisation_code, o.name AS organisation_name, CASE WHEN " +
         person_scope(personal, params, "p.id", {"ps", "o"}) + " THEN 1 ELSE 0 END AS personal_data" + more +
         (walk_names ? " FROM persons p CROSS JOIN positions ps ON p.id = ps.person_id"
                     : " FROM positions ps JOIN persons p ON p.id = ps.person_id") +
         " JOIN organisations o ON o.id = ps.organisation_id";
}

// SQLite has no statistics to tell a region's thirty thousand workplaces
// from a school's fifty, and for a page sorted by name it sorts every
// workplace of the scope to show twenty (a region's first page 12 ms, the
// federation's 263 ms). When the scope holds a large share of the registry,
// walking the persons' name index and keeping the workplaces in scope finds
// the page after about persons × page / total persons — a few hundred; for a
// small scope that walk would read the whole registry, so the sort stays.
// PostgreSQL plans by its statistics.
bool walk_names(Connection& c, const StaffFilter& f, std::int64_t total, std::int64_t page) {
  if (c.backend() != Backend::sqlite) return false;  // (and CROSS JOIN … ON is SQLite's own)
  if (f.walk_names) return *f.walk_names;
  const std::string key = f.sort.starts_with('-') ? f.sort.substr(1) : f.sort;
  if (key != "name" || f.page.offset > 0 || total < 1000) return false;
  const auto persons = c.scalar("SELECT coalesce(max(id), 0) FROM persons");  // rowid: no scan
  return persons * (page + 1) <= total * total / 8;
}

StaffRow staff_from(const Row& r) {
  StaffRow s;
  s.person = person_from(r);
  s.position = position_from(r);
  s.organisation_code = r.text("organisation_code");
  s.organisation_name = r.text("organisation_name");
  s.personal_data = r.flag("personal_data");
  if (!s.personal_data) domain::withhold_personal(s.person);
  return s;
}

}  // namespace

bool is_staff_sort_key(const std::string& key) {
  const std::string k = key.starts_with('-') ? key.substr(1) : key;
  return k == "name" || k == "code" || k == "organisation" || k == "category";
}

StaffPage list_staff(Connection& c, const StaffFilter& f, const domain::Scope& scope, const domain::Scope& personal,
                     std::optional<std::int64_t> known_total) {
  Params count_params;
  const auto total =
      known_total ? *known_total : c.scalar(staff_count_from(f) + staff_where(f, scope, count_params), count_params);
  const keyset::PagePlan plan(f.sort, staff_order(f.sort), f.page);
  const bool walk = walk_names(c, f, total, f.page.limit);
  Params params;
  std::string sql = staff_select(personal, params, plan.key_columns(), walk);
  sql += staff_where(f, scope, params, walk) + plan.tail(params);
  auto page = plan.read<StaffRow>(c, sql, params, staff_from);
  return {std::move(page.items), total, std::move(page.links)};
}

void each_staff(Connection& c, const StaffFilter& f, const domain::Scope& scope, const domain::Scope& personal,
                const std::function<void(const StaffRow&)>& on_row) {
  Params params;
  std::string sql = staff_select(personal, params);
  sql += staff_where(f, scope, params) + keyset::order_by(staff_order(f.sort));
  c.run(sql, params, [&](const Row& r) { on_row(staff_from(r)); });
}

Summary summary(Connection& c, std::optional<std::int64_t> territory, const std::string& on_date,
                const domain::Scope& scope) {
  Summary s;
  count_organisations(c, territory, scope, s);
  count_workers(c, territory, on_date, scope, s);
  return s;
}

void count_organisations(Connection& c, std::optional<std::int64_t> territory, const domain::Scope& scope, Summary& s) {
  Params p;
  // Municipalities the scope covers (a school's administrator covers none).
  std::string munis = "SELECT count(*) FROM territories t WHERE t.level = 'municipality'";
  if (territory) munis += " AND t.id IN " + subtree(placeholder(p, *territory));
  if (!scope.everything) {
    std::vector<std::string> parts;
    for (auto t : scope.territories) parts.push_back("t.id IN " + subtree(placeholder(p, t)));
    munis += " AND " + any_of(parts);
  }
  s.municipalities = c.scalar(munis, p);

  Params q;
  std::string orgs = " WHERE " + organisation_scope(scope, q, "o");
  if (territory) orgs += " AND o.territory_id IN " + subtree(placeholder(q, *territory));
  c.run("SELECT o.kind, count(*) AS total, sum(o.is_shnor) AS shnor FROM organisations o" + orgs +
            " GROUP BY o.kind ORDER BY count(*) DESC, o.kind",
        q, [&](const Row& r) {
          s.organisations_by_kind.emplace_back(r.text("kind"), r.int64("total"));
          s.organisations += r.int64("total");
          if (domain::is_educational_kind(r.text("kind"))) {
            s.educational_organisations += r.int64("total");
            s.shnor += r.int64("shnor");
          }
        });
}

void count_workers(Connection& c, std::optional<std::int64_t> territory, const std::string& on_date,
                   const domain::Scope& scope, Summary& s) {
  Params w{on_date};
  std::string workers = active_teaching_positions() + " AND " + organisation_scope(scope, w, "o");
  if (territory) workers += " AND o.territory_id IN " + subtree(placeholder(w, *territory));
  c.run("SELECT p.category, count(*) AS total FROM persons p WHERE p.id IN (" + workers +
            ") GROUP BY p.category ORDER BY p.category",
        w, [&](const Row& r) {
          s.workers_by_category.emplace_back(r.text("category"), r.int64("total"));
          s.pedagogical_workers += r.int64("total");
        });
}

}  // namespace metodist::storage::registry
