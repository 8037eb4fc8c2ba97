// Errors the domain and application layers raise on purpose.
//
// Each carries a stable machine code, a Russian message a methodist can read,
// and, where one input is at fault, the name of that field. The HTTP layer maps
// them one-to-one onto 4xx responses; anything else that escapes is a bug (500).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

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

// One field's problem, as a form shows it under that field.
struct FieldProblem {
  std::string field, message;
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

  // Every problem of a form at once (Problems::raise); the first is the error's field and message.
  static Error validation(std::vector<FieldProblem> all) {
    Error e(ErrorKind::validation_failed, all.front().message, all.front().field);
    e.problems_ = std::move(all);
    return e;
  }

  ErrorKind kind() const noexcept { return kind_; }
  const std::string& field() const noexcept { return field_; }
  // The fields at fault: all of them for a form checked whole, else the one (or none).
  std::vector<FieldProblem> problems() const {
    if (!problems_.empty()) return problems_;
    if (field_.empty()) return {};
    return {{field_, what()}};
  }

 private:
  ErrorKind kind_;
  std::string field_;
  std::vector<FieldProblem> problems_;
};

// The problems of a form, gathered so that a person sees every field to
// correct at once rather than one per attempt. A check that throws a
// validation error adds its problems and the next check still runs; any
// other error passes through.
class Problems {
 public:
  void add(std::string field, std::string message);
  template <class Check>
  void check(Check&& check) {
    try {
      check();
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::validation_failed) throw;
      for (auto& p : e.problems()) add(std::move(p.field), std::move(p.message));
    }
  }
  bool empty() const noexcept { return all_.empty(); }
  bool has(const std::string& field) const noexcept;
  // Throws one validation error naming every problem; nothing when there is none.
  void raise() const;

 private:
  std::vector<FieldProblem> all_;
};

// Stable code used in the JSON error body, e.g. "validation_failed".
const char* error_code(ErrorKind kind) noexcept;

}  // namespace metodist::domain
