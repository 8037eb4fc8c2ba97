#include "io/zip_archive.hpp"

#include "domain/error.hpp"

namespace metodist::io {

ZipArchive::ZipArchive(std::string_view bytes, const ZipLimits& limits, std::string kind, std::string_view expected)
    : limits_(limits), kind_(std::move(kind)) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) fail("не удалось открыть архив");
  zip_ = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (!zip_) {
    zip_source_free(source);
    zip_error_fini(&error);
    fail("файл повреждён или это не " + std::string(expected));
  }
  zip_error_fini(&error);
  const auto entries = zip_get_num_entries(zip_, 0);
  if (entries < 0 || static_cast<std::size_t>(entries) > limits_.max_entries) fail("слишком много частей в архиве");
}

ZipArchive::~ZipArchive() {
  if (zip_) zip_discard(zip_);
}

std::optional<std::string> ZipArchive::read(const std::string& name, std::size_t max_bytes) {
  std::string out;
  if (!stream(name, max_bytes, [&](std::string_view chunk) { out.append(chunk); })) return std::nullopt;
  return out;
}

void ZipArchive::fail(const std::string& what) const {
  throw domain::Error::bad_request(kind_ + " не читается: " + what, "file");
}

}  // namespace metodist::io
