// What the registry must hold of each person for the indicators to count
// them, and what a gap costs: the fields checked, why each matters, and which
// indicators leave out a person who lacks it. Plain rules, no I/O.
//
// Category and education are not among the fields: the registry keeps them
// always filled (an empty cell in a file means «без категории» / «нет»), so
// a gap there cannot be told from a value.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/monitoring.hpp"

namespace metodist::domain {

struct QualityField {
  std::string_view code;   // birth_date | ped_experience_since | snils | subject_area
  std::string_view title;  // «Дата рождения»
  std::string_view why;    // what depends on it, in words
  bool decides_age;        // a young teacher is told by it (Count::young)
};
std::span<const QualityField> quality_fields();
const QualityField* find_quality_field(std::string_view code);

// Whether an indicator counts young teachers (in the numerator or the
// denominator): a teacher without a birth date or the start of pedagogical
// experience is left out of it, whatever their age.
bool needs_age(const Indicator& indicator);
// The codes of those among `indicators`.
std::vector<std::string> indicators_needing_age(std::span<const Indicator* const> indicators);

// An organisation's staff and the gaps in it.
struct OrganisationQuality {
  std::int64_t organisation_id = 0;
  std::string code, name, territory_name;
  std::int64_t staff = 0;                 // persons with a current workplace there
  std::vector<std::int64_t> missing;      // parallel to quality_fields(): persons lacking the field
  std::int64_t age_unknown_teachers = 0;  // teachers left out of the young-teacher indicators
};
// The share of filled cells (persons × fields), 0..1; 1 for no staff.
double completeness(const OrganisationQuality& q);

}  // namespace metodist::domain
