#include "io/xlsx_reader.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "io/zip_archive.hpp"

namespace metodist::io {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw domain::Error::bad_request("Файл XLSX не читается: " + what, "file");
}

// The workbook's archive: small parts (the workbook, its relations, styles)
// are read whole under the styles cap.
class Archive : public ZipArchive {
 public:
  Archive(std::string_view bytes, const XlsxLimits& limits)
      : ZipArchive(bytes, {limits.max_entries, limits.max_entry_bytes, limits.max_total_bytes, limits.max_ratio},
                   "Файл XLSX", "книга Excel"),
        max_part_(limits.max_styles_bytes) {}
  std::optional<std::string> read(const std::string& name) { return ZipArchive::read(name, max_part_); }

 private:
  std::size_t max_part_;
};

pugi::xml_document parse(std::string& text, const std::string& part) {
  pugi::xml_document doc;
  // No DOCTYPE/entity expansion exists in pugixml, so entity bombs cannot happen.
  auto result = doc.load_buffer_inplace(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!result) fail("часть «" + part + "» содержит ошибку XML");
  return doc;
}

// Elements are matched by local name: files from other producers use prefixes.
std::string_view local_name(std::string_view qualified) {
  const auto colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}
std::string_view local(const pugi::xml_node& n) { return local_name(n.name()); }
pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
  for (auto c : n.children())
    if (local(c) == name) return c;
  return {};
}

// Cuts a stream of XML into complete elements of one local name («row» of
// sheetData, «si» of the shared strings) and hands them to pugixml a batch at
// a time, so memory holds one chunk and one unfinished element, never the
// part. Markup is recognised as XML writes it: comments, CDATA, processing
// instructions, quoted attribute values (which may hold «>»).
class ElementStream {
 public:
  ElementStream(std::string_view element, std::string part, std::size_t max_element_bytes)
      : name_(element), part_(std::move(part)), max_element_(max_element_bytes) {}

  template <class OnElement>
  void feed(std::string_view chunk, OnElement&& on_element) {
    pending_.append(chunk);
    scan();
    flush(on_element);
    if (pending_.size() > max_element_) fail("одна строка части «" + part_ + "» длиннее допустимого");
  }
  // The stream ended: an element left open (ours or any other) is a broken file.
  void finish() const {
    if (depth_ > 0 || open_elements_ != 0) fail("часть «" + part_ + "» содержит ошибку XML: она оборвана");
  }

 private:
  // Advances pos_ over complete markup, noting where elements of our name
  // open and close; stops at a construct the chunk's end cuts (pos_ stays on
  // its «<» until more bytes come).
  void scan() {
    const std::string_view text(pending_);
    for (;;) {
      const auto lt = text.find('<', pos_);
      if (lt == std::string_view::npos) {
        pos_ = text.size();
        return;
      }
      pos_ = lt;
      const std::string_view rest = text.substr(lt);
      auto skip_past = [&](std::string_view end) {
        const auto at = rest.find(end, 2);
        if (at == std::string_view::npos) return false;
        pos_ = lt + at + end.size();
        return true;
      };
      if (rest.size() < 2 || (rest[1] == '!' && rest.size() < 9)) return;
      if (rest[1] == '!' || rest[1] == '?') {
        const std::string_view end = rest.starts_with("<!--")        ? "-->"
                                     : rest.starts_with("<![CDATA[") ? "]]>"
                                     : rest[1] == '?'                ? "?>"
                                                                     : ">";
        if (!skip_past(end)) return;
        continue;
      }
      // A tag: its «>» lies outside quoted attribute values.
      char quote = 0;
      std::size_t gt = 0;
      for (std::size_t i = 1; i < rest.size() && gt == 0; ++i) {
        const char ch = rest[i];
        if (quote)
          quote = ch == quote ? 0 : quote;
        else if (ch == '"' || ch == '\'')
          quote = ch;
        else if (ch == '>')
          gt = i;
      }
      if (gt == 0) return;
      const bool closing = rest[1] == '/';
      const bool self_closing = !closing && rest[gt - 1] == '/';
      const std::size_t name_from = closing ? 2 : 1;
      std::size_t name_to = name_from;
      while (name_to < gt && std::string_view(" \t\r\n/").find(rest[name_to]) == std::string_view::npos) ++name_to;
      pos_ = lt + gt + 1;
      if (closing)
        --open_elements_;
      else if (!self_closing)
        ++open_elements_;
      if (local_name(rest.substr(name_from, name_to - name_from)) != name_) continue;
      if (closing) {
        if (depth_ == 0) fail("часть «" + part_ + "» содержит ошибку XML");
        if (--depth_ == 0) completed(open_at_);
      } else if (self_closing) {
        if (depth_ == 0) completed(lt);
      } else if (depth_++ == 0) {
        open_at_ = lt;
      }
    }
  }

