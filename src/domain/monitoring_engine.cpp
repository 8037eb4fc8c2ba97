#include "domain/monitoring_engine.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
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

// Days from 1970-01-01 of a civil date (H. Hinnant's algorithm): the loader
// parses a million dates, so no std::chrono detours.
Day days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<Day>(era * 146097 + static_cast<int>(doe) - 719468);
}

// Ids are dense row ids: a flat table id → index beats a hash map for a
// million persons.
class IdIndex {
 public:
  template <class T>
  void build(const std::vector<T>& rows) {
    std::int64_t max = -1;
    for (const auto& r : rows) max = std::max(max, r.id);
    at_.assign(static_cast<std::size_t>(max + 1), -1);
    for (std::size_t i = 0; i < rows.size(); ++i)
      at_[static_cast<std::size_t>(rows[i].id)] = static_cast<std::int32_t>(i);
  }
  std::int32_t find(std::int64_t id) const {
    return id >= 0 && static_cast<std::size_t>(id) < at_.size() ? at_[static_cast<std::size_t>(id)] : -1;
  }

 private:
  std::vector<std::int32_t> at_;
};

bool covers(Day from, Day to, Day d) { return from <= d && d <= to; }
bool overlaps(Day from, Day to, Day a, Day b) { return from <= b && a <= to; }
// The day of dismissal is the last working day (Labour Code, art. 84.1): a
// post counts on its leaving day, a move on 31.08 → 01.09 is in a school both days.
bool active_on(const PositionFact& p, Day d) { return p.hired <= d && d <= p.left; }

constexpr std::array kLevels{UnitLevel::organisation, UnitLevel::municipality, UnitLevel::region,
                             UnitLevel::federation};
std::size_t level_index(UnitLevel l) { return static_cast<std::size_t>(l); }
char territory_level(UnitLevel l) { return l == UnitLevel::municipality ? 'm' : l == UnitLevel::region ? 'r' : 'f'; }

// What does not depend on the period: indexes, positions by person, and
// each territory's municipality, region and federation.
struct Prepared {
  const Facts& f;
  IdIndex persons, orgs, territories;
  std::vector<std::int32_t> pos_start, pos_list;
  std::array<std::vector<std::int32_t>, 4> territory_unit;  // by level: territory index → its unit there, or -1
  std::vector<std::int32_t> org_territory;                  // organisation index → territory index

  explicit Prepared(const Facts& facts) : f(facts) {
    persons.build(f.persons);
    orgs.build(f.organisations);
    territories.build(f.territories);
    for (auto l : {UnitLevel::municipality, UnitLevel::region, UnitLevel::federation}) {
      auto& v = territory_unit[level_index(l)];
      v.assign(f.territories.size(), -1);
      for (std::size_t t = 0; t < f.territories.size(); ++t)
        v[t] = ancestor(static_cast<std::int32_t>(t), territory_level(l));
    }
    org_territory.resize(f.organisations.size());
    for (std::size_t o = 0; o < f.organisations.size(); ++o)
      org_territory[o] = territories.find(f.organisations[o].territory);
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

  std::int32_t ancestor(std::int32_t t, char want) const {
    for (int guard = 0; t >= 0 && guard < 8; ++guard) {
      const auto& x = f.territories[static_cast<std::size_t>(t)];
      if (x.level == want) return t;
      t = x.parent ? territories.find(*x.parent) : -1;
    }
    return -1;
  }
  // The unit of an organisation (by index) at a level: itself when educational, or its territory's.
  std::int32_t unit_of_org(std::int32_t o, UnitLevel level) const {
    if (o < 0) return -1;
    if (level == UnitLevel::organisation) return f.organisations[static_cast<std::size_t>(o)].educational ? o : -1;
    const auto t = org_territory[static_cast<std::size_t>(o)];
    return t < 0 ? -1 : territory_unit[level_index(level)][static_cast<std::size_t>(t)];
  }
  std::int32_t unit_of_place(const Placed& p, UnitLevel level) const {
    if (p.organisation) return unit_of_org(orgs.find(*p.organisation), level);
    if (level == UnitLevel::organisation) return -1;
    const auto t = territories.find(p.territory);
    return t < 0 ? -1 : territory_unit[level_index(level)][static_cast<std::size_t>(t)];
  }
  template <class F>
  void for_positions(std::size_t person, F&& f_pos) const {
    for (auto k = pos_start[person]; k < pos_start[person + 1]; ++k)
      f_pos(f.positions[static_cast<std::size_t>(pos_list[static_cast<std::size_t>(k)])]);
  }
};

// One period: what persons and organisations did or were, for both windows
// at once (index 0: the period, 1: cumulative up to its last day).
struct Pass {
  const Prepared& pr;
  const Facts& f;
  Rules rules;
  Day last = 0;
  std::array<Day, 2> from{};
  std::array<std::vector<Mask>, 2> person_bits, org_bits;
  std::vector<bool> org_assigned;  // a methodist of an active is assigned to the organisation itself

