// A ZIP archive made in memory, for tests of the readers of ZIP formats
// (XLSX, DOCX, ODT) and of their caps.
#pragma once

#include <zip.h>

#include <string>
#include <utility>
#include <vector>

namespace metodist::testing {

// A ZIP archive holding the given parts (name, bytes).
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_source_keep(out);
  zip_t* z = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  for (const auto& [name, data] : parts) {
    zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
    zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  zip_close(z);
  zip_source_open(out);
  zip_source_seek(out, 0, SEEK_END);
  const auto size = zip_source_tell(out);
  zip_source_seek(out, 0, SEEK_SET);
  std::string bytes(static_cast<std::size_t>(size), '\0');
  zip_source_read(out, bytes.data(), size);
  zip_source_close(out);
  zip_source_free(out);
  return bytes;
}

}  // namespace metodist::testing
