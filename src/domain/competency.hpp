// The competency framework diagnostics measure and routes develop.
//
// Groups follow the ЕФС НМС concept (domain.md §3): предметные, методические,
// психолого-педагогические, коммуникативные, цифровые, управленческие. The
// default competencies below are the documented starting set
// (docs/diagnostics.md); a region edits its own copy in the database, so codes
// here are stable identifiers and never reused for another meaning.
#pragma once

#include <span>
#include <string_view>

#include "domain/registry.hpp"

namespace metodist::domain {

struct Competency {
  std::string_view code;   // stable, e.g. "method.functional_literacy"
  std::string_view group;  // competency_groups() code
  std::string_view title;  // Russian, as people name it
};

// The six groups, in the order the concept lists them.
std::span<const Term> competency_groups();
// The default framework: every competency belongs to one of the groups.
std::span<const Competency> default_competencies();
const Competency* find_competency(std::span<const Competency> framework, std::string_view code) noexcept;

}  // namespace metodist::domain
