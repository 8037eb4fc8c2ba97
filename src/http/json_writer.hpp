// Streams response JSON straight into the body string: the one way handlers
// produce JSON. No document tree is built, so a list of hundreds of rows costs
// one growing buffer instead of thousands of small allocations (nlohmann is
// used only to parse request bodies, where a tree is what we need).
//
// Commas are placed automatically; strings are escaped, and invalid UTF-8 is
// replaced by U+FFFD so the output is always valid JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace metodist::http {

// A key the program writes as a literal («items», «total»): checked when the
// program is compiled to be made of a–z, 0–9 and «_», so it goes out without
// the check every text needs — a list writes one key for every value.
class JsonKey {
 public:
  template <std::size_t N>
  consteval JsonKey(const char (&literal)[N]) : text_(literal, N - 1) {
    for (char c : text_)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
        throw "a JSON key literal is made of a-z, 0-9 and _";  // a compile error, not a run-time one
  }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
};

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(JsonKey k);
  // A key made of data (a role's or a stage's code): escaped as any text.
  JsonWriter& key_text(std::string_view k);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(std::size_t n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(bool b);
  JsonWriter& value(double d);
  JsonWriter& null();
  // JSON the program itself wrote and stored (e.g. a term's date parts): written as it is.
  JsonWriter& raw_json(std::string_view json);
  // Empty text and absent ids are written as null.
  JsonWriter& text_or_null(std::string_view s) { return s.empty() ? null() : value(s); }
  JsonWriter& id_or_null(std::optional<std::int64_t> id) { return id ? value(*id) : null(); }

  // key(k).value(v) in one call. A feature's status enum (domain::HelpStatus…)
  // is written as its code, found by code_of next to the enum.
  template <class T>
  JsonWriter& field(JsonKey k, const T& v) {
    key(k);
    if constexpr (std::is_enum_v<T> && requires { code_of(v); })
      return value(code_of(v));
    else
      return value(v);
  }

  std::string take() { return std::move(out_); }
  const std::string& str() const { return out_; }

 private:
  // Before every value: a comma unless it is the first item of its container
  // or follows its key. Inline: it runs for every key and value of a list.
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (has_items_) out_.push_back(',');
    has_items_ = !outer_has_items_.empty();  // a second value at the top level gets no comma
  }
  void open(char bracket);
  void close(char bracket);

  std::string out_;
  bool has_items_ = false;             // the innermost open container needs a comma before the next item
  std::vector<bool> outer_has_items_;  // the same for the containers around it
  bool after_key_ = false;
};

}  // namespace metodist::http
