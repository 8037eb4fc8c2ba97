// Duplicate persons and their merge on both backends: every column that
// refers to a person is known to the merge (read from the schema, so a new
// table cannot be forgotten), a merge leaves nothing on the merged record,
// the undo puts it all back, and what cannot be one person is refused in words.
#include "app/person_merge.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <future>
#include <map>
#include <set>
#include <thread>

#include "app/registry.hpp"
#include "storage/person_merge_repository.hpp"
#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;
namespace merge = storage::person_merge;

namespace {

using Column = std::pair<std::string, std::string>;  // table, column

class PersonMergeTest : public metodist::testing::DemoAppTest {
 protected:
  // Every foreign key to persons(id) the schema has, as the engine reports it.
  std::set<Column> schema_references() {
    std::set<Column> out;
    app_.db->read([&](storage::Connection& c) {
      const char* sql =
          c.backend() == storage::Backend::sqlite
              ? "SELECT m.name AS tbl, f.\"from\" AS col FROM sqlite_master m, pragma_foreign_key_list(m.name) f"
                " WHERE m.type = 'table' AND f.\"table\" = 'persons'"
              : "SELECT cl.relname AS tbl, a.attname AS col FROM pg_constraint k JOIN pg_class cl ON cl.oid = k.conrelid"
                " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)"
                " WHERE k.contype = 'f' AND k.confrelid = 'persons'::regclass";
      c.run(sql, {}, [&](const storage::Row& r) { out.emplace(r.text("tbl"), r.text("col")); });
      return 0;
    });
    return out;
  }
  std::int64_t new_person(const std::string& code, const std::string& birth = "1979-05-04",
                          const std::string& snils = "") {
    return app_.db->write([&](storage::Connection& c) {
      return c
          .query_one(
              "INSERT INTO persons (code, last_name, first_name, middle_name, birth_date, category, search_key,"
              " created_at, updated_at, snils) VALUES ($1, 'Лебедева', 'Нина', 'Ивановна', $2, 'none', $3,"
              " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', $4) RETURNING id",
              {code, birth.empty() ? storage::Value{nullptr} : storage::Value{birth}, "лебедева нина ивановна " + code,
               snils.empty() ? storage::Value{nullptr} : storage::Value{snils}})
          ->int64("id");
    });
  }
  void work_at(std::int64_t person, const std::string& org, const std::string& subjects = "") {
    app_.db->write([&](storage::Connection& c) {
      c.execute("INSERT INTO positions (person_id, organisation_id, position, subjects) VALUES ($1, $2, 'teacher', $3)",
                {person, organisation(org), subjects.empty() ? storage::Value{nullptr} : storage::Value{subjects}});
      return 0;
    });
  }
  std::int64_t rows_of(const Column& ref, std::int64_t person) {
    return scalar("SELECT count(*) FROM " + ref.first + " WHERE " + ref.second + " = " + std::to_string(person));
  }
  // Gives `person` one row in every referring table: a demo row moved onto
  // them (another row for each column of a table), or a new one where the
  // demo has none.
  void give_every_reference(std::int64_t person, std::int64_t other) {
    std::vector<std::string> missing;
    app_.db->write([&](storage::Connection& c) {
      const auto someone = c.scalar("SELECT min(id) FROM persons WHERE id NOT IN ($1, $2)", {person, other});
      c.execute(
          "INSERT INTO support_messages (methodist_person_id, person_id, from_methodist, body, created_at)"
          " VALUES ($1, $2, 1, 'Здравствуйте', '2026-01-01T00:00:00Z'), ($2, $1, 0, 'Спасибо', '2026-01-01T00:00:00Z')",
          {someone, person});
      c.execute(
          "INSERT INTO support_feedback (methodist_person_id, person_id, rating, comment, given_on)"
          " VALUES ($1, $2, 5, 'Полезно', '2026-01-10'), ($2, $1, 4, '', '2026-01-11')",
          {someone, person});
      std::set<std::string> touched;  // table:row already given to the person
      for (const auto& r : merge::person_references()) {
        if (c.scalar(std::string("SELECT count(*) FROM ") + r.table + " WHERE " + r.column + " = $1", {person}) > 0)
          continue;
        std::string pick = std::string("SELECT min(") + r.row_key + ") FROM " + r.table + " WHERE " + r.column +
                           " <> $1 AND " + r.column + " <> $2";
        if (r.other) pick += std::string(" AND ") + r.other + " <> $1 AND " + r.other + " <> $2";
        if (std::string_view(r.table) == "positions") continue;  // given below, with a clash to fold
        const auto row = c.scalar(pick, {person, other});
        if (row == 0) {
          missing.push_back(std::string(r.table) + "." + r.column);
          continue;
        }
        c.execute(std::string("UPDATE ") + r.table + " SET " + r.column + " = $1 WHERE " + r.row_key + " = $2",
                  {person, row});
      }
      return 0;
    });
    for (const auto& ref : missing) ADD_FAILURE() << "the demo has no row to give in " << ref << ": insert one here";
  }
};

}  // namespace

