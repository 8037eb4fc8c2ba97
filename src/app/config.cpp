#include "app/config.hpp"

#include <toml++/toml.h>

#include <charconv>
#include <set>

namespace metodist::app {
namespace {

std::int64_t parse_int(const std::string& key, std::string_view text, std::int64_t min, std::int64_t max) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size() || v < min || v > max)
    throw ConfigError("Параметр " + key + ": ожидается целое число от " + std::to_string(min) + " до " +
                      std::to_string(max) + ", получено «" + std::string(text) + "»");
  return v;
}

bool parse_bool(const std::string& key, std::string_view text) {
  if (text == "1" || text == "true" || text == "yes" || text == "on") return true;
  if (text == "0" || text == "false" || text == "no" || text == "off") return false;
  throw ConfigError("Параметр " + key + ": ожидается true или false, получено «" + std::string(text) + "»");
}

void check_log_level(const std::string& key, const std::string& v) {
  static const std::set<std::string> levels{"trace", "debug", "info", "warn", "error", "critical", "off"};
  if (!levels.count(v)) throw ConfigError("Параметр " + key + ": неизвестный уровень журнала «" + v + "»");
}

// One setting: where it lives in TOML, its environment name, how to apply text.
struct Setting {
  const char* toml_key;
  const char* env;
  std::function<void(Config&, const std::string& key, const std::string& text)> apply;
};

template <class T>
auto int_setting(T Config::*field, std::int64_t min, std::int64_t max) {
  return [=](Config& c, const std::string& key, const std::string& text) {
    c.*field = static_cast<T>(parse_int(key, text, min, max));
  };
}
auto seconds_setting(std::chrono::seconds Config::*field) {
  return [=](Config& c, const std::string& key, const std::string& text) {
    c.*field = std::chrono::seconds(parse_int(key, text, 1, 3600));
  };
}
auto bool_setting(bool Config::*field) {
  return [=](Config& c, const std::string& key, const std::string& text) { c.*field = parse_bool(key, text); };
}
auto string_setting(std::string Config::*field) {
  return [=](Config& c, const std::string& key, const std::string& text) {
    if (text.empty()) throw ConfigError("Параметр " + key + " не может быть пустым");
    c.*field = text;
  };
}

