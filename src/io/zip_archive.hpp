// A ZIP archive opened from memory (XLSX, DOCX, ODT are ZIP inside), whose
// parts are read under caps: the number of entries, the bytes one part may
// inflate to (counted while reading, not taken from the header), all parts
// together and the compression ratio — a zip bomb stops with an error
// (Error::bad_request naming the field "file") instead of filling memory.
#pragma once

#include <zip.h>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace metodist::io {

struct ZipLimits {
  std::size_t max_entries = 10'000;
  std::size_t max_entry_bytes = std::size_t{512} << 20;  // one inflated part
  std::size_t max_total_bytes = std::size_t{1} << 30;    // all parts read
  std::size_t max_ratio = 200;                           // inflated : compressed, above 1 MiB
};

class ZipArchive {
 public:
  // `kind` names the file in messages («Файл XLSX»), `expected` what it should
  // be («книга Excel»).
  ZipArchive(std::string_view bytes, const ZipLimits& limits, std::string kind, std::string_view expected);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // Calls `on_chunk` with the part's bytes, 64 KiB at a time, under the caps
  // (at most `max_bytes` of this part); false when there is no such part.
  template <class OnChunk>
  bool stream(const std::string& name, std::size_t max_bytes, OnChunk&& on_chunk) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip_, name.c_str(), 0, &st) != 0) return false;
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen(zip_, name.c_str(), 0), zip_fclose);
    if (!file) fail("часть «" + name + "» повреждена или зашифрована");
    const std::size_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    std::size_t read = 0;
    std::string buffer(64 * 1024, '\0');
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
      if (n < 0) fail("часть «" + name + "» повреждена");
      if (n == 0) break;
      read += static_cast<std::size_t>(n);
      total_ += static_cast<std::size_t>(n);
      if (read > std::min(max_bytes, limits_.max_entry_bytes) || total_ > limits_.max_total_bytes)
        fail("после распаковки файл слишком велик");
      if (read > (1u << 20) && read / std::max<std::size_t>(compressed, 1) > limits_.max_ratio)
        fail("архив подозрительно сильно сжат");
      on_chunk(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    }
    return true;
  }

  // The whole part (at most `max_bytes`), or nullopt when there is no such part.
  std::optional<std::string> read(const std::string& name, std::size_t max_bytes);

  [[noreturn]] void fail(const std::string& what) const;

 private:
  zip_t* zip_ = nullptr;
  ZipLimits limits_;
  std::string kind_;
  std::size_t total_ = 0;
};

}  // namespace metodist::io