TEST_P(PersonMergeTest, EveryForeignKeyToPersonsIsKnownToTheMerge) {
  std::set<Column> known;
  for (const auto& r : merge::person_references()) known.emplace(r.table, r.column);
  for (const auto& r : merge::person_references_kept()) known.emplace(r.table, r.column);
  const auto schema = schema_references();
  ASSERT_GT(schema.size(), 20u);
  for (const auto& ref : schema)
    EXPECT_TRUE(known.count(ref)) << ref.first << "." << ref.second
                                  << " refers to persons: add it to person_references() (what a merge does there)";
  for (const auto& ref : known)
    EXPECT_TRUE(schema.count(ref)) << ref.first << "." << ref.second << " is not in the schema";
}

TEST_P(PersonMergeTest, AMergeMovesEveryReferenceAndTheUndoPutsThemBack) {
  const auto kept = new_person("MERGE-A");
  const auto merged = new_person("MERGE-B", "", "112-233-445 95");
  work_at(kept, "RU-01-001-S001");
  work_at(merged, "RU-01-001-S001", "Математика");  // the same workplace twice: folded into one
  work_at(merged, "RU-01-001-S002");
  give_every_reference(merged, kept);

  const auto schema = schema_references();
  std::set<Column> moved;
  for (const auto& r : merge::person_references()) moved.emplace(r.table, r.column);
  std::map<Column, std::int64_t> before;
  for (const auto& ref : schema)
    if (moved.count(ref)) {
      before[ref] = rows_of(ref, merged);
      EXPECT_GT(before[ref], 0) << ref.first << "." << ref.second << ": the test gives the merged record a row there";
    }
  const auto kept_before = rows_of({"positions", "person_id"}, kept);

  const auto federal = caller("federal_operator");
  const auto result = app::merge_persons(app_, federal, kept, merged);
  for (const auto& ref : schema) {
    if (moved.count(ref)) EXPECT_EQ(rows_of(ref, merged), 0) << ref.first << "." << ref.second << " still points at it";
  }
  EXPECT_EQ(rows_of({"positions", "person_id"}, kept), kept_before + 1) << "S001 folded, S002 moved";
  EXPECT_EQ(scalar("SELECT count(*) FROM positions WHERE person_id = " + std::to_string(kept) +
                   " AND subjects = 'Математика'"),
            1)
      << "the kept workplace takes what it lacked";
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE id = " + std::to_string(kept) +
                   " AND snils = '112-233-445 95' AND birth_date = '1979-05-04'"),
            1)
      << "the kept record takes the СНИЛС it lacked and keeps its own birth date";
  EXPECT_EQ(scalar("SELECT merged_into_id FROM persons WHERE id = " + std::to_string(merged)), kept);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE action = 'merge' AND entity = 'person' AND entity_id = " +
                   std::to_string(kept)),
            1);
  // The merged record's old link says where the person is now.
  const auto card = app::get_person(app_, caller("regional_institute", territory("RU-01")), merged);
  ASSERT_TRUE(card.merged_into);
  EXPECT_EQ(*card.merged_into, kept);
  EXPECT_EQ(card.merged_into_name, "Лебедева Нина Ивановна");
  EXPECT_TRUE(card.positions.empty());
  // A second merge of the same record is refused.
  EXPECT_EQ(metodist::testing::error_of([&] { app::merge_persons(app_, federal, kept, merged); }).kind(),
            domain::ErrorKind::conflict);

  const auto undone = app::undo_merge(app_, federal, result.merge_id);
  EXPECT_EQ(undone.moved_rows, result.moved_rows);
  for (const auto& [ref, n] : before)
    EXPECT_EQ(rows_of(ref, merged), n) << ref.first << "." << ref.second << " came back (a folded workplace too)";
  EXPECT_EQ(rows_of({"positions", "person_id"}, kept), kept_before);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE id = " + std::to_string(merged) +
                   " AND merged_into_id IS NULL AND snils = '112-233-445 95'"),
            1);
  EXPECT_EQ(scalar("SELECT count(*) FROM persons WHERE id = " + std::to_string(kept) + " AND snils IS NULL"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM person_merges WHERE action = 'undo' AND undoes_id = " +
                   std::to_string(result.merge_id)),
            1);
  EXPECT_EQ(metodist::testing::error_of([&] { app::undo_merge(app_, federal, result.merge_id); }).kind(),
            domain::ErrorKind::conflict)
      << "undone once";
}

