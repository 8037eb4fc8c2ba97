#include "io/table_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "domain/date.hpp"
#include "domain/error.hpp"

namespace metodist::io {
namespace {

// A plain number («-5», «-1,5», «+7.25»): spreadsheets read it as a number,
// never as a formula, so it keeps its form.
bool plain_number(const std::string& cell) {
  std::size_t i = (cell[0] == '-' || cell[0] == '+') ? 1 : 0, digits = 0, separators = 0;
  for (; i < cell.size(); ++i) {
    if (cell[i] >= '0' && cell[i] <= '9')
      ++digits;
    else if ((cell[i] == '.' || cell[i] == ',') && ++separators == 1)
      continue;
    else
      return false;
  }
  return digits > 0;
}

// What a spreadsheet would run as a formula (CSV injection, OWASP): a cell
// starting with «=», «+», «-», «@», a tab, CR or LF. Such a cell is written
// with a leading apostrophe, so Excel and LibreOffice show it as text.
bool looks_like_formula(const std::string& cell) {
  if (cell.empty()) return false;
  const char c = cell[0];
  const bool risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n';
  return risky && !plain_number(cell);
}

class CsvSink final : public TableSink {
 public:
  explicit CsvSink(const std::vector<ExportColumn>& columns) : columns_(columns) {
    out_ = "\xEF\xBB\xBF";
    std::vector<std::string> titles;
    for (const auto& c : columns) titles.push_back(c.title);
    write(titles, false);
  }
  void row(const std::vector<std::string>& cells) override { write(cells, true); }
  std::string finish() override { return std::move(out_); }

 private:
  // Flags as «да»/«нет», like the XLSX export and what import reads back.
  void write(const std::vector<std::string>& cells, bool typed) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out_.push_back(';');
      const bool is_flag = typed && i < columns_.size() && columns_[i].kind == ColumnKind::flag && !cells[i].empty();
      const std::string& cell = is_flag ? (cells[i] == "1" ? kYes : kNo) : cells[i];
      const bool formula = looks_like_formula(cell);
      const bool quote = formula || cell.find_first_of(";\"\r\n") != std::string::npos;
      if (!quote) {
        out_ += cell;
        continue;
      }
      out_.push_back('"');
      if (formula) out_.push_back('\'');
      for (char ch : cell) {
        if (ch == '"') out_.push_back('"');
        out_.push_back(ch);
      }
      out_.push_back('"');
    }
    out_ += "\r\n";
  }

  static inline const std::string kYes = "да", kNo = "нет";
  std::vector<ExportColumn> columns_;
  std::string out_;
};

// libxlsxwriter 1.1.4 (Debian 12) writes only to a file: a private temporary
// file is written in constant-memory mode, read back and removed.
class XlsxSink final : public TableSink {
 public:
  XlsxSink(const std::string& sheet_name, const std::vector<ExportColumn>& columns) : columns_(columns) {
    auto dir = std::filesystem::temp_directory_path();
    std::string pattern = (dir / "metodist-export-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for XLSX export");
    ::close(fd);
    path_ = pattern;
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = nullptr;
    book_ = workbook_new_opt(path_.c_str(), &options);
    if (!book_) throw std::runtime_error("libxlsxwriter: cannot create workbook");
    sheet_ = workbook_add_worksheet(book_, sheet_name.substr(0, 31).c_str());
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xE5F2EF);
    format_set_text_wrap(header_);
    date_ = workbook_add_format(book_);
    format_set_num_format(date_, "dd.mm.yyyy");
    // Whole numbers with their thousands apart, as the reader's Excel groups them («1 170 002»).
    grouped_ = workbook_add_format(book_);
    format_set_num_format(grouped_, "#,##0");
    for (lxw_col_t i = 0; i < columns.size(); ++i) {
      worksheet_set_column(sheet_, i, i, columns[i].width, nullptr);
      worksheet_write_string(sheet_, 0, i, columns[i].title.c_str(), header_);
    }
    worksheet_freeze_panes(sheet_, 1, 0);
  }
  ~XlsxSink() override {
    if (book_) workbook_close(book_);
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  void row(const std::vector<std::string>& cells) override {
    if (next_ > kXlsxMaxRows)
      throw domain::Error::bad_request(
          "В лист Excel помещается не больше 1 048 575 строк: уточните фильтр или "
          "выгрузите в CSV",
          "format");
    for (lxw_col_t i = 0; i < cells.size() && i < columns_.size(); ++i) {
      const std::string& v = cells[i];
      if (v.empty()) continue;
      switch (columns_[i].kind) {
        case ColumnKind::integer: {
          const double number = std::strtod(v.c_str(), nullptr);
          // A fraction (a mean's numerator) keeps Excel's general format: «#,##0» would round it away.
          worksheet_write_number(sheet_, next_, i, number, number == std::floor(number) ? grouped_ : nullptr);
          break;
        }
        case ColumnKind::date:
          if (auto d = domain::Date::parse_iso(v)) {
            lxw_datetime dt{d->year(),
                            static_cast<int>(static_cast<unsigned>(d->ymd.month())),
                            static_cast<int>(static_cast<unsigned>(d->ymd.day())),
                            0,
                            0,
                            0};
            worksheet_write_datetime(sheet_, next_, i, &dt, date_);
          } else {
            worksheet_write_string(sheet_, next_, i, v.c_str(), nullptr);
          }
          break;
        case ColumnKind::flag:
          worksheet_write_string(sheet_, next_, i, v == "1" ? "да" : "нет", nullptr);
          break;
        case ColumnKind::text:
          worksheet_write_string(sheet_, next_, i, v.c_str(), nullptr);  // never a formula
          break;
      }
    }
    ++next_;
  }
  std::string finish() override {
    if (next_ > 1) worksheet_autofilter(sheet_, 0, 0, next_ - 1, static_cast<lxw_col_t>(columns_.size() - 1));
    const lxw_error error = workbook_close(book_);
    book_ = nullptr;
    if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("libxlsxwriter: ") + lxw_strerror(error));
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return std::move(bytes).str();
  }

 private:
  std::vector<ExportColumn> columns_;
  std::string path_;
  lxw_workbook* book_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* date_ = nullptr;
  lxw_format* grouped_ = nullptr;
  lxw_row_t next_ = 1;
};

}  // namespace

std::unique_ptr<TableSink> make_sink(const std::string& format, const std::string& sheet_name,
                                     const std::vector<ExportColumn>& columns) {
  if (format == "csv") return std::make_unique<CsvSink>(columns);
  if (format == "xlsx") return std::make_unique<XlsxSink>(sheet_name, columns);
  throw domain::Error::bad_request("Формат выгрузки — xlsx или csv", "format");
}

}  // namespace metodist::io
