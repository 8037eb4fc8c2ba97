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

// Why `who` may not move a route from `from` to `to` (with `rows` rows, of
// which `rows_done` are marked done); "" when the move is allowed.
//   draft → agreed:        the person confirms (an administrator may, on paper
//                          confirmation); a route without rows cannot be agreed.
//   agreed → draft:        the author takes it back to revise (the person re-confirms).
//   agreed → in_progress:  the author or the person starts it.
//   in_progress → completed: the author or an administrator, once every row is done.
//   in_progress → agreed:  never: rows once started stay started.
std::string route_transition_problem(RouteStatus from, RouteStatus to, RouteActor who, std::size_t rows,
                                     std::size_t rows_done);

}  // namespace metodist::domain
