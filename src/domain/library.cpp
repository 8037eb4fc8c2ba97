#include "domain/library.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "domain/date.hpp"
#include "domain/text.hpp"

namespace metodist::domain {
namespace {

constexpr std::array kKinds{
    Term{"law", "Закон"},
    Term{"decree", "Распоряжение, постановление"},
    Term{"order", "Приказ"},
    Term{"letter", "Письмо"},
    Term{"regulation", "Положение"},
    Term{"recommendations", "Методические рекомендации"},
    Term{"other", "Другое"},
};
constexpr std::array kLevels{
    Term{"federal", "Федеральный"},
    Term{"regional", "Региональный"},
    Term{"municipal", "Муниципальный"},
    Term{"institutional", "Уровень организации"},
};

// The first word of a reference names the kind.
std::string kind_of(std::string_view folded_first_word) {
  const std::pair<std::string_view, std::string_view> kWords[] = {
      {"приказ", "order"},
      {"распоряжение", "decree"},
      {"постановление", "decree"},
      {"указ", "decree"},
      {"письмо", "letter"},
      {"положение", "regulation"},
      {"федеральный", "law"},
      {"закон", "law"},
      {"методические", "recommendations"},
      {"рекомендации", "recommendations"},
  };
  for (const auto& [word, kind] : kWords)
    if (folded_first_word == word) return std::string(kind);
  return "other";
}

bool starts(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

std::span<const Term> document_kinds() { return kKinds; }
std::span<const Term> document_levels() { return kLevels; }

DocumentReference parse_document_reference(std::string_view text) {
  DocumentReference ref;
  std::string s = trim(text);
  // The title: the text in «…» (outer quotes; inner ones stay).
  const auto open = s.find("«");
  const auto close = s.rfind("»");
  std::string head = s;
  if (open != std::string::npos && close != std::string::npos && close > open) {
    constexpr std::size_t kQuote = std::string_view("«").size();
    ref.title = trim(std::string_view(s).substr(open + kQuote, close - open - kQuote));
    head = trim(std::string_view(s).substr(0, open));
  }
  // «Приказ <issuer> от <date> № <number>»
  const auto first_space = head.find(' ');
  ref.kind = kind_of(fold_for_search(head.substr(0, first_space)));
  std::string rest =
      first_space == std::string::npos ? std::string{} : trim(std::string_view(head).substr(first_space));
  constexpr std::string_view kNumber = "№";
  const auto number_at = rest.find(kNumber);
  if (number_at != std::string::npos) {
    ref.number = trim(std::string_view(rest).substr(number_at + kNumber.size()));
    rest = trim(std::string_view(rest).substr(0, number_at));
  }
  constexpr std::string_view kFrom = " от ";
  const auto from = rest.rfind(kFrom);
  std::string date_text;
  if (from != std::string::npos) {
    date_text = trim(std::string_view(rest).substr(from + kFrom.size()));
    rest = trim(std::string_view(rest).substr(0, from));
  } else if (starts(rest, kFrom.substr(1))) {
    date_text = trim(std::string_view(rest).substr(kFrom.size() - 1));
    rest.clear();
  }
  // «16.12.2020г.», «19.01.2022 г.»
  std::string date_only;
  for (char c : date_text) {
    if ((c >= '0' && c <= '9') || c == '.')
      date_only.push_back(c);
    else
      break;
  }
  while (!date_only.empty() && date_only.back() == '.') date_only.pop_back();
  if (auto d = Date::parse_written(date_only)) ref.date = d->iso();
  ref.issuer = rest;
  if (ref.title.empty()) ref.title = s;  // no quotes: the whole reference names it
  // Issued federally: the ministry of the Russian Federation or its government.
  const auto issuer = " " + fold_for_search(ref.issuer) + " ";
  for (std::string_view federal : {"минпросвещения", "россии", "российской федерации", " рф ", "правительств"})
    if (issuer.find(federal) != std::string::npos) ref.level = "federal";
  return ref;
}

std::optional<FileType> sniff_file_type(std::string_view bytes, std::string_view file_name) {
  const std::string name = ascii_lower(file_name);
  auto ext = [&](std::string_view e) { return name.size() > e.size() && name.ends_with(e); };
  if (bytes.starts_with("%PDF-")) return FileType{"application/pdf", "PDF"};
  if (bytes.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) return FileType{"image/png", "PNG"};
  if (bytes.starts_with("\xFF\xD8\xFF")) return FileType{"image/jpeg", "JPEG"};
  if (bytes.starts_with("{\\rtf")) return FileType{"application/rtf", "RTF"};
  if (bytes.starts_with(std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))) {
    if (ext(".xls")) return FileType{"application/vnd.ms-excel", "Книга Excel 97–2003"};
    if (ext(".ppt")) return FileType{"application/vnd.ms-powerpoint", "Презентация PowerPoint 97–2003"};
    return FileType{"application/msword", "Документ Word 97–2003"};
  }
  if (bytes.starts_with(std::string_view("PK\x03\x04", 4))) {
    if (ext(".docx"))
      return FileType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Документ Word"};
    if (ext(".xlsx"))
      return FileType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Книга Excel"};
    if (ext(".pptx"))
      return FileType{"application/vnd.openxmlformats-officedocument.presentationml.presentation",
                      "Презентация PowerPoint"};
    if (ext(".odt")) return FileType{"application/vnd.oasis.opendocument.text", "Документ OpenDocument"};
    if (ext(".ods")) return FileType{"application/vnd.oasis.opendocument.spreadsheet", "Таблица OpenDocument"};
    return std::nullopt;  // a ZIP of anything else
  }
  // Plain text, not markup a browser could be talked into running.
  const auto first = trim_view(bytes.substr(0, 64));
  if ((ext(".txt") || ext(".csv")) && is_valid_utf8(bytes) && bytes.find('\0') == std::string_view::npos &&
      !first.starts_with('<'))
    return FileType{"text/plain; charset=utf-8", "Текст"};
  return std::nullopt;
}

std::string_view allowed_file_types() { return "PDF, DOC/DOCX, XLS/XLSX, PPT/PPTX, ODT/ODS, RTF, TXT, PNG, JPEG"; }

std::string safe_file_name(std::string_view name) {
  const auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F || c == '"' || c == '\\') continue;
    out.push_back(static_cast<char>(c));
  }
  out = trim(out);
  if (!is_valid_utf8(out)) out.clear();
  while (utf8_length(out) > 200) {
    // drop the last code point
    std::size_t i = out.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(out[i]) & 0xC0) == 0x80) --i;
    out.erase(i);
  }
  return out.empty() || out == "." || out == ".." ? "файл" : out;
}

