#include "storage/library_repository.hpp"

#include "domain/library.hpp"
#include "storage/registry_sql.hpp"
#include "storage/search_repository.hpp"

namespace metodist::storage::library {
namespace {

const char* const kDocumentSelect =
    "SELECT d.id, d.kind, COALESCE(d.number, '') AS number, COALESCE(d.doc_date, '') AS doc_date, COALESCE(d.issuer, '') AS issuer, d.title, d.level,"
    " d.territory_id, COALESCE(d.tags, '') AS tags, COALESCE(d.description, '') AS description, d.preloaded, d.created_by, d.created_at,"
    " d.updated_at, COALESCE(t.name, '') AS name,"
    " (SELECT COUNT(*) FROM document_versions v WHERE v.document_id = d.id) AS versions,"
    " COALESCE(lv.file_name, '') AS file_name, COALESCE(f.content_type, '') AS content_type, COALESCE(f.size, 0) AS size"
    " FROM documents d LEFT JOIN territories t ON t.id = d.territory_id"
    " LEFT JOIN document_versions lv ON lv.document_id = d.id"
    "  AND lv.version = (SELECT MAX(v2.version) FROM document_versions v2 WHERE v2.document_id = d.id)"
    " LEFT JOIN stored_files f ON f.hash = lv.file_hash";

Document document_from(const Row& r) {
  Document d;
  d.id = r.int64("id");
  d.kind = r.text("kind");
  d.number = r.text("number");
  d.doc_date = r.text("doc_date");
  d.issuer = r.text("issuer");
  d.title = r.text("title");
  d.level = r.text("level");
  d.territory_id = r.opt_int64("territory_id");
  d.tags = r.text("tags");
  d.description = r.text("description");
  d.preloaded = r.flag("preloaded");
  d.created_by = r.opt_int64("created_by");
  d.created_at = r.text("created_at");
  d.updated_at = r.text("updated_at");
  d.territory_name = r.text("name");
  d.versions = r.int64("versions");
  d.file_name = r.text("file_name");
  d.content_type = r.text("content_type");
  d.size = r.int64("size");
  return d;
}

}  // namespace

std::int64_t insert_document(Connection& c, const Document& d) {
  return c.scalar(
      "INSERT INTO documents (kind, number, doc_date, issuer, title, level, territory_id, tags, description, preloaded,"
      " created_by, created_at, updated_at, number_key)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id",
      {d.kind, text_or_null(d.number), text_or_null(d.doc_date), text_or_null(d.issuer), d.title, d.level,
       id_or_null(d.territory_id), text_or_null(d.tags), text_or_null(d.description), flag(d.preloaded),
       id_or_null(d.created_by), d.created_at, text_or_null(domain::number_key(d.number))});
}

void update_document(Connection& c, const Document& d) {
  c.execute(
      "UPDATE documents SET kind = $2, number = $3, doc_date = $4, issuer = $5, title = $6, level = $7,"
      " territory_id = $8, tags = $9, description = $10, updated_at = $11, number_key = $12 WHERE id = $1",
      {d.id, d.kind, text_or_null(d.number), text_or_null(d.doc_date), text_or_null(d.issuer), d.title, d.level,
       id_or_null(d.territory_id), text_or_null(d.tags), text_or_null(d.description), d.updated_at,
       text_or_null(domain::number_key(d.number))});
}

std::optional<Document> find_document(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kDocumentSelect) + " WHERE d.id = $1", {id});
  if (!row) return std::nullopt;
  return document_from(*row);
}

std::vector<Document> list_documents(Connection& c, const DocumentFilter& f) {
  std::vector<Document> out;
  if (f.searched && f.ids.empty()) return out;
  Params params;
  std::string where = " WHERE 1 = 1";
  if (f.searched) where += " AND d.id IN " + registry::placeholders(params, std::span<const std::int64_t>(f.ids));
  if (!f.number_key.empty()) where += " AND d.number_key = " + registry::placeholder(params, f.number_key);
  if (!f.date.empty()) where += " AND d.doc_date = " + registry::placeholder(params, f.date);
  if (!f.kind.empty()) where += " AND d.kind = " + registry::placeholder(params, f.kind);
  if (!f.level.empty()) where += " AND d.level = " + registry::placeholder(params, f.level);
  if (!f.year.empty()) where += " AND d.doc_date LIKE " + registry::placeholder(params, f.year + "-%");
  if (!f.tag.empty())
    where +=
        " AND d.tags LIKE " + registry::placeholder(params, "%" + registry::escape_like(f.tag) + "%") + " ESCAPE '\\'";
  const auto limit = registry::placeholder(params, static_cast<std::int64_t>(f.limit));
  const char* order =
      f.recent ? " ORDER BY d.updated_at DESC, d.id DESC LIMIT " : " ORDER BY d.doc_date DESC, d.id DESC LIMIT ";
  c.run(std::string(kDocumentSelect) + where + order + limit, params,
        [&](const Row& r) { out.push_back(document_from(r)); });
  return f.searched ? search::in_rank_order(f.ids, std::move(out)) : out;
}

