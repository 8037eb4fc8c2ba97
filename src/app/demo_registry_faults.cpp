#include "app/demo_registry_faults.hpp"

#include <string>
#include <vector>

#include "domain/registry.hpp"
#include "domain/text.hpp"
#include "storage/registry_repository.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::app {
namespace {

namespace reg = storage::registry;

// Every person gets a СНИЛС but about one in eleven (a gap the data-quality
// page shows). 7919 is prime to 899 999 999: the numbers never repeat.
void give_snils(storage::Connection& c) {
  std::vector<std::int64_t> ids;
  c.run("SELECT id FROM persons WHERE snils IS NULL AND id % 11 <> 3 ORDER BY id", {},
        [&](const storage::Row& r) { ids.push_back(r.int64("id")); });
  reg::in_batches<std::int64_t>(ids, [&](std::span<const std::int64_t> batch) {
    storage::Params params;
    std::string values;
    for (auto id : batch) {
      values += values.empty() ? "(" : ", (";
      values += "CAST(" + reg::placeholder(params, id) + " AS BIGINT), " +
                reg::placeholder(params, domain::snils_of(100000000 + (id * 7919) % 899999999)) + ")";
    }
    c.execute("UPDATE persons SET snils = v.column2 FROM (VALUES " + values + ") AS v WHERE persons.id = v.column1",
              params);
  });
}

// Gaps as schools leave them: no birth date, no start of experience, a
// teacher's subject area not given.
void leave_gaps(storage::Connection& c) {
  c.execute("UPDATE persons SET birth_date = NULL WHERE id % 97 = 5");
  c.execute("UPDATE persons SET ped_experience_since = NULL WHERE id % 89 = 7");
  c.execute("UPDATE positions SET subject_area = NULL WHERE position = 'teacher' AND id % 71 = 9");
}

// A copy of a person's name (and, when `with_birth`, birth date) under a
// second school's own code, working there as a teacher.
void second_record(storage::Connection& c, std::int64_t person, const std::string& code, std::int64_t school,
                   bool with_birth) {
  auto p =
      c.query_one("SELECT last_name, first_name, middle_name, gender, birth_date FROM persons WHERE id = $1", {person});
  if (!p) return;
  domain::Person copy;
  copy.code = code;
  copy.last_name = p->text("last_name");
  copy.first_name = p->text("first_name");
  copy.middle_name = p->text("middle_name");
  copy.gender = p->text("gender");
  if (with_birth) copy.birth_date = p->text("birth_date");
  copy.category = "none";
  const auto id = reg::insert_person(c, copy);
  domain::Position w;
  w.person_id = id;
  w.organisation_id = school;
  w.position = "teacher";
  reg::insert_position(c, w);
}

// In each municipality: two teachers of the first school sent again by the
// second (same name and birth date, the second school's code), and one
// teacher of the second school entered there twice by hand (no birth date).
void duplicate_teachers(storage::Connection& c) {
  struct Municipality {
    std::string code;
    std::int64_t first = 0, second = 0;
  };
  std::vector<Municipality> municipalities;
  c.run(
      "SELECT t.code, o1.id AS first, o2.id AS second FROM territories t"
      " JOIN organisations o1 ON o1.code = t.code || '-S001' JOIN organisations o2 ON o2.code = t.code || '-S002'"
      " WHERE t.level = 'municipality' ORDER BY t.id",
      {}, [&](const storage::Row& r) {
        municipalities.push_back({r.text("code"), r.int64("first"), r.int64("second")});
      });
  // Teachers without an account: the demo's own people stay single.
  auto teachers = [&](std::int64_t school) {
    std::vector<std::int64_t> ids;
    c.run(
        "SELECT ps.person_id FROM positions ps WHERE ps.organisation_id = $1 AND ps.position = 'teacher'"
        " AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.person_id = ps.person_id)"
        " AND NOT EXISTS (SELECT 1 FROM positions other WHERE other.person_id = ps.person_id AND other.id <> ps.id)"
        " ORDER BY ps.id LIMIT 5",
        {school}, [&](const storage::Row& r) { ids.push_back(r.int64("person_id")); });
    return ids;
  };
  for (const auto& m : municipalities) {
    const auto first = teachers(m.first), second = teachers(m.second);
    if (first.size() < 5 || second.size() < 5) continue;
    second_record(c, first[2], m.code + "-S002-T17", m.second, true);
    second_record(c, first[4], m.code + "-S002-T23", m.second, true);
    second_record(c, second[3], m.code + "-S002-T31", m.second, false);
  }
}

}  // namespace

void demo_registry_faults(App& app) {
  app.db->write([](storage::Connection& c) {
    give_snils(c);
    duplicate_teachers(c);  // the second records have no СНИЛС: a pair with two numbers is two people
    leave_gaps(c);
    return 0;
  });
}

}  // namespace metodist::app
