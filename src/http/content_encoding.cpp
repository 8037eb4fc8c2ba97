#include "http/content_encoding.hpp"

#include <cctype>
#include <cstdlib>
#include <string>

namespace metodist::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool same_token(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// The q parameter of one entry's parameters ("q=0.5"); 1 when absent or unreadable.
double quality_of(std::string_view params) {
  while (!params.empty()) {
    const auto semi = params.find(';');
    const std::string_view param = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      const std::string value(trim(param.substr(2)));
      char* end = nullptr;
      const double q = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || q < 0 || q > 1) return 1;
      return q;
    }
  }
  return 1;
}

}  // namespace

double accepted_quality(std::string_view header, std::string_view coding) {
  double own = -1;
  double any = -1;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view entry = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto semi = entry.find(';');
    const std::string_view token = trim(entry.substr(0, semi));
    const std::string_view params = semi == std::string_view::npos ? std::string_view{} : entry.substr(semi + 1);
    if (same_token(token, coding))
      own = quality_of(params);
    else if (token == "*")
      any = quality_of(params);
  }
  if (own >= 0) return own;
  return any >= 0 ? any : 0;
}

std::string_view preferred_encoding(std::string_view header, bool have_br, bool have_gzip) {
  const double br = have_br ? accepted_quality(header, "br") : 0;
  const double gzip = have_gzip ? accepted_quality(header, "gzip") : 0;
  if (br <= 0 && gzip <= 0) return "";
  return br >= gzip ? "br" : "gzip";
}

}  // namespace metodist::http
