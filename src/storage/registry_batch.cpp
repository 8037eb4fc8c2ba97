#include "storage/registry_batch.hpp"

#include <algorithm>

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

// «Some given value differs from the stored one», for the WHERE of an update
// from a file: a row the file gives as it is stored is not written at all — a
// region re-sends its whole registry each month with a few changes, and
// rewriting a million unchanged rows (every index of each) was most of the
// import's time. The row's updated_at and the data version then stay too, and
// the report counts the row as unchanged. `pairs`: stored column, given value;
// a NULL given value means «keep what is stored» unless `null_is_a_value`.
std::string any_changed(const std::vector<std::pair<std::string, std::string>>& pairs, bool null_is_a_value = false) {
  std::string out = "(";
  for (const auto& [stored, given] : pairs) {
    if (out.size() > 1) out += " OR ";
    out += null_is_a_value ? "(" + given + " IS DISTINCT FROM " + stored + ")"
                           : "(" + given + " IS NOT NULL AND " + given + " IS DISTINCT FROM " + stored + ")";
  }
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

std::int64_t upsert_organisations(Connection& c, std::span<const domain::Organisation> rows) {
  const auto now = domain::utc_timestamp_now();
  static const std::string changed =
      any_changed({{"organisations.name", "excluded.name"},
                   {"organisations.short_name", "excluded.short_name"},
                   {"organisations.kind", "excluded.kind"},
                   {"organisations.territory_id", "excluded.territory_id"},
                   {"organisations.inn", "excluded.inn"},
                   {"organisations.address", "excluded.address"},
                   {"organisations.is_shnor", "excluded.is_shnor"},
                   {"organisations.has_staff_plan", "excluded.has_staff_plan"},
                   {"organisations.has_mentoring_model", "excluded.has_mentoring_model"}},
                  /*null_is_a_value=*/true);
  std::int64_t written = 0;
  in_batches<domain::Organisation>(rows, [&](std::span<const domain::Organisation> batch) {
    Params params;
    params.reserve(batch.size() * 13);
    for (const auto& o : batch) {
      params.insert(params.end(),
                    {o.code, o.name, text_or_null(o.short_name), o.kind, o.territory_id, text_or_null(o.inn),
                     text_or_null(o.address), flag(o.is_shnor), flag(o.has_staff_plan), flag(o.has_mentoring_model),
                     organisation_search_key(o), now, now});
    }
    written += c.execute(
        "INSERT INTO organisations (code, name, short_name, kind, territory_id, inn, address, is_shnor,"
        " has_staff_plan, has_mentoring_model, search_key, created_at, updated_at) VALUES " +
            values_rows(batch.size(), 13) +
            " ON CONFLICT (code) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,"
            " kind = excluded.kind, territory_id = excluded.territory_id, inn = excluded.inn,"
            " address = excluded.address, is_shnor = excluded.is_shnor,"
            " has_staff_plan = excluded.has_staff_plan, has_mentoring_model = excluded.has_mentoring_model,"
            " search_key = excluded.search_key, updated_at = excluded.updated_at WHERE " +
            changed,
        params);
  });
  return written;
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

// The update of known persons from a file, for both write paths: every
// column takes the given value unless it is NULL, only rows where some given
// value differs are written. `given(column, n)` names the value of a column
// (n: its place in update_batch's VALUES), `from` and `code` the given rows.
std::string person_update(const std::function<std::string(std::string_view column, int n)>& given,
                          const std::string& now, const std::string& from, const std::string& code) {
  static constexpr std::pair<std::string_view, int> kColumns[] = {{"last_name", 2},
                                                                  {"first_name", 3},
                                                                  {"middle_name", 4},
                                                                  {"gender", 5},
                                                                  {"birth_date", 6},
                                                                  {"ped_experience_since", 7},
                                                                  {"category", 8},
                                                                  {"higher_ped_education", 9},
                                                                  {"ped_university_graduate", 10},
                                                                  {"search_key", 11},
                                                                  {"snils", 12}};
  std::string set;
  std::vector<std::pair<std::string, std::string>> values;  // stored, given
  for (const auto& [column, n] : kColumns) {
    values.emplace_back("persons." + std::string(column), given(column, n));
    set += std::string(column) + " = COALESCE(" + values.back().second + ", " + values.back().first + "), ";
  }
  return "UPDATE persons SET " + set + "updated_at = " + now + " FROM " + from + " WHERE persons.code = " + code +
         " AND " + any_changed(values) + " RETURNING persons.id";
}

// The same for a workplace upsert's DO UPDATE (the new values are «excluded»).
const std::string& position_changed() {
  static const std::string sql = any_changed({{"positions.subject_area", "excluded.subject_area"},
                                              {"positions.subjects", "excluded.subjects"},
                                              {"positions.hired_on", "excluded.hired_on"},
                                              {"positions.left_on", "excluded.left_on"}});
  return sql;
}

// The columns both write paths fill (multi-row VALUES on SQLite, COPY on
// PostgreSQL), in the order their rows give them.
constexpr const char* kPositionColumnList =
    "person_id, organisation_id, position, subject_area, subjects, hired_on, left_on";
constexpr const char* kInsertPersons =
    "INSERT INTO persons (code, last_name, first_name, middle_name, gender, birth_date, ped_experience_since,"
    " category, higher_ped_education, ped_university_graduate, search_key, created_at, updated_at, snils)";
const std::string kInsertPositions = std::string("INSERT INTO positions (") + kPositionColumnList + ")";

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
  c.run(std::string(kInsertPersons) + " VALUES " + values_rows(batch.size(), 14) + " RETURNING code, id", params,
        [&](const Row& r) { ids[at.at(r.view("code"))] = r.int64("id"); });
}

// UPDATE … FROM (VALUES …): both backends name the VALUES columns column1…;
// CAST gives PostgreSQL the types its untyped parameters lack. Dates are DATE
// there and TEXT in SQLite (whose CAST AS DATE would make a number of them):
// the one place the DML names a backend's type.
void update_batch(Connection& c, std::span<const PersonPatch> batch, const std::string& now,
                  std::vector<std::int64_t>& written) {
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
  c.run(person_update([](std::string_view, int n) { return "v.column" + std::to_string(n); },
                      "$" + std::to_string(params.size()), "(VALUES " + values + ") AS v", "v.column1"),
        params, [&](const Row& r) { written.push_back(r.int64("id")); });
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
  c.execute("UPDATE persons SET search_key = v.column2 FROM (VALUES " + values +
                ") AS v WHERE persons.code = v.column1 AND persons.search_key IS DISTINCT FROM v.column2",
            update);
}

// PostgreSQL: a slice goes to a temporary table by one COPY and from there to
// its table by one statement — instead of a statement per 500 rows, each parsed
// and planned, with every value a parameter (measured in docs/performance.md).
// The temporary tables live as long as the connection, emptied at commit.
void copy_into(Connection& c, const char* table, const char* columns, const std::function<void(CopyRows&)>& fill) {
  c.exec_script(std::string("CREATE TEMP TABLE IF NOT EXISTS ") + table + " (" + columns +
                ") ON COMMIT DELETE ROWS; TRUNCATE " + table);
  c.copy_in(std::string("COPY ") + table + " FROM STDIN", fill);
}

constexpr const char* kImportPersons =
    "code TEXT, last_name TEXT, first_name TEXT, middle_name TEXT, gender TEXT, birth_date DATE,"
    " ped_experience_since DATE, category TEXT, higher_ped_education SMALLINT, ped_university_graduate SMALLINT,"
    " search_key TEXT, snils TEXT";

void copy_date(CopyRows& out, const std::optional<domain::Date>& d) { d ? out.text(d->iso()) : out.null(); }
void copy_flag(CopyRows& out, const std::optional<bool>& b) { b ? out.number(*b) : out.null(); }

// Fills `ids` with new ids of persons, ascending (as an INSERT of the rows in
// their order would give them). The sequence is named once, not per row:
// pg_get_serial_sequence for each of a million ids took 3 s, nextval 0.3 s.
void draw_person_ids(Connection& c, std::span<std::int64_t> ids) {
  std::size_t drawn = 0;
  c.run(
      "SELECT nextval(q.sequence) AS id FROM (SELECT pg_get_serial_sequence('persons', 'id')::regclass AS sequence"
      " OFFSET 0) q CROSS JOIN generate_series(1, $1)",
      {static_cast<std::int64_t>(ids.size())}, [&](const Row& r) { ids[drawn++] = r.int64("id"); });
  std::sort(ids.begin(), ids.end());
}

// New persons go straight into the table by one COPY, their ids drawn from
// its sequence first: no temporary table, no second statement, no million
// codes and ids sent back to be matched (docs/performance.md).
void copy_new_persons(Connection& c, std::span<const PersonPatch> rows, const std::string& now,
                      std::span<std::int64_t> ids) {
  draw_person_ids(c, ids);
  c.copy_in(
      "COPY persons (id, code, last_name, first_name, middle_name, gender, birth_date, ped_experience_since,"
      " category, higher_ped_education, ped_university_graduate, search_key, snils, created_at, updated_at)"
      " FROM STDIN",
      [&](CopyRows& copy) {
        for (std::size_t i = 0; i < rows.size(); ++i) {
          const auto& p = rows[i];  // unset fields get their defaults, as in insert_batch
          copy.number(ids[i]).text(p.code).text(p.last_name).text(p.first_name).text_or_null(p.middle_name);
          copy.text_or_null(p.gender);
          copy_date(copy, p.birth_date);
          copy_date(copy, p.ped_experience_since);
          copy.text(p.category.empty() ? std::string_view("none") : p.category)
              .number(p.higher_ped_education.value_or(false))
              .number(p.ped_university_graduate.value_or(false))
              .text(search_key_of(p))
              .text_or_null(p.snils)
              .text(now)
              .text(now)
              .end_row();
        }
      });
}

// The same as update_batch: NULL keeps the stored value.
void copy_person_updates(Connection& c, std::span<const PersonPatch> rows, const std::string& now,
                         std::vector<std::int64_t>& written) {
  copy_into(c, "import_persons", kImportPersons, [&](CopyRows& copy) {
    for (const auto& p : rows) {
      copy.text(p.code)
          .text_or_null(p.last_name)
          .text_or_null(p.first_name)
          .text_or_null(p.middle_name)
          .text_or_null(p.gender);
      copy_date(copy, p.birth_date);
      copy_date(copy, p.ped_experience_since);
      copy.text_or_null(p.category);
      copy_flag(copy, p.higher_ped_education);
      copy_flag(copy, p.ped_university_graduate);
      has_full_name(p) ? copy.text(search_key_of(p)) : copy.null();
      copy.text_or_null(p.snils).end_row();
    }
  });
  c.run(person_update([](std::string_view column, int) { return "v." + std::string(column); }, "$1", "import_persons v",
                      "v.code"),
        {now}, [&](const Row& r) { written.push_back(r.int64("id")); });
}

void copy_positions(CopyRows& copy, std::span<const PositionPatch> rows) {
  for (const auto& p : rows) {
    copy.number(p.person_id).number(p.organisation_id).text(p.position).text_or_null(p.subject_area);
    copy.text_or_null(p.subjects);
    copy_date(copy, p.hired_on);
    copy_date(copy, p.left_on);
    copy.end_row();
  }
}

}  // namespace

