// The storage contract, run against both backends.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "support/test_db.hpp"

using namespace metodist;
using metodist::testing::TestDatabase;

class StorageTest : public ::testing::TestWithParam<std::string> {};

TEST_P(StorageTest, MigrationsApplyOnceAndRecordVersion) {
  TestDatabase t(GetParam(), /*migrated=*/false);
  const int applied = storage::migrate(*t.db);
  EXPECT_EQ(applied, static_cast<int>(storage::known_migrations(t.db->backend()).size()));
  EXPECT_EQ(storage::migrate(*t.db), 0);  // idempotent
  const auto status = storage::migration_status(*t.db);
  EXPECT_TRUE(status.pending.empty());
  EXPECT_EQ(status.current, status.latest);
  EXPECT_EQ(storage::applied_version(*t.db), storage::latest_version(t.db->backend()));
}

TEST_P(StorageTest, AppliedVersionIsZeroOnAnEmptyDatabase) {
  TestDatabase t(GetParam(), /*migrated=*/false);
  EXPECT_EQ(storage::applied_version(*t.db), 0);
  EXPECT_GT(storage::latest_version(t.db->backend()), 0);
}

TEST_P(StorageTest, EditedMigrationIsRefused) {
  TestDatabase t(GetParam());
  t.db->write([](storage::Connection& c) { c.execute("UPDATE schema_migrations SET checksum = 'tampered'"); });
  try {
    storage::migration_status(*t.db);
    FAIL() << "a changed migration must stop the start";
  } catch (const storage::Error& e) {
    EXPECT_NE(std::string(e.what()).find("изменена"), std::string::npos) << e.what();
  }
}

TEST_P(StorageTest, FailedWriteLeavesNothingBehind) {
  TestDatabase t(GetParam());
  EXPECT_THROW(t.db->write([](storage::Connection& c) {
    c.execute("INSERT INTO territories (level, code, name, search_key) VALUES ('region', 'R1', 'Регион', 'регион')");
    throw std::runtime_error("boom after the first insert");
  }),
               std::runtime_error);
  const auto n = t.db->read([](storage::Connection& c) { return c.scalar("SELECT count(*) FROM territories"); });
  EXPECT_EQ(n, 0);
}

TEST_P(StorageTest, ConstraintViolationsAreClassified) {
  TestDatabase t(GetParam());
  auto insert = [](storage::Connection& c) {
    c.execute("INSERT INTO territories (level, code, name, search_key) VALUES ('region', 'R1', 'Регион', 'регион')");
  };
  t.db->write(insert);
  try {
    t.db->write(insert);
    FAIL() << "duplicate code must be rejected";
  } catch (const storage::Error& e) {
    EXPECT_EQ(e.kind(), storage::ErrorKind::unique_violation) << e.what();
  }
  try {
    t.db->write([](storage::Connection& c) {
      c.execute(
          "INSERT INTO territories (parent_id, level, code, name, search_key) VALUES (999, 'region', 'R2', 'x', 'x')");
    });
    FAIL() << "a dangling parent must be rejected";
  } catch (const storage::Error& e) {
    EXPECT_EQ(e.kind(), storage::ErrorKind::foreign_key_violation) << e.what();
  }
  // The connection is usable after the failures.
  EXPECT_EQ(t.db->read([](storage::Connection& c) { return c.scalar("SELECT count(*) FROM territories"); }), 1);
}

TEST_P(StorageTest, ValuesRoundTrip) {
  TestDatabase t(GetParam());
  const auto row = t.db->read([](storage::Connection& c) {
    return *c.query_one(
        "SELECT CAST($1 AS BIGINT), CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS TEXT), CAST($1 AS BIGINT) + 1",
        {std::int64_t{9007199254740993}, std::string("Ёлка «школа»"), nullptr, std::string("")});
  });
  EXPECT_EQ(row.int64(0), 9007199254740993);  // beyond double precision: stays exact
  EXPECT_EQ(row.text(1), "Ёлка «школа»");
  EXPECT_TRUE(row.is_null(2));
  EXPECT_EQ(row.text(3), "");
  EXPECT_EQ(row.int64(4), 9007199254740994);  // the same $1 used twice
}