TEST_P(PersonMergeTest, WhatCannotBeOnePersonIsRefusedInWords) {
  const auto federal = caller("federal_operator");
  const auto a = new_person("CLASH-A", "1979-05-04");
  const auto b = new_person("CLASH-B", "1979-05-05");
  work_at(a, "RU-01-001-S001");
  work_at(b, "RU-01-001-S002");
  // Both took the same diagnostic, and one mentored the other.
  app_.db->write([&](storage::Connection& c) {
    const auto result = c.scalar("SELECT min(id) FROM diagnostic_results");
    for (auto p : {a, b})
      c.execute(
          "INSERT INTO diagnostic_results (campaign_id, person_id, competency_id, raw_score, max_score, percent,"
          " measured_on) SELECT campaign_id, $1, competency_id, raw_score, max_score, percent, measured_on"
          " FROM diagnostic_results WHERE id = $2",
          {p, result});
    c.execute(
        "UPDATE mentoring_pairs SET mentor_person_id = $1, mentee_person_id = $2 WHERE id = (SELECT min(id) FROM "
        "mentoring_pairs)",
        {a, b});
    return 0;
  });
  const auto e = metodist::testing::error_of([&] { app::merge_persons(app_, federal, a, b); });
  EXPECT_EQ(e.kind(), domain::ErrorKind::conflict);
  const std::string text = e.what();
  EXPECT_NE(text.find("Даты рождения разные: 04.05.1979 и 05.05.1979"), std::string::npos) << text;
  EXPECT_NE(text.find("Оба прошли одну и ту же диагностику: «"), std::string::npos) << text;
  EXPECT_NE(text.find("после объединения человек стал бы своим наставником"), std::string::npos) << text;
  EXPECT_EQ(scalar("SELECT count(*) FROM person_merges"), 0) << "nothing written";
  EXPECT_EQ(metodist::testing::error_of([&] { app::merge_persons(app_, federal, a, a); }).kind(),
            domain::ErrorKind::validation_failed);
}

