#include "domain/date.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <random>
#include <vector>

#include "support/errors.hpp"

using metodist::domain::check_period;
using metodist::domain::Date;

TEST(Date, ParsesStrictIso) {
  ASSERT_TRUE(Date::parse_iso("2024-02-29"));
  EXPECT_EQ(Date::parse_iso("2024-02-29")->iso(), "2024-02-29");
  EXPECT_FALSE(Date::parse_iso("2023-02-29"));  // not a leap year
  EXPECT_FALSE(Date::parse_iso("2024-13-01"));
  EXPECT_FALSE(Date::parse_iso("24-01-01"));
  EXPECT_FALSE(Date::parse_iso("2024-1-01"));
  EXPECT_FALSE(Date::parse_iso("2024-01-0a"));
}

TEST(Date, FullYearsBetweenCountsBirthdays) {
  const auto born = *Date::parse_iso("1990-06-15");
  EXPECT_EQ(Date::full_years_between(born, *Date::parse_iso("2025-06-14")), 34);
  EXPECT_EQ(Date::full_years_between(born, *Date::parse_iso("2025-06-15")), 35);
  EXPECT_EQ(Date::full_years_between(born, *Date::parse_iso("2025-12-31")), 35);
}

TEST(Date, LeapDayBirthdayCompletesOnFirstOfMarch) {
  const auto born = *Date::parse_iso("2000-02-29");
  EXPECT_EQ(Date::full_years_between(born, *Date::parse_iso("2001-02-28")), 0);
  EXPECT_EQ(Date::full_years_between(born, *Date::parse_iso("2001-03-01")), 1);
}

TEST(Date, OrdersByDay) { EXPECT_LT(*Date::parse_iso("2024-12-31"), *Date::parse_iso("2025-01-01")); }

TEST(Date, WrittenFormsPeopleUse) {
  using metodist::domain::Date;
  EXPECT_EQ(Date::parse_written("07.03.1985")->iso(), "1985-03-07");
  EXPECT_EQ(Date::parse_written("7.3.1985")->iso(), "1985-03-07");
  EXPECT_EQ(Date::parse_written("07/03/1985")->iso(), "1985-03-07");
  EXPECT_EQ(Date::parse_written("1985-03-07")->iso(), "1985-03-07");
  EXPECT_FALSE(Date::parse_written("31.02.1985"));
  EXPECT_FALSE(Date::parse_written("07.03.85"));
  EXPECT_FALSE(Date::parse_written("07.03/1985"));
  EXPECT_FALSE(Date::parse_written("1.1.1800"));
  EXPECT_FALSE(Date::parse_written(""));
}

TEST(Dates, APeriodNeedsTwoDatesInOrder) {
  EXPECT_NO_THROW(check_period("2026-01-01", "2026-01-01", "from", "to"));
  EXPECT_EQ(metodist::testing::error_of([] { check_period("2026-02-30", "2026-03-01", "from", "to"); }).field(),
            "from");
  EXPECT_EQ(metodist::testing::error_of([] { check_period("2026-01-01", "", "from", "to"); }).field(), "to");
  EXPECT_EQ(metodist::testing::error_of([] { check_period("2026-03-01", "2026-02-28", "from", "to"); }).field(), "to");
}

TEST(RussianDateTime, ANoticeWritesTheDayFirstAndTheTimeAfterIt) {
  EXPECT_EQ(metodist::domain::russian_date_time("2026-12-11T14:00"), "11.12.2026 в 14:00");
  EXPECT_EQ(metodist::domain::russian_date_time("2026-12-11"), "11.12.2026");
  EXPECT_EQ(metodist::domain::russian_date_time("когда-нибудь"), "когда-нибудь");
}

TEST(UtcTimestamp, WritesWhatTheCLibraryWritesAndReadsBack) {
  // Written digit by digit; the C library's gmtime + strftime is the reference.
  std::mt19937_64 random(20261206);
  std::vector<std::int64_t> seconds = {0,
                                       -1,
                                       951782400 /* 2000-02-29 */,
                                       4102444799 /* 2099-12-31 23:59:59 */,
                                       1798761599 /* 2026-12-31 23:59:59 */,
                                       -2208988800 /* 1900-01-01 */};
  for (int k = 0; k < 2000; ++k)  // 1900–2199: the years dates are read in
    seconds.push_back(static_cast<std::int64_t>(random() % 9'467'107'200ULL) - 2'208'988'800LL);
  seconds.push_back(static_cast<std::int64_t>(random() % 8'000'000'000ULL) - 2'500'000'000LL);
  for (const auto s : seconds) {
    const auto t = std::chrono::system_clock::time_point{std::chrono::seconds{s}} + std::chrono::milliseconds{999};
    const std::time_t c = s;
    std::tm tm{};
    gmtime_r(&c, &tm);
    char expected[32];
    std::strftime(expected, sizeof expected, "%Y-%m-%dT%H:%M:%SZ", &tm);
    ASSERT_EQ(metodist::domain::utc_timestamp(t), expected) << s;
    ASSERT_EQ(metodist::domain::parse_utc_timestamp(expected),
              std::chrono::system_clock::time_point{std::chrono::seconds{s}})
        << s;
  }
}
