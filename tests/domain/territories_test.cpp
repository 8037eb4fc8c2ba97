#include "domain/territories.hpp"

#include <gtest/gtest.h>

#include <set>

#include "domain/error.hpp"

using namespace metodist::domain;

namespace {

Territory region(int number) {
  Territory t;
  t.id = 2;
  t.parent_id = 1;
  t.level = "region";
  t.code = "RU-" + std::to_string(number);
  t.name = "Красноярский край";
  t.subject_number = number;
  return t;
}

Territory federation() {
  Territory t;
  t.id = 1;
  t.level = "federation";
  t.code = "RU";
  t.name = "Российская Федерация";
  return t;
}

Territory municipality(std::int64_t id, std::string name) {
  Territory t;
  t.id = id;
  t.parent_id = 2;
  t.level = "municipality";
  t.code = "RU-24-" + std::to_string(id);
  t.name = std::move(name);
  return t;
}

std::string failing_field(const Territory& t, const Territory* parent) {
  try {
    validate_territory(t, parent);
  } catch (const Error& e) {
    return e.field();
  }
  return {};
}

}  // namespace

TEST(Oktmo, EightOrElevenDigitsWithSpacesBetweenGroups) {
  EXPECT_EQ(parse_oktmo("04614000"), "04614000");
  EXPECT_EQ(parse_oktmo("04 614 000"), "04614000");
  EXPECT_EQ(parse_oktmo("04614404101"), "04614404101");  // a settlement within the district
  EXPECT_FALSE(parse_oktmo("0461400"));
  EXPECT_FALSE(parse_oktmo("046140001"));
  EXPECT_FALSE(parse_oktmo("04614O00"));  // a letter O for a zero
  EXPECT_FALSE(parse_oktmo(""));
}

TEST(TerritoryRules, LevelsNestAsTheFederationIsBuilt) {
  const auto rf = federation();
  const auto krai = region(24);
  EXPECT_EQ(failing_field(rf, nullptr), "");
  EXPECT_EQ(failing_field(krai, &rf), "");
  auto district = municipality(3, "Ермаковский район");
  district.municipality_kind = "municipal_district";
  district.oktmo = "04614000";
  EXPECT_EQ(failing_field(district, &krai), "");
  EXPECT_EQ(failing_field(district, &rf), "parent_id") << "a municipality lies in a region";
  EXPECT_EQ(failing_field(district, nullptr), "parent_id");
  EXPECT_EQ(failing_field(krai, &krai), "parent_id") << "a region lies in the Federation";
  EXPECT_EQ(failing_field(rf, &krai), "parent_id");
}

TEST(TerritoryRules, EachFieldBelongsToItsLevel) {
  const auto rf = federation();
  const auto krai = region(24);
  auto t = municipality(3, "Ермаковский район");
  t.subject_number = 24;
  EXPECT_EQ(failing_field(t, &krai), "subject_number");
  t.subject_number.reset();
  t.municipality_kind = "county";
  EXPECT_EQ(failing_field(t, &krai), "municipality_kind");
  auto r = region(24);
  r.municipality_kind = "city_okrug";
  EXPECT_EQ(failing_field(r, &rf), "municipality_kind");
  r = region(100);
  EXPECT_EQ(failing_field(r, &rf), "subject_number");
  t = municipality(3, "  ");
  EXPECT_EQ(failing_field(t, &krai), "name");
  t = municipality(3, "Район");
  t.code = "RU 24 003";
  EXPECT_EQ(failing_field(t, &krai), "code");
  t.code = "RU-24-003";
  t.oktmo = "123";
  EXPECT_EQ(failing_field(t, &krai), "oktmo");
}

TEST(TerritoryRules, NothingIsAddedToAnAbolishedTerritory) {
  auto krai = region(24);
  krai.abolished_on = "2020-01-01";
  try {
    validate_territory(municipality(3, "Район"), &krai);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.field(), "parent_id");
    EXPECT_NE(std::string(e.what()).find("01.01.2020"), std::string::npos) << e.what();
  }
}

