// The documents library (the cabinet's «библиотека документов» of
// the РМА description): normative and methodical documents with their file versions,
// found by Russian full-text search.
//
// Everyone signed in reads the library (orders and letters are public acts;
// the library holds no personal data). A document belongs to a territory's
// library — kept by those who hold events there (the administering roles and
// methodists) — or, without a territory, to the federal one kept by the
// operator. The normative base of the РМА description comes preloaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "app/files.hpp"
#include "storage/library_repository.hpp"

namespace metodist::app {

struct DocumentQuery {
  std::string q;  // full-text, Russian word forms
  std::string kind, level, tag, year;
  bool recent = false;  // newest changes first
};
std::vector<storage::library::Document> list_documents(App& app, const Caller& caller, const DocumentQuery& q);

struct DocumentCard {
  storage::library::Document document;
  std::vector<storage::library::Version> versions;
  bool can_edit = false;
};
DocumentCard get_document(App& app, const Caller& caller, std::int64_t id);
std::int64_t create_document(App& app, const Caller& caller, storage::library::Document draft,
                             const std::string& request_id = {});
void update_document(App& app, const Caller& caller, storage::library::Document changes,
                     const std::string& request_id = {});
// A new version of the document's file; returns its number.
int add_document_version(App& app, const Caller& caller, std::int64_t id, std::string_view bytes,
                         std::string_view file_name, const std::string& note, const std::string& request_id = {});
// The file of a version (the latest without one).
Download document_file(App& app, const Caller& caller, std::int64_t id, std::optional<int> version);

// References pasted as lines («Приказ … от … № … «…»»), read into drafts
// for the form to confirm: nothing is stored.
std::vector<storage::library::Document> parse_references(std::string_view text);

// Puts documents that the search index lacks into it (the preloaded base on a
// new database). Run at start-up; returns how many were indexed.
std::size_t index_library(App& app);

}  // namespace metodist::app
