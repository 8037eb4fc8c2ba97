#include "storage/registry_batch.hpp"

#include "domain/date.hpp"
#include "domain/text.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::registry {
namespace {

// Calls f with consecutive slices of at most kBatchRows elements.
template <class T, class F>
void in_batches(std::span<const T> all, F&& f) {
  for (std::size_t from = 0; from < all.size(); from += kBatchRows)
    f(all.subspan(from, std::min(kBatchRows, all.size() - from)));
}

// «($1, $2, …), ($n+1, …)» for rows of `width` values each.
std::string values_rows(std::size_t rows, std::size_t width, std::size_t first = 1) {
  std::string out;
  std::size_t n = first;
  for (std::size_t r = 0; r < rows; ++r) {
    out += r ? ", (" : "(";
    for (std::size_t i = 0; i < width; ++i) out += (i ? ", $" : "$") + std::to_string(n++);
    out += ")";
  }
  return out;
}

}  // namespace

std::unordered_map<std::string, domain::Organisation> organisations_by_code(Connection& c,
                                                                            const std::vector<std::string>& codes) {
  std::unordered_map<std::string, domain::Organisation> out;
  in_batches<std::string>(codes, [&](std::span<const std::string> batch) {
    Params params;
    c.run(std::string("SELECT ") + kOrgColumns + " FROM organisations o WHERE o.code IN " +
              placeholders(params, batch),
          params, [&](const Row& r) {
            auto o = organisation_from(r);
            out.emplace(o.code, std::move(o));
          });
  });
  return out;
}

std::unordered_map<std::string, domain::Person> persons_by_code(Connection& c, const std::vector<std::string>& codes) {
  std::unordered_map<std::string, domain::Person> out;
  in_batches<std::string>(codes, [&](std::span<const std::string> batch) {
    Params params;
    c.run(std::string("SELECT ") + kPersonColumns + " FROM persons p WHERE p.code IN " + placeholders(params, batch),
          params, [&](const Row& r) {
            auto p = person_from(r);
            out.emplace(p.code, std::move(p));
          });
  });
  return out;
}

std::vector<domain::Position> positions_of_persons(Connection& c, const std::vector<std::int64_t>& person_ids) {
  std::vector<domain::Position> out;
  in_batches<std::int64_t>(person_ids, [&](std::span<const std::int64_t> batch) {
    Params params;
    c.run(std::string("SELECT ") + kPositionColumns + " FROM positions ps WHERE ps.person_id IN " +
              placeholders(params, batch),
          params, [&](const Row& r) { out.push_back(position_from(r)); });
  });
  return out;
}

std::unordered_set<std::int64_t> persons_working_outside(Connection& c, const std::vector<std::int64_t>& ids,
                                                         const domain::Scope& scope) {
  std::unordered_set<std::int64_t> out;
  if (scope.everything) return out;
  domain::Scope workplaces = scope;
  workplaces.person.reset();
  in_batches<std::int64_t>(ids, [&](std::span<const std::int64_t> batch) {
    Params params;
    const std::string in = placeholders(params, batch);
    c.run("SELECT DISTINCT ps.person_id FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
          " WHERE ps.left_on IS NULL AND ps.person_id IN " + in + " AND NOT " +
              organisation_scope(workplaces, params, "o"),
          params, [&](const Row& r) { out.insert(r.int64(0)); });
  });
  return out;
}

std::unordered_set<std::int64_t> covered_territories(Connection& c, const domain::Scope& scope) {
  std::unordered_set<std::int64_t> out;
  Params params;
  std::string where = "1 = 1";
  if (!scope.everything) {
    std::vector<std::string> parts;
    for (auto t : scope.territories) parts.push_back("t.id IN " + subtree(placeholder(params, t)));
    where = any_of(parts);
  }
  c.run("SELECT t.id FROM territories t WHERE " + where, params, [&](const Row& r) { out.insert(r.int64(0)); });
  return out;
}