  void completed(std::size_t from) {
    if (batch_to_ == 0) batch_from_ = from;
    batch_to_ = pos_;
  }

  // Parses the complete elements found so far and drops them from the buffer.
  template <class OnElement>
  void flush(OnElement&& on_element) {
    if (batch_to_ > 0) {
      // No DOCTYPE or entity expansion exists in pugixml, so entity bombs cannot happen.
      pugi::xml_document doc;
      const auto result = doc.load_buffer(pending_.data() + batch_from_, batch_to_ - batch_from_,
                                          pugi::parse_default | pugi::parse_fragment, pugi::encoding_utf8);
      if (!result) fail("часть «" + part_ + "» содержит ошибку XML");
      for (auto node : doc.children())
        if (node.type() == pugi::node_element && local(node) == name_) on_element(node);
    }
    // Keep only what is unfinished: an open element, or markup the chunk's end cut.
    const std::size_t keep_from = depth_ > 0 ? open_at_ : pos_;
    pending_.erase(0, keep_from);
    pos_ -= keep_from;
    if (depth_ > 0) open_at_ = 0;
    batch_from_ = batch_to_ = 0;
  }

  std::string_view name_;
  std::string part_;
  std::size_t max_element_;
  std::string pending_;
  std::size_t pos_ = 0;         // everything before it is scanned
  std::size_t open_at_ = 0;     // where the element being read opened
  std::size_t batch_from_ = 0;  // the complete elements not yet handed over
  std::size_t batch_to_ = 0;    // (0: none)
  int depth_ = 0;               // nesting of the element being read
  long open_elements_ = 0;      // of any name: the part must close all it opens
};

// Text of a string item: <t>, or the runs <r><t> of rich text; phonetic <rPh> is skipped.
void collect_text(const pugi::xml_node& n, std::string& out) {
  for (auto c : n.children()) {
    const std::string_view name = local(c);
    if (name == "t")
      out += c.text().get();
    else if (name == "r")
      collect_text(c, out);
  }
}

std::string resolve_target(std::string target) {
  if (target.starts_with('/')) return target.substr(1);
  std::string base = "xl/";
  while (target.starts_with("../")) {
    target = target.substr(3);
    base.clear();
  }
  return base + target;
}

// The path of the first worksheet, from workbook.xml and its relationships.
std::string first_sheet_path(Archive& zip, bool& date1904) {
  auto workbook = zip.read("xl/workbook.xml");
  if (!workbook) fail("нет описания книги (xl/workbook.xml)");
  auto doc = parse(*workbook, "xl/workbook.xml");
  auto wb = doc.first_child();
  date1904 = child(wb, "workbookPr").attribute("date1904").as_bool();
  std::string rid;
  if (auto sheet = child(child(wb, "sheets"), "sheet"))
    for (auto a : sheet.attributes())
      if (std::string_view(a.name()).ends_with(":id")) rid = a.value();
  if (auto rels = zip.read("xl/_rels/workbook.xml.rels"); rels && !rid.empty()) {
    auto rdoc = parse(*rels, "xl/_rels/workbook.xml.rels");
    for (auto r : rdoc.first_child().children())
      if (rid == r.attribute("Id").value()) return resolve_target(r.attribute("Target").value());
  }
  return "xl/worksheets/sheet1.xml";
}

