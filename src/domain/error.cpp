#include "domain/error.hpp"

namespace metodist::domain {

const char* error_code(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::bad_request:
      return "bad_request";
    case ErrorKind::validation_failed:
      return "validation_failed";
    case ErrorKind::not_found:
      return "not_found";
    case ErrorKind::conflict:
      return "conflict";
    case ErrorKind::payload_too_large:
      return "payload_too_large";
    case ErrorKind::unauthorized:
      return "unauthorized";
    case ErrorKind::forbidden:
      return "forbidden";
    case ErrorKind::too_many_requests:
      return "too_many_requests";
  }
  return "error";
}

void Problems::add(std::string field, std::string message) {
  // One message per field: the first found is the one to fix first.
  if (!field.empty() && has(field)) return;
  all_.push_back({std::move(field), std::move(message)});
}

bool Problems::has(const std::string& field) const noexcept {
  for (const auto& p : all_)
    if (p.field == field) return true;
  return false;
}

void Problems::raise() const {
  if (!all_.empty()) throw Error::validation(all_);
}

}  // namespace metodist::domain
