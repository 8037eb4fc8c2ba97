#include "storage/events_repository.hpp"

#include "domain/date.hpp"
#include "domain/text.hpp"
#include "storage/competency_tags.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::events {
namespace {

const char* const kEventSelect =
    "SELECT e.id, e.kind, e.title, COALESCE(e.description, '') AS description, e.level, e.territory_id, e.organisation_id,"
    " e.starts_at, e.ends_at, e.format, COALESCE(e.place, '') AS place, e.audience, e.capacity, e.status, t.name,"
    " COALESCE(o.short_name, o.name, '') AS organisation_name,"
    " (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id) AS registered,"
    " (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id AND r.attended = 1) AS attended"
    " FROM events e JOIN territories t ON t.id = e.territory_id LEFT JOIN organisations o ON o.id = e.organisation_id";

std::string join_codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

Event event_from(const Row& r) {
  Event e;
  e.id = r.int64("id");
  e.kind = r.text("kind");
  e.title = r.text("title");
  e.description = r.text("description");
  e.level = r.text("level");
  e.territory_id = r.int64("territory_id");
  e.organisation_id = r.opt_int64("organisation_id");
  e.starts_at = r.text("starts_at");
  e.ends_at = r.text("ends_at");
  e.format = r.text("format");
  e.place = r.text("place");
  e.audience = domain::split_list(r.view("audience"), ',');
  e.capacity = r.opt_int64("capacity");
  e.status = domain::stored_value<domain::EventStatus>(domain::event_statuses(), r.view("status"));
  e.territory_name = r.text("name");
  e.organisation_name = r.text("organisation_name");
  e.registered = r.int64("registered");
  e.attended = r.int64("attended");
  return e;
}

const std::string kRegistrationSelect =
    "SELECT r.id, r.event_id, r.person_id, r.registered_at, r.attended, r.rating_useful, r.rating_organisation,"
    " COALESCE(r.feedback_comment, '') AS feedback_comment, COALESCE(r.feedback_at, '') AS feedback_at,"
    " p.last_name || ' ' || p.first_name || COALESCE(' ' || p.middle_name, '') AS person_name,"
    " COALESCE((SELECT COALESCE(o.short_name, o.name) FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
    "  WHERE ps.person_id = p.id AND " +
    registry::current_workplace("ps") +
    " ORDER BY ps.id LIMIT 1), '') AS organisation_name"
    " FROM event_registrations r JOIN persons p ON p.id = r.person_id";

Registration registration_from(const Row& r) {
  Registration g;
  g.id = r.int64("id");
  g.event_id = r.int64("event_id");
  g.person_id = r.int64("person_id");
  g.registered_at = r.text("registered_at");
  if (!r.is_null("attended")) g.attended = r.flag("attended");
  if (!r.is_null("rating_useful")) g.rating_useful = static_cast<int>(r.int64("rating_useful"));
  if (!r.is_null("rating_organisation")) g.rating_organisation = static_cast<int>(r.int64("rating_organisation"));
  g.feedback_comment = r.text("feedback_comment");
  g.feedback_at = r.text("feedback_at");
  g.person_name = r.text("person_name");
  g.organisation_name = r.text("organisation_name");
  return g;
}

}  // namespace

std::int64_t insert_event(Connection& c, const Event& e, std::optional<std::int64_t> account_id) {
  const auto now = domain::utc_timestamp_now();
  return c.scalar(
      "INSERT INTO events (kind, title, description, level, territory_id, organisation_id, starts_at, ends_at, format,"
      " place, audience, capacity, status, created_by, created_at, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
      {e.kind, e.title, text_or_null(e.description), e.level, e.territory_id, id_or_null(e.organisation_id),
       e.starts_at, e.ends_at, e.format, text_or_null(e.place), join_codes(e.audience), id_or_null(e.capacity),
       std::string(domain::code_of(e.status)), id_or_null(account_id), now});
}

void update_event(Connection& c, const Event& e) {
  c.execute(
      "UPDATE events SET kind = $2, title = $3, description = $4, level = $5, starts_at = $6, ends_at = $7,"
      " format = $8, place = $9, audience = $10, capacity = $11, status = $12, updated_at = $13 WHERE id = $1",
      {e.id, e.kind, e.title, text_or_null(e.description), e.level, e.starts_at, e.ends_at, e.format,
       text_or_null(e.place), join_codes(e.audience), id_or_null(e.capacity), std::string(domain::code_of(e.status)),
       domain::utc_timestamp_now()});
}

std::optional<Event> find_event(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kEventSelect) + " WHERE e.id = $1", {id});
  if (!row) return std::nullopt;
  std::vector<Event> one{event_from(*row)};
  tags::fill_codes(c, tags::Tagged::event, one);
  return one.front();
}

std::vector<Event> events_created_by(Connection& c, std::int64_t account_id, const std::string& from) {
  std::vector<Event> out;
  c.run(std::string(kEventSelect) + " WHERE e.created_by = $1 AND e.ends_at >= $2 ORDER BY e.starts_at, e.id",
        {account_id, from}, [&](const Row& r) { out.push_back(event_from(r)); });
  return out;
}

