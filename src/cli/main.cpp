// metodist: the command line. Subcommands serve, migrate, init, demo, import, export, monitor, backup, restore,
// notify, admin, version.
// Each reads the same configuration (file, environment, flags) and exits with
// a readable Russian message and a non-zero code on failure.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include <unistd.h>
#ifdef METODIST_JEMALLOC
#include <jemalloc/jemalloc.h>
#endif

#include "app/accounts.hpp"
#include "app/app.hpp"
#include "app/demo.hpp"
#include "app/export.hpp"
#include "app/import.hpp"
#include "app/monitoring.hpp"
#include "app/notifications.hpp"
#include "app/passwords.hpp"
#include "app/person_merge.hpp"
#include "app/roadmaps.hpp"
#include "app/setup.hpp"
#include "domain/access.hpp"
#include "domain/error.hpp"
#include "domain/library.hpp"
#include "http/monitoring_json.hpp"
#include "http/server.hpp"
#include "io/table.hpp"
#include "io/text_extract.hpp"
#include "storage/backup.hpp"
#include "storage/migrations.hpp"
#include "storage/registry_repository.hpp"
#include "version.hpp"

namespace {

using namespace metodist;

struct Options {
  std::string config_file;
  std::string db;
  std::string address;
  int port = -1;
  std::string web_root;
  std::string scale = "district";
  std::uint64_t seed = 42;
  std::string date;
  std::string demo_password;
  // import / export
  std::string kind, file, format = "xlsx";
  bool dry_run = false;
  bool attach_by_snils = false;
  // monitor
  std::string set, period, unit = "municipality";
  // backup / restore
  bool force = false;
  // admin create
  std::string login, name, email, role = "federal_operator", territory_code, organisation_code;
  // roadmap
  std::int64_t roadmap_id = 0;
  // persons merge
  std::int64_t keep_id = 0, merge_id = 0;
  std::size_t limit = 100;
  // init
  std::string region_name, region_oktmo, region_role = "regional_institute";
  int subject_number = 0;
};

app::Config resolve(const Options& o) {
  auto cfg = app::load_config(o.config_file, [](const char* name) { return std::getenv(name); });
  if (!o.db.empty()) cfg.database_url = o.db;
  if (!o.address.empty()) cfg.http_address = o.address;
  if (o.port >= 0) cfg.http_port = static_cast<std::uint16_t>(o.port);
  if (!o.web_root.empty()) cfg.web_root = o.web_root;
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));
  return cfg;
}

int cmd_serve(const Options& o) {
  auto cfg = resolve(o);
  // Uploaded files' text is read by this same binary in a child process (app/document_text.hpp).
  if (cfg.text_extractor.empty()) {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) cfg.text_extractor = self.string();
  }
  auto application = app::open_app(cfg);
  // Reminders and letters run beside the server and stop with it.
  app::NotificationLoop notifications(application);
  http::run_server(application);
  return 0;
}

