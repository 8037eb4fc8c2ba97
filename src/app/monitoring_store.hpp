// A monitoring computation as it is stored and shared between app servers
// (app/shared_results.hpp): the values of every unit of a level below a
// territory, for everyone, before ranking — with the territories above each
// unit, so that a caller's part is cut out without reading the facts again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/monitoring.hpp"

namespace metodist::app {

struct UnitPlace {
  std::optional<std::int64_t> region;  // for «не ниже среднего по региону»
  std::vector<std::int64_t> above;     // a territory: itself, then up; an organisation: its territory, then up
};

struct StoredIndicator {
  std::string code;
  std::optional<std::int64_t> region;  // a region's own indicator: that region
  std::vector<UnitValue> units;        // rank and «не ниже среднего» not yet set
};

struct StoredValues {
  std::vector<StoredIndicator> indicators;
  std::unordered_map<std::int64_t, UnitPlace> places;  // by unit id
};

std::string encode_values(const StoredValues& v);
// Throws std::exception on a body this version did not write.
StoredValues decode_values(std::string_view body);
// What it takes in memory, near enough to bound a cache by.
std::size_t bytes_of(const StoredValues& v);

}  // namespace metodist::app
