#include "http/static_files.hpp"

#include "http/content_encoding.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace metodist::http {
namespace {

std::string content_type_for(const std::string& ext) {
  static const std::map<std::string, std::string> types{{".html", "text/html; charset=utf-8"},
                                                        {".js", "text/javascript; charset=utf-8"},
                                                        {".mjs", "text/javascript; charset=utf-8"},
                                                        {".css", "text/css; charset=utf-8"},
                                                        {".json", "application/json; charset=utf-8"},
                                                        {".svg", "image/svg+xml"},
                                                        {".png", "image/png"},
                                                        {".ico", "image/x-icon"},
                                                        {".woff", "font/woff"},
                                                        {".woff2", "font/woff2"},
                                                        {".ttf", "font/ttf"},
                                                        {".eot", "application/vnd.ms-fontobject"},
                                                        {".map", "application/json"},
                                                        {".txt", "text/plain; charset=utf-8"},
                                                        {".yaml", "application/yaml; charset=utf-8"}};
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::string etag_of(const std::string& body) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : body) h = (h ^ c) * 1099511628211ull;
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    spdlog::warn("Папка веб-интерфейса «{}» не найдена: интерфейс не будет показан (соберите его: cmake --build)",
                 root);
    return;
  }
  const auto read = [](const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
  };
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (ext == ".br" || ext == ".gz") continue;  // a compressed form, loaded with its file below
    StaticFile f;
    f.body = read(entry.path());
    // A variant older than its file is from an earlier build: the plain body is right, the variant is not.
    const auto variant = [&](const char* suffix) {
      fs::path p = entry.path();
      p += suffix;
      std::error_code vec;
      if (!fs::is_regular_file(p, vec) || fs::last_write_time(p, vec) < fs::last_write_time(entry.path(), vec))
        return std::string{};
      return read(p);
    };
    f.br = variant(".br");
    f.gzip = variant(".gz");
    f.content_type = content_type_for(ext);
    f.etag = etag_of(f.body);
    const std::string rel = fs::relative(entry.path(), root).generic_string();
    // Vite puts content-hashed names under assets/: safe to cache for a year.
    f.cache_control = rel.starts_with("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    files_.emplace(rel, std::move(f));
  }
  spdlog::info("Веб-интерфейс: {} файлов из «{}»", files_.size(), root);
}

StaticBody choose_body(const StaticFile& file, std::string_view accept_encoding) {
  const std::string_view encoding = preferred_encoding(accept_encoding, !file.br.empty(), !file.gzip.empty());
  if (encoding.empty()) return {&file.body, "", file.etag};
  // Each form has its own ETag (RFC 9110, 8.8.3): a cache must not answer a
  // gzip request's If-None-Match with brotli bytes.
  std::string etag = file.etag;
  etag.insert(etag.size() - 1, "-" + std::string(encoding));
  return {encoding == "br" ? &file.br : &file.gzip, encoding, std::move(etag)};
}

const StaticFile* StaticFiles::resolve(const std::string& path) const {
  if (path.find("..") != std::string::npos) return nullptr;  // never a real file, never the SPA
  std::string key = path.empty() ? "" : path.substr(1);
  if (key == "api/docs" || key == "api/docs/")
    key = "api-docs/index.html";
  else if (key.starts_with("api/docs/"))
    key = "api-docs/" + key.substr(9);
  if (key.empty()) key = "index.html";
  if (auto it = files_.find(key); it != files_.end()) return &it->second;
  // Client-side routes (/organisations/12) have no extension: the SPA handles them.
  const auto slash = key.rfind('/');
  const bool has_ext = key.find('.', slash == std::string::npos ? 0 : slash) != std::string::npos;
  if (!has_ext && !key.starts_with("api/")) {
    if (auto it = files_.find("index.html"); it != files_.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace metodist::http
