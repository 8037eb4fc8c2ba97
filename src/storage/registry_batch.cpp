#include "storage/registry_batch.hpp"

#include "domain/date.hpp"
#include "domain/registry.hpp"
#include "domain/text.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::registry {
namespace {

// Above this many keys a lookup reads the whole table once and filters in
// memory: one sequential scan beats a million index probes (measured in
// docs/performance.md: a federal persons file went from 21k to ... rows/s).
constexpr std::size_t kScanAbove = 20'000;

std::string text_placeholders(Params& params, std::span<const std::string_view> values) {
  std::string out = "(";
  for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + placeholder(params, std::string(values[i]));
  return out + ")";
}

}  // namespace

std::unordered_map<std::string, domain::Organisation> organisations_by_code(Connection& c,
                                                                            std::span<const std::string_view> codes) {
  std::unordered_map<std::string, domain::Organisation> out;
  const std::unordered_set<std::string_view> wanted(codes.begin(), codes.end());
  if (wanted.size() > kScanAbove) {
    out.reserve(wanted.size());
    c.run(std::string("SELECT ") + kOrgColumns + " FROM organisations o", {}, [&](const Row& r) {
      if (wanted.contains(r.view("code"))) {
        auto o = organisation_from(r);
        out.emplace(o.code, std::move(o));
      }
    });
    return out;
  }
  const std::vector<std::string_view> distinct(wanted.begin(), wanted.end());
  in_batches<std::string_view>(distinct, [&](std::span<const std::string_view> batch) {
    Params params;
    c.run(std::string("SELECT ") + kOrgColumns + " FROM organisations o WHERE o.code IN " +
              text_placeholders(params, batch),
          params, [&](const Row& r) {
            auto o = organisation_from(r);
            out.emplace(o.code, std::move(o));
          });
  });
  return out;
}

std::unordered_map<std::string_view, std::int64_t> person_ids_by_code(Connection& c,
                                                                      std::span<const std::string_view> codes) {
  // Every wanted code starts at 0 and a stored row sets its id: one hash
  // lookup per row read, and the keys are the caller's own views.
  std::unordered_map<std::string_view, std::int64_t> out;
  out.reserve(codes.size());
  for (auto code : codes) out.emplace(code, 0);
  auto keep = [&](const Row& r) {
    if (auto it = out.find(r.view("code")); it != out.end()) it->second = r.int64("id");
  };
  if (out.size() > kScanAbove) {
    c.run("SELECT p.code, p.id FROM persons p", {}, keep);
  } else {
    std::vector<std::string_view> distinct;
    distinct.reserve(out.size());
    for (const auto& [code, id] : out) distinct.push_back(code);
    in_batches<std::string_view>(distinct, [&](std::span<const std::string_view> batch) {
      Params params;
      c.run("SELECT p.code, p.id FROM persons p WHERE p.code IN " + text_placeholders(params, batch), params, keep);
    });
  }
  std::erase_if(out, [](const auto& entry) { return entry.second == 0; });
  return out;
}

std::unordered_map<std::string, SnilsHolder> persons_by_snils(Connection& c,
                                                              std::span<const std::string_view> numbers) {
  std::unordered_map<std::string, SnilsHolder> out;
  const std::unordered_set<std::string_view> wanted(numbers.begin(), numbers.end());
  auto keep = [&](const Row& r) {
    if (!wanted.contains(r.view("snils"))) return;
    out.emplace(r.text("snils"),
                SnilsHolder{r.int64("id"), r.text("code"),
                            domain::full_name(r.view("last_name"), r.view("first_name"), r.view("middle_name"))});
  };
  const char* columns = "SELECT p.id, p.code, p.snils, p.last_name, p.first_name, p.middle_name FROM persons p";
  if (wanted.size() > kScanAbove) {
    c.run(std::string(columns) + " WHERE p.snils IS NOT NULL", {}, keep);
    return out;
  }
  const std::vector<std::string_view> distinct(wanted.begin(), wanted.end());
  in_batches<std::string_view>(distinct, [&](std::span<const std::string_view> batch) {
    Params params;
    c.run(std::string(columns) + " WHERE p.snils IN " + text_placeholders(params, batch), params, keep);
  });
  return out;
}

std::unordered_map<std::string_view, SnilsHolder> merged_by_code(Connection& c,
                                                                 std::span<const std::string_view> codes) {
  std::unordered_map<std::string, SnilsHolder> merged;
  c.run(
      "SELECT p.code AS merged_code, k.id, k.code, k.last_name, k.first_name, k.middle_name FROM persons p"
      " JOIN persons k ON k.id = p.merged_into_id",
      {}, [&](const Row& r) {
        merged.emplace(r.text("merged_code"), SnilsHolder{r.int64("id"), r.text("code"),
                                                          domain::full_name(r.view("last_name"), r.view("first_name"),
                                                                            r.view("middle_name"))});
      });
  std::unordered_map<std::string_view, SnilsHolder> out;
  if (merged.empty()) return out;
  for (auto code : codes)
    if (auto it = merged.find(std::string(code)); it != merged.end()) out.emplace(code, it->second);
  return out;
}

