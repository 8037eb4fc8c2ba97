// PostgreSQL backend over libpq: a small pool, statements prepared once per
// connection, results converted by column type, broken connections replaced.
#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <unordered_map>

#include "storage/backends.hpp"
#include "storage/pool.hpp"

namespace metodist::storage {
namespace {

// Type OIDs from pg_type.h (stable across versions).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

ErrorKind classify(const char* sqlstate) {
  const std::string_view s = sqlstate ? sqlstate : "";
  if (s == "23505") return ErrorKind::unique_violation;
  if (s == "23503") return ErrorKind::foreign_key_violation;
  if (s == "23514" || s == "23502") return ErrorKind::check_violation;
  if (s == "40001" || s == "40P01" || s == "55P03" || s == "53300") return ErrorKind::busy;
  if (s.starts_with("08") || s.starts_with("57P")) return ErrorKind::unavailable;
  return ErrorKind::other;
}

struct ResultGuard {
  PGresult* r;
  ~ResultGuard() { PQclear(r); }
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = conn_ ? PQerrorMessage(conn_) : "out of memory";
      PQfinish(conn_);
      conn_ = nullptr;
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
      throw Error(ErrorKind::unavailable, "Не удалось подключиться к PostgreSQL: " + msg);
    }
    // The server's NOTICEs («relation … already exists, skipping» of an
    // IF NOT EXISTS) are for people at psql; warnings and above still go to stderr.
    PQsetNoticeProcessor(
        conn_,
        [](void*, const char* message) {
          if (!std::string_view(message).starts_with("NOTICE:")) std::fputs(message, stderr);
        },
        nullptr);
    exec_script("SET datestyle TO ISO, YMD; SET client_encoding TO 'UTF8'; SET TIME ZONE 'UTC'");
  }
  ~PgConnection() override { PQfinish(conn_); }

