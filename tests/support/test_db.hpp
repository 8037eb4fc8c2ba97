// Fresh databases for tests, one per test: a temp SQLite file, or a new
// database on the PostgreSQL server that CTest's fixture started (its URL in
// METODIST_TEST_PG). Nothing is mocked.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>

#include "storage/database.hpp"
#include "storage/migrations.hpp"

namespace metodist::testing {

inline std::string pg_server_url() {
  const char* url = std::getenv("METODIST_TEST_PG");
  if ((!url || !*url) && std::getenv("METODIST_TEST_PG_FILE")) {
    // CTest's fixture writes the URL of the server it started to this file.
    static std::string from_file;
    std::ifstream in(std::getenv("METODIST_TEST_PG_FILE"));
    std::getline(in, from_file);
    url = from_file.c_str();
  }
  if (!url || !*url)
    throw std::runtime_error(
        "METODIST_TEST_PG is not set: run the tests through ctest, which starts PostgreSQL "
        "(tests/support/pg_start.sh), or export the URL of a server you started");
  return url;
}

class TestDatabase {
 public:
  explicit TestDatabase(const std::string& backend, bool migrated = true) {
    static std::atomic<int> counter{0};
    std::random_device rd;
    const std::string unique =
        std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rd() % 100000);
    if (backend == "sqlite") {
      path_ = (std::filesystem::temp_directory_path() / ("metodist_test_" + unique + ".db")).string();
      url_ = "sqlite:" + path_;
    } else {
      const std::string server = pg_server_url();
      admin_ = storage::open_database({server, 1, std::chrono::milliseconds(5000)});
      name_ = "t_" + unique;
      admin_->read([&](storage::Connection& c) { c.exec_script("CREATE DATABASE " + name_); });
      url_ = server.substr(0, server.rfind('/') + 1) + name_;
    }
    db = storage::open_database({url_, 4, std::chrono::milliseconds(5000)});
    if (migrated) storage::migrate(*db);
  }
  ~TestDatabase() {
    db.reset();
    if (!path_.empty()) {
      for (const char* suffix : {"", "-wal", "-shm", "-commits"}) std::filesystem::remove(path_ + suffix);
    } else if (admin_) {
      try {
        admin_->read(
            [&](storage::Connection& c) { c.exec_script("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"); });
      } catch (...) {
      }
    }
  }
  const std::string& url() const { return url_; }

  std::unique_ptr<storage::Database> db;

 private:
  std::string url_, path_, name_;
  std::unique_ptr<storage::Database> admin_;
};

// Every index and constraint of the registry's persons and workplaces, as the
// database defines them: what a bulk load must leave as it found
// (storage/empty_load.hpp).
inline std::string registry_table_definitions(storage::Database& db) {
  return db.read([](storage::Connection& c) {
    std::string out;
    const char* sql = c.backend() == storage::Backend::postgres
                          ? "SELECT pg_get_indexdef(x.indexrelid) AS d FROM pg_index x JOIN pg_class t"
                            " ON t.oid = x.indrelid WHERE t.relname IN ('persons', 'positions')"
                            " UNION ALL SELECT t.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)"
                            " FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid"
                            " WHERE t.relname IN ('persons', 'positions') ORDER BY 1"
                          : "SELECT coalesce(sql, name) AS d FROM sqlite_master"
                            " WHERE tbl_name IN ('persons', 'positions') ORDER BY 1";
    c.run(sql, {}, [&](const storage::Row& r) { out += r.text("d") + "\n"; });
    return out;
  });
}

// Runs a suite once per backend: INSTANTIATE_TEST_SUITE_P(Backends, X, kBackends).
inline const auto kBackends = ::testing::Values(std::string("sqlite"), std::string("postgres"));

}  // namespace metodist::testing