std::unordered_set<std::int64_t> persons_working_outside(Connection& c, const std::vector<std::int64_t>& ids,
                                                         const domain::Scope& scope) {
  std::unordered_set<std::int64_t> out;
  if (scope.everything) return out;
  domain::Scope workplaces = scope;
  workplaces.person.reset();
  if (ids.size() > kScanAbove) {
    const std::unordered_set<std::int64_t> wanted(ids.begin(), ids.end());
    Params params;
    c.run(
        "SELECT DISTINCT ps.person_id FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
        " WHERE " +
            current_workplace("ps") + " AND NOT " + organisation_scope(workplaces, params, "o"),
        params, [&](const Row& r) {
          if (wanted.count(r.int64("person_id"))) out.insert(r.int64("person_id"));
        });
    return out;
  }
  in_batches<std::int64_t>(ids, [&](std::span<const std::int64_t> batch) {
    Params params;
    const std::string in = placeholders(params, batch);
    c.run(
        "SELECT DISTINCT ps.person_id FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
        " WHERE " +
            current_workplace("ps") + " AND ps.person_id IN " + in + " AND NOT " +
            organisation_scope(workplaces, params, "o"),
        params, [&](const Row& r) { out.insert(r.int64("person_id")); });
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
  c.run("SELECT t.id FROM territories t WHERE " + where, params, [&](const Row& r) { out.insert(r.int64("id")); });
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
    c.execute(
        "INSERT INTO organisations (code, name, short_name, kind, territory_id, inn, address, is_shnor,"
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

void PersonPatch::merge(const PersonPatch& later) {
  auto take = [](std::string_view& mine, std::string_view theirs) {
    if (!theirs.empty()) mine = theirs;
  };
  take(last_name, later.last_name);
  take(first_name, later.first_name);
  take(middle_name, later.middle_name);
  take(gender, later.gender);
  take(category, later.category);
  take(snils, later.snils);
  if (later.birth_date) birth_date = later.birth_date;
  if (later.ped_experience_since) ped_experience_since = later.ped_experience_since;
  if (later.higher_ped_education) higher_ped_education = later.higher_ped_education;
  if (later.ped_university_graduate) ped_university_graduate = later.ped_university_graduate;
}

namespace {

Value optional_flag(const std::optional<bool>& b) { return b ? flag(*b) : Value{nullptr}; }
Value optional_date(const std::optional<domain::Date>& d) { return d ? Value{d->iso()} : Value{nullptr}; }

// With all three names in the file the search text is known without reading the row.
bool has_full_name(const PersonPatch& p) {
  return !p.last_name.empty() && !p.first_name.empty() && !p.middle_name.empty();
}
std::string search_key_of(const PersonPatch& p) {
  return person_search_key(p.last_name, p.first_name, p.middle_name, p.code);
}

void insert_batch(Connection& c, std::span<const PersonPatch> batch, const std::string& now,
                  std::span<std::int64_t> ids) {
  Params params;
  params.reserve(batch.size() * 14);
  std::unordered_map<std::string_view, std::size_t> at;  // code → index in the batch
  at.reserve(batch.size());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const auto& p = batch[i];
    at.emplace(p.code, i);
    params.insert(params.end(),
                  {p.code, p.last_name, p.first_name, view_or_null(p.middle_name), view_or_null(p.gender),
                   optional_date(p.birth_date), optional_date(p.ped_experience_since),
                   p.category.empty() ? std::string_view("none") : p.category,
                   flag(p.higher_ped_education.value_or(false)), flag(p.ped_university_graduate.value_or(false)),
                   search_key_of(p), std::string_view(now), std::string_view(now), view_or_null(p.snils)});
  }
  c.run(
      "INSERT INTO persons (code, last_name, first_name, middle_name, gender, birth_date, ped_experience_since,"
      " category, higher_ped_education, ped_university_graduate, search_key, created_at, updated_at, snils)"
      " VALUES " +
          values_rows(batch.size(), 14) + " RETURNING code, id",
      params, [&](const Row& r) { ids[at.at(r.view("code"))] = r.int64("id"); });
}

// UPDATE … FROM (VALUES …): both backends name the VALUES columns column1…;
// CAST gives PostgreSQL the types its untyped parameters lack. Dates are DATE
// there and TEXT in SQLite (whose CAST AS DATE would make a number of them):
// the one place the DML names a backend's type.
void update_batch(Connection& c, std::span<const PersonPatch> batch, const std::string& now) {
  const std::string date = c.backend() == Backend::postgres ? " AS DATE)" : " AS TEXT)";
  Params params;
  params.reserve(batch.size() * 12 + 1);
  std::string values;
  for (const auto& p : batch) {
    const std::size_t n = params.size();
    auto at = [&](std::size_t i) { return "$" + std::to_string(n + i); };
    values += values.empty() ? "(" : ", (";
    values += at(1) + ", " + at(2) + ", " + at(3) + ", " + at(4) + ", " + at(5) + ", CAST(" + at(6) + date + ", CAST(" +
              at(7) + date + ", " + at(8) + ", CAST(" + at(9) + " AS INTEGER), CAST(" + at(10) + " AS INTEGER), " +
              at(11) + ", " + at(12) + ")";
    params.insert(params.end(), {p.code, view_or_null(p.last_name), view_or_null(p.first_name),
                                 view_or_null(p.middle_name), view_or_null(p.gender), optional_date(p.birth_date),
                                 optional_date(p.ped_experience_since), view_or_null(p.category),
                                 optional_flag(p.higher_ped_education), optional_flag(p.ped_university_graduate),
                                 has_full_name(p) ? Value{search_key_of(p)} : Value{nullptr}, view_or_null(p.snils)});
  }
  params.push_back(now);
  c.execute(
      "UPDATE persons SET last_name = COALESCE(v.column2, persons.last_name),"
      " first_name = COALESCE(v.column3, persons.first_name),"
      " middle_name = COALESCE(v.column4, persons.middle_name), gender = COALESCE(v.column5, persons.gender),"
      " birth_date = COALESCE(v.column6, persons.birth_date),"
      " ped_experience_since = COALESCE(v.column7, persons.ped_experience_since),"
      " category = COALESCE(v.column8, persons.category),"
      " higher_ped_education = COALESCE(v.column9, persons.higher_ped_education),"
      " ped_university_graduate = COALESCE(v.column10, persons.ped_university_graduate),"
      " search_key = COALESCE(v.column11, persons.search_key), snils = COALESCE(v.column12, persons.snils),"
      " updated_at = $" +
          std::to_string(params.size()) + " FROM (VALUES " + values + ") AS v WHERE persons.code = v.column1",
      params);
}

// The folded search text of updated persons whose names changed only in part,
// from the names now stored (Cyrillic folding happens in C++, not in SQL).
void refresh_search_keys(Connection& c, std::span<const PersonPatch> batch) {
  std::vector<std::string_view> codes;
  for (const auto& p : batch)
    if (!has_full_name(p) && (!p.last_name.empty() || !p.first_name.empty() || !p.middle_name.empty()))
      codes.push_back(p.code);
  if (codes.empty()) return;
  Params params;
  std::vector<std::pair<std::string, std::string>> keys;  // code, search key
  c.run(std::string("SELECT ") + kPersonColumns + " FROM persons p WHERE p.code IN " + text_placeholders(params, codes),
        params, [&](const Row& r) {
          auto p = person_from(r);
          keys.emplace_back(p.code, person_search_key(p));
        });
  Params update;
  std::string values;
  for (const auto& [code, key] : keys) {
    values += values.empty() ? "(" : ", (";
    values += placeholder(update, code) + ", " + placeholder(update, key) + ")";
  }
  c.execute(
      "UPDATE persons SET search_key = v.column2 FROM (VALUES " + values + ") AS v WHERE persons.code = v.column1",
      update);
}

}  // namespace

std::vector<std::int64_t> insert_persons(Connection& c, std::span<const PersonPatch> rows) {
  std::vector<std::int64_t> ids(rows.size());
  const auto now = domain::utc_timestamp_now();
  for (std::size_t from = 0, n = 0; from < rows.size(); from += n) {
    n = next_slice(rows.size() - from);
    insert_batch(c, rows.subspan(from, n), now, std::span(ids).subspan(from, n));
  }
  return ids;
}

void update_persons(Connection& c, std::span<const PersonPatch> rows) {
  const auto now = domain::utc_timestamp_now();
  in_batches<PersonPatch>(rows, [&](std::span<const PersonPatch> batch) {
    update_batch(c, batch, now);
    refresh_search_keys(c, batch);
  });
}

void upsert_positions(Connection& c, std::span<const PositionPatch> rows) {
  in_batches<PositionPatch>(rows, [&](std::span<const PositionPatch> batch) {
    Params params;
    params.reserve(batch.size() * 7);
    for (const auto& p : batch) {
      params.insert(params.end(), {p.person_id, p.organisation_id, p.position, view_or_null(p.subject_area),
                                   view_or_null(p.subjects), optional_date(p.hired_on), optional_date(p.left_on)});
    }
    c.execute(
        "INSERT INTO positions (person_id, organisation_id, position, subject_area, subjects, hired_on,"
        " left_on) VALUES " +
            values_rows(batch.size(), 7) +
            " ON CONFLICT (person_id, organisation_id, position) DO UPDATE SET"
            " subject_area = COALESCE(excluded.subject_area, positions.subject_area),"
            " subjects = COALESCE(excluded.subjects, positions.subjects),"
            " hired_on = COALESCE(excluded.hired_on, positions.hired_on),"
            " left_on = COALESCE(excluded.left_on, positions.left_on)",
        params);
  });
}

}  // namespace metodist::storage::registry
