// Methodical associations and communities: registry, members, materials, feed.
#include "app/communities.hpp"
#include "domain/communities.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

namespace cm = storage::communities;

void write_community(JsonWriter& w, const cm::Community& k) {
  w.begin_object()
      .field("id", k.id)
      .field("kind", k.kind)
      .field("title", k.title)
      .field("description", k.description)
      .key("subject_area")
      .text_or_null(k.subject_area)
      .field("territory_id", k.territory_id)
      .field("territory_name", k.territory_name)
      .key("organisation_id")
      .id_or_null(k.organisation_id)
      .key("organisation_name")
      .text_or_null(k.organisation_name)
      .field("open_to_join", k.open_to_join)
      .field("members", k.members)
      .end_object();
}

void write_member(JsonWriter& w, const cm::Member& m) {
  w.begin_object()
      .field("id", m.id)
      .field("person_id", m.person_id)
      .field("person_name", m.person_name)
      .field("organisation_name", m.organisation_name)
      .field("role", m.role)
      .field("joined_on", m.joined_on)
      .end_object();
}

void write_post(JsonWriter& w, const cm::Post& p) {
  w.begin_object()
      .field("id", p.id)
      .field("author_name", p.author_name)
      .field("body", p.body)
      .field("created_at", p.created_at)
      .end_object();
}

Response card_response(const app::CommunityCard& card, int status) {
  JsonWriter w;
  w.begin_object().key("community");
  write_community(w, card.community);
  w.field("can_manage", card.can_manage).field("is_member", card.is_member).field("can_join", card.can_join);
  w.key("members").begin_array();
  for (const auto& m : card.members) write_member(w, m);
  w.end_array().key("materials").begin_array();
  for (const auto& m : card.materials)
    w.begin_object()
        .field("id", m.id)
        .field("title", m.title)
        .field("url", m.url)
        .field("added_at", m.added_at)
        .end_object();
  w.end_array().end_object();
  return json_response(status, std::move(w));
}

}  // namespace

Response list_communities(const Request& r, Context& ctx) {
  const QueryReader q(r);
  cm::CommunityFilter f;
  f.kind = q.term("kind", domain::community_kinds());
  f.query = q.text("q", 200);
  if (q.boolean("mine").value_or(false)) {
    if (!r.caller->person_id) throw domain::Error::validation("mine", "Учётная запись не связана с педагогом");
    f.member = r.caller->person_id;
  }
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& k : app::list_communities(ctx.app, *r.caller, f)) write_community(w, k);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response create_community(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  domain::Problems problems;  // the whole form at once
  const BodyReader b(body, problems);
  cm::Community k;
  k.kind = b.optional_text("kind", 32);
  k.title = b.optional_text("title", 2000);
  k.description = b.optional_text("description", 10000);
  k.subject_area = b.optional_term("subject_area", domain::subject_areas());
  if (const auto t = b.optional_id("territory_id")) k.territory_id = *t;
  k.organisation_id = b.optional_id("organisation_id");
  k.open_to_join = b.optional_bool("open_to_join", domain::community_open_by_default(k.kind));
  const auto leader = b.optional_id("leader_person_id");
  problems.check([&] { app::check_community(k); });
  problems.raise();
  const auto id = app::create_community(ctx.app, *r.caller, std::move(k), leader, r.request_id);
  auto resp = card_response(app::get_community(ctx.app, *r.caller, id), 201);
  resp.headers.emplace_back("Location", "/api/v1/communities/" + std::to_string(id));
  return resp;
}

Response get_community(const Request& r, Context& ctx) {
  return card_response(app::get_community(ctx.app, *r.caller, r.id()), 200);
}

Response add_community_member(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  auto person = b.optional_id("person_id");
  if (!person) person = r.caller->person_id;
  if (!person) throw domain::Error::validation("person_id", "Укажите, кого добавить");
  auto role = b.optional_text("role", 16);
  JsonWriter w;
  write_member(
      w, app::add_community_member(ctx.app, *r.caller, r.id(), *person, role.empty() ? "member" : role, r.request_id));
  return json_response(201, std::move(w));
}

Response remove_community_member(const Request& r, Context& ctx) {
  app::end_community_membership(ctx.app, *r.caller, r.id(0), r.id(1), r.request_id);
  return no_content();
}

Response add_community_material(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  const auto m = app::add_community_material(ctx.app, *r.caller, r.id(), b.required_text("title", 500),
                                             b.required_text("url", 2000), r.request_id);
  JsonWriter w;
  w.begin_object()
      .field("id", m.id)
      .field("title", m.title)
      .field("url", m.url)
      .field("added_at", m.added_at)
      .end_object();
  return json_response(201, std::move(w));
}

Response list_community_posts(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& p : app::community_posts(ctx.app, *r.caller, r.id(), QueryReader(r).id("before"))) write_post(w, p);
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response add_community_post(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  JsonWriter w;
  write_post(w, app::add_community_post(ctx.app, *r.caller, r.id(), BodyReader(body).required_text("body", 20000)));
  return json_response(201, std::move(w));
}

}  // namespace metodist::http::handlers
