// SQL for requests for methodical help. The caller owns the
// transaction and the access checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/help_requests.hpp"
#include "storage/database.hpp"

namespace metodist::storage::help_requests {

struct HelpRequest {
  std::int64_t id = 0, organisation_id = 0;
  std::optional<std::int64_t> person_id, created_by, methodist_person_id;
  std::string topic, subject_area, description, urgency;
  domain::HelpStatus status = domain::HelpStatus::fresh;
  std::string due_on;
  std::string assigned_at, response_kind, response, answered_at;
  std::optional<int> rating;
  std::string rating_comment, closed_at, created_at;
  // Read only:
  std::string organisation_name, person_name, methodist_name, territory_name;
  std::int64_t territory_id = 0;
};
// created_at: when it was received (a request from a journal kept before: that
// day); empty — now.
std::int64_t insert_request(Connection& c, const HelpRequest& r);
std::optional<HelpRequest> find_request(Connection& c, std::int64_t id);
// Everything but ids and creation.
void update_request(Connection& c, const HelpRequest& r);

// Who sees which requests: those of organisations within `organisations`,
// those the `person` asked, and those assigned to the `person` as methodist.
struct Visibility {
  domain::Scope organisations;
  std::optional<std::int64_t> person;
};
struct RequestFilter {
  std::string status;  // a status, or "open" (new, assigned), or "overdue" (open and due before `today`)
  std::string today;
  std::optional<std::int64_t> methodist;  // assigned to this person
  std::size_t limit = 50;                 // a page of the list: `limit` rows from `offset`
  std::size_t offset = 0;
};
std::vector<HelpRequest> list_requests(Connection& c, const RequestFilter& f, const Visibility& v);
// How many requests the list would hold without its limit, and the earliest
// due date among them ("" when none): what a count needs, not the rows.
struct RequestTally {
  std::int64_t count = 0;
  std::string earliest_due;
};
RequestTally tally_requests(Connection& c, const RequestFilter& f, const Visibility& v);

// Per municipality within the scope, as of `today`, for requests made in [from, to].
struct MunicipalityStats {
  std::int64_t territory_id = 0;
  std::string territory_name;
  std::int64_t total = 0, open = 0, overdue = 0, answered = 0, closed = 0;
  std::int64_t answered_in_time = 0;  // answered on or before the due day
  std::int64_t rated = 0;
  double rating_average = 0;  // over rated requests; 0 when none
};
std::vector<MunicipalityStats> stats_by_municipality(Connection& c, const domain::Scope& scope, const std::string& from,
                                                     const std::string& to, const std::string& today);

// Methodists who may take a request of an organisation: persons whose
// account has the methodist role over a territory containing it, with the
// number of requests they have open now.
struct Methodist {
  std::int64_t person_id = 0;
  std::string name;
  std::int64_t open_requests = 0;
};
std::vector<Methodist> methodists_for(Connection& c, std::int64_t organisation_id);

// Open requests past their due day (for the reminders).
std::vector<HelpRequest> overdue_requests(Connection& c, const std::string& today);

}  // namespace metodist::storage::help_requests
