// Probable duplicate persons, their merge and its undo (app/person_merge.hpp).
#include "app/person_merge.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

void write_person(JsonWriter& w, const app::DuplicatePerson& p) {
  w.begin_object()
      .field("id", p.id)
      .field("code", p.code)
      .field("name", p.name)
      .field("organisations", p.organisations)
      .field("has_account", p.has_account)
      .key("birth_date")
      .text_or_null(p.personal_data ? p.birth_date : std::string())
      .key("snils")
      .text_or_null(p.personal_data ? p.snils : std::string())
      .end_object();
}

Response merge_response(const app::MergeResult& m) {
  JsonWriter w;
  w.begin_object()
      .field("merge_id", m.merge_id)
      .field("kept_id", m.kept_id)
      .field("merged_id", m.merged_id)
      .field("moved_rows", static_cast<std::int64_t>(m.moved_rows))
      .end_object();
  return json_response(200, std::move(w));
}

}  // namespace

Response person_duplicates(const Request& r, Context& ctx) {
  const QueryReader q(r);
  const auto limit = q.integer("limit", 25, 1, 200);
  const auto offset = q.integer("offset", 0, 0, INT32_MAX);
  const auto page =
      app::find_duplicates(ctx.app, *r.caller, static_cast<std::size_t>(offset), static_cast<std::size_t>(limit));
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& d : page.items) {
    w.begin_object().key("persons").begin_array();
    write_person(w, d.first);
    write_person(w, d.second);
    w.end_array().key("reasons").begin_array();
    for (const auto& reason : d.reasons)
      w.begin_object().field("code", reason.code).field("text", reason.text).end_object();
    w.end_array().end_object();
  }
  w.end_array()
      .field("total", static_cast<std::int64_t>(page.total))
      .field("limit", limit)
      .field("offset", offset)
      .end_object();
  return json_response(200, std::move(w));
}

Response merge_person(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const auto merged = BodyReader(body).required_id("merged_id");
  return merge_response(app::merge_persons(ctx.app, *r.caller, r.id(), merged, r.request_id));
}

Response undo_person_merge(const Request& r, Context& ctx) {
  return merge_response(app::undo_merge(ctx.app, *r.caller, r.id(), r.request_id));
}

}  // namespace metodist::http::handlers
