#include "app/export.hpp"
#include "app/registry.hpp"
#include "app/todo.hpp"
#include "domain/data_quality.hpp"
#include "http/handlers.hpp"
#include "http/json.hpp"

namespace metodist::http::handlers {
namespace {

void write(JsonWriter& w, const domain::Organisation& o) {
  w.begin_object()
      .field("id", o.id)
      .field("code", o.code)
      .field("name", o.name)
      .key("short_name")
      .text_or_null(o.short_name)
      .field("kind", o.kind)
      .field("territory_id", o.territory_id)
      .key("inn")
      .text_or_null(o.inn)
      .key("address")
      .text_or_null(o.address)
      .field("is_shnor", o.is_shnor)
      .field("has_staff_plan", o.has_staff_plan)
      .field("has_mentoring_model", o.has_mentoring_model)
      .end_object();
}

void write_counts(JsonWriter& w, const std::vector<std::pair<std::string, std::int64_t>>& pairs) {
  w.begin_array();
  for (const auto& [code, count] : pairs) w.begin_object().field("code", code).field("count", count).end_object();
  w.end_array();
}

// The fields every person object starts with, in lists and on the card.
JsonWriter& person_head(JsonWriter& w, const domain::Person& p) {
  return w.begin_object()
      .field("id", p.id)
      .field("code", p.code)
      .field("last_name", p.last_name)
      .field("first_name", p.first_name)
      .key("middle_name")
      .text_or_null(p.middle_name)
      .field("category", p.category);
}

template <class T>
Response one(const T& item, int status = 200) {
  JsonWriter w;
  write(w, item);
  return json_response(status, std::move(w));
}

}  // namespace

namespace {

// Where a page of a long list starts: `offset` for the first pages, or the
// cursor of a neighbouring page's row (`after`, `before`; «before=end» is the
// last page), which a deep page needs to cost what the first does.
storage::keyset::PageRequest page_request(const QueryReader& q) {
  storage::keyset::PageRequest page;
  page.limit = q.integer("limit", 50, 1, 500);
  page.offset = q.integer("offset", 0, 0, INT32_MAX);
  page.after = q.text("after", 4096);
  page.before = q.text("before", 4096);
  return page;
}

// The tail of a page's answer: the total, the paging asked, the neighbours'
// cursors (null when there is no such page).
void page_tail(JsonWriter& w, std::int64_t total, const storage::keyset::PageRequest& page,
               const storage::keyset::PageLinks& links) {
  w.field("total", total).field("limit", page.limit).key("offset");
  if (page.after.empty() && page.before.empty())
    w.value(page.offset);
  else
    w.null();  // a page asked by key does not know how many rows precede it
  w.key("after").text_or_null(links.after).key("before").text_or_null(links.before);
}

// The filters of the organisation list, shared by the page and its export.
storage::registry::OrganisationFilter organisation_filter(const QueryReader& q) {
  storage::registry::OrganisationFilter f;
  f.query = q.text("q", 200);
  f.territory = q.id("territory_id");
  f.kind = q.term("kind", domain::organisation_kinds());
  f.shnor = q.boolean("shnor");
  if (auto sort = q.text("sort", 32); !sort.empty()) {
    if (!storage::registry::is_organisation_sort_key(sort))
      throw domain::Error::bad_request("Параметр «sort» принимает name, code, kind или territory (с «-» — по убыванию)",
                                       "sort");
    f.sort = sort;
  }
  f.page = page_request(q);
  return f;
}

// The filters of the staff list, shared by the page and its export.
storage::registry::StaffFilter staff_filter(const QueryReader& q) {
  storage::registry::StaffFilter f;
  f.query = q.text("q", 200);
  f.organisation = q.id("organisation_id");
  f.territory = q.id("territory_id");
  f.position = q.term("position", domain::positions());
  f.category = q.term("category", domain::qualification_categories());
  f.subject_area = q.term("subject_area", domain::subject_areas());
  if (auto gap = q.text("incomplete", 32); !gap.empty()) {
    if (gap != "any" && !domain::find_quality_field(gap))
      throw domain::Error::bad_request(
          "Параметр «incomplete» принимает any, birth_date, ped_experience_since, snils или subject_area",
          "incomplete");
    f.incomplete = gap;
  }
  if (auto sort = q.text("sort", 32); !sort.empty()) {
    if (!storage::registry::is_staff_sort_key(sort))
      throw domain::Error::bad_request(
          "Параметр «sort» принимает name, code, organisation или category (с «-» — по убыванию)", "sort");
    f.sort = sort;
  }
  f.page = page_request(q);
  return f;
}

}  // namespace

Response list_organisations(const Request& r, Context& ctx) {
  const auto f = organisation_filter(QueryReader(r));
  const auto page = app::list_organisations(ctx.app, *r.caller, f);
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& o : page.items) write(w, o);
  w.end_array();
  page_tail(w, page.total, f.page, page.links);
  w.end_object();
  return json_response(200, std::move(w));
}

