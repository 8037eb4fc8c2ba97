// Factories of the concrete backends; internal to storage (see open_database).
#pragma once

#include <memory>
#include <string>

#include "storage/database.hpp"

namespace metodist::storage {

std::unique_ptr<Database> open_sqlite(const std::string& path, const DatabaseOptions& options);
std::unique_ptr<Database> open_postgres(const std::string& url, const DatabaseOptions& options);

// Process-wide SQLite settings; every sqlite3_open of the process goes after it.
void configure_sqlite();

}  // namespace metodist::storage
