#include "bench/monitoring_sql.hpp"

#include <chrono>

#include "domain/registry.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::bench {
namespace {

using domain::Count;

const std::string& edu() {
  static const std::string s = storage::registry::in_list(domain::organisation_kinds(), domain::is_educational_kind);
  return s;
}
const std::string& teaching() {
  static const std::string s = storage::registry::in_list(domain::positions(), domain::is_teaching_position);
  return s;
}

std::string shifted(const domain::Date& d, int years) {
  return domain::Date{
      std::chrono::year_month_day{d.ymd.year() - std::chrono::years{years}, d.ymd.month(),
                                  d.ymd.day() > std::chrono::day{28} && d.ymd.month() == std::chrono::February
                                      ? std::chrono::day{28}
                                      : d.ymd.day()}}
      .iso();
}

// A post x active on the day (a literal or a column); the leaving day is worked.
std::string active(const std::string& x, const std::string& day) {
  return "(" + x + ".hired_on IS NULL OR " + x + ".hired_on <= " + day + ") AND (" + x + ".left_on IS NULL OR " + x +
         ".left_on >= " + day + ")";
}

struct Ctx {
  std::string L, F, young_birth, young_since, coped;
};

std::string has_post(const Ctx& k, const std::string& positions) {
  return "EXISTS (SELECT 1 FROM positions x JOIN organisations xo ON xo.id = x.organisation_id WHERE x.person_id = p.id"
         " AND x.position IN " +
         positions + " AND xo.kind IN " + edu() + " AND " + active("x", k.L) + ")";
}

// A support assignment sa by a methodist of the regional active.
const std::string regional_methodist =
    "EXISTS (SELECT 1 FROM active_members ram WHERE ram.person_id = sa.methodist_person_id AND ram.level = 'regional')";

std::string person_predicate(Count c, const Ctx& k) {
  const std::string teacher = has_post(k, teaching());
  const std::string manager = has_post(k, "('director', 'deputy_director')");
  const std::string window = " BETWEEN " + k.F + " AND " + k.L;
  const std::string completed =
      "EXISTS (SELECT 1 FROM enrolments e JOIN cohorts ck ON ck.id = e.cohort_id JOIN programs pr ON pr.id = ck.program_id"
      " WHERE e.person_id = p.id AND e.status = 'completed' AND e.completed_on" +
      window;
  const std::string literacy =
      "EXISTS (SELECT 1 FROM diagnostic_results r JOIN diagnostic_campaigns dc ON dc.id = r.campaign_id"
      " JOIN diagnostic_instruments di ON di.id = dc.instrument_id WHERE di.kind = 'functional_literacy'"
      " AND r.person_id = p.id AND r.measured_on" +
      window;
  const std::string route =
      "EXISTS (SELECT 1 FROM routes rt WHERE rt.person_id = p.id AND rt.status <> 'draft'"
      " AND rt.period_from <= " +
      k.L + " AND rt.period_to >= " + k.F + ")";
  const std::string young_event =
      "EXISTS (SELECT 1 FROM event_registrations g JOIN events ev ON ev.id = g.event_id WHERE g.person_id = p.id"
      " AND g.attended = 1 AND ev.status <> 'cancelled' AND ev.audience LIKE '%young_teachers%'"
      " AND substr(ev.starts_at, 1, 10)" +
      window + ")";
  const auto pair = [&](const char* who) {
    return "EXISTS (SELECT 1 FROM mentoring_pairs mp WHERE mp." + std::string(who) +
           " = p.id AND mp.starts_on <= " + k.L + " AND (mp.ends_on IS NULL OR mp.ends_on >= " + k.F + "))";
  };
  switch (c) {
    case Count::teacher:
      return teacher;
    case Count::teacher_or_manager:
      return "(" + teacher + " OR " + manager + ")";
    case Count::teacher_or_graduate:
      return "(" + teacher + " OR p.ped_university_graduate = 1)";
    case Count::young:
      return "(" + teacher + " AND p.birth_date > " + k.young_birth + " AND p.ped_experience_since > " + k.young_since +
             " AND p.ped_experience_since <= " + k.L + ")";
    case Count::highest_category:
      return "p.category = 'highest'";
    case Count::in_network_community:
      return "EXISTS (SELECT 1 FROM community_members m JOIN communities cm ON cm.id = m.community_id WHERE m.person_id = p.id"
             " AND cm.kind IN ('network', 'virtual') AND m.joined_on <= " +
             k.L + " AND (m.left_on IS NULL OR m.left_on > " + k.L + "))";
    case Count::in_active:
      return "EXISTS (SELECT 1 FROM active_members am WHERE am.person_id = p.id AND am.level = 'regional'"
             " AND am.starts_on <= " +
             k.L + " AND (am.ends_on IS NULL OR am.ends_on > " + k.L + "))";
    case Count::in_any_active:
      return "(EXISTS (SELECT 1 FROM active_members am WHERE am.person_id = p.id AND am.starts_on <= " + k.L +
             " AND (am.ends_on IS NULL OR am.ends_on > " + k.L +
             ")) OR EXISTS (SELECT 1 FROM experts ex WHERE ex.person_id = p.id AND ex.included_on <= " + k.L +
             " AND (ex.excluded_on IS NULL OR ex.excluded_on > " + k.L + ")))";
    case Count::young_event:
      return young_event;
    case Count::supported_by_active:
      return "EXISTS (SELECT 1 FROM support_assignments sa WHERE " + regional_methodist +
             " AND sa.starts_on <= " + k.L + " AND (sa.ends_on IS NULL OR sa.ends_on > " + k.L +
             ") AND (sa.person_id = p.id OR sa.organisation_id IN (SELECT x.organisation_id FROM positions x"
             " WHERE x.person_id = p.id AND " +
             active("x", k.L) + ")))";
    case Count::completed_federal_from_deficit:
      return completed + " AND e.chosen_from_deficit = 1 AND pr.in_federal_registry = 1)";
    case Count::completed_program:
      return completed + ")";
    case Count::literacy_tested:
      return literacy + ")";
    case Count::literacy_coped:
      return literacy + " AND r.percent >= " + k.coped + ")";
    case Count::diagnosed:
      return "EXISTS (SELECT 1 FROM diagnostic_results r WHERE r.person_id = p.id AND r.competency_id IS NOT NULL AND r.measured_on" +
             window + ")";
    case Count::support_form:
      return "(" + pair("mentee_person_id") + " OR " + route + " OR " + young_event + ")";
    case Count::with_route:
      return route;
    case Count::in_mentoring:
      return "(" + pair("mentee_person_id") + " OR " + pair("mentor_person_id") + ")";
    case Count::recorded_work:
      return "EXISTS (SELECT 1 FROM methodist_activities ma WHERE ma.person_id = p.id AND ma.happened_on" + window +
             ")";
    default:
      return "1 = 0";
  }
}

std::string org_predicate(Count c, const Ctx& k) {
  switch (c) {
    case Count::organisation:
      return "1 = 1";
    case Count::shnor:
      return "o.is_shnor = 1";
    case Count::staff_plan:
      return "o.has_staff_plan = 1";
    case Count::mentoring_model:
      return "(o.has_mentoring_model = 1 OR EXISTS (SELECT 1 FROM mentoring_programs mg WHERE mg.organisation_id = o.id"
             " AND mg.starts_on <= " +
             k.L + " AND mg.ends_on >= " + k.F + "))";
    case Count::managerial_team_trained:
      return "EXISTS (SELECT 1 FROM enrolments e JOIN cohorts ck ON ck.id = e.cohort_id JOIN programs pr ON pr.id = ck.program_id"
             " JOIN positions x ON x.person_id = e.person_id AND x.organisation_id = o.id WHERE e.status = 'completed'"
             " AND pr.audience = 'managerial_teams' AND e.completed_on BETWEEN " +
             k.F + " AND " + k.L + " AND " + active("x", "e.completed_on") + ")";
    case Count::managerial_team_studied:
      return "EXISTS (SELECT 1 FROM enrolments e JOIN cohorts ck ON ck.id = e.cohort_id JOIN programs pr ON pr.id = ck.program_id"
             " JOIN positions x ON x.person_id = e.person_id AND x.organisation_id = o.id"
             " WHERE e.status IN ('studying', 'completed', 'not_completed') AND pr.audience = 'managerial_teams'"
             " AND ck.starts_on <= " +
             k.L + " AND COALESCE(e.completed_on, ck.ends_on) >= " + k.F + " AND " +
             active("x", "(CASE WHEN COALESCE(e.completed_on, ck.ends_on) < " + k.L +
                             " THEN COALESCE(e.completed_on, ck.ends_on) ELSE " + k.L + " END)") +
             ")";
    case Count::supported_school:
      return "(EXISTS (SELECT 1 FROM support_assignments sa WHERE " + regional_methodist +
             " AND sa.organisation_id = o.id AND sa.starts_on <= " + k.L + " AND (sa.ends_on IS NULL OR sa.ends_on > " +
             k.L +
             ")) OR EXISTS (SELECT 1 FROM support_assignments sa"
             " JOIN positions x ON x.person_id = sa.person_id AND x.organisation_id = o.id WHERE " +
             regional_methodist + " AND sa.starts_on <= " + k.L + " AND (sa.ends_on IS NULL OR sa.ends_on > " + k.L +
             ") AND " + active("x", k.L) + "))";
    default:
      return "1 = 0";
  }
}

std::string all_of(const domain::Population& p, const Ctx& k, bool persons) {
  std::string out;
  for (auto c : p.all) out += (out.empty() ? "" : " AND ") + (persons ? person_predicate(c, k) : org_predicate(c, k));
  return out;
}

}  // namespace