// Two app servers merging one record at once: the second waits for the
// first and then sees the record merged, instead of writing over it.
TEST_P(PersonMergeTest, TwoMergesOfOneRecordAtOnceRunOneAfterTheOther) {
  const auto federal = caller("federal_operator");
  const auto x = new_person("RACE-X"), y = new_person("RACE-Y"), z = new_person("RACE-Z");
  for (auto p : {x, y, z}) work_at(p, "RU-01-001-S001");
  // Another server's merge of X into Z, caught before its commit.
  std::promise<void> written, commit;
  auto other = std::async(std::launch::async, [&] {
    app_.db->write([&](storage::Connection& c) {
      merge::set_merged_into(c, x, z);
      written.set_value();
      commit.get_future().wait();
      return 0;
    });
  });
  written.get_future().wait();
  auto mine = std::async(std::launch::async,
                         [&] { return metodist::testing::error_of([&] { app::merge_persons(app_, federal, y, x); }); });
  // Long enough for this merge to read X as not merged yet, were it not held.
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  commit.set_value();
  other.get();
  const auto e = mine.get();
  EXPECT_EQ(e.kind(), domain::ErrorKind::conflict) << e.what();
  EXPECT_NE(std::string(e.what()).find("уже объединена с другой"), std::string::npos) << e.what();
  EXPECT_EQ(scalar("SELECT merged_into_id FROM persons WHERE id = " + std::to_string(x)), z);
  EXPECT_EQ(scalar("SELECT count(*) FROM person_merges"), 0) << "the refused merge wrote nothing";
}

TEST_P(PersonMergeTest, DuplicatesAreFoundWithinTheScopeWithReasons) {
  const auto a = new_person("DUP-A", "1979-05-04");
  const auto b = new_person("DUP-B", "1979-05-04");  // same name and birth date, another school
  const auto c = new_person("DUP-C", "");            // same name, same school as a
  work_at(a, "RU-01-001-S001");
  work_at(b, "RU-01-001-S002");
  work_at(c, "RU-01-001-S001");
  const auto federal = caller("federal_operator");
  const auto page = app::find_duplicates(app_, federal, 0, 100);
  std::map<std::pair<std::int64_t, std::int64_t>, std::string> found;
  for (const auto& d : page.items) {
    std::string reasons;
    for (const auto& r : d.reasons) reasons += r.text + "|";
    found[std::minmax(d.first.id, d.second.id)] = reasons;
  }
  ASSERT_TRUE(found.count(std::minmax(a, b)));
  EXPECT_EQ(found[std::minmax(a, b)], "Совпадают ФИО и дата рождения|");
  ASSERT_TRUE(found.count(std::minmax(a, c)));
  EXPECT_EQ(found[std::minmax(a, c)].rfind("Совпадают ФИО и место работы: ", 0), 0u) << found[std::minmax(a, c)];
  EXPECT_FALSE(found.count(std::minmax(b, c))) << "no birth date, other schools: nothing in common but the name";
  // A school's administration sees only the pair within its school.
  const auto school = caller("school_admin", {}, organisation("RU-01-001-S001"));
  const auto own = app::find_duplicates(app_, school, 0, 100);
  for (const auto& d : own.items) EXPECT_NE(d.first.id, b) << "outside the school";
  // Two records that both carry a СНИЛС are two people.
  app_.db->write([&](storage::Connection& conn) {
    conn.execute("UPDATE persons SET snils = '112-233-445 95' WHERE id = $1", {a});
    conn.execute("UPDATE persons SET snils = '123-456-789 64' WHERE id = $1", {b});
    return 0;
  });
  const auto after = app::find_duplicates(app_, federal, 0, 100);
  for (const auto& d : after.items) EXPECT_NE(std::minmax(d.first.id, d.second.id), std::minmax(a, b));
  // A teacher or methodist does not look for duplicates.
  EXPECT_EQ(metodist::testing::error_of([&] {
              app::find_duplicates(app_, caller("methodist", territory("RU-01")), 0, 10);
            }).kind(),
            domain::ErrorKind::forbidden);
}

INSTANTIATE_TEST_SUITE_P(Backends, PersonMergeTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });
