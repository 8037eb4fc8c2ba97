// The storage contract: one small interface over SQLite and PostgreSQL.
//
// Repositories write one SQL dialect with $1..$n placeholders that both
// backends run; only DDL (migrations) differs per backend. Reads go through
// `read`, and every change goes through `write`, which is exactly one
// transaction: committed when the function returns, rolled back when it throws.
// SQLite has a single writer connection (WAL lets readers run alongside);
// PostgreSQL uses a small pool of connections for both.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace metodist::storage {

enum class Backend { sqlite, postgres };
const char* backend_name(Backend b) noexcept;

// Parameters may also be views (std::string_view) of text the caller keeps
// alive until the statement has run: bulk writes bind millions of fields
// without copying them. Result cells are always owned strings.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string, std::string_view>;
using Params = std::vector<Value>;

inline Value flag(bool b) { return Value{std::int64_t{b ? 1 : 0}}; }
// Empty text is stored as NULL: optional fields are NULL, never "".
inline Value text_or_null(std::string_view s) { return s.empty() ? Value{nullptr} : Value{std::string(s)}; }
// The same as a view: no copy, the text must outlive the statement run.
inline Value view_or_null(std::string_view s) { return s.empty() ? Value{nullptr} : Value{s}; }
inline Value id_or_null(std::optional<std::int64_t> id) { return id ? Value{*id} : Value{nullptr}; }

// The names of a result's columns, as the SELECT gives them (a column's own
// name, or its alias: expressions need one, the engines name them differently).
// Built once per prepared statement where the backend can keep it; which
// names the SELECT has twice is worked out here, not at every lookup.
class Columns {
 public:
  explicit Columns(std::vector<std::string> names);
  std::size_t size() const noexcept { return names_.size(); }
  const std::string& operator[](std::size_t i) const { return names_[i]; }
  bool twice(std::size_t i) const { return twice_[i]; }

 private:
  std::vector<std::string> names_;
  std::vector<bool> twice_;
};
using ColumnNames = std::shared_ptr<const Columns>;

// One result row. Accessors convert as SQL would: NULL reads as 0 / "".
// Cells are read by position or by column name; by name, adding a column to a
// SELECT is one line there and one in the mapper, with no renumbering.
class Row {
 public:
  Row() = default;
  // A backend's row may hold its texts as views into the result's own memory
  // (SQLite: valid until the next step), which saves a copy of every text cell;
  // a copy of the row — one kept past its callback — owns its texts.
  Row(const Row& other);
  Row& operator=(const Row& other);
  Row(Row&&) noexcept = default;
  Row& operator=(Row&&) noexcept = default;

  std::size_t size() const noexcept { return cells_.size(); }
  bool is_null(std::size_t i) const;
  std::int64_t int64(std::size_t i) const;
  double real(std::size_t i) const;
  bool flag(std::size_t i) const { return int64(i) != 0; }
  std::string text(std::size_t i) const;
  // A text cell without copying (valid until the next row); "" for NULL and numbers.
  std::string_view view(std::size_t i) const;
  std::optional<std::int64_t> opt_int64(std::size_t i) const;

  // By name. A name the SELECT does not have, or has twice, is a programming
  // error: std::logic_error naming it and the columns there are.
  std::size_t index(std::string_view column) const;
  bool is_null(std::string_view column) const { return is_null(index(column)); }
  std::int64_t int64(std::string_view column) const { return int64(index(column)); }
  double real(std::string_view column) const { return real(index(column)); }
  bool flag(std::string_view column) const { return flag(index(column)); }
  std::string text(std::string_view column) const { return text(index(column)); }
  std::string_view view(std::string_view column) const { return view(index(column)); }
  std::optional<std::int64_t> opt_int64(std::string_view column) const { return opt_int64(index(column)); }
  std::optional<double> opt_real(std::string_view column) const;
  std::optional<std::string> opt_text(std::string_view column) const;

  // For backends filling the row.
  std::vector<Value>& cells() noexcept { return cells_; }
  void set_columns(ColumnNames names) noexcept { columns_ = std::move(names); }

 private:
  std::vector<Value> cells_;
  ColumnNames columns_;
  // Mappers read a row's cells mostly in SELECT order: the next lookup
  // tries the column after the last one found before searching.
  mutable std::size_t next_ = 0;
};

using RowCallback = std::function<void(const Row&)>;

// Sets a cell to text, reusing the cell's string buffer when it has one
// (backends fill one Row per statement and overwrite it row after row).
inline void assign_text(Value& cell, const char* data, std::size_t size) {
  if (auto* s = std::get_if<std::string>(&cell))
    s->assign(data, size);
  else
    cell = std::string(data, size);
}

// What went wrong in the database, in terms the app layer can act on.
enum class ErrorKind { unique_violation, foreign_key_violation, check_violation, busy, unavailable, other };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message, std::string constraint = {})
      : std::runtime_error(message), kind_(kind), constraint_(std::move(constraint)) {}
  ErrorKind kind() const noexcept { return kind_; }
  // Name of the violated constraint or index when the backend reports one.
  const std::string& constraint() const noexcept { return constraint_; }

 private:
  ErrorKind kind_;
  std::string constraint_;
};

