// The monitoring engine: every counting primitive for every unit
// of one level in one pass over facts loaded once (storage/monitoring_repository
// reads each table involved with one plain scan). Pure: no I/O, so the
// indicators are checked on small hand-built facts (tests/domain).
//
// How a person is placed: in every organisation where they hold a post on the
// period's last day (and so in its municipality, region and the federation),
// once per unit; only educational organisations are units themselves, and
// only their posts make a teacher or a manager. Organisations, communities, events and requests
// are placed by their organisation, or by their territory when they have none;
// a municipality that reports to its region, in itself, its region and the federation.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/mentoring.hpp"
#include "domain/monitoring.hpp"

namespace metodist::domain::monitor {

// Days since 1970-01-01; kNever before everything, kOpen after everything.
using Day = std::int32_t;
constexpr Day kNever = std::numeric_limits<Day>::min();
constexpr Day kOpen = std::numeric_limits<Day>::max();
Day day_of(std::string_view iso);  // the first 10 characters «YYYY-MM-DD»; kNever for anything else
inline Day day_of(const Date& d) { return static_cast<Day>(d.days().time_since_epoch().count()); }

struct TerritoryFact {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent;
  char level = 'm';  // 'f' federation, 'r' region, 'm' municipality
  std::string name;
  Day abolished = kOpen;  // a merged municipality: gone from this day
};
struct OrganisationFact {
  std::int64_t id = 0, territory = 0;
  bool educational = false, shnor = false, staff_plan = false, mentoring_flag = false;
  std::string name;
  bool general = false;             // a general-education school
  bool centre = false;              // the region's ЦНППМ or institute of education development
  bool methodical_service = false;  // a municipal methodical service (ММС)
};
struct PersonFact {
  std::int64_t id = 0;
  Day birth = kNever, experience_since = kNever;  // kNever: unknown
  bool highest_category = false, ped_graduate = false;
};
enum class Post : std::uint8_t { other, teaching, managerial };
struct PositionFact {
  std::int64_t person = 0, organisation = 0;
  Post post = Post::other;
  Day hired = kNever, left = kOpen;  // active on d when hired <= d <= left (the leaving day is worked)
};
// Something a person (or an organisation) did or was from one day to another.
struct Span {
  std::int64_t who = 0;
  Day from = kNever, to = kOpen;  // inclusive
};
struct Scored {
  std::int64_t who = 0;
  Day on = kNever;
  double percent = 0;
};
// A community, an event or a request, placed by organisation or territory.
struct Placed {
  std::optional<std::int64_t> organisation;
  std::int64_t territory = 0;
  Day from = kNever, to = kOpen;
  bool flag = false;      // an event: an open practice; a request: closed on time
  bool regional = false;  // an event: of the regional level or wider
};

struct Facts {
  std::vector<TerritoryFact> territories;
  std::vector<OrganisationFact> organisations;
  std::vector<PersonFact> persons;
  std::vector<PositionFact> positions;
  // persons
  std::vector<Span> completed_federal_from_deficit, completed_federal, completed_program,
      completed_managerial;              // from = to = completion
  std::vector<Span> studied_managerial;  // a managerial program studied or completed: the cohort's days
  std::vector<Scored> literacy;          // functional-literacy totals
  std::vector<Span> diagnosed;           // competency results (from = to = the day)
  std::vector<Scored> competency;        // … with their percent, for means
  std::vector<Span> routes, mentees, mentors, young_events, network_members, work;
  std::vector<Span> active_members;      // the regional active
  std::vector<Span> any_active_members;  // any active (regional, municipal) and the roster of experts
  std::vector<Span> person_support;      // by a methodist of the regional active
  // organisations
  std::vector<Span> organisation_support, mentoring_programs;
  std::vector<Placed> communities, events, requests;
  // municipalities
  std::vector<Span> municipal_actives;  // a member of a municipal active: who = the municipality
};

struct Rules {
  YoungTeacherRule young;
  double coped_from = 70;
};

// Numerator and denominator of each indicator for one unit. A computed mean
// (ValueKind::mean) counts the persons averaged in both, and its `sum` holds
// the sum of their measure.
struct UnitCounts {
  std::int64_t unit_id = 0;
  std::string unit_name;
  std::optional<std::int64_t> parent_id;             // the unit one level up (none for the federation)
  std::vector<std::int64_t> numerator, denominator;  // parallel to the indicators
  std::vector<double> sum;                           // parallel to the indicators; means only
  // Teachers placed here whose youth cannot be told (no birth date or start
  // of experience): the young-teacher indicators leave them out.
  std::int64_t age_unknown = 0;
};

// Every unit of `level` (educational organisations, or territories of that
// level), with the counts of the indicators for the period. Units with
// nothing counted are there too: their shares read «no data».
std::vector<UnitCounts> count_units(const Facts& facts, std::span<const Indicator* const> indicators,
                                    const Period& period, UnitLevel level, const Rules& rules = {});

// The same for every level at once (organisations, municipalities, regions,
// the federation — in that order): one pass over the persons.
std::vector<std::vector<UnitCounts>> count_all_levels(const Facts& facts, std::span<const Indicator* const> indicators,
                                                      const Period& period, const Rules& rules = {});

// The persons an indicator counts in a unit (the numerator, or with
// `denominator` the denominator), by id — for drill-down to the list.
std::vector<std::int64_t> counted_persons(const Facts& facts, const Indicator& indicator, const Period& period,
                                          UnitLevel level, std::int64_t unit_id, bool denominator,
                                          const Rules& rules = {});

}  // namespace metodist::domain::monitor
