#include "io/xlsx_reader.hpp"

#include <zip.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <map>
#include <memory>
#include <pugixml.hpp>
#include <set>

#include "domain/date.hpp"
#include "domain/error.hpp"

namespace metodist::io {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw domain::Error::bad_request("Файл XLSX не читается: " + what, "file");
}

// The archive, opened from memory; parts are read with the caps applied.
class Archive {
 public:
  Archive(std::string_view bytes, const XlsxLimits& limits) : limits_(limits) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) fail("не удалось открыть архив");
    zip_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!zip_) {
      zip_source_free(source);
      zip_error_fini(&error);
      fail("файл повреждён или это не книга Excel");
    }
    zip_error_fini(&error);
    const auto entries = zip_get_num_entries(zip_, 0);
    if (entries < 0 || static_cast<std::size_t>(entries) > limits_.max_entries) fail("слишком много частей в архиве");
  }
  ~Archive() {
    if (zip_) zip_discard(zip_);
  }
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  // The part's bytes, or nullopt when there is no such part.
  std::optional<std::string> read(const std::string& name) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip_, name.c_str(), 0, &st) != 0) return std::nullopt;
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen(zip_, name.c_str(), 0), zip_fclose);
    if (!file) fail("часть «" + name + "» повреждена или зашифрована");
    const std::size_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    std::string out;
    char buffer[64 * 1024];
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), buffer, sizeof buffer);
      if (n < 0) fail("часть «" + name + "» повреждена");
      if (n == 0) break;
      out.append(buffer, static_cast<std::size_t>(n));
      total_ += static_cast<std::size_t>(n);
      if (out.size() > limits_.max_entry_bytes || total_ > limits_.max_total_bytes)
        fail("после распаковки файл слишком велик");
      if (out.size() > (1u << 20) && out.size() / std::max<std::size_t>(compressed, 1) > limits_.max_ratio)
        fail("архив подозрительно сильно сжат");
    }
    return out;
  }

 private:
  zip_t* zip_ = nullptr;
  XlsxLimits limits_;
  std::size_t total_ = 0;
};

pugi::xml_document parse(std::string& text, const std::string& part) {
  pugi::xml_document doc;
  // No DOCTYPE/entity expansion exists in pugixml, so entity bombs cannot happen.
  auto result = doc.load_buffer_inplace(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!result) fail("часть «" + part + "» содержит ошибку XML");
  return doc;
}

// Elements are matched by local name: files from other producers use prefixes.
const char* local(const pugi::xml_node& n) {
  const char* name = n.name();
  const char* colon = std::strchr(name, ':');
  return colon ? colon + 1 : name;
}
pugi::xml_node child(const pugi::xml_node& n, std::string_view name) {
  for (auto c : n.children())
    if (local(c) == name) return c;
  return {};
}

// Text of a string item: <t>, or the runs <r><t> of rich text; phonetic <rPh> is skipped.
void collect_text(const pugi::xml_node& n, std::string& out) {
  for (auto c : n.children()) {
    const std::string_view name = local(c);
    if (name == "t") out += c.text().get();
    else if (name == "r") collect_text(c, out);
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

std::vector<std::string> shared_strings(Archive& zip) {
  std::vector<std::string> out;  // moved into the table, cells view them
  auto text = zip.read("xl/sharedStrings.xml");
  if (!text) return out;
  auto doc = parse(*text, "xl/sharedStrings.xml");
  for (auto si : doc.first_child().children()) {
    if (std::string_view(local(si)) != "si") continue;
    out.emplace_back();
    collect_text(si, out.back());
  }
  return out;
}

// A number format shows a date when it is one of Excel's built-in date formats
// (14–17, 22; 27–36 and 50–58 in East Asian locales) or its code has day or
// year letters outside quotes and brackets (time-only formats have neither).
bool is_date_format(int id, std::string_view code) {
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return true;
  bool quoted = false, bracket = false;
  for (char ch : code) {
    if (ch == '"') quoted = !quoted;
    else if (!quoted && ch == '[') bracket = true;
    else if (!quoted && ch == ']') bracket = false;
    else if (!quoted && !bracket && (ch == 'd' || ch == 'D' || ch == 'y' || ch == 'Y')) return true;
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
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 3) col = col * 26 + static_cast<std::size_t>(ref[i++] - 'A' + 1);
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
  std::vector<std::string_view> strings;
  for (auto& text : shared_strings(zip)) strings.push_back(table.keep(std::move(text)));
  const auto dates = date_styles(zip);
  auto sheet_text = zip.read(sheet_path);
  if (!sheet_text) fail("нет листа «" + sheet_path + "»");
  auto doc = parse(*sheet_text, sheet_path);

  std::size_t next_row = 1;
  for (auto row : child(doc.first_child(), "sheetData").children()) {
    if (std::string_view(local(row)) != "row") continue;
    TableRow out;
    out.number = row.attribute("r").as_ullong(next_row);
    if (out.number < next_row || out.number > 1'048'576) fail("строки листа идут не по порядку");
    next_row = out.number + 1;
    std::size_t next_column = 0;
    bool any = false;
    for (auto c : row.children()) {
      if (std::string_view(local(c)) != "c") continue;
      std::size_t column = next_column, r = out.number;
      if (auto ref = c.attribute("r"); ref && !parse_reference(ref.value(), column, r))
        fail(std::string("неверный адрес ячейки «") + ref.value() + "»");
      next_column = column + 1;
      const std::string_view type = c.attribute("t").value();
      std::string value;
      std::string_view shared;  // a shared string: viewed, not copied
      if (type == "inlineStr") {
        collect_text(child(c, "is"), value);
      } else {
        const char* v = child(c, "v").text().get();
        if (type == "s") {
          const auto index = child(c, "v").text().as_ullong(strings.size());
          if (index >= strings.size()) fail("ссылка на несуществующую строку");
          shared = strings[index];
        } else if (type == "str" || type == "e" || type == "b") {
          value = v;
        } else if (*v) {
          const auto style = c.attribute("s").as_ullong(0);
          value = dates.count(style) ? serial_to_date(std::atof(v), date1904) : number_text(v);
          if (value.empty()) value = v;
        }
      }
      if (value.empty() && shared.empty()) continue;
      if (column >= limits.max_columns)
        fail("больше " + std::to_string(limits.max_columns) + " столбцов (строка " + std::to_string(out.number) + ")");
      if (out.cells.size() <= column) out.cells.resize(column + 1);
      out.cells[column] = shared.empty() ? std::string_view(table.keep(std::move(value))) : shared;
      any = true;
    }
    if (any) table.rows.push_back(std::move(out));
  }
  return table;
}

}  // namespace metodist::io
