#include "http/json_writer.hpp"

#include <charconv>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace metodist::http {

void JsonWriter::open(char bracket) {
  separate();
  out_.push_back(bracket);
  outer_has_items_.push_back(has_items_);
  has_items_ = false;
}

void JsonWriter::close(char bracket) {
  out_.push_back(bracket);
  has_items_ = outer_has_items_.back();
  outer_has_items_.pop_back();
}

JsonWriter& JsonWriter::begin_object() {
  open('{');
  return *this;
}
JsonWriter& JsonWriter::end_object() {
  close('}');
  return *this;
}
JsonWriter& JsonWriter::begin_array() {
  open('[');
  return *this;
}
JsonWriter& JsonWriter::end_array() {
  close(']');
  return *this;
}

JsonWriter& JsonWriter::key(JsonKey k) {
  separate();
  out_.push_back('"');
  out_.append(k.text());
  out_.append("\":", 2);
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::key_text(std::string_view k) {
  value(k);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

namespace {

#if defined(__SSE2__)
// Plain ASCII and two-byte letters (all of Cyrillic, and «») are nearly all
// the text the registry holds; checking them byte by byte was the largest
// share of writing a list of organisations (perf under wrk). They are checked
// 16 bytes at a time: one bit per byte for each class of byte.
struct ByteClasses {
  int escape;        // a quote, a backslash or a control character
  int high;          // any byte of a multi-byte character
  int continuation;  // 0x80..0xBF
  int lead;          // 0xC2..0xDF, which starts a two-byte letter
};

ByteClasses classify(const char* p) {
  const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const auto byte = [](int v) { return _mm_set1_epi8(static_cast<char>(v)); };
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(b, byte(0x1F)), b);  // unsigned b <= 0x1F
  const __m128i quote_or_backslash = _mm_or_si128(_mm_cmpeq_epi8(b, byte('"')), _mm_cmpeq_epi8(b, byte('\\')));
  // Signed comparisons: 0x80..0xBF are -128..-65, 0xC2..0xDF are -62..-33.
  return {_mm_movemask_epi8(_mm_or_si128(control, quote_or_backslash)), _mm_movemask_epi8(b),
          _mm_movemask_epi8(_mm_cmplt_epi8(b, byte(0xC0))),
          _mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(b, byte(0xC1)), _mm_cmplt_epi8(b, byte(0xE0))))};
}

// Do the bytes go out as they are? Only when nothing needs escaping and the
// only multi-byte characters are well-formed two-byte letters: every high byte
// is a lead or a continuation, and continuations stand exactly after leads.
bool plain(const ByteClasses& c) {
  return c.escape == 0 && c.high == (c.continuation | c.lead) && c.continuation == ((c.lead << 1) & 0xFFFF);
}
#endif

// The length of the start of s (at least 16 bytes, beginning a character)
// that goes out as it is; it ends where a character begins.
std::size_t plain_prefix(std::string_view s) {
  std::size_t i = 0;
#if defined(__SSE2__)
  while (s.size() - i >= 16) {
    const ByteClasses c = classify(s.data() + i);
    if (!plain(c)) return i;
    i += (c.lead & 0x8000) ? 15 : 16;  // a letter cut by the 16 is checked with the next ones
  }
  if (const std::size_t rest = s.size() - i; rest > 0) {
    // The last 16 bytes of s, of which the first 16 - rest are passed already:
    // those lanes are shifted out. s[i] begins a character, so no lead stands
    // before it; a lead in the very last byte (a letter cut off) fails plain():
    // its continuation bit is missing.
    const ByteClasses all = classify(s.data() + s.size() - 16);
    const int skip = static_cast<int>(16 - rest);
    const ByteClasses c{all.escape >> skip, all.high >> skip, all.continuation >> skip, all.lead >> skip};
    if (plain(c)) i = s.size();
  }
#endif
  return i;
}

}  // namespace

JsonWriter& JsonWriter::value(std::string_view s) {
  separate();
  out_.push_back('"');
  static constexpr char kHex[] = "0123456789abcdef";
  // Bytes that need no escaping are copied in runs, not one by one.
  std::size_t run = 0;
  const auto flush = [&](std::size_t upto) {
    if (upto > run) out_.append(s.data() + run, upto - run);
  };
  for (std::size_t i = 0; i < s.size();) {
    if (s.size() - i >= 16) {
      i += plain_prefix(s.substr(i));
      if (i == s.size()) break;
    }
    // Short text, and a character the check of 16 could not pass: one by one.
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
      i += 2;  // a two-byte letter (all of Cyrillic): well-formed, checked without the general case
      continue;
    }
    if (c >= 0x80) {
      // A well-formed multi-byte sequence stays; anything else is replaced.
      std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
      bool ok = len > 0 && i + len <= s.size() && c >= 0xC2 && c <= 0xF4;
      for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
      if (ok && len == 3) {
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);  // overlong, surrogates
      }
      if (ok && len == 4) {
        const auto c1 = static_cast<unsigned char>(s[i + 1]);
        ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
      }
      if (ok) {
        i += len;
        continue;
      }
      flush(i);
      out_ += "\xEF\xBF\xBD";
      run = ++i;
      continue;
    }
    flush(i);
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        out_ += "\\u00";
        out_.push_back(kHex[c >> 4]);
        out_.push_back(kHex[c & 0xF]);
    }
    run = ++i;
  }
  flush(s.size());
  out_.push_back('"');
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n) {
  separate();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(double d) {
  if (!std::isfinite(d)) return null();
  separate();
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
  out_.append(buf, end);
  return *this;
}

JsonWriter& JsonWriter::raw_json(std::string_view json) {
  separate();
  out_ += json;
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

}  // namespace metodist::http
