#include "storage/registry_sql.hpp"

#include "domain/text.hpp"

namespace metodist::storage::registry {

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
      " WHERE ps.position IN " +
      in_list(domain::positions(), domain::is_teaching_position) + " AND o.kind IN " +
      in_list(domain::organisation_kinds(), domain::is_educational_kind) +
      " AND (ps.hired_on IS NULL OR ps.hired_on <= $1) AND (ps.left_on IS NULL OR ps.left_on >= $1)";
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
                    placeholder(params, *s.person) + " AND " + current_workplace("positions") + ")");
  return any_of(parts);
}

std::string person_scope(const domain::Scope& s, Params& params, const std::string& person_id,
                         const std::pair<std::string, std::string>& row) {
  if (s.everything) return "1 = 1";
  std::vector<std::string> parts;
  if (s.person) parts.push_back(person_id + " = " + placeholder(params, *s.person));
  if (!s.persons.empty()) parts.push_back(person_id + " IN " + placeholders<std::int64_t>(params, s.persons));
  domain::Scope workplaces = s;
  workplaces.person.reset();  // the person's own workplaces are not someone else's scope
  workplaces.persons.clear();
  if (!workplaces.empty() && !row.first.empty())
    parts.push_back("(" + current_workplace(row.first) + " AND " + organisation_scope(workplaces, params, row.second) +
                    ")");
  if (!workplaces.empty())
    parts.push_back(
        "EXISTS (SELECT 1 FROM positions scope_ps JOIN organisations scope_o ON scope_o.id = scope_ps.organisation_id"
        " WHERE scope_ps.person_id = " +
        person_id + " AND " + current_workplace("scope_ps") + " AND " +
        organisation_scope(workplaces, params, "scope_o") + ")");
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
    parts.push_back(
        alias + ".id IN " +
        ancestors_or_self("(SELECT territory_id FROM organisations WHERE id = " + placeholder(params, o) + ")"));
  if (s.person)
    parts.push_back(alias +
                    ".id IN (SELECT t2.id FROM territories t2, organisations o2, positions p2 WHERE p2.person_id = " +
                    placeholder(params, *s.person) +
                    " AND o2.id = p2.organisation_id AND t2.id IN (o2.territory_id, (SELECT parent_id FROM territories"
                    " WHERE id = o2.territory_id)))");
  return any_of(parts);
}

const char* const kTerritoryColumns =
    "t.id, t.parent_id, t.level, t.code, t.name, t.oktmo, t.subject_number, t.municipality_kind, t.abolished_on,"
    " t.merged_into_id, t.time_zone";

domain::Territory territory_from(const Row& r) {
  domain::Territory t{r.int64("id"), r.opt_int64("parent_id"), r.text("level"), r.text("code"), r.text("name")};
  t.oktmo = r.text("oktmo");
  if (auto n = r.opt_int64("subject_number")) t.subject_number = static_cast<int>(*n);
  t.municipality_kind = r.text("municipality_kind");
  t.abolished_on = r.text("abolished_on");
  t.merged_into_id = r.opt_int64("merged_into_id");
  t.time_zone = r.text("time_zone");
  return t;
}

const char* const kOrgColumns =
    "o.id, o.code, o.name, o.short_name, o.kind, o.territory_id, o.inn, o.address, o.is_shnor, o.has_staff_plan,"
    " o.has_mentoring_model";

domain::Organisation organisation_from(const Row& r) {
  domain::Organisation o;
  o.id = r.int64("id");
  o.code = r.text("code");
  o.name = r.text("name");
  o.short_name = r.text("short_name");
  o.kind = r.text("kind");
  o.territory_id = r.int64("territory_id");
  o.inn = r.text("inn");
  o.address = r.text("address");
  o.is_shnor = r.flag("is_shnor");
  o.has_staff_plan = r.flag("has_staff_plan");
  o.has_mentoring_model = r.flag("has_mentoring_model");
  return o;
}

std::size_t next_slice(std::size_t left) {
  if (left >= kBatchRows) return kBatchRows;
  std::size_t n = 1;
  while (n * 2 <= left) n *= 2;
  return n;
}

std::string values_rows(std::size_t rows, std::size_t width, std::size_t first) {
  std::string out;
  std::size_t n = first;
  for (std::size_t r = 0; r < rows; ++r) {
    out += r ? ", (" : "(";
    for (std::size_t i = 0; i < width; ++i) out += (i ? ", $" : "$") + std::to_string(n++);
    out += ")";
  }
  return out;
}

std::string current_workplace(std::string_view alias) {
  const std::string a(alias);
  return "(" + a + ".left_on IS NULL OR " + a + ".left_on >= CURRENT_DATE)";
}

std::string escape_like(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  return out;
}

std::string organisation_search_key(const domain::Organisation& o) {
  return domain::fold_for_search(o.name + " " + o.short_name + " " + o.code + " " + o.inn);
}
std::string person_search_key(std::string_view last, std::string_view first, std::string_view middle,
                              std::string_view code) {
  std::string all;
  all.reserve(last.size() + first.size() + middle.size() + code.size() + 3);
  all.append(last).append(" ").append(first).append(" ").append(middle).append(" ").append(code);
  return domain::fold_for_search(all);
}
std::string person_search_key(const domain::Person& p) {
  return person_search_key(p.last_name, p.first_name, p.middle_name, p.code);
}

const char* const kPersonColumns =
    "p.id, p.code, p.last_name, p.first_name, p.middle_name, p.gender, p.birth_date, p.ped_experience_since,"
    " p.category, p.higher_ped_education, p.ped_university_graduate, p.snils";

domain::Person person_from(const Row& r) {
  return domain::Person{r.int64("id"),
                        r.text("code"),
                        r.text("last_name"),
                        r.text("first_name"),
                        r.text("middle_name"),
                        r.text("gender"),
                        r.text("birth_date"),
                        r.text("ped_experience_since"),
                        r.text("category"),
                        r.flag("higher_ped_education"),
                        r.flag("ped_university_graduate"),
                        r.text("snils")};
}

const char* const kPositionColumns =
    "ps.id AS position_id, ps.person_id, ps.organisation_id, ps.position, ps.subject_area, ps.subjects, ps.hired_on,"
    " ps.left_on";

domain::Position position_from(const Row& r) {
  return domain::Position{r.int64("position_id"), r.int64("person_id"), r.int64("organisation_id"), r.text("position"),
                          r.text("subject_area"), r.text("subjects"),   r.text("hired_on"),         r.text("left_on")};
}

}  // namespace metodist::storage::registry