// Counts what a file makes the reader do and keep, against the limits.
class Budget {
 public:
  explicit Budget(const XlsxLimits& limits) : limits_(limits) {}
  void row_read() {
    if (++rows_ > limits_.max_rows) refuse("строк больше " + number(limits_.max_rows));
  }
  void cell_read() {
    if (++cells_read_ > limits_.max_cells_read)
      refuse("ячеек (вместе с пустыми) больше " + number(limits_.max_cells_read) +
             " — удалите лишние строки и столбцы или разделите файл");
  }
  void cell_kept() {
    if (++cells_kept_ > limits_.max_cells)
      refuse("заполненных ячеек больше " + number(limits_.max_cells) + " — разделите файл");
  }
  void text_kept(std::size_t bytes) {
    text_ += bytes;
    if (text_ > limits_.max_text_bytes)
      refuse("текста больше " + number(limits_.max_text_bytes >> 20) + " МиБ — разделите файл");
  }

 private:
  static std::string number(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i && (digits.size() - i) % 3 == 0) out += "\u00a0";
      out += digits[i];
    }
    return out;
  }
  [[noreturn]] static void refuse(const std::string& what) {
    throw domain::Error::validation("file", "Файл XLSX слишком велик для загрузки: " + what);
  }
  const XlsxLimits& limits_;
  std::size_t rows_ = 0, cells_read_ = 0, cells_kept_ = 0, text_ = 0;
};

// The shared strings, kept in the table's arena; cells view them.
std::vector<std::string_view> shared_strings(Archive& zip, Table& table, Budget& budget, const XlsxLimits& limits) {
  std::vector<std::string_view> out;
  const std::string part = "xl/sharedStrings.xml";
  ElementStream stream("si", part, limits.max_element_bytes);
  std::string text;
  const auto on_item = [&](const pugi::xml_node& si) {
    budget.cell_read();
    text.clear();
    collect_text(si, text);
    budget.text_kept(text.size());
    out.push_back(table.intern(text));
  };
  if (zip.stream(part, limits.max_entry_bytes, [&](std::string_view chunk) { stream.feed(chunk, on_item); }))
    stream.finish();
  return out;
}

// A number format shows a date when it is one of Excel's built-in date formats
// (14–17, 22; 27–36 and 50–58 in East Asian locales) or its code has day or
// year letters outside quotes and brackets (time-only formats have neither).
bool is_date_format(int id, std::string_view code) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return true;
  bool quoted = false, bracket = false;
  for (char ch : code) {
    if (ch == '"')
      quoted = !quoted;
    else if (!quoted && ch == '[')
      bracket = true;
    else if (!quoted && ch == ']')
      bracket = false;
    else if (!quoted && !bracket && (ch == 'd' || ch == 'D' || ch == 'y' || ch == 'Y'))
      return true;
  }
  return false;
}

// Indexes of the cell styles (cellXfs) whose number format is a date.
std::set<std::size_t> date_styles(Archive& zip) {
  std::set<std::size_t> out;
  auto text = zip.read("xl/styles.xml");
  if (!text) return out;
  auto doc = parse(*text, "xl/styles.xml");
  auto ss = doc.first_child();
  std::map<int, std::string> custom;
  for (auto f : child(ss, "numFmts").children())
    custom[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").value();
  std::size_t index = 0;
  for (auto xf : child(ss, "cellXfs").children()) {
    const int id = xf.attribute("numFmtId").as_int();
    auto it = custom.find(id);
    if (is_date_format(id, it == custom.end() ? std::string_view() : std::string_view(it->second))) out.insert(index);
    ++index;
  }
  return out;
}

// "BC12" → column 54 (0-based), row 12; false when malformed.
bool parse_reference(std::string_view ref, std::size_t& column, std::size_t& row) {
  std::size_t i = 0, col = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3)
    col = col * 26 + static_cast<std::size_t>(ref[i++] - 'A' + 1);
  if (col == 0 || i == ref.size()) return false;
  std::size_t r = 0;
  auto [p, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), r);
  if (ec != std::errc() || p != ref.data() + ref.size() || r == 0) return false;
  column = col - 1;
  row = r;
  return true;
}

