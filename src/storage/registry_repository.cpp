#include "storage/registry_repository.hpp"

#include "domain/date.hpp"
#include "domain/text.hpp"

namespace metodist::storage::registry {
namespace {

// Territories are three levels deep, so «this one and below» is two hops.
std::string subtree(const std::string& p) {
  return "(SELECT id FROM territories WHERE id = " + p + " OR parent_id = " + p +
         " OR parent_id IN (SELECT id FROM territories WHERE parent_id = " + p + "))";
}

std::string in_list(std::span<const domain::Term> terms, bool (*keep)(std::string_view) noexcept) {
  std::string out = "(";
  for (const auto& t : terms) {
    if (!keep(t.code)) continue;
    if (out.size() > 1) out += ", ";
    out += "'" + std::string(t.code) + "'";
  }
  return out + ")";
}

// Persons holding a teaching position in an educational organisation on $1.
const std::string& active_teaching_positions() {
  static const std::string sql =
      "SELECT ps.person_id FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
      " WHERE ps.position IN " + in_list(domain::positions(), domain::is_teaching_position) +
      " AND o.kind IN " + in_list(domain::organisation_kinds(), domain::is_educational_kind) +
      " AND (ps.hired_on IS NULL OR ps.hired_on <= $1) AND (ps.left_on IS NULL OR ps.left_on > $1)";
  return sql;
}

// Appends a parameter and returns its placeholder.
std::string placeholder(Params& params, Value v) {
  params.push_back(std::move(v));
  return "$" + std::to_string(params.size());
}

std::string ancestors_or_self(const std::string& p) {
  return "(SELECT id FROM territories WHERE id = " + p + " OR id = (SELECT parent_id FROM territories WHERE id = " + p +
         ") OR id = (SELECT parent_id FROM territories WHERE id = (SELECT parent_id FROM territories WHERE id = " + p +
         ")))";
}

std::string any_of(const std::vector<std::string>& parts) {
  if (parts.empty()) return "1 = 0";
  std::string out = "(";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " OR " : "") + parts[i];
  return out + ")";
}

// "Organisation <alias> is within the scope", as an SQL condition.
std::string organisation_scope(const domain::Scope& s, Params& params, const std::string& alias) {
  if (s.everything) return "1 = 1";
  std::vector<std::string> parts;
  for (auto t : s.territories) parts.push_back(alias + ".territory_id IN " + subtree(placeholder(params, t)));
  for (auto o : s.organisations) parts.push_back(alias + ".id = " + placeholder(params, o));
  if (s.person)
    parts.push_back(alias + ".id IN (SELECT organisation_id FROM positions WHERE person_id = " +
                    placeholder(params, *s.person) + " AND left_on IS NULL)");
  return any_of(parts);
}

// "Territory <alias> is visible": in a scoped subtree or above one.
std::string territory_scope(const domain::Scope& s, Params& params, const std::string& alias) {
  if (s.everything) return "1 = 1";
  std::vector<std::string> parts;
  for (auto t : s.territories) {
    const auto p = placeholder(params, t);
    parts.push_back(alias + ".id IN " + subtree(p));
    parts.push_back(alias + ".id IN " + ancestors_or_self(p));
  }
  for (auto o : s.organisations)
    parts.push_back(alias + ".id IN " + ancestors_or_self("(SELECT territory_id FROM organisations WHERE id = " +
                                                         placeholder(params, o) + ")"));
  if (s.person)
    parts.push_back(alias + ".id IN (SELECT t2.id FROM territories t2, organisations o2, positions p2 WHERE p2.person_id = " +
                    placeholder(params, *s.person) +
                    " AND o2.id = p2.organisation_id AND t2.id IN (o2.territory_id, (SELECT parent_id FROM territories"
                    " WHERE id = o2.territory_id)))");
  return any_of(parts);
}

domain::Territory territory_from(const Row& r) {
  return domain::Territory{r.int64(0), r.opt_int64(1), r.text(2), r.text(3), r.text(4)};
}

constexpr const char* kOrgColumns =
    "o.id, o.code, o.name, o.short_name, o.kind, o.territory_id, o.inn, o.address, o.is_shnor, o.has_staff_plan,"
    " o.has_mentoring_model";

domain::Organisation organisation_from(const Row& r) {
  domain::Organisation o;
  o.id = r.int64(0);
  o.code = r.text(1);
  o.name = r.text(2);
  o.short_name = r.text(3);
  o.kind = r.text(4);
  o.territory_id = r.int64(5);
  o.inn = r.text(6);
  o.address = r.text(7);
  o.is_shnor = r.flag(8);
  o.has_staff_plan = r.flag(9);
  o.has_mentoring_model = r.flag(10);
  return o;
}

std::string escape_like(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  return out;
}

}  // namespace

