// JSON in and out of handlers: one error shape, body parsing that names the
// problem, and readers for query and body fields that name the field.
// Responses are written with JsonWriter (json_writer.hpp); request bodies are
// parsed with nlohmann.
//
// Every failure is a domain::Error, which the router turns into
// {"error":{"code","message","field"}} with the matching 4xx status.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/error.hpp"
#include "domain/registry.hpp"
#include "http/json_writer.hpp"
#include "http/message.hpp"

namespace metodist::http {

using Json = nlohmann::json;

Response json_response(int status, JsonWriter&& body);
// 204: done, nothing to send back.
Response no_content();
Response error_response(int status, const std::string& code, const std::string& message, const std::string& field = {});
// The status a domain error maps to (400, 404, 409, 413...).
int status_for(domain::ErrorKind kind) noexcept;
Response error_response(const domain::Error& e);

// Parses the request body as a JSON object. Malformed JSON, a non-object, or a
// wrong Content-Type throws domain::Error naming the byte offset or the header.
Json parse_object_body(const Request& r);

// Reads typed query parameters; wrong values throw naming the parameter.
class QueryReader {
 public:
  explicit QueryReader(const Request& r) : r_(r) {}
  std::optional<std::int64_t> id(const char* name) const;
  std::int64_t integer(const char* name, std::int64_t fallback, std::int64_t min, std::int64_t max) const;
  std::optional<bool> boolean(const char* name) const;
  std::string text(const char* name, std::size_t max_length = 200) const;
  // A value from a vocabulary; empty when absent.
  std::string term(const char* name, std::span<const domain::Term> vocabulary) const;

 private:
  const Request& r_;
};

// The value of an integer JSON number that fits int64; nullopt for any other
// value, including unsigned numbers above INT64_MAX.
std::optional<std::int64_t> whole_number(const Json& v) noexcept;

// Reads typed fields of a JSON object body; wrong values throw naming the field.
//
// Given a Problems, it reads a form whole instead: a field that cannot be read
// adds its problem and reads as empty (0, "", nullopt, {}), so a person is
// told every field to correct at once. The handler then adds the form's own
// checks (Problems::check) and calls Problems::raise before using the values.
class BodyReader {
 public:
  explicit BodyReader(const Json& body) : body_(body) {}
  BodyReader(const Json& body, domain::Problems& problems) : body_(body), problems_(&problems) {}
  std::string required_text(const char* field, std::size_t max_length) const;
  std::string optional_text(const char* field, std::size_t max_length) const;
  std::int64_t required_id(const char* field) const;
  // A positive integer id, or nullopt when absent, null or 0 (a form's «nothing chosen»).
  std::optional<std::int64_t> optional_id(const char* field) const;
  // A whole number in [min, max], or nullopt when absent or null.
  std::optional<std::int64_t> optional_integer(const char* field, std::int64_t min, std::int64_t max) const;
  bool optional_bool(const char* field, bool fallback) const;
  // A number, or nullopt when absent or null; other types are named by field.
  std::optional<double> optional_number(const char* field) const;
  // The field is there and not null (an update that leaves it out keeps the stored value).
  bool has(const char* field) const { return find(field) && !find(field)->is_null(); }
  // An array of strings (each at most max_length), empty when absent.
  std::vector<std::string> string_list(const char* field, std::size_t max_length) const;
  std::string required_term(const char* field, std::span<const domain::Term> vocabulary) const;
  // A vocabulary code given by its code or its Russian title (as import takes
  // them: «Математика и информатика» or `math`); "" when absent.
  std::string optional_term(const char* field, std::span<const domain::Term> vocabulary) const;
  // A required code of a vocabulary ordered as the enum E (a feature's statuses), as E.
  template <class E>
  E required_value(const char* field, std::span<const domain::Term> vocabulary) const {
    // value_or: a form read whole gives "" for a wrong status, its problem already noted.
    return domain::value_in<E>(vocabulary, required_term(field, vocabulary)).value_or(E{});
  }
  // An array of positive ids, empty when absent.
  std::vector<std::int64_t> id_list(const char* field) const;
  // An array of integers or nulls (scores not given yet); 422 unless every item is one.
  std::vector<std::optional<std::int64_t>> optional_integer_list(const char* field, std::int64_t min,
                                                                 std::int64_t max) const;
  // An array of objects, for the caller to read field by field; empty when absent.
  std::vector<BodyReader> object_list(const char* field) const;

 private:
  const Json* find(const char* field) const;
  // Runs one read; in a form read whole, its validation problem is noted and the value is T{}.
  template <class T, class Read>
  T guard(Read&& read) const;
  const Json& body_;
  domain::Problems* problems_ = nullptr;
};

// Vocabulary as JSON: [{"code": ..., "title": ...}].
void write_terms(JsonWriter& w, std::span<const domain::Term> vocabulary);

}  // namespace metodist::http