// Excel's serial day number to an ISO date. The 1900 system counts from
// 1900-01-01 = 1 and includes the non-existent 29.02.1900 (serial 60), so
// serials from 61 on are one day ahead; the 1904 system counts 1904-01-01 = 0.
std::string serial_to_date(double serial, bool date1904) {
  using namespace std::chrono;
  if (!std::isfinite(serial) || serial < (date1904 ? 0 : 1) || serial > 2958465) return {};
  long days = static_cast<long>(std::floor(serial));
  sys_days base = date1904 ? sys_days{year{1904} / January / 1} : sys_days{year{1899} / December / 31};
  if (!date1904 && days >= 61) --days;
  return domain::Date{year_month_day{base + std::chrono::days{days}}}.iso();
}

// Numbers as written, without the «.0» Excel stores for integers.
std::string number_text(const char* v) {
  double d = 0;
  const std::string_view s(v);
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || p != s.data() + s.size()) return std::string(s);
  if (std::floor(d) == d && std::fabs(d) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", d);
    return buf;
  }
  return std::string(s);
}

}  // namespace

Table read_xlsx(std::string_view bytes, const XlsxLimits& limits) {
  Archive zip(bytes, limits);
  bool date1904 = false;
  const std::string sheet_path = first_sheet_path(zip, date1904);
  Table table;
  table.format = "xlsx";
  Budget budget(limits);
  const auto strings = shared_strings(zip, table, budget, limits);
  const auto dates = date_styles(zip);

  std::size_t next_row = 1;
  std::string value;
  const auto on_row = [&](const pugi::xml_node& row) {
    budget.row_read();
    TableRow out;
    out.number = row.attribute("r").as_ullong(next_row);
    if (out.number < next_row || out.number > 1'048'576) fail("строки листа идут не по порядку");
    next_row = out.number + 1;
    std::size_t next_column = 0;
    for (auto c : row.children()) {
      if (local(c) != "c") continue;
      budget.cell_read();
      std::size_t column = next_column, r = out.number;
      if (auto ref = c.attribute("r"); ref && !parse_reference(ref.value(), column, r))
        fail(std::string("неверный адрес ячейки «") + ref.value() + "»");
      next_column = column + 1;
      const std::string_view type = c.attribute("t").value();
      value.clear();
      std::string_view cell;  // a shared string is viewed, not copied
      if (type == "inlineStr") {
        collect_text(child(c, "is"), value);
      } else {
        const char* v = child(c, "v").text().get();
        if (type == "s") {
          const auto index = child(c, "v").text().as_ullong(strings.size());
          if (index >= strings.size()) fail("ссылка на несуществующую строку");
          cell = strings[index];
        } else if (type == "str" || type == "e" || type == "b") {
          value = v;
        } else if (*v) {
          const auto style = c.attribute("s").as_ullong(0);
          value = dates.count(style) ? serial_to_date(std::atof(v), date1904) : number_text(v);
          if (value.empty()) value = v;
        }
      }
      if (value.empty() && cell.empty()) continue;
      if (column >= limits.max_columns)
        fail("больше " + std::to_string(limits.max_columns) + " столбцов (строка " + std::to_string(out.number) + ")");
      budget.cell_kept();
      if (cell.empty()) {
        budget.text_kept(value.size());
        cell = table.intern(value);
      }
      if (out.cells.size() <= column) out.cells.resize(column + 1);
      out.cells[column] = cell;
    }
    if (!out.cells.empty()) table.rows.push_back(std::move(out));
  };
  ElementStream stream("row", sheet_path, limits.max_element_bytes);
  if (!zip.stream(sheet_path, limits.max_entry_bytes, [&](std::string_view chunk) { stream.feed(chunk, on_row); }))
    fail("нет листа «" + sheet_path + "»");
  stream.finish();
  return table;
}

}  // namespace metodist::io