std::vector<domain::Territory> list_territories(Connection& c, const TerritoryFilter& f, const domain::Scope& scope) {
  Params params;
  std::string sql = "SELECT t.id, t.parent_id, t.level, t.code, t.name FROM territories t WHERE " +
                    territory_scope(scope, params, "t");
  if (f.parent_id) sql += " AND t.parent_id = " + placeholder(params, *f.parent_id);
  if (!f.level.empty()) sql += " AND t.level = " + placeholder(params, f.level);
  sql += " ORDER BY t.name, t.id";
  std::vector<domain::Territory> out;
  c.run(sql, params, [&](const Row& r) { out.push_back(territory_from(r)); });
  return out;
}

std::optional<domain::Territory> find_territory(Connection& c, std::int64_t id) {
  auto row = c.query_one("SELECT id, parent_id, level, code, name FROM territories WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return territory_from(*row);
}

bool territory_visible(Connection& c, std::int64_t id, const domain::Scope& scope) {
  Params params{id};
  return c.scalar("SELECT count(*) FROM territories t WHERE t.id = $1 AND " + territory_scope(scope, params, "t"),
                  params) > 0;
}

bool territory_covered(Connection& c, std::int64_t id, const domain::Scope& scope) {
  if (scope.everything) return true;
  Params params{id};
  std::vector<std::string> parts;
  for (auto t : scope.territories) parts.push_back("t.id IN " + subtree(placeholder(params, t)));
  return c.scalar("SELECT count(*) FROM territories t WHERE t.id = $1 AND " + any_of(parts), params) > 0;
}

std::int64_t insert_territory(Connection& c, const domain::Territory& t) {
  return c.scalar(
      "INSERT INTO territories (parent_id, level, code, name, search_key) VALUES ($1, $2, $3, $4, $5) RETURNING id",
      {id_or_null(t.parent_id), t.level, t.code, t.name, domain::fold_for_search(t.name)});
}

bool is_organisation_sort_key(const std::string& key) {
  const std::string k = key.starts_with('-') ? key.substr(1) : key;
  return k == "name" || k == "code" || k == "kind" || k == "territory";
}

OrganisationPage list_organisations(Connection& c, const OrganisationFilter& f, const domain::Scope& scope) {
  Params params;
  auto next = [&](Value v) { return placeholder(params, std::move(v)); };
  std::string where = " WHERE " + organisation_scope(scope, params, "o");
  if (!f.query.empty()) where += " AND o.search_key LIKE " + next("%" + escape_like(f.query) + "%") + " ESCAPE '\\'";
  if (f.territory) where += " AND o.territory_id IN " + subtree(next(*f.territory));
  if (!f.kind.empty()) where += " AND o.kind = " + next(f.kind);
  if (f.shnor) where += " AND o.is_shnor = " + next(flag(*f.shnor));

  OrganisationPage page;
  page.total = c.scalar("SELECT count(*) FROM organisations o" + where, params);

  const bool desc = f.sort.starts_with('-');
  const std::string key = desc ? f.sort.substr(1) : f.sort;
  std::string order = key == "code" ? "o.code" : key == "kind" ? "o.kind" : key == "territory" ? "t.name" : "o.name";
  order += desc ? " DESC" : " ASC";
  std::string sql = std::string("SELECT ") + kOrgColumns +
                    " FROM organisations o JOIN territories t ON t.id = o.territory_id" + where + " ORDER BY " +
                    order + ", o.id LIMIT " + next(f.limit);
  sql += " OFFSET " + next(f.offset);
  c.run(sql, params, [&](const Row& r) { page.items.push_back(organisation_from(r)); });
  return page;
}

std::optional<domain::Organisation> find_organisation(Connection& c, std::int64_t id) {
  static const std::string sql = std::string("SELECT ") + kOrgColumns + " FROM organisations o WHERE o.id = $1";
  auto row = c.query_one(sql, {id});
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
      {o.code, o.name, text_or_null(o.short_name), o.kind, o.territory_id, text_or_null(o.inn),
       text_or_null(o.address), flag(o.is_shnor), flag(o.has_staff_plan), flag(o.has_mentoring_model),
       domain::fold_for_search(o.name + " " + o.short_name + " " + o.code + " " + o.inn), now});
}

