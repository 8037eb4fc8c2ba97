#include "storage/programs_repository.hpp"

#include "domain/date.hpp"
#include "storage/competency_tags.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::programs {
namespace {

const char* const kProgramSelect =
    "SELECT pr.id, pr.title, pr.provider, pr.hours, pr.format, pr.audience, pr.in_federal_registry,"
    " COALESCE(pr.federal_number, '') AS federal_number, pr.territory_id, t.name,"
    " (SELECT COUNT(*) FROM cohorts k WHERE k.program_id = pr.id) AS cohorts"
    " FROM programs pr JOIN territories t ON t.id = pr.territory_id";

Program program_from(const Row& r) {
  Program p;
  p.id = r.int64("id");
  p.title = r.text("title");
  p.provider = r.text("provider");
  p.hours = r.int64("hours");
  p.format = r.text("format");
  p.audience = r.text("audience");
  p.in_federal_registry = r.flag("in_federal_registry");
  p.federal_number = r.text("federal_number");
  p.territory_id = r.int64("territory_id");
  p.territory_name = r.text("name");
  p.cohorts = r.int64("cohorts");
  return p;
}

const std::string kCohortSelect =
    "SELECT k.id, k.program_id, k.title, k.starts_on, k.ends_on, k.capacity,"
    " (SELECT COUNT(*) FROM enrolments e WHERE e.cohort_id = k.id AND e.status <> " +
    registry::literal(domain::EnrolmentStatus::withdrawn) +
    ") AS enrolled,"
    " COALESCE(k.cascade_stage, '') AS cascade_stage FROM cohorts k";

Cohort cohort_from(const Row& r) {
  return {r.int64("id"),     r.int64("program_id"),   r.text("title"),     r.text("starts_on"),
          r.text("ends_on"), r.opt_int64("capacity"), r.int64("enrolled"), r.text("cascade_stage")};
}

const char* const kEnrolmentSelect =
    "SELECT e.id, e.cohort_id, e.person_id, e.status, e.applied_on, e.chosen_from_deficit,"
    " COALESCE(e.certificate_number, '') AS certificate_number, e.completed_on, k.program_id,"
    " pr.title AS program_title, k.title AS cohort_title,"
    " p.last_name || ' ' || p.first_name || COALESCE(' ' || p.middle_name, '') AS person_name,"
    " COALESCE(k.cascade_stage, '') AS cascade_stage,"
    " (SELECT COUNT(*) FROM post_course_support s WHERE s.enrolment_id = e.id) AS support_records"
    " FROM enrolments e JOIN cohorts k ON k.id = e.cohort_id JOIN programs pr ON pr.id = k.program_id"
    " JOIN persons p ON p.id = e.person_id";

Enrolment enrolment_from(const Row& r) {
  Enrolment e;
  e.id = r.int64("id");
  e.cohort_id = r.int64("cohort_id");
  e.person_id = r.int64("person_id");
  e.status = domain::stored_value<domain::EnrolmentStatus>(domain::enrolment_statuses(), r.view("status"));
  e.applied_on = r.text("applied_on");
  e.chosen_from_deficit = r.flag("chosen_from_deficit");
  e.certificate_number = r.text("certificate_number");
  e.completed_on = r.is_null("completed_on") ? std::string() : r.text("completed_on");
  e.program_id = r.int64("program_id");
  e.program_title = r.text("program_title");
  e.cohort_title = r.text("cohort_title");
  e.person_name = r.text("person_name");
  e.cascade_stage = r.text("cascade_stage");
  e.support_records = r.int64("support_records");
  return e;
}

}  // namespace

std::int64_t insert_program(Connection& c, const Program& p, std::span<const std::int64_t> competency_ids) {
  const auto id = c.scalar(
      "INSERT INTO programs (title, provider, hours, format, in_federal_registry, federal_number, audience,"
      " territory_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      {p.title, p.provider, p.hours, p.format, flag(p.in_federal_registry), text_or_null(p.federal_number), p.audience,
       p.territory_id, domain::utc_timestamp_now()});
  tags::replace(c, tags::Tagged::program, id, competency_ids);
  return id;
}

std::optional<Program> find_program(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kProgramSelect) + " WHERE pr.id = $1", {id});
  if (!row) return std::nullopt;
  std::vector<Program> one{program_from(*row)};
  tags::fill_codes(c, tags::Tagged::program, one);
  return one.front();
}

std::vector<Program> list_programs(Connection& c, const domain::Scope& scope, const std::string& competency) {
  Params params;
  std::string sql = std::string(kProgramSelect) + " WHERE " + registry::territory_scope(scope, params, "t");
  if (!competency.empty())
    sql +=
        " AND pr.id IN (SELECT pc.program_id FROM program_competencies pc JOIN competencies k"
        " ON k.id = pc.competency_id WHERE k.code = " +
        registry::placeholder(params, competency) + ")";
  sql += " ORDER BY pr.id DESC";
  std::vector<Program> out;
  c.run(sql, params, [&](const Row& r) { out.push_back(program_from(r)); });
  tags::fill_codes(c, tags::Tagged::program, out);
  return out;
}

