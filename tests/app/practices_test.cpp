// The bank of practices on both backends: submission by authors, experts from
// the roster without conflicts of interest, scores on the region's criteria,
// the decision the result proposes, rounds, and who sees what.
#include "app/practices.hpp"

#include <gtest/gtest.h>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {

namespace pr = storage::practices;

class PracticesTest : public metodist::testing::DemoAppTest {
 protected:
  void SetUp() override {
    DemoAppTest::SetUp();
    clear_library_demo();
    region_ = territory("RU-01");
    school_ = scalar("SELECT organisation_id FROM positions WHERE person_id = " + std::to_string(person_of("teacher")) +
                     " AND left_on IS NULL ORDER BY id LIMIT 1");
    other_school_ = scalar("SELECT id FROM organisations WHERE kind = 'school' AND id <> " + std::to_string(school_) +
                           " ORDER BY id LIMIT 1");
    author_ = caller("teacher", {}, {}, person_of("teacher"));
    institute_ = caller("regional_institute", region_);
    colleague_ = teachers_of(school_, 3).back();  // works where the author works
    const auto others = teachers_of(other_school_, 3);
    expert_a_ = others[0];
    expert_b_ = others[1];
    reader_ = caller("teacher", {}, {}, others[2]);
    for (auto p : {colleague_, expert_a_, expert_b_}) roster(p);
  }
  void roster(std::int64_t person) {
    pr::Expert e;
    e.person_id = person;
    e.region_id = region_;
    e.training = "Подготовка экспертов региональных практик, 36 ч";
    e.trained_on = "2026-03-01";
    app::add_expert(app_, institute_, e);
  }
  app::Caller expert(std::int64_t person) { return caller("expert", {}, {}, person); }
  std::int64_t submitted() {
    app::PracticeDraft d;
    d.title = "Смысловое чтение на уроках математики";
    d.description = "Приёмы работы с текстом задачи: от вопросов к схеме. Результаты ВПР выросли на 12 %.";
    d.level = "basic";
    d.subject_area = "math_it";
    d.organisation_id = school_;
    const auto id = app::create_practice(app_, author_, d);
    app::submit_practice(app_, author_, id);
    return id;
  }
  std::int64_t review_of(std::int64_t practice, std::int64_t person) {
    return scalar("SELECT id FROM practice_reviews WHERE practice_id = " + std::to_string(practice) +
                  " AND expert_person_id = " + std::to_string(person) + " ORDER BY round DESC LIMIT 1");
  }
  std::int64_t region_ = 0, school_ = 0, other_school_ = 0, colleague_ = 0, expert_a_ = 0, expert_b_ = 0;
  app::Caller author_, institute_, reader_;
};

TEST_P(PracticesTest, ExpertsComeFromTheRosterWithoutConflictsOfInterest) {
  const auto id = submitted();
  const auto card = app::get_practice(app_, author_, id);
  ASSERT_EQ(card.authors.size(), 1u);  // the teacher who wrote it
  EXPECT_EQ(card.practice.status, domain::PracticeStatus::submitted);
  EXPECT_FALSE(card.can_edit);

  auto e = error_of([&] { app::assign_expert(app_, institute_, id, colleague_); });
  EXPECT_EQ(e.kind(), domain::ErrorKind::conflict);
  EXPECT_NE(std::string(e.what()).find("работает в организации"), std::string::npos);
  roster(person_of("teacher"));
  e = error_of([&] { app::assign_expert(app_, institute_, id, person_of("teacher")); });
  EXPECT_NE(std::string(e.what()).find("автор"), std::string::npos);
  const auto outsider = teachers_of(other_school_, 4).back();
  EXPECT_EQ(error_of([&] { app::assign_expert(app_, institute_, id, outsider); }).field(),
            "expert_person_id");  // not in the roster
  EXPECT_EQ(error_of([&] { app::assign_expert(app_, author_, id, expert_a_); }).kind(), domain::ErrorKind::forbidden);

  // The region gives its experts 10 days: the review is due 10 days from today.
  auto settings = app::expertise_settings(app_, institute_, region_);
  settings.rules.review_days = 10;
  app::set_expertise_settings(app_, institute_, region_, settings);
  settings.rules.review_days = 91;
  EXPECT_EQ(error_of([&] { app::set_expertise_settings(app_, institute_, region_, settings); }).field(), "review_days");
  const auto assigned = app::assign_expert(app_, institute_, id, expert_a_);
  EXPECT_EQ(assigned.due_on, domain::Date::from_days(domain::Date::today().days() + std::chrono::days(10)).iso());
  EXPECT_EQ(app::my_reviews(app_, expert(expert_a_)).at(0).due_on, assigned.due_on);
  EXPECT_EQ(error_of([&] { app::assign_expert(app_, institute_, id, expert_a_); }).kind(), domain::ErrorKind::conflict);
  EXPECT_EQ(app::get_practice(app_, institute_, id).practice.status, domain::PracticeStatus::in_review);
  // The expert sees what is assigned, and only that; a stranger does not see a practice in work.
  EXPECT_EQ(app::list_practices(app_, expert(expert_a_), {"", "review", "", "", ""}).size(), 1u);
  EXPECT_EQ(app::list_practices(app_, expert(expert_b_), {"", "review", "", "", ""}).size(), 0u);
  EXPECT_EQ(error_of([&] { app::get_practice(app_, reader_, id); }).kind(), domain::ErrorKind::not_found);
  EXPECT_EQ(error_of([&] { app::get_practice(app_, expert(expert_b_), id); }).kind(), domain::ErrorKind::not_found);
}

