// Associations and communities on both backends: who creates which kind
// where, joining open ones, staffing closed ones, the feed and materials for
// members only, and membership history.
#include "app/communities.hpp"

#include <gtest/gtest.h>

#include "domain/error.hpp"
#include "support/demo_app.hpp"
#include "support/errors.hpp"

using namespace metodist;
using metodist::testing::error_of;

namespace {

namespace cm = storage::communities;

class CommunitiesTest : public metodist::testing::DemoAppTest {
 protected:
  void SetUp() override {
    DemoAppTest::SetUp();
    region_ = territory("RU-01");
    municipality_ = territory("RU-01-001");
    school_ = organisation("RU-01-001-S001");
    teacher_person_ = person_of("teacher");
    teacher_ = caller("teacher", {}, {}, teacher_person_);
    coordinator_ = caller("municipal_coordinator", municipality_);
  }
  cm::Community draft(const std::string& kind, std::int64_t territory_id) {
    cm::Community k;
    k.kind = kind;
    k.title = "Сообщество учителей математики";
    k.territory_id = territory_id;
    k.open_to_join = kind == "network";
    return k;
  }
  std::int64_t region_ = 0, municipality_ = 0, school_ = 0, teacher_person_ = 0;
  app::Caller teacher_, coordinator_;
};

TEST_P(CommunitiesTest, EachKindIsCreatedByItsKeepers) {
  const auto leader = teachers_of(school_, 2).back();
  const auto rmo = app::create_community(app_, coordinator_, draft("rmo", municipality_), leader);
  const auto card = app::get_community(app_, coordinator_, rmo);
  ASSERT_EQ(card.members.size(), 1u);
  EXPECT_EQ(card.members[0].role, "leader");
  EXPECT_TRUE(card.can_manage);
  EXPECT_EQ(error_of([&] { app::create_community(app_, coordinator_, draft("rmo", region_), {}); }).field(),
            "territory_id");
  EXPECT_EQ(error_of([&] { app::create_community(app_, teacher_, draft("rmo", municipality_), {}); }).kind(),
            domain::ErrorKind::forbidden);
  // A methodist opens a network community; a school its ШМО.
  const auto network = app::create_community(app_, caller("methodist", region_), draft("network", region_), {});
  EXPECT_TRUE(app::get_community(app_, teacher_, network).can_join);
  auto shmo = draft("shmo", 0);
  shmo.organisation_id = school_;
  const auto head = caller("school_admin", {}, school_);
  const auto shmo_id = app::create_community(app_, head, shmo, {});
  EXPECT_EQ(app::get_community(app_, head, shmo_id).community.territory_id, municipality_);
  EXPECT_EQ(error_of([&] { app::create_community(app_, head, draft("professional", municipality_), {}); }).kind(),
            domain::ErrorKind::forbidden);
  auto nameless = draft("virtual", region_);
  nameless.title = " ";
  EXPECT_EQ(error_of([&] { app::create_community(app_, caller("methodist", region_), nameless, {}); }).field(),
            "title");
  // Another school's administration does not see the ШМО.
  EXPECT_EQ(error_of([&] {
              app::get_community(app_, caller("school_admin", {}, organisation("RU-01-001-S002")), shmo_id);
            }).kind(),
            domain::ErrorKind::not_found);
  // Filtering by kind and words.
  cm::CommunityFilter f;
  f.kind = "network";
  f.query = "МАТЕМАТИКИ";
  const auto found = app::list_communities(app_, teacher_, f);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, network);
}

TEST_P(CommunitiesTest, MembersJoinLeaveAndTalkOthersDoNot) {
  const auto network = app::create_community(app_, caller("methodist", region_), draft("network", region_), {});
  const auto rmo = app::create_community(app_, coordinator_, draft("rmo", municipality_), {});
  // Closed association: the teacher cannot join by themself.
  EXPECT_EQ(error_of([&] { app::add_community_member(app_, teacher_, rmo, teacher_person_, "member"); }).kind(),
            domain::ErrorKind::forbidden);
  // Open community: joins; outsiders neither read nor write the feed.
  EXPECT_EQ(error_of([&] { app::community_posts(app_, teacher_, network, {}); }).kind(), domain::ErrorKind::forbidden);
  app::add_community_member(app_, teacher_, network, teacher_person_, "member");
  EXPECT_EQ(error_of([&] { app::add_community_member(app_, teacher_, network, teacher_person_, "member"); }).kind(),
            domain::ErrorKind::conflict);
  auto named = teacher_;
  named.display_name = "Учитель";
  const auto post = app::add_community_post(app_, named, network, "Делюсь разработкой урока");
  EXPECT_EQ(post.author_name.rfind(app::get_community(app_, teacher_, network).members.front().person_name, 0), 0u)
      << post.author_name;  // the person's full name, not the account's label
  // The municipality's coordinator neither keeps a regional network community nor belongs to it.
  EXPECT_EQ(error_of([&] { app::add_community_post(app_, coordinator_, network, "Привет"); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_EQ(error_of([&] { app::add_community_post(app_, teacher_, network, "  "); }).field(), "body");
  app::add_community_material(app_, teacher_, network, "Разработка урока", "https://disk.example.ru/lesson.docx");
  const auto card = app::get_community(app_, teacher_, network);
  EXPECT_TRUE(card.is_member);
  EXPECT_EQ(card.materials.size(), 1u);
  EXPECT_EQ(app::community_posts(app_, teacher_, network, {}).size(), 1u);
  // A colleague outside does not read it.
  const auto colleague = teachers_of(school_, 3).back();
  EXPECT_EQ(error_of([&] { app::community_posts(app_, caller("teacher", {}, {}, colleague), network, {}); }).kind(),
            domain::ErrorKind::forbidden);
  EXPECT_TRUE(app::get_community(app_, caller("teacher", {}, {}, colleague), network).materials.empty());

  // The coordinator staffs the association; leaving keeps the history.
  app::add_community_member(app_, coordinator_, rmo, teacher_person_, "member");
  app::end_community_membership(app_, teacher_, rmo, teacher_person_);
  app::add_community_member(app_, coordinator_, rmo, teacher_person_, "member");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM community_members WHERE community_id = " + std::to_string(rmo)), 2);
  EXPECT_EQ(app::get_community(app_, coordinator_, rmo).community.members, 1);
  EXPECT_EQ(error_of([&] {
              app::end_community_membership(app_, caller("teacher", {}, {}, colleague), rmo, teacher_person_);
            }).kind(),
            domain::ErrorKind::forbidden);
  cm::CommunityFilter mine;
  mine.member = teacher_person_;
  EXPECT_EQ(
      app::list_communities(app_, teacher_, mine).size(),
      static_cast<std::size_t>(scalar("SELECT COUNT(DISTINCT community_id) FROM community_members WHERE left_on IS NULL"
                                      " AND person_id = " +
                                      std::to_string(teacher_person_))));
}

INSTANTIATE_TEST_SUITE_P(Backends, CommunitiesTest, metodist::testing::kBackends,
                         [](const auto& info) { return info.param; });

}  // namespace
