#include "app/route_suggestions.hpp"

#include <map>
#include <set>

#include "app/diagnostics.hpp"
#include "app/mentoring.hpp"
#include "domain/error.hpp"
#include "storage/competency_tags.hpp"
#include "storage/diagnostics_repository.hpp"
#include "storage/events_repository.hpp"
#include "storage/practices_repository.hpp"
#include "storage/programs_repository.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace reg = storage::registry;
namespace dia = storage::diagnostics;
namespace prg = storage::programs;
namespace ev = storage::events;
namespace pr = storage::practices;
using domain::OfferFacts;
using domain::OfferKind;

// A high result: the «повышенный» band of the standard scale and above.
constexpr double kStrongFromPercent = 70;
// Colleagues looked at per deficit (the mentoring ranking's best).
constexpr std::size_t kMentorsLooked = 5;

// Where the person works now: organisations, their territories and region, subject areas.
struct Whereabouts {
  std::set<std::int64_t> organisations, territories;
  std::optional<std::int64_t> region;
  std::set<std::string> subject_areas;
};

Whereabouts whereabouts_of(storage::Connection& c, std::int64_t person_id) {
  Whereabouts w;
  for (const auto& p : reg::positions_of(c, person_id)) {
    if (!domain::is_current(p.position, domain::Date::today())) continue;
    w.organisations.insert(p.position.organisation_id);
    if (!p.position.subject_area.empty()) w.subject_areas.insert(p.position.subject_area);
    if (auto o = reg::find_organisation(c, p.position.organisation_id)) {
      w.territories.insert(o->territory_id);
      if (!w.region) w.region = reg::region_of(c, o->territory_id);
    }
  }
  return w;
}

// The latest result per competency of a person, in %.
std::map<std::string, double, std::less<>> latest_results(storage::Connection& c, std::int64_t person_id) {
  std::map<std::string, double, std::less<>> out;
  for (const auto& r : dia::results_of_person(c, person_id))  // oldest first: later ones overwrite
    if (!r.competency_code.empty()) out[r.competency_code] = r.percent;
  return out;
}

}  // namespace

