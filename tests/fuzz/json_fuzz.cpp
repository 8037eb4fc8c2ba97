// libFuzzer target: any bytes sent as a JSON request body are decoded the way
// handlers decode them (parse_object_body, then BodyReader on every field,
// nested objects included) — a value that keeps the reader's promise, or a
// domain::Error naming the field, never another exception (the router would
// answer 500), a crash or a hang. The same bytes as a query value go through
// QueryReader, and every text read is written back by JsonWriter and must
// parse to the same string. Run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/registry.hpp"
#include "domain/text.hpp"
#include "http/json.hpp"

namespace {

using namespace metodist;
using http::BodyReader;
using http::Json;

// Reader calls either return or throw a domain::Error naming `field`.
template <class F>
void expect_named(const char* field, F&& read) {
  try {
    read();
  } catch (const domain::Error& e) {
    if (e.field() != field) __builtin_trap();
  }
}

void round_trips(const std::string& text) {
  http::JsonWriter w;
  w.begin_object().field("t", text).end_object();
  if (Json::parse(w.str())["t"].get<std::string>() != text) __builtin_trap();
}

void read_every_way(const Json& object, int depth) {
  const BodyReader b(object);
  for (auto it = object.begin(); it != object.end(); ++it) {
    const std::string& key = it.key();
    const Json& value = it.value();
    const char* f = key.c_str();
    expect_named(f, [&] {
      const auto s = b.required_text(f, 40);
      if (s.empty() || domain::utf8_length(s) > 40 || domain::trim(s) != s) __builtin_trap();
      round_trips(s);
    });
    expect_named(f, [&] {
      const auto id = b.required_id(f);
      if (id < 1 || http::whole_number(value) != id) __builtin_trap();
    });
    expect_named(f, [&] {
      if (const auto n = b.optional_integer(f, -3, 1000);
          n && (*n < -3 || *n > 1000 || http::whole_number(value) != *n))
        __builtin_trap();
    });
    expect_named(f, [&] { (void)b.optional_bool(f, false); });
    expect_named(f, [&] {
      if (const auto x = b.optional_number(f); x && !value.is_number()) __builtin_trap();
    });
    expect_named(f, [&] {
      const auto list = b.string_list(f, 16);
      if (!value.is_null() && list.size() != value.size()) __builtin_trap();
      for (const auto& s : list) round_trips(s);
    });
    expect_named(f, [&] {
      for (const auto id : b.id_list(f))
        if (id < 1) __builtin_trap();
    });
    expect_named(f, [&] {
      for (const auto& n : b.optional_integer_list(f, 0, 5))
        if (n && (*n < 0 || *n > 5)) __builtin_trap();
    });
    expect_named(f, [&] { (void)b.required_term(f, domain::organisation_kinds()); });
    expect_named(f, [&] {
      const auto nested = b.object_list(f);
      if (depth < 3)
        for (std::size_t i = 0; i < nested.size(); ++i) read_every_way(value.at(i), depth + 1);
    });
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  http::Request r;
  r.headers = {{"content-type", "application/json; charset=utf-8"}};
  r.body = bytes;
  try {
    read_every_way(http::parse_object_body(r), 0);
  } catch (const domain::Error& e) {
    if (e.kind() != domain::ErrorKind::bad_request) __builtin_trap();  // the body itself is what is wrong
  }

  http::Request q;
  q.query = {{"v", bytes}};
  const http::QueryReader reader(q);
  expect_named("v", [&] { (void)reader.id("v"); });
  expect_named("v", [&] { (void)reader.integer("v", 0, -10, 10); });
  expect_named("v", [&] { (void)reader.boolean("v"); });
  expect_named("v", [&] { round_trips(reader.text("v", 200)); });
  expect_named("v", [&] { (void)reader.term("v", domain::territory_levels()); });
  return 0;
}
