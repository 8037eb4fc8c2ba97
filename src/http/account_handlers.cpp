#include "app/accounts.hpp"
#include "app/audit_text.hpp"
#include "app/auth.hpp"
#include "app/export.hpp"
#include "domain/access.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

namespace acc = storage::accounts;

}  // namespace

void write_roles(JsonWriter& w, const std::vector<acc::RoleAssignment>& roles) {
  w.begin_array();
  for (const auto& r : roles) {
    const auto* info = domain::find_role(r.role);
    w.begin_object()
        .field("id", r.id)
        .field("role", r.role)
        .field("title", info ? info->title : r.role)
        .key("territory_id")
        .id_or_null(r.territory_id)
        .key("organisation_id")
        .id_or_null(r.organisation_id)
        .key("scope_name")
        .text_or_null(r.scope_name)
        .end_object();
  }
  w.end_array();
}

namespace {

// The password hash never leaves the server.
void write_account(JsonWriter& w, const acc::Account& a, const std::vector<acc::RoleAssignment>& roles) {
  w.begin_object()
      .field("id", a.id)
      .field("login", a.login)
      .key("email")
      .text_or_null(a.email)
      .field("display_name", a.display_name)
      .key("person_id")
      .id_or_null(a.person_id)
      .field("is_active", a.is_active)
      .field("must_change_password", a.must_change_password);
  w.key("roles");
  write_roles(w, roles);
  w.end_object();
}

std::optional<std::int64_t> optional_id(const Json& o, const char* field) {
  auto it = o.find(field);
  if (it == o.end() || it->is_null()) return std::nullopt;
  const auto n = whole_number(*it);
  if (!n || *n < 1)
    throw domain::Error::validation("roles", std::string("«") + field + "» в роли должен быть положительным числом");
  return *n;
}

}  // namespace

Response list_accounts(const Request& r, Context& ctx) {
  QueryReader q(r);
  const auto limit = q.integer("limit", 50, 1, 500);
  const auto offset = q.integer("offset", 0, 0, INT32_MAX);
  const auto page = app::list_accounts(ctx.app, *r.caller, q.text("q", 100), limit, offset);
  std::vector<std::int64_t> ids;
  for (const auto& a : page.items) ids.push_back(a.id);
  const auto roles = app::roles_of_accounts(ctx.app, ids);  // one query for the page, not one per row
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& a : page.items) {
    std::vector<acc::RoleAssignment> own;
    for (const auto& r : roles)
      if (r.account_id == a.id) own.push_back(r);
    write_account(w, a, own);
  }
  w.end_array().field("total", page.total).field("limit", limit).field("offset", offset).end_object();
  return json_response(200, std::move(w));
}

Response export_accounts(const Request& r, Context& ctx) {
  const QueryReader q(r);
  return file_response(app::export_accounts(ctx.app, *r.caller, q.text("q", 100), file_format(q)));
}

Response get_account(const Request& r, Context& ctx) {
  const auto a = app::get_account(ctx.app, *r.caller, r.id());
  JsonWriter w;
  write_account(w, a, app::roles_of_account(ctx.app, a.id));
  return json_response(200, std::move(w));
}

Response create_account(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  BodyReader b(body);
  app::NewAccount a;
  a.login = b.required_text("login", 64);
  a.email = b.optional_text("email", 254);
  a.display_name = b.required_text("display_name", 200);
  if (auto it = body.find("password"); it != body.end() && !it->is_null()) {
    if (!it->is_string()) throw domain::Error::validation("password", "Поле «password» должно быть строкой");
    a.password = it->get<std::string>();
  }
  if (auto it = body.find("person_id"); it != body.end() && !it->is_null()) a.person_id = b.required_id("person_id");
  const auto roles = body.find("roles");
  if (roles == body.end() || !roles->is_array() || roles->empty())
    throw domain::Error::validation("roles", "Назначьте хотя бы одну роль: [{\"role\": ..., \"territory_id\": ...}]");
  for (const auto& item : *roles) {
    if (!item.is_object() || !item.contains("role") || !item["role"].is_string())
      throw domain::Error::validation("roles", "Каждая роль — объект с полем «role»");
    a.roles.push_back({0, 0, item["role"].get<std::string>(), optional_id(item, "territory_id"),
                       optional_id(item, "organisation_id")});
  }
  const bool generated = a.password.empty();
  const auto id = app::create_account_as(ctx.app, *r.caller, a);
  JsonWriter w;
  w.begin_object().field("id", id).field("login", a.login);
  // A generated password is shown exactly once, to the administrator who made it.
  w.key("temporary_password").text_or_null(generated ? a.password : "");
  w.end_object();
  auto resp = json_response(201, std::move(w));
  resp.headers.emplace_back("Location", "/api/v1/accounts/" + std::to_string(id));
  return resp;
}

