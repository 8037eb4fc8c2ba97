// The built web UI, loaded into memory at start and served with cache headers.
//
// Only files found under the web root at start are served, so no request path
// can reach outside it. Unknown paths without an extension get index.html (the
// SPA decides the route); /api/docs is the Swagger UI copied by the web build.
#pragma once

#include <map>
#include <string>

namespace metodist::http {

struct StaticFile {
  std::string body;
  std::string content_type;
  std::string etag;
  std::string cache_control;
};

class StaticFiles {
 public:
  // Loads every file below root; a missing root leaves the store empty (the
  // API still works, and "/" explains how to build the UI).
  explicit StaticFiles(const std::string& root);

  // The file for a request path, after the SPA and /api/docs rules; nullptr
  // when there is none.
  const StaticFile* resolve(const std::string& path) const;
  std::size_t size() const { return files_.size(); }

 private:
  std::map<std::string, StaticFile, std::less<>> files_;  // key: path below root, no leading '/'
};

}  // namespace metodist::http
