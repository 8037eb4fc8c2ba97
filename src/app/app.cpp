#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include "storage/migrations.hpp"

namespace metodist::app {

App open_app(const Config& config) {
  App a;
  a.config = config;
  a.db = storage::open_database({config.database_url, config.db_pool_size, std::chrono::milliseconds(5000)});
  if (config.auto_migrate) {
    if (int n = storage::migrate(*a.db); n > 0) spdlog::info("Применено миграций: {}", n);
  }
  const auto status = storage::migration_status(*a.db);
  if (!status.pending.empty())
    throw storage::Error(storage::ErrorKind::other,
                         "Схема базы устарела (версия " + std::to_string(status.current) + " из " +
                             std::to_string(status.latest) + "): выполните «metodist migrate»");
  return a;
}

}  // namespace metodist::app
