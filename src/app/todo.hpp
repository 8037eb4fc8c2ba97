// What awaits a coordinator, a region's keeper or a school's administration,
// shown first on their start page, before the territory's figures: requests
// for help waiting for a methodist or overdue, monitoring reports to fill (with
// the campaign's window) or to decide, roadmap items past their term,
// applications of a selection to decide; for a school, its teachers with
// deficits and no route, and drafts not sent to them; for a methodist of the
// active, those they support who wait for an answer or a route.
//
// Each kind of work is found by the use case that owns it, under its own
// access rules, so the list holds only what the caller may act on; a section
// the caller does not work in (domain/sections) is not asked at all.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"

namespace metodist::app {

struct TodoItem {
  // help_unassigned | help_overdue | monitoring_fill | monitoring_decide |
  // roadmap_overdue | selection_decide | routes_missing | routes_unsent |
  // support_waiting
  std::string kind;
  std::string title;   // one line, Russian, the count in words
  std::string detail;  // the window or the term: «сбор с 01.09.2025 по 30.09.2025»
  std::int64_t count = 0;
  std::string link;    // a path in the web UI
  std::string due_on;  // ISO date of the nearest due, "" when none
  bool late = false;   // its due has passed
};

// The most pressing first: late ones, then by due date, then by kind.
std::vector<TodoItem> todo_of(App& app, const Caller& caller);

}  // namespace metodist::app
