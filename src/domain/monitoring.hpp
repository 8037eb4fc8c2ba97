// Monitoring: indicators as data, following the «паспорт
// показателя» of the regional acts — code, name, unit, what the numerator
// and the denominator count and over which window, periodicity, target,
// level, source, responsible — and the periods they are computed for.
//
// An indicator is composed of counting primitives (domain::Count): each says
// what one person or organisation must be to be counted, on the last day of
// the period or over the period (domain::Window). The engine (app/monitoring)
// counts every primitive for every unit in one pass over the data; this
// header only describes them and turns counts into values: a denominator of
// 0 gives «no data», never 0 % and never an error (domain.md §4).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.hpp"
#include "domain/registry.hpp"

namespace metodist::domain {

// A period: a calendar year «2024», a school year «2024/2025», a half-year
// «2024-H1», or explicit dates «2024-01-01..2024-06-30». Nullopt for any
// other text (the caller names the field).
struct Period {
  std::string code;   // as given, normalised
  Date from, to;      // inclusive
  std::string title;  // «2024 год», «2024/2025 учебный год», «1 полугодие 2024 года», «01.01.2024 — 30.06.2024»
};
std::optional<Period> parse_period(std::string_view text);
// The period of the same kind just before (2023 for 2024, 2023/2024 for
// 2024/2025, 2023-H2 for 2024-H1; explicit dates: the same length right before).
Period previous_period(const Period& p);

// What a unit of monitoring is.
enum class UnitLevel { organisation, municipality, region, federation };
std::string_view unit_level_code(UnitLevel level);
std::optional<UnitLevel> parse_unit_level(std::string_view code);

// Counting primitives: what one person, organisation, community, event or
// request for help must be to be counted. Persons are pedagogical workers
// unless a primitive says otherwise; a person counts once per unit however
// many posts they hold there. «On the last day» primitives look at the
// period's last day; «in the window» ones at what happened in the window.
enum class Subject { person, organisation, community, event, help_request, municipality };

enum class Count {
  // persons, on the last day
  teacher,              // an active teaching post in an educational organisation (domain.md §4)
  teacher_or_manager,   // … or a director, deputy director
  teacher_or_graduate,  // … or a graduate of a pedagogical university working there
  manager,              // a director or a deputy director of an educational organisation
  at_general_school,  // holds a post in a general-education school (общеобразовательная организация)
  in_centre,  // holds a post in the region's ЦНППМ or institute of education development («в Центре»)
  young,      // a teacher under 35 with under 3 years of experience (settings)
  highest_category,      // qualification category «высшая»
  in_network_community,  // member of a network or virtual community («сетевые сообщества»)
  in_active,  // member of the regional methodical active («прошедшие региональный отбор»)
  in_any_active,        // member of a regional or municipal active, or in the roster of experts
  supported_by_active,  // supported by a methodist of the regional active (themself or their school)
  // persons, in the window
  completed_federal_from_deficit,  // completed a federal-registry program chosen from a deficit (fed.1)
  completed_federal,               // completed a federal-registry program, chosen from a deficit or not
  completed_program,               // completed a program of professional development or retraining
  literacy_tested,                 // took a functional-literacy diagnostic
  literacy_coped,                  // … with a result of at least 70 % (a setting)
  diagnosed,                       // took a diagnostic of competencies
  support_form,                    // a mentee, or with a route, or at an event for young teachers
  young_event,                     // attended an event for young teachers
  with_route,                      // an individual route that runs in the window
  in_mentoring,                    // mentor or mentee of a pair running in the window
  mentee,  // a mentee of a pair running in the window («молодые педагоги — наставляемые»)
  recorded_work,  // recorded their work as a methodist of the active
  // organisations (educational), on the last day
  organisation,
  general_school,  // a general-education school (not a kindergarten, college or centre of additional education)
  shnor,           // a school with low results (ШНОР)
  managerial_team_trained,  // its staff completed a program for managerial teams (in the window)
  managerial_team_studied,  // … studied in one or completed it (took part, in the window)
  staff_plan,               // has a long-term plan of staff development
  mentoring_model,          // implements the target mentoring model (the flag, or a program in the window)
  supported_school,         // a methodist of an active supports it or its teachers
  // communities, on the last day
  community,  // methodical associations and professional communities
  // events, in the window (not cancelled)
  event,
  open_practice,   // master classes, open lessons, seminar-practicums
  regional_event,  // of the regional level or wider (interregional, federal)
  // requests for methodical help closed in the window
  request_closed,
  request_closed_on_time,
  // municipalities that report to their region (directly under it, not
  // abolished by the last day), on the last day: «доля муниципалитетов, …»
  municipality,
  with_methodical_service,  // a municipal methodical service (ММС) works there
  with_municipal_active,    // a municipal methodical active has members there
};
constexpr std::size_t kCountKinds = static_cast<std::size_t>(Count::with_municipal_active) + 1;
std::string_view count_code(Count c);
std::optional<Count> parse_count(std::string_view code);
// What the primitive counts, in words for the passport and the справка.
std::string_view count_title(Count c);
Subject subject_of(Count c);

// A population: the subjects counted by all of these primitives at once
// («teachers supported by the active who have a route»). All of one subject.
struct Population {
  std::vector<Count> all;
  Subject subject() const { return all.empty() ? Subject::person : subject_of(all.front()); }
  std::string title() const;  // the primitives' titles joined with «и»
};

// Over which days «in the window» primitives look: the period, or any time
// up to its last day (targets «к 2024 году» are cumulative).
enum class Window { period, cumulative };

// What a value is held to, as the regions' orders set it: a value («не менее
// 30 %», «≥ 5 ед.»), a value per year («9 % в 2021 году, 15 % в 2022, 20 % в
// 2023»), dynamics against the previous period («положительная динамика»,
// «не ниже уровня прошлого периода»), or a relative level («не ниже среднего
// по региону»: the mean of the region's units of the same level).
enum class TargetKind { value, growth, no_decline, region_mean };
std::string_view target_kind_code(TargetKind kind) noexcept;
std::optional<TargetKind> parse_target_kind(std::string_view code) noexcept;

struct Target {
  std::string op;  // value targets: ">=" | "<="
  double value = 0;
  TargetKind kind = TargetKind::value;
  std::vector<std::pair<int, double>> by_year;  // value targets by the year a period ends in, ascending
  std::string unit = "%";                       // the indicator's, for the text: «%» or «ед.»
  // The value the period ending in `year` is held to: that year's, else `value`.
  double value_for(int year) const;
  bool met_by(double v) const { return op == "<=" ? v <= value : v >= value; }
  // Whether `v` (of a period ending in `year`) meets the target; nullopt when
  // it cannot be told (no previous value, no mean).
  std::optional<bool> met(double v, int year, std::optional<double> previous, std::optional<double> mean) const;
  std::string text() const;  // «≥ 30 %», «≥ 5 ед.», «положительная динамика», «2021 — ≥ 9 %; 2022 — ≥ 15 %»
  std::string text_for(int year) const;  // the target of one year: «≥ 15 %»
};
// A value target per year as people write it: «2021: 9; 2022: 15; 2023: 20»
// (also «2021 — 9 %», one per line); Error::validation names `field`.
std::vector<std::pair<int, double>> parse_targets_by_year(std::string_view text, const char* field);
std::string targets_by_year_text(const std::vector<std::pair<int, double>>& by_year);

// What a value is, as the passport's formula says it:
//  share   — numerator / denominator, in %;
//  count   — the numerator (entered by hand it may be a decimal: «63,4 ч.»);
//  mean    — an average: of a measure over the persons of the numerator
//            (computed), or of the values the units entered (by hand); above
//            a unit, the mean of its persons or of its units, never a sum;
//  yes_no  — a municipality answers «да» or «нет» (by hand); above it, the
//            share of units that answered «да» («доля муниципалитетов, принявших …»).
enum class ValueKind { share, count, mean, yes_no };
std::string_view value_kind_code(ValueKind kind) noexcept;
std::optional<ValueKind> parse_value_kind(std::string_view code) noexcept;

// What a computed mean averages for each person: their latest result in the
// window — the mean percent of the competencies of their latest diagnostic
// day, or their latest functional-literacy total.
enum class Measure { none, competency_score, literacy_score };
std::string_view measure_code(Measure m) noexcept;
std::string_view measure_title(Measure m) noexcept;  // «результат диагностики профессиональных компетенций, %»
std::optional<Measure> parse_measure(std::string_view code) noexcept;

struct Indicator {
  std::string code, set, name;
  std::string unit;  // "%" for a share, "ед." for a count; a mean's own («балл», «%», «ч.»)
  ValueKind kind = ValueKind::share;
  Measure measure = Measure::none;        // a computed mean: what is averaged
  Population numerator;                   // a computed mean: whose measure is averaged
  std::optional<Population> denominator;  // a computed share's; none otherwise
  Window window = Window::period;
  std::string periodicity;  // «ежегодно», «2 раза в год (май, декабрь)»
  std::optional<Target> target;
  UnitLevel level = UnitLevel::municipality;  // the smallest unit it is meant for
  std::string source = "computed";            // computed | manual
  std::string responsible;
  std::string basis;  // the act it comes from
};

// The built-in sets (domain.md §4): fed.1–fed.4 (fed.2 as fed.2a, fed.2b),
// rmms.1–rmms.11, and the documented default rma.1.1–rma.1.5, rma.2.1–rma.2.7.
std::span<const Indicator> builtin_indicators();
std::vector<const Indicator*> indicators_of_set(std::string_view set);  // "" — all
const Indicator* find_indicator(std::string_view code);
std::span<const std::string_view> indicator_sets();  // fed, rmms, rma
std::string_view indicator_set_title(std::string_view set);
// What is wrong with an indicator composed by a region ("" when nothing):
// a code and a name, primitives of one subject in the numerator and the
// denominator, a mean of persons' measure (computed) or entered by hand,
// «да/нет» only by hand, a target only with an operator ≥ or ≤.
std::string indicator_problem(const Indicator& ind);

// A share: numerator and denominator count; a count: the numerator; a mean:
// the sum of what is averaged over the denominator (persons or units); yes_no:
// the units that answered «да» over those that answered.
struct Value {
  double numerator = 0;
  std::optional<std::int64_t> denominator;
  std::optional<double> value;  // to a tenth; none: no data (denominator 0)
  std::optional<bool> met;      // none: no target or no data
};
Value evaluate(const Indicator& ind, double numerator, std::optional<std::int64_t> denominator);
// The value as the справка prints it: «12,5 %», «7», «63,4 балл», «да» (one
// municipality's answer), «нет данных».
std::string value_text(const Indicator& ind, const Value& v);
// Whether the value's denominator is part of it (share, mean, yes_no).
inline bool has_denominator(ValueKind kind) { return kind != ValueKind::count; }

// A region's monitoring campaign and a municipality's report in it.
std::span<const Term> campaign_statuses();                             // open, closed
std::span<const Term> submission_statuses();                           // draft, submitted, approved, returned
enum class CampaignStatus { open, closed };                            // as campaign_statuses()
enum class SubmissionStatus { draft, submitted, approved, returned };  // as submission_statuses()
inline std::string_view code_of(CampaignStatus s) noexcept { return code_in(campaign_statuses(), s); }
inline std::string_view code_of(SubmissionStatus s) noexcept { return code_in(submission_statuses(), s); }

}  // namespace metodist::domain
