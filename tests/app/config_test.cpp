#include "app/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

using namespace metodist::app;

namespace {

struct Env {
  std::map<std::string, std::string> vars;
  EnvLookup lookup() const {
    return [this](const char* name) -> const char* {
      auto it = vars.find(name);
      return it == vars.end() ? nullptr : it->second.c_str();
    };
  }
};

std::string write_file(const std::string& text) {
  static int n = 0;
  auto path = std::filesystem::temp_directory_path() /
              ("metodist_cfg_" + std::to_string(::getpid()) + "_" + std::to_string(n++) + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

std::string error_of(const std::string& file, const Env& env) {
  try {
    load_config(file, env.lookup());
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Config, DefaultsServeSqliteOnLocalhost8080) {
  const auto c = load_config("", Env{}.lookup());
  EXPECT_EQ(c.database_url, "sqlite:metodist.db");
  EXPECT_EQ(c.http_address, "127.0.0.1");
  EXPECT_EQ(c.http_port, 8080);
  EXPECT_TRUE(c.auto_migrate);
}

TEST(Config, FileThenEnvironmentOverride) {
  const auto file = write_file("[database]\nurl = \"sqlite:/tmp/x.db\"\npool_size = 8\n[http]\nport = 9000\n");
  Env env;
  env.vars["METODIST_HTTP_PORT"] = "9100";
  const auto c = load_config(file, env.lookup());
  EXPECT_EQ(c.database_url, "sqlite:/tmp/x.db");  // from the file
  EXPECT_EQ(c.db_pool_size, 8u);
  EXPECT_EQ(c.http_port, 9100);  // environment wins
}

TEST(Config, UnknownKeyIsNamed) {
  const auto file = write_file("[http]\nprot = 9000\n");
  EXPECT_NE(error_of(file, Env{}).find("http.prot"), std::string::npos);
}

TEST(Config, BadValuesAreNamed) {
  Env env;
  env.vars["METODIST_HTTP_PORT"] = "80000";
  EXPECT_NE(error_of("", env).find("METODIST_HTTP_PORT"), std::string::npos);
  Env env2;
  env2.vars["METODIST_LOG_LEVEL"] = "loud";
  EXPECT_NE(error_of("", env2).find("METODIST_LOG_LEVEL"), std::string::npos);
  const auto file = write_file("[database]\nauto_migrate = \"maybe\"\n");
  EXPECT_NE(error_of(file, Env{}).find("database.auto_migrate"), std::string::npos);
}

TEST(Config, PersonalDataLevel) {
  EXPECT_EQ(load_config("", Env{}.lookup()).personal_data_up_to, metodist::domain::AdminLevel::federation);
  const auto file = write_file("[access]\npersonal_data_up_to = \"municipality\"\n");
  EXPECT_EQ(load_config(file, Env{}.lookup()).personal_data_up_to, metodist::domain::AdminLevel::municipality);
  Env env;
  env.vars["METODIST_PERSONAL_DATA_UP_TO"] = "district";
  EXPECT_NE(error_of("", env).find("METODIST_PERSONAL_DATA_UP_TO"), std::string::npos);
}

TEST(Config, SyntaxErrorReportsLine) {
  const auto file = write_file("[http]\nport = \n");
  EXPECT_NE(error_of(file, Env{}).find("строка 2"), std::string::npos);
}

TEST(Config, TheDocumentedExampleIsValid) {
  const auto c = load_config(METODIST_EXAMPLE_CONFIG, Env{}.lookup());
  EXPECT_EQ(c.database_url, "sqlite:data/metodist.db");
  EXPECT_EQ(c.max_json_bytes, 1048576u);
  EXPECT_EQ(c.handle_timeout, std::chrono::seconds(60));
}