std::vector<std::int64_t> insert_persons(Connection& c, std::span<const PersonPatch> rows) {
  std::vector<std::int64_t> ids(rows.size());
  const auto now = domain::utc_timestamp_now();
  if (c.backend() == Backend::postgres) {
    copy_new_persons(c, rows, now, ids);
    return ids;
  }
  for (std::size_t from = 0, n = 0; from < rows.size(); from += n) {
    n = next_slice(rows.size() - from);
    insert_batch(c, rows.subspan(from, n), now, std::span(ids).subspan(from, n));
  }
  return ids;
}

std::vector<std::int64_t> update_persons(Connection& c, std::span<const PersonPatch> rows) {
  const auto now = domain::utc_timestamp_now();
  std::vector<std::int64_t> written;
  if (c.backend() == Backend::postgres) {
    copy_person_updates(c, rows, now, written);
    in_batches<PersonPatch>(rows, [&](std::span<const PersonPatch> batch) { refresh_search_keys(c, batch); });
    return written;
  }
  in_batches<PersonPatch>(rows, [&](std::span<const PersonPatch> batch) {
    update_batch(c, batch, now, written);
    refresh_search_keys(c, batch);
  });
  return written;
}

std::vector<std::int64_t> upsert_positions(Connection& c, std::span<const PositionPatch> rows, bool report_written) {
  // Empty fields keep the stored values; a workplace the file gives as stored is not written.
  const std::string on_conflict =
      " ON CONFLICT (person_id, organisation_id, position) DO UPDATE SET"
      " subject_area = COALESCE(excluded.subject_area, positions.subject_area),"
      " subjects = COALESCE(excluded.subjects, positions.subjects),"
      " hired_on = COALESCE(excluded.hired_on, positions.hired_on),"
      " left_on = COALESCE(excluded.left_on, positions.left_on) WHERE " +
      position_changed() + (report_written ? " RETURNING person_id" : "");
  std::vector<std::int64_t> written;
  const auto collect = [&](const Row& r) { written.push_back(r.int64("person_id")); };
  if (c.backend() == Backend::postgres) {
    copy_into(c, "import_positions",
              "person_id BIGINT, organisation_id BIGINT, position TEXT, subject_area TEXT, subjects TEXT,"
              " hired_on DATE, left_on DATE",
              [&](CopyRows& copy) { copy_positions(copy, rows); });
    c.run(kInsertPositions + " SELECT * FROM import_positions" + on_conflict, {}, collect);
    return written;
  }
  in_batches<PositionPatch>(rows, [&](std::span<const PositionPatch> batch) {
    Params params;
    params.reserve(batch.size() * 7);
    for (const auto& p : batch) {
      params.insert(params.end(), {p.person_id, p.organisation_id, p.position, view_or_null(p.subject_area),
                                   view_or_null(p.subjects), optional_date(p.hired_on), optional_date(p.left_on)});
    }
    c.run(kInsertPositions + " VALUES " + values_rows(batch.size(), 7) + on_conflict, params, collect);
  });
  return written;
}

void insert_new_positions(Connection& c, std::span<const PositionPatch> rows) {
  if (c.backend() == Backend::postgres) {
    c.copy_in(std::string("COPY positions (") + kPositionColumnList + ") FROM STDIN",
              [&](CopyRows& copy) { copy_positions(copy, rows); });
    return;
  }
  upsert_positions(c, rows, false);  // SQLite's multi-row INSERT costs the same either way
}

}  // namespace metodist::storage::registry
