#include "domain/monitoring_engine.hpp"

#include <algorithm>
#include <unordered_map>

namespace metodist::domain::monitor {
namespace {

using Mask = std::uint64_t;
constexpr Mask bit(Count c) { return Mask{1} << static_cast<unsigned>(c); }
static_assert(kCountKinds <= 64, "a mask holds every primitive");

Mask mask_of(const Population& p) {
  Mask m = 0;
  for (auto c : p.all) m |= bit(c);
  return m;
}

Date date_of_day(Day d) { return Date::from_days(std::chrono::sys_days{std::chrono::days{d}}); }

// Ids are dense row ids: a flat table id → index beats a hash map for a
// million persons.
class IdIndex {
 public:
  template <class T>
  void build(const std::vector<T>& rows) {
    std::int64_t max = -1;
    for (const auto& r : rows) max = std::max(max, r.id);
    at_.assign(static_cast<std::size_t>(max + 1), -1);
    for (std::size_t i = 0; i < rows.size(); ++i) at_[static_cast<std::size_t>(rows[i].id)] = static_cast<std::int32_t>(i);
  }
  std::int32_t find(std::int64_t id) const {
    return id >= 0 && static_cast<std::size_t>(id) < at_.size() ? at_[static_cast<std::size_t>(id)] : -1;
  }

 private:
  std::vector<std::int32_t> at_;
};

bool covers(Day from, Day to, Day d) { return from <= d && d <= to; }
bool overlaps(Day from, Day to, Day a, Day b) { return from <= b && a <= to; }

struct Engine {
  const Facts& f;
  const Period& period;
  UnitLevel level;
  Rules rules;
  Day last = 0, window_from = 0;

  IdIndex persons, orgs, territories;
  std::vector<std::int32_t> unit_of_territory;  // territory index → unit index at `level`, or -1
  std::vector<std::int32_t> parent_of_unit;     // unit index → territory index one level up, or -1
  std::vector<std::int32_t> pos_start, pos_list;  // positions by person (CSR)
  std::vector<Mask> person_bits, org_bits;
  std::vector<bool> org_assigned;  // a methodist of an active is assigned to the organisation itself

  Engine(const Facts& facts, const Period& p, UnitLevel l, const Rules& r, Window w)
      : f(facts), period(p), level(l), rules(r) {
    last = day_of(p.to);
    window_from = w == Window::cumulative ? kNever : day_of(p.from);
    persons.build(f.persons);
    orgs.build(f.organisations);
    territories.build(f.territories);
    place_territories();
    index_positions();
  }

  // A territory's ancestor (or itself) of the given level, by index.
  std::int32_t ancestor(std::int32_t t, char want) const {
    for (int guard = 0; t >= 0 && guard < 8; ++guard) {
      const auto& x = f.territories[static_cast<std::size_t>(t)];
      if (x.level == want) return t;
      t = x.parent ? territories.find(*x.parent) : -1;
    }
    return -1;
  }

  void place_territories() {
    const char want = level == UnitLevel::municipality ? 'm' : level == UnitLevel::region ? 'r' : 'f';
    const char up = level == UnitLevel::municipality ? 'r' : level == UnitLevel::region ? 'f' : 0;
    unit_of_territory.assign(f.territories.size(), -1);
    for (std::size_t t = 0; t < f.territories.size(); ++t)
      unit_of_territory[t] = ancestor(static_cast<std::int32_t>(t), want);
    if (level == UnitLevel::organisation) {
      parent_of_unit.assign(f.organisations.size(), -1);
      for (std::size_t o = 0; o < f.organisations.size(); ++o)
        parent_of_unit[o] = ancestor(territories.find(f.organisations[o].territory), 'm');
    } else {
      parent_of_unit.assign(f.territories.size(), -1);
      if (up)
        for (std::size_t t = 0; t < f.territories.size(); ++t) parent_of_unit[t] = ancestor(static_cast<std::int32_t>(t), up);
    }
  }

  void index_positions() {
    pos_start.assign(f.persons.size() + 1, 0);
    for (const auto& p : f.positions)
      if (auto i = persons.find(p.person); i >= 0) ++pos_start[static_cast<std::size_t>(i) + 1];
    for (std::size_t i = 1; i < pos_start.size(); ++i) pos_start[i] += pos_start[i - 1];
    pos_list.assign(static_cast<std::size_t>(pos_start.back()), 0);
    auto fill = pos_start;
    for (std::size_t k = 0; k < f.positions.size(); ++k)
      if (auto i = persons.find(f.positions[k].person); i >= 0)
        pos_list[static_cast<std::size_t>(fill[static_cast<std::size_t>(i)]++)] = static_cast<std::int32_t>(k);
  }