Response export_organisations(const Request& r, Context& ctx) {
  const QueryReader q(r);
  return file_response(app::export_organisations(ctx.app, *r.caller, organisation_filter(q), file_format(q)));
}

Response list_persons(const Request& r, Context& ctx) {
  const auto f = staff_filter(QueryReader(r));
  const auto page = app::list_staff(ctx.app, *r.caller, f);
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& s : page.items) {
    const auto& p = s.person;
    person_head(w, p)
        .field("organisation_id", s.position.organisation_id)
        .field("organisation_name", s.organisation_name)
        .field("position", s.position.position)
        .key("subject_area")
        .text_or_null(s.position.subject_area)
        .key("hired_on")
        .text_or_null(s.position.hired_on)
        .key("birth_date")
        .text_or_null(p.birth_date)  // null where personal data is withheld
        .end_object();
  }
  w.end_array();
  page_tail(w, page.total, f.page, page.links);
  w.end_object();
  return json_response(200, std::move(w));
}

Response export_persons(const Request& r, Context& ctx) {
  const QueryReader q(r);
  return file_response(app::export_staff(ctx.app, *r.caller, staff_filter(q), file_format(q)));
}

Response get_organisation(const Request& r, Context& ctx) {
  return one(app::get_organisation(ctx.app, *r.caller, r.id()));
}

namespace {

// The body of POST and PUT /organisations.
domain::Organisation organisation_from_body(const Request& r) {
  const Json body = parse_object_body(r);
  BodyReader b(body);
  domain::Organisation o;
  o.code = b.required_text("code", 64);
  o.name = b.required_text("name", 500);
  o.short_name = b.optional_text("short_name", 200);
  o.kind = b.required_term("kind", domain::organisation_kinds());
  o.territory_id = b.required_id("territory_id");
  o.inn = b.optional_text("inn", 12);
  o.address = b.optional_text("address", 500);
  o.is_shnor = b.optional_bool("is_shnor", false);
  o.has_staff_plan = b.optional_bool("has_staff_plan", false);
  o.has_mentoring_model = b.optional_bool("has_mentoring_model", false);
  return o;
}

}  // namespace

Response create_organisation(const Request& r, Context& ctx) {
  auto created = app::create_organisation(ctx.app, *r.caller, organisation_from_body(r), r.request_id);
  auto resp = one(created, 201);
  resp.headers.emplace_back("Location", "/api/v1/organisations/" + std::to_string(created.id));
  return resp;
}

Response update_organisation(const Request& r, Context& ctx) {
  return one(app::update_organisation(ctx.app, *r.caller, r.id(), organisation_from_body(r), r.request_id));
}

namespace {

// The person fields of POST and PUT /persons.
// Names and the code are read as given, empty or not: domain::validate_person
// says what is missing, together with everything else wrong.
domain::Person person_from_body(const BodyReader& b) {
  domain::Person p;
  p.code = b.optional_text("code", 64);
  p.last_name = b.optional_text("last_name", 100);
  p.first_name = b.optional_text("first_name", 100);
  p.middle_name = b.optional_text("middle_name", 100);
  p.gender = b.optional_text("gender", 1);
  p.birth_date = b.optional_text("birth_date", 10);
  p.ped_experience_since = b.optional_text("ped_experience_since", 10);
  p.category = b.optional_text("category", 16);
  p.higher_ped_education = b.optional_bool("higher_ped_education", false);
  p.ped_university_graduate = b.optional_bool("ped_university_graduate", false);
  p.snils = b.optional_text("snils", 32);
  return p;
}

Response person_card(const Request& r, Context& ctx, std::int64_t id, int status);

}  // namespace

namespace {

// A new workplace as the forms send it (also the first one of a new person).
// Every unreadable field at once (the organisation and the position are
// chosen in one form).
domain::Position workplace_from_body(const BodyReader& b) {
  domain::Position workplace;
  domain::Problems problems;
  problems.check([&] { workplace.organisation_id = b.required_id("organisation_id"); });
  problems.check([&] { workplace.position = b.required_term("position", domain::positions()); });
  problems.check([&] { workplace.subject_area = b.optional_term("subject_area", domain::subject_areas()); });
  problems.check([&] { workplace.subjects = b.optional_text("subjects", 500); });
  problems.check([&] { workplace.hired_on = b.optional_text("hired_on", 10); });
  problems.raise();
  return workplace;
}

}  // namespace