// COPY is PostgreSQL's bulk load (the import's write path there); SQLite has
// none and says so rather than pretending.
TEST_P(StorageTest, CopiedRowsArriveAsTheyWereWithEveryEscapeAndNull) {
  TestDatabase t(GetParam());
  const std::vector<std::string> texts = {"Ёлкина «школа»", "a\tb", "line\nbreak\r", "back\\slash \\N", "\\N", ""};
  // Sent in chunks of about 16 bytes: whole rows each, the rest at the end.
  std::vector<std::string> chunks;
  storage::CopyRows made([&](std::string_view chunk) { chunks.emplace_back(chunk); }, 16);
  const auto fill = [&](storage::CopyRows& rows) {
    for (std::size_t i = 0; i < texts.size(); ++i)
      rows.number(static_cast<std::int64_t>(i)).text(texts[i]).text_or_null(texts[i]).null().end_row();
  };
  fill(made);
  made.flush();
  EXPECT_EQ(made.rows(), texts.size());
  EXPECT_GT(chunks.size(), 2u);
  for (const auto& chunk : chunks) EXPECT_EQ(chunk.back(), '\n') << chunk;
  if (GetParam() == "sqlite") {
    t.db->write([&](storage::Connection& c) { EXPECT_THROW(c.copy_in("COPY x FROM STDIN", fill), std::logic_error); });
    return;
  }
  t.db->write([&](storage::Connection& c) {
    c.exec_script("CREATE TABLE copied (n BIGINT, t TEXT, maybe TEXT, nothing DATE)");
    c.copy_in("COPY copied FROM STDIN", fill);
  });
  t.db->read([&](storage::Connection& c) {
    const auto back = c.query("SELECT n, t, maybe, nothing FROM copied ORDER BY n");
    ASSERT_EQ(back.size(), texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
      EXPECT_EQ(back[i].text("t"), texts[i]) << i;
      EXPECT_EQ(back[i].is_null("maybe"), texts[i].empty()) << i;
      EXPECT_TRUE(back[i].is_null("nothing"));
    }
  });
  // A row the table refuses fails the whole COPY with the server's words; the
  // connection is ready for the next statement and nothing of the COPY stays.
  const auto bad = [](storage::CopyRows& rows) {
    rows.number(100).text("ok").null().null().end_row();
    rows.number(101).text("x").null().text("31.02.2020 не дата").end_row();
  };
  EXPECT_THROW(t.db->write([&](storage::Connection& c) { c.copy_in("COPY copied FROM STDIN", bad); }), storage::Error);
  // Rows that cannot be made end the COPY unwritten, many of them already
  // sent: the caller's own error goes on (not the server's), nothing stays.
  EXPECT_THROW(t.db->write([&](storage::Connection& c) {
    c.copy_in("COPY copied FROM STDIN", [](storage::CopyRows& rows) {
      for (int i = 0; i < 20000; ++i) rows.number(200 + i).text("sent").null().null().end_row();
      throw std::runtime_error("строки не собраны");
    });
  }),
               std::runtime_error);
  EXPECT_EQ(t.db->read([](storage::Connection& c) { return c.scalar("SELECT count(*) FROM copied"); }),
            static_cast<std::int64_t>(texts.size()));
}

