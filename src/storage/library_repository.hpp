// SQL for the documents library: documents and their file versions.
// The caller owns the transaction and the access checks; search goes through
// storage/search_repository.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace metodist::storage::library {

struct Document {
  std::int64_t id = 0;
  std::string kind, number, doc_date, issuer, title, level;
  std::optional<std::int64_t> territory_id;
  std::string tags, description;
  bool preloaded = false;
  std::optional<std::int64_t> created_by;
  std::string created_at, updated_at;
  // Read only:
  std::string territory_name;
  std::int64_t versions = 0;
  std::string file_name, content_type;  // of the latest version
  std::int64_t size = 0;
};
std::int64_t insert_document(Connection& c, const Document& d);
void update_document(Connection& c, const Document& d);
std::optional<Document> find_document(Connection& c, std::int64_t id);

struct DocumentFilter {
  std::vector<std::int64_t> ids;  // from a search, in rank order; empty with `searched` means nothing matched
  bool searched = false;
  std::string number_key;  // domain::number_key of the number asked for
  std::string date;        // ISO: the document's date
  std::string kind, level, tag;
  std::string year;     // «2023»
  bool recent = false;  // newest changes first (the cabinet's shelf), not newest documents
  std::size_t limit = 200;
};
std::vector<Document> list_documents(Connection& c, const DocumentFilter& f);
// The text of the latest file (for the search index), and setting it.
std::string file_text_of(Connection& c, std::int64_t id);
void set_file_text(Connection& c, std::int64_t id, const std::string& text);
// Documents written before numbers were keyed: their number keys filled; how many.
std::size_t fill_number_keys(Connection& c);
std::int64_t count_documents(Connection& c);

struct Version {
  std::int64_t id = 0, document_id = 0;
  int version = 0;
  std::string file_hash, file_name, note;
  std::optional<std::int64_t> created_by;
  std::string created_at;
  // Read only:
  std::string content_type;
  std::int64_t size = 0;
};
// Numbers it (the next version) and marks the document changed at its time.
std::int64_t insert_version(Connection& c, const Version& v);
std::vector<Version> versions_of(Connection& c, std::int64_t document_id);  // newest first
std::optional<Version> find_version(Connection& c, std::int64_t document_id, int version);

// The text a document is found by: its title, kind, number, issuer, tags, description.
// The card's fields, the words of its file, and the word families of both (domain::family_words).
std::string searchable_text(const Document& d, const std::string& file_text = {});
// Documents with no entry in the search index yet (the preloaded base after
// the migration; anything indexed before a crash of an older version).
std::vector<Document> unindexed_documents(Connection& c);

}  // namespace metodist::storage::library
