// A count of the commits to one SQLite database file, shared by every process
// on the machine that opens it through this storage layer (the server, the
// CLI's import or account commands). It lives in a small file beside the
// database («<file>-commits», mapped into memory like SQLite's own «-shm») and
// is advanced after each commit (SQLite's WAL hook runs once the commit is
// visible to readers). A value read before a version is read from the
// database therefore says whether that version may have moved since: while the
// count stands, nothing was committed — so a signed-in request need not start a
// read transaction only to learn that its session still holds.
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

  std::uint64_t count() const noexcept;
  void advance() noexcept;

 private:
  explicit CommitSignal(void* mapping) : mapping_(mapping) {}
  void* mapping_;
};

}  // namespace metodist::storage
