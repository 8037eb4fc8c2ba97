#include "http/content_encoding.hpp"

#include <gtest/gtest.h>

using metodist::http::accepted_quality;
using metodist::http::preferred_encoding;

TEST(AcceptedQuality, ReadsEntriesParametersAndWildcard) {
  EXPECT_EQ(accepted_quality("gzip, deflate, br, zstd", "br"), 1);
  EXPECT_EQ(accepted_quality("gzip;q=0.8, br;q=0.4", "br"), 0.4);
  EXPECT_EQ(accepted_quality("GZIP ; q=0.5", "gzip"), 0.5);
  EXPECT_EQ(accepted_quality("gzip", "br"), 0);  // not named, no wildcard: not accepted
  EXPECT_EQ(accepted_quality("*;q=0.3", "br"), 0.3);
  EXPECT_EQ(accepted_quality("*, br;q=0", "br"), 0);  // the coding's own entry beats the wildcard
  EXPECT_EQ(accepted_quality("", "gzip"), 0);
  EXPECT_EQ(accepted_quality("gzip;q=abc", "gzip"), 1);
  EXPECT_EQ(accepted_quality("gzip;q=7", "gzip"), 1);
  EXPECT_EQ(accepted_quality("xgzip, gzipx", "gzip"), 0);  // whole tokens only
}

TEST(PreferredEncoding, BrotliFirstOnlyWhatTheServerHasAndTheClientTakes) {
  EXPECT_EQ(preferred_encoding("gzip, deflate, br", true, true), "br");
  EXPECT_EQ(preferred_encoding("gzip, deflate, br", false, true), "gzip");
  EXPECT_EQ(preferred_encoding("gzip;q=1, br;q=0.5", true, true), "gzip");
  EXPECT_EQ(preferred_encoding("br;q=0, gzip;q=0", true, true), "");
  EXPECT_EQ(preferred_encoding("identity", true, true), "");
  EXPECT_EQ(preferred_encoding("br", false, false), "");
}
