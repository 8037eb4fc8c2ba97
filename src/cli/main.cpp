// metodist: the command line. Subcommands serve, migrate, demo, version.
// Each reads the same configuration (file, environment, flags) and exits with
// a readable Russian message and a non-zero code on failure.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "app/app.hpp"
#include "app/demo.hpp"
#include "domain/error.hpp"
#include "http/server.hpp"
#include "storage/migrations.hpp"
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
  auto application = app::open_app(cfg);
  http::run_server(application);
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

int cmd_demo(const Options& o) {
  auto cfg = resolve(o);
  cfg.auto_migrate = true;
  auto application = app::open_app(cfg);
  int last_percent = -1;
  const auto started = std::chrono::steady_clock::now();
  const auto result = app::generate_demo(*application.db, {o.scale, o.seed, o.date}, [&](std::string_view stage, double f) {
    const int percent = static_cast<int>(f * 100);
    if (percent == last_percent) return;
    last_percent = percent;
    std::fprintf(stderr, "\r%.*s: %3d%%", static_cast<int>(stage.size()), stage.data(), percent);
    if (percent == 100) std::fputc('\n', stderr);
  });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("Демо-данные (%s) созданы за %.1f с: регионов %lld, муниципалитетов %lld, организаций %lld, "
              "педагогов и руководителей %lld, должностей %lld.\n",
              o.scale.c_str(), seconds, static_cast<long long>(result.regions),
              static_cast<long long>(result.municipalities), static_cast<long long>(result.organisations),
              static_cast<long long>(result.persons), static_cast<long long>(result.positions));
  return 0;
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
  auto* demo = cli.add_subcommand("demo", "Заполнить пустую базу демо-данными");
  demo->add_option("--scale", o.scale, "Масштаб: district, region или federal")
      ->check(CLI::IsMember({"district", "region", "federal"}));
  demo->add_option("--seed", o.seed, "Зерно генератора (одно зерно — одни и те же данные)");
  demo->add_option("--date", o.date, "Дата, от которой считаются возрасты и стаж (ГГГГ-ММ-ДД, по умолчанию сегодня)");
  auto* version = cli.add_subcommand("version", "Показать версию");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  try {
    if (*serve) return cmd_serve(o);
    if (*migrate) return cmd_migrate(o);
    if (*demo) return cmd_demo(o);
    if (*version) {
      std::printf("metodist %s\n", kVersion);
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
