// The methodical active: selection campaigns with eligibility rules
// and stages kept as data, applications by the candidate or nominated by a
// school or municipality, scores, decisions and the order (приказ) that fixes
// the list; membership with its history; completeness of the municipal
// active's school teams; which methodist supports which school or teacher
// (with an automatic proposal); and the methodist's recorded work.
//
// Kept by the coordinators of the territory (coordinate_support): the region
// for the regional active (РМА), the municipality for the municipal one (ММА).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "app/export.hpp"
#include "domain/active.hpp"
#include "domain/route.hpp"
#include "storage/active_repository.hpp"
#include "storage/events_repository.hpp"
#include "storage/routes_repository.hpp"

namespace metodist::app {

// A selection's rules and stages as stored (JSON text), for the use cases and the demo.
std::string rules_json(const std::vector<domain::EligibilityRule>& rules);
std::string stages_json(const std::vector<domain::SelectionStage>& stages);

struct SelectionDraft {
  std::string level, title, description, applications_from, applications_to;
  std::int64_t territory_id = 0;
  std::optional<std::vector<domain::EligibilityRule>> rules;  // default: the Ermakovsky district order № 255-02
  std::optional<std::vector<domain::SelectionStage>> stages;  // default: three stages
};
struct ApplicationView {
  storage::active::Application application;
  domain::Eligibility eligibility;
  domain::StageOutcome stages;
};
struct SelectionCard {
  storage::active::Selection selection;
  std::vector<domain::EligibilityRule> rules;
  std::vector<domain::SelectionStage> stages;
  bool can_manage = false;
  std::vector<ApplicationView> applications;  // all for those who manage; one's own otherwise
  std::optional<storage::active::Order> order;
};

std::vector<storage::active::Selection> list_selections(App& app, const Caller& caller);
SelectionCard get_selection(App& app, const Caller& caller, std::int64_t id);
std::int64_t create_selection(App& app, const Caller& caller, const SelectionDraft& draft,
                              const std::string& request_id = {});

struct ApplicationDraft {
  std::int64_t person_id = 0;
  std::string direction, subject_area, portfolio;
  bool ege_expert = false, community_leader = false, high_results = false;
};
// The candidate applies; a school (its administration) or the municipality
// nominates. Within the application window and the selection's territory.
ApplicationView apply_to_selection(App& app, const Caller& caller, std::int64_t selection_id,
                                   const ApplicationDraft& draft, const std::string& request_id = {});
ApplicationView score_application(App& app, const Caller& caller, std::int64_t id, const std::string& stage,
                                  double score, const std::string& comment, const std::string& request_id = {});
// accepted (only when eligible and every stage passed) | rejected | withdrawn (the candidate).
ApplicationView decide_application(App& app, const Caller& caller, std::int64_t id, domain::ApplicationStatus status,
                                   const std::string& note, const std::string& request_id = {});
// Fixes the accepted candidates as members by an order with its number and
// date; the selection is decided. Returns the order.
storage::active::Order issue_selection_order(App& app, const Caller& caller, std::int64_t selection_id,
                                             const std::string& number, const std::string& issued_on,
                                             const std::string& request_id = {});
// The order as a document: PDF with its members.
ExportFile order_document(App& app, const Caller& caller, std::int64_t order_id);

std::vector<storage::active::Member> list_active_members(App& app, const Caller& caller,
                                                         const storage::active::MemberFilter& f);
struct MemberDraft {
  std::string level;
  std::int64_t territory_id = 0, person_id = 0;
  std::string direction, subject_area;
  int capacity = 10;
  std::string order_number, order_date;
};
// A change during the year: included by an order of its own.
storage::active::Member add_active_member(App& app, const Caller& caller, const MemberDraft& draft,
                                          const std::string& request_id = {});
// Leaving the last active also ends the person's support assignments.
storage::active::Member end_active_member(App& app, const Caller& caller, std::int64_t id, const std::string& ends_on,
                                          const std::string& order_number, const std::string& order_date,
                                          const std::string& reason, const std::string& request_id = {});

struct SchoolTeam {
  std::int64_t organisation_id = 0;
  std::string name;
  bool shnor = false;
  std::vector<storage::active::TeamRow> members;
  std::vector<std::string> problems;  // empty: complete
};
std::vector<SchoolTeam> school_teams(App& app, const Caller& caller, std::int64_t municipality_id);

std::vector<storage::active::Assignment> list_assignments(App& app, const Caller& caller, std::int64_t territory_id);
struct AssignmentDraft {
  std::int64_t methodist_person_id = 0;
  std::optional<std::int64_t> organisation_id, person_id;
  std::string starts_on;  // as written; empty: today. A past date records support that began earlier.
  std::string ends_on;    // as written; empty: still running (history files end past assignments)
};
// One transaction for the whole list (a proposal accepted at once); each
// methodist must be a member of the active with spare capacity.
std::vector<storage::active::Assignment> assign_methodists(App& app, const Caller& caller,
                                                           const std::vector<AssignmentDraft>& drafts,
                                                           const std::string& request_id = {});
// One assignment inside a transaction the caller holds (the list above, the
// assignments import). Throws domain::Error naming the field.
storage::active::Assignment assign_methodist(App& app, storage::Connection& c, const Caller& caller,
                                             const AssignmentDraft& d, const std::string& request_id);
void end_assignment(App& app, const Caller& caller, std::int64_t id, const std::string& request_id = {});
// ШНОР schools and teachers with deficits of the territory, spread over its
// active's methodists (domain::propose_assignments); nothing is saved.
std::vector<domain::AssignmentProposal> propose_assignments(App& app, const Caller& caller, std::int64_t territory_id);

// The methodist's own work.
storage::active::Activity record_activity(App& app, const Caller& caller, storage::active::Activity draft,
                                          const std::string& request_id = {});
struct SupportedView {
  storage::active::Assignment assignment;
  int deficits = -1;                                // a teacher's current deficits; -1 for a school
  std::optional<domain::RouteStatus> route_status;  // the teacher's latest route, if any
  bool route_sent = false;                          // that route, a draft, was sent to the teacher to agree
  std::int64_t unread = 0;                          // messages from the teacher not read yet
  std::vector<domain::SupportTask> tasks;           // what they wait for from the methodist
};
struct Cabinet {
  std::vector<storage::active::Member> memberships;
  std::vector<SupportedView> supported;
  std::vector<storage::active::Activity> activities;  // this school year
  std::string year_from, year_to;
  std::vector<storage::events::Event> my_events;    // held from the start of the school year
  std::vector<storage::routes::Route> my_routes;    // drafted and not completed
  std::vector<storage::active::Feedback> feedback;  // from those supported
  double feedback_average = 0;                      // 0 when none
};
Cabinet methodist_cabinet(App& app, const Caller& caller);
// Only the cabinet's «кого я сопровождаю», for the start page's «Что ждёт вас»
// (the rest of the cabinet is not read); empty for an account with no person.
std::vector<SupportedView> supported_by_me(App& app, const Caller& caller);
// Messages between a methodist and someone they support (either side calls
// it with the other's person id); reading marks the other side's messages read.
struct SupportThread {
  std::int64_t methodist_person_id = 0, person_id = 0;
  std::vector<storage::active::Message> messages;
};
SupportThread support_thread(App& app, const Caller& caller, std::int64_t other_person_id);
storage::active::Message send_support_message(App& app, const Caller& caller, std::int64_t other_person_id,
                                              const std::string& body);
// Who supports the caller now (a teacher's «my methodists»).
std::vector<storage::active::Supporter> my_supporters(App& app, const Caller& caller);
// The supported person's mark (1–5) and comment on the methodist's support; once a day.
void give_support_feedback(App& app, const Caller& caller, std::int64_t methodist_person_id, int rating,
                           const std::string& comment, const std::string& request_id = {});

// The active's work plan for a school year («2026/2027»), each item with the
// end of its term as written (domain::parse_term; months of January–August are
// the second calendar year) and whether it is overdue.
struct PlanItemView {
  storage::active::PlanItem item;
  std::string due_on;         // empty when the term is not understood
  bool term_flagged = false;  // wording kept, not normalised
  bool overdue = false;       // planned and past its term
};
std::vector<PlanItemView> active_plan(App& app, const Caller& caller, std::int64_t territory_id,
                                      const std::string& level, const std::string& school_year);
storage::active::PlanItem add_plan_item(App& app, const Caller& caller, storage::active::PlanItem draft,
                                        const std::string& request_id = {});
storage::active::PlanItem update_plan_item(App& app, const Caller& caller, std::int64_t id,
                                           domain::PlanItemStatus status, const std::string& report,
                                           const std::string& request_id = {});

// The activity analysis report (the Ermakovsky district order № 255-02 §5) of a territory's active for a period.
ExportFile activity_report(App& app, const Caller& caller, std::int64_t territory_id, const std::string& level,
                           const std::string& from, const std::string& to, const std::string& format);

}  // namespace metodist::app
