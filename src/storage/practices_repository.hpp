// SQL for the bank of practices: practices with authors and files, a region's
// expertise criteria and rules, the roster of experts and their reviews
//. The caller owns the transaction and the access checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/practices.hpp"
#include "storage/database.hpp"

namespace metodist::storage::practices {

struct Practice {
  std::int64_t id = 0;
  std::string title, authors;
  std::int64_t organisation_id = 0, region_id = 0;
  std::string subject_area, level, description;
  domain::PracticeStatus status = domain::PracticeStatus::draft;
  int round = 1;
  std::optional<double> result_percent;
  std::string decision_comment;
  std::optional<std::int64_t> submitted_by;
  std::string submitted_at, decided_at, created_at, updated_at;
  std::vector<std::string> competencies;  // codes it develops (written with storage::tags)
  // Read only:
  std::string organisation_name, region_name;
  std::int64_t files = 0;
};
std::int64_t insert_practice(Connection& c, const Practice& p);
// Title, authors, subject area, level, description, status, round, submission and decision fields.
void update_practice(Connection& c, const Practice& p);
std::optional<Practice> find_practice(Connection& c, std::int64_t id);

// Who sees which practices (their union): the published bank; what the
// caller keeps (a region's institute); what a person wrote or reviews; what an
// account submitted; what the caller's organisations submitted.
struct Visibility {
  domain::Scope keeps;  // coordinate_support: practices of the regions it covers, or of its municipality's schools
  domain::Scope organisations;  // staff the caller administers: their organisations' practices
  std::optional<std::int64_t> person;
  std::optional<std::int64_t> account;
};
struct PracticeFilter {
  std::vector<std::int64_t> ids;  // a search's matches in rank order
  bool searched = false;
  std::string status, level, subject_area;
  bool published_only = false;         // the bank as everyone sees it
  std::optional<std::int64_t> author;  // written by this person
  std::optional<std::int64_t> expert;  // assigned to this expert (any round)
  std::size_t limit = 200;
};
std::vector<Practice> list_practices(Connection& c, const PracticeFilter& f, const Visibility& v);

void set_authors(Connection& c, std::int64_t practice_id, const std::vector<std::int64_t>& persons);
std::vector<std::int64_t> authors_of(Connection& c, std::int64_t practice_id);

struct File {
  std::int64_t id = 0, practice_id = 0;
  std::string file_hash, file_name, added_at;
  std::string content_type;  // read only
  std::int64_t size = 0;     // read only
};
std::int64_t insert_file(Connection& c, const File& f);
std::vector<File> files_of(Connection& c, std::int64_t practice_id);
std::optional<File> find_file(Connection& c, std::int64_t practice_id, std::int64_t file_id);

// A region's current criteria (in order); empty when it has not set any.
std::vector<domain::Criterion> criteria_of(Connection& c, std::int64_t region_id);
// The region's new list: the old one is archived (past reviews keep their copy).
void replace_criteria(Connection& c, std::int64_t region_id, const std::vector<domain::Criterion>& criteria);
std::optional<domain::ExpertiseRules> rules_of(Connection& c, std::int64_t region_id);
void put_rules(Connection& c, std::int64_t region_id, const domain::ExpertiseRules& r);

struct Expert {
  std::int64_t id = 0, person_id = 0, region_id = 0;
  std::string subject_area, training, trained_on, certificate, included_on, excluded_on;
  // Read only:
  std::string person_name, organisation_name;
  std::int64_t open_reviews = 0;
};
std::int64_t insert_expert(Connection& c, const Expert& e);
void end_expert(Connection& c, std::int64_t id, const std::string& on);
std::optional<Expert> find_expert(Connection& c, std::int64_t id);
std::optional<Expert> current_expert(Connection& c, std::int64_t person_id, std::int64_t region_id);
std::vector<Expert> experts_of(Connection& c, std::int64_t region_id, bool current_only);
// The organisations where the person works now.
std::vector<std::int64_t> workplaces_of(Connection& c, std::int64_t person_id);

struct Review {
  std::int64_t id = 0, practice_id = 0;
  int round = 1;
  std::int64_t expert_person_id = 0;
  std::optional<std::int64_t> assigned_by;
  std::string assigned_at, scores;  // scores: JSON
  std::string due_on;               // ISO date the expert's term ends (the region's review_days)
  std::optional<double> total;
  double max_total = 0;
  std::string conclusion, comment, submitted_at;
  // Read only:
  std::string expert_name, practice_title;
  domain::PracticeStatus practice_status = domain::PracticeStatus::draft;
};
std::int64_t insert_review(Connection& c, const Review& r);
void submit_review(Connection& c, const Review& r);
void delete_review(Connection& c, std::int64_t id);
std::optional<Review> find_review(Connection& c, std::int64_t id);
std::vector<Review> reviews_of(Connection& c, std::int64_t practice_id);       // all rounds, latest first
std::vector<Review> reviews_by(Connection& c, std::int64_t expert_person_id);  // newest first

// The text a practice is found by.
std::string searchable_text(const Practice& p);

}  // namespace metodist::storage::practices
