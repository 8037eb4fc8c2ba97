#include "app/library.hpp"

#include <nlohmann/json.hpp>

#include "app/document_text.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "domain/library.hpp"
#include "domain/text.hpp"
#include "storage/registry_repository.hpp"
#include "storage/search_repository.hpp"

namespace metodist::app {
namespace {

namespace lib = storage::library;
namespace reg = storage::registry;
namespace search = storage::search;

// Who keeps a document: the federal library — the operator; a territory's —
// those who hold events there (administering roles and methodists).
bool keeps(storage::Connection& c, const Caller& caller, std::optional<std::int64_t> territory_id) {
  const auto scope = scope_of(caller, domain::Action::organise_events);
  if (!territory_id) return scope.everything;
  return !scope.empty() && reg::territory_covered(c, *territory_id, scope);
}

// What the caller is to one document: the library is open to every signed-in
// user; its keepers change it.
struct Standing {
  lib::Document document;
  bool keeper = false;
};

Standing standing(storage::Connection& c, const Caller& caller, std::int64_t id) {
  auto d = lib::find_document(c, id);
  if (!d) throw domain::Error::not_found("Документ не найден");
  const bool keeper = keeps(c, caller, d->territory_id);
  return {std::move(*d), keeper};
}

void check_document(storage::Connection& c, lib::Document& d) {
  d.title = domain::trim(d.title);
  d.number = domain::trim(d.number);
  d.issuer = domain::trim(d.issuer);
  d.tags = domain::trim(d.tags);
  d.description = domain::trim(d.description);
  if (d.title.empty()) throw domain::Error::validation("title", "Укажите название документа");
  if (domain::utf8_length(d.title) > 1000) throw domain::Error::validation("title", "Название длиннее 1000 символов");
  if (!domain::find_term(domain::document_kinds(), d.kind))
    throw domain::Error::validation("kind", "Вид документа: " + domain::allowed_codes(domain::document_kinds()));
  if (!domain::find_term(domain::document_levels(), d.level))
    throw domain::Error::validation("level", "Уровень: " + domain::allowed_codes(domain::document_levels()));
  if (!d.doc_date.empty() && !domain::Date::parse_iso(d.doc_date))
    throw domain::Error::validation("doc_date", "Дата документа — ГГГГ-ММ-ДД");
  if (d.level == "federal") d.territory_id.reset();
  if (d.territory_id) {
    const auto t = reg::find_territory(c, *d.territory_id);
    if (!t) throw domain::Error::validation("territory_id", "Территория не найдена");
    // The library a document goes to matches its level.
    if (d.level == "regional" && t->level != "region")
      throw domain::Error::validation("territory_id", "Региональный документ хранится в библиотеке региона");
    if ((d.level == "municipal" || d.level == "institutional") && t->level != "municipality")
      throw domain::Error::validation(
          "territory_id", "Муниципальный документ и документ организации хранятся в библиотеке муниципалитета");
  }
  if (d.level != "federal" && !d.territory_id)
    throw domain::Error::validation("territory_id", "Укажите территорию, чьей библиотеке принадлежит документ");
}

std::string json_of(const lib::Document& d) {
  return nlohmann::json{
      {"title", d.title}, {"kind", d.kind}, {"number", d.number}, {"doc_date", d.doc_date}, {"level", d.level}}
      .dump();
}

}  // namespace

std::vector<lib::Document> list_documents(App& app, const Caller&, const DocumentQuery& q) {
  if (!q.kind.empty() && !domain::find_term(domain::document_kinds(), q.kind))
    throw domain::Error::validation("kind", "Вид документа: " + domain::allowed_codes(domain::document_kinds()));
  if (!q.level.empty() && !domain::find_term(domain::document_levels(), q.level))
    throw domain::Error::validation("level", "Уровень: " + domain::allowed_codes(domain::document_levels()));
  if (!q.year.empty() && (q.year.size() != 4 || q.year.find_first_not_of("0123456789") != std::string::npos))
    throw domain::Error::validation("year", "Год — четыре цифры");
  return app.db->read([&](storage::Connection& c) {
    lib::DocumentFilter f;
    f.kind = q.kind;
    f.level = q.level;
    f.tag = domain::trim(q.tag);
    f.year = q.year;
    f.recent = q.recent;
    if (!domain::trim(q.q).empty()) {
      // «№ Р-174 от 16.12.2020 концепция»: the number and the date as facets, the words in the full text.
      const auto parts = domain::parse_document_query(q.q);
      f.number_key = parts.number_key;
      f.date = parts.date;
      if (!domain::trim(parts.words).empty()) {
        f.searched = true;
        f.ids = search::match(c, search::Index::documents, domain::query_with_families(parts.words), 500);
      }
    }
    return lib::list_documents(c, f);
  });
}

DocumentCard get_document(App& app, const Caller& caller, std::int64_t id) {
  return app.db->read([&](storage::Connection& c) {
    auto s = standing(c, caller, id);
    return DocumentCard{std::move(s.document), lib::versions_of(c, id), s.keeper};
  });
}

std::int64_t create_document(App& app, const Caller& caller, lib::Document draft, const std::string& request_id) {
  return app.db->write([&](storage::Connection& c) {
    check_document(c, draft);
    if (!keeps(c, caller, draft.territory_id))
      throw domain::Error::forbidden(draft.territory_id
                                         ? "Пополнять библиотеку этой территории могут её координаторы и методисты"
                                         : "Федеральную библиотеку ведёт федеральный оператор",
                                     "territory_id");
    draft.created_by = caller.account_id ? std::optional(caller.account_id) : std::nullopt;
    draft.created_at = domain::utc_timestamp_now();
    draft.preloaded = false;
    const auto id = lib::insert_document(c, draft);
    search::put(c, search::Index::documents, id, lib::searchable_text(draft));
    audit_change(c, caller, "create", "document", id, {}, json_of(draft), request_id);
    return id;
  });
}

void update_document(App& app, const Caller& caller, lib::Document changes, const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, changes.id);
    const auto& before = s.document;
    check_document(c, changes);
    if (!s.keeper || !keeps(c, caller, changes.territory_id))
      throw domain::Error::forbidden("Изменять документ могут те, кто ведёт его библиотеку");
    changes.updated_at = domain::utc_timestamp_now();
    lib::update_document(c, changes);
    search::put(c, search::Index::documents, changes.id,
                lib::searchable_text(changes, lib::file_text_of(c, changes.id)));
    audit_change(c, caller, "update", "document", changes.id, json_of(before), json_of(changes), request_id);
  });
}

