#include "domain/text.hpp"

#include <map>
#include <set>

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace metodist::domain {
namespace {

// Decodes one code point at s[i]; returns its byte length, 0 on invalid input.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t len;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
    min = 0x10000;
  } else
    return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

void encode(char32_t cp, std::string& out) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t fold(char32_t cp) noexcept {
  if (cp == U'ё' || cp == U'Ё') return U'е';  // before the Ѐ..Џ range, which holds Ё
  if (cp >= U'A' && cp <= U'Z') return cp + 32;
  if (cp >= U'А' && cp <= U'Я') return cp + 32;    // А..Я -> а..я
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;  // Ѐ..Џ -> ѐ..џ
  return cp;
}

bool is_space(char32_t cp) noexcept {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0;
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) { encode(cp, out); }

std::string fold_for_search(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    const auto len = decode(s, i, cp);
    if (len == 0) {
      ++i;
      continue;
    }
    i += len;
    if (is_space(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    encode(fold(cp), out);
  }
  return out;
}

bool is_valid_utf8(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp;
    const auto len = decode(s, i, cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string trim(std::string_view s) { return std::string(trim_view(s)); }

std::string_view trim_view(std::string_view s) {
  auto space_at_front = [&] {
    if (s.empty()) return std::size_t{0};
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r') return std::size_t{1};
    if (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") return std::size_t{2};
    return std::size_t{0};
  };
  auto space_at_back = [&] {
    if (s.empty()) return std::size_t{0};
    const char c = s.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return std::size_t{1};
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") return std::size_t{2};
    return std::size_t{0};
  };
  for (auto n = space_at_front(); n; n = space_at_front()) s.remove_prefix(n);
  for (auto n = space_at_back(); n; n = space_at_back()) s.remove_suffix(n);
  return s;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (auto& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

bool has_control_characters(std::string_view text) noexcept {
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

std::size_t utf8_length(std::string_view s) noexcept {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<std::string> split_list(std::string_view text, char separator) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto at = text.find(separator);
    if (auto part = trim_view(text.substr(0, at)); !part.empty()) out.emplace_back(part);
    text = at == std::string_view::npos ? std::string_view{} : text.substr(at + 1);
  }
  return out;
}

std::string_view plural(std::uint64_t n, std::string_view one, std::string_view few, std::string_view many) noexcept {
  const auto last2 = n % 100, last = n % 10;
  if (last2 >= 11 && last2 <= 14) return many;
  if (last == 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

std::string decimal_text(double value, int fraction) {
  if (!std::isfinite(value)) return "—";
  fraction = fraction < 0 ? 0 : fraction > 6 ? 6 : fraction;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", fraction, value);
  std::string s = buf;
  if (const auto dot = s.find('.'); dot != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.')
      s.pop_back();
    else
      s[dot] = ',';
  }
  if (s == "-0") s = "0";
  // Thousands apart, as ru-RU writes them: «1 170 002».
  const std::size_t begin = s[0] == '-' ? 1 : 0;
  std::size_t end = s.find(',');
  if (end == std::string::npos) end = s.size();
  for (std::size_t at = end; at > begin + 3; at -= 3) s.insert(at - 3, "\u00a0");
  return s;
}

std::string without_digit_groups(std::string_view text) {
  // The separators a number's groups come with: space, U+00A0, U+2009, U+202F.
  const auto separator_at = [&](std::size_t i) -> std::size_t {
    if (text[i] == ' ') return 1;
    if (text.substr(i, 2) == "\u00a0") return 2;
    if (text.substr(i, 3) == "\u2009" || text.substr(i, 3) == "\u202f") return 3;
    return 0;
  };
  const auto digit = [&](std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (const auto n = separator_at(i); n && i > 0 && digit(i - 1) && digit(i + n)) {
      i += n;
      continue;
    }
    out += text[i++];
  }
  return out;
}

void make_names_distinct(std::vector<NamedUnit>& units) {
  // How many distinct units bear each (folded) name, then each name with its place.
  const auto count_by = [&](auto key) {
    std::map<std::string, std::set<std::int64_t>> ids;
    for (const auto& u : units) ids[key(u)].insert(u.id);
    std::map<std::string, std::size_t> n;
    for (const auto& [k, v] : ids) n[k] = v.size();
    return n;
  };
  const auto by_name = count_by([](const NamedUnit& u) { return fold_for_search(u.name); });
  const auto by_place =
      count_by([](const NamedUnit& u) { return fold_for_search(u.name) + '\x1f' + fold_for_search(u.place); });
  for (auto& u : units) {
    const std::string name = fold_for_search(u.name);
    if (by_name.at(name) < 2) continue;
    const bool still_shared = by_place.at(name + '\x1f' + fold_for_search(u.place)) > 1;
    std::string qualifier = u.place;
    if (still_shared) qualifier += (qualifier.empty() ? "" : ", ") + std::string("№\u00a0") + std::to_string(u.id);
    if (!qualifier.empty()) u.name += " (" + qualifier + ")";
  }
}

}  // namespace metodist::domain
