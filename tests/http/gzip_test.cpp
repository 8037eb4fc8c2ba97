#include "http/gzip.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

using metodist::http::gzip;
using metodist::http::worth_compressing;

namespace {

std::string gunzip(const std::string& packed) {
  z_stream zs{};
  EXPECT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  zs.avail_in = static_cast<uInt>(packed.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

}  // namespace

TEST(Gzip, RoundTripsAndShrinksJson) {
  std::string json = "{\"items\":[";
  for (int i = 0; i < 2000; ++i) json += "{\"id\":" + std::to_string(i) + ",\"name\":\"Иванова Мария Петровна\"},";
  json += "{}]}";
  const std::string packed = gzip(json);
  EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);  // the gzip magic
  EXPECT_EQ(static_cast<unsigned char>(packed[1]), 0x8b);
  EXPECT_LT(packed.size(), json.size() / 5);
  EXPECT_EQ(gunzip(packed), json);
  EXPECT_EQ(gunzip(gzip(json, 9)), json);
  EXPECT_EQ(gunzip(gzip("")), "");
}

TEST(Gzip, OnlyTextLargeEnoughIsWorthIt) {
  EXPECT_TRUE(worth_compressing("application/json; charset=utf-8", 5000));
  EXPECT_TRUE(worth_compressing("text/csv; charset=utf-8", 5000));
  EXPECT_FALSE(worth_compressing("application/json; charset=utf-8", 200));
  EXPECT_FALSE(worth_compressing("application/pdf", 500000));
  EXPECT_FALSE(worth_compressing("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 500000));
}

// One rule for every answer made now (the dispatcher's and the monitoring
// handler's kept ones): worth compressing, and the client takes gzip.
TEST(Gzip, WantedWhenWorthItAndTheClientTakesIt) {
  using metodist::http::gzip_wanted;
  const char* json = "application/json; charset=utf-8";
  EXPECT_TRUE(gzip_wanted("gzip, deflate, br", json, 5000));
  EXPECT_TRUE(gzip_wanted("*", json, 5000));
  EXPECT_FALSE(gzip_wanted("", json, 5000));  // sent no Accept-Encoding
  EXPECT_FALSE(gzip_wanted("gzip;q=0, br", json, 5000));
  EXPECT_FALSE(gzip_wanted("gzip", json, 200));
  EXPECT_FALSE(gzip_wanted("gzip", "application/pdf", 500000));
  const std::string body(4000, 'a');
  const auto packed = metodist::http::gzip_or_plain(body, "rid-1");
  ASSERT_TRUE(packed.has_value());
  EXPECT_EQ(gunzip(*packed), body);
}
