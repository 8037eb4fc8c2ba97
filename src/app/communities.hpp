// Methodical associations (РМО, ШМО) and professional, network and virtual
// communities: the registry, members with history, links to
// materials and a discussion feed.
//
// Who keeps what: an РМО or a professional community — the coordinators of its
// territory; a network or virtual one — anyone who holds events there
// (methodists too); a school's ШМО — the school's administration. The leader
// staffs their association as well. Anyone may join an open community by
// themself. Members and keepers read and write the feed and the materials.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "storage/communities_repository.hpp"

namespace metodist::app {

// Whether the caller keeps this community: a school's association by its
// school's administration, a network community by event organisers, an
// association of a territory by its coordinators. Its leader manages it too.
bool keeps_community(storage::Connection& c, const Caller& caller, const storage::communities::Community& k);

std::vector<storage::communities::Community> list_communities(App& app, const Caller& caller,
                                                              const storage::communities::CommunityFilter& f);
struct CommunityCard {
  storage::communities::Community community;
  std::vector<storage::communities::Member> members;
  std::vector<storage::communities::Material> materials;  // members and keepers only
  bool can_manage = false;                                // keeper or leader: adds and removes members
  bool is_member = false;
  bool can_join = false;
};
CommunityCard get_community(App& app, const Caller& caller, std::int64_t id);
// A new community's own rules, every broken one at once (a validation error
// listing them): its kind, title, subject area, and a school for a school's
// association (ШМО) or a territory for the others.
void check_community(const storage::communities::Community& draft);
// `leader`: a person who becomes its first member, as leader.
std::int64_t create_community(App& app, const Caller& caller, storage::communities::Community draft,
                              std::optional<std::int64_t> leader, const std::string& request_id = {});
// The caller's own person joins (open communities), or a keeper/leader adds someone.
storage::communities::Member add_community_member(App& app, const Caller& caller, std::int64_t community_id,
                                                  std::int64_t person_id, const std::string& role,
                                                  const std::string& request_id = {});
// Leaving (the person) or removal (keeper, leader): membership ends today, history stays.
void end_community_membership(App& app, const Caller& caller, std::int64_t community_id, std::int64_t person_id,
                              const std::string& request_id = {});
storage::communities::Material add_community_material(App& app, const Caller& caller, std::int64_t community_id,
                                                      const std::string& title, const std::string& url,
                                                      const std::string& request_id = {});
std::vector<storage::communities::Post> community_posts(App& app, const Caller& caller, std::int64_t community_id,
                                                        std::optional<std::int64_t> before);
storage::communities::Post add_community_post(App& app, const Caller& caller, std::int64_t community_id,
                                              const std::string& body);

}  // namespace metodist::app