  Backend backend() const noexcept override { return Backend::postgres; }
  bool healthy() noexcept override { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

  std::int64_t run(std::string_view sql, const Params& params, const RowCallback& on_row) override {
    const std::string& name = prepare(sql, params.size());
    std::vector<std::string> text(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::nullptr_t>(v)) continue;
      if (auto n = std::get_if<std::int64_t>(&v))
        text[i] = std::to_string(*n);
      else if (auto d = std::get_if<double>(&v))
        text[i] = std::to_string(*d);
      else if (auto view = std::get_if<std::string_view>(&v))
        text[i] = *view;  // libpq wants NUL-terminated text
      else
        text[i] = std::get<std::string>(v);
      values[i] = text[i].c_str();
    }
    ResultGuard res{
        PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(), nullptr, nullptr, 0)};
    check(res.r);
    if (on_row && PQresultStatus(res.r) == PGRES_TUPLES_OK) {
      const int rows = PQntuples(res.r), cols = PQnfields(res.r);
      std::vector<Oid> types(static_cast<std::size_t>(cols));
      for (int c = 0; c < cols; ++c) types[static_cast<std::size_t>(c)] = PQftype(res.r, c);
      Row row;
      row.cells().resize(static_cast<std::size_t>(cols));
      std::vector<std::string> names;
      for (int c = 0; c < cols; ++c) names.emplace_back(PQfname(res.r, c));
      row.set_columns(std::make_shared<const Columns>(std::move(names)));
      for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c)
          cell(res.r, r, c, types[static_cast<std::size_t>(c)], row.cells()[static_cast<std::size_t>(c)]);
        on_row(row);
      }
    }
    const char* affected = PQcmdTuples(res.r);
    return affected && *affected ? std::strtoll(affected, nullptr, 10) : 0;
  }

  void exec_script(std::string_view sql) override {
    const std::string text(sql);
    ResultGuard res{PQexec(conn_, text.c_str())};
    check(res.r);
  }

  void copy_in(std::string_view copy, const std::function<void(CopyRows&)>& fill) override {
    const std::string statement(copy);
    {
      ResultGuard start{PQexec(conn_, statement.c_str())};
      if (PQresultStatus(start.r) != PGRES_COPY_IN) check(start.r);  // throws: COPY was not started
    }
    bool sent = true;
    // libpq sends each chunk as it comes (blocking mode: it waits while the
    // server is behind), so the chunks are not kept here.
    CopyRows rows([&](std::string_view chunk) {
      if (sent) sent = PQputCopyData(conn_, chunk.data(), static_cast<int>(chunk.size())) == 1;
    });
    std::exception_ptr unfinished;
    try {
      fill(rows);
      rows.flush();
    } catch (...) {
      unfinished = std::current_exception();
    }
    const char* why_not = unfinished ? "metodist: the rows were not made" : sent ? nullptr : "metodist: sending failed";
    sent = PQputCopyEnd(conn_, why_not) == 1 && sent;
    // Every result is read before reporting, so the connection is left ready.
    std::optional<Error> failed;
    while (PGresult* r = PQgetResult(conn_)) {
      ResultGuard guard{r};
      try {
        check(r);
      } catch (const Error& e) {
        if (!failed) failed = e;
      }
    }
    if (unfinished) std::rethrow_exception(unfinished);
    if (failed) throw *failed;
    if (!sent) throw Error(ErrorKind::unavailable, "PostgreSQL: " + std::string(PQerrorMessage(conn_)));
  }

  void begin_write() override { exec_script("BEGIN"); }
  void begin_snapshot() override { exec_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
  void commit() override { exec_script("COMMIT"); }
  void rollback() noexcept override {
    if (conn_ && PQtransactionStatus(conn_) != PQTRANS_IDLE) PQclear(PQexec(conn_, "ROLLBACK"));
  }

 private:
  const std::string& prepare(std::string_view sql, std::size_t nparams) {
    auto it = names_.find(sql);
    if (it != names_.end()) return it->second;
    // Statements are many only when SQL is built with varying shapes (IN
    // lists of any length); a long-lived connection must not keep them all.
    // Results are fetched whole, so no statement is in use here.
    if (names_.size() >= kMaxPreparedStatements) {
      exec_script("DEALLOCATE ALL");
      names_.clear();
    }
    std::string name = "s" + std::to_string(names_.size() + 1);
    const std::string text(sql);
    ResultGuard res{PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(nparams), nullptr)};
    check(res.r);
    return names_.emplace(text, std::move(name)).first->second;
  }

  // Fills a cell in place: a text cell reuses the previous row's buffer.
  static void cell(PGresult* r, int row, int col, Oid type, Value& out) {
    if (PQgetisnull(r, row, col)) {
      out = nullptr;
      return;
    }
    const char* v = PQgetvalue(r, row, col);
    switch (type) {
      case kInt8:
      case kInt2:
      case kInt4:
      case kOid:
        out = static_cast<std::int64_t>(std::strtoll(v, nullptr, 10));
        return;
      case kFloat4:
      case kFloat8:
      case kNumeric:
        out = std::strtod(v, nullptr);
        return;
      case kBool:
        out = std::int64_t{v[0] == 't' ? 1 : 0};
        return;
      default:
        assign_text(out, v, static_cast<std::size_t>(PQgetlength(r, row, col)));
    }
  }

  void check(PGresult* r) {
    const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const char* constraint = r ? PQresultErrorField(r, PG_DIAG_CONSTRAINT_NAME) : nullptr;
    // A lost server leaves no SQLSTATE; the connection status tells.
    const auto kind = PQstatus(conn_) != CONNECTION_OK ? ErrorKind::unavailable : classify(state);
    throw Error(kind, "PostgreSQL: " + msg, constraint ? constraint : "");
  }

  PGconn* conn_;
  static constexpr std::size_t kMaxPreparedStatements = 256;
  std::unordered_map<std::string, std::string, SqlHash, std::equal_to<>> names_;
};

// The URL without the password, for logs.
std::string redact(const std::string& url) {
  const auto scheme = url.find("://");
  const auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  const auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

class PgDatabase final : public Database {
 public:
  PgDatabase(const std::string& url, const DatabaseOptions& o)
      : described_(redact(url)),
        pool_([url] { return std::make_unique<PgConnection>(url); }, o.pool_size, o.acquire_timeout) {
    auto probe = pool_.acquire();  // fail at start, with the server's message, not on the first request
  }
  Backend backend() const noexcept override { return Backend::postgres; }
  std::string describe() const override { return described_; }
  PoolStats stats() const override { return pool_.stats(); }

 protected:
  Lease acquire(bool) override { return pool_.acquire(); }

 private:
  std::string described_;
  ConnectionPool pool_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url, const DatabaseOptions& options) {
  return std::make_unique<PgDatabase>(url, options);
}

}  // namespace metodist::storage
