// Requests for methodical help. A teacher asks for themself, a
// school's administration for the school; the coordinators of the territory
// (municipal service and above) assign a methodist from those whose methodist
// role covers the school; the methodist answers (a written answer, a
// consultation or a visit); the requester closes the request with a mark or
// sends it back. Overdue requests are flagged and reminded of; statistics per
// municipality for the coordinators.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "storage/help_requests_repository.hpp"

namespace metodist::app {

struct NewHelpRequest {
  std::optional<std::int64_t> organisation_id;  // a school asks; otherwise the caller's own person asks
  std::string topic, subject_area, description, urgency = "normal";
};
storage::help_requests::HelpRequest create_help_request(App& app, const Caller& caller, const NewHelpRequest& r,
                                                        const std::string& request_id = {});

struct HelpRequestView {
  storage::help_requests::HelpRequest request;
  bool overdue = false;
  // What the caller may do with it now.
  bool can_assign = false, can_answer = false, can_close = false, can_cancel = false;
};
// Those the caller asked, was assigned, or oversees (a school, a territory).
// For the start page's to-do: how many new requests wait for the caller to
// assign a methodist (where they coordinate), and how many they see are
// overdue, each with its earliest due date — counted, not listed (a federal
// operator's nine thousand are not a list of 500 with roles worked out per row).
struct HelpWaiting {
  std::int64_t unassigned = 0, overdue = 0;
  std::string unassigned_due, overdue_due;  // ISO, "" when none
};
HelpWaiting help_waiting(App& app, const Caller& caller);

// A page of the requests the caller sees (open ones first, by due date), and
// how many the filter finds in all: a federal operator's are thousands.
struct HelpRequestPage {
  std::vector<HelpRequestView> items;
  std::int64_t total = 0;
};
HelpRequestPage list_help_requests(App& app, const Caller& caller, const storage::help_requests::RequestFilter& f);
HelpRequestView get_help_request(App& app, const Caller& caller, std::int64_t id);
// The methodists a coordinator may assign, with their open requests.
std::vector<storage::help_requests::Methodist> help_request_methodists(App& app, const Caller& caller, std::int64_t id);

HelpRequestView assign_help_request(App& app, const Caller& caller, std::int64_t id, std::int64_t methodist_person_id,
                                    const std::string& request_id = {});
HelpRequestView answer_help_request(App& app, const Caller& caller, std::int64_t id, const std::string& kind,
                                    const std::string& response, const std::string& request_id = {});
// The requester: closes with a mark 1–5 (and a comment), or reopens when not solved.
HelpRequestView close_help_request(App& app, const Caller& caller, std::int64_t id, int rating,
                                   const std::string& comment, const std::string& request_id = {});
HelpRequestView reopen_help_request(App& app, const Caller& caller, std::int64_t id, const std::string& comment,
                                    const std::string& request_id = {});
HelpRequestView cancel_help_request(App& app, const Caller& caller, std::int64_t id,
                                    const std::string& request_id = {});

std::vector<storage::help_requests::MunicipalityStats> help_statistics(App& app, const Caller& caller,
                                                                       const std::string& from, const std::string& to);

}  // namespace metodist::app
