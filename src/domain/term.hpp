// Terms of roadmap items as Russian orders write them, read by a small grammar
// rather than a list of phrases:
//   points   «Февраль», «20 сентября», «15.09.2023», «I квартал», «II полугодие»,
//            «2024 год», «2023/2024 учебный год», «учебный год», «год»;
//   spans    «Январь – февраль», «декабрь 2023 г. – январь 2024 г.»,
//            «с 01.09.2023 по 31.05.2024», «II – IV кварталы», «2023 – 2024 гг.»;
//   lists    «II, IV кварталы», «сентябрь, ноябрь», «III IV кварталы»;
//   deadlines (a milestone on one day) «до 1 сентября 2023 г.», «до 15.09.2023»,
//            «не позднее 20 сентября», «до конца 2024 года», «по итогам I полугодия»;
//   series   «ежеквартально», «ежемесячно», «1 раз в полугодие», «по итогам
//            каждого полугодия», «до 25 числа каждого месяца», «до 10 числа
//            месяца, следующего за отчётным кварталом», «ежегодно до 1 сентября»;
//   no date  «по отдельному плану», «по графику», «в сроки, установленные
//            Минпросвещения России» (set elsewhere); «по мере необходимости»,
//            «по запросу» (when needed) — known kinds, never late.
// A year written after several points belongs to all of them («сентябрь –
// декабрь 2023»); a span whose end would come before its start crosses a year
// boundary («сентябрь – май 2024» is September 2023 to May 2024). Without a
// year, a point is the first such one within the item's block (a section
// «2024 год» or «2023/2024 учебный год») or the plan's period; inside a school
// year September–December belong to its first calendar year, January–August
// to the second, and «полугодие»/«четверть» are the school's (I: September–
// December, II: January–May). The wording is always kept; anything else is
// flagged as not understood, never turned into a guessed date.
#pragma once

#include <optional>
#include <span>
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
  recurring,  // a series of due dates: «ежеквартально», «до 25 числа каждого месяца»
  by_plan,    // «по отдельному плану», «по графику»: dates set elsewhere
  unknown,    // kept as written and flagged
  deadline,   // «до 1 сентября 2023 г.»: a milestone on one day
  as_needed,  // «по мере необходимости», «по запросу»: no due date at all
};

struct ParsedTerm {
  TermKind kind = TermKind::unknown;
  std::optional<DateRange> range;  // the whole span the term covers
  // dates: the pieces when the span has gaps («II, IV кварталы»);
  // recurring: every cycle of the series, `to` being its due date.
  std::vector<DateRange> parts;
  std::string every;  // recurring: «неделя», «месяц», «квартал», «полугодие», «год»
  bool flagged() const { return kind == TermKind::unknown; }
};

// The stored code of a kind («dates», «whole_period», «recurring», «by_plan»,
// «unknown», «deadline», «as_needed») and back (unknown for anything else).
std::string_view term_kind_code(TermKind kind) noexcept;
TermKind term_kind_from_code(std::string_view code) noexcept;

// What a term is read against.
struct TermContext {
  DateRange period;                // the plan's whole period
  std::optional<DateRange> block;  // the item's block («2024 год», «2023/2024 учебный год»)
  std::optional<int> school_year;  // the block's school year, by its first calendar year
};
ParsedTerm parse_term(std::string_view text, const TermContext& context);
// A term in the calendar year `year` of a plan for `period` (a block «2021 год»
// when the year is not the period's first).
ParsedTerm parse_term(std::string_view text, int year, const DateRange& period);

// How each due date of a series stands, given the days reports were made.
// A report answers the earliest cycle that has begun and is not yet answered:
// on or before its due date it is met, after it met late; a cycle whose due
// date has passed unanswered is missed.
enum class DueState { met, met_late, missed, current, upcoming };
struct Due {
  DateRange cycle;
  DueState state = DueState::upcoming;
};
// `reports`: ascending.
std::vector<Due> dues_of(const ParsedTerm& term, std::span<const Date> reports, const Date& today);

}  // namespace metodist::domain
