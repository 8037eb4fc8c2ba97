// The default competency framework: every competency in a known group, codes
// unique, every group used.
#include "domain/competency.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace metodist::domain;

TEST(Competencies, DefaultFrameworkCoversEveryGroupWithUniqueCodes) {
  std::set<std::string> codes, groups_used;
  for (const auto& c : default_competencies()) {
    EXPECT_TRUE(find_term(competency_groups(), c.group)) << c.code;
    EXPECT_TRUE(codes.insert(std::string(c.code)).second) << "repeated code " << c.code;
    EXPECT_FALSE(c.title.empty());
    groups_used.insert(std::string(c.group));
  }
  EXPECT_EQ(groups_used.size(), competency_groups().size());
  EXPECT_EQ(competency_groups().size(), 6u);
}

TEST(Competencies, FoundByCodeOnly) {
  const auto* c = find_competency(default_competencies(), "method.functional_literacy");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->group, "methodical");
  EXPECT_EQ(find_competency(default_competencies(), "Формирование функциональной грамотности обучающихся"), nullptr);
}
