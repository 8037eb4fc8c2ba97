#include "http/json.hpp"

#include <gtest/gtest.h>

#include "domain/help_requests.hpp"
#include "support/errors.hpp"

using namespace metodist;
using namespace metodist::http;
using metodist::testing::error_of;

namespace {

Request with_query(Fields q) {
  Request r;
  r.query = std::move(q);
  return r;
}

Request with_body(std::string body, std::string type = "application/json") {
  Request r;
  r.headers = {{"content-type", std::move(type)}};
  r.body = std::move(body);
  return r;
}

}  // namespace

TEST(ErrorResponse, HasOneShape) {
  const auto r = error_response(domain::Error::validation("name", "Поле «name» обязательно"));
  EXPECT_EQ(r.status, 422);
  const auto body = Json::parse(r.body);
  EXPECT_EQ(body["error"]["code"], "validation_failed");
  EXPECT_EQ(body["error"]["field"], "name");
  EXPECT_EQ(body["error"]["message"], "Поле «name» обязательно");
  const auto nf = Json::parse(error_response(domain::Error::not_found("Нет")).body);
  EXPECT_TRUE(nf["error"]["field"].is_null());
  EXPECT_EQ(status_for(domain::ErrorKind::not_found), 404);
  EXPECT_EQ(status_for(domain::ErrorKind::conflict), 409);
}

TEST(QueryReader, ReadsAndNamesBadParameters) {
  const auto r = with_query({{"limit", "20"}, {"shnor", "true"}, {"kind", "school"}, {"bad", "x1"}});
  QueryReader q(r);
  EXPECT_EQ(q.integer("limit", 50, 1, 500), 20);
  EXPECT_EQ(q.integer("offset", 7, 0, 10), 7);  // absent: fallback
  EXPECT_EQ(q.boolean("shnor"), true);
  EXPECT_EQ(q.term("kind", domain::organisation_kinds()), "school");
  auto e = error_of([&] { q.integer("bad", 0, 0, 10); });
  EXPECT_EQ(e.kind(), domain::ErrorKind::bad_request);
  EXPECT_EQ(e.field(), "bad");
  const auto big = with_query({{"limit", "501"}, {"kind", "castle"}, {"q", "\xFF"}});
  EXPECT_EQ(error_of([&] { QueryReader(big).integer("limit", 50, 1, 500); }).field(), "limit");
  EXPECT_EQ(error_of([&] { QueryReader(big).term("kind", domain::organisation_kinds()); }).field(), "kind");
  EXPECT_EQ(error_of([&] { QueryReader(big).text("q"); }).field(), "q");
}

TEST(ParseObjectBody, ExplainsWhatIsWrong) {
  EXPECT_EQ(parse_object_body(with_body(R"({"a":1})"))["a"], 1);
  auto malformed = error_of([] { parse_object_body(with_body("{\"a\":")); });
  EXPECT_EQ(malformed.kind(), domain::ErrorKind::bad_request);
  EXPECT_NE(std::string(malformed.what()).find("позиции"), std::string::npos);
  EXPECT_EQ(error_of([] { parse_object_body(with_body("[1,2]")); }).kind(), domain::ErrorKind::bad_request);
  EXPECT_EQ(error_of([] { parse_object_body(with_body("", "application/json")); }).kind(),
            domain::ErrorKind::bad_request);
  EXPECT_EQ(error_of([] { parse_object_body(with_body("{}", "text/plain")); }).field(), "Content-Type");
  // Invalid UTF-8 inside a JSON string is malformed JSON, not a crash.
  EXPECT_EQ(error_of([] { parse_object_body(with_body("{\"a\":\"\xFF\"}")); }).kind(), domain::ErrorKind::bad_request);
}

TEST(BodyReader, ValidatesTypesAndNamesFields) {
  const auto body = Json::parse(R"({"name":"  Школа  ","n":5,"flag":true,"wrong":1,"kind":"school","neg":-3})");
  BodyReader b(body);
  EXPECT_EQ(b.required_text("name", 10), "Школа");
  EXPECT_EQ(b.required_id("n"), 5);
  EXPECT_TRUE(b.optional_bool("flag", false));
  EXPECT_FALSE(b.optional_bool("absent", false));
  EXPECT_EQ(b.optional_text("absent", 10), "");
  EXPECT_EQ(error_of([&] { b.required_text("wrong", 10); }).field(), "wrong");
  EXPECT_EQ(error_of([&] { b.required_text("missing", 10); }).field(), "missing");
  EXPECT_EQ(error_of([&] { b.required_text("name", 3); }).field(), "name");  // 5 letters > 3
  EXPECT_EQ(error_of([&] { b.required_id("neg"); }).field(), "neg");
  EXPECT_EQ(error_of([&] { b.optional_bool("n", false); }).field(), "n");
  EXPECT_EQ(b.required_term("kind", domain::organisation_kinds()), "school");
}