namespace {

// Genitive month names as dates are written in orders: «16 декабря 2020 г.».
std::optional<unsigned> genitive_month(std::string_view w) {
  constexpr std::array<std::string_view, 12> kMonths{"января", "февраля", "марта",    "апреля",  "мая",    "июня",
                                                     "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
  for (unsigned i = 0; i < 12; ++i)
    if (w == kMonths[i]) return i + 1;
  return std::nullopt;
}

bool has_digit(std::string_view w) {
  return std::any_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Short words that come before a number without being part of it: «в 2020», «до 15».
bool preposition(std::string_view w) {
  for (std::string_view p : {"в", "во", "на", "за", "по", "до", "с", "со", "к", "о", "об", "и", "от", "из", "при"})
    if (w == p) return true;
  return false;
}

bool all_digits(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> spaced_words(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    if (text.substr(i).starts_with("«") || text.substr(i).starts_with("»")) {
      flush();
      i += std::string_view("«").size();
      continue;
    }
    const char c = text[i++];
    if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '"' || c == '(' || c == ')')
      flush();
    else
      cur += c;
  }
  flush();
  return out;
}

// Families measured to help (docs/library.md): the word's beginning → the family's word.
constexpr std::pair<std::string_view, std::string_view> kFamilies[] = {
    {"наставничеств", "наставник"},
    {"тьюторств", "тьютор"},
};

std::optional<std::string_view> family_of(std::string_view folded_word) {
  for (const auto& [start, family] : kFamilies)
    if (folded_word.starts_with(start)) return family;
  return std::nullopt;
}

}  // namespace

std::string number_key(std::string_view number) {
  std::string out;
  const std::string folded = fold_for_search(number);
  for (std::size_t i = 0; i < folded.size();) {
    const auto c = static_cast<unsigned char>(folded[i]);
    if (c < 0x80) {
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) out.push_back(static_cast<char>(c));
      ++i;
    } else {
      std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
      const auto piece = folded.substr(i, len);
      // Cyrillic letters are kept; «№», dashes and other signs are not.
      if (len == 2 && (c == 0xD0 || c == 0xD1)) out += piece;
      i += len;
    }
  }
  return out;
}

