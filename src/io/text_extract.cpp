#include "io/text_extract.hpp"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <pugixml.hpp>
#include <vector>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "io/csv_reader.hpp"
#include "io/zip_archive.hpp"

namespace metodist::io {
namespace {

constexpr std::string_view kPdf = "application/pdf";
constexpr std::string_view kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::string_view kOdt = "application/vnd.oasis.opendocument.text";
constexpr std::string_view kRtf = "application/rtf";
constexpr std::string_view kText = "text/plain";

// Text gathered up to a cap, cut at a character boundary.
class Sink {
 public:
  explicit Sink(std::size_t cap) : cap_(cap) {}
  bool full() const { return out_.size() >= cap_; }
  void add(std::string_view s) {
    if (full()) return;
    if (out_.size() + s.size() > cap_) {
      s = s.substr(0, cap_ - out_.size());
      // Cut before the last character when it does not fit whole.
      std::size_t start = s.size();
      while (start > 0 && (static_cast<unsigned char>(s[start - 1]) & 0xC0) == 0x80) --start;
      if (start > 0) {
        const auto lead = static_cast<unsigned char>(s[start - 1]);
        const std::size_t len = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
        if (start - 1 + len > s.size()) s = s.substr(0, start - 1);
      }
    }
    out_.append(s);
  }
  void line() {
    if (!out_.empty() && out_.back() != '\n') add("\n");
  }
  std::string take() { return std::move(out_); }

