#include "domain/stemming.hpp"

#include <libstemmer.h>

#include <memory>

#include "domain/text.hpp"

namespace metodist::domain {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const noexcept { sb_stemmer_delete(s); }
};

sb_stemmer* russian() {
  thread_local std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer{sb_stemmer_new("russian", "UTF_8")};
  return stemmer.get();
}

// A byte that starts or continues a word: ASCII letters and digits, and every
// byte of a multi-byte UTF-8 sequence (Cyrillic letters; punctuation such as
// «, », – is cut out below).
bool word_byte(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80; }

// Multi-byte punctuation people put between words.
bool is_punctuation(std::string_view s, std::size_t i) {
  for (std::string_view p : {"«", "»", "–", "—", "“", "”", "„", "№", "…", "\xC2\xA0"})
    if (s.compare(i, p.size(), p) == 0) return true;
  return false;
}

}  // namespace

std::vector<std::string> word_stems(std::string_view text) {
  const std::string folded = fold_for_search(text);
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    sb_stemmer* s = russian();
    const sb_symbol* stem =
        s ? sb_stemmer_stem(s, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()))
          : nullptr;
    if (stem)
      out.emplace_back(reinterpret_cast<const char*>(stem), static_cast<std::size_t>(sb_stemmer_length(s)));
    else
      out.push_back(word);
    word.clear();
  };
  for (std::size_t i = 0; i < folded.size();) {
    const auto c = static_cast<unsigned char>(folded[i]);
    if (c >= 0x80 && is_punctuation(folded, i)) {
      flush();
      i += (c >= 0xE0) ? 3 : 2;
      continue;
    }
    if (word_byte(c)) {
      word.push_back(folded[i]);
      ++i;
    } else {
      flush();
      ++i;
    }
  }
  flush();
  return out;
}

}  // namespace metodist::domain