// The text of a document (PDF, DOCX, ODT, RTF, text) from a file or stdin to
// stdout: what the server runs in a child process for the library's search.
int cmd_extract_text(const Options& o) {
  std::string bytes;
  if (o.file.empty() || o.file == "-") {
    bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(o.file, std::ios::binary);
    if (!in) {
      std::cerr << "Файл не открывается: " << o.file << "\n";
      return 1;
    }
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  std::string type = o.kind;
  if (type.empty()) {
    const auto sniffed = domain::sniff_file_type(bytes, o.file);
    if (!sniffed) {
      std::cerr << "Тип файла не определён: " << domain::allowed_file_types() << "\n";
      return 1;
    }
    type = std::string(sniffed->content_type);
  }
  try {
    std::cout << io::extract_text(bytes, type);
    return 0;
  } catch (const domain::Error& e) {
    std::cerr << e.what() << "\n";
    return 1;
  }
}

// One pass of reminders and the outbox, for a cron job or a test.
int cmd_notify(const Options& o) {
  auto cfg = resolve(o);
  auto application = app::open_app(cfg);
  const auto reminders = app::send_reminders(application);
  std::size_t letters = 0;
  if (!cfg.smtp_url.empty()) letters = app::deliver_mail(application, app::smtp_sender(cfg));
  std::printf("Напоминаний: %zu. Писем отправлено: %zu.\n", reminders, letters);
  return 0;
}

int cmd_migrate(const Options& o) {
  auto cfg = resolve(o);
  auto db = storage::open_database({cfg.database_url, 1, std::chrono::milliseconds(5000)});
  const int applied = storage::migrate(*db);
  const auto status = storage::migration_status(*db);
  std::printf("Применено миграций: %d. Версия схемы: %d.\n", applied, status.current);
  return 0;
}

// One progress line on stderr, redrawn in place: «Проверка [#####-----]  50%  125 000 / 250 000».
class ProgressLine {
 public:
  void show(std::string_view stage, double fraction, const std::string& detail = {}) {
    const int percent = static_cast<int>(fraction * 100);
    if (percent == last_percent_ && stage == last_stage_) return;
    if (!last_stage_.empty() && stage != last_stage_ && last_percent_ < 100) std::fputc('\n', stderr);
    last_percent_ = percent;
    last_stage_ = std::string(stage);
    const int filled = percent / 5;
    std::fprintf(stderr, "\r%-12.*s [%s%s] %3d%%  %s", static_cast<int>(stage.size()), stage.data(),
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(20 - filled), '-').c_str(), percent, detail.c_str());
    if (percent == 100) std::fputc('\n', stderr);
  }

 private:
  int last_percent_ = -1;
  std::string last_stage_;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw domain::Error::validation("--file", "Не удалось открыть файл «" + path + "»");
  std::string bytes(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return bytes;
}

// Probable duplicates in the registry, as the «Возможные дубликаты» page lists
// them: one pair per line, the suggested record to keep first.
int cmd_persons_duplicates(const Options& o) {
  auto cfg = resolve(o);
  auto application = app::open_app(cfg);
  const auto started = std::chrono::steady_clock::now();
  const auto page = app::find_duplicates(application, app::system_caller(), 0, o.limit);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const auto& d : page.items) {
    std::string reasons;
    for (const auto& r : d.reasons) reasons += (reasons.empty() ? "" : "; ") + r.text;
    std::printf("%lld «%s» (%s) — %lld «%s» (%s): %s\n", static_cast<long long>(d.first.id), d.first.name.c_str(),
                d.first.code.c_str(), static_cast<long long>(d.second.id), d.second.name.c_str(), d.second.code.c_str(),
                reasons.c_str());
  }
  std::printf("Возможных дубликатов: %zu (показано %zu). Время: %.2f с.\n", page.total, page.items.size(), seconds);
  if (page.total) std::printf("Объединить: metodist persons merge --keep ID --merge ID\n");
  return 0;
}

int cmd_persons_merge(const Options& o) {
  auto cfg = resolve(o);
  auto application = app::open_app(cfg);
  const auto r = app::merge_persons(application, app::system_caller(), o.keep_id, o.merge_id);
  std::printf(
      "Объединено: запись %lld теперь указывает на %lld, перенесено строк: %zu. Отменить: metodist persons "
      "unmerge --id %lld\n",
      static_cast<long long>(r.merged_id), static_cast<long long>(r.kept_id), r.moved_rows,
      static_cast<long long>(r.merge_id));
  return 0;
}

int cmd_persons_unmerge(const Options& o) {
  auto cfg = resolve(o);
  auto application = app::open_app(cfg);
  const auto r = app::undo_merge(application, app::system_caller(), o.merge_id);
  std::printf("Объединение отменено: записи %lld и %lld снова раздельны, возвращено строк: %zu\n",
              static_cast<long long>(r.kept_id), static_cast<long long>(r.merged_id), r.moved_rows);
  return 0;
}