Response update_account(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  BodyReader b(body);
  app::AccountChanges changes;
  if (body.contains("display_name")) changes.display_name = b.required_text("display_name", 200);
  if (body.contains("email")) changes.email = b.optional_text("email", 254);  // null or "" removes the address
  if (!changes.display_name && !changes.email)
    throw domain::Error::validation("display_name", "Укажите, что изменить: «display_name» или «email»");
  const auto a = app::update_account(ctx.app, *r.caller, r.id(), std::move(changes));
  JsonWriter w;
  write_account(w, a, app::roles_of_account(ctx.app, a.id));
  return json_response(200, std::move(w));
}

Response set_account_state(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const auto it = body.find("is_active");
  if (it == body.end() || !it->is_boolean())
    throw domain::Error::validation("is_active", "Поле «is_active» обязательно: true или false");
  const auto a = app::set_account_active(ctx.app, *r.caller, r.id(), it->get<bool>());
  JsonWriter w;
  write_account(w, a, app::roles_of_account(ctx.app, a.id));
  return json_response(200, std::move(w));
}

Response add_account_role(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const auto role = body.find("role");
  if (role == body.end() || !role->is_string()) throw domain::Error::validation("roles", "Поле «role» обязательно");
  app::add_role(
      ctx.app, *r.caller, r.id(),
      {0, 0, role->get<std::string>(), optional_id(body, "territory_id"), optional_id(body, "organisation_id")});
  return get_account(r, ctx);
}

Response remove_account_role(const Request& r, Context& ctx) {
  app::remove_role(ctx.app, *r.caller, r.id(0), r.id(1));
  return no_content();
}

Response reset_account_password(const Request& r, Context& ctx) {
  const auto password = app::reset_password(ctx.app, *r.caller, r.id());
  JsonWriter w;
  w.begin_object().field("temporary_password", password).end_object();
  return json_response(200, std::move(w));
}

namespace {

// The filters of the audit log, shared by the page and its export.
acc::AuditFilter audit_filter(const QueryReader& q) {
  acc::AuditFilter f;
  f.entity = q.text("entity", 64);
  f.action = q.text("action", 64);
  f.account_id = q.id("account_id");
  f.entity_id = q.id("entity_id");
  f.from = q.text("from", 32);
  f.to = q.text("to", 32);
  f.limit = q.integer("limit", 50, 1, 500);
  f.offset = q.integer("offset", 0, 0, INT32_MAX);
  return f;
}

}  // namespace

Response export_audit(const Request& r, Context& ctx) {
  const QueryReader q(r);
  return file_response(app::export_audit(ctx.app, *r.caller, audit_filter(q), file_format(q)));
}

Response list_audit(const Request& r, Context& ctx) {
  QueryReader q(r);
  const acc::AuditFilter f = audit_filter(q);
  std::int64_t total = 0;
  const auto rows = app::list_audit(ctx.app, *r.caller, f, total);
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& e : rows) {
    w.begin_object()
        .field("id", e.id)
        .field("at", e.at)
        .key("account_id")
        .id_or_null(e.account_id)
        .key("account_login")
        .text_or_null(e.account_login)
        .field("action", e.action)
        .field("entity", e.entity)
        .key("entity_id")
        .id_or_null(e.entity_id)
        .key("before")
        .text_or_null(e.before_json)
        .key("after")
        .text_or_null(e.after_json)
        .key("request_id")
        .text_or_null(e.request_id);
    // The same in words, as the page shows it.
    const auto text = app::audit_text(e);
    w.field("summary", text.summary).key("changes").begin_array();
    for (const auto& c : text.changes)
      w.begin_object().field("field", c.field).field("before", c.before).field("after", c.after).end_object();
    w.end_array().end_object();
  }
  w.end_array().field("total", total).field("limit", f.limit).field("offset", f.offset).end_object();
  return json_response(200, std::move(w));
}

}  // namespace metodist::http::handlers
