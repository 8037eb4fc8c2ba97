#include "storage/practices_repository.hpp"

#include "domain/date.hpp"
#include "domain/practices.hpp"
#include "storage/competency_tags.hpp"
#include "storage/registry_sql.hpp"
#include "storage/search_repository.hpp"

namespace metodist::storage::practices {
namespace {

using registry::placeholder;

const char* const kPracticeSelect =
    "SELECT p.id, p.title, p.authors, p.organisation_id, p.region_id, COALESCE(p.subject_area, '') AS subject_area, p.level,"
    " p.description, p.status, p.round, p.result_percent, COALESCE(p.decision_comment, '') AS decision_comment, p.submitted_by,"
    " COALESCE(p.submitted_at, '') AS submitted_at, COALESCE(p.decided_at, '') AS decided_at, p.created_at, p.updated_at,"
    " COALESCE(o.short_name, o.name) AS organisation_name, t.name,"
    " (SELECT COUNT(*) FROM practice_files f WHERE f.practice_id = p.id) AS files"
    " FROM practices p JOIN organisations o ON o.id = p.organisation_id JOIN territories t ON t.id = p.region_id";

Practice practice_from(const Row& r) {
  Practice p;
  p.id = r.int64("id");
  p.title = r.text("title");
  p.authors = r.text("authors");
  p.organisation_id = r.int64("organisation_id");
  p.region_id = r.int64("region_id");
  p.subject_area = r.text("subject_area");
  p.level = r.text("level");
  p.description = r.text("description");
  p.status = domain::stored_value<domain::PracticeStatus>(domain::practice_statuses(), r.view("status"));
  p.round = static_cast<int>(r.int64("round"));
  if (!r.is_null("result_percent")) p.result_percent = r.real("result_percent");
  p.decision_comment = r.text("decision_comment");
  p.submitted_by = r.opt_int64("submitted_by");
  p.submitted_at = r.text("submitted_at");
  p.decided_at = r.text("decided_at");
  p.created_at = r.text("created_at");
  p.updated_at = r.text("updated_at");
  p.organisation_name = r.text("organisation_name");
  p.region_name = r.text("name");
  p.files = r.int64("files");
  return p;
}

Value real_or_null(std::optional<double> v) { return v ? Value{*v} : Value{nullptr}; }

const char* const kExpertName =
    "pe.last_name || ' ' || pe.first_name || COALESCE(' ' || pe.middle_name, '') AS expert_name";

}  // namespace

std::int64_t insert_practice(Connection& c, const Practice& p) {
  return c.scalar(
      "INSERT INTO practices (title, authors, organisation_id, region_id, subject_area, level, description, status,"
      " round, submitted_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $10) RETURNING id",
      {p.title, p.authors, p.organisation_id, p.region_id, text_or_null(p.subject_area), p.level, p.description,
       std::string(domain::code_of(p.status)), id_or_null(p.submitted_by), p.created_at});
}

void update_practice(Connection& c, const Practice& p) {
  c.execute(
      "UPDATE practices SET title = $2, authors = $3, subject_area = $4, level = $5, description = $6, status = $7,"
      " round = $8, result_percent = $9, decision_comment = $10, submitted_at = $11, decided_at = $12, updated_at = $13"
      " WHERE id = $1",
      {p.id, p.title, p.authors, text_or_null(p.subject_area), p.level, p.description,
       std::string(domain::code_of(p.status)), static_cast<std::int64_t>(p.round), real_or_null(p.result_percent),
       text_or_null(p.decision_comment), text_or_null(p.submitted_at), text_or_null(p.decided_at), p.updated_at});
}

std::optional<Practice> find_practice(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kPracticeSelect) + " WHERE p.id = $1", {id});
  if (!row) return std::nullopt;
  std::vector<Practice> one{practice_from(*row)};
  tags::fill_codes(c, tags::Tagged::practice, one);
  return one.front();
}

