// The running application: configuration and the database, shared by every
// use case. Created once by the CLI and passed down; no globals.
#pragma once

#include <chrono>
#include <memory>

#include "app/answer_memo.hpp"
#include "app/config.hpp"
#include "app/session_cache.hpp"
#include "app/shared_results.hpp"
#include "storage/database.hpp"

namespace metodist::app {

struct App {
  Config config;
  std::unique_ptr<storage::Database> db;
  // Declared after `db`: destroyed first, so its background computation ends
  // while the database is still open.
  std::shared_ptr<SharedResults> shared = std::make_shared<SharedResults>();
  // Finished answers made from those results (a quarter of their budget on top).
  std::shared_ptr<AnswerMemo> answers = std::make_shared<AnswerMemo>(std::size_t{64} << 20);
  std::shared_ptr<SessionCache> sessions = std::make_shared<SessionCache>();
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// Opens the configured database and, when configured, applies migrations.
// Refuses to continue on a schema this binary does not match.
App open_app(const Config& config);

}  // namespace metodist::app