  // The unit of a place at `level`: an organisation (by index) or a territory (by index).
  std::int32_t unit_of_org(std::int32_t o) const {
    if (o < 0) return -1;
    const auto& org = f.organisations[static_cast<std::size_t>(o)];
    if (level == UnitLevel::organisation) return org.educational ? o : -1;
    const auto t = territories.find(org.territory);
    return t < 0 ? -1 : unit_of_territory[static_cast<std::size_t>(t)];
  }
  std::int32_t unit_of_place(const Placed& p) const {
    if (p.organisation) return unit_of_org(orgs.find(*p.organisation));
    if (level == UnitLevel::organisation) return -1;
    const auto t = territories.find(p.territory);
    return t < 0 ? -1 : unit_of_territory[static_cast<std::size_t>(t)];
  }

  bool in_window(Day d) const { return window_from <= d && d <= last; }
  void mark(std::vector<Mask>& bits, const IdIndex& index, std::int64_t who, Count c) const {
    if (auto i = index.find(who); i >= 0) bits[static_cast<std::size_t>(i)] |= bit(c);
  }
  bool active_on(const PositionFact& p, Day d) const { return p.hired <= d && d < p.left; }

  // What persons and organisations did or were, before placing them.
  void mark_facts() {
    person_bits.assign(f.persons.size(), 0);
    org_bits.assign(f.organisations.size(), 0);
    auto spans = [&](const std::vector<Span>& list, Count c, bool on_last_day) {
      for (const auto& s : list)
        if (on_last_day ? covers(s.from, s.to, last) : overlaps(s.from, s.to, window_from, last))
          mark(person_bits, persons, s.who, c);
    };
    spans(f.completed_federal_from_deficit, Count::completed_federal_from_deficit, false);
    spans(f.completed_program, Count::completed_program, false);
    spans(f.diagnosed, Count::diagnosed, false);
    spans(f.routes, Count::with_route, false);
    spans(f.mentees, Count::in_mentoring, false);
    spans(f.mentors, Count::in_mentoring, false);
    spans(f.work, Count::recorded_work, false);
    spans(f.network_members, Count::in_network_community, true);
    spans(f.active_members, Count::in_active, true);
    spans(f.person_support, Count::supported_by_active, true);
    // Forms of support of a young teacher: a mentee, a route, an event for young teachers.
    spans(f.mentees, Count::support_form, false);
    spans(f.routes, Count::support_form, false);
    spans(f.young_events, Count::support_form, false);
    for (const auto& s : f.literacy)
      if (in_window(s.on)) {
        mark(person_bits, persons, s.who, Count::literacy_tested);
        if (s.percent >= rules.coped_from) mark(person_bits, persons, s.who, Count::literacy_coped);
      }
    for (std::size_t o = 0; o < f.organisations.size(); ++o) {
      const auto& org = f.organisations[o];
      if (!org.educational) continue;
      org_bits[o] |= bit(Count::organisation);
      if (org.shnor) org_bits[o] |= bit(Count::shnor);
      if (org.staff_plan) org_bits[o] |= bit(Count::staff_plan);
      if (org.mentoring_flag) org_bits[o] |= bit(Count::mentoring_model);
    }
    for (const auto& s : f.mentoring_programs)
      if (overlaps(s.from, s.to, window_from, last)) mark(org_bits, orgs, s.who, Count::mentoring_model);
    org_assigned.assign(f.organisations.size(), false);
    for (const auto& s : f.organisation_support)
      if (covers(s.from, s.to, last))
        if (auto o = orgs.find(s.who); o >= 0) {
          org_bits[static_cast<std::size_t>(o)] |= bit(Count::supported_school);
          org_assigned[static_cast<std::size_t>(o)] = true;
        }
    // A managerial team trained: where the person worked on the day they completed.
    for (const auto& s : f.completed_managerial) {
      if (!in_window(s.from)) continue;
      const auto i = persons.find(s.who);
      if (i < 0) continue;
      for (auto k = pos_start[static_cast<std::size_t>(i)]; k < pos_start[static_cast<std::size_t>(i) + 1]; ++k) {
        const auto& p = f.positions[static_cast<std::size_t>(pos_list[static_cast<std::size_t>(k)])];
        if (active_on(p, s.from)) mark(org_bits, orgs, p.organisation, Count::managerial_team_trained);
      }
    }
  }