// A roadmap's items from a table (a check with --dry-run), and the roadmap as a
// file: what the roadmap's page does, for a region loading its plans by script.
int cmd_roadmap_import(const Options& o) {
  auto cfg = resolve(o);
  auto application = app::open_app(cfg);
  const auto table = io::read_table(read_file(o.file));
  const auto r = app::import_roadmap(application, app::system_caller(), o.roadmap_id, table, o.dry_run, o.force);
  std::map<std::string_view, std::size_t> counts;
  for (const auto& a : r.rows) ++counts[domain::row_role_code(a.role)];
  std::printf("Строк в файле: %zu —", r.rows.size());
  const std::pair<std::string_view, const char*> kRoles[] = {{"title", "над таблицей"},
                                                             {"header", "заголовок"},
                                                             {"column_numbers", "номера столбцов"},
                                                             {"section", "блоков"},
                                                             {"heading", "разделов"},
                                                             {"item", "пунктов"},
                                                             {"continuation", "продолжений"},
                                                             {"repeated_header", "повторов заголовка"},
                                                             {"empty", "пустых"}};
  bool first = true;
  for (const auto& [code, title] : kRoles)
    if (auto it = counts.find(code); it != counts.end()) {
      std::printf("%s %s %zu", first ? "" : ",", title, it->second);
      first = false;
    }
  std::printf(". Нераспознанных сроков: %zu, отчётов: %zu.\n", r.flagged_terms, r.reports);
  for (const auto& c : r.extra_columns) std::printf("Столбец «%s» сохранён у пунктов как есть.\n", c.c_str());
  for (const auto& e : r.executors) {
    std::printf("Исполнители «%s»: ответственный «%s»", e.executors.c_str(), e.parts.responsible.c_str());
    for (const auto& co : e.parts.co) std::printf(", «%s»", co.c_str());
    std::printf("\n");
  }
  for (const auto& i : r.issues) std::printf("  строка %zu: %s\n", i.row, i.message.c_str());
  std::printf(r.applied ? "Записано.\n" : "Проверка (--dry-run): ничего не записано.\n");
  return 0;
}

int cmd_roadmap_export(const Options& o) {
  auto cfg = resolve(o);
  auto application = app::open_app(cfg);
  const auto file = app::export_roadmap(application, app::system_caller(), o.roadmap_id, o.format);
  const std::string out = o.file.empty() ? file.filename : o.file;
  std::ofstream(out, std::ios::binary) << file.bytes;
  std::printf("Записано: %s\n", out.c_str());
  return 0;
}

