#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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

TEST(StaticFilesMissingRoot, IsEmptyNotFatal) {
  StaticFiles files("/no/such/web/root");
  EXPECT_EQ(files.size(), 0u);
  EXPECT_EQ(files.resolve("/"), nullptr);
}