DocumentQuery parse_document_query(std::string_view q) {
  DocumentQuery out;
  const auto words = spaced_words(fold_for_search(q));
  std::string rest;
  bool after_sign = false;  // «№» before the next word
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    if (w == "№" || w == "n" || w == "no") {
      after_sign = true;
      continue;
    }
    if (w.starts_with("№")) {
      w = w.substr(std::string_view("№").size());
      after_sign = true;
      if (w.empty()) continue;
    }
    // A date: «16.12.2020», «16.12.2020г.», «16 декабря 2020 г.».
    std::string trimmed = w;
    while (!trimmed.empty() && (trimmed.back() == '.' || trimmed.ends_with("г") || trimmed.ends_with("г."))) {
      if (trimmed.ends_with("г."))
        trimmed.resize(trimmed.size() - std::string_view("г.").size());
      else if (trimmed.ends_with("г"))
        trimmed.resize(trimmed.size() - std::string_view("г").size());
      else
        trimmed.pop_back();
    }
    if (out.date.empty()) {
      if (auto d = Date::parse_written(trimmed)) {
        out.date = d->iso();
        continue;
      }
      if (all_digits(w) && w.size() <= 2 && i + 2 < words.size())
        if (auto m = genitive_month(words[i + 1]);
            m && all_digits(words[i + 2].substr(0, 4)) && words[i + 2].size() >= 4) {
          char iso[16];
          std::snprintf(iso, sizeof iso, "%s-%02u-%02d", words[i + 2].substr(0, 4).c_str(), *m, std::atoi(w.c_str()));
          if (auto d = Date::parse_iso(iso)) {
            out.date = d->iso();
            i += 2;
            if (i + 1 < words.size() && (words[i + 1] == "г." || words[i + 1] == "г" || words[i + 1] == "года")) ++i;
            continue;
          }
        }
    }
    if (w == "от" || w == "г." || w == "г") continue;  // «от 16.12.2020», «… 2020 г.»
    // «Р 174», «АЗ – 1061/08»: a short series of letters, then the number apart.
    if (out.number_key.empty() && !has_digit(w) && utf8_length(w) <= 3 && !preposition(w)) {
      std::size_t k = i + 1;
      if (k < words.size() && (words[k] == "-" || words[k] == "–" || words[k] == "—")) ++k;
      if (k < words.size() && !words[k].empty() && words[k][0] >= '0' && words[k][0] <= '9' &&
          !(all_digits(words[k]) && words[k].size() == 4)) {
        if (auto key = number_key(w + words[k]); !key.empty()) {
          out.number_key = key;
          i = k;
          after_sign = false;
          continue;
        }
      }
    }
    // A number: after «№», or a word with digits that is not a year («2020»).
    const bool year_like = all_digits(w) && w.size() == 4 && (w.starts_with("19") || w.starts_with("20"));
    if (out.number_key.empty() && (after_sign || (has_digit(w) && !year_like))) {
      if (auto key = number_key(w); !key.empty()) {
        out.number_key = key;
        after_sign = false;
        continue;
      }
    }
    after_sign = false;
    rest += (rest.empty() ? "" : " ") + w;
  }
  out.words = rest;
  return out;
}

std::string family_words(std::string_view text) {
  std::string out;
  for (const auto& w : spaced_words(fold_for_search(text)))
    if (auto f = family_of(w); f && out.find(*f) == std::string::npos)
      out += (out.empty() ? "" : " ") + std::string(*f);
  return out;
}

std::string query_with_families(std::string_view query) {
  std::string out;
  for (const auto& w : spaced_words(fold_for_search(query))) {
    const auto f = family_of(w);
    out += (out.empty() ? "" : " ") + (f ? std::string(*f) : w);
  }
  return out;
}

}  // namespace metodist::domain
