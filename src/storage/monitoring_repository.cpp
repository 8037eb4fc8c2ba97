#include "storage/monitoring_repository.hpp"

#include <functional>

#include "domain/events.hpp"
#include "domain/help_requests.hpp"
#include "domain/programs.hpp"
#include "domain/registry.hpp"
#include "domain/route.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::monitoring {
namespace {

using namespace metodist::domain::monitor;

Day day(const Row& r, std::string_view column, Day fallback) {
  const std::size_t i = r.index(column);
  if (r.is_null(i)) return fallback;
  const Day d = day_of(r.view(i));
  return d == kNever ? fallback : d;
}

// Query texts by name, in the order load_facts runs them.
enum Q {
  kTerritories,
  kOrganisations,
  kPersons,
  kPositions,
  kEnrolments,
  kLiteracy,
  kDiagnosed,
  kRoutes,
  kPairs,
  kYoungEvents,
  kNetwork,
  kActive,
  kAnyActive,
  kStudiedManagerial,
  kSupport,
  kWork,
  kMentoringPrograms,
  kCommunities,
  kEvents,
  kRequests,
  kMunicipalActives,
  kCount
};

const std::vector<std::string>& queries() {
  static const std::vector<std::string> q = [] {
    std::vector<std::string> v(kCount);
    v[kTerritories] = "SELECT id, parent_id, level, name, abolished_on FROM territories";
    v[kOrganisations] =
        "SELECT id, territory_id, kind, is_shnor, has_staff_plan, has_mentoring_model, COALESCE(short_name, name) AS display_name"
        " FROM organisations";
    v[kPersons] = "SELECT id, birth_date, ped_experience_since, category, ped_university_graduate FROM persons";
    v[kPositions] = "SELECT person_id, organisation_id, position, hired_on, left_on FROM positions";
    v[kEnrolments] =
        "SELECT e.person_id, e.completed_on, e.chosen_from_deficit, p.in_federal_registry, p.audience"
        " FROM enrolments e JOIN cohorts k ON k.id = e.cohort_id JOIN programs p ON p.id = k.program_id"
        " WHERE e.status = " +
        registry::literal(domain::EnrolmentStatus::completed) + " AND e.completed_on IS NOT NULL";
    v[kLiteracy] =
        "SELECT r.person_id, r.measured_on, r.percent FROM diagnostic_results r"
        " JOIN diagnostic_campaigns c ON c.id = r.campaign_id JOIN diagnostic_instruments i ON i.id = c.instrument_id"
        " WHERE i.kind = 'functional_literacy'";
    v[kDiagnosed] = "SELECT person_id, measured_on, percent FROM diagnostic_results WHERE competency_id IS NOT NULL";
    // A route counts once agreed: a draft is not yet a route for anyone
    // (rmms.5, fed.4; the young-teachers page says the same).
    v[kRoutes] = "SELECT person_id, period_from, period_to FROM routes WHERE status <> " +
                 registry::literal(domain::RouteStatus::draft);
    v[kPairs] = "SELECT mentor_person_id, mentee_person_id, starts_on, ends_on FROM mentoring_pairs";
    v[kYoungEvents] =
        "SELECT g.person_id, e.starts_at FROM event_registrations g JOIN events e ON e.id = g.event_id"
        " WHERE g.attended = 1 AND e.status <> " +
        registry::literal(domain::EventStatus::cancelled) + " AND e.audience LIKE '%young_teachers%'";
    v[kNetwork] =
        "SELECT m.person_id, m.joined_on, m.left_on FROM community_members m JOIN communities c ON c.id = m.community_id"
        " WHERE c.kind IN ('network', 'virtual')";  // rmms.8 «сетевые»: a professional community is not one
    // «Прошедшие региональный отбор» (rmms.11, rma.*): the regional active only.
    v[kActive] = "SELECT person_id, starts_on, ends_on FROM active_members WHERE level = 'regional'";
    // «Экспертный и методический актив» (rmms.10): any active and the experts' roster.
    v[kAnyActive] =
        "SELECT person_id, starts_on, ends_on FROM active_members"
        " UNION ALL SELECT person_id, included_on AS starts_on, excluded_on AS ends_on FROM experts";
    // «Принявших участие» (rmms.1): studying counts, not only completing.
    v[kStudiedManagerial] =
        "SELECT e.person_id, k.starts_on, COALESCE(e.completed_on, k.ends_on) AS ends_on FROM enrolments e"
        " JOIN cohorts k ON k.id = e.cohort_id JOIN programs p ON p.id = k.program_id"
        " WHERE p.audience = 'managerial_teams' AND e.status IN (" +
        registry::literal(domain::EnrolmentStatus::studying) + ", " +
        registry::literal(domain::EnrolmentStatus::completed) + ", " +
        registry::literal(domain::EnrolmentStatus::not_completed) + ")";
    v[kSupport] =
        "SELECT sa.person_id, sa.organisation_id, sa.starts_on, sa.ends_on FROM support_assignments sa"
        " WHERE EXISTS (SELECT 1 FROM active_members am WHERE am.person_id = sa.methodist_person_id"
        " AND am.level = 'regional')";
    v[kWork] = "SELECT person_id, happened_on FROM methodist_activities";
    v[kMentoringPrograms] = "SELECT organisation_id, starts_on, ends_on FROM mentoring_programs";
    v[kCommunities] = "SELECT organisation_id, territory_id, created_at FROM communities";
    v[kEvents] = "SELECT organisation_id, territory_id, starts_at, kind, level FROM events WHERE status <> " +
                 registry::literal(domain::EventStatus::cancelled);
    v[kRequests] = "SELECT organisation_id, closed_at, due_on FROM help_requests WHERE status = " +
                   registry::literal(domain::HelpStatus::closed) + " AND closed_at IS NOT NULL";
    v[kMunicipalActives] = "SELECT territory_id, starts_on, ends_on FROM active_members WHERE level = 'municipal'";
    return v;
  }();
  return q;
}

void scan(Connection& c, Q which, const std::function<void(const Row&)>& f) { c.run(queries()[which], {}, f); }

Post post_of(std::string_view code) {
  if (domain::is_teaching_position(code)) return Post::teaching;
  if (code == "director" || code == "deputy_director") return Post::managerial;
  return Post::other;
}

}  // namespace

