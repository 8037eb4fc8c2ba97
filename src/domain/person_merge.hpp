// Two records of one person: how probable duplicates are recognised, which
// facts forbid making them one, and what the kept record takes from the
// merged one. Plain rules, no I/O (the storage says where a person is
// referred to; the app joins the two).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/registry.hpp"

namespace metodist::domain {

// A person as the finder compares them: the full name folded (case, «ё»,
// spaces) and hashed, the birth date as yyyymmdd (0 unknown), whether a
// СНИЛС is known. Hashes keep a federal registry of a million people in a
// few dozen megabytes; a pair is shown with both names, so a collision of two
// 64-bit hashes (about 1 in 10^7 for a million names) would be seen at once.
struct DuplicateCandidate {
  std::int64_t id = 0;
  std::uint64_t name = 0;
  std::int32_t birth = 0;
  bool has_snils = false;
};
std::string person_name_key(std::string_view last, std::string_view first, std::string_view middle);
std::uint64_t person_name_hash(std::string_view name_key);
std::int32_t birth_number(std::string_view iso_date);  // 19790504; 0 for ""

// Why two records are probably one person. Two records that both carry a
// СНИЛС are two people (the number is unique in the registry): never a pair.
struct DuplicatePair {
  std::int64_t first = 0, second = 0;            // first < second
  bool same_birth_date = false;                  // the same full name and birth date
  std::vector<std::int64_t> same_organisations;  // the same full name, working there
};
// `workplaces`: (person, organisation) of current workplaces. Pairs come
// ordered by ids. A group larger than kMaxDuplicateGroup (one name shared by
// that many in one school, or with one birth date) is a data fault of its own
// and is skipped rather than listed as thousands of pairs.
constexpr std::size_t kMaxDuplicateGroup = 20;
std::vector<DuplicatePair> find_duplicates(std::vector<DuplicateCandidate> candidates,
                                           std::span<const std::pair<std::int64_t, std::int64_t>> workplaces);

// Facts of the two records that cannot both stay on one person, in words
// («Даты рождения разные: 04.05.1979 и 05.05.1979»). Empty: they may merge.
std::vector<std::string> merge_conflicts(const Person& kept, const Person& merged);
// The kept record after the merge: its own values, with what it lacks taken
// from the merged one (a known birth date, СНИЛС, education).
Person merged_card(Person kept, const Person& merged);

}  // namespace metodist::domain
