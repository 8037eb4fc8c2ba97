// The documents library: search, cards, versions (file uploads) and downloads.
#include "app/library.hpp"
#include "domain/library.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

namespace lib = storage::library;

void write_document(JsonWriter& w, const lib::Document& d) {
  w.begin_object()
      .field("id", d.id)
      .field("kind", d.kind)
      .field("kind_title", domain::title_of(domain::document_kinds(), d.kind))
      .key("number")
      .text_or_null(d.number)
      .key("doc_date")
      .text_or_null(d.doc_date)
      .key("issuer")
      .text_or_null(d.issuer)
      .field("title", d.title)
      .field("level", d.level)
      .key("territory_id")
      .id_or_null(d.territory_id)
      .key("territory_name")
      .text_or_null(d.territory_name)
      .key("tags")
      .text_or_null(d.tags)
      .key("description")
      .text_or_null(d.description)
      .field("preloaded", d.preloaded)
      .field("versions", d.versions)
      .key("file_name")
      .text_or_null(d.file_name)
      .key("content_type")
      .text_or_null(d.content_type)
      .field("size", d.size)
      .field("updated_at", d.updated_at)
      .end_object();
}

lib::Document document_from(const BodyReader& b) {
  lib::Document d;
  d.kind = b.required_text("kind", 32);
  d.number = b.optional_text("number", 100);
  d.doc_date = b.optional_text("doc_date", 10);
  d.issuer = b.optional_text("issuer", 500);
  d.title = b.required_text("title", 4000);
  d.level = b.required_text("level", 32);
  d.territory_id = b.optional_id("territory_id");
  d.tags = b.optional_text("tags", 1000);
  d.description = b.optional_text("description", 10000);
  return d;
}

}  // namespace

Response list_documents(const Request& r, Context& ctx) {
  const QueryReader q(r);
  app::DocumentQuery dq{q.text("q", 300), q.text("kind", 32), q.text("level", 32), q.text("tag", 100),
                        q.text("year", 4)};
  const auto sort = q.text("sort", 16);
  if (!sort.empty() && sort != "date" && sort != "recent")
    throw domain::Error::validation("sort", "Порядок: date или recent");
  dq.recent = sort == "recent";
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& d : app::list_documents(ctx.app, *r.caller, dq)) write_document(w, d);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response create_document(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const auto id = app::create_document(ctx.app, *r.caller, document_from(BodyReader(body)), r.request_id);
  JsonWriter w;
  write_document(w, app::get_document(ctx.app, *r.caller, id).document);
  auto resp = json_response(201, std::move(w));
  resp.headers.emplace_back("Location", "/api/v1/documents/" + std::to_string(id));
  return resp;
}

Response get_document(const Request& r, Context& ctx) {
  const auto card = app::get_document(ctx.app, *r.caller, r.id());
  JsonWriter w;
  w.begin_object().key("document");
  write_document(w, card.document);
  w.field("can_edit", card.can_edit).key("versions").begin_array();
  for (const auto& v : card.versions)
    w.begin_object()
        .field("version", v.version)
        .field("file_name", v.file_name)
        .field("content_type", v.content_type)
        .field("size", v.size)
        .field("sha256", v.file_hash)
        .key("note")
        .text_or_null(v.note)
        .field("created_at", v.created_at)
        .end_object();
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response update_document(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  auto d = document_from(BodyReader(body));
  d.id = r.id();
  app::update_document(ctx.app, *r.caller, d, r.request_id);
  return no_content();
}

Response add_document_version(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const auto version = app::add_document_version(ctx.app, *r.caller, r.id(), r.body, q.text("name", 500),
                                                 q.text("note", 1000), r.request_id);
  JsonWriter w;
  w.begin_object().field("version", version).end_object();
  return json_response(201, std::move(w));
}

Response download_document(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const auto v = q.integer("version", 0, 0, 100000);
  return download_response(
      app::document_file(ctx.app, *r.caller, r.id(), v > 0 ? std::optional(static_cast<int>(v)) : std::nullopt));
}

Response parse_document_references(const Request& r, Context&) {
  const Json body = parse_object_body(r);
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& d : app::parse_references(BodyReader(body).required_text("text", 100000))) write_document(w, d);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

}  // namespace metodist::http::handlers
