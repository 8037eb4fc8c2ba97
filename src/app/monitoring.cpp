#include "app/monitoring.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <future>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "app/monitoring_store.hpp"
#include "domain/data_quality.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/monitoring_engine.hpp"
#include "domain/text.hpp"
#include "io/pdf_writer.hpp"
#include "io/table_writer.hpp"
#include "storage/data_version.hpp"
#include "storage/monitoring_repository.hpp"
#include "storage/registry_sql.hpp"
#include "storage/territories_repository.hpp"

namespace metodist::app {
namespace {

namespace mon = domain::monitor;
using domain::UnitLevel;

domain::Period period_of(const std::string& text) {
  auto p = domain::parse_period(text);
  if (!p)
    throw domain::Error::validation("period",
                                    "Период — год (2024), учебный год (2024/2025), полугодие (2024-H1) или"
                                    " даты через «..» (2024-04-15..2024-05-10)");
  return *p;
}

UnitLevel level_of(const std::string& text) {
  auto l = domain::parse_unit_level(text.empty() ? "municipality" : text);
  if (!l) throw domain::Error::validation("unit", "Уровень: organisation, municipality, region или federation");
  return *l;
}

bool known_set(const std::string& set) {
  return set.empty() || set == "reg" ||
         std::find(domain::indicator_sets().begin(), domain::indicator_sets().end(), set) !=
             domain::indicator_sets().end();
}

void check_set(const std::string& set) {
  if (!known_set(set))
    throw domain::Error::validation("set", "Набор показателей: fed, rmms, rma или reg (показатели региона)");
}

mon::Rules rules_of(const App& app) {
  mon::Rules r;
  r.young.max_age = app.config.young_teacher_max_age;
  r.young.max_years = app.config.young_teacher_max_years;
  return r;
}

// Which units the caller may see, by the territories above them.
class Visibility {
 public:
  Visibility(const mon::Facts& f, const domain::Scope& scope) : f_(f), scope_(scope) {
    for (const auto& t : f.territories) {
      parent_.emplace(t.id, t.parent);
      level_.emplace(t.id, t.level);
    }
    for (const auto& o : f.organisations) org_territory_.emplace(o.id, o.territory);
  }
  // The region a unit belongs to (none for the federation).
  std::optional<std::int64_t> region_of(UnitLevel level, std::int64_t id) const {
    std::optional<std::int64_t> t = id;
    if (level == UnitLevel::organisation) {
      auto it = org_territory_.find(id);
      t = it == org_territory_.end() ? std::nullopt : std::optional(it->second);
    }
    for (int guard = 0; t && guard < 8; ++guard) {
      auto l = level_.find(*t);
      if (l != level_.end() && l->second == 'r') return t;
      auto p = parent_.find(*t);
      t = p == parent_.end() ? std::nullopt : p->second;
    }
    return std::nullopt;
  }
  // The territory itself or one above it is `id`.
  bool under(std::int64_t territory, std::int64_t id) const {
    for (std::optional<std::int64_t> t = territory; t;) {
      if (*t == id) return true;
      auto it = parent_.find(*t);
      t = it == parent_.end() ? std::nullopt : it->second;
    }
    return false;
  }
  bool territory_seen(std::int64_t t) const {
    if (scope_.everything) return true;
    return std::any_of(scope_.territories.begin(), scope_.territories.end(), [&](auto s) { return under(t, s); });
  }
  bool organisation_seen(std::int64_t o) const {
    if (scope_.everything) return true;
    if (std::find(scope_.organisations.begin(), scope_.organisations.end(), o) != scope_.organisations.end())
      return true;
    auto it = org_territory_.find(o);
    return it != org_territory_.end() && territory_seen(it->second);
  }
  bool unit_seen(UnitLevel level, std::int64_t id) const {
    return level == UnitLevel::organisation ? organisation_seen(id) : territory_seen(id);
  }
  // The territories a unit is under: a territory itself first, an organisation's territory first.
  std::vector<std::int64_t> above(UnitLevel level, std::int64_t id) const {
    std::vector<std::int64_t> out;
    std::optional<std::int64_t> t = id;
    if (level == UnitLevel::organisation) {
      auto it = org_territory_.find(id);
      t = it == org_territory_.end() ? std::nullopt : std::optional(it->second);
    }
    for (int guard = 0; t && guard < 8; ++guard) {
      out.push_back(*t);
      auto p = parent_.find(*t);
      t = p == parent_.end() ? std::nullopt : p->second;
    }
    return out;
  }
  bool unit_below(UnitLevel level, std::int64_t id, std::int64_t parent) const {
    if (level != UnitLevel::organisation) return id != parent && under(id, parent);
    auto it = org_territory_.find(id);
    return it != org_territory_.end() && under(it->second, parent);
  }

