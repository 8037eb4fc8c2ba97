// Individual educational routes (ИОМ).
//
// A route is as confidential as the diagnostics it is built from: the person
// and the administration of their organisation see it (Action::read_diagnostics;
// the accompanying methodist joins with the methodists' assignments of the active). The
// administration drafts it — from the person's current deficits, each with a
// program of the registry that develops it where there is one — the teacher
// agrees with one click, rows are marked done with their evidence, and the
// route is completed when all are (domain/route.hpp says who moves it where).
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
std::vector<storage::routes::Route> person_routes(App& app, const Caller& caller, std::int64_t person_id);
storage::routes::Route get_route(App& app, const Caller& caller, std::int64_t id);
// The rows of a draft, replaced as a whole (the form edits the table).
storage::routes::Route update_route_rows(App& app, const Caller& caller, std::int64_t id,
                                         std::vector<storage::routes::Row> rows, const std::string& request_id = {});
storage::routes::Route change_route_status(App& app, const Caller& caller, std::int64_t id, domain::RouteStatus to,
                                           const std::string& request_id = {});
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

struct ExportFile;
// The route as a table (XLSX or CSV), to print or send.
ExportFile export_route(App& app, const Caller& caller, std::int64_t id, const std::string& format);

}  // namespace metodist::app