TEST_P(PracticesTest, ScoresProposeTheDecisionAndAcceptedPracticesArePublished) {
  const auto id = submitted();
  app::assign_expert(app_, institute_, id, expert_a_);
  const auto rb = app::assign_expert(app_, institute_, id, expert_b_).id;
  const auto ra = review_of(id, expert_a_);
  const std::vector<std::optional<int>> high{5, 4, 5, 4, 5}, low{3, 3, 2, 3, 3};  // 92 % and 56 % of 25
  EXPECT_EQ(error_of([&] { app::submit_review(app_, expert(expert_a_), ra, {5, 4}, "accept", ""); }).field(), "scores");
  EXPECT_EQ(error_of([&] {
              app::submit_review(app_, expert(expert_a_), ra, {5, 4, 5, 4, 6}, "accept", "");
            }).field(),
            "scores");
  EXPECT_EQ(error_of([&] {
              app::submit_review(app_, expert(expert_a_), ra, {5, 4, 5, 4, std::nullopt}, "accept", "");
            }).field(),
            "scores");
  EXPECT_EQ(error_of([&] { app::submit_review(app_, expert(expert_a_), ra, low, "revise", ""); }).field(), "comment");
  EXPECT_EQ(error_of([&] { app::submit_review(app_, expert(expert_b_), ra, high, "accept", ""); }).kind(),
            domain::ErrorKind::not_found);  // someone else's review
  app::submit_review(app_, expert(expert_a_), ra, high, "accept", "");
  EXPECT_EQ(error_of([&] { app::decide_practice(app_, institute_, id, "accept", ""); }).kind(),
            domain::ErrorKind::conflict);
  EXPECT_FALSE(app::get_practice(app_, institute_, id).proposed);
  app::submit_review(app_, expert(expert_b_), rb, low, "revise", "Нет данных о результатах по классам");
  EXPECT_EQ(error_of([&] { app::withdraw_expert(app_, institute_, rb); }).kind(), domain::ErrorKind::conflict);

  const auto card = app::get_practice(app_, institute_, id);
  ASSERT_TRUE(card.proposed);
  EXPECT_EQ(*card.proposed, "accept");  // (92 + 56) / 2 = 74 % ≥ 70 %
  EXPECT_EQ(card.reviews.size(), 2u);
  EXPECT_TRUE(card.reviews_named);
  EXPECT_EQ(error_of([&] { app::decide_practice(app_, institute_, id, "reject", ""); }).field(), "comment");
  app::decide_practice(app_, institute_, id, "accept", "");
  const auto done = app::get_practice(app_, reader_, id);  // published: everyone reads it
  EXPECT_EQ(done.practice.status, domain::PracticeStatus::accepted);
  EXPECT_NEAR(*done.practice.result_percent, 74.0, 1e-9);
  EXPECT_TRUE(done.reviews.empty());  // not the author, not a keeper
  EXPECT_EQ(notices("teacher", "practice"), 1);
  // Found in the bank by Russian word forms.
  EXPECT_EQ(app::list_practices(app_, reader_, {"смысловому чтению", "bank", "", "", ""}).size(), 1u);
  EXPECT_EQ(app::list_practices(app_, reader_, {"химия", "bank", "", "", ""}).size(), 0u);
}

