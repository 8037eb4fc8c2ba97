// History brought in from a region's own files, with its dates: courses taken
// (completions), who came to past events (attendance), members of methodical
// associations and communities (memberships). Internal to app/ (import.hpp is
// the entry point).
//
// Each row is checked and applied in the open transaction, in file order,
// under the same rules as the browser: completions by whoever runs the
// program's professional development, attendance by the event's organiser,
// memberships by the community's keeper. The caller rolls the transaction
// back for a dry run or when any row has a problem.
#pragma once

#include "app/import.hpp"
#include "storage/database.hpp"

namespace metodist::app {

void apply_completion_rows(App& app, storage::Connection& c, const Caller& caller, const io::Table& table,
                           ImportReport& report, const ImportProgress& progress);
void apply_attendance_rows(App& app, storage::Connection& c, const Caller& caller, const io::Table& table,
                           ImportReport& report, const ImportProgress& progress);
// Methodists of the active and whom they supported (a school or a teacher), with dates.
void apply_assignment_rows(App& app, storage::Connection& c, const Caller& caller, const io::Table& table,
                           ImportReport& report, const ImportProgress& progress);
// Pairs of mentor and mentee in a school's mentoring program, with their dates.
void apply_mentoring_pair_rows(App& app, storage::Connection& c, const Caller& caller, const io::Table& table,
                               ImportReport& report, const ImportProgress& progress);
// Requests for methodical help from a journal kept before, with their dates.
void apply_help_request_rows(App& app, storage::Connection& c, const Caller& caller, const io::Table& table,
                             ImportReport& report, const ImportProgress& progress);
void apply_membership_rows(App& app, storage::Connection& c, const Caller& caller, const io::Table& table,
                           ImportReport& report, const ImportProgress& progress);

}  // namespace metodist::app
