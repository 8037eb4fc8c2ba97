#include "storage/keyset.hpp"

#include <charconv>

#include "domain/error.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::keyset {

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// base64url without padding: a cursor goes into a URL as it is.
std::string to_base64url(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3F];
  return out;
}

std::optional<std::string> from_base64url(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    const auto at = kAlphabet.find(ch);
    if (at == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// Reads «<digits><stop>» from the front of `in`.
std::optional<std::int64_t> number(std::string_view& in, char stop) {
  const auto end = in.find(stop);
  if (end == std::string_view::npos || end == 0) return std::nullopt;
  std::int64_t n = 0;
  const auto [ptr, ec] = std::from_chars(in.data(), in.data() + end, n);
  if (ec != std::errc{} || ptr != in.data() + end) return std::nullopt;
  in.remove_prefix(end + 1);
  return n;
}

const char* direction(bool descending) { return descending ? " DESC" : " ASC"; }

}  // namespace

std::string order_by(std::span<const SortColumn> columns) {
  std::string out = " ORDER BY ";
  for (std::size_t i = 0; i < columns.size(); ++i)
    out += (i ? ", " : "") + columns[i].expression + direction(columns[i].descending);
  return out;
}

// A cursor is «<sort>\n» and per column «i<number>;» or «s<length>:<bytes>»,
// in base64url. Length-prefixed text: a name may hold any character.
std::string encode(std::string_view sort, std::span<const Value> key) {
  std::string raw(sort);
  raw += '\n';
  for (const auto& v : key) {
    if (const auto* n = std::get_if<std::int64_t>(&v)) {
      raw += 'i' + std::to_string(*n) + ';';
    } else if (const auto* s = std::get_if<std::string>(&v)) {
      raw += 's' + std::to_string(s->size()) + ':' + *s;
    }
  }
  return to_base64url(raw);
}

std::optional<std::vector<Value>> decode(std::string_view cursor, std::string_view sort,
                                         std::span<const SortColumn> columns) {
  if (cursor.size() > 4096) return std::nullopt;
  const auto raw = from_base64url(cursor);
  if (!raw) return std::nullopt;
  std::string_view in = *raw;
  if (!in.starts_with(sort) || in.size() <= sort.size() || in[sort.size()] != '\n') return std::nullopt;
  in.remove_prefix(sort.size() + 1);
  std::vector<Value> key;
  for (const auto& column : columns) {
    if (in.empty() || in.front() != (column.integer ? 'i' : 's')) return std::nullopt;
    in.remove_prefix(1);
    if (column.integer) {
      const auto n = number(in, ';');
      if (!n) return std::nullopt;
      key.emplace_back(*n);
    } else {
      const auto length = number(in, ':');
      if (!length || *length < 0 || static_cast<std::size_t>(*length) > in.size()) return std::nullopt;
      key.emplace_back(std::string(in.substr(0, static_cast<std::size_t>(*length))));
      in.remove_prefix(static_cast<std::size_t>(*length));
    }
  }
  if (!in.empty()) return std::nullopt;
  return key;
}

PagePlan::PagePlan(std::string sort, std::span<const SortColumn> columns, const PageRequest& request)
    : sort_(std::move(sort)), columns_(columns.begin(), columns.end()), request_(request) {
  if (!request.after.empty() && !request.before.empty())
    throw domain::Error::bad_request("Укажите только один из параметров «after» и «before»", "after");
  const bool cursor = !request.after.empty() || !request.before.empty();
  if (cursor && request.offset > 0)
    throw domain::Error::bad_request("Параметр «offset» не сочетается с «after» и «before»", "offset");
  auto key_from = [&](const std::string& text, const char* field) {
    auto key = decode(text, sort_, columns_);
    if (!key)
      throw domain::Error::bad_request(std::string("Параметр «") + field +
                                           "» не подходит к этому списку и его сортировке: откройте список с "
                                           "первой страницы",
                                       field);
    return key;
  };
  if (!request.after.empty()) key_ = key_from(request.after, "after");
  if (!request.before.empty()) {
    backward_ = true;
    if (request.before != kEnd) key_ = key_from(request.before, "before");
  }
}

std::string PagePlan::key_columns() const {
  std::string out;
  for (std::size_t i = 0; i < columns_.size(); ++i)
    out += ", " + columns_[i].expression + " AS sort_key_" + std::to_string(i);
  return out;
}

std::string PagePlan::tail(Params& params) const {
  std::string out;
  if (key_) {
    // «Beyond the key» in the walking order: a > x OR (a = x AND (b > y OR …)).
    // The leading «a >= x» lets an index on the first column start there.
    std::vector<std::string> values;
    for (const auto& v : *key_) values.push_back(registry::placeholder(params, v));
    auto op = [&](std::size_t i) { return std::string(columns_[i].descending != backward_ ? "<" : ">"); };
    std::string beyond;
    for (std::size_t i = columns_.size(); i-- > 0;) {
      const std::string strict = columns_[i].expression + " " + op(i) + " " + values[i];
      beyond = beyond.empty()
                   ? strict
                   : "(" + strict + " OR (" + columns_[i].expression + " = " + values[i] + " AND " + beyond + "))";
    }
    out += " AND " + columns_[0].expression + " " + op(0) + "= " + values[0] + " AND " + beyond;
  }
  std::vector<SortColumn> walked = columns_;
  if (backward_)
    for (auto& c : walked) c.descending = !c.descending;
  out += order_by(walked) + " LIMIT " + registry::placeholder(params, request_.limit + 1);
  if (request_.offset > 0) out += " OFFSET " + registry::placeholder(params, request_.offset);
  return out;
}

void PagePlan::read_key(const Row& r, std::vector<Value>& key) const {
  key.resize(columns_.size());
  const std::size_t first = r.size() - columns_.size();
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].integer) {
      key[i] = r.int64(first + i);
    } else if (const std::string_view text = r.view(first + i); !text.empty()) {
      assign_text(key[i], text.data(), text.size());
    } else {
      key[i] = r.text(first + i);  // "" — or a number the expression gave, as text
    }
  }
}

PageLinks PagePlan::links(const std::vector<Value>& front, const std::vector<Value>& back, bool more_beyond) const {
  PageLinks out;
  // Rows behind the page (against the walking direction): the key's row itself,
  // or the rows an offset skipped.
  const bool more_behind = key_.has_value() || (!backward_ && request_.offset > 0);
  const bool follow = backward_ ? more_behind : more_beyond;
  const bool precede = backward_ ? more_beyond : more_behind;
  if (follow) out.after = encode(sort_, back);
  if (precede) out.before = encode(sort_, front);
  return out;
}

}  // namespace metodist::storage::keyset
