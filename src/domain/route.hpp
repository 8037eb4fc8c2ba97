// The individual educational route (ИОМ) workflow.
//
// A methodist or tutor (the author) drafts the route; the teacher confirms it
// with one click (teachers' paperwork is a real complaint, so confirming is
// all they must do); work then goes on row by row and the route is completed
// when every row is marked done. The rules say who may move a route where,
// and why not, in words the UI shows as they are.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/registry.hpp"

namespace metodist::domain {

// A route's state, in the order of route_statuses().
enum class RouteStatus { draft, agreed, in_progress, completed };
// Who acts on a route: its author (methodist or tutor), the person it is for,
// or an administrator of the person's organisation or territory.
enum class RouteActor { author, person, administrator };

// draft → agreed → in_progress → completed, with Russian titles.
std::span<const Term> route_statuses();
inline std::string_view code_of(RouteStatus s) noexcept { return code_in(route_statuses(), s); }

// Kinds of activity in a route row: program, event, internship, mentoring,
// self-study, master class.
std::span<const Term> route_activity_kinds();

// Where a route stands, as the rules need it.
struct RouteFacts {
  RouteStatus status = RouteStatus::draft;
  bool sent = false;  // a draft the author sent the person to agree
  std::size_t rows = 0, rows_done = 0;
};

// Why `who` may not move a route from where it stands to `to`; "" when the
// move is allowed.
//   draft → agreed:        the person confirms once the draft is sent to them
//                          (an administrator may, on paper confirmation); a
//                          route without rows cannot be agreed.
//   agreed → draft:        the author takes it back to revise (the person re-confirms).
//   agreed → in_progress:  the author or the person starts it.
//   in_progress → completed: the author or an administrator, once every row is done.
//   in_progress → agreed:  never: rows once started stay started.
std::string route_transition_problem(const RouteFacts& now, RouteStatus to, RouteActor who);

// Why `who` may not send a draft to the person to agree; "" when they may:
// the author or an administrator, a draft with rows, not sent yet.
std::string route_send_problem(const RouteFacts& now, RouteActor who);

// What a caller playing `actors` may do with the route now, as the UI offers
// it: "edit" (the rows of a draft), "send", "agree", "revise", "start",
// "complete", "mark" (a row done). Each is allowed by the rules above.
std::vector<std::string_view> route_actions(const RouteFacts& now, std::span<const RouteActor> actors);

}  // namespace metodist::domain
