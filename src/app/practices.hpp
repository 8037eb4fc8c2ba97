// The bank of practices with expertise (the Altai РММС regulation (order № 1075) §13, §15).
//
// A teacher (as an author) or their school submits a practice; the region's
// institute (whoever coordinates the region) appoints experts from the
// region's roster — never from the practice's organisation nor its authors —
// each scores it on the region's criteria; the mean share of the maximum
// proposes the decision, which the institute takes: accepted into the bank
// (published: everyone finds it and routes link to it), returned for revision
// with comments (a new round follows), or rejected.
//
// Who sees what: the published bank — everyone signed in; a practice in work
// — its authors, the submitter, their school's administration, the keepers,
// and the experts appointed to it (who see their own review only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "app/files.hpp"
#include "domain/practices.hpp"
#include "storage/practices_repository.hpp"

namespace metodist::app {

struct PracticeQuery {
  std::string q;  // full-text, Russian word forms
  std::string
      view;  // bank (published, default) | mine (written or submitted) | review (assigned to me) | keep (to decide)
  std::string status, level, subject_area;
};
std::vector<storage::practices::Practice> list_practices(App& app, const Caller& caller, const PracticeQuery& q);

struct PracticeAuthor {
  std::int64_t person_id = 0;
  std::string name;
};
struct PracticeCard {
  storage::practices::Practice practice;
  std::vector<PracticeAuthor> authors;
  std::vector<storage::practices::File> files;
  std::vector<storage::practices::Review>
      reviews;                 // keepers: all; an expert: their own; authors: comments once decided
  bool reviews_named = false;  // whether expert names are shown (keepers only)
  bool can_edit = false, can_submit = false, can_keep = false;
  std::optional<std::int64_t> my_review;  // the caller's open review of this round
  std::optional<std::string> proposed;    // accept | revise | reject, once every review is in
  domain::ExpertiseRules rules;
};
PracticeCard get_practice(App& app, const Caller& caller, std::int64_t id);

struct PracticeDraft {
  std::string title, subject_area, level, description, authors_text;
  std::int64_t organisation_id = 0;
  std::vector<std::int64_t> author_ids;  // persons; a teacher submitting is always one of them
  // Codes of the competencies it develops (route suggestions); none: kept as they are.
  std::optional<std::vector<std::string>> competencies;
};
// What the practice's form itself must say, every problem at once (a
// validation error listing them): title, description, level, subject area,
// and, for a new one, its organisation. The authors are checked on saving.
void check_practice_text(const PracticeDraft& d, bool creating);
std::int64_t create_practice(App& app, const Caller& caller, const PracticeDraft& d,
                             const std::string& request_id = {});
void update_practice(App& app, const Caller& caller, std::int64_t id, const PracticeDraft& d,
                     const std::string& request_id = {});
storage::practices::File add_practice_file(App& app, const Caller& caller, std::int64_t id, std::string_view bytes,
                                           std::string_view file_name, const std::string& request_id = {});
Download practice_file(App& app, const Caller& caller, std::int64_t id, std::int64_t file_id);
// Draft or returned → submitted (a returned one starts a new round).
void submit_practice(App& app, const Caller& caller, std::int64_t id, const std::string& request_id = {});

// The institute appoints an expert of the region's roster (409 with the
// reason on a conflict of interest) or withdraws one who has not reviewed yet.
storage::practices::Review assign_expert(App& app, const Caller& caller, std::int64_t practice_id,
                                         std::int64_t expert_person_id, const std::string& request_id = {});
void withdraw_expert(App& app, const Caller& caller, std::int64_t review_id, const std::string& request_id = {});
// The expert's scores (one per criterion of the review), conclusion and comment.
storage::practices::Review submit_review(App& app, const Caller& caller, std::int64_t review_id,
                                         const std::vector<std::optional<int>>& scores, const std::string& conclusion,
                                         const std::string& comment, const std::string& request_id = {});
std::vector<storage::practices::Review> my_reviews(App& app, const Caller& caller);
// accept | return | reject, once every appointed expert has reviewed.
void decide_practice(App& app, const Caller& caller, std::int64_t id, const std::string& decision,
                     const std::string& comment, const std::string& request_id = {});

// A region's criteria and decision thresholds (defaults until it sets its own).
struct ExpertiseSettings {
  std::vector<domain::Criterion> criteria;
  domain::ExpertiseRules rules;
  bool can_edit = false;
};
ExpertiseSettings expertise_settings(App& app, const Caller& caller, std::int64_t region_id);
void set_expertise_settings(App& app, const Caller& caller, std::int64_t region_id, const ExpertiseSettings& s,
                            const std::string& request_id = {});

// The roster of trained experts of a region.
std::vector<storage::practices::Expert> list_experts(App& app, const Caller& caller, std::int64_t region_id,
                                                     bool current_only);
std::int64_t add_expert(App& app, const Caller& caller, storage::practices::Expert e,
                        const std::string& request_id = {});
void end_expert(App& app, const Caller& caller, std::int64_t expert_id, const std::string& request_id = {});

}  // namespace metodist::app
