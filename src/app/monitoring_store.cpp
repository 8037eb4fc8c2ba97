#include "app/monitoring_store.hpp"

#include <nlohmann/json.hpp>

namespace metodist::app {
namespace {

using nlohmann::json;

// Arrays, not objects: a federal body holds tens of thousands of values.
json number_or_null(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json id_or_null(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }
json flag_or_null(const std::optional<bool>& v) { return v ? json(*v) : json(nullptr); }

std::optional<double> opt_number(const json& j) { return j.is_null() ? std::nullopt : std::optional(j.get<double>()); }
std::optional<std::int64_t> opt_id(const json& j) {
  return j.is_null() ? std::nullopt : std::optional(j.get<std::int64_t>());
}
std::optional<bool> opt_flag(const json& j) { return j.is_null() ? std::nullopt : std::optional(j.get<bool>()); }

json value_json(const domain::Value& v) {
  return json::array({v.numerator, id_or_null(v.denominator), number_or_null(v.value), flag_or_null(v.met)});
}
domain::Value value_of(const json& j) {
  return {j.at(0).get<double>(), opt_id(j.at(1)), opt_number(j.at(2)), opt_flag(j.at(3))};
}

json target_json(const std::optional<domain::Target>& t) {
  if (!t) return nullptr;
  json years = json::array();
  for (const auto& [y, v] : t->by_year) years.push_back(json::array({y, v}));
  return json::array({t->op, t->value, static_cast<int>(t->kind), years, t->unit});
}
std::optional<domain::Target> target_of(const json& j) {
  if (j.is_null()) return std::nullopt;
  domain::Target t;
  t.op = j.at(0).get<std::string>();
  t.value = j.at(1).get<double>();
  t.kind = static_cast<domain::TargetKind>(j.at(2).get<int>());
  for (const auto& y : j.at(3)) t.by_year.emplace_back(y.at(0).get<int>(), y.at(1).get<double>());
  t.unit = j.at(4).get<std::string>();
  return t;
}

constexpr int kFormat = 1;  // bumped when the layout changes: an older body is then recomputed, not misread

}  // namespace

std::string encode_values(const StoredValues& v) {
  json indicators = json::array();
  for (const auto& i : v.indicators) {
    json units = json::array();
    for (const auto& u : i.units)
      units.push_back(
          json::array({u.unit_id, u.unit_name, id_or_null(u.parent_id), value_json(u.current), value_json(u.previous),
                       target_json(u.target), u.locked, u.confirmed, u.evidence, u.left_out}));
    indicators.push_back(json::array({i.code, id_or_null(i.region), std::move(units)}));
  }
  json places = json::array();
  for (const auto& [id, p] : v.places) places.push_back(json::array({id, id_or_null(p.region), p.above}));
  return json::array({kFormat, std::move(indicators), std::move(places)}).dump();
}

StoredValues decode_values(std::string_view body) {
  const auto j = json::parse(body);
  if (j.at(0).get<int>() != kFormat) throw std::runtime_error("другой формат сохранённого расчёта");
  StoredValues v;
  for (const auto& i : j.at(1)) {
    StoredIndicator s{i.at(0).get<std::string>(), opt_id(i.at(1)), {}};
    s.units.reserve(i.at(2).size());
    for (const auto& u : i.at(2)) {
      UnitValue x;
      x.unit_id = u.at(0).get<std::int64_t>();
      x.unit_name = u.at(1).get<std::string>();
      x.parent_id = opt_id(u.at(2));
      x.current = value_of(u.at(3));
      x.previous = value_of(u.at(4));
      x.target = target_of(u.at(5));
      x.locked = u.at(6).get<bool>();
      x.confirmed = u.at(7).get<bool>();
      x.evidence = u.at(8).get<std::string>();
      x.left_out = u.at(9).get<std::int64_t>();
      s.units.push_back(std::move(x));
    }
    v.indicators.push_back(std::move(s));
  }
  for (const auto& p : j.at(2))
    v.places.emplace(p.at(0).get<std::int64_t>(), UnitPlace{opt_id(p.at(1)), p.at(2).get<std::vector<std::int64_t>>()});
  return v;
}

std::size_t bytes_of(const StoredValues& v) {
  std::size_t n = sizeof v;
  for (const auto& i : v.indicators) {
    n += sizeof i + i.code.size();
    for (const auto& u : i.units) n += sizeof u + u.unit_name.capacity() + u.evidence.capacity();
  }
  for (const auto& [id, p] : v.places) n += sizeof id + sizeof p + 32 + p.above.capacity() * sizeof(std::int64_t);
  return n;
}

}  // namespace metodist::app
