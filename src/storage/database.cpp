#include "storage/database.hpp"

#include "storage/backends.hpp"

namespace metodist::storage {

const char* backend_name(Backend b) noexcept { return b == Backend::sqlite ? "sqlite" : "postgresql"; }

Row::Row(const Row& other) : cells_(other.cells_), columns_(other.columns_), next_(other.next_) {
  for (auto& cell : cells_)
    if (const auto* view = std::get_if<std::string_view>(&cell)) cell = std::string(*view);
}

Row& Row::operator=(const Row& other) {
  if (this != &other) *this = Row(other);
  return *this;
}

bool Row::is_null(std::size_t i) const { return std::holds_alternative<std::nullptr_t>(cells_.at(i)); }

std::int64_t Row::int64(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (auto n = std::get_if<std::int64_t>(&v)) return *n;
  if (auto d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto s = std::get_if<std::string>(&v)) return std::stoll(*s);
  if (auto s = std::get_if<std::string_view>(&v)) return std::stoll(std::string(*s));
  return 0;
}

double Row::real(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (auto d = std::get_if<double>(&v)) return *d;
  if (auto n = std::get_if<std::int64_t>(&v)) return static_cast<double>(*n);
  if (auto s = std::get_if<std::string>(&v)) return std::stod(*s);
  if (auto s = std::get_if<std::string_view>(&v)) return std::stod(std::string(*s));
  return 0;
}

std::string Row::text(std::size_t i) const {
  const Value& v = cells_.at(i);
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto s = std::get_if<std::string_view>(&v)) return std::string(*s);
  if (auto n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (auto d = std::get_if<double>(&v)) return std::to_string(*d);
  return {};
}

std::string_view Row::view(std::size_t i) const {
  if (auto s = std::get_if<std::string>(&cells_.at(i))) return *s;
  if (auto s = std::get_if<std::string_view>(&cells_.at(i))) return *s;
  return {};
}

std::optional<std::int64_t> Row::opt_int64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return int64(i);
}

std::optional<double> Row::opt_real(std::string_view column) const {
  const std::size_t i = index(column);
  if (is_null(i)) return std::nullopt;
  return real(i);
}

std::optional<std::string> Row::opt_text(std::string_view column) const {
  const std::size_t i = index(column);
  if (is_null(i)) return std::nullopt;
  return text(i);
}

Columns::Columns(std::vector<std::string> names) : names_(std::move(names)), twice_(names_.size(), false) {
  for (std::size_t i = 0; i < names_.size(); ++i)
    for (std::size_t j = i + 1; j < names_.size(); ++j)
      if (names_[i] == names_[j]) twice_[i] = twice_[j] = true;
}

std::size_t Row::index(std::string_view column) const {
  const std::size_t n = columns_ ? columns_->size() : 0;
  std::size_t found = n;
  if (next_ < n && (*columns_)[next_] == column) {
    found = next_;
  } else {
    for (std::size_t i = 0; i < n && found == n; ++i)
      if ((*columns_)[i] == column) found = i;
  }
  if (found < n && found < cells_.size()) {
    if (columns_->twice(found)) throw std::logic_error("column «" + std::string(column) + "» is twice in the SELECT");
    next_ = found + 1;
    return found;
  }
  std::string known;
  for (std::size_t i = 0; i < n; ++i) known += (known.empty() ? "" : ", ") + (*columns_)[i];
  throw std::logic_error("no column «" + std::string(column) + "» in the SELECT (it has: " + known + ")");
}

std::int64_t Connection::execute(std::string_view sql, const Params& params) { return run(sql, params, nullptr); }

void Connection::copy_in(std::string_view, const std::function<void(CopyRows&)>&) {
  throw std::logic_error("COPY is PostgreSQL's; this backend writes multi-row INSERTs");
}

void CopyRows::separate() {
  if (row_started_) out_ += '\t';
  row_started_ = true;
}

CopyRows& CopyRows::text(std::string_view s) {
  separate();
  if (s.find_first_of("\\\t\n\r") == std::string_view::npos) {  // almost every field
    out_.append(s);
    return *this;
  }
  for (char ch : s) {
    switch (ch) {
      case '\\':
        out_ += "\\\\";
        break;
      case '\t':
        out_ += "\\t";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      default:
        out_ += ch;
    }
  }
  return *this;
}

CopyRows& CopyRows::null() {
  separate();
  out_ += "\\N";
  return *this;
}

CopyRows& CopyRows::number(std::int64_t n) {
  separate();
  out_ += std::to_string(n);
  return *this;
}

void CopyRows::end_row() {
  out_ += '\n';
  row_started_ = false;
  ++rows_;
  if (out_.size() >= chunk_) flush();
}

void CopyRows::flush() {
  if (out_.empty()) return;
  sink_(out_);
  out_.clear();
}

std::vector<Row> Connection::query(std::string_view sql, const Params& params) {
  std::vector<Row> rows;
  run(sql, params, [&](const Row& r) { rows.push_back(r); });
  return rows;
}

std::optional<Row> Connection::query_one(std::string_view sql, const Params& params) {
  std::optional<Row> first;
  run(sql, params, [&](const Row& r) {
    if (!first) first = r;
  });
  return first;
}

std::int64_t Connection::scalar(std::string_view sql, const Params& params) {
  auto row = query_one(sql, params);
  if (!row || row->size() == 0) throw Error(ErrorKind::other, "Запрос не вернул значения: " + std::string(sql));
  return row->int64(0);
}

std::unique_ptr<Database> open_database(const DatabaseOptions& options) {
  const std::string& url = options.url;
  if (url.starts_with("sqlite:")) return open_sqlite(url.substr(7), options);
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return open_postgres(url, options);
  throw Error(ErrorKind::unavailable,
              "Неизвестный адрес базы данных «" + url + "»: ожидается sqlite:ПУТЬ или postgresql://...");
}

}  // namespace metodist::storage