std::vector<DeficitOffers> offers_for_deficits(storage::Connection& c, const Caller& caller, std::int64_t person_id,
                                               const domain::Date& until) {
  const auto today = domain::Date::today();
  const auto deficits = deficits_of(c, person_id, today);
  std::vector<DeficitOffers> out;
  if (deficits.empty()) return out;

  std::map<std::string, std::string, std::less<>> titles;
  for (const auto& k : dia::list_competencies(c)) titles.emplace(k.code, k.title);
  const auto own = latest_results(c, person_id);
  const auto where = whereabouts_of(c, person_id);
  const auto read = scope_of(caller, domain::Action::read_registry);

  // Programs the caller sees, and the cohorts still to start.
  const auto programs = prg::list_programs(c, read);
  std::vector<std::int64_t> program_ids;
  for (const auto& p : programs) program_ids.push_back(p.id);
  std::map<std::int64_t, prg::Cohort> next;  // program → its next cohort with places (else the next one)
  for (const auto& k : prg::upcoming_cohorts(c, program_ids, today.iso())) {
    const bool free = !k.capacity || k.enrolled < *k.capacity;
    auto [it, added] = next.emplace(k.program_id, k);
    const bool had_free = !it->second.capacity || it->second.enrolled < *it->second.capacity;
    if (!added && !had_free && free) it->second = k;
  }

  // Events of the calendar the caller sees, from today to the route's end.
  ev::EventFilter filter;
  filter.from = today.iso();
  filter.to = until.iso();
  const auto events = ev::list_events(c, filter, read);

  // Mentors: for the administration only; a colleague's result only where the
  // caller reads that colleague's diagnostics.
  std::vector<domain::MentorSuggestion> mentors;
  std::map<std::int64_t, std::map<std::string, double, std::less<>>> mentor_results;
  if (administers_diagnostics_of(c, caller, person_id)) {
    mentors = mentors_for(c, person_id);
    if (mentors.size() > kMentorsLooked) mentors.resize(kMentorsLooked);
    for (const auto& m : mentors)
      if (administers_diagnostics_of(c, caller, m.candidate.person_id))
        mentor_results.emplace(m.candidate.person_id, latest_results(c, m.candidate.person_id));
  }

  for (const auto& code : deficits) {
    std::vector<OfferFacts> facts;
    for (const auto& p : programs) {
      if (std::find(p.competencies.begin(), p.competencies.end(), code) == p.competencies.end()) continue;
      OfferFacts f;
      f.kind = OfferKind::program;
      f.id = p.id;
      f.title = p.title + " (" + std::to_string(p.hours) + " ч)";
      f.where = p.provider;
      f.in_federal_registry = p.in_federal_registry;
      f.online = p.format == "online";
      if (auto it = next.find(p.id); it != next.end()) {
        f.cohort_id = it->second.id;
        f.starts_on = domain::Date::parse_iso(it->second.starts_on);
        f.seats_left = !it->second.capacity || it->second.enrolled < *it->second.capacity;
      }
      facts.push_back(std::move(f));
    }
    for (const auto& e : events) {
      if (e.status != domain::EventStatus::planned ||
          std::find(e.competencies.begin(), e.competencies.end(), code) == e.competencies.end())
        continue;
      OfferFacts f;
      f.kind = OfferKind::event;
      f.id = e.id;
      f.title = e.title;
      f.where = e.organisation_name.empty() ? e.territory_name : e.organisation_name;
      f.starts_on = domain::Date::parse_iso(e.starts_at.substr(0, 10));
      f.seats_left = !e.capacity || e.registered < *e.capacity;
      f.near = (e.organisation_id && where.organisations.count(*e.organisation_id)) ||
               where.territories.count(e.territory_id);
      f.online = e.format == "online";
      facts.push_back(std::move(f));
    }
    pr::PracticeFilter pf;
    pf.ids = storage::tags::tagged_with(c, storage::tags::Tagged::practice, code);
    pf.searched = true;  // only these, in this order
    pf.published_only = true;
    for (const auto& p : pr::list_practices(c, pf, {})) {
      OfferFacts f;
      f.kind = OfferKind::practice;
      f.id = p.id;
      f.title = p.title;
      f.where = p.organisation_name;
      f.same_subject_area = !p.subject_area.empty() && where.subject_areas.count(p.subject_area);
      f.near = where.region && p.region_id == *where.region;
      facts.push_back(std::move(f));
    }
    for (const auto& m : mentors) {
      OfferFacts f;
      f.kind = OfferKind::mentor;
      f.id = m.candidate.person_id;
      f.title = m.candidate.name;
      f.mentor_score = m.score;
      f.mentor_reasons = m.reasons;
      if (auto it = mentor_results.find(m.candidate.person_id); it != mentor_results.end())
        if (auto r = it->second.find(code); r != it->second.end())
          f.strong_in_competency = r->second >= kStrongFromPercent;
      facts.push_back(std::move(f));
    }
    DeficitOffers d;
    d.competency = code;
    d.title = titles[code];
    if (auto it = own.find(code); it != own.end()) d.percent = it->second;
    d.offers = domain::rank_offers(facts, today, until);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<DeficitOffers> route_suggestions(App& app, const Caller& caller, std::int64_t person_id,
                                             const std::string& until) {
  domain::Date end = domain::Date::from_days(domain::Date::today().days() + std::chrono::days{365});
  if (!until.empty()) {
    auto parsed = domain::Date::parse_iso(until);
    if (!parsed) throw domain::Error::validation("until", "Дата окончания маршрута — в виде ГГГГ-ММ-ДД");
    end = *parsed;
  }
  return app.db->read([&](storage::Connection& c) {
    if (!reg::find_person(c, person_id) || !reads_diagnostics_of(c, caller, person_id))
      throw domain::Error::not_found("Педагог не найден или его дефициты вам недоступны");
    auto lists = offers_for_deficits(c, caller, person_id, end);
    domain::list_each_offer_once(lists);
    return lists;
  });
}

}  // namespace metodist::app