  Pass(const Prepared& p, const Period& period, const Rules& r) : pr(p), f(p.f), rules(r) {
    last = day_of(period.to);
    from = {day_of(period.from), kNever};
    for (int w = 0; w < 2; ++w) mark(w);
  }

  void set(std::vector<Mask>& bits, const IdIndex& index, std::int64_t who, Count c) const {
    if (auto i = index.find(who); i >= 0) bits[static_cast<std::size_t>(i)] |= bit(c);
  }

  void mark(int w) {
    auto& pb = person_bits[static_cast<std::size_t>(w)];
    auto& ob = org_bits[static_cast<std::size_t>(w)];
    const Day a = from[static_cast<std::size_t>(w)];
    pb.assign(f.persons.size(), 0);
    ob.assign(f.organisations.size(), 0);
    const auto in_window = [&](Day d) { return a <= d && d <= last; };
    auto spans = [&](const std::vector<Span>& list, Count c, bool on_last_day) {
      for (const auto& s : list)
        if (on_last_day ? covers(s.from, s.to, last) : overlaps(s.from, s.to, a, last)) set(pb, pr.persons, s.who, c);
    };
    spans(f.completed_federal_from_deficit, Count::completed_federal_from_deficit, false);
    spans(f.completed_federal, Count::completed_federal, false);
    spans(f.completed_program, Count::completed_program, false);
    spans(f.mentees, Count::mentee, false);
    spans(f.diagnosed, Count::diagnosed, false);
    spans(f.routes, Count::with_route, false);
    spans(f.mentees, Count::in_mentoring, false);
    spans(f.mentors, Count::in_mentoring, false);
    spans(f.work, Count::recorded_work, false);
    spans(f.network_members, Count::in_network_community, true);
    spans(f.active_members, Count::in_active, true);
    spans(f.any_active_members, Count::in_any_active, true);
    spans(f.person_support, Count::supported_by_active, true);
    // Forms of support of a young teacher: a mentee, a route, an event for young teachers.
    spans(f.mentees, Count::support_form, false);
    spans(f.routes, Count::support_form, false);
    spans(f.young_events, Count::support_form, false);
    spans(f.young_events, Count::young_event, false);
    for (const auto& s : f.literacy)
      if (in_window(s.on)) {
        set(pb, pr.persons, s.who, Count::literacy_tested);
        if (s.percent >= rules.coped_from) set(pb, pr.persons, s.who, Count::literacy_coped);
      }
    for (std::size_t o = 0; o < f.organisations.size(); ++o) {
      const auto& org = f.organisations[o];
      if (!org.educational) continue;
      ob[o] |= bit(Count::organisation);
      if (org.general) ob[o] |= bit(Count::general_school);
      if (org.shnor) ob[o] |= bit(Count::shnor);
      if (org.staff_plan) ob[o] |= bit(Count::staff_plan);
      if (org.mentoring_flag) ob[o] |= bit(Count::mentoring_model);
    }
    for (const auto& s : f.mentoring_programs)
      if (overlaps(s.from, s.to, a, last)) set(ob, pr.orgs, s.who, Count::mentoring_model);
    if (w == 0) org_assigned.assign(f.organisations.size(), false);
    for (const auto& s : f.organisation_support)
      if (covers(s.from, s.to, last))
        if (auto o = pr.orgs.find(s.who); o >= 0) {
          ob[static_cast<std::size_t>(o)] |= bit(Count::supported_school);
          org_assigned[static_cast<std::size_t>(o)] = true;
        }
    // A managerial team trained: where the person worked on the day they completed.
    for (const auto& s : f.completed_managerial) {
      if (!in_window(s.from)) continue;
      if (const auto i = pr.persons.find(s.who); i >= 0)
        pr.for_positions(static_cast<std::size_t>(i), [&](const PositionFact& p) {
          if (active_on(p, s.from)) set(ob, pr.orgs, p.organisation, Count::managerial_team_trained);
        });
    }
    // A managerial team that took part: where the person worked on the last day
    // of their studies within the window.
    for (const auto& s : f.studied_managerial) {
      if (!overlaps(s.from, s.to, a, last)) continue;
      const Day on = std::min(s.to, last);
      if (const auto i = pr.persons.find(s.who); i >= 0)
        pr.for_positions(static_cast<std::size_t>(i), [&](const PositionFact& p) {
          if (active_on(p, on)) set(ob, pr.orgs, p.organisation, Count::managerial_team_studied);
        });
    }
  }

