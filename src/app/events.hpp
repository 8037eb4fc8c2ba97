// Methodical events: the calendar of the caller's territory,
// organising (administering roles, a school's administration for its school,
// methodists), registration by the person or their school, attendance, links
// to materials, the feedback form and its summary for the organiser, export.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "app/export.hpp"
#include "domain/events.hpp"
#include "storage/events_repository.hpp"

namespace metodist::app {

struct EventCard {
  storage::events::Event event;
  std::vector<storage::events::Material> materials;
  bool can_manage = false;                            // the caller organises it
  std::optional<storage::events::Registration> mine;  // the caller's own registration
  std::optional<domain::FeedbackSummary> feedback;    // for the organiser
  std::vector<std::string> comments;                  // feedback comments, for the organiser
};

std::vector<storage::events::Event> list_events(App& app, const Caller& caller, const storage::events::EventFilter& f);
EventCard get_event(App& app, const Caller& caller, std::int64_t id);
// `draft.organisation_id` set: a school's event, in its territory; otherwise
// `draft.territory_id` names the territory whose calendar it goes to.
// Whether the caller organises this event: its organisation, or its territory,
// lies within the caller's organise_events scope. The rule behind every change
// of an event, its list and attendance — and behind the attendance import.
bool organises_event(storage::Connection& c, const Caller& caller, const storage::events::Event& e);

std::int64_t create_event(App& app, const Caller& caller, storage::events::Event draft,
                          const std::string& request_id = {});
// Changes what the organiser wrote; status «cancelled» tells everyone registered.
// The competencies it develops are replaced when given, kept otherwise.
storage::events::Event update_event(App& app, const Caller& caller, std::int64_t id, storage::events::Event draft,
                                    const std::string& request_id = {}, bool competencies_given = true);

// The person themself, or their school's administration, registers them.
storage::events::Registration register_for_event(App& app, const Caller& caller, std::int64_t event_id,
                                                 std::int64_t person_id, const std::string& request_id = {});
void cancel_registration(App& app, const Caller& caller, std::int64_t event_id, std::int64_t person_id,
                         const std::string& request_id = {});
std::vector<storage::events::Registration> event_participants(App& app, const Caller& caller, std::int64_t event_id);
// The organiser marks who came: person id → came (true), absent (false), unknown (nullopt).
void mark_attendance(App& app, const Caller& caller, std::int64_t event_id,
                     const std::vector<std::pair<std::int64_t, std::optional<bool>>>& marks,
                     const std::string& request_id = {});
// The caller's own answers to the feedback form (marks 1–5, a comment).
void leave_feedback(App& app, const Caller& caller, std::int64_t event_id, int useful, int organisation,
                    const std::string& comment, const std::string& request_id = {});
storage::events::Material add_event_material(App& app, const Caller& caller, std::int64_t event_id,
                                             const std::string& title, const std::string& url,
                                             const std::string& request_id = {});
ExportFile export_events(App& app, const Caller& caller, const storage::events::EventFilter& f,
                         const std::string& format);

// A link as materials need it: http(s) only, so a «javascript:» link never
// reaches a page; field names the field in the error.
void check_link(const std::string& url, const char* field);

}  // namespace metodist::app
