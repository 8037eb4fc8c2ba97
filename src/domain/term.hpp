// Terms as plans write them (the РМА description and the Chelyabinsk order № 017730): «Январь - февраль»,
// «I квартал», «II, IV кварталы», «II – IV кварталы», «III IV кварталы»,
// «В течение года», «В течение всего периода», «1 раз в полгода», «По
// отдельному плану», «Декабрь 2021 года», «Апрель 2022», «до 05.06.2021»…
// The wording is always kept; this adds a normalised date range (and its
// parts when they are apart, as «II, IV кварталы»), and flags wording it does
// not understand instead of guessing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"

namespace metodist::domain {

struct DateRange {
  Date from, to;  // inclusive
};

enum class TermKind {
  dates,         // a month, months, quarters, explicit dates
  whole_period,  // «в течение всего периода», «в течение года»
  recurring,     // «1 раз в полгода», «ежеквартально»: every such part of the period
  by_plan,       // «по отдельному плану»: dates set elsewhere
  unknown,       // kept as written and flagged
};

struct ParsedTerm {
  TermKind kind = TermKind::unknown;
  std::optional<DateRange> range;  // the whole span the term covers
  std::vector<DateRange> parts;    // when the span has gaps («II, IV кварталы»)
  std::string every;               // recurring: «полугодие», «квартал», «месяц», «год»
  bool flagged() const { return kind == TermKind::unknown; }
};

// The stored code of a kind («dates», «whole_period», «recurring», «by_plan»,
// «unknown») and back (unknown for anything else).
std::string_view term_kind_code(TermKind kind) noexcept;
TermKind term_kind_from_code(std::string_view code) noexcept;

// `year`: the year a term without one means (a roadmap's current year);
// `period`: the plan's whole period, for «в течение всего периода» and
// recurring terms.
ParsedTerm parse_term(std::string_view text, int year, const DateRange& period);

}  // namespace metodist::domain
