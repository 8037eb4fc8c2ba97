#include "http/static_files.hpp"

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
  for (const auto& entry : fs::recursive_directory_iterator(root, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    StaticFile f;
    f.body = buf.str();
    f.content_type = content_type_for(entry.path().extension().string());
    f.etag = etag_of(f.body);
    const std::string rel = fs::relative(entry.path(), root).generic_string();
    // Vite puts content-hashed names under assets/: safe to cache for a year.
    f.cache_control = rel.starts_with("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    files_.emplace(rel, std::move(f));
  }
  spdlog::info("Веб-интерфейс: {} файлов из «{}»", files_.size(), root);
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