std::vector<Practice> list_practices(Connection& c, const PracticeFilter& f, const Visibility& v) {
  std::vector<Practice> out;
  if (f.searched && f.ids.empty()) return out;
  Params params;
  // Who sees what: the union of the caller's reasons.
  const std::string published = "p.status = " + registry::literal(domain::PracticeStatus::accepted);
  std::vector<std::string> sees{published};
  if (v.keeps.everything) sees.push_back("1 = 1");
  // A keeper's territory: the region's bank, or a municipality's schools (read only, the app drops drafts).
  for (auto t : v.keeps.territories) {
    const auto tree = registry::subtree(placeholder(params, t));
    sees.push_back("(p.region_id IN " + tree + " OR o.territory_id IN " + tree + ")");
  }
  if (!v.organisations.empty()) sees.push_back(registry::organisation_scope(v.organisations, params, "o"));
  if (v.person) {
    const auto me = placeholder(params, *v.person);
    sees.push_back("p.id IN (SELECT practice_id FROM practice_authors WHERE person_id = " + me + ")");
    sees.push_back("p.id IN (SELECT practice_id FROM practice_reviews WHERE expert_person_id = " + me + ")");
  }
  if (v.account) sees.push_back("p.submitted_by = " + placeholder(params, *v.account));
  std::string where = " WHERE " + registry::any_of(sees);
  if (f.searched) where += " AND p.id IN " + registry::placeholders(params, std::span<const std::int64_t>(f.ids));
  if (f.published_only) where += " AND " + published;
  if (!f.status.empty()) where += " AND p.status = " + placeholder(params, f.status);
  if (!f.level.empty()) where += " AND p.level = " + placeholder(params, f.level);
  if (!f.subject_area.empty()) where += " AND p.subject_area = " + placeholder(params, f.subject_area);
  if (f.author)
    where +=
        " AND p.id IN (SELECT practice_id FROM practice_authors WHERE person_id = " + placeholder(params, *f.author) +
        ")";
  if (f.expert)
    where += " AND p.id IN (SELECT practice_id FROM practice_reviews WHERE expert_person_id = " +
             placeholder(params, *f.expert) + ")";
  const auto limit = placeholder(params, static_cast<std::int64_t>(f.limit));
  c.run(std::string(kPracticeSelect) + where + " ORDER BY p.updated_at DESC, p.id DESC LIMIT " + limit, params,
        [&](const Row& r) { out.push_back(practice_from(r)); });
  tags::fill_codes(c, tags::Tagged::practice, out);
  return f.searched ? search::in_rank_order(f.ids, std::move(out)) : out;
}

void set_authors(Connection& c, std::int64_t practice_id, const std::vector<std::int64_t>& persons) {
  c.execute("DELETE FROM practice_authors WHERE practice_id = $1", {practice_id});
  for (auto p : persons)
    c.execute("INSERT INTO practice_authors (practice_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
              {practice_id, p});
}

std::vector<std::int64_t> authors_of(Connection& c, std::int64_t practice_id) {
  std::vector<std::int64_t> out;
  c.run("SELECT person_id FROM practice_authors WHERE practice_id = $1 ORDER BY person_id", {practice_id},
        [&](const Row& r) { out.push_back(r.int64("person_id")); });
  return out;
}

std::int64_t insert_file(Connection& c, const File& f) {
  return c.scalar(
      "INSERT INTO practice_files (practice_id, file_hash, file_name, added_at) VALUES ($1, $2, $3, $4) RETURNING id",
      {f.practice_id, f.file_hash, f.file_name, f.added_at});
}

namespace {
const char* const kFileSelect =
    "SELECT pf.id, pf.practice_id, pf.file_hash, pf.file_name, pf.added_at, s.content_type, s.size"
    " FROM practice_files pf JOIN stored_files s ON s.hash = pf.file_hash";
File file_from(const Row& r) {
  return {r.int64("id"),      r.int64("practice_id"), r.text("file_hash"), r.text("file_name"),
          r.text("added_at"), r.text("content_type"), r.int64("size")};
}
}  // namespace

std::vector<File> files_of(Connection& c, std::int64_t practice_id) {
  std::vector<File> out;
  c.run(std::string(kFileSelect) + " WHERE pf.practice_id = $1 ORDER BY pf.id", {practice_id},
        [&](const Row& r) { out.push_back(file_from(r)); });
  return out;
}

std::optional<File> find_file(Connection& c, std::int64_t practice_id, std::int64_t file_id) {
  auto row =
      c.query_one(std::string(kFileSelect) + " WHERE pf.practice_id = $1 AND pf.id = $2", {practice_id, file_id});
  if (!row) return std::nullopt;
  return file_from(*row);
}

std::vector<domain::Criterion> criteria_of(Connection& c, std::int64_t region_id) {
  std::vector<domain::Criterion> out;
  c.run("SELECT title, max_score FROM expertise_criteria WHERE region_id = $1 AND archived = 0 ORDER BY position, id",
        {region_id}, [&](const Row& r) {
          out.push_back({r.text("title"), static_cast<int>(r.int64("max_score"))});
        });
  return out;
}

