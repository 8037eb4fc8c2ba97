#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

using metodist::http::choose_body;
using metodist::http::StaticFiles;
namespace fs = std::filesystem;

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("metodist_web_" + std::to_string(::getpid()));
    fs::create_directories(root_ / "assets");
    fs::create_directories(root_ / "api-docs");
    std::ofstream(root_ / "index.html") << "<html>app</html>";
    std::ofstream(root_ / "assets" / "index-abc.js") << "console.log(1)";
    std::ofstream(root_ / "api-docs" / "index.html") << "<html>swagger</html>";
    std::ofstream(root_ / "favicon.svg") << "<svg/>";
  }
  void TearDown() override { fs::remove_all(root_); }
  fs::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithTypesAndCachePolicy) {
  StaticFiles files(root_.string());
  EXPECT_EQ(files.size(), 4u);
  const auto* js = files.resolve("/assets/index-abc.js");
  ASSERT_NE(js, nullptr);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_NE(js->cache_control.find("immutable"), std::string::npos);
  const auto* index = files.resolve("/");
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(index->body, "<html>app</html>");
  EXPECT_EQ(index->cache_control, "no-cache");
  EXPECT_EQ(files.resolve("/favicon.svg")->content_type, "image/svg+xml");
  EXPECT_NE(js->etag, index->etag);
}

TEST_F(StaticFilesTest, SpaRoutesFallBackToIndexButMissingFilesDoNot) {
  StaticFiles files(root_.string());
  ASSERT_NE(files.resolve("/organisations/12"), nullptr);
  EXPECT_EQ(files.resolve("/organisations/12")->body, "<html>app</html>");
  EXPECT_EQ(files.resolve("/assets/missing.js"), nullptr);
  EXPECT_EQ(files.resolve("/api/v1/unknown"), nullptr);  // API paths never get the SPA
  EXPECT_EQ(files.resolve("/../../etc/passwd"), nullptr);
}

TEST_F(StaticFilesTest, ApiDocsMapToSwaggerUi) {
  StaticFiles files(root_.string());
  ASSERT_NE(files.resolve("/api/docs"), nullptr);
  EXPECT_EQ(files.resolve("/api/docs")->body, "<html>swagger</html>");
  EXPECT_EQ(files.resolve("/api/docs/")->body, "<html>swagger</html>");
}

TEST_F(StaticFilesTest, CompressedFormsGoWithTheirFileAndTheClientsChoice) {
  std::ofstream(root_ / "assets" / "index-abc.js.br", std::ios::binary) << "BR-BYTES";
  std::ofstream(root_ / "assets" / "index-abc.js.gz", std::ios::binary) << "GZ-BYTES";
  StaticFiles files(root_.string());
  EXPECT_EQ(files.size(), 4u);  // the variants are not files of their own
  EXPECT_EQ(files.resolve("/assets/index-abc.js.br"), nullptr);
  const auto* js = files.resolve("/assets/index-abc.js");
  ASSERT_NE(js, nullptr);
  EXPECT_EQ(js->br, "BR-BYTES");
  EXPECT_EQ(js->gzip, "GZ-BYTES");

  const auto br = choose_body(*js, "gzip, deflate, br");
  EXPECT_EQ(br.encoding, "br");
  EXPECT_EQ(*br.body, "BR-BYTES");
  const auto gz = choose_body(*js, "gzip");
  EXPECT_EQ(gz.encoding, "gzip");
  EXPECT_EQ(*gz.body, "GZ-BYTES");
  const auto plain = choose_body(*js, "");
  EXPECT_EQ(plain.encoding, "");
  EXPECT_EQ(*plain.body, "console.log(1)");
  // One ETag per form, all different, each a quoted string.
  EXPECT_EQ(plain.etag, js->etag);
  EXPECT_NE(br.etag, plain.etag);
  EXPECT_NE(gz.etag, br.etag);
  EXPECT_EQ(br.etag.front(), '"');
  EXPECT_EQ(br.etag.back(), '"');
  // A file without variants is always sent plain.
  EXPECT_EQ(choose_body(*files.resolve("/"), "br").encoding, "");
}

TEST_F(StaticFilesTest, AVariantOlderThanItsFileIsIgnored) {
  std::ofstream(root_ / "assets" / "index-abc.js.br", std::ios::binary) << "STALE";
  const auto now = fs::last_write_time(root_ / "assets" / "index-abc.js");
  fs::last_write_time(root_ / "assets" / "index-abc.js.br", now - std::chrono::hours(1));
  StaticFiles files(root_.string());
  EXPECT_EQ(files.resolve("/assets/index-abc.js")->br, "");
  EXPECT_EQ(choose_body(*files.resolve("/assets/index-abc.js"), "br").encoding, "");
}

TEST(StaticFilesMissingRoot, IsEmptyNotFatal) {
  StaticFiles files("/no/such/web/root");
  EXPECT_EQ(files.size(), 0u);
  EXPECT_EQ(files.resolve("/"), nullptr);
}
