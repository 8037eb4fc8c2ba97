// SQL for methodical associations and communities: members (with history),
// materials and the discussion feed. The caller owns the
// transaction and the access checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "storage/database.hpp"

namespace metodist::storage::communities {

struct Community {
  std::int64_t id = 0;
  std::string kind, title, description, subject_area;
  std::int64_t territory_id = 0;
  std::optional<std::int64_t> organisation_id;
  bool open_to_join = false;
  // Read only:
  std::string territory_name, organisation_name;
  std::int64_t members = 0;  // current
};
std::int64_t insert_community(Connection& c, const Community& k);
std::optional<Community> find_community(Connection& c, std::int64_t id);
struct CommunityFilter {
  std::string kind, query;
  std::optional<std::int64_t> member;  // only those this person belongs to now
};
// Communities whose territory the scope sees (a school's association: its
// organisation within the organisation scope of `read`).
std::vector<Community> list_communities(Connection& c, const CommunityFilter& f, const domain::Scope& scope);

struct Member {
  std::int64_t id = 0, community_id = 0, person_id = 0;
  std::string role, joined_on, left_on;
  std::string person_name, organisation_name;  // read only
};
// The current membership of the person, if any.
std::optional<Member> current_member(Connection& c, std::int64_t community_id, std::int64_t person_id);
std::int64_t insert_member(Connection& c, std::int64_t community_id, std::int64_t person_id, const std::string& role,
                           const std::string& joined_on);
void end_membership(Connection& c, std::int64_t member_id, const std::string& left_on);
std::vector<Member> members_of(Connection& c, std::int64_t community_id);  // current, leaders first

struct Material {
  std::int64_t id = 0, community_id = 0;
  std::string title, url, added_at;
};
std::int64_t insert_material(Connection& c, const Material& m);
std::vector<Material> materials_of(Connection& c, std::int64_t community_id);

struct Post {
  std::int64_t id = 0, community_id = 0;
  std::optional<std::int64_t> author_account_id;
  std::string author_name, body, created_at;
};
std::int64_t insert_post(Connection& c, const Post& p);
// Newest first; `before`: only posts with a smaller id (the next page).
std::vector<Post> posts_of(Connection& c, std::int64_t community_id, std::optional<std::int64_t> before,
                           std::size_t limit);

}  // namespace metodist::storage::communities
