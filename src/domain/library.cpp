#include "domain/library.hpp"

#include <array>

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

}  // namespace metodist::domain