const std::vector<std::string>& fact_queries() { return queries(); }

namespace {

// The persons and the small tables (one half of the scans).
// Room for the big tables up front (their largest id bounds the count):
// growing a vector of a million rows copies it over and over.
void reserve_by_max_id(Connection& c, const char* table, auto& v) {
  const auto n = c.scalar(std::string("SELECT COALESCE(MAX(id), 0) FROM ") + table);
  if (n > 0 && n < 50'000'000) v.reserve(static_cast<std::size_t>(n));
}

void load_people(Connection& c, Facts& f) {
  reserve_by_max_id(c, "persons", f.persons);
  scan(c, kTerritories, [&](const Row& r) {
    const auto level = r.view("level");
    f.territories.push_back({r.int64("id"), r.opt_int64("parent_id"),
                             level == "federation" ? 'f'
                             : level == "region"   ? 'r'
                                                   : 'm',
                             r.text("name"), day(r, "abolished_on", kOpen)});
  });
  scan(c, kOrganisations, [&](const Row& r) {
    const auto kind = r.view("kind");
    f.organisations.push_back({r.int64("id"), r.int64("territory_id"), domain::is_educational_kind(kind),
                               r.flag("is_shnor"), r.flag("has_staff_plan"), r.flag("has_mentoring_model"),
                               r.text("display_name"), kind == "school", kind == "cnppm" || kind == "institute",
                               kind == "methodical_service"});
  });
  scan(c, kPersons, [&](const Row& r) {
    f.persons.push_back({r.int64("id"), day(r, "birth_date", kNever), day(r, "ped_experience_since", kNever),
                         r.view("category") == "highest", r.flag("ped_university_graduate")});
  });
  scan(c, kEnrolments, [&](const Row& r) {
    const Day on = day(r, "completed_on", kNever);
    if (on == kNever) return;
    const Span s{r.int64("person_id"), on, on};
    f.completed_program.push_back(s);
    if (r.flag("in_federal_registry")) f.completed_federal.push_back(s);
    if (r.flag("chosen_from_deficit") && r.flag("in_federal_registry")) f.completed_federal_from_deficit.push_back(s);
    if (r.view("audience") == "managerial_teams") f.completed_managerial.push_back(s);
  });
  scan(c, kLiteracy, [&](const Row& r) {
    f.literacy.push_back({r.int64("person_id"), day(r, "measured_on", kNever), r.real("percent")});
  });
  scan(c, kRoutes, [&](const Row& r) {
    f.routes.push_back({r.int64("person_id"), day(r, "period_from", kNever), day(r, "period_to", kOpen)});
  });
  scan(c, kPairs, [&](const Row& r) {
    const Day from = day(r, "starts_on", kNever), to = day(r, "ends_on", kOpen);
    f.mentors.push_back({r.int64("mentor_person_id"), from, to});
    f.mentees.push_back({r.int64("mentee_person_id"), from, to});
  });
  scan(c, kYoungEvents, [&](const Row& r) {
    const Day on = day(r, "starts_at", kNever);
    f.young_events.push_back({r.int64("person_id"), on, on});
  });
}

// Membership ends the day before leaving is recorded: a person who left on
// the last day is not a member then.
Day until(Day left) { return left == kOpen ? kOpen : left - 1; }

// The posts, the diagnostics and the rest (the other half).
void load_work(Connection& c, Facts& f) {
  reserve_by_max_id(c, "positions", f.positions);
  reserve_by_max_id(c, "diagnostic_results", f.diagnosed);
  reserve_by_max_id(c, "diagnostic_results", f.competency);
  scan(c, kPositions, [&](const Row& r) {
    // A missing hiring date: worked there all along; a leaving date: gone that day.
    f.positions.push_back({r.int64("person_id"), r.int64("organisation_id"), post_of(r.view("position")),
                           day(r, "hired_on", kNever), day(r, "left_on", kOpen)});
  });
  scan(c, kDiagnosed, [&](const Row& r) {
    const Day on = day(r, "measured_on", kNever);
    f.diagnosed.push_back({r.int64("person_id"), on, on});
    f.competency.push_back({r.int64("person_id"), on, r.real("percent")});
  });
  scan(c, kNetwork, [&](const Row& r) {
    f.network_members.push_back({r.int64("person_id"), day(r, "joined_on", kNever), until(day(r, "left_on", kOpen))});
  });
  scan(c, kActive, [&](const Row& r) {
    f.active_members.push_back({r.int64("person_id"), day(r, "starts_on", kNever), until(day(r, "ends_on", kOpen))});
  });
  scan(c, kAnyActive, [&](const Row& r) {
    f.any_active_members.push_back(
        {r.int64("person_id"), day(r, "starts_on", kNever), until(day(r, "ends_on", kOpen))});
  });
  scan(c, kStudiedManagerial, [&](const Row& r) {
    f.studied_managerial.push_back({r.int64("person_id"), day(r, "starts_on", kNever), day(r, "ends_on", kOpen)});
  });
  scan(c, kSupport, [&](const Row& r) {
    const Day from = day(r, "starts_on", kNever), to = until(day(r, "ends_on", kOpen));
    if (!r.is_null("person_id"))
      f.person_support.push_back({r.int64("person_id"), from, to});
    else
      f.organisation_support.push_back({r.int64("organisation_id"), from, to});
  });
  scan(c, kWork, [&](const Row& r) {
    const Day on = day(r, "happened_on", kNever);
    f.work.push_back({r.int64("person_id"), on, on});
  });
  scan(c, kMentoringPrograms, [&](const Row& r) {
    f.mentoring_programs.push_back({r.int64("organisation_id"), day(r, "starts_on", kNever), day(r, "ends_on", kOpen)});
  });
  scan(c, kCommunities, [&](const Row& r) {
    f.communities.push_back(
        {r.opt_int64("organisation_id"), r.int64("territory_id"), day(r, "created_at", kNever), kOpen, false});
  });
  scan(c, kEvents, [&](const Row& r) {
    const Day on = day(r, "starts_at", kNever);
    const auto kind = r.view("kind");
    const auto level = r.view("level");
    f.events.push_back({r.opt_int64("organisation_id"), r.int64("territory_id"), on, on,
                        kind == "master_class" || kind == "open_lesson" || kind == "seminar_practicum",
                        level == "regional" || level == "interregional" || level == "federal"});
  });
  scan(c, kRequests, [&](const Row& r) {
    const Day closed = day(r, "closed_at", kNever), due = day(r, "due_on", kOpen);
    f.requests.push_back({r.int64("organisation_id"), 0, closed, closed, closed <= due});
  });
  scan(c, kMunicipalActives, [&](const Row& r) {
    f.municipal_actives.push_back(
        {r.int64("territory_id"), day(r, "starts_on", kNever), until(day(r, "ends_on", kOpen))});
  });
}

}  // namespace

Facts load_facts(Connection& c) {
  Facts f;
  load_people(c, f);
  load_work(c, f);
  return f;
}

}  // namespace metodist::storage::monitoring
