#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include "app/library.hpp"
#include "domain/competency.hpp"
#include "storage/diagnostics_repository.hpp"
#include "storage/migrations.hpp"

namespace metodist::app {

App open_app(const Config& config) {
  App a;
  a.config = config;
  a.shared = std::make_shared<SharedResults>(static_cast<std::size_t>(config.shared_results_mb) << 20,
                                             config.shared_results_quick_ms);
  a.answers = std::make_shared<AnswerMemo>(static_cast<std::size_t>(config.shared_results_mb) << 18);
  a.db = storage::open_database({config.database_url, config.db_pool_size, std::chrono::milliseconds(5000)});
  if (config.auto_migrate) {
    if (int n = storage::migrate(*a.db); n > 0) spdlog::info("Применено миграций: {}", n);
  }
  const auto status = storage::migration_status(*a.db);
  if (!status.pending.empty())
    throw storage::Error(storage::ErrorKind::other, "Схема базы устарела (версия " + std::to_string(status.current) +
                                                        " из " + std::to_string(status.latest) +
                                                        "): выполните «metodist migrate»");
  // Reference data the schema cannot carry as it is built in C++: the default
  // competency framework, once, into an empty table.
  a.db->write(
      [](storage::Connection& c) { storage::diagnostics::seed_framework_if_empty(c, domain::default_competencies()); });
  // SQLite's search index holds stems made in C++: the preloaded normative
  // base gets them here (a no-op once everything is indexed).
  index_library(a);
  return a;
}

}  // namespace metodist::app
