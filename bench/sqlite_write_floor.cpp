// The least SQLite can spend writing what a federal persons import writes:
// N persons (sorted codes, the row shape of `persons`) and their workplaces,
// through the plain C API with one prepared single-row statement each, in one
// transaction, with the pragmas metodist uses. No parsing, no checks, no
// application code: what is left of an import's time above this is ours.
//
// Usage: sqlite_write_floor <database made by `metodist migrate`/`demo`> [persons=1170002]
// (the organisations of the database are used for the workplaces).
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace {

double since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}

void exec(sqlite3* db, const char* sql) { check(db, sqlite3_exec(db, sql, nullptr, nullptr, nullptr), sql); }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s <database> [persons]\n", argv[0]);
    return 2;
  }
  const long persons = argc > 2 ? std::atol(argv[2]) : 1170002;
  sqlite3* db = nullptr;
  check(db, sqlite3_open(argv[1], &db), "open");
  exec(db,
       "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
       " PRAGMA cache_size=-1048576; PRAGMA mmap_size=268435456;");
  sqlite3_stmt* range = nullptr;
  check(db, sqlite3_prepare_v2(db, "SELECT min(id), max(id) FROM organisations", -1, &range, nullptr), "organisations");
  sqlite3_step(range);
  const long first_org = sqlite3_column_int64(range, 0), last_org = sqlite3_column_int64(range, 1);
  sqlite3_finalize(range);
  if (last_org <= 0) {
    std::fprintf(stderr, "no organisations: run `metodist demo` on the database first\n");
    return 1;
  }

  sqlite3_stmt* person = nullptr;
  sqlite3_stmt* position = nullptr;
  check(db,
        sqlite3_prepare_v2(db,
                           "INSERT INTO persons (code, last_name, first_name, middle_name, gender, birth_date,"
                           " ped_experience_since, category, higher_ped_education, ped_university_graduate,"
                           " search_key, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                           " ?11, ?12, ?13)",
                           -1, &person, nullptr),
        "prepare persons");
  check(db,
        sqlite3_prepare_v2(db,
                           "INSERT INTO positions (person_id, organisation_id, position, subject_area, subjects,"
                           " hired_on, left_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)",
                           -1, &position, nullptr),
        "prepare positions");

  std::mt19937_64 random(1);
  const auto start = std::chrono::steady_clock::now();
  exec(db, "BEGIN IMMEDIATE");
  const std::string now = "2026-11-23T12:00:00Z";
  long first_id = 0;
  char code[32];
  for (long i = 0; i < persons; ++i) {
    std::snprintf(code, sizeof code, "RU-%02d-P%07d", int(1 + i * 85 / persons),
                  int(i % 10000000));  // sorted, as the import writes
    const std::string key = std::string("абрамов александр александрович ") + code;
    auto text = [&](int n, const std::string& s) {
      sqlite3_bind_text(person, n, s.data(), int(s.size()), SQLITE_TRANSIENT);
    };
    text(1, code);
    text(2, "Абрамов");
    text(3, "Александр");
    text(4, "Александрович");
    text(5, "m");
    text(6, "1978-04-02");
    text(7, "2001-10-29");
    text(8, "first");
    sqlite3_bind_int64(person, 9, 1);
    sqlite3_bind_int64(person, 10, 0);
    text(11, key);
    text(12, now);
    text(13, now);
    check(db, sqlite3_step(person), "insert person");
    sqlite3_reset(person);
    if (i == 0) first_id = sqlite3_last_insert_rowid(db);
  }
  const double persons_s = since(start);
  const auto positions_start = std::chrono::steady_clock::now();
  const long positions = persons + persons / 16;  // the federal file: 1.064 workplaces per person
  for (long i = 0; i < positions; ++i) {
    sqlite3_bind_int64(position, 1, first_id + (i < persons ? i : random() % persons));
    sqlite3_bind_int64(position, 2, first_org + long(random() % std::uint64_t(last_org - first_org + 1)));
    sqlite3_bind_text(position, 3, i < persons ? "teacher" : "deputy_director", -1, SQLITE_STATIC);
    sqlite3_bind_text(position, 4, "russian_literature", -1, SQLITE_STATIC);
    sqlite3_bind_text(position, 5, "Русский язык;Литература", -1, SQLITE_STATIC);
    sqlite3_bind_text(position, 6, "2018-09-26", -1, SQLITE_STATIC);
    check(db, sqlite3_step(position), "insert position");
    sqlite3_reset(position);
  }
  const double positions_s = since(positions_start);
  const auto commit_start = std::chrono::steady_clock::now();
  exec(db, "COMMIT");
  const double commit_s = since(commit_start);
  sqlite3_finalize(person);
  sqlite3_finalize(position);
  sqlite3_close(db);
  const double total = since(start);
  std::printf("persons %ld: %.2f s; positions %ld: %.2f s; commit: %.2f s; total with close: %.2f s (%.0f rows/s)\n",
              persons, persons_s, positions, positions_s, commit_s, total, double(positions) / total);
}