TEST_P(StorageTest, CellsAreReadByColumnName) {
  TestDatabase t(GetParam());
  const auto rows = t.db->read([](storage::Connection& c) {
    return c.query(
        "SELECT t.id, t.name, COALESCE(t.parent_id, 0) AS parent, t.id AS again FROM territories t"
        " WHERE t.id = $1 UNION ALL SELECT 0, 'x', 0, 0",
        {std::int64_t{-1}});
  });
  ASSERT_EQ(rows.size(), 1u);  // kept after the statement ran: the names travel with the row
  const auto& row = rows[0];
  EXPECT_EQ(row.index("id"), 0u);
  EXPECT_EQ(row.index("again"), 3u);
  EXPECT_EQ(row.text("name"), "x");
  EXPECT_EQ(row.int64("parent"), 0);
  // A name the SELECT has not, or an expression without an alias, says so.
  try {
    (void)row.int64("parent_id");
    ADD_FAILURE() << "an unknown column was read";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("parent_id"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("again"), std::string::npos) << "lists the columns there are: " << e.what();
  }
  const auto twice = t.db->read([](storage::Connection& c) { return *c.query_one("SELECT 1 AS n, 2 AS n"); });
  EXPECT_THROW((void)twice.int64("n"), std::logic_error);
  // A name read right after the one before it is still checked for a twin.
  const auto after = t.db->read([](storage::Connection& c) { return *c.query_one("SELECT 1 AS a, 2 AS n, 3 AS n"); });
  EXPECT_EQ(after.int64("a"), 1);
  EXPECT_THROW((void)after.int64("n"), std::logic_error);
}

TEST_P(StorageTest, CellsReadInAnyOrderAndAgainGiveTheirOwnValues) {
  TestDatabase t(GetParam());
  // Mappers mostly read in SELECT order, which the lookup favours; any other
  // order, a repeat or a second run of the same statement must not matter.
  for (int run = 0; run < 2; ++run) {
    const auto rows = t.db->read([](storage::Connection& c) {
      return c.query("SELECT 1 AS a, 'два' AS b, 3 AS c UNION ALL SELECT 4, 'пять', 6 ORDER BY 1");
    });
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].int64("c"), 6);
    EXPECT_EQ(rows[1].int64("a"), 4);
    EXPECT_EQ(rows[1].int64("a"), 4);
    EXPECT_EQ(rows[1].text("b"), "пять");
    EXPECT_EQ(rows[0].text("b"), "два");
    EXPECT_EQ(rows[0].int64("c"), 3);
    EXPECT_EQ(rows[0].int64("a"), 1);
    EXPECT_THROW((void)rows[0].int64("d"), std::logic_error);
    EXPECT_EQ(rows[0].int64("c"), 3);
  }
}

TEST_P(StorageTest, DollarSignsInsideStringLiteralsAreNotParameters) {
  TestDatabase t(GetParam());
  const auto row = t.db->read(
      [](storage::Connection& c) { return *c.query_one("SELECT 'цена $1', CAST($1 AS TEXT)", {std::string("x")}); });
  EXPECT_EQ(row.text(0), "цена $1");
  EXPECT_EQ(row.text(1), "x");
}

TEST_P(StorageTest, ManyStatementShapesAreForgottenWithoutDisturbingARunningQuery) {
  TestDatabase t(GetParam());
  // Each shape is prepared once and cached; past the cache's limit the idle
  // ones go, while the query whose rows are being read keeps running.
  std::vector<std::int64_t> outer, inner;
  t.db->read([&](storage::Connection& c) {
    c.run("SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3", {}, [&](const storage::Row& r) {
      outer.push_back(r.int64(0));
      for (int k = 0; k < 200; ++k)
        inner.push_back(
            c.scalar("SELECT CAST($1 AS BIGINT) + " + std::to_string(outer.size() * 1000 + k), {std::int64_t{1}}));
    });
  });
  EXPECT_EQ(outer, (std::vector<std::int64_t>{1, 2, 3}));
  ASSERT_EQ(inner.size(), 600u);
  EXPECT_EQ(inner.front(), 1001);
  EXPECT_EQ(inner.back(), 3200);
}

