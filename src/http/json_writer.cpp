#include "http/json_writer.hpp"

#include <bit>
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

// How many of the first `width` classified bytes go out as they are, ending
// where a character begins: up to the first byte that needs escaping, a
// character other than ASCII or a two-byte letter, or a continuation not
// right after its lead. A lead just before that point (or last of all) lost
// its second byte: its letter is left to the careful path.
std::size_t plain_length(const ByteClasses& c, int width) {
  const int lanes = (1 << width) - 1;
  const int misplaced = c.continuation ^ ((c.lead << 1) & lanes);
  const int stop = (c.escape | (c.high & ~(c.continuation | c.lead)) | misplaced) & lanes;
  int n = stop ? std::countr_zero(static_cast<unsigned>(stop)) : width;
  if (n > 0 && ((c.lead >> (n - 1)) & 1)) --n;
  return static_cast<std::size_t>(n);
}
#endif

// Where the run of bytes that go out as they are, from `from` (where a
// character begins), ends — where a character begins. s has at least 16
// bytes, so its last 16 can always be loaded, also for a shorter rest.
std::size_t plain_until(std::string_view s, std::size_t from) {
  std::size_t i = from;
#if defined(__SSE2__)
  while (s.size() - i >= 16) {
    const std::size_t n = plain_length(classify(s.data() + i), 16);
    i += n;
    if (n < 15) return i;  // 15: a letter cut by the 16 goes with the next ones (or the byte there stops the run)
  }
  if (const std::size_t rest = s.size() - i; rest > 0) {
    // The last 16 bytes of s, of which the first 16 - rest are passed already:
    // their lanes are shifted out.
    const ByteClasses all = classify(s.data() + s.size() - 16);
    const int skip = static_cast<int>(16 - rest);
    i += plain_length({all.escape >> skip, all.high >> skip, all.continuation >> skip, all.lead >> skip},
                      static_cast<int>(rest));
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
    if (s.size() >= 16) {
      i = plain_until(s, i);
      if (i == s.size()) break;
    }
    // Short text, and a character the check of 16 stopped at: one by one.
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