std::int64_t insert_person(Connection& c, const domain::Person& p) {
  const auto now = domain::utc_timestamp_now();
  return c.scalar(
      "INSERT INTO persons (code, last_name, first_name, middle_name, gender, birth_date, ped_experience_since,"
      " category, higher_ped_education, ped_university_graduate, search_key, created_at, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
      {p.code, p.last_name, p.first_name, text_or_null(p.middle_name), text_or_null(p.gender),
       text_or_null(p.birth_date), text_or_null(p.ped_experience_since), p.category, flag(p.higher_ped_education),
       flag(p.ped_university_graduate),
       domain::fold_for_search(p.last_name + " " + p.first_name + " " + p.middle_name), now});
}

std::optional<domain::Person> find_person(Connection& c, std::int64_t id) {
  auto r = c.query_one(
      "SELECT id, code, last_name, first_name, middle_name, gender, birth_date, ped_experience_since, category,"
      " higher_ped_education, ped_university_graduate FROM persons WHERE id = $1",
      {id});
  if (!r) return std::nullopt;
  return domain::Person{r->int64(0), r->text(1), r->text(2), r->text(3), r->text(4), r->text(5),
                        r->text(6), r->text(7), r->text(8), r->flag(9), r->flag(10)};
}

bool person_in_scope(Connection& c, std::int64_t id, const domain::Scope& scope) {
  if (scope.everything) return true;
  if (scope.person && *scope.person == id) return true;
  domain::Scope workplaces = scope;
  workplaces.person.reset();  // the person clause above covers it
  Params params{id};
  return c.scalar("SELECT count(*) FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
                  " WHERE ps.person_id = $1 AND ps.left_on IS NULL AND " +
                      organisation_scope(workplaces, params, "o"),
                  params) > 0;
}

std::vector<PositionView> positions_of(Connection& c, std::int64_t person_id) {
  std::vector<PositionView> out;
  c.run("SELECT ps.id, ps.person_id, ps.organisation_id, ps.position, ps.subject_area, ps.subjects, ps.hired_on,"
        " ps.left_on, o.name FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
        " WHERE ps.person_id = $1 ORDER BY ps.left_on IS NOT NULL, ps.hired_on DESC, ps.id",
        {person_id}, [&](const Row& r) {
          out.push_back({domain::Position{r.int64(0), r.int64(1), r.int64(2), r.text(3), r.text(4), r.text(5),
                                          r.text(6), r.text(7)},
                         r.text(8)});
        });
  return out;
}

std::int64_t insert_position(Connection& c, const domain::Position& p) {
  return c.scalar(
      "INSERT INTO positions (person_id, organisation_id, position, subject_area, subjects, hired_on, left_on)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {p.person_id, p.organisation_id, p.position, text_or_null(p.subject_area), text_or_null(p.subjects),
       text_or_null(p.hired_on), text_or_null(p.left_on)});
}

Summary summary(Connection& c, std::optional<std::int64_t> territory, const std::string& on_date,
                const domain::Scope& scope) {
  Summary s;
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
  c.run("SELECT o.kind, count(*), sum(o.is_shnor) FROM organisations o" + orgs + " GROUP BY o.kind ORDER BY count(*) DESC, o.kind",
        q, [&](const Row& r) {
          s.organisations_by_kind.emplace_back(r.text(0), r.int64(1));
          s.organisations += r.int64(1);
          if (domain::is_educational_kind(r.text(0))) {
            s.educational_organisations += r.int64(1);
            s.shnor += r.int64(2);
          }
        });

  Params w{on_date};
  std::string workers = active_teaching_positions() + " AND " + organisation_scope(scope, w, "o");
  if (territory) workers += " AND o.territory_id IN " + subtree(placeholder(w, *territory));
  c.run("SELECT p.category, count(*) FROM persons p WHERE p.id IN (" + workers + ") GROUP BY p.category ORDER BY p.category",
        w, [&](const Row& r) {
          s.workers_by_category.emplace_back(r.text(0), r.int64(1));
          s.pedagogical_workers += r.int64(1);
        });
  return s;
}

}  // namespace metodist::storage::registry
