#include "domain/date.hpp"

#include "domain/error.hpp"

#include <cstdio>
#include <ctime>

namespace metodist::domain {

std::optional<Date> Date::parse_iso(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t from, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = from; i < from + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  int y, m, d;
  if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || y < 1900 || y > 2200) return std::nullopt;
  return Date{ymd};
}

std::optional<Date> Date::parse_written(std::string_view t) {
  if (auto iso = parse_iso(t)) return iso;
  // D.M.YYYY: up to two digits, a separator, up to two digits, the same separator, four digits.
  int parts[3] = {0, 0, 0};
  std::size_t part = 0, digits = 0;
  char separator = 0;
  for (char ch : t) {
    if (ch >= '0' && ch <= '9') {
      parts[part] = parts[part] * 10 + (ch - '0');
      if (++digits > (part == 2 ? 4u : 2u)) return std::nullopt;
    } else if ((ch == '.' || ch == '/') && part < 2 && digits > 0 && (separator == 0 || separator == ch)) {
      separator = ch;
      ++part;
      digits = 0;
    } else {
      return std::nullopt;
    }
  }
  if (part != 2 || digits != 4) return std::nullopt;
  char iso[16];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", parts[2], parts[1], parts[0]);
  return parse_iso(iso);
}

Date Date::today() { return from_days(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())); }

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

int Date::full_years_between(const Date& born, const Date& on) {
  int years = static_cast<int>(on.ymd.year()) - static_cast<int>(born.ymd.year());
  const auto on_md = std::chrono::month_day{on.ymd.month(), on.ymd.day()};
  const auto born_md = std::chrono::month_day{born.ymd.month(), born.ymd.day()};
  if (on_md < born_md) --years;
  return years;
}

std::string utc_timestamp_now() { return utc_timestamp(std::chrono::system_clock::now()); }

std::string utc_timestamp(std::chrono::system_clock::time_point now) {
  // Digits by hand: every signed-in request reads the time this way, and
  // strftime (locale-aware) cost more than the rest of the session check.
  const auto day = std::chrono::floor<std::chrono::days>(now);
  const std::chrono::year_month_day ymd{day};
  const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::seconds>(now - day)};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {
    const auto t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[48];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
  }
  std::string out = "0000-00-00T00:00:00Z";
  const auto put = [&](std::size_t at, unsigned value, int width) {
    for (int k = width - 1; k >= 0; --k, value /= 10)
      out[at + static_cast<std::size_t>(k)] = static_cast<char>('0' + value % 10);
  };
  put(0, static_cast<unsigned>(year), 4);
  put(5, static_cast<unsigned>(ymd.month()), 2);
  put(8, static_cast<unsigned>(ymd.day()), 2);
  put(11, static_cast<unsigned>(time.hours().count()), 2);
  put(14, static_cast<unsigned>(time.minutes().count()), 2);
  put(17, static_cast<unsigned>(time.seconds().count()), 2);
  return out;
}

std::optional<std::chrono::system_clock::time_point> parse_utc_timestamp(std::string_view text) {
  if (text.size() < 19 || text[10] != 'T') return std::nullopt;
  const auto day = Date::parse_iso(text.substr(0, 10));
  int h = 0, m = 0, s = 0;
  auto two = [&](std::size_t at, int& out) {
    const char a = text[at], b = text[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return false;
    out = (a - '0') * 10 + (b - '0');
    return true;
  };
  if (!day || text[13] != ':' || text[16] != ':' || !two(11, h) || !two(14, m) || !two(17, s) || h > 23 || m > 59 ||
      s > 60)
    return std::nullopt;
  return std::chrono::sys_days{day->ymd} + std::chrono::hours(h) + std::chrono::minutes(m) + std::chrono::seconds(s);
}

void check_period(std::string_view from, std::string_view to, const char* from_field, const char* to_field) {
  const auto start = Date::parse_iso(from);
  const auto end = Date::parse_iso(to);
  Problems problems;  // both dates at once
  if (!start) problems.add(from_field, from.empty() ? "Укажите дату начала" : "Дата начала — в виде ГГГГ-ММ-ДД");
  if (!end) problems.add(to_field, to.empty() ? "Укажите дату окончания" : "Дата окончания — в виде ГГГГ-ММ-ДД");
  if (start && end && *end < *start) problems.add(to_field, "Дата окончания раньше даты начала");
  problems.raise();
}

Date past_date(std::string_view written, const char* field, const Date& today) {
  const auto d = Date::parse_written(written);
  if (!d) throw Error::validation(field, "Дата — в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД");
  if (today < *d) throw Error::validation(field, "Дата " + russian_date(d->iso()) + " ещё не наступила");
  return *d;
}

std::string russian_date(std::string_view iso) {
  if (!Date::parse_iso(iso)) return std::string(iso);
  return std::string(iso.substr(8, 2)) + "." + std::string(iso.substr(5, 2)) + "." + std::string(iso.substr(0, 4));
}

std::string russian_date_time(std::string_view local_minute) {
  if (local_minute.size() < 10 || !Date::parse_iso(local_minute.substr(0, 10))) return std::string(local_minute);
  std::string out = russian_date(local_minute.substr(0, 10));
  if (local_minute.size() >= 16 && local_minute[10] == 'T') out += " в " + std::string(local_minute.substr(11, 5));
  return out;
}

}  // namespace metodist::domain