  // Calls back each placed person: index, masks for both windows, and the
  // organisations (by index) where they hold a post on the last day.
  template <class F>
  void for_each_person(F&& f_person) {
    std::vector<std::int32_t> workplaces;
    for (std::size_t i = 0; i < f.persons.size(); ++i) {
      const auto& person = f.persons[i];
      workplaces.clear();
      bool teaching = false, manager = false, assigned = false, general = false, centre = false;
      pr.for_positions(i, [&](const PositionFact& p) {
        if (!active_on(p, last)) return;
        const auto o = pr.orgs.find(p.organisation);
        if (o < 0) return;
        // A teacher or a manager by a post in an educational organisation; placed
        // by every post (an institute's methodist counts in its region).
        const auto& org = f.organisations[static_cast<std::size_t>(o)];
        if (org.educational) {
          teaching |= p.post == Post::teaching;
          manager |= p.post == Post::managerial;
        }
        general |= org.general && p.post != Post::other;
        centre |= org.centre;
        assigned = assigned || org_assigned[static_cast<std::size_t>(o)];
        if (std::find(workplaces.begin(), workplaces.end(), o) == workplaces.end()) workplaces.push_back(o);
      });
      if (workplaces.empty()) continue;
      Mask base = assigned ? bit(Count::supported_by_active) : 0;
      if (teaching) base |= bit(Count::teacher) | bit(Count::teacher_or_manager) | bit(Count::teacher_or_graduate);
      if (manager) base |= bit(Count::teacher_or_manager) | bit(Count::manager);
      if (general) base |= bit(Count::at_general_school);
      if (centre) base |= bit(Count::in_centre);
      if (person.ped_graduate) base |= bit(Count::teacher_or_graduate);
      if (person.highest_category) base |= bit(Count::highest_category);
      if (teaching && person.birth != kNever && person.experience_since != kNever &&
          is_young_teacher(date_of_day(person.birth), date_of_day(person.experience_since), date_of_day(last),
                           rules.young))
        base |= bit(Count::young);
      const Mask now = base | person_bits[0][i], ever = base | person_bits[1][i];
      // A school supported through one of its teachers counts as a supported school.
      if ((now & bit(Count::supported_by_active)) && (person_bits[0][i] & bit(Count::supported_by_active)))
        pr.for_positions(i, [&](const PositionFact& p) {
          if (!active_on(p, last)) return;
          for (auto& ob : org_bits) set(ob, pr.orgs, p.organisation, Count::supported_school);
        });
      f_person(i, std::array<Mask, 2>{now, ever}, workplaces);
    }
  }
};

// Each person's latest result in the window [from, last] (the mean of the
// results of their latest day: one per competency); NaN for none.
std::vector<double> latest_scores(const Prepared& pr, const std::vector<Scored>& results, Day from, Day last) {
  const auto n = pr.f.persons.size();
  std::vector<double> sum(n, 0);
  std::vector<Day> day(n, kNever);
  std::vector<std::int32_t> count(n, 0);
  for (const auto& r : results) {
    if (r.on < from || r.on > last) continue;
    const auto i = pr.persons.find(r.who);
    if (i < 0) continue;
    const auto k = static_cast<std::size_t>(i);
    if (r.on > day[k]) {
      day[k] = r.on;
      sum[k] = 0;
      count[k] = 0;
    }
    if (r.on == day[k]) {
      sum[k] += r.percent;
      ++count[k];
    }
  }
  for (std::size_t k = 0; k < n; ++k) sum[k] = count[k] ? sum[k] / count[k] : std::nan("");
  return sum;
}

// A computed mean: whose measure it averages, over which window.
struct MeanSlot {
  std::size_t which = 0;  // indicator index
  Mask population = 0;
  std::size_t window = 0;
  const std::vector<double>* scores = nullptr;
};

// Counter slots of one window's indicators: numerator 2j, denominator 2j + 1
// of the j-th indicator of that window.
struct Slots {
  std::vector<std::size_t> which;  // indicator index
  std::vector<Mask> num, den;      // den 0: a count
  std::unordered_map<Mask, std::vector<std::uint16_t>> cache;
  const std::vector<std::uint16_t>& of(Mask m) {
    auto [it, added] = cache.try_emplace(m);
    if (added)
      for (std::size_t k = 0; k < num.size(); ++k) {
        if ((m & num[k]) == num[k]) it->second.push_back(static_cast<std::uint16_t>(2 * which[k]));
        if (den[k] && (m & den[k]) == den[k]) it->second.push_back(static_cast<std::uint16_t>(2 * which[k] + 1));
      }
    return it->second;
  }
};

std::vector<std::vector<UnitCounts>> count(const Prepared& pr, std::span<const Indicator* const> indicators,
                                           const Period& period, std::span<const UnitLevel> levels,
                                           const Rules& rules) {
  const Facts& f = pr.f;
  Pass pass(pr, period, rules);
  std::array<Slots, 2> slots;
  std::vector<MeanSlot> means;
  // Scores by measure and window, read only for the means asked for.
  std::map<std::pair<Measure, std::size_t>, std::vector<double>> scores;
  for (std::size_t k = 0; k < indicators.size(); ++k) {
    const auto& ind = *indicators[k];
    const std::size_t w = ind.window == Window::cumulative ? 1 : 0;
    if (ind.kind == ValueKind::mean) {
      if (ind.measure == Measure::none) continue;
      auto [it, added] = scores.try_emplace(std::pair(ind.measure, w));
      if (added)
        it->second = latest_scores(pr, ind.measure == Measure::literacy_score ? f.literacy : f.competency, pass.from[w],
                                   pass.last);
      means.push_back({k, mask_of(ind.numerator), w, &it->second});
      continue;
    }
    auto& s = slots[w];
    s.which.push_back(k);
    s.num.push_back(mask_of(ind.numerator));
    s.den.push_back(ind.denominator ? mask_of(*ind.denominator) : 0);
  }
  const std::size_t width = 2 * indicators.size();
  std::vector<std::vector<std::int64_t>> counters;
  std::vector<std::vector<double>> sums;  // means only
  for (auto l : levels) {
    const auto units = l == UnitLevel::organisation ? f.organisations.size() : f.territories.size();
    counters.emplace_back(units * width, 0);
    sums.emplace_back(means.empty() ? 0 : units * indicators.size(), 0.0);
  }
  auto add = [&](std::size_t li, std::int32_t unit, const std::array<Mask, 2>& m) {
    if (unit < 0) return;
    auto* row = &counters[li][static_cast<std::size_t>(unit) * width];
    for (int w = 0; w < 2; ++w)
      if (!slots[static_cast<std::size_t>(w)].num.empty())
        for (auto s : slots[static_cast<std::size_t>(w)].of(m[static_cast<std::size_t>(w)])) ++row[s];
  };
  std::vector<std::int32_t> units;
  std::vector<std::vector<std::int64_t>> age_unknown;  // per level, per unit
  for (auto l : levels)
    age_unknown.emplace_back(l == UnitLevel::organisation ? f.organisations.size() : f.territories.size(), 0);
  pass.for_each_person([&](std::size_t i, const std::array<Mask, 2>& m, const std::vector<std::int32_t>& workplaces) {
    const auto& person = f.persons[i];
    const bool unknown_age =
        (m[0] & bit(Count::teacher)) && (person.birth == kNever || person.experience_since == kNever);
    for (std::size_t li = 0; li < levels.size(); ++li) {
      units.clear();
      for (auto o : workplaces)
        if (auto u = pr.unit_of_org(o, levels[li]); u >= 0 && std::find(units.begin(), units.end(), u) == units.end())
          units.push_back(u);
      for (auto u : units) add(li, u, m);
      if (unknown_age)
        for (auto u : units) ++age_unknown[li][static_cast<std::size_t>(u)];
      for (const auto& mean : means) {
        const double score = (*mean.scores)[i];
        if ((m[mean.window] & mean.population) != mean.population || std::isnan(score)) continue;
        for (auto u : units) {
          auto* row = &counters[li][static_cast<std::size_t>(u) * width];
          ++row[2 * mean.which];
          ++row[2 * mean.which + 1];
          sums[li][static_cast<std::size_t>(u) * indicators.size() + mean.which] += score;
        }
      }
    }
  });
  for (std::size_t o = 0; o < f.organisations.size(); ++o)
    if (pass.org_bits[0][o] & bit(Count::organisation))
      for (std::size_t li = 0; li < levels.size(); ++li)
        add(li, pr.unit_of_org(static_cast<std::int32_t>(o), levels[li]), {pass.org_bits[0][o], pass.org_bits[1][o]});
  const auto place = [&](const Placed& p, bool now, bool ever, Mask m) {
    for (std::size_t li = 0; li < levels.size(); ++li)
      add(li, pr.unit_of_place(p, levels[li]), {now ? m : 0, ever ? m : 0});
  };
  for (const auto& c : f.communities)
    if (c.from <= pass.last && pass.last <= c.to) place(c, true, true, bit(Count::community));
  for (const auto& e : f.events)
    if (e.from <= pass.last)
      place(
          e, pass.from[0] <= e.from, true,
          bit(Count::event) | (e.flag ? bit(Count::open_practice) : 0) | (e.regional ? bit(Count::regional_event) : 0));
  for (const auto& r : f.requests)
    if (r.from <= pass.last)
      place(r, pass.from[0] <= r.from, true,
            bit(Count::request_closed) | (r.flag ? bit(Count::request_closed_on_time) : 0));
  // Municipalities that report to their region on the last day, with what works in them.
  {
    const auto& municipality_of = pr.territory_unit[level_index(UnitLevel::municipality)];
    std::vector<Mask> marks(f.territories.size(), 0);
    for (std::size_t t = 0; t < f.territories.size(); ++t) {
      const auto& x = f.territories[t];
      if (x.level != 'm' || !x.parent || pass.last >= x.abolished) continue;
      const auto parent = pr.territories.find(*x.parent);
      if (parent >= 0 && f.territories[static_cast<std::size_t>(parent)].level == 'r')
        marks[t] = bit(Count::municipality);
    }
    const auto mark = [&](std::int32_t territory, Count c) {
      if (territory < 0) return;
      const auto m = municipality_of[static_cast<std::size_t>(territory)];
      if (m >= 0 && marks[static_cast<std::size_t>(m)]) marks[static_cast<std::size_t>(m)] |= bit(c);
    };
    for (std::size_t o = 0; o < f.organisations.size(); ++o)
      if (f.organisations[o].methodical_service) mark(pr.org_territory[o], Count::with_methodical_service);
    for (const auto& s : f.municipal_actives)
      if (covers(s.from, s.to, pass.last)) mark(pr.territories.find(s.who), Count::with_municipal_active);
    for (std::size_t t = 0; t < f.territories.size(); ++t)
      if (marks[t])
        for (std::size_t li = 0; li < levels.size(); ++li)
          if (levels[li] != UnitLevel::organisation)
            add(li, pr.territory_unit[level_index(levels[li])][t], {marks[t], marks[t]});
  }

  std::vector<std::vector<UnitCounts>> out;
  for (std::size_t li = 0; li < levels.size(); ++li) {
    const auto level = levels[li];
    auto& list = out.emplace_back();
    const auto emit = [&](std::int64_t id, const std::string& name, std::size_t index,
                          std::optional<std::int64_t> parent) {
      UnitCounts u{id,
                   name,
                   parent,
                   std::vector<std::int64_t>(indicators.size()),
                   std::vector<std::int64_t>(indicators.size()),
                   std::vector<double>(indicators.size())};
      const auto* row = &counters[li][index * width];
      for (std::size_t k = 0; k < indicators.size(); ++k) {
        u.numerator[k] = row[2 * k];
        u.denominator[k] = row[2 * k + 1];
      }
      for (const auto& mean : means) u.sum[mean.which] = sums[li][index * indicators.size() + mean.which];
      u.age_unknown = age_unknown[li][index];
      list.push_back(std::move(u));
    };
    const auto territory_id = [&](std::int32_t t) {
      return t < 0 ? std::nullopt : std::optional(f.territories[static_cast<std::size_t>(t)].id);
    };
    if (level == UnitLevel::organisation) {
      for (std::size_t o = 0; o < f.organisations.size(); ++o)
        if (f.organisations[o].educational)
          emit(f.organisations[o].id, f.organisations[o].name, o,
               territory_id(pr.unit_of_org(static_cast<std::int32_t>(o), UnitLevel::municipality)));
    } else {
      const char want = territory_level(level);
      const auto up = level == UnitLevel::municipality ? UnitLevel::region : UnitLevel::federation;
      for (std::size_t t = 0; t < f.territories.size(); ++t)
        if (f.territories[t].level == want)
          emit(f.territories[t].id, f.territories[t].name, t,
               level == UnitLevel::federation ? std::nullopt : territory_id(pr.territory_unit[level_index(up)][t]));
    }
  }
  return out;
}

}  // namespace