void replace_criteria(Connection& c, std::int64_t region_id, const std::vector<domain::Criterion>& criteria) {
  c.execute("UPDATE expertise_criteria SET archived = 1 WHERE region_id = $1 AND archived = 0", {region_id});
  std::int64_t position = 0;
  for (const auto& k : criteria)
    c.execute("INSERT INTO expertise_criteria (region_id, title, max_score, position) VALUES ($1, $2, $3, $4)",
              {region_id, k.title, static_cast<std::int64_t>(k.max_score), ++position});
}

std::optional<domain::ExpertiseRules> rules_of(Connection& c, std::int64_t region_id) {
  auto r = c.query_one(
      "SELECT accept_from, reject_below, min_experts, review_days FROM expertise_rules WHERE region_id = $1",
      {region_id});
  if (!r) return std::nullopt;
  return domain::ExpertiseRules{r->real("accept_from"), r->real("reject_below"),
                                static_cast<int>(r->int64("min_experts")), static_cast<int>(r->int64("review_days"))};
}

void put_rules(Connection& c, std::int64_t region_id, const domain::ExpertiseRules& r) {
  c.execute(
      "INSERT INTO expertise_rules (region_id, accept_from, reject_below, min_experts, review_days)"
      " VALUES ($1, $2, $3, $4, $5)"
      " ON CONFLICT (region_id) DO UPDATE SET accept_from = excluded.accept_from, reject_below = excluded.reject_below,"
      " min_experts = excluded.min_experts, review_days = excluded.review_days",
      {region_id, r.accept_from, r.reject_below, static_cast<std::int64_t>(r.min_experts),
       static_cast<std::int64_t>(r.review_days)});
}

namespace {
const std::string kExpertSelect =
    std::string(
        "SELECT e.id, e.person_id, e.region_id, COALESCE(e.subject_area, '') AS subject_area, COALESCE(e.training, '') AS training,"
        " COALESCE(e.trained_on, '') AS trained_on, COALESCE(e.certificate, '') AS certificate, e.included_on, COALESCE(e.excluded_on, '') AS excluded_on, ") +
    kExpertName +
    ", COALESCE((SELECT COALESCE(o.short_name, o.name) FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
    "  WHERE ps.person_id = pe.id AND " +
    registry::current_workplace("ps") +
    " ORDER BY ps.id LIMIT 1), '') AS organisation_name,"
    " (SELECT COUNT(*) FROM practice_reviews r WHERE r.expert_person_id = e.person_id AND r.submitted_at IS NULL)"
    " AS open_reviews"
    " FROM experts e JOIN persons pe ON pe.id = e.person_id";
Expert expert_from(const Row& r) {
  Expert e;
  e.id = r.int64("id");
  e.person_id = r.int64("person_id");
  e.region_id = r.int64("region_id");
  e.subject_area = r.text("subject_area");
  e.training = r.text("training");
  e.trained_on = r.text("trained_on");
  e.certificate = r.text("certificate");
  e.included_on = r.text("included_on");
  e.excluded_on = r.text("excluded_on");
  e.person_name = r.text("expert_name");
  e.organisation_name = r.text("organisation_name");
  e.open_reviews = r.int64("open_reviews");
  return e;
}
}  // namespace

std::int64_t insert_expert(Connection& c, const Expert& e) {
  return c.scalar(
      "INSERT INTO experts (person_id, region_id, subject_area, training, trained_on, certificate, included_on)"
      " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {e.person_id, e.region_id, text_or_null(e.subject_area), text_or_null(e.training), text_or_null(e.trained_on),
       text_or_null(e.certificate), e.included_on});
}

void end_expert(Connection& c, std::int64_t id, const std::string& on) {
  c.execute("UPDATE experts SET excluded_on = $2 WHERE id = $1 AND excluded_on IS NULL", {id, on});
}

std::optional<Expert> find_expert(Connection& c, std::int64_t id) {
  auto row = c.query_one(kExpertSelect + " WHERE e.id = $1", {id});
  if (!row) return std::nullopt;
  return expert_from(*row);
}

std::optional<Expert> current_expert(Connection& c, std::int64_t person_id, std::int64_t region_id) {
  auto row = c.query_one(kExpertSelect + " WHERE e.person_id = $1 AND e.region_id = $2 AND e.excluded_on IS NULL",
                         {person_id, region_id});
  if (!row) return std::nullopt;
  return expert_from(*row);
}