// A form read whole: every field that cannot be read is noted, each reads as
// empty, and nothing is thrown until the handler raises them together.
TEST(BodyReader, AFormReadWholeNotesEveryProblemAndRaisesThemTogether) {
  const auto body = Json::parse(
      R"({"title":7,"organisation_id":0,"hours":"много","status":"lost","items":[{"name":5}],"note":"  да  "})");
  domain::Problems problems;
  const BodyReader b(body, problems);
  EXPECT_EQ(b.required_text("title", 100), "");
  EXPECT_EQ(b.required_id("organisation_id"), 0);
  EXPECT_EQ(b.optional_number("hours"), std::nullopt);
  EXPECT_EQ(b.required_value<domain::HelpStatus>("status", domain::help_statuses()), domain::HelpStatus{});
  const auto items = b.object_list("items");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].required_text("name", 10), "") << "a nested object is read whole too";
  EXPECT_EQ(b.required_text("note", 10), "да") << "a good field still reads";
  try {
    problems.raise();
    FAIL() << "the problems are raised together";
  } catch (const domain::Error& e) {
    std::vector<std::string> fields;
    for (const auto& p : e.problems()) fields.push_back(p.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"title", "organisation_id", "hours", "status", "name"}));
    EXPECT_EQ(e.problems()[1].message, "Поле «Организация» обязательно") << "0 is «nothing chosen»";
  }
  // Without a Problems, the first bad field throws as before.
  EXPECT_EQ(error_of([&] { BodyReader(body).required_text("title", 100); }).field(), "title");
}

// Found by the JSON fuzz target: a number beyond double escaped as out_of_range
// (a 500), and 2^64-1 read as -1 passed a range check that allows -1.
TEST(ParseObjectBody, RefusesNumbersBeyondDoubleAsBadRequest) {
  for (const char* body : {R"({"a":1e400})", R"({"a":[-1e400]})"}) {
    const auto e = error_of([&] { parse_object_body(with_body(body)); });
    EXPECT_EQ(e.kind(), domain::ErrorKind::bad_request) << body;
    EXPECT_NE(std::string(e.what()).find("диапазона"), std::string::npos) << body;
  }
}

TEST(BodyReader, RefusesIntegersAboveInt64) {
  const auto body = Json::parse(R"({"n":18446744073709551615,"ids":[18446744073709551615],"big":9223372036854775807})");
  BodyReader b(body);
  EXPECT_EQ(error_of([&] { b.optional_integer("n", -5, 5); }).field(), "n");
  EXPECT_EQ(error_of([&] { b.required_id("n"); }).field(), "n");
  EXPECT_EQ(error_of([&] { b.id_list("ids"); }).field(), "ids");
  EXPECT_EQ(error_of([&] { b.optional_integer_list("ids", -5, 5); }).field(), "ids");
  EXPECT_EQ(b.required_id("big"), INT64_MAX);
  EXPECT_FALSE(whole_number(Json(1.5)).has_value());
  EXPECT_EQ(whole_number(Json(-7)), -7);
}

TEST(ClientAddress, TrustsXRealIpOnlyFromTheProxy) {
  using metodist::http::client_address;
  const std::string real = "203.0.113.7";
  EXPECT_EQ(client_address("127.0.0.1", &real, "127.0.0.1,::1"), real);
  EXPECT_EQ(client_address("::1", &real, "127.0.0.1, ::1"), real);
  EXPECT_EQ(client_address("198.51.100.9", &real, "127.0.0.1,::1"), "198.51.100.9");  // not our proxy: ignored
  EXPECT_EQ(client_address("127.0.0.1", nullptr, "127.0.0.1"), "127.0.0.1");
  const std::string forged = "1.2.3.4, <script>";
  EXPECT_EQ(client_address("127.0.0.1", &forged, "127.0.0.1"), "127.0.0.1");  // not an address
  EXPECT_EQ(client_address("127.0.0.1", &real, ""), "127.0.0.1");             // no proxies trusted
}

// A form checked whole answers with every field; a message names the field as the form labels it.
TEST(ErrorResponse, AFormCheckedWholeListsEveryFieldUnderTheirRussianTitles) {
  const Json body = Json::parse(R"({"first_name": 5})");
  const BodyReader b(body);
  domain::Problems problems;
  problems.check([&] { b.required_text("last_name", 100); });
  problems.check([&] { b.required_text("first_name", 100); });
  problems.check([&] { b.required_id("organisation_id"); });
  problems.check([&] { b.required_text("shelf_mark", 10); });
  try {
    problems.raise();
    FAIL();
  } catch (const domain::Error& e) {
    const auto r = Json::parse(error_response(e).body);
    EXPECT_EQ(r["error"]["field"], "last_name");
    EXPECT_EQ(r["error"]["message"], "Поле «Фамилия» обязательно");
    ASSERT_EQ(r["error"]["fields"].size(), 4u);
    EXPECT_EQ(r["error"]["fields"][1]["field"], "first_name");
    EXPECT_EQ(r["error"]["fields"][1]["message"], "Поле «Имя» должно быть строкой");
    EXPECT_EQ(r["error"]["fields"][2]["message"], "Поле «Организация» обязательно");
    EXPECT_EQ(r["error"]["fields"][3]["message"], "Поле «shelf_mark» обязательно") << "no title known: the code";
  }
  // One problem keeps the shape of before: no list.
  const auto one = Json::parse(error_response(domain::Error::validation("inn", "Неверный ИНН")).body);
  EXPECT_FALSE(one["error"].contains("fields"));
}
