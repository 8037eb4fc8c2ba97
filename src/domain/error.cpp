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

}  // namespace metodist::domain