TEST_P(StorageTest, ConcurrentReadersAndWriterSeeCommittedData) {
  TestDatabase t(GetParam());
  std::vector<std::thread> threads;
  std::atomic<int> errors{0};
  for (int w = 0; w < 4; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < 25; ++i) {
        try {
          t.db->write([&](storage::Connection& c) {
            c.execute("INSERT INTO territories (level, code, name, search_key) VALUES ('region', $1, 'r', 'r')",
                      {"R-" + std::to_string(w) + "-" + std::to_string(i)});
          });
          t.db->read([](storage::Connection& c) { return c.scalar("SELECT count(*) FROM territories"); });
        } catch (const std::exception&) {
          ++errors;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(t.db->read([](storage::Connection& c) { return c.scalar("SELECT count(*) FROM territories"); }), 100);
}

TEST_P(StorageTest, CommitsAreCountedAcrossDatabasesOnOneFileAndNotOnPostgres) {
  TestDatabase t(GetParam());
  if (GetParam() == "postgres") {
    EXPECT_FALSE(t.db->commits()) << "servers on other machines cannot see a count kept on this one";
    return;
  }
  // A second Database on the file stands for another process: it maps the
  // count's file on its own.
  auto other = storage::open_database({t.url(), 2, std::chrono::milliseconds(5000)});
  const auto before = *t.db->commits();
  EXPECT_EQ(*other->commits(), before);
  other->read([](storage::Connection& c) { return c.scalar("SELECT count(*) FROM territories"); });
  EXPECT_EQ(*t.db->commits(), before) << "a read is not a commit";
  EXPECT_THROW(other->write([](storage::Connection& c) {
    c.execute("INSERT INTO territories (level, code, name, search_key) VALUES ('region', 'R-1', 'r', 'r')");
    throw std::runtime_error("передумали");
  }),
               std::runtime_error);
  EXPECT_EQ(*t.db->commits(), before) << "a rolled back write is not a commit";
  other->write([](storage::Connection& c) {
    c.execute("INSERT INTO territories (level, code, name, search_key) VALUES ('region', 'R-1', 'r', 'r')");
  });
  const auto after = *t.db->commits();
  EXPECT_NE(after, before);
  EXPECT_EQ(*other->commits(), after);
  EXPECT_EQ(*t.db->commits(), after) << "tokens are equal while nothing is committed";
  // Seen by the reader once the token is seen to change.
  EXPECT_EQ(t.db->read([](storage::Connection& c) { return c.scalar("SELECT count(*) FROM territories"); }), 1);
  // A program that writes without this layer (the sqlite3 shell) does not
  // advance the count, but its commit changes the write-ahead log.
  const std::string shell = "sqlite3 '" + t.url().substr(7) +
                            "' \"INSERT INTO territories (level, code, name, search_key) VALUES ('region', 'R-2', 'r', "
                            "'r')\"";
  ASSERT_EQ(std::system(shell.c_str()), 0);
  EXPECT_NE(*t.db->commits(), after);
}

TEST(SqliteStorage, TheLogIsStillCheckpointedWhileCommitsAreCounted) {
  // Counting commits replaces SQLite's own automatic checkpoint; without one
  // the log would grow with every commit until the server stops.
  TestDatabase t("sqlite");
  const std::string blob(3000, 'x');
  for (int i = 0; i < 3000; ++i)
    t.db->write([&](storage::Connection& c) {
      c.execute("INSERT INTO territories (level, code, name, search_key) VALUES ('region', $1, $2, 'r')",
                {"R-" + std::to_string(i), blob});
    });
  const auto wal = std::filesystem::file_size(t.url().substr(7) + "-wal");
  EXPECT_LT(wal, 8u * 1024 * 1024) << "3000 commits of a page each, a log of " << wal << " bytes";
}

TEST(PostgresStorage, SurvivesTerminatedConnections) {
  TestDatabase t("postgres");
  auto pid = t.db->read([](storage::Connection& c) { return c.scalar("SELECT pg_backend_pid()"); });
  // Kill every pooled backend from outside, as a PostgreSQL restart would.
  TestDatabase admin_side("postgres", false);
  admin_side.db->read([&](storage::Connection& c) {
    c.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    c.execute("SELECT pg_terminate_backend(CAST($1 AS INTEGER))", {pid});
  });
  // A read on the dead pooled connection is retried on a fresh one: the
  // caller never sees the failure, and no restart of the app is needed.
  EXPECT_EQ(t.db->read([](storage::Connection& c) { return c.scalar("SELECT 1"); }), 1);
  EXPECT_NE(t.db->read([](storage::Connection& c) { return c.scalar("SELECT pg_backend_pid()"); }), pid);
  // A write finds its connection broken at BEGIN and is retried likewise.
  admin_side.db->read([&](storage::Connection& c) {
    c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
              {t.url().substr(t.url().rfind('/') + 1)});
  });
  t.db->write([](storage::Connection& c) {
    c.execute("INSERT INTO territories (level, code, name, search_key) VALUES ('region', 'R9', 'r', 'r')");
  });
  EXPECT_EQ(t.db->read([](storage::Connection& c) { return c.scalar("SELECT count(*) FROM territories"); }), 1);
}

// After a restart every pooled connection is dead but looks alive until used:
// the one retry of a read or a write must not land on the next dead one.
TEST(PostgresStorage, RetriesOnAFreshConnectionWhenAllPooledOnesDied) {
  TestDatabase t("postgres");
  // Four connections open at once (the pool's size), all idle afterwards.
  t.db->read([&](storage::Connection&) {
    t.db->read([&](storage::Connection&) {
      t.db->read([&](storage::Connection&) { t.db->read([&](storage::Connection& c) { c.scalar("SELECT 1"); }); });
    });
  });
  EXPECT_EQ(t.db->stats().open, 4u);
  TestDatabase admin_side("postgres", false);
  const auto name = t.url().substr(t.url().rfind('/') + 1);
  const auto kill_all = [&] {
    admin_side.db->read([&](storage::Connection& c) {
      c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", {name});
    });
  };
  kill_all();
  EXPECT_EQ(t.db->read([](storage::Connection& c) { return c.scalar("SELECT 1"); }), 1);
  t.db->read([&](storage::Connection&) {
    t.db->read([&](storage::Connection&) { t.db->read([&](storage::Connection& c) { c.scalar("SELECT 1"); }); });
  });
  kill_all();
  t.db->write([](storage::Connection& c) {
    c.execute("INSERT INTO territories (level, code, name, search_key) VALUES ('region', 'R8', 'r', 'r')");
  });
  EXPECT_EQ(t.db->read([](storage::Connection& c) { return c.scalar("SELECT count(*) FROM territories"); }), 1);
}

TEST(OpenDatabase, RejectsUnknownUrlsClearly) {
  try {
    storage::open_database({"mysql://x", 1, std::chrono::milliseconds(100)});
    FAIL();
  } catch (const storage::Error& e) {
    EXPECT_EQ(e.kind(), storage::ErrorKind::unavailable);
    EXPECT_NE(std::string(e.what()).find("sqlite:"), std::string::npos);
  }
  EXPECT_THROW(storage::open_database({"sqlite:/no/such/dir/x.db", 1, std::chrono::milliseconds(100)}), storage::Error);
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

// SQLite's count of allocated memory takes one process-wide mutex on every
// allocation; it is switched off before the first open (storage/backends.hpp).
// When it is off, SQLite reports no memory in use, whatever it holds.
TEST(SqliteSettingsTest, AllocationsAreNotCountedUnderAProcessWideMutex) {
  TestDatabase t("sqlite");
  const auto n = t.db->read([](storage::Connection& c) { return c.scalar("SELECT count(*) FROM schema_migrations"); });
  EXPECT_GT(n, 0);
  EXPECT_EQ(sqlite3_memory_used(), 0);
}
