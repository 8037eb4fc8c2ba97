// A token that changes with every commit to one SQLite database file. Its
// core is a count shared by every process on the machine that opens the file
// through this storage layer (the server, the CLI's import or account
// commands): it lives in a small file beside the database («<file>-commits»,
// mapped into memory like SQLite's own «-shm») and is advanced after each
// commit (SQLite's WAL hook runs once the commit is visible to readers). A
// program writing without this layer (the sqlite3 shell) does not advance it,
// but it appends to the write-ahead log: the log's size and time of change are
// mixed into the token too. A token read before a version is read from the
// database therefore says whether that version may have moved since: while it
// stands, nothing was committed — so a signed-in request need not start a read
// transaction only to learn that its session still holds.
//
// SQLite only: PostgreSQL is shared by servers on other machines, which read
// their versions from the database (storage/data_version.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace metodist::storage {

class CommitSignal {
 public:
  // Maps «<database>-commits», creating it when missing. Null when it cannot
  // (a read-only folder): callers then read versions every time, as before.
  static std::shared_ptr<CommitSignal> open(const std::string& database_path);
  ~CommitSignal();
  CommitSignal(const CommitSignal&) = delete;
  CommitSignal& operator=(const CommitSignal&) = delete;

  // Equal tokens: no commit in between. Only equality means anything.
  std::uint64_t token() const noexcept;
  void advance() noexcept;

 private:
  CommitSignal(void* mapping, std::string wal) : mapping_(mapping), wal_(std::move(wal)) {}
  void* mapping_;
  std::string wal_;  // «<database>-wal»
};

}  // namespace metodist::storage
