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
    c.execute("INSERT INTO " + table +
                  " (id, tsv) VALUES ($1, to_tsvector('russian', $2))"
                  " ON CONFLICT (id) DO UPDATE SET tsv = excluded.tsv",
              {id, std::string(text)});
    return;
  }
  c.execute("DELETE FROM " + table + " WHERE rowid = $1", {id});
  c.execute("INSERT INTO " + table + " (rowid, stems) VALUES ($1, $2)", {id, joined(domain::word_stems(text), " ")});
}

void remove(Connection& c, Index index, std::int64_t id) {
  c.execute(std::string("DELETE FROM ") + table_of(index) +
                (c.backend() == Backend::postgres ? " WHERE id = $1" : " WHERE rowid = $1"),
            {id});
}

std::vector<std::int64_t> match(Connection& c, Index index, std::string_view query, std::size_t limit) {
  const std::string table = table_of(index);
  std::vector<std::int64_t> ids;
  auto collect = [&](const Row& r) { ids.push_back(r.int64("id")); };
  const auto stems = domain::word_stems(query);
  if (stems.empty()) return ids;
  const auto n = static_cast<std::int64_t>(limit);
  if (c.backend() == Backend::postgres) {
    // Every lexeme of the query as a prefix («актив» stems to «акт» and must
    // still find «актива»), as SQLite matches below; stop words drop out.
    c.run(
        "WITH q AS (SELECT to_tsquery('russian', string_agg(quote_literal(lexeme) || ':*', ' & ')) AS tsq"
        " FROM unnest(to_tsvector('russian', $1)))"
        " SELECT id FROM " +
            table + ", q WHERE tsv @@ q.tsq ORDER BY ts_rank(tsv, q.tsq) DESC, id DESC LIMIT $2",
        {std::string(query), n}, collect);
    return ids;
  }
  // Each stem quoted (no FTS5 syntax gets through) and matched as a prefix;
  // one-letter words («в», «с», «и») are prepositions and conjunctions, as
  // PostgreSQL's stop words.
  std::vector<std::string> terms;
  for (const auto& s : stems)
    if (s.size() > 2 || (s.size() == 1 && s[0] >= '0' && s[0] <= '9') ||
        (s.size() == 2 && static_cast<unsigned char>(s[0]) < 0x80))
      terms.push_back("\"" + s + "\"*");
  if (terms.empty()) return ids;
  c.run("SELECT rowid AS id FROM " + table + " WHERE " + table + " MATCH $1 ORDER BY rank LIMIT $2",
        {joined(terms, " AND "), n}, collect);
  return ids;
}

std::string indexed_ids_sql(Connection& c, Index index) {
  return std::string(c.backend() == Backend::postgres ? "SELECT id FROM " : "SELECT rowid AS id FROM ") +
         table_of(index);
}

}  // namespace metodist::storage::search