TEST(TerritoryCodes, RegionByNumberMunicipalityByNextFreeNumber) {
  const auto rf = federation();
  Territory r;
  r.level = "region";
  r.subject_number = 4;
  EXPECT_EQ(next_territory_code(r, rf, [](const std::string&) { return false; }), "RU-04");
  const auto krai = region(24);
  Territory m;
  m.level = "municipality";
  const std::set<std::string> taken{"RU-24-001", "RU-24-002", "RU-24-004"};
  EXPECT_EQ(next_territory_code(m, krai, [&](const std::string& c) { return taken.count(c) > 0; }), "RU-24-003");
}

TEST(Mergers, OnlyLiveMunicipalitiesOfOneRegion) {
  const auto a = municipality(3, "Ермаковский район");
  const auto b = municipality(4, "Шушенский район");
  EXPECT_FALSE(merge_refusal(a, b));
  EXPECT_TRUE(merge_refusal(a, a));
  auto other_region = b;
  other_region.parent_id = 9;
  EXPECT_TRUE(merge_refusal(a, other_region));
  auto gone = b;
  gone.abolished_on = "2025-01-01";
  ASSERT_TRUE(merge_refusal(a, gone));
  EXPECT_NE(merge_refusal(a, gone)->find("01.01.2025"), std::string::npos);
  EXPECT_TRUE(merge_refusal(region(24), b));
}

TEST(TimeZones, ARegionsZoneFollowsItsNumberAndATerritoryMayHaveItsOwn) {
  using namespace metodist::domain;
  EXPECT_EQ(default_time_zone(24), "Asia/Krasnoyarsk");
  EXPECT_EQ(default_time_zone(39), "Europe/Kaliningrad");
  EXPECT_EQ(default_time_zone(87), "Asia/Anadyr");
  EXPECT_EQ(default_time_zone(77), "Europe/Moscow");
  EXPECT_EQ(default_time_zone(0), "Europe/Moscow") << "a number not known: Moscow";
  // Every default is one of the zones offered.
  for (int n = 1; n <= 99; ++n) EXPECT_TRUE(find_term(time_zones(), default_time_zone(n))) << n;
  Territory federation{1, std::nullopt, "federation", "RU", "Российская Федерация"};
  Territory yakutia{2, 1, "region", "RU-14", "Республика Саха (Якутия)"};
  yakutia.subject_number = 14;
  yakutia.time_zone = "Asia/Magadan";
  EXPECT_NO_THROW(validate_territory(yakutia, &federation));
  yakutia.time_zone = "Mars/Olympus";
  EXPECT_THROW(validate_territory(yakutia, &federation), Error);
}

TEST(TimeZones, AStoredMomentReadsInTheReadersZoneWithoutUtc) {
  using namespace metodist::domain;
  EXPECT_EQ(utc_offset_hours("Europe/Kaliningrad"), 2);
  EXPECT_EQ(utc_offset_hours("Asia/Krasnoyarsk"), 7);
  EXPECT_EQ(utc_offset_hours("Asia/Anadyr"), 12);
  EXPECT_EQ(utc_offset_hours("Mars/Olympus"), 3) << "a zone not known: Moscow";
  // Every zone offered has an offset Russia uses (UTC+2 … UTC+12).
  for (const auto& z : time_zones()) {
    EXPECT_GE(utc_offset_hours(z.code), 2) << z.code;
    EXPECT_LE(utc_offset_hours(z.code), 12) << z.code;
  }
  EXPECT_EQ(zone_short_title("Europe/Moscow"), "МСК");
  EXPECT_EQ(zone_short_title("Asia/Krasnoyarsk"), "МСК+4");
  EXPECT_EQ(zone_short_title("Europe/Kaliningrad"), "МСК−1");
  EXPECT_EQ(zone_short_title("Mars/Olympus"), "МСК");
  EXPECT_EQ(local_time_text("2026-12-04T15:24:08Z", "Europe/Moscow"), "04.12.2026 18:24");
  // Past midnight in Krasnoyarsk, and across the new year in Anadyr.
  EXPECT_EQ(local_time_text("2026-12-04T19:05:00Z", "Asia/Krasnoyarsk"), "05.12.2026 02:05");
  EXPECT_EQ(local_time_text("2026-12-31T12:00:00Z", "Asia/Anadyr"), "01.01.2027 00:00");
  EXPECT_EQ(local_time_text("не время", "Europe/Moscow"), "не время");
}
