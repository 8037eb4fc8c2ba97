// Errors the domain and application layers raise on purpose.
//
// Each carries a stable machine code, a Russian message a methodist can read,
// and, where one input is at fault, the name of that field. The HTTP layer maps
// them one-to-one onto 4xx responses; anything else that escapes is a bug (500).
#pragma once

#include <stdexcept>
#include <string>

namespace metodist::domain {

enum class ErrorKind {
  bad_request,        // the request as a whole cannot be read (malformed JSON)
  validation_failed,  // a field has a wrong value
  not_found,          // no such object, or not visible to the caller
  conflict,           // the change contradicts stored data (duplicate code...)
  payload_too_large,
  unauthorized,
  forbidden,
  too_many_requests,  // login throttling
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, std::string field = {})
      : std::runtime_error(message), kind_(kind), field_(std::move(field)) {}

  static Error validation(std::string field, std::string message) {
    return {ErrorKind::validation_failed, std::move(message), std::move(field)};
  }
  static Error not_found(std::string message) { return {ErrorKind::not_found, std::move(message)}; }
  static Error conflict(std::string field, std::string message) {
    return {ErrorKind::conflict, std::move(message), std::move(field)};
  }
  static Error bad_request(std::string message, std::string field = {}) {
    return {ErrorKind::bad_request, std::move(message), std::move(field)};
  }
  // The caller may see the object but not do this to it (HTTP 403); the message says who may.
  static Error forbidden(std::string message, std::string field = {}) {
    return {ErrorKind::forbidden, std::move(message), std::move(field)};
  }

  ErrorKind kind() const noexcept { return kind_; }
  const std::string& field() const noexcept { return field_; }

 private:
  ErrorKind kind_;
  std::string field_;
};

// Stable code used in the JSON error body, e.g. "validation_failed".
const char* error_code(ErrorKind kind) noexcept;

}  // namespace metodist::domain
