// SQL for the methodical active: orders, selections, applications
// and their scores, membership with history, support assignments and the
// methodist's recorded activities. The caller owns the transaction and the
// access checks.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/active.hpp"
#include "storage/database.hpp"

namespace metodist::storage::active {

struct Order {
  std::int64_t id = 0;
  std::string level;
  std::int64_t territory_id = 0;
  std::string number, issued_on, title;
  std::string territory_name;  // read only
};
std::int64_t insert_order(Connection& c, const Order& o);
std::optional<Order> find_order(Connection& c, std::int64_t id);
std::optional<std::int64_t> find_order_id(Connection& c, std::int64_t territory_id, const std::string& number,
                                          const std::string& issued_on);

struct Selection {
  std::int64_t id = 0;
  std::string level;
  std::int64_t territory_id = 0;
  std::string title, description, applications_from, applications_to;
  std::string rules_json, stages_json;
  domain::SelectionStatus status = domain::SelectionStatus::open;
  std::optional<std::int64_t> order_id;
  // Read only:
  std::string territory_name;
  std::int64_t applications = 0;
};
std::int64_t insert_selection(Connection& c, const Selection& s);
std::optional<Selection> find_selection(Connection& c, std::int64_t id);
std::vector<Selection> list_selections(Connection& c, const domain::Scope& scope);
void close_selection(Connection& c, std::int64_t id, std::int64_t order_id);

struct Application {
  std::int64_t id = 0, selection_id = 0, person_id = 0;
  std::string nominated_by, direction, subject_area, portfolio;
  bool ege_expert = false, community_leader = false, high_results = false;
  domain::ApplicationStatus status = domain::ApplicationStatus::submitted;
  std::string decision_note, created_at;
  // Read only: the person as the rules see them.
  std::string person_name, organisation_name, category, experience_since;
  bool higher_ped_education = false;
  std::map<std::string, double, std::less<>> scores;
};
std::int64_t insert_application(Connection& c, const Application& a);
std::optional<Application> find_application(Connection& c, std::int64_t id);
std::vector<Application> applications_of(Connection& c, std::int64_t selection_id);
void set_application_status(Connection& c, std::int64_t id, domain::ApplicationStatus status, const std::string& note);
void set_score(Connection& c, std::int64_t application_id, const std::string& stage, double score,
               const std::string& comment);

struct Member {
  std::int64_t id = 0;
  std::string level;
  std::int64_t territory_id = 0, person_id = 0;
  std::string direction, subject_area;
  int capacity = 10;
  std::string starts_on, ends_on, end_reason;
  std::int64_t order_id = 0;
  std::optional<std::int64_t> end_order_id, application_id;
  // Read only:
  std::string person_name, organisation_name, territory_name, order_number, order_date, end_order_number;
  std::int64_t load = 0;  // current support assignments
};
std::int64_t insert_member(Connection& c, const Member& m);
std::optional<Member> find_member(Connection& c, std::int64_t id);
std::optional<Member> current_member(Connection& c, const std::string& level, std::int64_t territory_id,
                                     std::int64_t person_id);
void end_member(Connection& c, std::int64_t id, const std::string& ends_on, std::int64_t order_id,
                const std::string& reason);
struct MemberFilter {
  std::optional<std::int64_t> territory_id;  // this territory and below
  std::string level;
  bool current_only = true;
  std::optional<std::int64_t> order_id;  // the members an order included
};
std::vector<Member> list_members(Connection& c, const MemberFilter& f, const domain::Scope& scope);
// Whether the person is in any active now.
bool is_current_member(Connection& c, std::int64_t person_id);
// The capacity of a current member (the largest over their memberships) and
// how many schools and teachers they support now; nullopt when not a member.
std::optional<std::pair<int, int>> capacity_and_load(Connection& c, std::int64_t person_id);
// The active's membership of a person, whatever the territory (for their card).
std::vector<Member> memberships_of(Connection& c, std::int64_t person_id);

// The municipal active's members by school, for team completeness.
struct TeamRow {
  std::int64_t organisation_id = 0;
  std::string organisation_name;
  bool shnor = false;
  std::int64_t person_id = 0;  // 0: a school without members
  std::string person_name, position, subject_area;
};
std::vector<TeamRow> team_rows(Connection& c, std::int64_t municipality_id);

struct Assignment {
  std::int64_t id = 0, methodist_person_id = 0;
  std::optional<std::int64_t> organisation_id, person_id;
  std::string starts_on, ends_on;
  std::string methodist_name, target_name, organisation_name;  // read only
};
std::int64_t insert_assignment(Connection& c, const Assignment& a);
std::optional<Assignment> find_assignment(Connection& c, std::int64_t id);
void end_assignment(Connection& c, std::int64_t id, const std::string& ends_on);
// Current assignments to schools and teachers of a territory that also lie
// within `scope` (the caller's reading scope).
std::vector<Assignment> assignments_in(Connection& c, std::int64_t territory_id, const domain::Scope& scope);
std::vector<Assignment> assignments_of(Connection& c, std::int64_t methodist_person_id);
// True when a current assignment of this methodist to this target exists.
bool assigned(Connection& c, std::int64_t methodist, std::optional<std::int64_t> organisation,
              std::optional<std::int64_t> person);
// What the methodist supports now.
domain::Support support_of(Connection& c, std::int64_t methodist_person_id, const std::string& today);

// What the proposal works from: the methodists of actives in and above the
// territory with where they work and what they teach; ШНОР schools and
// diagnosed teachers of the territory that nobody supports yet.
std::vector<domain::MethodistLoad> methodist_loads(Connection& c, std::int64_t territory_id);
std::vector<domain::SupportTarget> unsupported_shnor(Connection& c, std::int64_t territory_id);
std::vector<domain::SupportTarget> unsupported_diagnosed_teachers(Connection& c, std::int64_t territory_id);

struct Activity {
  std::int64_t id = 0, person_id = 0;
  std::string function, happened_on, title;
  std::optional<std::int64_t> organisation_id, participants;
  std::string evidence, organisation_name;
};
std::int64_t insert_activity(Connection& c, const Activity& a);
std::vector<Activity> activities_of(Connection& c, std::int64_t person_id, const std::string& from,
                                    const std::string& to);
// Activities of the territory's active members in [from, to], per member and function.
struct ActivityCount {
  std::int64_t person_id = 0;
  std::string person_name, function;
  std::int64_t count = 0, participants = 0;
};
std::vector<ActivityCount> activity_counts(Connection& c, std::int64_t territory_id, const std::string& level,
                                           const std::string& from, const std::string& to);

// ---- the cabinet ----

struct Message {
  std::int64_t id = 0, methodist_person_id = 0, person_id = 0;
  bool from_methodist = false;
  std::string body, created_at, read_at;
};
std::int64_t insert_message(Connection& c, const Message& m);
// The pair's thread, oldest first (the last `limit`).
std::vector<Message> thread(Connection& c, std::int64_t methodist, std::int64_t person, std::size_t limit);
// Marks read what the other side wrote to `reader_is_methodist`'s side.
void mark_thread_read(Connection& c, std::int64_t methodist, std::int64_t person, bool reader_is_methodist);
// Unread messages to the methodist, by person.
std::map<std::int64_t, std::int64_t> unread_for_methodist(Connection& c, std::int64_t methodist);

struct Feedback {
  std::int64_t id = 0, methodist_person_id = 0, person_id = 0;
  int rating = 0;
  std::string comment, given_on;
};
std::int64_t insert_feedback(Connection& c, const Feedback& f);
std::vector<Feedback> feedback_for(Connection& c, std::int64_t methodist);

// Who supports the person now: directly, or through their current school.
struct Supporter {
  std::int64_t methodist_person_id = 0;
  std::string name;
  bool directly = false;  // false: through the school
};
std::vector<Supporter> supporters_of(Connection& c, std::int64_t person_id, const std::string& today);

struct PlanItem {
  std::int64_t id = 0;
  std::string level;
  std::int64_t territory_id = 0;
  std::string school_year, title, direction, function, term, responsible;
  domain::PlanItemStatus status = domain::PlanItemStatus::planned;
  std::string report;
};
std::int64_t insert_plan_item(Connection& c, const PlanItem& p);
std::optional<PlanItem> find_plan_item(Connection& c, std::int64_t id);
void update_plan_item(Connection& c, std::int64_t id, domain::PlanItemStatus status, const std::string& report);
std::vector<PlanItem> plan_of(Connection& c, std::int64_t territory_id, const std::string& level,
                              const std::string& school_year);

}  // namespace metodist::storage::active