int add_document_version(App& app, const Caller& caller, std::int64_t id, std::string_view bytes,
                         std::string_view file_name, const std::string& note, const std::string& request_id) {
  if (domain::utf8_length(note) > 1000) throw domain::Error::validation("note", "Примечание длиннее 1000 символов");
  // The words of the file, read before the transaction (a child process; seconds at most), for the search.
  const auto type = domain::sniff_file_type(bytes, file_name);
  const auto text = type ? document_text(app, bytes, type->content_type) : std::string();
  return app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    if (!s.keeper) throw domain::Error::forbidden("Загружать файлы документа могут те, кто ведёт его библиотеку");
    const auto file = store_upload(app, c, bytes, file_name);
    lib::set_file_text(c, id, text);
    search::put(c, search::Index::documents, id, lib::searchable_text(s.document, text));
    lib::Version v;
    v.document_id = id;
    v.file_hash = file.hash;
    v.file_name = file.file_name;
    v.note = domain::trim(note);
    v.created_by = caller.account_id ? std::optional(caller.account_id) : std::nullopt;
    v.created_at = domain::utc_timestamp_now();
    const auto number = static_cast<int>(lib::insert_version(c, v));
    audit_change(
        c, caller, "upload", "document", id, {},
        nlohmann::json{{"version", number}, {"file", file.file_name}, {"sha256", file.hash}, {"size", file.size}}
            .dump(),
        request_id);
    return number;
  });
}

Download document_file(App& app, const Caller&, std::int64_t id, std::optional<int> version) {
  return app.db->read([&](storage::Connection& c) {
    if (!lib::find_document(c, id)) throw domain::Error::not_found("Документ не найден");
    std::optional<lib::Version> v;
    if (version)
      v = lib::find_version(c, id, *version);
    else if (auto all = lib::versions_of(c, id); !all.empty())
      v = all.front();
    if (!v) throw domain::Error::not_found(version ? "Такой версии файла нет" : "К документу ещё не загружен файл");
    return load_file(c, v->file_hash, v->file_name);
  });
}

std::vector<lib::Document> parse_references(std::string_view text) {
  std::vector<lib::Document> out;
  for (const auto& line : domain::split_list(text, '\n')) {
    if (out.size() >= 200) throw domain::Error::validation("text", "Не больше 200 ссылок за раз");
    const auto ref = domain::parse_document_reference(line);
    lib::Document d;
    d.kind = ref.kind;
    d.issuer = ref.issuer;
    d.doc_date = ref.date;
    d.number = ref.number;
    d.title = ref.title;
    d.level = ref.level;
    out.push_back(std::move(d));
  }
  return out;
}

std::size_t index_library(App& app) {
  return app.db->write([&](storage::Connection& c) {
    lib::fill_number_keys(c);
    const auto missing = lib::unindexed_documents(c);
    for (const auto& d : missing)
      search::put(c, search::Index::documents, d.id, lib::searchable_text(d, lib::file_text_of(c, d.id)));
    return missing.size();
  });
}

}  // namespace metodist::app
