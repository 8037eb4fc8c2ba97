// The methodical active (the РМА description and the Ermakovsky district order № 255-02): its vocabularies, the
// eligibility rules of a selection kept as data and checked with reasons, the
// stages of a selection with scores and thresholds, the completeness of a
// school team of the municipal active, and the automatic proposal of which
// methodist supports which school or teacher.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/registry.hpp"
#include "domain/route.hpp"

namespace metodist::domain {

std::span<const Term> active_levels();  // regional (РМА), municipal (ММА)
std::span<const Term> active_directions();  // the four «укрупненные направления» of the РМА description
std::span<const Term> methodist_functions();   // the seven functions of a methodist, the РМА description
std::span<const Term> application_statuses();  // submitted, accepted, rejected, withdrawn
std::span<const Term> selection_statuses();    // open, decided (the order is issued)
std::span<const Term> plan_item_statuses();    // planned, done, cancelled
// In the order of the vocabularies above.
enum class ApplicationStatus { submitted, accepted, rejected, withdrawn };
enum class SelectionStatus { open, decided };
enum class PlanItemStatus { planned, done, cancelled };
inline std::string_view code_of(ApplicationStatus s) noexcept { return code_in(application_statuses(), s); }
inline std::string_view code_of(SelectionStatus s) noexcept { return code_in(selection_statuses(), s); }
inline std::string_view code_of(PlanItemStatus s) noexcept { return code_in(plan_item_statuses(), s); }

// ---- What a methodist owes those they support ------------------------------

// answer: a message from the person waits for a reply; draft_route: a teacher
// with deficits has no route in work (none, or the last one completed);
// send_route: the route drafted for them was not sent to them to agree.
std::span<const Term> support_tasks();
enum class SupportTask { answer, draft_route, send_route };
inline std::string_view code_of(SupportTask s) noexcept { return code_in(support_tasks(), s); }
// What one supported teacher (`is_person`) or school waits for from the methodist.
// `route_status`: of the person's latest route; `route_sent`: that draft was sent.
std::vector<SupportTask> support_tasks_of(bool is_person, std::int64_t unread, int deficits,
                                          std::optional<RouteStatus> route_status, bool route_sent);

// ---- Eligibility rules as data -------------------------------------------

// What is known of a candidate, by fact name: «category» (highest | first |
// none), «higher_ped_education», «experience_years», and what the application
// states: «ege_expert», «community_leader», «high_results». Booleans are
// "1"/"0"; a fact that is not known is absent.
using Facts = std::map<std::string, std::string, std::less<>>;

// One rule: a fact compared with a value. op: eq | ne | gte | lte | true.
// Required rules decide eligibility; preferred ones are counted and shown.
struct EligibilityRule {
  std::string code, title, fact, op, value;
  bool required = true;
};
// The Ermakovsky district order № 255-02, §3.2: highest category, higher pedagogical education, ≥ 5 years of
// experience required; ЕГЭ/ОГЭ experts, community leaders and teachers with
// stable high results preferred.
std::vector<EligibilityRule> default_eligibility_rules();
// The facts a rule may name, with Russian titles (for the rule editor).
std::span<const Term> eligibility_facts();
// Error::validation naming "rules" when a rule names an unknown fact or
// operator, has no title, or compares a number with text.
void validate_rules(std::span<const EligibilityRule> rules);

struct RuleResult {
  const EligibilityRule* rule = nullptr;
  bool required = true;  // a copy of rule->required that outlives the rules
  bool passed = false;
  std::string reason;  // «Высшая квалификационная категория: есть» / «…: первая, нужна высшая»
};
struct Eligibility {
  bool eligible = false;
  std::vector<RuleResult> results;  // in the order of the rules
  int preferred_met = 0;
};
Eligibility check_eligibility(std::span<const EligibilityRule> rules, const Facts& facts);

// ---- Stages ------------------------------------------------------------------

// A stage of a selection (diagnostics of competencies, a case, an interview):
// scored out of max_score, passed at threshold.
struct SelectionStage {
  std::string code, title;
  double max_score = 100;
  double threshold = 0;
};
std::vector<SelectionStage> default_stages();
void validate_stages(std::span<const SelectionStage> stages);  // field "stages"

struct StageOutcome {
  bool complete = false;  // every stage scored
  bool passed = false;    // complete and every score at or above its threshold
  double total = 0;
  std::vector<std::string> failed;  // titles of stages below their threshold
};
StageOutcome evaluate_stages(std::span<const SelectionStage> stages,
                             const std::map<std::string, double, std::less<>>& scores);

// ---- School teams of the municipal active (the Ermakovsky district order № 255-02 §3.1) --------------------

struct TeamMember {
  std::int64_t person_id = 0;
  std::string position;                 // positions() code: deputy_director or methodist when any workplace is
  std::set<std::string> subject_areas;  // of the person's workplaces in the school
};
// The three subject areas a school team must cover.
std::span<const std::string_view> required_team_areas();
// Why a school's team is incomplete (empty when complete): fewer than 4
// people, no methodist (a deputy director or methodist), a required subject
// area that nobody in the team teaches (a deputy director who teaches counts).
std::vector<std::string> team_problems(std::span<const TeamMember> team);

// ---- Assignment proposal ----------------------------------------------------

struct MethodistLoad {
  std::int64_t person_id = 0;
  std::string name;
  std::set<std::int64_t> municipalities;  // where they work and support
  std::set<std::string> subject_areas;
  int capacity = 0;  // how many schools and teachers they can support at once
  int load = 0;      // how many they support now
};
struct SupportTarget {
  std::string kind;     // school | teacher
  std::int64_t id = 0;  // organisation or person
  std::string name;
  std::int64_t organisation_id = 0, municipality_id = 0;
  std::set<std::string> subject_areas;
  bool shnor = false;
  int deficits = 0;
};
struct AssignmentProposal {
  SupportTarget target;
  std::optional<std::int64_t> methodist;  // none: nobody with spare capacity
  std::string methodist_name;
  std::vector<std::string> reasons;
};
// ШНОР schools first, then teachers of ШНОР schools, then other teachers, more
// deficits first; each goes to the methodist with spare capacity who matches
// best (the same municipality, a common subject area), the least loaded
// (load / capacity) among equals. Loads grow as the proposal is made, so the
// result respects every capacity.
std::vector<AssignmentProposal> propose_assignments(std::vector<MethodistLoad> methodists,
                                                    std::vector<SupportTarget> targets);

}  // namespace metodist::domain
