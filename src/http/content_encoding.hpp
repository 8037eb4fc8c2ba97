// Which compressed form of a response a client accepts (RFC 9110, 12.5.3):
// the client's Accept-Encoding against what the server has, best first.
#pragma once

#include <string_view>

namespace metodist::http {

// The quality (0..1) the client gives `coding` in an Accept-Encoding header:
// its own entry, else the `*` entry, else 0. "q=0" refuses. Tokens are
// case-insensitive; a malformed q counts as 1 (a client that names a coding
// wants it).
double accepted_quality(std::string_view accept_encoding, std::string_view coding);

// "br" or "gzip" (the first the client accepts with the highest quality,
// brotli on a tie: it is smaller), or "" for the plain body.
std::string_view preferred_encoding(std::string_view accept_encoding, bool have_br, bool have_gzip);

}  // namespace metodist::http