Counts sql_counts(storage::Connection& c, const domain::Indicator& ind, const domain::Period& period, int young_max_age,
                  int young_max_years, double coped_from) {
  Ctx k;
  const auto quoted = [](const std::string& s) { return "'" + s + "'"; };
  k.L = quoted(period.to.iso());
  k.F = ind.window == domain::Window::cumulative ? quoted("0001-01-01") : quoted(period.from.iso());
  k.young_birth = quoted(shifted(period.to, young_max_age));
  k.young_since = quoted(shifted(period.to, young_max_years));
  k.coped = std::to_string(coped_from);
  const auto subject = ind.numerator.subject();
  const std::string num = all_of(ind.numerator, k, subject == domain::Subject::person);
  const std::string den = ind.denominator ? all_of(*ind.denominator, k, subject == domain::Subject::person) : "1 = 0";
  std::string sql;
  if (subject == domain::Subject::person) {
    sql =
        "SELECT o.territory_id, COUNT(DISTINCT CASE WHEN " + num +
        " THEN p.id END) AS numerator, COUNT(DISTINCT CASE WHEN " + den +
        " THEN p.id END) AS denominator FROM positions ps JOIN organisations o ON o.id = ps.organisation_id JOIN persons p ON p.id = ps.person_id"
        " WHERE " +
        active("ps", k.L) + " GROUP BY o.territory_id";
  } else if (subject == domain::Subject::organisation) {
    sql = "SELECT o.territory_id, COUNT(CASE WHEN " + num + " THEN 1 END) AS numerator, COUNT(CASE WHEN " + den +
          " THEN 1 END) AS denominator FROM organisations o WHERE o.kind IN " + edu() + " GROUP BY o.territory_id";
  } else {
    const std::string place =
        "COALESCE((SELECT oo.territory_id FROM organisations oo WHERE oo.id = x.organisation_id), x.territory_id)"
        " AS territory_id";
    if (subject == domain::Subject::community)
      sql = "SELECT " + place +
            ", COUNT(*) AS numerator, 0 AS denominator FROM communities x WHERE substr(x.created_at, 1, 10) <= " + k.L +
            " GROUP BY 1";
    else if (subject == domain::Subject::event)
      sql =
          "SELECT " + place +
          ", COUNT(CASE WHEN x.kind IN ('master_class', 'open_lesson', 'seminar_practicum') THEN 1 END) AS numerator,"
          " COUNT(*) AS denominator FROM events x WHERE x.status <> 'cancelled' AND substr(x.starts_at, 1, 10) BETWEEN " +
          k.F + " AND " + k.L + " GROUP BY 1";
    else
      sql =
          "SELECT oo.territory_id, COUNT(CASE WHEN substr(x.closed_at, 1, 10) <= x.due_on THEN 1 END) AS numerator,"
          " COUNT(*) AS denominator"
          " FROM help_requests x JOIN organisations oo ON oo.id = x.organisation_id WHERE x.status = 'closed'"
          " AND substr(x.closed_at, 1, 10) BETWEEN " +
          k.F + " AND " + k.L + " GROUP BY 1";
  }
  Counts out;
  c.run(sql, {}, [&](const storage::Row& r) {
    out[r.int64("territory_id")] = {r.int64("numerator"), r.int64("denominator")};
  });
  return out;
}

}  // namespace metodist::bench
