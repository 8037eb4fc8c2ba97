// Text rules shared by search, import and validation.
//
// SQLite's lower() folds ASCII only, so every search key is folded here, in
// C++, the same way for both backends: Latin and Cyrillic letters to lower
// case, «ё» to «е», runs of white space to one space, ends trimmed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace metodist::domain {

// Folds a UTF-8 string for case-insensitive comparison and search.
// Invalid UTF-8 bytes are dropped rather than passed through.
std::string fold_for_search(std::string_view utf8);

// Appends a code point as UTF-8 (surrogates and values past U+10FFFF are not characters: nothing is appended).
void append_utf8(std::string& out, char32_t cp);

// True when the bytes are well-formed UTF-8 (no overlongs, no surrogates).
bool is_valid_utf8(std::string_view bytes) noexcept;

// Trims ASCII white space (and NBSP) from both ends.
std::string trim(std::string_view text);
// The same without copying: a view into `text`.
std::string_view trim_view(std::string_view text);

// Lower-cases ASCII letters only: for logins, e-mails and HTTP header names,
// which are ASCII by rule (Cyrillic text goes through fold_for_search).
std::string ascii_lower(std::string_view text);

// The parts of a list as people type it («Алгебра; Геометрия»): split at
// `separator`, trimmed, empty parts dropped.
std::vector<std::string> split_list(std::string_view text, char separator = ';');

// A unit of a list shown by name (a school, a municipality) and where it is.
struct NamedUnit {
  std::int64_t id = 0;
  std::string name;
  std::string place;  // the municipality of a school, the region of a municipality
};
// Names a list can show without two rows reading the same: a name that two
// units share (ё and case aside) gets its place after it, «СОШ № 1
// (Ермаковский район)»; one still shared then gets the unit's number,
// «СОШ № 1 (Ермаковский район, № 812)». A unit listed twice (same id) is one
// unit. Names are changed in place.
void make_names_distinct(std::vector<NamedUnit>& units);

// True when the text holds an ASCII control character (below 0x20, or DEL):
// a line feed in an address or header would start a new line of a protocol.
bool has_control_characters(std::string_view text) noexcept;

// A number as a Russian document writes it: a decimal comma, at most
// `fraction` digits after it, no trailing zeros, thousands apart by a
// no-break space as the browser's ru-RU format has them («12,5», «30»,
// «0,25», «1 170 002»).
std::string decimal_text(double value, int fraction = 1);

// The text with the spaces that group a number's digits taken out — plain,
// no-break, thin and narrow no-break spaces standing between two digits —
// so «1 170 002» and «12 345,5», as people and Excel write them, read as numbers.
std::string without_digit_groups(std::string_view text);

// The noun's form that goes with a count: plural(1, "строка", "строки", "строк")
// is «строка», 3 → «строки», 11 and 25 → «строк».
std::string_view plural(std::uint64_t n, std::string_view one, std::string_view few, std::string_view many) noexcept;

// Number of Unicode code points (the length a user sees), assuming valid UTF-8.
std::size_t utf8_length(std::string_view utf8) noexcept;

}  // namespace metodist::domain
