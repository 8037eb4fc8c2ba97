// Calendar dates as the domain uses them: birth dates, hire dates, periods.
//
// Stored and exchanged as ISO «YYYY-MM-DD» text on both backends, so string
// order is date order and SQL compares them without conversion.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace metodist::domain {

struct Date {
  std::chrono::year_month_day ymd;

  static std::optional<Date> parse_iso(std::string_view text);  // strict «YYYY-MM-DD»
  // As people write dates in forms and spreadsheets: «YYYY-MM-DD», «DD.MM.YYYY»,
  // «D.M.YYYY» or with «/»; years 1900–2200.
  static std::optional<Date> parse_written(std::string_view text);
  static Date from_days(std::chrono::sys_days days) { return Date{std::chrono::year_month_day{days}}; }
  static Date today();

  std::string iso() const;
  std::chrono::sys_days days() const { return std::chrono::sys_days{ymd}; }
  int year() const { return static_cast<int>(ymd.year()); }

  // Full years from `born` to `on` (age on a date, or years of experience).
  static int full_years_between(const Date& born, const Date& on);

  friend auto operator<=>(const Date& a, const Date& b) { return a.days() <=> b.days(); }
  friend bool operator==(const Date& a, const Date& b) { return a.ymd == b.ymd; }
};

// A period given as two ISO dates (a campaign, a cohort, a route): both must
// be dates and the end not before the start; Error::validation names the field.
void check_period(std::string_view from, std::string_view to, const char* from_field, const char* to_field);

// A date a fact happened on, as people write it, for history recorded after
// the fact: not in the future. Error::validation names `field`.
Date past_date(std::string_view written, const char* field, const Date& today);

// «ДД.ММ.ГГГГ» from an ISO date, as Russian documents write it; other text as it is.
std::string russian_date(std::string_view iso);
// A local minute «2026-12-11T14:00» as a notice writes it: «11.12.2026 в 14:00»
// (the date alone when there is no time).
std::string russian_date_time(std::string_view local_minute);

// UTC time as «YYYY-MM-DDTHH:MM:SSZ», the form every created_at uses; text
// order is time order, so SQL compares these strings directly.
std::string utc_timestamp(std::chrono::system_clock::time_point t);
std::string utc_timestamp_now();
// The moment a utc_timestamp names, or nullopt for other text.
std::optional<std::chrono::system_clock::time_point> parse_utc_timestamp(std::string_view text);

}  // namespace metodist::domain