class CopyRows;

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const noexcept = 0;

  // Runs one statement (prepared once per connection and cached), calling
  // on_row for every result row. Returns the number of rows changed.
  virtual std::int64_t run(std::string_view sql, const Params& params, const RowCallback& on_row) = 0;
  // Runs several statements without parameters (DDL, migrations).
  virtual void exec_script(std::string_view sql) = 0;
  // False when the connection is broken and must be replaced.
  virtual bool healthy() noexcept = 0;

  virtual void begin_write() = 0;
  // A read-only transaction: every statement until commit sees one snapshot
  // of the data (what a computation over many tables needs to be consistent).
  virtual void begin_snapshot() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;

  std::int64_t execute(std::string_view sql, const Params& params = {});
  std::vector<Row> query(std::string_view sql, const Params& params = {});
  std::optional<Row> query_one(std::string_view sql, const Params& params = {});
  // For `INSERT ... RETURNING id` and `SELECT count(*)`-like statements.
  std::int64_t scalar(std::string_view sql, const Params& params = {});

  // Bulk load: runs `copy` (PostgreSQL's «COPY table (columns) FROM STDIN»)
  // and sends the rows `fill` writes into the CopyRows it is given, a chunk
  // at a time as they are made: the database parses and stores one chunk
  // while the next is built (docs/performance.md). An exception from `fill`
  // ends the COPY with nothing written and goes on. SQLite has no such
  // statement and throws std::logic_error: bulk writers check backend() and
  // write multi-row INSERTs there.
  virtual void copy_in(std::string_view copy, const std::function<void(CopyRows&)>& fill);
};

// Rows in the text format of PostgreSQL's COPY: fields separated by tabs,
// rows by newlines, NULL as «\N», and backslash, tab, newline and carriage
// return escaped inside a field.
class CopyRows {
 public:
  // Whole rows go to `sink` whenever they make up `chunk` bytes; flush()
  // sends the rest.
  explicit CopyRows(std::function<void(std::string_view)> sink, std::size_t chunk = 256 * 1024)
      : sink_(std::move(sink)), chunk_(chunk) {}
  CopyRows& text(std::string_view s);
  CopyRows& null();
  CopyRows& number(std::int64_t n);
  // A text or NULL for the empty text (optional fields are NULL, never "").
  CopyRows& text_or_null(std::string_view s) { return s.empty() ? null() : text(s); }
  void end_row();
  void flush();
  std::size_t rows() const noexcept { return rows_; }

 private:
  void separate();
  std::function<void(std::string_view)> sink_;
  std::size_t chunk_ = 0;
  std::string out_;
  bool row_started_ = false;
  std::size_t rows_ = 0;
};

struct PoolStats {
  std::size_t open = 0;     // connections currently open
  std::size_t in_use = 0;   // leased right now
  std::uint64_t waits = 0;  // acquisitions that had to wait
  std::uint64_t timeouts = 0;
};

struct DatabaseOptions {
  std::string url;  // "sqlite:PATH" or "postgresql://..."
  std::size_t pool_size = 4;
  std::chrono::milliseconds acquire_timeout{5000};
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Backend backend() const noexcept = 0;
  virtual PoolStats stats() const = 0;
  // Where the data lives, without secrets (for logs and /readyz).
  virtual std::string describe() const = 0;
  // SQLite: a token that every commit to the file by any process on this
  // machine changes once readers can see it (storage/commit_signal.hpp). A
  // version read from the database after a token was read holds while the
  // token stands. PostgreSQL (servers on several machines): nullopt — read
  // the version.
  virtual std::optional<std::uint64_t> commits() const noexcept { return std::nullopt; }

  // Reads are idempotent: one that fails because its pooled connection died
  // (a PostgreSQL restart) is run once more on a fresh connection.
  template <class F>
  decltype(auto) read(F&& f) {
    try {
      auto lease = acquire(false);
      return f(*lease);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::unavailable) throw;
    }
    auto lease = acquire(false);
    return f(*lease);
  }

  // A read in one snapshot (Connection::begin_snapshot), retried like a write.
  template <class F>
  decltype(auto) read_snapshot(F&& f) {
    return begun(false, &Connection::begin_snapshot, f);
  }

  // A write is retried once, and only when BEGIN itself fails on a dead
  // connection: nothing of it has reached the database then.
  template <class F>
  decltype(auto) write(F&& f) {
    return begun(true, &Connection::begin_write, f);
  }

  // A connection borrowed from the pool, returned when the lease ends.
  class Lease {
   public:
    Lease(Connection* c, std::function<void(Connection*)> release) : c_(c), release_(std::move(release)) {}
    Lease(Lease&& o) noexcept : c_(std::exchange(o.c_, nullptr)), release_(std::move(o.release_)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (c_) release_(c_);
    }
    Connection& operator*() const noexcept { return *c_; }
    Connection* operator->() const noexcept { return c_; }

   private:
    Connection* c_;
    std::function<void(Connection*)> release_;
  };

 protected:
  virtual Lease acquire(bool for_write) = 0;

 private:
  // Runs f in the transaction `begin` opens on a leased connection; when BEGIN
  // fails on a dead connection, once more on another (the broken one goes
  // back and is dropped by the pool).
  template <class F>
  decltype(auto) begun(bool for_write, void (Connection::*begin)(), F& f) {
    for (int attempt = 0;; ++attempt) {
      auto lease = acquire(for_write);
      try {
        ((*lease).*begin)();
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::unavailable || attempt > 0) throw;
        continue;
      }
      return in_transaction(*lease, f);
    }
  }

  template <class F>
  static decltype(auto) in_transaction(Connection& c, F& f) {
    try {
      if constexpr (std::is_void_v<std::invoke_result_t<F&, Connection&>>) {
        f(c);
        c.commit();
      } else {
        auto result = f(c);
        c.commit();
        return result;
      }
    } catch (...) {
      c.rollback();
      throw;
    }
  }
};

// Opens the backend named by the URL. Throws Error(unavailable) with a
// readable message when the database cannot be reached or the URL is wrong.
std::unique_ptr<Database> open_database(const DatabaseOptions& options);

}  // namespace metodist::storage
