// Full-text search in Russian over documents and practices.
//
// The one place where the SQL differs by backend outside migrations: SQLite
// keeps word stems made in C++ (domain/stemming.hpp) in an FTS5 table and
// matches every query stem as a prefix; PostgreSQL keeps a tsvector of the
// «russian» configuration under a GIN index and matches plainto_tsquery.
// Both rank the best matches first. The caller owns the transaction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/database.hpp"

namespace metodist::storage::search {

enum class Index { documents, practices };

// (Re)indexes one entry with its searchable text.
void put(Connection& c, Index index, std::int64_t id, std::string_view text);
void remove(Connection& c, Index index, std::int64_t id);
// Ids of entries matching every word of the query, best first; empty for a
// query without words.
std::vector<std::int64_t> match(Connection& c, Index index, std::string_view query, std::size_t limit);

// Rows of a search's matches put back into the search's rank order (the
// list query filters and loads them in its own order). T has an `id`.
template <class T>
std::vector<T> in_rank_order(const std::vector<std::int64_t>& ids, std::vector<T> rows) {
  std::vector<T> ranked;
  ranked.reserve(rows.size());
  for (auto id : ids)
    for (auto& r : rows)
      if (r.id == id) ranked.push_back(std::move(r));
  return ranked;
}

// «SELECT <id> FROM <index>»: the ids the index holds, as a subquery.
std::string indexed_ids_sql(Connection& c, Index index);

}  // namespace metodist::storage::search