int cmd_import(const Options& o) {
  auto cfg = resolve(o);
  auto application = app::open_app(cfg);
  const auto started = std::chrono::steady_clock::now();
  ProgressLine line;
  line.show("Чтение", 0);
  auto bytes = read_file(o.file);
  spdlog::debug("импорт: файл прочитан — {:.3f} с",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  const auto table = io::read_table(std::move(bytes));
  spdlog::debug("импорт: таблица разобрана — {:.3f} с",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  line.show("Чтение", 1, std::to_string(table.rows.size() > 0 ? table.rows.size() - 1 : 0) + " строк");
  app::ImportOptions options;
  options.dry_run = o.dry_run;
  options.attach_by_snils = o.attach_by_snils;
  const auto report = app::import_table(application, app::system_caller(), o.kind, table, options,
                                        [&](std::string_view phase, std::size_t done, std::size_t total) {
                                          line.show(phase == "writing" ? "Запись" : "Проверка",
                                                    total ? static_cast<double>(done) / total : 1.0,
                                                    std::to_string(done) + " / " + std::to_string(total));
                                        });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("Строк: %zu, новых: %zu, %s: %zu", report.rows, report.created,
              report.applied ? "обновлено" : "обновится", report.updated);
  if (report.unchanged) std::printf(", без изменений: %zu", report.unchanged);
  if (report.kind == "persons") std::printf(", мест работы: %zu", report.workplaces);
  if (report.attached) std::printf(", присоединено по СНИЛС: %zu", report.attached);
  std::printf(". Время: %.2f с (%.0f строк/с).\n", seconds, seconds > 0 ? report.rows / seconds : 0.0);
  if (!report.ignored_columns.empty()) {
    std::printf("Не распознаны и пропущены столбцы:");
    for (const auto& c : report.ignored_columns) std::printf(" «%s»", c.c_str());
    std::printf("\n");
  }
  for (const auto& i : report.issues)
    std::printf("  строка %zu, «%s»: %s\n", i.row, i.column.c_str(), i.message.c_str());
  if (report.issue_count > report.issues.size())
    std::printf("  … и ещё %zu ошибок\n", report.issue_count - report.issues.size());
  if (report.issue_count) {
    std::printf("Ошибок: %zu. Ничего не записано.\n", report.issue_count);
    return 3;
  }
  std::printf(report.applied ? "Записано.\n" : "Проверка пройдена (--dry-run: ничего не записано).\n");
  return 0;
}

int cmd_export(const Options& o) {
  auto cfg = resolve(o);
  auto application = app::open_app(cfg);
  const auto caller = app::system_caller();
  const auto file = o.kind == "organisations" ? app::export_organisations(application, caller, {}, o.format)
                    : o.kind == "persons"     ? app::export_staff(application, caller, {}, o.format)
                    : o.kind == "territories" ? app::export_territories(application, caller, {}, o.format)
                    : o.kind == "accounts"    ? app::export_accounts(application, caller, "", o.format)
                                           : throw domain::Error::validation("--kind", "неизвестный вид выгрузки");
  const std::string out = o.file.empty() ? file.filename : o.file;
  std::ofstream(out, std::ios::binary) << file.bytes;
  std::printf("Выгружено в %s (%zu байт).\n", out.c_str(), file.bytes.size());
  return 0;
}

// A consistent copy of the live database (SQLite: the online backup API, the
// server may keep running; PostgreSQL: pg_dump), and its restore.
int cmd_backup(const Options& o) {
  const auto cfg = resolve(o);
  ProgressLine line;
  storage::backup_database(cfg.database_url, o.file, [&](double f) { line.show("Копирование", f); });
  std::fprintf(stderr, "\n");
  std::printf("Резервная копия: %s (%ju байт).\n", o.file.c_str(),
              static_cast<std::uintmax_t>(std::filesystem::file_size(o.file)));
  return 0;
}

int cmd_restore(const Options& o) {
  const auto cfg = resolve(o);
  const bool sqlite = cfg.database_url.starts_with("sqlite:");
  if (!o.force && (!sqlite || std::filesystem::exists(cfg.database_url.substr(7))))
    throw domain::Error::validation(
        "--force", "База уже есть: остановите сервер и повторите с --force — её содержимое будет заменено копией");
  ProgressLine line;
  storage::restore_database(cfg.database_url, o.file, [&](double f) { line.show("Восстановление", f); });
  std::fprintf(stderr, "\n");
  std::printf("База восстановлена из %s.\n", o.file.c_str());
  return 0;
}

int cmd_demo(const Options& o) {
  auto cfg = resolve(o);
  cfg.auto_migrate = true;
  auto application = app::open_app(cfg);
  app::init_password_hashing(2);
  ProgressLine line;
  const auto started = std::chrono::steady_clock::now();
  const auto result = app::generate_demo(application, {o.scale, o.seed, o.date, o.demo_password},
                                         [&](std::string_view stage, double f) { line.show(stage, f); });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf(
      "Демо-данные (%s) созданы за %.1f с: регионов %lld, муниципалитетов %lld, организаций %lld, "
      "педагогов и руководителей %lld, должностей %lld.\n",
      o.scale.c_str(), seconds, static_cast<long long>(result.regions), static_cast<long long>(result.municipalities),
      static_cast<long long>(result.organisations), static_cast<long long>(result.persons),
      static_cast<long long>(result.positions));
  std::printf("\nУчётные записи демо-данных (пароль у всех: %s):\n", result.password.c_str());
  for (const auto& a : result.accounts)
    std::printf("  %-12s %s — %s\n", a.login.c_str(), a.role_title.c_str(), a.scope.c_str());
  return 0;
}

// Finds a territory or organisation by its stable code, for --territory and
// --organisation; a wrong code is an error naming the option.
std::optional<std::int64_t> id_by_code(storage::Database& db, const char* table, const std::string& code,
                                       const char* option) {
  if (code.empty()) return std::nullopt;
  auto id = db.read([&](storage::Connection& c) {
    return c.query_one(std::string("SELECT id FROM ") + table + " WHERE code = $1", {code});
  });
  if (!id) throw domain::Error::validation(option, std::string("Не найден код ") + code + " (" + option + ")");
  return id->int64("id");
}

// Values of an indicator set (JSON, as the API answers) or the справка
// (PDF, XLSX) for the territory given by code (the whole federation otherwise).
int cmd_monitor(const Options& o) {
  auto cfg = resolve(o);
  auto application = app::open_app(cfg);
  const auto caller = app::system_caller();
  if (o.format == "json") {
    const auto parent = id_by_code(*application.db, "territories", o.territory_code, "--territory");
    http::JsonWriter w;
    http::write_monitoring_values(w, app::monitoring_values(application, caller, o.set, o.unit, o.period, parent));
    std::fwrite(w.str().data(), 1, w.str().size(), stdout);
    std::fputc('\n', stdout);
    return 0;
  }
  auto territory = id_by_code(*application.db, "territories", o.territory_code, "--territory");
  if (!territory)
    territory = application.db->read(
        [](storage::Connection& c) { return c.scalar("SELECT MIN(id) FROM territories WHERE level = 'federation'"); });
  const auto file = app::monitoring_report(application, caller, o.set, o.period, *territory, o.format);
  const std::string out = o.file.empty() ? file.filename : o.file;
  std::ofstream(out, std::ios::binary) << file.bytes;
  std::fprintf(stderr, "Справка записана в %s (%zu байт).\n", out.c_str(), file.bytes.size());
  return 0;
}

int cmd_admin_create(const Options& o) {
  auto cfg = resolve(o);
  auto application = app::open_app(cfg);
  app::init_password_hashing(2);
  app::NewAccount a;
  a.login = o.login;
  a.display_name = o.name.empty() ? o.login : o.name;
  a.email = o.email;
  const char* given = std::getenv("METODIST_ADMIN_PASSWORD");
  a.password = given && *given ? given : app::generate_password();
  a.must_change_password = !(given && *given);
  a.roles = {{0, 0, o.role, id_by_code(*application.db, "territories", o.territory_code, "--territory"),
              id_by_code(*application.db, "organisations", o.organisation_code, "--organisation")}};
  const auto id = app::create_account(application, a);
  const auto stored =
      application.db->read([&](storage::Connection& c) { return storage::accounts::find_account(c, id); });
  std::printf("Учётная запись создана (id %lld): логин «%s», роль %s.\n", static_cast<long long>(id),
              stored->login.c_str(), o.role.c_str());
  if (a.must_change_password) std::printf("Временный пароль: %s\nСмените его при первом входе.\n", a.password.c_str());
  return 0;
}

// Asks for a value the command line did not give, when a person is at the
// terminal; otherwise the option is required and its absence an error.
std::string ask(const std::string& given, const char* question, const char* option) {
  if (!given.empty()) return given;
  if (!isatty(STDIN_FILENO))
    throw domain::Error::validation(option, std::string("Укажите ") + option + " (" + question + ")");
  std::printf("%s: ", question);
  std::fflush(stdout);
  std::string answer;
  std::getline(std::cin, answer);
  if (answer.empty()) throw domain::Error::validation(option, std::string("Не указано: ") + question);
  return answer;
}

// The region's first step on an empty database: the Russian Federation, the
// region and its first administrator (docs/getting_started.md).
int cmd_init(Options o) {
  auto cfg = resolve(o);
  auto application = app::open_app(cfg);
  app::init_password_hashing(2);
  app::RegionSetup setup;
  setup.region_name = ask(o.region_name, "Наименование субъекта РФ (например, Красноярский край)", "--region");
  const std::string number =
      ask(o.subject_number ? std::to_string(o.subject_number) : "", "Номер субъекта РФ (1–99)", "--subject-number");
  try {
    setup.subject_number = std::stoi(number);
  } catch (const std::exception&) {
    throw domain::Error::validation("--subject-number", "Номер субъекта РФ — число от 1 до 99");
  }
  setup.oktmo = o.region_oktmo;
  setup.login = ask(o.login, "Логин первого администратора региона (латиница)", "--login");
  setup.display_name = o.name;
  setup.email = o.email;
  setup.role = o.region_role;
  const char* given = std::getenv("METODIST_ADMIN_PASSWORD");
  if (given && *given) setup.password = given;
  const auto start = app::initialise_region(application, setup);
  if (start.federation_created) std::printf("Создана территория «Российская Федерация» (код RU).\n");
  std::printf("Создан регион «%s», код %s.\n", start.region.name.c_str(), start.region.code.c_str());
  std::printf("Учётная запись администратора региона: логин «%s», роль %s.\n", setup.login.c_str(), setup.role.c_str());
  if (start.must_change_password)
    std::printf("Временный пароль: %s\nСмените его при первом входе.\n", start.password.c_str());
  std::printf(
      "Дальше: войдите в веб-интерфейс и загрузите муниципалитеты, организации и педагогов "
      "(«Импорт»; см. docs/getting_started.md).\n");
  return 0;
}

// Which malloc the binary runs on: jemalloc answers its own control call
// only when it is the one linked (docs/performance.md says why it is).
std::string allocator() {
#ifdef METODIST_JEMALLOC
  const char* version = nullptr;
  std::size_t size = sizeof version;
  if (mallctl("version", &version, &size, nullptr, 0) == 0 && version) {
    const std::string v(version);
    return "jemalloc " + v.substr(0, v.find('-'));
  }
#endif
  return "glibc malloc";
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stdout_color_mt("metodist"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");

  CLI::App cli{"«Методист» — информационная система научно-методического сопровождения педагогов"};
  cli.footer("Переменные окружения (перекрывают файл настроек):\n" + app::environment_help());
  cli.require_subcommand(1);
  Options o;
  cli.add_option("-c,--config", o.config_file, "Файл настроек TOML")->check(CLI::ExistingFile);
  cli.add_option("--db", o.db, "База данных: sqlite:ПУТЬ или postgresql://...");

  auto* serve = cli.add_subcommand("serve", "Запустить веб-сервер (API и интерфейс)");
  serve->add_option("--address", o.address, "Адрес для прослушивания (по умолчанию 127.0.0.1)");
  serve->add_option("--port", o.port, "Порт (по умолчанию 8080)")->check(CLI::Range(0, 65535));
  serve->add_option("--web-root", o.web_root, "Папка собранного веб-интерфейса (web/dist)");
  auto* migrate = cli.add_subcommand("migrate", "Применить миграции схемы базы данных");
  auto* persons = cli.add_subcommand("persons", "Педагоги: возможные дубликаты и объединение записей одного человека");
  persons->require_subcommand(1);
  auto* persons_duplicates =
      persons->add_subcommand("duplicates", "Возможные дубликаты: одинаковые ФИО и дата рождения или место работы");
  persons_duplicates->add_option("--limit", o.limit, "Сколько пар показать (по умолчанию 100)");
  auto* persons_merge = persons->add_subcommand("merge", "Объединить две записи одного человека");
  persons_merge->add_option("--keep", o.keep_id, "Номер записи, которая остаётся")->required();
  persons_merge->add_option("--merge", o.merge_id, "Номер записи, которая объединяется с ней")->required();
  auto* persons_unmerge = persons->add_subcommand("unmerge", "Отменить объединение");
  persons_unmerge->add_option("--id", o.merge_id, "Номер объединения (его печатает merge)")->required();
  auto* roadmap = cli.add_subcommand("roadmap", "Дорожная карта: загрузить пункты из таблицы или выгрузить");
  roadmap->require_subcommand(1);
  auto* roadmap_import =
      roadmap->add_subcommand("import", "Загрузить пункты (XLSX, CSV, текст «|»); --dry-run — проверка");
  roadmap_import->add_option("--id", o.roadmap_id, "Номер дорожной карты")->required();
  roadmap_import->add_option("--file", o.file, "Файл")->required()->check(CLI::ExistingFile);
  roadmap_import->add_flag("--dry-run", o.dry_run, "Только проверить: чем стала каждая строка файла");
  roadmap_import->add_flag("--replace", o.force, "Заменить пункты карты (если по ним нет отчётов)");
  auto* roadmap_export = roadmap->add_subcommand("export", "Выгрузить карту: xlsx, csv (загружается обратно) или pdf");
  roadmap_export->add_option("--id", o.roadmap_id, "Номер дорожной карты")->required();
  roadmap_export->add_option("--format", o.format, "xlsx, csv или pdf")->check(CLI::IsMember({"xlsx", "csv", "pdf"}));
  roadmap_export->add_option("--out", o.file, "Файл (по умолчанию roadmap-N.формат)");
  auto* extract = cli.add_subcommand("extract-text", "Извлечь текст документа (PDF, DOCX, ODT, RTF) для поиска");
  extract->add_option("--file", o.file, "Файл (по умолчанию — стандартный ввод)");
  extract->add_option("--type", o.kind, "Тип содержимого (по умолчанию — по первым байтам и имени файла)");
  auto* init = cli.add_subcommand("init", "Начать работу региона: создать регион и его первого администратора");
  init->add_option("--region", o.region_name, "Наименование субъекта РФ");
  init->add_option("--subject-number", o.subject_number, "Номер субъекта РФ (1–99)")->check(CLI::Range(1, 99));
  init->add_option("--oktmo", o.region_oktmo, "ОКТМО региона (8 цифр), если нужен");
  init->add_option("--login", o.login, "Логин администратора региона");
  init->add_option("--name", o.name, "Имя администратора, как его видят другие");
  init->add_option("--email", o.email, "Адрес электронной почты администратора");
  init->add_option("--role", o.region_role, "regional_institute (по умолчанию) или regional_ministry")
      ->check(CLI::IsMember({"regional_institute", "regional_ministry"}));
  auto* demo = cli.add_subcommand("demo", "Заполнить пустую базу демо-данными");
  demo->add_option("--scale", o.scale, "Масштаб: district, region или federal")
      ->check(CLI::IsMember({"district", "region", "federal"}));
  demo->add_option("--seed", o.seed, "Зерно генератора (одно зерно — одни и те же данные)");
  demo->add_option("--password", o.demo_password, "Пароль демо-учётных записей (по умолчанию — случайный)");
  demo->add_option("--date", o.date, "Дата, от которой считаются возрасты и стаж (ГГГГ-ММ-ДД, по умолчанию сегодня)");
  auto* import = cli.add_subcommand("import", "Импортировать реестр из XLSX или CSV (см. docs/import.md)");
  import
      ->add_option("--kind", o.kind,
                   "Что импортировать: territories, organisations, persons; история — completions (обучение), "
                   "attendance (участие в мероприятиях), memberships (состав сообществ), mentoring_pairs "
                   "(наставнические пары), assignments (закрепление методистов), help_requests (журнал "
                   "запросов помощи)")
      ->required()
      ->check(CLI::IsMember({"territories", "organisations", "persons", "completions", "attendance", "memberships",
                             "mentoring_pairs", "assignments", "help_requests"}));
  import->add_option("--file", o.file, "Файл XLSX или CSV")->required()->check(CLI::ExistingFile);
  import->add_flag("--dry-run", o.dry_run, "Только проверить и показать ошибки, ничего не записывать");
  import->add_flag("--attach-by-snils", o.attach_by_snils,
                   "Педагоги: строку с чужим кодом, чей СНИЛС уже есть в реестре, добавить этому педагогу как "
                   "новое место работы");
  auto* export_cmd = cli.add_subcommand("export", "Выгрузить реестр в XLSX или CSV");
  export_cmd->add_option("--kind", o.kind, "Что выгрузить: territories, organisations, persons или accounts")
      ->required()
      ->check(CLI::IsMember({"territories", "organisations", "persons", "accounts"}));
  export_cmd->add_option("--format", o.format, "xlsx (по умолчанию) или csv")->check(CLI::IsMember({"xlsx", "csv"}));
  export_cmd->add_option("--out", o.file, "Куда записать (по умолчанию — имя по типу и дате)");
  auto* monitor = cli.add_subcommand("monitor", "Значения показателей мониторинга (JSON) или справка (PDF, XLSX)");
  monitor
      ->add_option("--set", o.set,
                   "Набор показателей: fed, rmms, rma или reg — показатели региона (по умолчанию — все встроенные)")
      ->check(CLI::IsMember({"fed", "rmms", "rma", "reg"}));
  monitor->add_option("--period", o.period, "Период: 2024, 2024/2025, 2024-H1 или 2024-04-15..2024-05-10")->required();
  monitor
      ->add_option("--unit", o.unit,
                   "Для JSON — уровень: organisation, municipality (по умолчанию), region, federation")
      ->check(CLI::IsMember({"organisation", "municipality", "region", "federation"}));
  monitor->add_option("--format", o.format, "json, xlsx или pdf")->check(CLI::IsMember({"json", "xlsx", "pdf"}));
  monitor->add_option("--territory", o.territory_code,
                      "Код территории: справка по ней; для JSON — только единицы ниже неё");
  monitor->add_option("--out", o.file, "Куда записать справку (по умолчанию — имя по набору и периоду)");
  auto* backup =
      cli.add_subcommand("backup", "Резервная копия базы (SQLite — без остановки сервера; PostgreSQL — pg_dump)");
  backup->add_option("--out", o.file, "Файл копии")->required();
  auto* restore = cli.add_subcommand("restore", "Восстановить базу из резервной копии (сервер остановлен)");
  restore->add_option("--from", o.file, "Файл копии")->required()->check(CLI::ExistingFile);
  restore->add_flag("--force", o.force, "Заменить содержимое существующей базы");
  auto* notify = cli.add_subcommand("notify", "Разослать напоминания и письма (то же делает serve каждую минуту)");
  auto* version = cli.add_subcommand("version", "Показать версию");
  auto* admin = cli.add_subcommand("admin", "Учётные записи");
  admin->require_subcommand(1);
  auto* admin_create = admin->add_subcommand(
      "create", "Создать учётную запись (пароль — из METODIST_ADMIN_PASSWORD или будет сгенерирован и показан)");
  admin_create->add_option("--login", o.login, "Логин (латиница, цифры, «.», «_», «-»)")->required();
  admin_create->add_option("--name", o.name, "Имя, как его видят другие");
  admin_create->add_option("--email", o.email, "Адрес электронной почты (можно входить и по нему)");
  std::vector<std::string> role_codes;
  for (const auto& r : domain::roles()) role_codes.emplace_back(r.code);
  admin_create->add_option("--role", o.role, "Роль (по умолчанию federal_operator)")->check(CLI::IsMember(role_codes));
  admin_create->add_option("--territory", o.territory_code, "Код территории для роли с территорией");
  admin_create->add_option("--organisation", o.organisation_code, "Код организации для роли администратора ОО");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  try {
    if (*serve) return cmd_serve(o);
    if (*migrate) return cmd_migrate(o);
    if (*extract) return cmd_extract_text(o);
    if (*roadmap_import) return cmd_roadmap_import(o);
    if (*persons_duplicates) return cmd_persons_duplicates(o);
    if (*persons_merge) return cmd_persons_merge(o);
    if (*persons_unmerge) return cmd_persons_unmerge(o);
    if (*roadmap_export) return cmd_roadmap_export(o);
    if (*init) return cmd_init(o);
    if (*demo) return cmd_demo(o);
    if (*import) return cmd_import(o);
    if (*export_cmd) return cmd_export(o);
    if (*notify) return cmd_notify(o);
    if (*backup) return cmd_backup(o);
    if (*restore) return cmd_restore(o);
    if (*monitor) {
      if (monitor->count("--format") == 0) o.format = "json";
      return cmd_monitor(o);
    }
    if (*admin_create) return cmd_admin_create(o);
    if (*version) {
      std::printf("metodist %s\nраспределитель памяти: %s\n", kVersion, allocator().c_str());
      return 0;
    }
  } catch (const app::ConfigError& e) {
    std::fprintf(stderr, "Ошибка настроек: %s\n", e.what());
    return 2;
  } catch (const domain::Error& e) {
    std::fprintf(stderr, "Ошибка: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "Ошибка: %s\n", e.what());
    return 1;
  }
  return 0;
}
