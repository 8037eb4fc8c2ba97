// The methodical active (issue 6): selection campaigns with eligibility rules
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
#include "storage/active_repository.hpp"

namespace metodist::app {

struct SelectionDraft {
  std::string level, title, description, applications_from, applications_to;
  std::int64_t territory_id = 0;
  std::optional<std::vector<domain::EligibilityRule>> rules;  // default: seed 004
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
std::int64_t create_selection(App& app, const Caller& caller, const SelectionDraft& draft, const std::string& request_id = {});

struct ApplicationDraft {
  std::int64_t person_id = 0;
  std::string direction, subject_area, portfolio;
  bool ege_expert = false, community_leader = false, high_results = false;
};
// The candidate applies; a school (its administration) or the municipality
// nominates. Within the application window and the selection's territory.
ApplicationView apply_to_selection(App& app, const Caller& caller, std::int64_t selection_id, const ApplicationDraft& draft,
                                   const std::string& request_id = {});
ApplicationView score_application(App& app, const Caller& caller, std::int64_t id, const std::string& stage, double score,
                                  const std::string& comment, const std::string& request_id = {});
// accepted (only when eligible and every stage passed) | rejected | withdrawn (the candidate).
ApplicationView decide_application(App& app, const Caller& caller, std::int64_t id, const std::string& status,
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
};
// One transaction for the whole list (a proposal accepted at once); each
// methodist must be a current member of the active with spare capacity.
std::vector<storage::active::Assignment> assign_methodists(App& app, const Caller& caller,
                                                           const std::vector<AssignmentDraft>& drafts,
                                                           const std::string& request_id = {});
void end_assignment(App& app, const Caller& caller, std::int64_t id, const std::string& request_id = {});
// ШНОР schools and teachers with deficits of the territory, spread over its
// active's methodists (domain::propose_assignments); nothing is saved.
std::vector<domain::AssignmentProposal> propose_assignments(App& app, const Caller& caller, std::int64_t territory_id);

// The methodist's own work.
storage::active::Activity record_activity(App& app, const Caller& caller, storage::active::Activity draft,
                                          const std::string& request_id = {});
struct Cabinet {
  std::vector<storage::active::Member> memberships;
  std::vector<storage::active::Assignment> supported;
  std::vector<storage::active::Activity> activities;  // this school year
  std::string year_from, year_to;
};
Cabinet methodist_cabinet(App& app, const Caller& caller);
// The activity analysis report (seed 004 §5) of a territory's active for a period.
ExportFile activity_report(App& app, const Caller& caller, std::int64_t territory_id, const std::string& level,
                           const std::string& from, const std::string& to, const std::string& format);

}  // namespace metodist::app
