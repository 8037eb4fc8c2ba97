#include "storage/backup.hpp"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <vector>

#include "storage/backends.hpp"
#include "storage/commit_signal.hpp"
#include "storage/database.hpp"

namespace metodist::storage {
namespace {

struct Sqlite {
  sqlite3* db = nullptr;
  Sqlite(const std::string& path, int flags) {
    configure_sqlite();
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
      const std::string why = db ? sqlite3_errmsg(db) : "нет памяти";
      sqlite3_close(db);
      throw Error(ErrorKind::unavailable, "SQLite: не удалось открыть «" + path + "»: " + why);
    }
    sqlite3_busy_timeout(db, 5000);
  }
  ~Sqlite() { sqlite3_close(db); }
  void check_integrity(const std::string& what) {
    std::string result;
    sqlite3_exec(
        db, "PRAGMA integrity_check",
        [](void* out, int, char** cells, char**) {
          auto& s = *static_cast<std::string*>(out);
          if (s.empty() && cells[0]) s = cells[0];
          return 0;
        },
        &result, nullptr);
    if (result != "ok") throw Error(ErrorKind::other, what + ": проверка целостности не пройдена (" + result + ")");
  }
};

// Copies `from` into `to` with the online backup API, 256 pages a step.
void copy(sqlite3* from, sqlite3* to, const BackupProgress& progress) {
  sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
  if (!b)
    throw Error(ErrorKind::other, std::string("SQLite: резервное копирование не началось: ") + sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(b, 256);
    if (progress && sqlite3_backup_pagecount(b) > 0)
      progress(1.0 - static_cast<double>(sqlite3_backup_remaining(b)) / sqlite3_backup_pagecount(b));
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE)
    throw Error(ErrorKind::other, std::string("SQLite: копирование прервано: ") + sqlite3_errstr(rc));
}

// Runs a program of the PostgreSQL client with arguments; non-zero exit is an error.
void run(const std::vector<std::string>& args, const std::string& what) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw Error(ErrorKind::other, what + ": не удалось запустить " + args.front());
  if (pid == 0) {
    execvp(argv[0], argv.data());
    std::fprintf(stderr, "%s не найден: установите пакет postgresql-client\n", args.front().c_str());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw Error(ErrorKind::other, what + ": " + args.front() + " завершился с ошибкой (код " +
                                      std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
}

bool is_sqlite(const std::string& url) { return url.starts_with("sqlite:"); }
bool is_postgres(const std::string& url) { return url.starts_with("postgresql://") || url.starts_with("postgres://"); }

}  // namespace

void backup_database(const std::string& url, const std::string& file, const BackupProgress& progress) {
  if (is_sqlite(url)) {
    const auto path = url.substr(7);
    if (!std::filesystem::exists(path)) throw Error(ErrorKind::unavailable, "Нет базы «" + path + "»");
    const auto tmp = file + ".part";
    {
      Sqlite from(path, SQLITE_OPEN_READONLY);
      Sqlite to(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      copy(from.db, to.db, progress);
      to.check_integrity("Копия");
    }
    std::filesystem::rename(tmp, file);  // only a checked copy takes the name
    return;
  }
  if (is_postgres(url)) {
    run({"pg_dump", "--format=custom", "--no-owner", "--file=" + file, "--dbname=" + url}, "Резервная копия");
    if (progress) progress(1);
    return;
  }
  throw Error(ErrorKind::unavailable,
              "Неизвестный адрес базы данных «" + url + "»: ожидается sqlite:ПУТЬ или postgresql://...");
}

void restore_database(const std::string& url, const std::string& file, const BackupProgress& progress) {
  if (!std::filesystem::exists(file)) throw Error(ErrorKind::unavailable, "Нет файла резервной копии «" + file + "»");
  if (is_sqlite(url)) {
    const auto path = url.substr(7);
    {
      Sqlite from(file, SQLITE_OPEN_READONLY);
      from.check_integrity("Резервная копия");
      Sqlite to(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
      copy(from.db, to.db, progress);
      to.check_integrity("Восстановленная база");
    }
    // The server should be stopped, but if one still runs, it must not go on
    // trusting what it read before: the restore counts as a commit.
    if (auto commits = CommitSignal::open(path)) commits->advance();
    return;
  }
  if (is_postgres(url)) {
    run({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname=" + url, file},
        "Восстановление");
    if (progress) progress(1);
    return;
  }
  throw Error(ErrorKind::unavailable,
              "Неизвестный адрес базы данных «" + url + "»: ожидается sqlite:ПУТЬ или postgresql://...");
}

}  // namespace metodist::storage
