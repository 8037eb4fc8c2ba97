// Every endpoint the server registers is documented in docs/openapi.yaml, and
// every documented operation is registered: the two never drift apart.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "http/handlers.hpp"
#include "http/server.hpp"

namespace {

// The operations of an OpenAPI document: "GET /path" for each method under
// each path (the document is written with two-space indentation).
std::set<std::string> documented(const std::string& yaml) {
  std::set<std::string> ops;
  std::istringstream in(yaml);
  std::string line, path;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (line.rfind("paths:", 0) == 0) {
      in_paths = true;
      continue;
    }
    if (in_paths && !line.empty() && line[0] != ' ') in_paths = false;
    if (!in_paths) continue;
    if (line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
    } else if (line.rfind("    ", 0) == 0 && line[4] != ' ') {
      const auto method = line.substr(4, line.find(':') - 4);
      for (const char* m : {"get", "post", "put", "patch", "delete"})
        if (method == m) {
          std::string upper = method;
          for (auto& ch : upper) ch = static_cast<char>(std::toupper(ch));
          ops.insert(upper + " " + path);
        }
    }
  }
  return ops;
}

}  // namespace

TEST(OpenApi, DocumentsExactlyTheRegisteredEndpoints) {
  std::ifstream file(METODIST_OPENAPI_PATH);
  ASSERT_TRUE(file) << METODIST_OPENAPI_PATH;
  std::stringstream buf;
  buf << file.rdbuf();
  const auto docs = documented(buf.str());
  std::set<std::string> served;
  for (const auto& e : metodist::http::endpoint_table()) served.insert(e.method + " " + e.path);
  ASSERT_FALSE(served.empty());
  for (const auto& e : served) EXPECT_TRUE(docs.count(e)) << e << " is served but missing from docs/openapi.yaml";
  for (const auto& d : docs) EXPECT_TRUE(served.count(d)) << d << " is documented but not served";
}

TEST(OpenApi, TheServedDocumentIsTheFileInDocs) {
  std::ifstream file(METODIST_OPENAPI_PATH);
  std::stringstream buf;
  buf << file.rdbuf();
  EXPECT_EQ(std::string(metodist::http::openapi_document()), buf.str());
}