std::int64_t insert_cohort(Connection& c, const Cohort& k) {
  return c.scalar(
      "INSERT INTO cohorts (program_id, title, starts_on, ends_on, capacity, cascade_stage, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {k.program_id, k.title, k.starts_on, k.ends_on, id_or_null(k.capacity), text_or_null(k.cascade_stage),
       domain::utc_timestamp_now()});
}

std::optional<Cohort> find_cohort(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kCohortSelect) + " WHERE k.id = $1", {id});
  if (!row) return std::nullopt;
  return cohort_from(*row);
}

std::vector<Cohort> cohorts_of(Connection& c, std::int64_t program_id) {
  std::vector<Cohort> out;
  c.run(std::string(kCohortSelect) + " WHERE k.program_id = $1 ORDER BY k.starts_on, k.id", {program_id},
        [&](const Row& r) { out.push_back(cohort_from(r)); });
  return out;
}

std::int64_t insert_enrolment(Connection& c, const Enrolment& e) {
  return c.scalar(
      "INSERT INTO enrolments (cohort_id, person_id, status, applied_on, chosen_from_deficit, updated_at)"
      " VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {e.cohort_id, e.person_id, std::string(domain::code_of(e.status)), e.applied_on, flag(e.chosen_from_deficit),
       domain::utc_timestamp_now()});
}

std::optional<Enrolment> find_enrolment(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kEnrolmentSelect) + " WHERE e.id = $1", {id});
  if (!row) return std::nullopt;
  return enrolment_from(*row);
}

void update_enrolment(Connection& c, const Enrolment& e) {
  c.execute(
      "UPDATE enrolments SET status = $1, certificate_number = $2, completed_on = $3, updated_at = $4"
      " WHERE id = $5",
      {std::string(domain::code_of(e.status)), text_or_null(e.certificate_number), text_or_null(e.completed_on),
       domain::utc_timestamp_now(), e.id});
}

std::vector<Enrolment> enrolments_of_cohort(Connection& c, std::int64_t cohort_id) {
  std::vector<Enrolment> out;
  c.run(std::string(kEnrolmentSelect) + " WHERE e.cohort_id = $1 ORDER BY p.last_name, p.first_name, e.id", {cohort_id},
        [&](const Row& r) { out.push_back(enrolment_from(r)); });
  return out;
}

std::vector<Enrolment> enrolments_of_person(Connection& c, std::int64_t person_id) {
  std::vector<Enrolment> out;
  c.run(std::string(kEnrolmentSelect) + " WHERE e.person_id = $1 ORDER BY e.applied_on DESC, e.id DESC", {person_id},
        [&](const Row& r) { out.push_back(enrolment_from(r)); });
  return out;
}

std::int64_t insert_support_record(Connection& c, const SupportRecord& s) {
  return c.scalar(
      "INSERT INTO post_course_support (enrolment_id, happened_on, kind, note, author_account_id, author_name, created_at)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {s.enrolment_id, s.happened_on, s.kind, s.note, id_or_null(s.author_account_id), s.author_name,
       domain::utc_timestamp_now()});
}

std::vector<SupportRecord> support_of_enrolment(Connection& c, std::int64_t enrolment_id) {
  std::vector<SupportRecord> out;
  c.run(
      "SELECT id, enrolment_id, happened_on, kind, note, author_account_id, author_name, created_at"
      " FROM post_course_support WHERE enrolment_id = $1 ORDER BY happened_on, id",
      {enrolment_id}, [&](const Row& r) {
        out.push_back({r.int64("id"), r.int64("enrolment_id"), r.text("happened_on"), r.text("kind"), r.text("note"),
                       r.opt_int64("author_account_id"), r.text("author_name"), r.text("created_at")});
      });
  return out;
}

std::vector<Cohort> upcoming_cohorts(Connection& c, std::span<const std::int64_t> program_ids,
                                     const std::string& from) {
  std::vector<Cohort> out;
  registry::in_batches<std::int64_t>(program_ids, [&](std::span<const std::int64_t> batch) {
    Params params{from};
    c.run(std::string(kCohortSelect) + " WHERE k.starts_on >= $1 AND k.program_id IN " +
              registry::placeholders(params, batch) + " ORDER BY k.program_id, k.starts_on, k.id",
          params, [&](const Row& r) { out.push_back(cohort_from(r)); });
  });
  return out;
}

}  // namespace metodist::storage::programs
