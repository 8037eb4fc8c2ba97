// Individual educational routes (ИОМ).
//
// A route is as confidential as the diagnostics it is built from: the person
// and the administration of their organisation see it (Action::read_diagnostics;
// the accompanying methodist joins with the methodists' assignments of the active). The
// administration drafts it — from the person's current deficits, each with a
// program of the registry that develops it where there is one — and sends it
// to the teacher (who is notified); the teacher agrees with one click, rows are marked done with their evidence, and
// the route is completed when all are (domain/route.hpp says who moves it where).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "storage/routes_repository.hpp"

namespace metodist::app {

struct NewRoute {
  std::int64_t person_id = 0;
  std::string period_from, period_to;  // ISO dates
  std::string tutor;                   // the accompanying methodist or tutor, as named
  bool from_deficits = true;           // draft a row per current deficit
};
storage::routes::Route create_route(App& app, const Caller& caller, const NewRoute& draft,
                                    const std::string& request_id = {});
struct PersonRoutes {
  std::vector<storage::routes::Route> routes;  // newest first, each with the caller's actions
  bool can_draft = false;                      // the caller may draft a new one for the person
};
PersonRoutes person_routes(App& app, const Caller& caller, std::int64_t person_id);
storage::routes::Route get_route(App& app, const Caller& caller, std::int64_t id);
// The rows of a draft, replaced as a whole (the form edits the table).
storage::routes::Route update_route_rows(App& app, const Caller& caller, std::int64_t id,
                                         std::vector<storage::routes::Row> rows, const std::string& request_id = {});
storage::routes::Route change_route_status(App& app, const Caller& caller, std::int64_t id, domain::RouteStatus to,
                                           const std::string& request_id = {});
// A draft sent to the person to agree: they are notified, and may agree it
// (domain::route_send_problem says who sends what).
storage::routes::Route send_route(App& app, const Caller& caller, std::int64_t id, const std::string& request_id = {});
// A row of a route in progress marked done (or not) with its evidence.
storage::routes::Route mark_route_row(App& app, const Caller& caller, std::int64_t id, std::int64_t row_id, bool done,
                                      const std::string& evidence, const std::string& request_id = {});

// Draft routes for everyone tested in a campaign whose deficits are current
// and who has no route in work, among the persons whose diagnostics the caller
// administers (a school for its teachers). One transaction; audited per route.
struct BulkRoutes {
  std::size_t created = 0;
  std::size_t already_have = 0;  // a route not yet completed exists
  std::size_t without_deficits = 0;
};
BulkRoutes draft_routes_for_campaign(App& app, const Caller& caller, std::int64_t campaign_id,
                                     const std::string& period_from, const std::string& period_to,
                                     const std::string& request_id = {});

// The teachers of the organisations whose diagnostics the caller administers
// (a school's administration; a methodist's supported schools) awaiting a
// route — current deficits and no route in work — and those whose draft is
// not sent yet. Territory-wide reach is not walked person by person: a
// region's keepers do not draft routes one at a time.
struct RoutesAwaiting {
  std::size_t without_route = 0;
  std::size_t unsent_drafts = 0;
  std::int64_t first_unsent_person = 0;  // whose card to open first
};
RoutesAwaiting routes_awaiting(App& app, const Caller& caller);

struct ExportFile;
// The route as a table (XLSX or CSV), to print or send.
ExportFile export_route(App& app, const Caller& caller, std::int64_t id, const std::string& format);

}  // namespace metodist::app
