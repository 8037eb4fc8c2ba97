// SQL for uploaded files, kept once per content under the SHA-256 of their
// bytes. The bytes travel as base64 text: one column type that both
// backends store. The caller owns the transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "storage/database.hpp"

namespace metodist::storage::files {

struct StoredFile {
  std::string hash, content_type, base64, created_at;
  std::int64_t size = 0;
};
// Adds the file unless the same content is already there.
void put(Connection& c, const StoredFile& f);
std::optional<StoredFile> find(Connection& c, const std::string& hash);

}  // namespace metodist::storage::files
