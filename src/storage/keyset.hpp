// Paging by key (keyset pagination) for the long registry lists.
//
// A page asked by `offset` makes the database read and drop every row before
// it: page 1 000 of a region's staff costs fifty first pages. A page asked
// «after» (or «before») a row instead starts right at that row's sort key, so
// a deep page costs what the first one does. The key travels to the reader
// and back as an opaque cursor naming the sort it belongs to; a cursor of
// another sort, or one that does not decode, is refused, never guessed at.
//
// Every sort ends with a unique column (an id), so keys are totally ordered;
// no sort column may be NULL (wrap a nullable one in coalesce) — a NULL would
// compare neither before nor after any key.
#pragma once

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"

namespace metodist::storage::keyset {

struct SortColumn {
  std::string expression;  // SQL over the list's aliases, never NULL
  bool descending = false;
  bool integer = false;  // else text
};

// Where a page starts, as the reader asked: at `offset` rows from the start,
// right after the row whose cursor is `after`, or right before the one of
// `before` (the special `before = "end"` is the last page).
struct PageRequest {
  std::int64_t limit = 50;
  std::int64_t offset = 0;
  std::string after, before;
};
inline constexpr std::string_view kEnd = "end";

// Cursors for the neighbouring pages: `after` of the last row when rows
// follow, `before` of the first when rows precede; "" when there are none.
struct PageLinks {
  std::string after, before;
};

// The list's length when a page asked by `offset` tells it: nothing follows
// its rows, and it holds some or starts at the top (an empty page past the end
// says nothing of the length). Otherwise the list has to be counted.
inline std::optional<std::int64_t> length_told_by_page(std::int64_t offset, std::size_t rows, bool more_follow) {
  if (more_follow || (rows == 0 && offset > 0)) return std::nullopt;
  return offset + static_cast<std::int64_t>(rows);
}

// One page of a list: its rows in the list's order and the neighbours' cursors.
template <class T>
struct Page {
  std::vector<T> items;
  PageLinks links;
  // The list's length when the page itself tells it (length_told_by_page):
  // then it need not be counted — the usual case of a school's or a small
  // district's list.
  std::optional<std::int64_t> total;
};

// One page's query, planned from the request. The list writes
// «SELECT <its columns>» + key_columns() + « FROM … WHERE …» + tail(params)
// and hands the statement to read(), which walks it, maps the rows and puts
// them in the list's order (a page «before» a row is read walking backwards).
class PagePlan {
 public:
  // `sort` names the sort the cursors belong to; a cursor that is not one of
  // its keys throws domain::Error::bad_request naming the parameter.
  PagePlan(std::string sort, std::span<const SortColumn> columns, const PageRequest& request);

  // «, <expr> AS sort_key_0, …»: the key read with every row. They must end
  // the SELECT list: read() takes them by position, not by name.
  std::string key_columns() const;
  // « AND <beyond the key>» (when the page starts at a key), the ORDER BY,
  // «LIMIT» one row more than the page (to learn whether more follow) and
  // «OFFSET»; parameters appended.
  std::string tail(Params& params) const;

  template <class T, class Map>
  Page<T> read(Connection& c, const std::string& sql, const Params& params, Map&& map) const {
    Page<T> page;
    const auto limit = static_cast<std::size_t>(request_.limit);
    // Only the page's two ends make cursors: the first row's key, and the
    // last one's, overwritten row by row in the same buffers.
    std::vector<Value> first, last;
    std::size_t rows = 0;
    c.run(sql, params, [&](const Row& r) {
      if (rows++ >= limit) return;  // the extra row only tells that more follow
      page.items.push_back(map(r));
      if (rows == 1) read_key(r, first);
      read_key(r, last);
    });
    const bool more_beyond = rows > limit;
    // A backward walk is turned round.
    if (backward_) {
      std::reverse(page.items.begin(), page.items.end());
      std::swap(first, last);
    }
    if (!page.items.empty()) page.links = links(first, last, more_beyond);
    if (request_.after.empty() && request_.before.empty())
      page.total = length_told_by_page(request_.offset, page.items.size(), more_beyond);
    return page;
  }

 private:
  // The row's sort key into `key`, reusing its text buffers.
  void read_key(const Row& r, std::vector<Value>& key) const;
  // The neighbours' cursors of a page whose first and last keys (in the list's order) these are.
  PageLinks links(const std::vector<Value>& front, const std::vector<Value>& back, bool more_beyond) const;

  std::string sort_;
  std::vector<SortColumn> columns_;
  PageRequest request_;
  bool backward_ = false;                  // «before»: walked in the opposite order
  std::optional<std::vector<Value>> key_;  // the row the page starts beyond
};

// «ORDER BY a ASC, b DESC» for the columns.
std::string order_by(std::span<const SortColumn> columns);

// The cursor of a key, and back (nullopt when it is not a key of this sort).
std::string encode(std::string_view sort, std::span<const Value> key);
std::optional<std::vector<Value>> decode(std::string_view cursor, std::string_view sort,
                                         std::span<const SortColumn> columns);

}  // namespace metodist::storage::keyset