TEST_P(PracticesTest, AReturnedPracticeIsRevisedAndComesBackForANewRound) {
  app_.db->write([&](storage::Connection& c) {
    c.execute("INSERT INTO expertise_rules (region_id, accept_from, reject_below, min_experts) VALUES ($1, 70, 40, 1)",
              {region_});
  });
  const auto id = submitted();
  const auto r = app::assign_expert(app_, institute_, id, expert_a_).id;
  app::submit_review(app_, expert(expert_a_), r, {3, 3, 3, 3, 3}, "revise", "Опишите условия и ресурсы");
  EXPECT_EQ(*app::get_practice(app_, institute_, id).proposed, "revise");  // 60 %
  app::decide_practice(app_, institute_, id, "return", "Доработайте описание по замечаниям эксперта");
  auto card = app::get_practice(app_, author_, id);
  EXPECT_EQ(card.practice.status, domain::PracticeStatus::returned);
  EXPECT_TRUE(card.can_edit);
  ASSERT_EQ(card.reviews.size(), 1u);  // the author reads the comment …
  EXPECT_EQ(card.reviews[0].comment, "Опишите условия и ресурсы");
  EXPECT_TRUE(card.reviews[0].expert_name.empty());  // … not who wrote it
  EXPECT_FALSE(card.reviews_named);

  app::PracticeDraft d;
  d.title = card.practice.title;
  d.description = card.practice.description + " Условия: 2 часа в неделю, методическое сопровождение ШМО.";
  d.level = card.practice.level;
  app::update_practice(app_, author_, id, d);
  const std::string pdf = "%PDF-1.4\n%%EOF\n";
  EXPECT_EQ(app::add_practice_file(app_, author_, id, pdf, "описание.pdf").file_name, "описание.pdf");
  app::submit_practice(app_, author_, id);
  card = app::get_practice(app_, author_, id);
  EXPECT_EQ(card.practice.round, 2);
  EXPECT_EQ(card.practice.status, domain::PracticeStatus::submitted);
  EXPECT_EQ(error_of([&] { app::update_practice(app_, author_, id, d); }).kind(), domain::ErrorKind::conflict);
  EXPECT_EQ(app::practice_file(app_, author_, id, card.files.at(0).id).bytes, pdf);
  // The same expert again, for the new round.
  const auto again = app::assign_expert(app_, institute_, id, expert_a_);
  EXPECT_EQ(again.round, 2);
}

TEST_P(PracticesTest, CriteriaAndRosterAreTheRegionsToSet) {
  app::ExpertiseSettings s;
  s.criteria = {{"Актуальность", 10}, {"Результативность", 10}};
  s.rules = {80, 50, 2};
  EXPECT_EQ(error_of([&] { app::set_expertise_settings(app_, author_, region_, s); }).kind(),
            domain::ErrorKind::forbidden);
  app::set_expertise_settings(app_, institute_, region_, s);
  const auto got = app::expertise_settings(app_, author_, region_);
  ASSERT_EQ(got.criteria.size(), 2u);
  EXPECT_EQ(got.rules.accept_from, 80);
  const auto id = submitted();
  const auto review = app::assign_expert(app_, institute_, id, expert_a_);
  EXPECT_EQ(review.max_total, 20);  // the criteria of the moment of appointment
  s.criteria = {{"Один критерий", 5}};
  app::set_expertise_settings(app_, institute_, region_, s);
  EXPECT_EQ(error_of([&] { app::submit_review(app_, expert(expert_a_), review.id, {5}, "accept", ""); }).field(),
            "scores");
  s.rules = {40, 50, 2};
  EXPECT_EQ(error_of([&] { app::set_expertise_settings(app_, institute_, region_, s); }).field(), "reject_below");

  EXPECT_EQ(app::list_experts(app_, institute_, region_, true).size(), 3u);
  EXPECT_EQ(error_of([&] { app::list_experts(app_, author_, region_, true); }).kind(), domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] { roster(expert_a_); }).kind(), domain::ErrorKind::conflict);
  const auto entry = app::list_experts(app_, institute_, region_, true).front();
  app::end_expert(app_, institute_, entry.id);
  EXPECT_EQ(app::list_experts(app_, institute_, region_, true).size(), 2u);
  EXPECT_EQ(app::list_experts(app_, institute_, region_, false).size(), 3u);  // the roster keeps its history
}

INSTANTIATE_TEST_SUITE_P(Backends, PracticesTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
