#include "storage/data_quality_repository.hpp"

#include "domain/registry.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::data_quality {
namespace {

const std::string& teaching_positions() {
  static const std::string list = registry::in_list(domain::positions(), domain::is_teaching_position);
  return list;
}

}  // namespace

std::string missing_condition(std::string_view field) {
  if (field == "birth_date") return "p.birth_date IS NULL";
  if (field == "ped_experience_since") return "p.ped_experience_since IS NULL";
  if (field == "snils") return "p.snils IS NULL";
  if (field == "subject_area") {
    return "(ps.position IN " + teaching_positions() + " AND ps.subject_area IS NULL)";
  }
  std::string any;
  for (const auto& f : domain::quality_fields()) any += (any.empty() ? "(" : " OR ") + missing_condition(f.code);
  return any + ")";
}

std::vector<domain::OrganisationQuality> organisations(Connection& c, const domain::Scope& scope) {
  static const std::string educational = registry::in_list(domain::organisation_kinds(), domain::is_educational_kind);
  std::string columns;
  const auto fields = domain::quality_fields();
  for (std::size_t i = 0; i < fields.size(); ++i)
    columns +=
        ", count(DISTINCT CASE WHEN " + missing_condition(fields[i].code) + " THEN p.id END) AS m" + std::to_string(i);
  domain::Scope workplaces = scope;
  workplaces.person.reset();
  workplaces.persons.clear();
  Params params;
  const auto in_scope = registry::organisation_scope(workplaces, params, "o");
  std::vector<domain::OrganisationQuality> out;
  c.run("SELECT o.id, o.code, o.name, t.name AS territory_name, count(DISTINCT p.id) AS staff" + columns +
            ", count(DISTINCT CASE WHEN ps.position IN " + teaching_positions() +
            " AND (p.birth_date IS NULL OR p.ped_experience_since IS NULL) THEN p.id END) AS age_unknown"
            " FROM positions ps JOIN persons p ON p.id = ps.person_id"
            " JOIN organisations o ON o.id = ps.organisation_id JOIN territories t ON t.id = o.territory_id"
            " WHERE " +
            registry::current_workplace("ps") + " AND o.kind IN " + educational + " AND " + in_scope +
            " GROUP BY o.id, o.code, o.name, t.name",
        params, [&](const Row& r) {
          domain::OrganisationQuality q;
          q.organisation_id = r.int64("id");
          q.code = r.text("code");
          q.name = r.text("name");
          q.territory_name = r.text("territory_name");
          q.staff = r.int64("staff");
          for (std::size_t i = 0; i < fields.size(); ++i) q.missing.push_back(r.int64("m" + std::to_string(i)));
          q.age_unknown_teachers = r.int64("age_unknown");
          out.push_back(std::move(q));
        });
  return out;
}

}  // namespace metodist::storage::data_quality