std::vector<Event> list_events(Connection& c, const EventFilter& f, const domain::Scope& scope) {
  Params params;
  std::string sql = std::string(kEventSelect) + " WHERE " + registry::territory_scope(scope, params, "t");
  // Overlap with [from, to]: starts on or before `to`, ends on or after `from`.
  if (!f.to.empty()) sql += " AND e.starts_at < " + registry::placeholder(params, f.to + "T24:00");
  if (!f.from.empty()) sql += " AND e.ends_at >= " + registry::placeholder(params, f.from);
  if (!f.kind.empty()) sql += " AND e.kind = " + registry::placeholder(params, f.kind);
  if (!f.level.empty()) sql += " AND e.level = " + registry::placeholder(params, f.level);
  if (f.territory_id)
    sql += " AND e.territory_id IN " + registry::subtree(registry::placeholder(params, *f.territory_id));
  if (f.person_id)
    sql += " AND e.id IN (SELECT event_id FROM event_registrations WHERE person_id = " +
           registry::placeholder(params, *f.person_id) + ")";
  // Titles are few per calendar: folded in C++ below rather than stored as a key.
  sql += " ORDER BY e.starts_at, e.id";
  const auto query = domain::fold_for_search(f.query);
  std::vector<Event> out;
  c.run(sql, params, [&](const Row& r) {
    if (out.size() >= f.limit) return;
    auto e = event_from(r);
    if (!query.empty() && domain::fold_for_search(e.title).find(query) == std::string::npos) return;
    out.push_back(std::move(e));
  });
  tags::fill_codes(c, tags::Tagged::event, out);
  return out;
}

std::int64_t insert_registration(Connection& c, std::int64_t event_id, std::int64_t person_id) {
  return c.scalar(
      "INSERT INTO event_registrations (event_id, person_id, registered_at) VALUES ($1, $2, $3) RETURNING id",
      {event_id, person_id, domain::utc_timestamp_now()});
}

std::optional<Registration> find_registration(Connection& c, std::int64_t event_id, std::int64_t person_id) {
  auto row = c.query_one(std::string(kRegistrationSelect) + " WHERE r.event_id = $1 AND r.person_id = $2",
                         {event_id, person_id});
  if (!row) return std::nullopt;
  return registration_from(*row);
}

void delete_registration(Connection& c, std::int64_t id) {
  c.execute("DELETE FROM event_registrations WHERE id = $1", {id});
}

std::vector<Registration> registrations_of(Connection& c, std::int64_t event_id) {
  std::vector<Registration> out;
  c.run(std::string(kRegistrationSelect) + " WHERE r.event_id = $1 ORDER BY p.last_name, p.first_name, r.id",
        {event_id}, [&](const Row& r) { out.push_back(registration_from(r)); });
  return out;
}

void set_attended(Connection& c, std::int64_t id, std::optional<bool> attended) {
  c.execute("UPDATE event_registrations SET attended = $2 WHERE id = $1",
            {id, attended ? flag(*attended) : Value{nullptr}});
}

void set_feedback(Connection& c, std::int64_t id, int useful, int organisation, const std::string& comment) {
  c.execute(
      "UPDATE event_registrations SET rating_useful = $2, rating_organisation = $3, feedback_comment = $4,"
      " feedback_at = $5 WHERE id = $1",
      {id, std::int64_t{useful}, std::int64_t{organisation}, text_or_null(comment), domain::utc_timestamp_now()});
}

std::vector<ReminderDue> reminders_due(Connection& c, const std::string& now, const std::string& soon,
                                       const std::string& week_ago) {
  std::vector<ReminderDue> out;
  c.run(
      "SELECT e.id, r.person_id, e.title, e.starts_at, CASE WHEN e.starts_at > $1 THEN 1 ELSE 0 END AS soon"
      " FROM events e JOIN event_registrations r ON r.event_id = e.id"
      " WHERE e.status = " +
          registry::literal(domain::EventStatus::planned) +
          " AND ((e.starts_at > $1 AND e.starts_at <= $2)"
          "  OR (e.ends_at <= $1 AND e.ends_at > $3 AND r.feedback_at IS NULL AND (r.attended IS NULL OR r.attended = 1)))",
      {now, soon, week_ago}, [&](const Row& r) {
        out.push_back({r.int64("id"), r.int64("person_id"), r.text("title"), r.text("starts_at"), r.flag("soon")});
      });
  return out;
}

std::int64_t insert_material(Connection& c, const Material& m) {
  return c.scalar("INSERT INTO event_materials (event_id, title, url, added_at) VALUES ($1, $2, $3, $4) RETURNING id",
                  {m.event_id, m.title, m.url, domain::utc_timestamp_now()});
}

std::vector<Material> materials_of(Connection& c, std::int64_t event_id) {
  std::vector<Material> out;
  c.run("SELECT id, event_id, title, url, added_at FROM event_materials WHERE event_id = $1 ORDER BY id", {event_id},
        [&](const Row& r) {
          out.push_back({r.int64("id"), r.int64("event_id"), r.text("title"), r.text("url"), r.text("added_at")});
        });
  return out;
}

}  // namespace metodist::storage::events