std::int64_t count_documents(Connection& c) { return c.scalar("SELECT COUNT(*) FROM documents"); }

std::int64_t insert_version(Connection& c, const Version& v) {
  const auto next =
      c.scalar("SELECT COALESCE(MAX(version), 0) + 1 FROM document_versions WHERE document_id = $1", {v.document_id});
  c.execute(
      "INSERT INTO document_versions (document_id, version, file_hash, file_name, note, created_by, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {v.document_id, next, v.file_hash, v.file_name, text_or_null(v.note), id_or_null(v.created_by), v.created_at});
  c.execute("UPDATE documents SET updated_at = $2 WHERE id = $1", {v.document_id, v.created_at});
  return next;
}

namespace {
const char* const kVersionSelect =
    "SELECT v.id, v.document_id, v.version, v.file_hash, v.file_name, COALESCE(v.note, '') AS note, v.created_by, v.created_at,"
    " f.content_type, f.size FROM document_versions v JOIN stored_files f ON f.hash = v.file_hash";
Version version_from(const Row& r) {
  return {r.int64("id"),
          r.int64("document_id"),
          static_cast<int>(r.int64("version")),
          r.text("file_hash"),
          r.text("file_name"),
          r.text("note"),
          r.opt_int64("created_by"),
          r.text("created_at"),
          r.text("content_type"),
          r.int64("size")};
}
}  // namespace

std::vector<Version> versions_of(Connection& c, std::int64_t document_id) {
  std::vector<Version> out;
  c.run(std::string(kVersionSelect) + " WHERE v.document_id = $1 ORDER BY v.version DESC", {document_id},
        [&](const Row& r) { out.push_back(version_from(r)); });
  return out;
}

std::optional<Version> find_version(Connection& c, std::int64_t document_id, int version) {
  auto row = c.query_one(std::string(kVersionSelect) + " WHERE v.document_id = $1 AND v.version = $2",
                         {document_id, static_cast<std::int64_t>(version)});
  if (!row) return std::nullopt;
  return version_from(*row);
}

std::string searchable_text(const Document& d, const std::string& file_text) {
  std::string text = d.title + " " + domain::title_of(domain::document_kinds(), d.kind) + " " + d.number + " " +
                     d.issuer + " " + d.tags + " " + d.description + "\n" + file_text;
  return text + " " + domain::family_words(text);
}

std::string file_text_of(Connection& c, std::int64_t id) {
  auto row = c.query_one("SELECT COALESCE(file_text, '') AS file_text FROM documents WHERE id = $1", {id});
  return row ? row->text("file_text") : std::string();
}

void set_file_text(Connection& c, std::int64_t id, const std::string& text) {
  c.execute("UPDATE documents SET file_text = $2 WHERE id = $1", {id, text_or_null(text)});
}

std::size_t fill_number_keys(Connection& c) {
  std::vector<std::pair<std::int64_t, std::string>> missing;
  c.run("SELECT id, number FROM documents WHERE number_key IS NULL AND number IS NOT NULL", {},
        [&](const Row& r) { missing.emplace_back(r.int64("id"), r.text("number")); });
  for (const auto& [id, number] : missing)
    c.execute("UPDATE documents SET number_key = $2 WHERE id = $1", {id, text_or_null(domain::number_key(number))});
  return missing.size();
}

std::vector<Document> unindexed_documents(Connection& c) {
  std::vector<Document> out;
  c.run(std::string(kDocumentSelect) + " WHERE d.id NOT IN (" + search::indexed_ids_sql(c, search::Index::documents) +
            ")",
        {}, [&](const Row& r) { out.push_back(document_from(r)); });
  return out;
}

}  // namespace metodist::storage::library
