#include "app/files.hpp"

#include <sodium.h>

#include <stdexcept>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/library.hpp"
#include "storage/files_repository.hpp"

namespace metodist::app {
namespace {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string to_base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string from_base64(const std::string& text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    throw std::runtime_error("stored file is not valid base64");  // a broken store is a server fault
  out.resize(len);
  return out;
}

std::string megabytes(std::size_t bytes) { return std::to_string((bytes + (1 << 20) - 1) >> 20) + " МБ"; }

}  // namespace

UploadedFile store_upload(App& app, storage::Connection& c, std::string_view bytes, std::string_view file_name) {
  if (bytes.empty()) throw domain::Error::validation("file", "Файл пуст: выберите файл документа");
  if (bytes.size() > app.config.max_file_bytes)
    throw domain::Error(
        domain::ErrorKind::payload_too_large,
        "Файл больше " + megabytes(app.config.max_file_bytes) + ": уменьшите его или разделите на части", "file");
  const auto name = domain::safe_file_name(file_name);
  const auto type = domain::sniff_file_type(bytes, name);
  if (!type)
    throw domain::Error::validation(
        "file", "Такой файл не принимается. Можно загрузить: " + std::string(domain::allowed_file_types()));
  UploadedFile f{sha256_hex(bytes), name, std::string(type->content_type), bytes.size()};
  // The same content again is a no-op in the store (ON CONFLICT DO NOTHING): no read first.
  storage::files::put(c, {f.hash, f.content_type, to_base64(bytes), domain::utc_timestamp_now(),
                          static_cast<std::int64_t>(bytes.size())});
  return f;
}

Download load_file(storage::Connection& c, const std::string& hash, const std::string& file_name) {
  auto f = storage::files::find(c, hash);
  if (!f) throw domain::Error::not_found("Файл не найден");
  return {from_base64(f->base64), f->content_type, file_name};
}

}  // namespace metodist::app
