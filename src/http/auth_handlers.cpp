#include "app/auth.hpp"
#include "app/diagnostics.hpp"
#include "app/monitoring.hpp"
#include "app/password_reset.hpp"
#include "app/sections.hpp"
#include "app/territories.hpp"
#include "domain/access.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

constexpr const char* kCookie = "metodist_session";

// Secure when the browser reached us over TLS (nginx sets X-Forwarded-Proto).
std::string cookie(const Request& r, const std::string& value, const std::string& max_age) {
  std::string c = std::string(kCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + max_age;
  if (const auto* proto = r.header("x-forwarded-proto"); proto && *proto == "https") c += "; Secure";
  return c;
}

void write_caller(JsonWriter& w, app::App& app, const app::Caller& c) {
  w.begin_object()
      .field("account_id", c.account_id)
      .field("login", c.login)
      .field("display_name", c.display_name)
      .key("person_id")
      .id_or_null(c.person_id)
      .field("must_change_password", c.must_change_password)
      .field("csrf_token", c.csrf_token)
      // What the interface may offer; the server checks every request anyway.
      .field("can_write_registry", !app::scope_of(c, domain::Action::write_registry).empty())
      .field("can_write_staff", !app::scope_of(c, domain::Action::write_staff).empty())
      .field("can_manage_accounts", !app::scope_of(c, domain::Action::manage_accounts).empty())
      .field("can_read_audit", !app::scope_of(c, domain::Action::read_audit).empty())
      .field("can_manage_diagnostics", !app::scope_of(c, domain::Action::manage_diagnostics).empty())
      .field("can_edit_framework", app::owns_framework(c))
      .field("can_keep_territories", app::keeps_territories(c))
      .field("can_organise_events", !app::scope_of(c, domain::Action::organise_events).empty())
      .field("can_coordinate_support", !app::scope_of(c, domain::Action::coordinate_support).empty())
      .field("can_read_monitoring", app::reads_monitoring(c));
  // Times are shown in the zone of the person's territory, never as UTC.
  w.field("time_zone", app::caller_time_zone(app, c));
  w.key("sections").begin_array();
  for (const auto& section : app::sections_of(app, c)) w.value(section);
  w.end_array();
  w.key("roles");
  write_roles(w, c.roles);
  w.end_object();
}

}  // namespace

Response login(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  BodyReader b(body);
  const auto who = b.required_text("login", 254);
  const Json* password = body.contains("password") ? &body["password"] : nullptr;
  if (!password || !password->is_string() || password->get<std::string>().empty())
    throw domain::Error::validation("password", "Введите пароль");
  auto result = app::login(ctx.app, who, password->get<std::string>(), r.remote);
  JsonWriter w;
  write_caller(w, ctx.app, result.caller);
  auto resp = json_response(200, std::move(w));
  resp.headers.emplace_back("Set-Cookie", cookie(r, result.token, "43200"));
  return resp;
}

Response logout(const Request& r, Context& ctx) {
  app::logout(ctx.app, *r.caller);
  Response resp = no_content();
  resp.headers.emplace_back("Set-Cookie", cookie(r, "", "0"));
  return resp;
}

Response me(const Request& r, Context& ctx) {
  JsonWriter w;
  write_caller(w, ctx.app, *r.caller);
  return json_response(200, std::move(w));
}

Response change_password(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  auto text = [&](const char* field) {
    const auto it = body.find(field);
    if (it == body.end() || !it->is_string() || it->get<std::string>().empty())
      throw domain::Error::validation(field, std::string("Поле «") + field + "» обязательно");
    return it->get<std::string>();
  };
  app::change_password(ctx.app, *r.caller, text("old_password"), text("new_password"));
  return no_content();
}

Response request_password_reset(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  app::request_password_reset(ctx.app, BodyReader(body).optional_text("login", 254), r.remote);
  JsonWriter w;
  // The same words whoever was asked about: the form does not tell who is registered.
  w.begin_object()
      .field("message",
             "Если учётная запись с таким логином или адресом есть и у неё указана электронная почта, на неё "
             "отправлено письмо со ссылкой для смены пароля. Ссылка действует 60 минут. Письма нет — проверьте "
             "папку «Спам» или обратитесь к администратору.")
      .end_object();
  return json_response(202, std::move(w));
}

Response reset_password(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  // The password as typed, spaces and all (it is never trimmed).
  const auto it = body.find("new_password");
  const std::string password = it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
  app::reset_password(ctx.app, b.optional_text("token", 200), password, r.remote);
  return no_content();
}

Response create_token(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  BodyReader b(body);
  const auto t = app::create_api_token(ctx.app, *r.caller, b.required_text("name", 100));
  JsonWriter w;
  // The token itself is returned this once; the server keeps only its digest.
  w.begin_object()
      .field("id", t.id)
      .field("name", t.name)
      .field("expires_at", t.expires_at)
      .field("token", t.token)
      .end_object();
  return json_response(201, std::move(w));
}

Response list_tokens(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& t : app::api_tokens(ctx.app, *r.caller))
    w.begin_object()
        .field("id", t.id)
        .field("name", t.name)
        .field("created_at", t.created_at)
        .field("expires_at", t.expires_at)
        .end_object();
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response revoke_token(const Request& r, Context& ctx) {
  app::revoke_api_token(ctx.app, *r.caller, r.id());
  return no_content();
}

std::string session_cookie_name() { return kCookie; }

}  // namespace metodist::http::handlers