void upsert_organisations(Connection& c, std::span<const domain::Organisation> rows) {
  const auto now = domain::utc_timestamp_now();
  in_batches<domain::Organisation>(rows, [&](std::span<const domain::Organisation> batch) {
    Params params;
    params.reserve(batch.size() * 13);
    for (const auto& o : batch) {
      params.insert(params.end(),
                    {o.code, o.name, text_or_null(o.short_name), o.kind, o.territory_id, text_or_null(o.inn),
                     text_or_null(o.address), flag(o.is_shnor), flag(o.has_staff_plan), flag(o.has_mentoring_model),
                     organisation_search_key(o), now, now});
    }
    c.execute("INSERT INTO organisations (code, name, short_name, kind, territory_id, inn, address, is_shnor,"
              " has_staff_plan, has_mentoring_model, search_key, created_at, updated_at) VALUES " +
                  values_rows(batch.size(), 13) +
                  " ON CONFLICT (code) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,"
                  " kind = excluded.kind, territory_id = excluded.territory_id, inn = excluded.inn,"
                  " address = excluded.address, is_shnor = excluded.is_shnor,"
                  " has_staff_plan = excluded.has_staff_plan, has_mentoring_model = excluded.has_mentoring_model,"
                  " search_key = excluded.search_key, updated_at = excluded.updated_at",
              params);
  });
}

std::unordered_map<std::string, std::int64_t> upsert_persons(Connection& c, std::span<const domain::Person> rows) {
  std::unordered_map<std::string, std::int64_t> ids;
  ids.reserve(rows.size());
  const auto now = domain::utc_timestamp_now();
  in_batches<domain::Person>(rows, [&](std::span<const domain::Person> batch) {
    Params params;
    params.reserve(batch.size() * 13);
    for (const auto& p : batch) {
      params.insert(params.end(),
                    {p.code, p.last_name, p.first_name, text_or_null(p.middle_name), text_or_null(p.gender),
                     text_or_null(p.birth_date), text_or_null(p.ped_experience_since), p.category,
                     flag(p.higher_ped_education), flag(p.ped_university_graduate), person_search_key(p), now, now});
    }
    c.run("INSERT INTO persons (code, last_name, first_name, middle_name, gender, birth_date,"
          " ped_experience_since, category, higher_ped_education, ped_university_graduate, search_key, created_at,"
          " updated_at) VALUES " +
              values_rows(batch.size(), 13) +
              " ON CONFLICT (code) DO UPDATE SET last_name = excluded.last_name, first_name = excluded.first_name,"
              " middle_name = excluded.middle_name, gender = excluded.gender, birth_date = excluded.birth_date,"
              " ped_experience_since = excluded.ped_experience_since, category = excluded.category,"
              " higher_ped_education = excluded.higher_ped_education,"
              " ped_university_graduate = excluded.ped_university_graduate, search_key = excluded.search_key,"
              " updated_at = excluded.updated_at RETURNING code, id",
          params, [&](const Row& r) { ids[r.text(0)] = r.int64(1); });
  });
  return ids;
}

void upsert_positions(Connection& c, std::span<const domain::Position> rows) {
  in_batches<domain::Position>(rows, [&](std::span<const domain::Position> batch) {
    Params params;
    params.reserve(batch.size() * 7);
    for (const auto& p : batch) {
      params.insert(params.end(), {p.person_id, p.organisation_id, p.position, text_or_null(p.subject_area),
                                   text_or_null(p.subjects), text_or_null(p.hired_on), text_or_null(p.left_on)});
    }
    c.execute("INSERT INTO positions (person_id, organisation_id, position, subject_area, subjects, hired_on,"
              " left_on) VALUES " +
                  values_rows(batch.size(), 7) +
                  " ON CONFLICT (person_id, organisation_id, position) DO UPDATE SET"
                  " subject_area = excluded.subject_area, subjects = excluded.subjects,"
                  " hired_on = excluded.hired_on, left_on = excluded.left_on",
              params);
  });
}

}  // namespace metodist::storage::registry
