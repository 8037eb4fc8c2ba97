// The built web UI, loaded into memory at start and served with cache headers.
//
// Only files found under the web root at start are served, so no request path
// can reach outside it. Unknown paths without an extension get index.html (the
// SPA decides the route); /api/docs is the Swagger UI copied by the web build.
// The web build writes `<file>.br` and `<file>.gz` beside text assets
// (web/scripts/compress.mjs); they are loaded with their file and sent to a
// browser that accepts them, never as files of their own.
#pragma once

#include <map>
#include <string>

namespace metodist::http {

struct StaticFile {
  std::string body;
  std::string content_type;
  std::string etag;
  std::string cache_control;
  std::string br;    // the body compressed by brotli at build time; empty when none
  std::string gzip;  // the body compressed by gzip, likewise
};

// What goes on the wire for one request: the body in the encoding the client
// accepts, that encoding ("" for none) and the ETag of exactly those bytes.
struct StaticBody {
  const std::string* body;
  std::string_view encoding;
  std::string etag;
};
StaticBody choose_body(const StaticFile& file, std::string_view accept_encoding);

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
