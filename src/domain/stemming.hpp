// Russian word stems for full-text search on SQLite. PostgreSQL
// stems with its own «russian» configuration; SQLite has none, so the words of
// a document and of a query are reduced here with the Snowball stemmer
// (libstemmer), the same algorithm PostgreSQL's configuration uses: «приказы»,
// «приказом» and «приказ» all become «приказ».
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace metodist::domain {

// The words of `text` (letters and digits; case folded, «ё» as «е»), each
// reduced to its stem. Thread-safe (one stemmer per thread).
std::vector<std::string> word_stems(std::string_view text);

}  // namespace metodist::domain
