// Which competencies of the framework a program, an event or a practice of
// the bank develops: one link table per kind, one way to read and write them
// (the route's suggestions look them up by competency). The caller owns the
// transaction and has checked the codes against the framework.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "storage/database.hpp"

namespace metodist::storage::tags {

enum class Tagged { program, event, practice };

// Codes per object, in framework order; objects without tags are absent.
std::unordered_map<std::int64_t, std::vector<std::string>> codes_of(Connection& c, Tagged kind,
                                                                    std::span<const std::int64_t> ids);
// Replaces the object's tags with these competencies (ids).
void replace(Connection& c, Tagged kind, std::int64_t id, std::span<const std::int64_t> competency_ids);
// Objects tagged with the competency (a code), in id order.
std::vector<std::int64_t> tagged_with(Connection& c, Tagged kind, const std::string& code);

// Fills `competencies` of each item from its tags (one query per 500 items).
template <class T>
void fill_codes(Connection& c, Tagged kind, std::vector<T>& items) {
  if (items.empty()) return;
  std::vector<std::int64_t> ids;
  ids.reserve(items.size());
  for (const auto& i : items) ids.push_back(i.id);
  auto codes = codes_of(c, kind, ids);
  for (auto& i : items)
    if (auto it = codes.find(i.id); it != codes.end()) i.competencies = std::move(it->second);
}

}  // namespace metodist::storage::tags
