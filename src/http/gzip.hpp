// gzip for responses made on the fly (API JSON, CSV): the built UI is
// compressed at build time instead (web/scripts/compress.mjs).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace metodist::http {

// `body` in the gzip format (RFC 1952) at zlib's `level` (1 fastest … 9
// smallest). Level 1 is the default for responses: on JSON it keeps about as
// much as level 6 for a third of the time (docs/performance.md).
std::string gzip(std::string_view body, int level = 1);

// Whether a response of this type and size is worth compressing: text of
// at least `kMinCompressed` bytes (below that the headers outweigh the
// saving; XLSX, PDF and images are compressed already).
inline constexpr std::size_t kMinCompressed = 1024;
bool worth_compressing(std::string_view content_type, std::size_t size);

// Whether an answer made now goes gzipped: worth compressing, and the
// client's Accept-Encoding ("" when it sent none) takes gzip.
bool gzip_wanted(std::string_view accept_encoding, std::string_view content_type, std::size_t size);
// `body` gzipped at the default level; nullopt when zlib fails (logged with
// the request id): the answer then goes plain rather than not at all.
std::optional<std::string> gzip_or_plain(std::string_view body, std::string_view request_id);

}  // namespace metodist::http
