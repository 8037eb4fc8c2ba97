#include "http/json_writer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using metodist::http::JsonWriter;

TEST(JsonWriter, NestsAndPlacesCommas) {
  JsonWriter w;
  w.begin_object().field("a", 1).key("b").begin_array().value(true).null().value("x").end_array();
  w.key("c").begin_object().end_object().key("d").begin_array().end_array().end_object();
  EXPECT_EQ(w.str(), R"({"a":1,"b":[true,null,"x"],"c":{},"d":[]})");
}

TEST(JsonWriter, EscapesAndRoundTripsThroughAParser) {
  JsonWriter w;
  const std::string tricky = "Школа «№1»\n\t\"кавычки\" \\ \x01 ёЁ 😀";
  w.begin_object().field("s", tricky).field("n", std::int64_t{-9007199254740993}).field("f", 0.25).end_object();
  const auto parsed = nlohmann::json::parse(w.str());
  EXPECT_EQ(parsed["s"], tricky);
  EXPECT_EQ(parsed["n"].get<std::int64_t>(), -9007199254740993);
  EXPECT_EQ(parsed["f"].get<double>(), 0.25);
}

TEST(JsonWriter, ReplacesInvalidUtf8SoOutputStaysValid) {
  JsonWriter w;
  w.begin_array()
      .value(std::string("a\xFF"
                         "b\xC0\xAF"
                         "c\xED\xA0\x80"
                         "d\xE2\x82"))
      .end_array();
  const auto parsed = nlohmann::json::parse(w.str());  // throws on invalid UTF-8
  const std::string s = parsed[0];
  EXPECT_EQ(s.substr(0, 1), "a");
  EXPECT_NE(s.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_NE(s.find('d'), std::string::npos);
}

TEST(JsonWriter, KeepsCyrillicAsItIsAndReplacesALetterCutInHalf) {
  JsonWriter w;
  w.begin_array().value(std::string("Ёлка \xD0x\xD1")).end_array();
  EXPECT_EQ(w.str(), "[\"Ёлка \xEF\xBF\xBDx\xEF\xBF\xBD\"]");
}

TEST(JsonWriter, NullsForEmptyAndAbsent) {
  JsonWriter w;
  w.begin_object().key("a").text_or_null("").key("b").id_or_null(std::nullopt).key("c").id_or_null(7).end_object();
  EXPECT_EQ(w.str(), R"({"a":null,"b":null,"c":7})");
}