 private:
  std::size_t cap_;
  std::string out_;
};

std::string_view local(const char* qualified) {
  std::string_view q(qualified);
  const auto colon = q.find(':');
  return colon == std::string_view::npos ? q : q.substr(colon + 1);
}

// Paragraph-level elements end a line; text nodes add their text; tabs and breaks a space.
void walk_xml(const pugi::xml_node& node, Sink& sink, std::string_view paragraph, std::string_view text_element,
              int depth) {
  if (depth > 200 || sink.full()) return;
  for (auto child = node.first_child(); child && !sink.full(); child = child.next_sibling()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      // DOCX keeps text only inside <w:t>; ODT anywhere inside a paragraph.
      if (text_element.empty() || local(node.name()) == text_element) sink.add(child.value());
      continue;
    }
    if (child.type() != pugi::node_element) continue;
    const auto name = local(child.name());
    if (name == "tab" || name == "br" || name == "s" || name == "line-break") sink.add(" ");
    walk_xml(child, sink, paragraph, text_element, depth + 1);
    if (name == paragraph || name == "h" || name == "tr") sink.line();
  }
}

std::string zip_xml_text(std::string_view bytes, const char* part, std::string_view paragraph,
                         std::string_view text_element, const char* kind, const char* expected,
                         const TextLimits& limits) {
  ZipArchive zip(bytes, {1000, limits.max_part, limits.max_part * 2, 200}, kind, expected);
  auto xml = zip.read(part, limits.max_part);
  if (!xml) zip.fail(std::string("нет части ") + part);
  pugi::xml_document doc;
  if (!doc.load_buffer_inplace(xml->data(), xml->size(), pugi::parse_default, pugi::encoding_utf8))
    zip.fail(std::string("часть ") + part + " содержит ошибку XML");
  Sink sink(limits.max_text);
  walk_xml(doc, sink, paragraph, text_element, 0);
  return sink.take();
}

// Windows-1251 for RTF's \'xx escapes of Cyrillic documents (\ansicpg1251).
std::string cp1251_char(unsigned char b) {
  if (b < 0x80) return std::string(1, static_cast<char>(b));
  return cp1251_to_utf8(std::string_view(reinterpret_cast<const char*>(&b), 1));
}

// RTF: text of the body; groups of fonts, colours, styles, pictures and other
// destinations («{\*…}») are skipped; \par and \line end lines; \'xx is a
// Windows-1251 byte, \uN a Unicode character (its ANSI substitute skipped).
std::string rtf_text(std::string_view s, const TextLimits& limits) {
  Sink sink(limits.max_text);
  struct Group {
    bool skip = false;
    int uc = 1;  // characters that stand in for each \u
  };
  std::vector<Group> stack{{}};
  std::size_t substitutes = 0;  // ANSI characters after \uN still to skip
  std::string pending;
  auto emit = [&](std::string_view text) {
    if (!stack.back().skip) pending.append(text);
    if (pending.size() > 4096) sink.add(pending), pending.clear();
  };
  for (std::size_t i = 0; i < s.size() && !sink.full();) {
    const char c = s[i];
    if (c == '{') {
      if (stack.size() > 1000)
        throw domain::Error::bad_request("Файл RTF не читается: слишком глубокая вложенность", "file");
      stack.push_back(stack.back());
      ++i;
      continue;
    }
    if (c == '}') {
      if (stack.size() > 1) stack.pop_back();
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      ++i;
      continue;
    }
    if (c != '\\') {
      if (substitutes > 0) {
        --substitutes;
      } else {
        emit(std::string_view(&s[i], 1));
      }
      ++i;
      continue;
    }
    // A control symbol or word.
    if (i + 1 >= s.size()) break;
    const char n = s[i + 1];
    if (n == '\'') {
      if (i + 3 < s.size()) {
        const auto hex = std::string(s.substr(i + 2, 2));
        char* end = nullptr;
        const long b = std::strtol(hex.c_str(), &end, 16);
        if (end == hex.c_str() + 2) {
          if (substitutes > 0)
            --substitutes;
          else
            emit(cp1251_char(static_cast<unsigned char>(b)));
        }
      }
      i += 4;
      continue;
    }
    if (n == '*') {
      stack.back().skip = true;  // «{\*\destination …}»: not text
      i += 2;
      continue;
    }
    if (n == '\\' || n == '{' || n == '}') {
      emit(std::string_view(&s[i + 1], 1));
      i += 2;
      continue;
    }
    if (n == '~') {
      emit(" ");
      i += 2;
      continue;
    }
    if (!((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z'))) {
      i += 2;
      continue;
    }
    std::size_t j = i + 1;
    while (j < s.size() && j - i < 40 && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) ++j;
    const std::string word(s.substr(i + 1, j - i - 1));
    long param = 0;
    bool has_param = false, negative = false;
    if (j < s.size() && s[j] == '-') negative = true, ++j;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9' && param < 10'000'000) {
      param = param * 10 + (s[j] - '0');
      has_param = true;
      ++j;
    }
    if (negative) param = -param;
    if (j < s.size() && s[j] == ' ') ++j;  // the delimiter belongs to the word
    i = j;
    if (word == "par" || word == "line" || word == "row" || word == "sect" || word == "page") {
      if (!stack.back().skip) {
        sink.add(pending);
        pending.clear();
        sink.line();
      }
    } else if (word == "tab" || word == "cell") {
      emit(" ");
    } else if (word == "u" && has_param) {
      std::string out;
      domain::append_utf8(out, static_cast<char32_t>(param < 0 ? param + 65536 : param));
      emit(out);
      substitutes = static_cast<std::size_t>(std::max(0, stack.back().uc));
    } else if (word == "uc" && has_param) {
      stack.back().uc = static_cast<int>(std::min<long>(param, 10));
    } else if (word == "fonttbl" || word == "colortbl" || word == "stylesheet" || word == "info" || word == "pict" ||
               word == "header" || word == "footer" || word == "listtable" || word == "listoverridetable" ||
               word == "themedata" || word == "datastore" || word == "latentstyles" || word == "object" ||
               word == "fldinst" || word == "xmlnstbl" || word == "rsidtbl" || word == "generator") {
      stack.back().skip = true;
    }
  }
  sink.add(pending);
  return sink.take();
}

// Poppler's own complaints about broken files go nowhere: the caller reports the failure once.
void quiet(const std::string&, void*) {}

std::string pdf_text(std::string_view bytes, const TextLimits& limits) {
  poppler::set_debug_error_function(quiet, nullptr);
  std::vector<char> data(bytes.begin(), bytes.end());
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(data.data(), static_cast<int>(data.size())));
  if (!doc) throw domain::Error::bad_request("Файл PDF не читается: он повреждён", "file");
  if (doc->is_locked()) throw domain::Error::bad_request("Файл PDF защищён паролем: текст не извлечь", "file");
  Sink sink(limits.max_text);
  const int pages = std::min<int>(doc->pages(), static_cast<int>(limits.max_pages));
  for (int k = 0; k < pages && !sink.full(); ++k) {
    std::unique_ptr<poppler::page> page(doc->create_page(k));
    if (!page) continue;
    const auto utf8 = page->text().to_utf8();
    sink.add(std::string_view(utf8.data(), utf8.size()));
    sink.line();
  }
  return sink.take();
}

}  // namespace

bool extracts_text(std::string_view type) {
  return type == kPdf || type == kDocx || type == kOdt || type == kRtf || type.starts_with(kText);
}

std::string extract_text(std::string_view bytes, std::string_view type, const TextLimits& limits) {
  if (bytes.size() > limits.max_input)
    throw domain::Error::bad_request("Файл слишком велик, чтобы извлечь из него текст", "file");
  std::string text;
  if (type == kPdf)
    text = pdf_text(bytes, limits);
  else if (type == kDocx)
    text = zip_xml_text(bytes, "word/document.xml", "p", "t", "Документ Word", "документ Word", limits);
  else if (type == kOdt)
    text = zip_xml_text(bytes, "content.xml", "p", "", "Документ OpenDocument", "документ OpenDocument", limits);
  else if (type == kRtf)
    text = rtf_text(bytes, limits);
  else if (type.starts_with(kText)) {
    Sink sink(limits.max_text);
    sink.add(bytes);
    text = sink.take();
  }
  // Only well-formed UTF-8 goes to the index: folding for search drops broken bytes.
  if (!domain::is_valid_utf8(text)) text = domain::fold_for_search(text);
  return text;
}

}  // namespace metodist::io
