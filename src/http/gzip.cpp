#include "http/gzip.hpp"

#include <spdlog/spdlog.h>
#include <zlib.h>

#include <stdexcept>

#include "http/content_encoding.hpp"

namespace metodist::http {

std::string gzip(std::string_view body, int level) {
  z_stream zs{};
  // 15 window bits + 16: the gzip wrapper rather than zlib's own.
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("gzip: deflateInit2 failed");
  std::string out(deflateBound(&zs, static_cast<uLong>(body.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  zs.avail_in = static_cast<uInt>(body.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  const auto written = zs.total_out;
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("gzip: deflate did not finish");
  out.resize(written);
  return out;
}

bool worth_compressing(std::string_view content_type, std::size_t size) {
  if (size < kMinCompressed) return false;
  return content_type.starts_with("application/json") || content_type.starts_with("text/") ||
         content_type.starts_with("application/yaml");
}

bool gzip_wanted(std::string_view accept_encoding, std::string_view content_type, std::size_t size) {
  return worth_compressing(content_type, size) && accepted_quality(accept_encoding, "gzip") > 0;
}

std::optional<std::string> gzip_or_plain(std::string_view body, std::string_view request_id) {
  try {
    return gzip(body);
  } catch (const std::exception& e) {
    spdlog::warn("rid={} ответ отправлен без сжатия: {}", request_id, e.what());
    return std::nullopt;
  }
}

}  // namespace metodist::http