 private:
  const mon::Facts& f_;
  const domain::Scope& scope_;
  std::unordered_map<std::int64_t, std::optional<std::int64_t>> parent_;
  std::unordered_map<std::int64_t, char> level_;
  std::unordered_map<std::int64_t, std::int64_t> org_territory_;
};

domain::Scope administered_scope(const Caller& caller) {
  auto scope = scope_of(caller, domain::Action::read_registry);
  scope.person.reset();
  scope.persons.clear();
  return scope;
}

domain::Scope aggregate_scope(const Caller& caller) {
  auto scope = administered_scope(caller);
  if (scope.empty())
    throw domain::Error::forbidden(
        "Мониторинг показателей доступен органам управления, методическим службам и организациям");
  return scope;
}

void rank(std::vector<UnitValue>& units) {
  std::vector<double> values;
  for (const auto& u : units)
    if (u.current.value) values.push_back(*u.current.value);
  std::sort(values.begin(), values.end(), std::greater<>());
  for (auto& u : units)
    if (u.current.value)
      u.rank = static_cast<int>(std::lower_bound(values.begin(), values.end(), *u.current.value, std::greater<>()) -
                                values.begin()) +
               1;
}

// What one computation reads, in one transaction: the facts, the regions'
// settings and own indicators, and — for the set and the two periods — what
// the municipalities entered and what closed campaigns stored.
struct Inputs {
  mon::Facts facts;
  std::map<std::pair<std::int64_t, std::string>, storage::monitoring::Setting> settings;  // (region, code)
  std::vector<domain::Indicator> custom;
  std::vector<std::int64_t> custom_region;  // parallel to custom
  // What the municipalities entered, now and before: (municipality, code) → entry.
  std::array<std::map<std::pair<std::int64_t, std::string>, storage::monitoring::Entry>, 2> entries;
  // What closed campaigns stored, now and before: (level, code, unit) → counts. Looked up
  // per unit and indicator, so indexed once here rather than scanned.
  using SnapshotKey = std::tuple<std::string, std::string, std::int64_t>;
  std::array<std::map<SnapshotKey, storage::monitoring::SnapshotRow>, 2> snapshots;
};

Inputs load_inputs(storage::Connection& c, const std::string& set, const domain::Period& period, bool overlays) {
  Inputs in;
  in.facts = storage::monitoring::load_facts(c);
  for (auto& st : storage::monitoring::settings(c)) in.settings.emplace(std::pair(st.region_id, st.code), st);
  for (const auto& x : storage::monitoring::custom_indicators(c)) {
    in.custom.push_back(indicator_of(x));
    in.custom_region.push_back(x.region_id);
  }
  if (!overlays) return in;
  const domain::Period periods[2] = {period, domain::previous_period(period)};
  for (int k = 0; k < 2; ++k) {
    auto& entries = in.entries[static_cast<std::size_t>(k)];
    for (auto& e : storage::monitoring::entries_for(c, set, periods[k].code))
      entries[std::pair(e.territory_id, e.entry.code)] = std::move(e.entry);
    auto& stored = in.snapshots[static_cast<std::size_t>(k)];
    for (const auto& camp : storage::monitoring::closed_campaigns(c, set, periods[k].code))
      for (auto& r : storage::monitoring::snapshot_of(c, camp.id))
        stored.emplace(Inputs::SnapshotKey{r.unit_level, r.code, r.unit_id}, r);
  }
  return in;
}

// The values of hand-kept indicators per unit of a level: a municipality's
// entry, or for a region what its municipalities entered — summed (shares,
// counts), or averaged and counted over those that answered (a mean; «да/нет»
// as the share of «да»); nothing elsewhere. (unit, code) → (numerator,
// denominator), built once per period.
using ManualValues = std::map<std::pair<std::int64_t, std::string>, std::pair<double, std::int64_t>>;
ManualValues manual_counts(const std::map<std::pair<std::int64_t, std::string>, storage::monitoring::Entry>& entries,
                           const std::vector<const domain::Indicator*>& indicators, UnitLevel level,
                           const Visibility& seen) {
  ManualValues out;
  if (level != UnitLevel::municipality && level != UnitLevel::region) return out;
  std::map<std::string, domain::ValueKind> kind;
  for (const auto* i : indicators) kind.emplace(i->code, i->kind);
  for (const auto& [key, e] : entries) {
    const auto unit = level == UnitLevel::municipality ? std::optional(key.first)
                                                       : seen.region_of(UnitLevel::municipality, key.first);
    const auto k = kind.find(key.second);
    if (!unit || k == kind.end() || !e.numerator) continue;
    auto& sum = out[std::pair(*unit, key.second)];
    sum.first += *e.numerator;
    sum.second += k->second == domain::ValueKind::share ? e.denominator.value_or(0) : 1;
  }
  return out;
}

// The units listed per indicator with the region each belongs to, before
// ranking and «не ниже среднего по региону» (finish): what is stored to share.
struct Rows {
  MonitoringValues values;
  std::vector<std::vector<std::optional<std::int64_t>>> unit_region;  // parallel to each indicator's units
  std::vector<std::optional<std::int64_t>> only_region;               // parallel to indicators: an own one's region
};

Rows compute_rows(const mon::Rules& rules, const Inputs& in, const Visibility& seen, const std::string& set,
                  UnitLevel level, const domain::Period& period, std::optional<std::int64_t> parent,
                  bool include_parent) {
  Rows rows;
  auto& out = rows.values;
  out.set = set;
  out.period = period;
  out.previous = domain::previous_period(period);
  out.level = level;
  std::vector<const domain::Indicator*> list;
  std::vector<std::optional<std::int64_t>> only_region;  // an own indicator is its region's only
  if (set == "reg") {
    for (std::size_t k = 0; k < in.custom.size(); ++k) {
      list.push_back(&in.custom[k]);
      only_region.push_back(in.custom_region[k]);
    }
  } else {
    list = domain::indicators_of_set(set);
    only_region.assign(list.size(), std::nullopt);
  }
  std::vector<const domain::Indicator*> computed;  // what the engine counts
  for (const auto* i : list)
    if (i->source == "computed") computed.push_back(i);
  // The previous period on the other core.
  auto earlier =
      std::async(std::launch::async, [&] { return mon::count_units(in.facts, computed, out.previous, level, rules); });
  const auto now = mon::count_units(in.facts, computed, period, level, rules);
  const auto before = earlier.get();
  const std::string level_code(domain::unit_level_code(level));
  const auto stored = [&](int k, const std::string& code,
                          std::int64_t unit) -> const storage::monitoring::SnapshotRow* {
    const auto& rows = in.snapshots[static_cast<std::size_t>(k)];
    auto it = rows.find(Inputs::SnapshotKey{level_code, code, unit});
    return it == rows.end() ? nullptr : &it->second;
  };
  const std::array manual{manual_counts(in.entries[0], list, level, seen),
                          manual_counts(in.entries[1], list, level, seen)};
  for (const auto* i : list) out.indicators.push_back({*i, {}});
  // A teacher whose youth cannot be told is left out of these (domain/data_quality.hpp).
  std::vector<bool> age_matters;
  for (const auto* i : list) age_matters.push_back(domain::needs_age(*i));
  auto& unit_region = rows.unit_region;
  unit_region.resize(list.size());
  rows.only_region = only_region;
  for (std::size_t row = 0; row < now.size(); ++row) {
    const auto& u = now[row];
    if (!seen.unit_seen(level, u.unit_id)) continue;
    if (parent && !(seen.unit_below(level, u.unit_id, *parent) || (include_parent && u.unit_id == *parent))) continue;
    const auto region = seen.region_of(level, u.unit_id);
    std::size_t engine_k = 0;
    for (std::size_t k = 0; k < list.size(); ++k) {
      const auto& ind = *list[k];
      const bool is_computed = ind.source == "computed";
      const std::size_t ek = is_computed ? engine_k++ : 0;
      if (only_region[k] && region != only_region[k]) continue;
      UnitValue v;
      v.unit_id = u.unit_id;
      v.unit_name = u.unit_name;
      v.parent_id = u.parent_id;
      v.target = ind.target;
      if (region)
        if (auto st = in.settings.find(std::pair(*region, ind.code)); st != in.settings.end())
          v.target = storage::monitoring::target_of(st->second.target, ind.unit);
      for (int when = 0; when < 2; ++when) {
        const auto& counts = when == 0 ? now[row] : before[row];
        double num = 0;
        std::int64_t den = 0;
        if (is_computed) {
          num = ind.kind == domain::ValueKind::mean ? counts.sum[ek] : static_cast<double>(counts.numerator[ek]);
          den = counts.denominator[ek];
        } else {
          const auto& sums = manual[static_cast<std::size_t>(when)];
          if (auto it = sums.find(std::pair(u.unit_id, ind.code)); it != sums.end()) std::tie(num, den) = it->second;
        }
        std::optional<std::int64_t> denominator = den;
        if (const auto* r = stored(when, ind.code, u.unit_id)) {
          num = r->numerator;
          denominator = r->denominator.value_or(0);
          if (when == 0) v.locked = true;
        }
        (when == 0 ? v.current : v.previous) = domain::evaluate(ind, num, denominator);
      }
      if (age_matters[k] && !v.locked) v.left_out = now[row].age_unknown;
      // The target of the period's year; dynamics against the previous period's value.
      v.current.met = v.current.value && v.target
                          ? v.target->met(*v.current.value, period.to.year(), v.previous.value, std::nullopt)
                          : std::nullopt;
      v.previous.met = v.previous.value && v.target
                           ? v.target->met(*v.previous.value, out.previous.to.year(), std::nullopt, std::nullopt)
                           : std::nullopt;
      unit_region[k].push_back(region);
      if (level == UnitLevel::municipality)
        if (auto e = in.entries[0].find(std::pair(u.unit_id, ind.code)); e != in.entries[0].end()) {
          v.confirmed = e->second.confirmed;
          v.evidence = e->second.evidence;
        }
      out.indicators[k].units.push_back(std::move(v));
    }
  }
  return rows;
}

// «Не ниже среднего по региону» — the mean of the region's units of this
// level among those listed — and the ranking, once every unit is counted.
void finish(MonitoringValues& out, const std::vector<std::vector<std::optional<std::int64_t>>>& unit_region) {
  for (std::size_t k = 0; k < out.indicators.size(); ++k) {
    auto& units = out.indicators[k].units;
    for (int when = 0; when < 2; ++when) {
      std::map<std::optional<std::int64_t>, std::pair<double, int>> sums;
      for (std::size_t u = 0; u < units.size(); ++u) {
        const auto& value = when == 0 ? units[u].current : units[u].previous;
        if (!value.value) continue;
        auto& [sum, n] = sums[unit_region[k][u]];
        sum += *value.value;
        ++n;
      }
      for (std::size_t u = 0; u < units.size(); ++u) {
        auto& value = when == 0 ? units[u].current : units[u].previous;
        const auto& t = units[u].target;
        if (!t || t->kind != domain::TargetKind::region_mean || !value.value) continue;
        const auto& [sum, n] = sums[unit_region[k][u]];
        value.met = t->met(*value.value, 0, std::nullopt, n ? std::optional(sum / n) : std::nullopt);
      }
    }
  }
  for (auto& i : out.indicators) rank(i.units);
}

MonitoringValues compute(const App& app, const Inputs& in, const Visibility& seen, const std::string& set,
                         UnitLevel level, const domain::Period& period, std::optional<std::int64_t> parent,
                         bool include_parent) {
  auto rows = compute_rows(rules_of(app), in, seen, set, level, period, parent, include_parent);
  finish(rows.values, rows.unit_region);
  return std::move(rows.values);
}

}  // namespace

bool reads_monitoring(const Caller& caller) { return !administered_scope(caller).empty(); }

domain::Indicator indicator_of(const storage::monitoring::CustomIndicator& x) {
  domain::Indicator i;
  i.code = x.code;
  i.set = "reg";
  i.name = x.name;
  i.unit = x.unit;
  i.kind = domain::parse_value_kind(x.value_kind)
               .value_or(x.unit == "%" ? domain::ValueKind::share : domain::ValueKind::count);
  i.measure = domain::parse_measure(x.measure).value_or(domain::Measure::none);
  i.source = x.source;
  const auto population = [](const std::string& codes) {
    domain::Population p;
    for (const auto& c : domain::split_list(codes, ','))
      if (auto k = domain::parse_count(domain::trim(c))) p.all.push_back(*k);
    return p;
  };
  i.numerator = population(x.numerator);
  if (i.kind == domain::ValueKind::share && x.source == "computed") i.denominator = population(x.denominator);
  i.window = x.window == "cumulative" ? domain::Window::cumulative : domain::Window::period;
  i.periodicity = x.periodicity;
  i.target = storage::monitoring::target_of(x.target, x.unit);
  i.level = UnitLevel::municipality;
  i.responsible = x.responsible;
  i.basis = x.basis.empty() ? "Показатель региона" : x.basis;
  return i;
}

namespace {

// A period people name (a year, a school year, a half-year) is shared; a
// range of dates of one's own is computed for that request alone, so the
// stored keys stay as few as the sets, levels and named periods.
bool shared_period(const std::string& text) { return text.find("..") == std::string::npos; }

std::string shared_key(const mon::Rules& rules, const std::string& set, UnitLevel level, const domain::Period& p) {
  return "monitoring/" + (set.empty() ? std::string("all") : set) + "/" + std::string(domain::unit_level_code(level)) +
         "/" + p.code + "/young " + std::to_string(rules.young.max_age) + " " + std::to_string(rules.young.max_years);
}

// The parts a computation is kept in: one per region, and the whole country
// for the levels small enough to read at once (regions, municipalities — not
// 45 000 organisations).
constexpr const char* kWholeCountry = "all";
bool has_whole_country_part(UnitLevel level) { return level != UnitLevel::organisation; }
std::string region_part(std::int64_t region) { return "region " + std::to_string(region); }

// Every unit of the level for everyone, with the territories above each, in parts.
Computation shared_computation(const mon::Rules& rules, const std::string& set, UnitLevel level,
                               const domain::Period& period) {
  Computation job;
  job.key = shared_key(rules, set, level, period);
  job.compute = [=](storage::Connection& c) {
    const auto in = load_inputs(c, set, period, true);
    domain::Scope everything;
    everything.everything = true;
    const Visibility seen(in.facts, everything);
    auto rows = compute_rows(rules, in, seen, set, level, period, std::nullopt, false);
    std::map<std::optional<std::int64_t>, StoredValues> by_region;  // nullopt: the whole country
    for (const auto& t : in.facts.territories)
      if (t.level == 'r') by_region[t.id];
    if (has_whole_country_part(level)) by_region[std::nullopt];
    for (auto& [region, part] : by_region)
      for (std::size_t k = 0; k < rows.values.indicators.size(); ++k)
        part.indicators.push_back({rows.values.indicators[k].indicator.code, rows.only_region[k], {}});
    const auto add = [&](std::optional<std::int64_t> part_of, std::size_t k, const UnitValue& u,
                         std::optional<std::int64_t> region) {
      auto part = by_region.find(part_of);
      if (part == by_region.end()) return;
      part->second.indicators[k].units.push_back(u);
      if (!part->second.places.contains(u.unit_id))
        part->second.places.emplace(u.unit_id, UnitPlace{region, seen.above(level, u.unit_id)});
    };
    for (std::size_t k = 0; k < rows.values.indicators.size(); ++k) {
      const auto& units = rows.values.indicators[k].units;
      for (std::size_t u = 0; u < units.size(); ++u) {
        const auto region = rows.unit_region[k][u];
        add(std::nullopt, k, units[u], region);
        if (region) add(region, k, units[u], region);
      }
    }
    std::vector<Part> parts;
    for (auto& [region, values] : by_region) {
      auto stored = std::make_shared<const StoredValues>(std::move(values));
      parts.push_back(
          {region ? region_part(*region) : kWholeCountry, encode_values(*stored), Decoded{stored, bytes_of(*stored)}});
    }
    return parts;
  };
  job.decode = [](const std::string& body) {
    auto v = std::make_shared<const StoredValues>(decode_values(body));
    return Decoded{v, bytes_of(*v)};
  };
  return job;
}

// Visibility::unit_seen, from the territories stored above the unit.
bool unit_seen(const domain::Scope& scope, UnitLevel level, std::int64_t id, const UnitPlace& place) {
  if (scope.everything) return true;
  if (level == UnitLevel::organisation &&
      std::find(scope.organisations.begin(), scope.organisations.end(), id) != scope.organisations.end())
    return true;
  return std::any_of(scope.territories.begin(), scope.territories.end(),
                     [&](auto t) { return std::find(place.above.begin(), place.above.end(), t) != place.above.end(); });
}

// The caller's part of a shared computation, ranked among the units the caller sees.
MonitoringValues answer_from(const StoredValues& stored, const std::vector<domain::Indicator>& own_indicators,
                             const std::vector<std::int64_t>& own_regions, const domain::Scope& scope,
                             const std::string& set, UnitLevel level, const domain::Period& period,
                             std::optional<std::int64_t> parent) {
  MonitoringValues out;
  out.set = set;
  out.period = period;
  out.previous = domain::previous_period(period);
  out.level = level;
  std::vector<std::vector<std::optional<std::int64_t>>> unit_region;
  for (const auto& si : stored.indicators) {
    const domain::Indicator* ind = nullptr;
    if (set == "reg") {
      for (std::size_t k = 0; k < own_indicators.size() && !ind; ++k)
        if (own_indicators[k].code == si.code && std::optional(own_regions[k]) == si.region) ind = &own_indicators[k];
    } else {
      ind = domain::find_indicator(si.code);
    }
    if (!ind) continue;  // a region's own indicator removed since (a stale answer)
    IndicatorValues iv{*ind, {}};
    auto& regions = unit_region.emplace_back();
    for (const auto& u : si.units) {
      const auto place = stored.places.find(u.unit_id);
      if (place == stored.places.end() || !unit_seen(scope, level, u.unit_id, place->second)) continue;
      const auto& above = place->second.above;  // Visibility::unit_below
      if (parent && (u.unit_id == *parent || std::find(above.begin(), above.end(), *parent) == above.end())) continue;
      iv.units.push_back(u);
      regions.push_back(place->second.region);
    }
    out.indicators.push_back(std::move(iv));
  }
  finish(out, unit_region);
  return out;
}

// Which part of a shared computation a request reads: the region of the
// territory it looks below, else the one region the caller's scope lies in,
// else the whole country; none when that is too large to keep (every
// organisation of the country) — such a request is computed for itself.
std::optional<std::string> part_for(storage::Connection& c, UnitLevel level, const domain::Scope& scope,
                                    std::optional<std::int64_t> parent) {
  std::set<std::optional<std::int64_t>> regions;
  if (parent) {
    regions.insert(storage::registry::region_of(c, *parent));
  } else if (!scope.everything) {
    for (auto t : scope.territories) regions.insert(storage::registry::region_of(c, t));
    for (auto o : scope.organisations) {
      const auto org = storage::registry::find_organisation(c, o);
      regions.insert(org ? storage::registry::region_of(c, org->territory_id) : std::nullopt);
    }
  }
  if (regions.size() == 1 && *regions.begin()) return region_part(**regions.begin());
  if (has_whole_country_part(level)) return std::string(kWholeCountry);
  return std::nullopt;
}

}  // namespace

std::shared_ptr<const MonitoringAnswer> monitoring_answer(App& app, const Caller& caller, const std::string& set,
                                                          const std::string& level, const std::string& period,
                                                          std::optional<std::int64_t> parent) {
  check_set(set);
  const auto unit = level_of(level);
  const auto p = period_of(period);
  const auto scope = aggregate_scope(caller);
  const auto find_part = [&] {
    return app.db->read([&](storage::Connection& c) {
      if (parent && !storage::registry::find_territory(c, *parent))
        throw domain::Error::not_found("Территория не найдена");
      return shared_period(period) ? part_for(c, unit, scope, parent) : std::nullopt;
    });
  };
  // Which part a view reads depends on the territories only (monitored data):
  // it is found once per data version, like the answer, and a repeated view
  // costs one read of the version (a round trip on PostgreSQL) — not three.
  const auto version = app.db->read([](storage::Connection& c) { return storage::monitoring_version(c); });
  std::optional<std::string> part;
  if (shared_period(period)) {
    const auto where = "part|" + std::string(domain::unit_level_code(unit)) + "|" + scope_key(scope) + "|" +
                       (parent ? std::to_string(*parent) : std::string("-")) + "|" + std::to_string(version);
    part = *app.answers->find_or_make<std::optional<std::string>>(where, [&] {
      return std::pair{std::make_shared<const std::optional<std::string>>(find_part()), 2 * where.size() + 64};
    });
  } else {
    find_part();  // checks the territory asked below
  }
  if (!part) {
    auto out = std::make_shared<MonitoringAnswer>();
    app.db->read_snapshot([&](storage::Connection& c) {
      const auto version = storage::monitoring_version(c);
      const auto in = load_inputs(c, set, p, true);
      out->values = compute(app, in, Visibility(in.facts, scope), set, unit, p, parent, false);
      out->values.freshness = Freshness{version, domain::utc_timestamp_now(), false};
    });
    return out;
  }
  const auto job = shared_computation(rules_of(app), set, unit, p);
  const auto answer = app.shared->get(*app.db, job, *part, version);
  // The same part of the same data cut to the same scope is the same answer.
  const auto key = job.key + "#" + *part + "|" + scope_key(scope) + "|" +
                   (parent ? std::to_string(*parent) : std::string("-")) + "|" +
                   std::to_string(answer.freshness.data_version) + (answer.freshness.stale ? "s" : "f") +
                   answer.freshness.computed_at;
  return app.answers->find_or_make<MonitoringAnswer>(key, [&] {
    std::vector<domain::Indicator> own;
    std::vector<std::int64_t> own_regions;
    if (set == "reg")
      app.db->read([&](storage::Connection& c) {
        for (const auto& x : storage::monitoring::custom_indicators(c)) {
          own.push_back(indicator_of(x));
          own_regions.push_back(x.region_id);
        }
      });
    static const StoredValues nothing;
    const auto* stored = answer.value ? static_cast<const StoredValues*>(answer.value.get()) : &nothing;
    auto out = std::make_shared<MonitoringAnswer>();
    out->values = answer_from(*stored, own, own_regions, scope, set, unit, p, parent);
    out->values.freshness = answer.freshness;
    std::size_t bytes = sizeof(MonitoringAnswer);  // and 256 per unit: room for its renderings
    for (const auto& iv : out->values.indicators)
      for (const auto& u : iv.units) bytes += sizeof(UnitValue) + u.unit_name.size() + u.evidence.size() + 256;
    return std::pair{std::shared_ptr<const MonitoringAnswer>(out), bytes};
  });
}

MonitoringValues monitoring_values(App& app, const Caller& caller, const std::string& set, const std::string& level,
                                   const std::string& period, std::optional<std::int64_t> parent) {
  return monitoring_answer(app, caller, set, level, period, parent)->values;
}

MonitoringValues live_values(App& app, const std::string& set, UnitLevel level, const domain::Period& period,
                             std::int64_t region_id) {
  const auto in = app.db->read([&](storage::Connection& c) { return load_inputs(c, set, period, false); });
  domain::Scope everything;
  everything.everything = true;
  const Visibility seen(in.facts, everything);
  auto out = compute(app, in, seen, set, level, period, region_id, level == UnitLevel::region);
  return out;
}

std::vector<CountedPerson> monitoring_persons(App& app, const Caller& caller, const std::string& code,
                                              const std::string& level, std::int64_t unit_id, const std::string& period,
                                              bool denominator) {
  const auto* ind = domain::find_indicator(code);
  if (!ind) throw domain::Error::validation("code", "Нет показателя с кодом «" + code + "»");
  if (ind->numerator.subject() != domain::Subject::person)
    throw domain::Error::validation("code", "Списком раскрываются только показатели, которые считают людей");
  if (denominator && !ind->denominator)
    throw domain::Error::validation("which", "У показателя-количества нет знаменателя");
  const auto unit = level_of(level);
  const auto p = period_of(period);
  auto personal = scope_of(caller, domain::Action::read_personal);
  personal.person.reset();
  personal.persons.clear();
  const auto facts = app.db->read([](storage::Connection& c) { return storage::monitoring::load_facts(c); });
  if (!Visibility(facts, aggregate_scope(caller)).unit_seen(unit, unit_id))
    throw domain::Error::not_found("Единица мониторинга не найдена");
  if (personal.empty() || !Visibility(facts, personal).unit_seen(unit, unit_id))
    throw domain::Error::forbidden(
        "Список педагогов видят те, кому открыты их персональные данные; вам доступны только сводные числа");
  const auto ids = domain::monitor::counted_persons(facts, *ind, p, unit, unit_id, denominator, rules_of(app));
  std::vector<CountedPerson> out;
  app.db->read([&](storage::Connection& c) {
    std::unordered_map<std::int64_t, CountedPerson*> by_id;
    out.reserve(ids.size());
    for (auto id : ids) out.push_back({id, {}, {}});
    for (auto& x : out) by_id.emplace(x.id, &x);
    storage::registry::in_batches<std::int64_t>(ids, [&](std::span<const std::int64_t> batch) {
      storage::Params params{p.to.iso()};
      c.run(
          "SELECT p.id, p.last_name || ' ' || p.first_name || COALESCE(' ' || p.middle_name, '') AS person_name,"
          " COALESCE(o.short_name, o.name) AS organisation_name FROM persons p"
          " LEFT JOIN positions ps ON ps.person_id = p.id AND (ps.hired_on IS NULL OR ps.hired_on <= $1)"
          " AND (ps.left_on IS NULL OR ps.left_on >= $1)"
          " LEFT JOIN organisations o ON o.id = ps.organisation_id WHERE p.id IN " +
              storage::registry::placeholders(params, batch) + " ORDER BY p.id, o.name",
          params, [&](const storage::Row& r) {
            auto* x = by_id.at(r.int64("id"));
            x->name = r.text("person_name");
            const auto org = r.text("organisation_name");
            if (!org.empty() && x->organisations.find(org) == std::string::npos)
              x->organisations += (x->organisations.empty() ? "" : "; ") + org;
          });
    });
    return 0;
  });
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

namespace {

using domain::decimal_text;
using domain::value_text;

// The indicator as people name it, its code after it and never split across
// lines («… сообщества (rmms.8)»: a no-break space before, a word joiner after the dot).
std::string name_with_code(const domain::Indicator& ind) {
  std::string code;
  for (char ch : ind.code) code += ch == '.' ? std::string(".\u2060") : std::string(1, ch);
  return ind.name + "\u00a0(" + code + ")";
}

// What a value is made of, in words after it: «12 из 40», «в среднем по 17».
std::string basis_text(const domain::Indicator& ind, const domain::Value& v) {
  if (!v.denominator) return {};
  switch (ind.kind) {
    case domain::ValueKind::share:
      return decimal_text(v.numerator) + " из " + decimal_text(static_cast<double>(*v.denominator));
    case domain::ValueKind::yes_no:
      return "«да» — " + decimal_text(v.numerator) + " из " + decimal_text(static_cast<double>(*v.denominator));
    case domain::ValueKind::mean:
      return "в среднем по " + decimal_text(static_cast<double>(*v.denominator));
    case domain::ValueKind::count:
      break;
  }
  return {};
}

// The numerator's cell: a mean's sum means nothing to a reader, its count does.
std::string numerator_cell(const domain::Indicator& ind, const domain::Value& v) {
  return ind.kind == domain::ValueKind::mean ? "—" : decimal_text(v.numerator);
}

// The words under a table: the total against the target, the dynamics, how
// many units reached it, the leaders and those behind.
std::string conclusion(const domain::Indicator& ind, const UnitValue* total, const std::vector<UnitValue>& units,
                       const std::string& territory, const MonitoringValues& mv) {
  std::string out;
  if (total) {
    out += "В целом по территории «" + territory + "» — " + value_text(ind, total->current);
    if (const auto made_of = basis_text(ind, total->current); !made_of.empty()) out += " (" + made_of + ")";
    if (total->target && total->current.met) {
      const auto goal = total->target->text_for(mv.period.to.year());
      out += *total->current.met ? "; целевое значение (" + goal + ") достигнуто"
                                 : "; целевое значение (" + goal + ") не достигнуто";
    }
    if (total->current.value && total->previous.value) {
      const double d = std::round((*total->current.value - *total->previous.value) * 10) / 10;
      const std::string unit = ind.unit == "%" ? "\u00a0п.\u00a0п." : ind.unit == "ед." ? "" : "\u00a0" + ind.unit;
      out += d > 0   ? "; рост на " + decimal_text(d) + unit
             : d < 0 ? "; снижение на " + decimal_text(-d) + unit
                     : "; без изменений";
      out += " к периоду «" + mv.previous.title + "»";
    }
    out += ". ";
  }
  std::size_t with_data = 0, met = 0;
  for (const auto& u : units) {
    if (u.current.value) ++with_data;
    if (u.current.met && *u.current.met) ++met;
  }
  if ((total ? total->target : ind.target) && with_data)
    out += "Целевое значение достигнуто в " + std::to_string(met) + " из " + std::to_string(with_data) + ". ";
  if (with_data < units.size()) out += "Нет данных: " + std::to_string(units.size() - with_data) + ". ";
  // What could not be counted, said rather than computed on the rest in silence.
  if (const std::int64_t left_out = total ? total->left_out : 0; left_out > 0)
    out += "Не учтены " + std::to_string(left_out) + " " +
           std::string(domain::plural(static_cast<std::uint64_t>(left_out), "педагог", "педагога", "педагогов")) +
           " без даты рождения или начала педагогического стажа: их возраст и стаж неизвестны. ";
  std::vector<const UnitValue*> ranked;
  for (const auto& u : units)
    if (u.current.value) ranked.push_back(&u);
  std::sort(ranked.begin(), ranked.end(), [](auto* a, auto* b) { return *a->current.value > *b->current.value; });
  if (ranked.size() >= 4) {
    out += "Выше всего: " + ranked[0]->unit_name + ", " + ranked[1]->unit_name +
           "; ниже всего: " + ranked[ranked.size() - 1]->unit_name + ", " + ranked[ranked.size() - 2]->unit_name + ".";
  }
  return out;
}

// The справка's two cuts of the values: the units one level below the
// territory, and the territory itself as their total. They are taken from the
// kept answers (monitoring_answer) when those are computed from the data as it
// is now — at federal scale a справка then costs milliseconds, not seconds of
// reading every fact. An official document is not printed from a computation
// the data has moved past: then the two cuts are computed afresh.
struct ReportCuts {
  MonitoringValues rows, totals;
};
ReportCuts report_cuts(App& app, const Caller& caller, const std::string& set, const std::string& period,
                       const domain::Territory& territory, UnitLevel below, UnitLevel self) {
  const auto rows =
      monitoring_answer(app, caller, set, std::string(domain::unit_level_code(below)), period, territory.id);
  const auto totals =
      monitoring_answer(app, caller, set, std::string(domain::unit_level_code(self)), period, territory.parent_id);
  if (!rows->values.freshness.stale && !totals->values.freshness.stale) return {rows->values, totals->values};
  const auto p = period_of(period);
  const auto in = app.db->read([&](storage::Connection& c) { return load_inputs(c, set, p, true); });
  const auto scope = aggregate_scope(caller);  // Visibility keeps a reference to it
  const Visibility seen(in.facts, scope);
  return {compute(app, in, seen, set, below, p, territory.id, false),
          compute(app, in, seen, set, self, p, territory.id, true)};
}

}  // namespace

ExportFile monitoring_report(App& app, const Caller& caller, const std::string& set, const std::string& period,
                             std::int64_t territory_id, const std::string& format) {
  if (format != "pdf" && format != "xlsx") throw domain::Error::validation("format", "Формат справки: pdf или xlsx");
  check_set(set);
  const auto p = period_of(period);
  const auto scope = aggregate_scope(caller);
  const auto territory = app.db->read([&](storage::Connection& c) -> std::optional<domain::Territory> {
    auto t = storage::registry::find_territory(c, territory_id);
    if (!t || !storage::registry::territory_covered(c, territory_id, scope)) return std::nullopt;
    return t;
  });
  if (!territory) throw domain::Error::not_found("Территория не найдена");
  // The units one level below the territory, and the territory itself as the total.
  const UnitLevel below = territory->level == "federation" ? UnitLevel::region
                          : territory->level == "region"   ? UnitLevel::municipality
                                                           : UnitLevel::organisation;
  const UnitLevel self = territory->level == "federation" ? UnitLevel::federation
                         : territory->level == "region"   ? UnitLevel::region
                                                          : UnitLevel::municipality;
  const auto [rows, totals] = report_cuts(app, caller, set, period, *territory, below, self);
  std::vector<const domain::Indicator*> list;
  for (const auto& i : rows.indicators) list.push_back(&i.indicator);
  // By code: the two cuts list the same indicators, but nothing here should rest on their order.
  auto total_of = [&](std::size_t k) -> const UnitValue* {
    for (const auto& iv : totals.indicators)
      if (iv.indicator.code == list[k]->code)
        for (const auto& u : iv.units)
          if (u.unit_id == territory_id) return &u;
    return nullptr;
  };
  const std::string title = "Справка по итогам мониторинга: " + std::string(domain::indicator_set_title(set)) + ", " +
                            territory->name + ", " + p.title;
  const std::string stem = "spravka-" + (set.empty() ? std::string("all") : set) + "-" + p.code.substr(0, 9);
  if (format == "xlsx") {
    auto sink = io::make_sink("xlsx", "Справка",
                              {{"Код", io::ColumnKind::text, 9},
                               {"Показатель", io::ColumnKind::text, 60},
                               {"Территория / организация", io::ColumnKind::text, 36},
                               {"Числитель", io::ColumnKind::integer, 11},
                               {"Знаменатель", io::ColumnKind::integer, 12},
                               {"Значение", io::ColumnKind::text, 10},
                               {"Целевое значение", io::ColumnKind::text, 12},
                               {"Достигнуто", io::ColumnKind::text, 11},
                               {"Прошлый период", io::ColumnKind::text, 12},
                               {"Место", io::ColumnKind::integer, 7}});
    // The territory's own row has no place: it is the total of the units ranked below it.
    auto line = [&](const domain::Indicator& ind, const UnitValue& u, bool ranked) {
      // The sheet keeps numbers as numbers (a decimal point, not a comma); a mean's sum is left out.
      char numerator[32] = "";
      if (ind.kind != domain::ValueKind::mean)
        *std::to_chars(numerator, numerator + sizeof numerator - 1, u.current.numerator).ptr = '\0';
      sink->row({ind.code, ind.name, u.unit_name, numerator,
                 u.current.denominator ? std::to_string(*u.current.denominator) : "", value_text(ind, u.current),
                 u.target ? u.target->text_for(p.to.year()) : "", u.current.met ? (*u.current.met ? "да" : "нет") : "",
                 value_text(ind, u.previous), ranked && u.rank ? std::to_string(*u.rank) : ""});
    };
    for (std::size_t k = 0; k < list.size(); ++k) {
      if (const auto* t = total_of(k)) line(*list[k], *t, false);
      for (const auto& u : rows.indicators[k].units) line(*list[k], u, true);
    }
    return finish_export(*sink, stem, "xlsx");
  }
  io::PdfDocument pdf(true);  // landscape: seven columns and the chart
  pdf.title(title);
  pdf.paragraph("Значения рассчитаны системой «Методист» по данным на " + domain::russian_date(p.to.iso()) +
                " (последний день периода) и на " + domain::russian_date(rows.previous.to.iso()) +
                " для сравнения с прошлым периодом («" + rows.previous.title +
                "»). Дата формирования: " + domain::russian_date(domain::Date::today().iso()) + ".");
  // First the summary on one page: each indicator's value for the territory
  // against its target, as a head reads it; then the detail per indicator.
  pdf.heading("Сводка: " + territory->name);
  std::vector<std::vector<std::string>> summary;
  std::size_t met = 0, judged = 0;
  for (std::size_t k = 0; k < list.size(); ++k) {
    const auto& ind = *list[k];
    const auto* t = total_of(k);
    const auto target = t ? t->target : ind.target;
    if (t && t->current.met) {
      ++judged;
      met += *t->current.met ? 1 : 0;
    }
    summary.push_back(
        {name_with_code(ind), t ? value_text(ind, t->current) : "—", target ? target->text_for(p.to.year()) : "—",
         t && t->current.met ? (*t->current.met ? "да" : "нет") : "—", t ? value_text(ind, t->previous) : "—"});
  }
  // On this one page with the line below it, the type smaller if it must be.
  pdf.table({"Показатель", "Значение", "Целевое значение", "Достигнуто", "Прошлый период"},
            {0.6, 0.1, 0.12, 0.09, 0.09}, summary, 30);
  if (judged)
    pdf.paragraph("Целевое значение достигнуто по " + std::to_string(met) + " из " + std::to_string(judged) + " " +
                  std::string(domain::plural(judged, "показателю", "показателям", "показателям")) +
                  " с целевым значением.");
  for (std::size_t k = 0; k < list.size(); ++k) {
    const auto& ind = *list[k];
    // The units in rank order, the best first; those without data after them, by name.
    auto units = rows.indicators[k].units;
    std::stable_sort(units.begin(), units.end(), [](const UnitValue& a, const UnitValue& b) {
      return std::tuple(!a.rank, a.rank.value_or(0)) < std::tuple(!b.rank, b.rank.value_or(0));
    });
    if (k == 0) pdf.page_break();
    pdf.heading(name_with_code(ind));
    std::string passport = "Считается: " + ind.numerator.title();
    if (ind.denominator) passport += " — из: " + ind.denominator->title();
    passport += ind.window == domain::Window::cumulative ? " (нарастающим итогом)" : " (за период)";
    const auto* total = total_of(k);
    const auto target = total ? total->target : ind.target;
    if (target) passport += ". Целевое значение: " + target->text_for(p.to.year());
    if (!ind.basis.empty()) passport += ". Основание: " + ind.basis;
    if (!ind.responsible.empty()) passport += ". Ответственный: " + ind.responsible;
    passport += ".";
    pdf.paragraph(passport);
    std::vector<std::vector<std::string>> table;
    std::vector<std::string> labels;
    std::vector<double> values;
    for (const auto& u : units) {
      table.push_back({u.unit_name, numerator_cell(ind, u.current),
                       u.current.denominator ? decimal_text(static_cast<double>(*u.current.denominator)) : "—",
                       value_text(ind, u.current), u.current.met ? (*u.current.met ? "да" : "нет") : "—",
                       value_text(ind, u.previous), u.rank ? std::to_string(*u.rank) : "—"});
      labels.push_back(u.unit_name);
      values.push_back(u.current.value ? *u.current.value : -1);
    }
    if (const auto* t = total)
      table.push_back({"Итого: " + territory->name, numerator_cell(ind, t->current),
                       t->current.denominator ? decimal_text(static_cast<double>(*t->current.denominator)) : "—",
                       value_text(ind, t->current), t->current.met ? (*t->current.met ? "да" : "нет") : "—",
                       value_text(ind, t->previous), ""});
    pdf.table(
        {"Территория / организация", "Числитель", "Знаменатель", "Значение", "Достигнуто", "Прошлый период", "Место"},
        {0.34, 0.1, 0.11, 0.11, 0.1, 0.14, 0.08}, table);
    if (!labels.empty() && labels.size() <= 60) {
      double max = ind.unit == "%" ? 100 : 1;
      for (double v : values) max = std::max(max, v);
      // The line of a value target; dynamics and the region's mean have none to draw.
      const bool line = target && target->kind == domain::TargetKind::value;
      pdf.bar_chart(labels, values, max, line ? std::optional(target->value_for(p.to.year())) : std::nullopt, ind.unit);
    }
    pdf.paragraph("Вывод: " + conclusion(ind, total, units, territory->name, rows));
  }
  return {pdf.finish(), "application/pdf", stem + ".pdf"};
}

}  // namespace metodist::app
