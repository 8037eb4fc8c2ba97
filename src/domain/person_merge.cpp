#include "domain/person_merge.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "domain/date.hpp"
#include "domain/text.hpp"

namespace metodist::domain {

std::string person_name_key(std::string_view last, std::string_view first, std::string_view middle) {
  std::string all;
  for (auto part : {last, first, middle}) {
    const auto word = trim_view(part);
    if (word.empty()) continue;
    if (!all.empty()) all += ' ';
    all.append(word);
  }
  // Inner runs of spaces count as one: «Иванова  Анна» is «Иванова Анна».
  std::string folded = fold_for_search(all), out;
  for (char ch : folded)
    if (ch != ' ' || (!out.empty() && out.back() != ' ')) out += ch;
  return out;
}

std::uint64_t person_name_hash(std::string_view key) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a: stable across runs and builds
  for (unsigned char ch : key) {
    h ^= ch;
    h *= 1099511628211ull;
  }
  return h;
}

std::int32_t birth_number(std::string_view iso) {
  const auto d = Date::parse_iso(iso);
  if (!d) return 0;
  return d->year() * 10000 + static_cast<int>(static_cast<unsigned>(d->ymd.month())) * 100 +
         static_cast<int>(static_cast<unsigned>(d->ymd.day()));
}

namespace {

// Calls pair(a, b) for every two members of a group that may be one person.
template <class F>
void pairs_in(std::span<const DuplicateCandidate* const> group, F&& pair) {
  if (group.size() < 2 || group.size() > kMaxDuplicateGroup) return;
  for (std::size_t i = 0; i < group.size(); ++i)
    for (std::size_t j = i + 1; j < group.size(); ++j)
      if (!(group[i]->has_snils && group[j]->has_snils) && group[i]->id != group[j]->id) pair(*group[i], *group[j]);
}

}  // namespace

std::vector<DuplicatePair> find_duplicates(std::vector<DuplicateCandidate> candidates,
                                           std::span<const std::pair<std::int64_t, std::int64_t>> workplaces) {
  std::map<std::pair<std::int64_t, std::int64_t>, DuplicatePair> found;
  auto at = [&](const DuplicateCandidate& a, const DuplicateCandidate& b) -> DuplicatePair& {
    const auto key = std::minmax(a.id, b.id);
    auto& p = found[key];
    p.first = key.first;
    p.second = key.second;
    return p;
  };
  // The same name and birth date: neighbours once sorted by both.
  std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
    return std::tie(a.name, a.birth, a.id) < std::tie(b.name, b.birth, b.id);
  });
  std::vector<const DuplicateCandidate*> group;
  for (std::size_t i = 0; i < candidates.size();) {
    std::size_t j = i;
    group.clear();
    while (j < candidates.size() && candidates[j].name == candidates[i].name &&
           candidates[j].birth == candidates[i].birth)
      group.push_back(&candidates[j++]);
    if (candidates[i].birth != 0)
      pairs_in(group, [&](const auto& a, const auto& b) { at(a, b).same_birth_date = true; });
    i = j;
  }
  // The same name in the same organisation: workplaces sorted by both.
  std::unordered_map<std::int64_t, const DuplicateCandidate*> by_id;
  by_id.reserve(candidates.size());
  for (const auto& c : candidates) by_id.emplace(c.id, &c);
  struct Place {
    std::int64_t organisation;
    std::uint64_t name;
    const DuplicateCandidate* person;
  };
  std::vector<Place> places;
  places.reserve(workplaces.size());
  for (const auto& [person, organisation] : workplaces)
    if (auto it = by_id.find(person); it != by_id.end()) places.push_back({organisation, it->second->name, it->second});
  std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) {
    return std::tie(a.organisation, a.name, a.person->id) < std::tie(b.organisation, b.name, b.person->id);
  });
  for (std::size_t i = 0; i < places.size();) {
    std::size_t j = i;
    group.clear();
    while (j < places.size() && places[j].organisation == places[i].organisation && places[j].name == places[i].name) {
      // One person holding two posts in one school is one member of the group.
      if (group.empty() || group.back() != places[j].person) group.push_back(places[j].person);
      ++j;
    }
    const auto organisation = places[i].organisation;
    pairs_in(group, [&](const auto& a, const auto& b) {
      auto& orgs = at(a, b).same_organisations;
      if (std::find(orgs.begin(), orgs.end(), organisation) == orgs.end()) orgs.push_back(organisation);
    });
    i = j;
  }
  std::vector<DuplicatePair> out;
  out.reserve(found.size());
  for (auto& [key, pair] : found) out.push_back(std::move(pair));
  return out;
}

std::vector<std::string> merge_conflicts(const Person& kept, const Person& merged) {
  std::vector<std::string> out;
  if (!kept.birth_date.empty() && !merged.birth_date.empty() && kept.birth_date != merged.birth_date)
    out.push_back("Даты рождения разные: " + russian_date(kept.birth_date) + " и " + russian_date(merged.birth_date) +
                  " — исправьте неверную в карточке");
  if (!kept.snils.empty() && !merged.snils.empty() && kept.snils != merged.snils)
    out.push_back("СНИЛС разные: " + kept.snils + " и " + merged.snils + " — это два человека");
  if (!kept.gender.empty() && !merged.gender.empty() && kept.gender != merged.gender)
    out.push_back("Указан разный пол — исправьте неверный в карточке");
  return out;
}

Person merged_card(Person kept, const Person& merged) {
  auto take = [](std::string& mine, const std::string& theirs) {
    if (mine.empty()) mine = theirs;
  };
  take(kept.middle_name, merged.middle_name);
  take(kept.gender, merged.gender);
  take(kept.birth_date, merged.birth_date);
  take(kept.ped_experience_since, merged.ped_experience_since);
  take(kept.snils, merged.snils);
  if (kept.category.empty() || kept.category == "none") kept.category = merged.category;
  kept.higher_ped_education = kept.higher_ped_education || merged.higher_ped_education;
  kept.ped_university_graduate = kept.ped_university_graduate || merged.ped_university_graduate;
  return kept;
}

}  // namespace metodist::domain