std::vector<Expert> experts_of(Connection& c, std::int64_t region_id, bool current_only) {
  std::vector<Expert> out;
  c.run(kExpertSelect + " WHERE e.region_id = $1" + (current_only ? " AND e.excluded_on IS NULL" : "") +
            " ORDER BY e.excluded_on IS NOT NULL, pe.last_name, pe.first_name",
        {region_id}, [&](const Row& r) { out.push_back(expert_from(r)); });
  return out;
}

std::vector<std::int64_t> workplaces_of(Connection& c, std::int64_t person_id) {
  std::vector<std::int64_t> out;
  c.run("SELECT DISTINCT organisation_id FROM positions WHERE person_id = $1 AND " +
            registry::current_workplace("positions"),
        {person_id}, [&](const Row& r) { out.push_back(r.int64("organisation_id")); });
  return out;
}

namespace {
const std::string kReviewSelect =
    std::string(
        "SELECT r.id, r.practice_id, r.round, r.expert_person_id, r.assigned_by, r.assigned_at,"
        " COALESCE(r.due_on, '') AS due_on, r.scores,"
        " r.total, r.max_total, COALESCE(r.conclusion, '') AS conclusion, COALESCE(r.comment, '') AS comment, COALESCE(r.submitted_at, '') AS submitted_at, ") +
    kExpertName +
    ", p.title, p.status FROM practice_reviews r JOIN persons pe ON pe.id = r.expert_person_id"
    " JOIN practices p ON p.id = r.practice_id";
Review review_from(const Row& r) {
  Review v;
  v.id = r.int64("id");
  v.practice_id = r.int64("practice_id");
  v.round = static_cast<int>(r.int64("round"));
  v.expert_person_id = r.int64("expert_person_id");
  v.assigned_by = r.opt_int64("assigned_by");
  v.assigned_at = r.text("assigned_at");
  v.due_on = r.text("due_on");
  v.scores = r.text("scores");
  if (!r.is_null("total")) v.total = r.real("total");
  v.max_total = r.real("max_total");
  v.conclusion = r.text("conclusion");
  v.comment = r.text("comment");
  v.submitted_at = r.text("submitted_at");
  v.expert_name = r.text("expert_name");
  v.practice_title = r.text("title");
  v.practice_status = domain::stored_value<domain::PracticeStatus>(domain::practice_statuses(), r.view("status"));
  return v;
}
}  // namespace

std::int64_t insert_review(Connection& c, const Review& r) {
  return c.scalar(
      "INSERT INTO practice_reviews (practice_id, round, expert_person_id, assigned_by, assigned_at, due_on, scores,"
      " max_total) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {r.practice_id, static_cast<std::int64_t>(r.round), r.expert_person_id, id_or_null(r.assigned_by), r.assigned_at,
       text_or_null(r.due_on), r.scores, r.max_total});
}

void submit_review(Connection& c, const Review& r) {
  c.execute(
      "UPDATE practice_reviews SET scores = $2, total = $3, conclusion = $4, comment = $5, submitted_at = $6 WHERE id = $1",
      {r.id, r.scores, real_or_null(r.total), r.conclusion, text_or_null(r.comment), r.submitted_at});
}

void delete_review(Connection& c, std::int64_t id) { c.execute("DELETE FROM practice_reviews WHERE id = $1", {id}); }

std::optional<Review> find_review(Connection& c, std::int64_t id) {
  auto row = c.query_one(kReviewSelect + " WHERE r.id = $1", {id});
  if (!row) return std::nullopt;
  return review_from(*row);
}

std::vector<Review> reviews_of(Connection& c, std::int64_t practice_id) {
  std::vector<Review> out;
  c.run(kReviewSelect + " WHERE r.practice_id = $1 ORDER BY r.round DESC, r.id", {practice_id},
        [&](const Row& r) { out.push_back(review_from(r)); });
  return out;
}

std::vector<Review> reviews_by(Connection& c, std::int64_t expert_person_id) {
  std::vector<Review> out;
  c.run(kReviewSelect + " WHERE r.expert_person_id = $1 ORDER BY r.submitted_at IS NOT NULL, r.id DESC",
        {expert_person_id}, [&](const Row& r) { out.push_back(review_from(r)); });
  return out;
}

std::string searchable_text(const Practice& p) {
  return p.title + " " + p.authors + " " + p.subject_area + " " + p.description + " " + p.organisation_name;
}

}  // namespace metodist::storage::practices