const std::vector<Setting>& settings() {
  static const std::vector<Setting> all{
      {"database.url", "METODIST_DB", string_setting(&Config::database_url)},
      {"database.pool_size", "METODIST_DB_POOL", int_setting(&Config::db_pool_size, 1, 256)},
      {"database.shared_results_mb", "METODIST_SHARED_RESULTS_MB", int_setting(&Config::shared_results_mb, 8, 65536)},
      {"database.shared_results_quick_ms", "METODIST_SHARED_RESULTS_QUICK_MS",
       int_setting(&Config::shared_results_quick_ms, 0, 600'000)},
      {"database.auto_migrate", "METODIST_AUTO_MIGRATE", bool_setting(&Config::auto_migrate)},
      {"http.address", "METODIST_HTTP_ADDRESS", string_setting(&Config::http_address)},
      {"http.port", "METODIST_HTTP_PORT", int_setting(&Config::http_port, 0, 65535)},
      {"http.io_threads", "METODIST_HTTP_IO_THREADS", int_setting(&Config::io_threads, 1, 64)},
      {"http.workers", "METODIST_WORKERS", int_setting(&Config::workers, 1, 256)},
      {"http.max_json_bytes", "METODIST_MAX_JSON_BYTES", int_setting(&Config::max_json_bytes, 1024, 64 << 20)},
      {"http.max_upload_bytes", "METODIST_MAX_UPLOAD_BYTES",
       int_setting(&Config::max_upload_bytes, 1024, std::int64_t{1} << 31)},
      {"http.max_header_bytes", "METODIST_MAX_HEADER_BYTES", int_setting(&Config::max_header_bytes, 1024, 1 << 20)},
      {"http.read_timeout_s", "METODIST_READ_TIMEOUT", seconds_setting(&Config::read_timeout)},
      {"http.write_timeout_s", "METODIST_WRITE_TIMEOUT", seconds_setting(&Config::write_timeout)},
      {"http.handle_timeout_s", "METODIST_HANDLE_TIMEOUT", seconds_setting(&Config::handle_timeout)},
      {"http.web_root", "METODIST_WEB_ROOT", string_setting(&Config::web_root)},
      {"http.trusted_proxies", "METODIST_TRUSTED_PROXIES", string_setting(&Config::trusted_proxies)},
      {"http.metrics_token", "METODIST_METRICS_TOKEN",
       [](Config& c, const std::string& key, const std::string& text) {
         if (!text.empty() && text.size() < 24)
           throw ConfigError("Параметр " + key + ": токен — не короче 24 символов");
         c.metrics_token = text;
       }},
      {"http.max_concurrent_imports", "METODIST_MAX_CONCURRENT_IMPORTS",
       int_setting(&Config::max_concurrent_imports, 1, 64)},
      {"access.api_token_days", "METODIST_API_TOKEN_DAYS", int_setting(&Config::api_token_days, 1, 3660)},
      {"access.personal_data_up_to", "METODIST_PERSONAL_DATA_UP_TO",
       [](Config& c, const std::string& key, const std::string& text) {
         auto level = domain::parse_admin_level(text);
         if (!level)
           throw ConfigError("Параметр " + key +
                             ": ожидается organisation, municipality, region или federation, а не «" + text + "»");
         c.personal_data_up_to = *level;
       }},
      {"mail.smtp_url", "METODIST_SMTP_URL",
       [](Config& c, const std::string& key, const std::string& text) {
         if (!text.empty() && !text.starts_with("smtp://") && !text.starts_with("smtps://"))
           throw ConfigError("Параметр " + key + ": адрес почтового сервера начинается с smtp:// или smtps://");
         c.smtp_url = text;
       }},
      {"mail.username", "METODIST_SMTP_USERNAME", string_setting(&Config::smtp_username)},
      {"mail.password", "METODIST_SMTP_PASSWORD", string_setting(&Config::smtp_password)},
      {"mail.from", "METODIST_SMTP_FROM", string_setting(&Config::smtp_from)},
      {"mail.starttls", "METODIST_SMTP_STARTTLS", bool_setting(&Config::smtp_starttls)},
      {"mail.public_url", "METODIST_PUBLIC_URL", string_setting(&Config::public_url)},
      {"mail.notify_interval_s", "METODIST_NOTIFY_INTERVAL", seconds_setting(&Config::notify_interval)},
      {"rules.young_teacher_max_age", "METODIST_YOUNG_MAX_AGE", int_setting(&Config::young_teacher_max_age, 18, 70)},
      {"rules.young_teacher_max_years", "METODIST_YOUNG_MAX_YEARS",
       int_setting(&Config::young_teacher_max_years, 1, 20)},
      {"library.max_file_bytes", "METODIST_MAX_FILE_BYTES",
       int_setting(&Config::max_file_bytes, 1024, std::int64_t{1} << 30)},
      {"library.text_extract_seconds", "METODIST_TEXT_EXTRACT_SECONDS",
       int_setting(&Config::text_extract_seconds, 1, 300)},
      {"log.level", "METODIST_LOG_LEVEL",
       [](Config& c, const std::string& key, const std::string& text) {
         check_log_level(key, text);
         c.log_level = text;
       }},
      {"log.access_log", "METODIST_ACCESS_LOG", bool_setting(&Config::access_log)},
  };
  return all;
}

std::string node_text(const std::string& key, const toml::node& n) {
  if (auto s = n.value<std::string>(); s && n.is_string()) return *s;
  if (n.is_integer()) return std::to_string(*n.value<std::int64_t>());
  if (n.is_boolean()) return *n.value<bool>() ? "true" : "false";
  throw ConfigError("Параметр " + key + ": неподходящий тип значения");
}

}  // namespace

Config load_config(const std::string& file, const EnvLookup& env) {
  Config c;
  if (!file.empty()) {
    toml::table root;
    try {
      root = toml::parse_file(file);
    } catch (const toml::parse_error& e) {
      throw ConfigError("Файл настроек " + file + ": " + std::string(e.description()) + " (строка " +
                        std::to_string(e.source().begin.line) + ")");
    }
    std::set<std::string> known;
    for (const auto& s : settings()) known.insert(s.toml_key);
    for (const auto& [section, node] : root) {
      const auto* table = node.as_table();
      if (!table) throw ConfigError("Файл настроек " + file + ": неизвестный параметр " + std::string(section.str()));
      for (const auto& [name, value] : *table) {
        const std::string key = std::string(section.str()) + "." + std::string(name.str());
        if (!known.count(key)) throw ConfigError("Файл настроек " + file + ": неизвестный параметр " + key);
      }
    }
    for (const auto& s : settings()) {
      if (auto n = root.at_path(s.toml_key); n) s.apply(c, s.toml_key, node_text(s.toml_key, *n.node()));
    }
  }
  for (const auto& s : settings()) {
    if (const char* v = env(s.env); v != nullptr) s.apply(c, s.env, v);
  }
  return c;
}

std::string environment_help() {
  std::string out;
  for (const auto& s : settings()) out += std::string("  ") + s.env + "  (" + s.toml_key + ")\n";
  return out;
}

}  // namespace metodist::app
