// SQLite backend: WAL, foreign keys, busy timeout, one writer connection and a
// pool of read-only readers; statements prepared once per connection.
#include <sqlite3.h>

#include <filesystem>
#include <unordered_map>

#include "storage/backends.hpp"
#include "storage/commit_signal.hpp"
#include "storage/pool.hpp"

namespace metodist::storage {

void configure_sqlite() {
  // SQLite counts every allocation of the process under one global mutex
  // (SQLITE_CONFIG_MEMSTATUS, on by default) for sqlite3_memory_used(), which
  // nothing here reads; under a load of short lists the pool's readers waited
  // on each other for it inside sqlite3Malloc (docs/performance.md). The
  // setting is only accepted before SQLite initialises itself, i.e. before
  // the process's first open.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

namespace {

// Repositories write $1..$n; SQLite binds ?NNN to exactly index NNN.
std::string to_sqlite_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size());
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9') {
      out.push_back('?');
      continue;
    }
    out.push_back(c);
  }
  return out;
}

ErrorKind classify(int extended) {
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return ErrorKind::unique_violation;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return ErrorKind::foreign_key_violation;
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
      return ErrorKind::check_violation;
  }
  switch (extended & 0xFF) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorKind::busy;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return ErrorKind::unavailable;
  }
  return ErrorKind::other;
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, bool read_only, std::shared_ptr<CommitSignal> commits)
      : commits_(std::move(commits)) {
    // Readers open read-write but run with query_only: a read-only handle on a
    // WAL file fails when it has to initialise the shared-memory index.
    configure_sqlite();
    const int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE | (read_only ? 0 : SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw Error(ErrorKind::unavailable, "Не удалось открыть базу SQLite «" + path + "»: " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    // WAL is a property of the file; the writer sets it, readers inherit it.
    exec_script(read_only ? "PRAGMA foreign_keys=ON; PRAGMA query_only=ON;"
                          : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    exec_script("PRAGMA temp_store=MEMORY; PRAGMA cache_size=-1048576; PRAGMA mmap_size=268435456;");
    if (commits_) sqlite3_wal_hook(db_, &SqliteConnection::committed, this);
  }

  ~SqliteConnection() override {
    for (auto& [sql, prepared] : cache_) sqlite3_finalize(prepared.stmt);
    sqlite3_close(db_);
  }

  Backend backend() const noexcept override { return Backend::sqlite; }
  bool healthy() noexcept override { return db_ != nullptr; }

  std::int64_t run(std::string_view sql, const Params& params, const RowCallback& on_row) override {
    Prepared& prepared = prepare(sql);
    sqlite3_stmt* stmt = prepared.stmt;
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    for (std::size_t i = 0; i < params.size(); ++i) bind(stmt, static_cast<int>(i + 1), params[i]);
    const int columns = sqlite3_column_count(stmt);
    Row row;
    row.cells().resize(static_cast<std::size_t>(columns));
    if (on_row && columns > 0) {
      // A statement is re-prepared by SQLite after a schema change, which may change its columns.
      if (!prepared.columns || prepared.columns->size() != static_cast<std::size_t>(columns))
        prepared.columns = column_names(stmt, columns);
      row.set_columns(prepared.columns);
    }
    while (true) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(rc);
      if (!on_row) continue;
      for (int c = 0; c < columns; ++c) column(stmt, c, row.cells()[static_cast<std::size_t>(c)]);
      on_row(row);
    }
    return sqlite3_changes64(db_);
  }

  void exec_script(std::string_view sql) override {
    char* err = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      throw Error(classify(sqlite3_extended_errcode(db_)), "SQLite: " + msg);
    }
  }

  // IMMEDIATE takes the write lock up front, so a write never fails half-way
  // through with SQLITE_BUSY on lock upgrade.
  void begin_write() override { exec_script("BEGIN IMMEDIATE"); }
  // DEFERRED: the snapshot is taken by the first read and held to COMMIT (WAL).
  void begin_snapshot() override { exec_script("BEGIN DEFERRED"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() noexcept override {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }

 private:
  struct Prepared {
    sqlite3_stmt* stmt;
    ColumnNames columns;  // built at the first run that reads rows
  };

  Prepared& prepare(std::string_view sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second;
    const std::string native = to_sqlite_placeholders(sql);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, native.c_str(), static_cast<int>(native.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr) != SQLITE_OK)
      fail(sqlite3_extended_errcode(db_));
    if (cache_.size() >= kMaxCachedStatements) evict_idle();
    return cache_.emplace(std::string(sql), Prepared{stmt, nullptr}).first->second;
  }

  // Statements are many only when SQL is built with varying shapes (IN lists
  // of any length); a long-running server must not keep them all. One being
  // stepped (a query run from inside another's row callback) stays.
  void evict_idle() {
    for (auto it = cache_.begin(); it != cache_.end();) {
      if (sqlite3_stmt_busy(it->second.stmt)) {
        ++it;
      } else {
        sqlite3_finalize(it->second.stmt);
        it = cache_.erase(it);
      }
    }
  }

  void bind(sqlite3_stmt* stmt, int index, const Value& v) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(v))
      rc = sqlite3_bind_null(stmt, index);
    else if (auto i = std::get_if<std::int64_t>(&v))
      rc = sqlite3_bind_int64(stmt, index, *i);
    else if (auto d = std::get_if<double>(&v))
      rc = sqlite3_bind_double(stmt, index, *d);
    else if (auto view = std::get_if<std::string_view>(&v))
      rc = sqlite3_bind_text64(stmt, index, view->data(), view->size(), SQLITE_STATIC, SQLITE_UTF8);
    else {
      const auto& s = std::get<std::string>(v);
      // STATIC: the parameters outlive the statement run (bindings are cleared on reset).
      rc = sqlite3_bind_text64(stmt, index, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
    }
    if (rc != SQLITE_OK) fail(rc);
  }

  // Fills a cell in place: a text cell reuses the previous row's buffer.
  static ColumnNames column_names(sqlite3_stmt* stmt, int columns) {
    std::vector<std::string> names;
    for (int c = 0; c < columns; ++c) names.emplace_back(sqlite3_column_name(stmt, c));
    return std::make_shared<const Columns>(std::move(names));
  }

  static void column(sqlite3_stmt* stmt, int c, Value& out) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_INTEGER:
        out = static_cast<std::int64_t>(sqlite3_column_int64(stmt, c));
        return;
      case SQLITE_FLOAT:
        out = sqlite3_column_double(stmt, c);
        return;
      case SQLITE_NULL:
        out = nullptr;
        return;
      default: {
        // A view into SQLite's memory, valid until the next step: the row's
        // callback runs before it, and a Row kept longer copies (Row's copy).
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        out = p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt, c))) : std::string_view{};
      }
    }
  }

  [[noreturn]] void fail(int rc) {
    const int ext = sqlite3_extended_errcode(db_);
    throw Error(classify(ext ? ext : rc), std::string("SQLite: ") + sqlite3_errmsg(db_));
  }

  // SQLite calls this after a commit, once readers can see it. The hook takes
  // the place of SQLite's own automatic checkpoint, so it checkpoints as that
  // one did: passively, once the log holds 1000 pages.
  static int committed(void* self, sqlite3* db, const char* name, int pages) {
    static_cast<SqliteConnection*>(self)->commits_->advance();
    if (pages >= 1000) sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
  }

  sqlite3* db_ = nullptr;
  std::shared_ptr<CommitSignal> commits_;
  static constexpr std::size_t kMaxCachedStatements = 256;
  std::unordered_map<std::string, Prepared, SqlHash, std::equal_to<>> cache_;
};

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, const DatabaseOptions& o)
      : path_(std::move(path)),
        commits_(CommitSignal::open(path_)),
        writer_([p = path_, s = commits_] { return std::make_unique<SqliteConnection>(p, false, s); }, 1,
                o.acquire_timeout),
        readers_([p = path_, s = commits_] { return std::make_unique<SqliteConnection>(p, true, s); }, o.pool_size,
                 o.acquire_timeout) {
    // Opening the writer first creates the file and switches it to WAL before
    // any reader (which does not create files) needs it.
    auto probe = writer_.acquire();
  }

  Backend backend() const noexcept override { return Backend::sqlite; }
  std::string describe() const override { return "sqlite:" + path_; }
  std::optional<std::uint64_t> commits() const noexcept override {
    if (!commits_) return std::nullopt;
    return commits_->token();
  }
  PoolStats stats() const override {
    auto r = readers_.stats();
    auto w = writer_.stats();
    return PoolStats{r.open + w.open, r.in_use + w.in_use, r.waits + w.waits, r.timeouts + w.timeouts};
  }

 protected:
  Lease acquire(bool for_write) override { return for_write ? writer_.acquire() : readers_.acquire(); }

 private:
  std::string path_;
  std::shared_ptr<CommitSignal> commits_;  // before the pools: their connections hold it
  ConnectionPool writer_;
  ConnectionPool readers_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, const DatabaseOptions& options) {
  if (path.empty()) throw Error(ErrorKind::unavailable, "Не указан путь к файлу базы SQLite (sqlite:ПУТЬ)");
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty() && !std::filesystem::exists(parent))
    throw Error(ErrorKind::unavailable, "Папка для базы SQLite не существует: " + parent.string());
  return std::make_unique<SqliteDatabase>(path, options);
}

}  // namespace metodist::storage