Day day_of(std::string_view iso) {
  if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return kNever;
  int v[3] = {0, 0, 0};
  const std::size_t start[3] = {0, 5, 8}, len[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (std::size_t i = start[k]; i < start[k] + len[k]; ++i) {
      const char c = iso[i];
      if (c < '0' || c > '9') return kNever;
      v[k] = v[k] * 10 + (c - '0');
    }
  if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31) return kNever;
  return days_from_civil(v[0], static_cast<unsigned>(v[1]), static_cast<unsigned>(v[2]));
}

std::vector<UnitCounts> count_units(const Facts& facts, std::span<const Indicator* const> indicators,
                                    const Period& period, UnitLevel level, const Rules& rules) {
  const Prepared pr(facts);
  const UnitLevel one[] = {level};
  return std::move(count(pr, indicators, period, one, rules).front());
}

std::vector<std::vector<UnitCounts>> count_all_levels(const Facts& facts, std::span<const Indicator* const> indicators,
                                                      const Period& period, const Rules& rules) {
  const Prepared pr(facts);
  return count(pr, indicators, period, kLevels, rules);
}

std::vector<std::int64_t> counted_persons(const Facts& facts, const Indicator& indicator, const Period& period,
                                          UnitLevel level, std::int64_t unit_id, bool denominator, const Rules& rules) {
  std::vector<std::int64_t> out;
  if (indicator.numerator.subject() != Subject::person || (denominator && !indicator.denominator)) return out;
  const Prepared pr(facts);
  Pass pass(pr, period, rules);
  const Mask want = mask_of(denominator ? *indicator.denominator : indicator.numerator);
  const auto unit = level == UnitLevel::organisation ? pr.orgs.find(unit_id) : pr.territories.find(unit_id);
  if (unit < 0) return out;
  const std::size_t w = indicator.window == Window::cumulative ? 1 : 0;
  pass.for_each_person([&](std::size_t i, const std::array<Mask, 2>& m, const std::vector<std::int32_t>& workplaces) {
    if ((m[w] & want) != want) return;
    for (auto o : workplaces)
      if (pr.unit_of_org(o, level) == unit) {
        out.push_back(facts.persons[i].id);
        return;
      }
  });
  return out;
}

}  // namespace metodist::domain::monitor
