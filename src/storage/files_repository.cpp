#include "storage/files_repository.hpp"

namespace metodist::storage::files {

void put(Connection& c, const StoredFile& f) {
  c.execute(
      "INSERT INTO stored_files (hash, size, content_type, data, created_at) VALUES ($1, $2, $3, $4, $5)"
      " ON CONFLICT (hash) DO NOTHING",
      {f.hash, f.size, f.content_type, std::string_view(f.base64), f.created_at});
}

std::optional<StoredFile> find(Connection& c, const std::string& hash) {
  auto r = c.query_one("SELECT hash, content_type, data, created_at, size FROM stored_files WHERE hash = $1", {hash});
  if (!r) return std::nullopt;
  return StoredFile{r->text("hash"), r->text("content_type"), r->text("data"), r->text("created_at"), r->int64("size")};
}

}  // namespace metodist::storage::files
