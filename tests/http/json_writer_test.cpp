#include "http/json_writer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <random>
#include <string>
#include <string_view>
#include <vector>

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

namespace {

// A JSON string as the writer promises it, one byte at a time and written
// independently of the writer: well-formed UTF-8 by the Unicode Standard's
// table 3-7 stays, each byte of an ill-formed sequence becomes U+FFFD.
std::string expected_json_string(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '"')
        out += "\\\"";
      else if (c == '\\')
        out += "\\\\";
      else if (c == '\n')
        out += "\\n";
      else if (c == '\r')
        out += "\\r";
      else if (c == '\t')
        out += "\\t";
      else if (c < 0x20)
        out += std::string("\\u00") + kHex[c >> 4] + kHex[c & 0xF];
      else
        out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range; later ones are always 80..BF
    if (c >= 0xC2 && c <= 0xDF)
      len = 2;
    else if (c == 0xE0)
      len = 3, lo = 0xA0;
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF)
      len = 3;
    else if (c == 0xED)
      len = 3, hi = 0x9F;
    else if (c == 0xF0)
      len = 4, lo = 0x90;
    else if (c >= 0xF1 && c <= 0xF3)
      len = 4;
    else if (c == 0xF4)
      len = 4, hi = 0x8F;
    bool ok = len > 0 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      ok = b >= (k == 1 ? lo : 0x80) && b <= (k == 1 ? hi : 0xBF);
    }
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out + "\"";
}

}  // namespace

// The writer checks plain text 16 bytes at a time and the rest byte by byte;
// random mixes put every kind of character at every place of those 16 and of
// a string's short end.
TEST(JsonWriter, WritesAnyMixOfCharactersAsTheByteByByteRulesSay) {
  const std::vector<std::string> pieces = {"a",
                                           "0123456789abcdef",
                                           "Я",
                                           "школа ",
                                           "«",
                                           "»",
                                           "№",
                                           "—",
                                           "😀",
                                           "\"",
                                           "\\",
                                           "\n",
                                           "\r",
                                           "\t",
                                           "\x01",
                                           "\x1F",
                                           "\x7F",
                                           "\xFF",
                                           "\xD0",
                                           "\x80",
                                           "\xBF",
                                           "\xC1\x81",
                                           "\xC0\xAF",
                                           "\xE2\x82",
                                           "\xED\xA0\x80",
                                           "\xE0\x9F\xBF",
                                           "\xF0\x8F\xBF\xBF",
                                           "\xF4\x90\x80\x80",
                                           "\xF5\x80\x80\x80",
                                           "\xDF\xBF",
                                           "\xC2\x80"};
  std::mt19937 random(20261206);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int count = static_cast<int>(random() % 24);
    for (int k = 0; k < count; ++k) s += pieces[random() % pieces.size()];
    JsonWriter w;
    w.value(s);
    ASSERT_EQ(w.str(), expected_json_string(s)) << "round " << round;
  }
}

TEST(JsonWriter, WritesLongCyrillicTextInOnePiece) {
  std::string s;
  for (int k = 0; k < 100; ++k) s += "МБОУ «Средняя школа» села ";
  JsonWriter w;
  w.value(s);
  EXPECT_EQ(w.str(), "\"" + s + "\"");
  EXPECT_EQ(nlohmann::json::parse(w.str()).get<std::string>(), s);
}

TEST(JsonWriter, WritesLiteralKeysAsTheyAreAndEscapesKeysMadeOfData) {
  JsonWriter w;
  w.begin_object().key("total").value(2).key_text("роль \"методист\"\n").value(1).end_object();
  EXPECT_EQ(w.str(), "{\"total\":2,\"роль \\\"методист\\\"\\n\":1}");
  const auto parsed = nlohmann::json::parse(w.str());
  EXPECT_EQ(parsed["роль \"методист\"\n"], 1);
}
