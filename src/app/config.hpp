// Server configuration: defaults < TOML file < METODIST_* environment < CLI flags.
//
// Unknown keys and wrong values stop the start with a message naming the key,
// so a typo in a config file is never silently ignored.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "domain/access.hpp"

namespace metodist::app {

struct Config {
  std::string database_url = "sqlite:metodist.db";
  std::size_t db_pool_size = 4;
  // Memory for computed monitoring results kept by this server (app/shared_results.hpp).
  std::size_t shared_results_mb = 256;
  // A computation that took less is redone in the request when the data changed;
  // a longer one is answered with the last values, marked, and redone behind it.
  std::int64_t shared_results_quick_ms = 1000;
  bool auto_migrate = true;

  std::string http_address = "127.0.0.1";
  std::uint16_t http_port = 8080;
  std::size_t io_threads = 2;
  std::size_t workers = 2;                  // measured best on 2 cores (docs/performance.md)
  std::size_t max_json_bytes = 1 << 20;     // JSON API bodies
  std::size_t max_upload_bytes = 32 << 20;  // transport cap: nothing larger is read
  std::size_t max_header_bytes = 16 << 10;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds write_timeout{30};
  std::chrono::seconds handle_timeout{60};
  std::string web_root = "web/dist";
  // The binary that extracts the text of uploaded files in a child process
  // (`metodist extract-text`); the server sets its own. Empty: in-process.
  std::string text_extractor;
  int text_extract_seconds = 10;  // CPU and wall-clock time the child gets per file
  // Peers whose X-Real-IP names the client (the reverse proxy in front):
  // comma-separated addresses. Login throttling per address needs the real one.
  std::string trusted_proxies = "127.0.0.1,::1";

  // /metrics answers loopback clients, and others only with this bearer token
  // (empty: loopback only). Its per-route counts are not for everyone.
  std::string metrics_token;
  // How long an API token lives (issued in «Мой профиль»), in days.
  int api_token_days = 90;
  // Imports (checks and loads of files) running at once on this server; more
  // wait for nothing and are refused at once with a message to retry.
  std::size_t max_concurrent_imports = 2;

  // Up to which level administrators see personal data (152-ФЗ): organisation,
  // municipality, region or federation.
  domain::AdminLevel personal_data_up_to = domain::AdminLevel::federation;

  // Notifications. E-mail goes through an SMTP server when smtp_url
  // is set («smtp://host:25», «smtps://host:465»); otherwise in the app only.
  std::string smtp_url, smtp_username, smtp_password;
  std::string smtp_from = "Методист <metodist@localhost>";
  bool smtp_starttls = false;
  std::string public_url = "http://localhost:8080";  // links in letters
  std::chrono::seconds notify_interval{60};          // reminders and the outbox
  // Young teachers (domain.md §4): under this age and with less experience.
  int young_teacher_max_age = 35;
  int young_teacher_max_years = 3;

  // The documents library and the bank of practices: the largest
  // file accepted (the transport cap http.max_upload_bytes must be above it).
  std::size_t max_file_bytes = 20 << 20;

  std::string log_level = "info";
  bool access_log = true;
};

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using EnvLookup = std::function<const char*(const char*)>;

// Reads `file` when it is not empty (it must then exist), then applies the
// environment. Throws ConfigError naming the offending key.
Config load_config(const std::string& file, const EnvLookup& env);

// The environment variable names, for --help and docs.
std::string environment_help();

}  // namespace metodist::app
