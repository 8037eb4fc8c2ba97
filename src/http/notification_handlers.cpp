// Notifications of the signed-in account and its e-mail setting.
#include "app/notifications.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {

Response list_notifications(const Request& r, Context& ctx) {
  const bool unread_only = QueryReader(r).boolean("unread").value_or(false);
  const auto items = app::my_notifications(ctx.app, *r.caller, unread_only);
  JsonWriter w;
  w.begin_object().field("unread", app::unread_notifications(ctx.app, *r.caller)).key("items").begin_array();
  for (const auto& n : items)
    w.begin_object()
        .field("id", n.id)
        .field("kind", n.kind)
        .field("title", n.title)
        .field("body", n.body)
        .key("link")
        .text_or_null(n.link)
        .field("created_at", n.created_at)
        .key("read_at")
        .text_or_null(n.read_at)
        .end_object();
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response read_notifications(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const auto marked = app::mark_notifications_read(ctx.app, *r.caller, BodyReader(body).optional_id("id"));
  JsonWriter w;
  w.begin_object().field("marked", marked).field("unread", app::unread_notifications(ctx.app, *r.caller)).end_object();
  return json_response(200, std::move(w));
}

Response notification_settings(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object()
      .field("email", app::email_notifications(ctx.app, *r.caller))
      .field("email_configured", !ctx.app.config.smtp_url.empty())
      .end_object();
  return json_response(200, std::move(w));
}

Response update_notification_settings(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const auto it = body.find("email");
  if (it == body.end() || !it->is_boolean()) throw domain::Error::validation("email", "Поле «email» — true или false");
  app::set_email_notifications(ctx.app, *r.caller, it->get<bool>());
  return notification_settings(r, ctx);
}

}  // namespace metodist::http::handlers
