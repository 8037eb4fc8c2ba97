// Methodical events: master classes, open lessons, webinars,
// seminars, conferences, methodical weeks, consultations — with their
// vocabularies, the rules of registration and feedback, and the summary of
// the feedback form the organiser sees.
//
// Event times are local to the event, as the organiser writes them
// («2026-12-01T10:00»): a district's calendar is read in its own time zone, so
// the server compares them with its local clock (deployments set TZ).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/registry.hpp"

namespace metodist::domain {

std::span<const Term> event_kinds();      // master_class, open_lesson, webinar, seminar, ...
std::span<const Term> event_levels();     // school, municipal, regional, interregional, federal
std::span<const Term> event_formats();    // offline, online, hybrid
std::span<const Term> event_audiences();  // teachers, young_teachers, managers, methodists, parents, students
std::span<const Term> event_statuses();   // planned, cancelled

// An event's state, in the order of event_statuses().
enum class EventStatus { planned, cancelled };
inline std::string_view code_of(EventStatus s) noexcept { return code_in(event_statuses(), s); }

// «YYYY-MM-DDTHH:MM», strictly (a real date, hours 00–23, minutes 00–59).
bool is_local_minute(std::string_view text) noexcept;
// The server's local time in that form, `offset` from now.
std::string local_minute_now(std::chrono::minutes offset = std::chrono::minutes(0));

// What an organiser fills in; checked by check_event.
struct EventDraft {
  std::string kind, title, level, starts_at, ends_at, format, place;
  std::vector<std::string> audience;  // codes, at least one
  std::optional<long long> capacity;
};
// Error::validation naming the field: unknown codes, times not in the form
// above, the end before the start, an online event without a link, capacity < 1.
void check_event(const EventDraft& e);

// Why a person may not register now ("" when they may): the event is
// cancelled, has begun, or is full.
std::string registration_problem(bool cancelled, std::string_view starts_at, std::string_view now,
                                 std::optional<long long> capacity, long long registered);
// Why a registered person may not leave feedback now: the event has not begun
// yet, or the organiser marked them absent.
std::string feedback_problem(std::string_view starts_at, std::string_view now, std::optional<bool> attended);

// The feedback form: two marks 1–5 and a comment; its summary for the organiser.
struct FeedbackSummary {
  std::int64_t answers = 0;
  double useful_average = 0, organisation_average = 0;  // 0 when no answers
  std::array<std::int64_t, 5> useful_counts{};          // how many gave 1, 2, 3, 4, 5
  std::array<std::int64_t, 5> organisation_counts{};
};
struct FeedbackAnswer {
  int useful = 0, organisation = 0;
};
FeedbackSummary summarise_feedback(std::span<const FeedbackAnswer> answers);

}  // namespace metodist::domain
