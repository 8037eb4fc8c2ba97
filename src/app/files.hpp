// Uploaded files of the documents library and the bank of practices:
// checked (type by content, size within library.max_file_bytes),
// kept once per content under their SHA-256, and handed back for download.
#pragma once

#include <string>
#include <string_view>

#include "app/app.hpp"
#include "storage/database.hpp"

namespace metodist::app {

struct UploadedFile {
  std::string hash;          // SHA-256, hex
  std::string file_name;     // safe to store and to send back
  std::string content_type;  // as sniffed
  std::size_t size = 0;
};
// Refuses an empty, too large or disallowed file with Error::validation
// naming «file», and stores it (inside the caller's transaction).
UploadedFile store_upload(App& app, storage::Connection& c, std::string_view bytes, std::string_view file_name);

struct Download {
  std::string bytes, content_type, file_name;
};
// The file's bytes; Error::not_found when the store has none under the hash.
Download load_file(storage::Connection& c, const std::string& hash, const std::string& file_name);

}  // namespace metodist::app