  // Calls back each placed person: index, mask, distinct units at `level`.
  template <class F>
  void for_each_person(F&& f_person) {
    std::vector<std::int32_t> units;
    for (std::size_t i = 0; i < f.persons.size(); ++i) {
      const auto& person = f.persons[i];
      units.clear();
      bool teaching = false, manager = false;
      Mask from_orgs = 0;
      for (auto k = pos_start[i]; k < pos_start[i + 1]; ++k) {
        const auto& p = f.positions[static_cast<std::size_t>(pos_list[static_cast<std::size_t>(k)])];
        if (!active_on(p, last)) continue;
        const auto o = orgs.find(p.organisation);
        if (o < 0 || !f.organisations[static_cast<std::size_t>(o)].educational) continue;
        teaching |= p.post == Post::teaching;
        manager |= p.post == Post::managerial;
        if (org_assigned[static_cast<std::size_t>(o)]) from_orgs |= bit(Count::supported_by_active);
        if (auto u = unit_of_org(o); u >= 0 && std::find(units.begin(), units.end(), u) == units.end()) units.push_back(u);
      }
      if (units.empty() && !teaching && !manager) continue;
      Mask m = person_bits[i] | from_orgs;
      // A school supported through one of its teachers counts as a supported school.
      if (person_bits[i] & bit(Count::supported_by_active))
        for (auto k = pos_start[i]; k < pos_start[i + 1]; ++k) {
          const auto& p = f.positions[static_cast<std::size_t>(pos_list[static_cast<std::size_t>(k)])];
          if (active_on(p, last)) mark(org_bits, orgs, p.organisation, Count::supported_school);
        }
      if (teaching) m |= bit(Count::teacher) | bit(Count::teacher_or_manager) | bit(Count::teacher_or_graduate);
      if (manager) m |= bit(Count::teacher_or_manager);
      if (person.ped_graduate) m |= bit(Count::teacher_or_graduate);
      if (person.highest_category) m |= bit(Count::highest_category);
      if (teaching && person.birth != kNever && person.experience_since != kNever &&
          is_young_teacher(date_of_day(person.birth), date_of_day(person.experience_since), date_of_day(last), rules.young))
        m |= bit(Count::young);
      f_person(i, m, units);
    }
  }
};

// Counter slots: numerator 2k, denominator 2k + 1 of indicator k.
struct Slots {
  std::vector<Mask> num, den;  // den 0: a count
  std::unordered_map<Mask, std::vector<std::uint16_t>> cache;
  const std::vector<std::uint16_t>& of(Mask m) {
    auto [it, added] = cache.try_emplace(m);
    if (added)
      for (std::size_t k = 0; k < num.size(); ++k) {
        if ((m & num[k]) == num[k]) it->second.push_back(static_cast<std::uint16_t>(2 * k));
        if (den[k] && (m & den[k]) == den[k]) it->second.push_back(static_cast<std::uint16_t>(2 * k + 1));
      }
    return it->second;
  }
};

void count_pass(const Facts& facts, std::span<const Indicator* const> indicators, std::span<const std::size_t> which,
                const Period& period, UnitLevel level, const Rules& rules, std::vector<UnitCounts>& out,
                const std::vector<std::int32_t>& unit_rows, Window window) {
  Engine e(facts, period, level, rules, window);
  e.mark_facts();
  Slots slots;
  for (auto k : which) {
    slots.num.push_back(mask_of(indicators[k]->numerator));
    slots.den.push_back(indicators[k]->denominator ? mask_of(*indicators[k]->denominator) : 0);
  }
  const std::size_t width = 2 * which.size();
  const std::size_t units = level == UnitLevel::organisation ? facts.organisations.size() : facts.territories.size();
  std::vector<std::int64_t> counters(units * width, 0);
  auto add = [&](std::int32_t unit, Mask m) {
    if (unit < 0) return;
    for (auto s : slots.of(m)) ++counters[static_cast<std::size_t>(unit) * width + s];
  };
  e.for_each_person([&](std::size_t, Mask m, const std::vector<std::int32_t>& us) {
    for (auto u : us) add(u, m);
  });
  for (std::size_t o = 0; o < facts.organisations.size(); ++o)
    if (e.org_bits[o] & bit(Count::organisation)) add(e.unit_of_org(static_cast<std::int32_t>(o)), e.org_bits[o]);
  for (const auto& c : facts.communities)
    if (c.from <= e.last && e.last <= c.to) add(e.unit_of_place(c), bit(Count::community));
  for (const auto& ev : facts.events)
    if (e.in_window(ev.from)) add(e.unit_of_place(ev), bit(Count::event) | (ev.flag ? bit(Count::open_practice) : 0));
  for (const auto& r : facts.requests)
    if (e.in_window(r.from)) add(e.unit_of_place(r), bit(Count::request_closed) | (r.flag ? bit(Count::request_closed_on_time) : 0));

  for (std::size_t row = 0; row < out.size(); ++row) {
    const auto u = static_cast<std::size_t>(unit_rows[row]);
    for (std::size_t j = 0; j < which.size(); ++j) {
      out[row].numerator[which[j]] = counters[u * width + 2 * j];
      out[row].denominator[which[j]] = counters[u * width + 2 * j + 1];
    }
    if (out[row].parent_id) continue;
    const auto parent = e.parent_of_unit[u];
    if (parent >= 0) out[row].parent_id = facts.territories[static_cast<std::size_t>(parent)].id;
  }
}

}  // namespace

Day day_of(std::string_view iso) {
  if (iso.size() < 10) return kNever;
  auto d = Date::parse_iso(iso.substr(0, 10));
  return d ? day_of(*d) : kNever;
}

std::vector<UnitCounts> count_units(const Facts& facts, std::span<const Indicator* const> indicators,
                                    const Period& period, UnitLevel level, const Rules& rules) {
  std::vector<UnitCounts> out;
  std::vector<std::int32_t> unit_rows;
  if (level == UnitLevel::organisation) {
    for (std::size_t o = 0; o < facts.organisations.size(); ++o)
      if (facts.organisations[o].educational) {
        out.push_back({facts.organisations[o].id, facts.organisations[o].name, std::nullopt, {}, {}});
        unit_rows.push_back(static_cast<std::int32_t>(o));
      }
  } else {
    const char want = level == UnitLevel::municipality ? 'm' : level == UnitLevel::region ? 'r' : 'f';
    for (std::size_t t = 0; t < facts.territories.size(); ++t)
      if (facts.territories[t].level == want) {
        out.push_back({facts.territories[t].id, facts.territories[t].name, std::nullopt, {}, {}});
        unit_rows.push_back(static_cast<std::int32_t>(t));
      }
  }
  for (auto& u : out) {
    u.numerator.assign(indicators.size(), 0);
    u.denominator.assign(indicators.size(), 0);
  }
  // One pass per window: those «for the period» and the cumulative ones.
  for (auto w : {Window::period, Window::cumulative}) {
    std::vector<std::size_t> which;
    for (std::size_t k = 0; k < indicators.size(); ++k)
      if (indicators[k]->window == w) which.push_back(k);
    if (!which.empty()) count_pass(facts, indicators, which, period, level, rules, out, unit_rows, w);
  }
  return out;
}

std::vector<std::int64_t> counted_persons(const Facts& facts, const Indicator& indicator, const Period& period,
                                          UnitLevel level, std::int64_t unit_id, bool denominator, const Rules& rules) {
  std::vector<std::int64_t> out;
  if (indicator.numerator.subject() != Subject::person || (denominator && !indicator.denominator)) return out;
  Engine e(facts, period, level, rules, indicator.window);
  e.mark_facts();
  const Mask want = mask_of(denominator ? *indicator.denominator : indicator.numerator);
  IdIndex& index = level == UnitLevel::organisation ? e.orgs : e.territories;
  const auto unit = index.find(unit_id);
  if (unit < 0) return out;
  e.for_each_person([&](std::size_t i, Mask m, const std::vector<std::int32_t>& us) {
    if ((m & want) == want && std::find(us.begin(), us.end(), unit) != us.end()) out.push_back(facts.persons[i].id);
  });
  return out;
}

}  // namespace metodist::domain::monitor