Response create_person(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  // Everything the form got wrong at once: what cannot be read, and the person's own rules.
  domain::Problems problems;
  domain::Person person;
  domain::Position workplace;
  problems.check([&] { person = person_from_body(b); });
  const auto* w = body.contains("workplace") && body["workplace"].is_object() ? &body["workplace"] : nullptr;
  if (!w)
    problems.add("workplace", "Укажите место работы: организацию и должность");
  else
    problems.check([&] { workplace = workplace_from_body(BodyReader(*w)); });
  if (!problems.empty()) {
    problems.check([&] { domain::validate_person(person, domain::Date::today(), false); });
    problems.raise();
  }
  const auto id = app::create_person(ctx.app, *r.caller, std::move(person), std::move(workplace), r.request_id);
  auto resp = person_card(r, ctx, id, 201);
  resp.headers.emplace_back("Location", "/api/v1/persons/" + std::to_string(id));
  return resp;
}

Response update_person(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  app::update_person(ctx.app, *r.caller, r.id(), person_from_body(BodyReader(body)), r.request_id);
  return person_card(r, ctx, r.id(), 200);
}

Response get_person(const Request& r, Context& ctx) { return person_card(r, ctx, r.id(), 200); }

Response add_person_position(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  app::add_workplace(ctx.app, *r.caller, r.id(), workplace_from_body(BodyReader(body)), r.request_id);
  return person_card(r, ctx, r.id(), 201);
}

Response update_person_position(const Request& r, Context& ctx) {
  const Json body = parse_object_body(r);
  const BodyReader b(body);
  domain::Position changes;
  changes.subject_area = b.optional_term("subject_area", domain::subject_areas());
  changes.subjects = b.optional_text("subjects", 500);
  changes.hired_on = b.optional_text("hired_on", 10);
  changes.left_on = b.optional_text("left_on", 10);
  app::update_workplace(ctx.app, *r.caller, r.id(0), r.id(1), std::move(changes), r.request_id);
  return person_card(r, ctx, r.id(0), 200);
}

namespace {

Response person_card(const Request& r, Context& ctx, std::int64_t id, int status) {
  const auto card = app::get_person(ctx.app, *r.caller, id);
  const auto& p = card.person;
  JsonWriter w;
  person_head(w, p);
  w.key("positions").begin_array();
  for (const auto& v : card.positions)
    w.begin_object()
        .field("id", v.position.id)
        .field("organisation_id", v.position.organisation_id)
        .field("organisation_name", v.organisation_name)
        .field("position", v.position.position)
        .key("subject_area")
        .text_or_null(v.position.subject_area)
        .key("subjects")
        .text_or_null(v.position.subjects)
        .key("hired_on")
        .text_or_null(v.position.hired_on)
        .key("left_on")
        .text_or_null(v.position.left_on)
        .end_object();
  w.end_array();
  w.key("merged_into");
  if (card.merged_into)
    w.begin_object()
        .field("id", *card.merged_into)
        .field("name", card.merged_into_name)
        .field("merge_id", card.merge_id)
        .end_object();
  else
    w.null();
  // Personal data (152-ФЗ): present only for those allowed; otherwise null.
  w.key("personal");
  if (card.personal_data) {
    w.begin_object()
        .key("birth_date")
        .text_or_null(p.birth_date)
        .key("gender")
        .text_or_null(p.gender)
        .key("ped_experience_since")
        .text_or_null(p.ped_experience_since)
        .field("higher_ped_education", p.higher_ped_education)
        .field("ped_university_graduate", p.ped_university_graduate)
        .key("snils")
        .text_or_null(p.snils)
        .end_object();
  } else {
    w.null();
  }
  w.end_object();
  return json_response(status, std::move(w));
}

}  // namespace

Response todo(const Request& r, Context& ctx) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& t : app::todo_of(ctx.app, *r.caller))
    w.begin_object()
        .field("kind", t.kind)
        .field("title", t.title)
        .field("detail", t.detail)
        .field("count", t.count)
        .field("link", t.link)
        .key("due_on")
        .text_or_null(t.due_on)
        .field("late", t.late)
        .end_object();
  w.end_array().end_object();
  return json_response(200, std::move(w));
}

Response summary(const Request& r, Context& ctx) {
  QueryReader q(r);
  const auto s = app::summary(ctx.app, *r.caller, q.id("territory_id"));
  JsonWriter w;
  w.begin_object()
      .field("municipalities", s.municipalities)
      .field("organisations", s.organisations)
      .field("educational_organisations", s.educational_organisations)
      .field("shnor", s.shnor)
      .field("pedagogical_workers", s.pedagogical_workers);
  w.key("workers_by_category");
  write_counts(w, s.workers_by_category);
  w.key("organisations_by_kind");
  write_counts(w, s.organisations_by_kind);
  w.end_object();
  return json_response(200, std::move(w));
}

}  // namespace metodist::http::handlers
