// SQL for events, their registrations, materials and feedback.
// The caller owns the transaction and the access checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/events.hpp"
#include "storage/database.hpp"

namespace metodist::storage::events {

struct Event {
  std::int64_t id = 0;
  std::string kind, title, description, level;
  std::int64_t territory_id = 0;
  std::optional<std::int64_t> organisation_id;
  std::string starts_at, ends_at, format, place;
  std::vector<std::string> audience;
  std::optional<std::int64_t> capacity;
  domain::EventStatus status = domain::EventStatus::planned;
  std::vector<std::string> competencies;  // codes it develops (written with storage::tags)
  // Read only:
  std::string territory_name, organisation_name;
  std::int64_t registered = 0, attended = 0;
};
std::int64_t insert_event(Connection& c, const Event& e, std::optional<std::int64_t> account_id);
void update_event(Connection& c, const Event& e);  // everything but ids and counts
std::optional<Event> find_event(Connection& c, std::int64_t id);

struct EventFilter {
  std::string from, to;                      // ISO dates: events overlapping [from, to]
  std::string kind, level, query;            // query: a part of the title, any case
  std::optional<std::int64_t> territory_id;  // within this territory's subtree
  std::optional<std::int64_t> person_id;     // only those the person registered for
  std::size_t limit = 500;
};
// Events an account created, from `from` (ISO date) on, by start.
std::vector<Event> events_created_by(Connection& c, std::int64_t account_id, const std::string& from);
// Events whose territory the scope sees, by start.
std::vector<Event> list_events(Connection& c, const EventFilter& f, const domain::Scope& scope);

struct Registration {
  std::int64_t id = 0, event_id = 0, person_id = 0;
  std::string registered_at;
  std::optional<bool> attended;
  std::optional<int> rating_useful, rating_organisation;
  std::string feedback_comment, feedback_at;
  std::string person_name, organisation_name;  // read only
};
std::int64_t insert_registration(Connection& c, std::int64_t event_id, std::int64_t person_id);
std::optional<Registration> find_registration(Connection& c, std::int64_t event_id, std::int64_t person_id);
void delete_registration(Connection& c, std::int64_t id);
std::vector<Registration> registrations_of(Connection& c, std::int64_t event_id);
void set_attended(Connection& c, std::int64_t id, std::optional<bool> attended);
void set_feedback(Connection& c, std::int64_t id, int useful, int organisation, const std::string& comment);

// Who is to be reminded of what: those registered for an event starting in
// (now, soon] (`soon` true), and, for a week after it ends, those who came or
// were not marked and have not answered the feedback form.
struct ReminderDue {
  std::int64_t event_id = 0, person_id = 0;
  std::string title, starts_at;
  bool soon = false;
};
std::vector<ReminderDue> reminders_due(Connection& c, const std::string& now, const std::string& soon,
                                       const std::string& week_ago);

struct Material {
  std::int64_t id = 0, event_id = 0;
  std::string title, url, added_at;
};
std::int64_t insert_material(Connection& c, const Material& m);
std::vector<Material> materials_of(Connection& c, std::int64_t event_id);

}  // namespace metodist::storage::events
