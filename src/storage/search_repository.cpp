#include "storage/search_repository.hpp"

#include <string>

#include "domain/stemming.hpp"

namespace metodist::storage::search {
namespace {

const char* table_of(Index i) { return i == Index::documents ? "documents_fts" : "practices_fts"; }

std::string joined(const std::vector<std::string>& words, std::string_view between) {
  std::string out;
  for (const auto& w : words) {
    if (!out.empty()) out += between;
    out += w;
  }
  return out;
}

}  // namespace

void put(Connection& c, Index index, std::int64_t id, std::string_view text) {
  const std::string table = table_of(index);
  if (c.backend() == Backend::postgres) {
    c.execute("INSERT INTO " + table + " (id, tsv) VALUES ($1, to_tsvector('russian', $2))"
              " ON CONFLICT (id) DO UPDATE SET tsv = excluded.tsv",
              {id, std::string(text)});
    return;
  }
  c.execute("DELETE FROM " + table + " WHERE rowid = $1", {id});
  c.execute("INSERT INTO " + table + " (rowid, stems) VALUES ($1, $2)", {id, joined(domain::word_stems(text), " ")});
}

void remove(Connection& c, Index index, std::int64_t id) {
  c.execute(std::string("DELETE FROM ") + table_of(index) + (c.backend() == Backend::postgres ? " WHERE id = $1" : " WHERE rowid = $1"),
            {id});
}

std::vector<std::int64_t> match(Connection& c, Index index, std::string_view query, std::size_t limit) {
  const std::string table = table_of(index);
  std::vector<std::int64_t> ids;
  auto collect = [&](const Row& r) { ids.push_back(r.int64(0)); };
  const auto stems = domain::word_stems(query);
  if (stems.empty()) return ids;
  const auto n = static_cast<std::int64_t>(limit);
  if (c.backend() == Backend::postgres) {
    c.run("SELECT id FROM " + table + " WHERE tsv @@ plainto_tsquery('russian', $1)"
          " ORDER BY ts_rank(tsv, plainto_tsquery('russian', $1)) DESC, id DESC LIMIT $2",
          {std::string(query), n}, collect);
    return ids;
  }
  // Each stem quoted (no FTS5 syntax gets through) and matched as a prefix.
  std::vector<std::string> terms;
  for (const auto& s : stems) terms.push_back("\"" + s + "\"*");
  c.run("SELECT rowid FROM " + table + " WHERE " + table + " MATCH $1 ORDER BY rank LIMIT $2", {joined(terms, " AND "), n},
        collect);
  return ids;
}

std::string indexed_ids_sql(Connection& c, Index index) {
  return std::string(c.backend() == Backend::postgres ? "SELECT id FROM " : "SELECT rowid FROM ") + table_of(index);
}

}  // namespace metodist::storage::search
