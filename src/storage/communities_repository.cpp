#include "storage/communities_repository.hpp"

#include "domain/date.hpp"
#include "domain/text.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::storage::communities {
namespace {

const char* const kCommunitySelect =
    "SELECT k.id, k.kind, k.title, COALESCE(k.description, '') AS description, COALESCE(k.subject_area, '') AS subject_area, k.territory_id,"
    " k.organisation_id, k.open_to_join, t.name,"
    " COALESCE(o.short_name, o.name, '') AS organisation_name,"
    " (SELECT COUNT(*) FROM community_members m WHERE m.community_id = k.id AND m.left_on IS NULL) AS members"
    " FROM communities k JOIN territories t ON t.id = k.territory_id LEFT JOIN organisations o ON o.id = k.organisation_id";

Community community_from(const Row& r) {
  Community k;
  k.id = r.int64("id");
  k.kind = r.text("kind");
  k.title = r.text("title");
  k.description = r.text("description");
  k.subject_area = r.text("subject_area");
  k.territory_id = r.int64("territory_id");
  k.organisation_id = r.opt_int64("organisation_id");
  k.open_to_join = r.flag("open_to_join");
  k.territory_name = r.text("name");
  k.organisation_name = r.text("organisation_name");
  k.members = r.int64("members");
  return k;
}

const std::string kMemberSelect =
    "SELECT m.id, m.community_id, m.person_id, m.role, m.joined_on, COALESCE(m.left_on, '') AS left_on,"
    " p.last_name || ' ' || p.first_name || COALESCE(' ' || p.middle_name, '') AS person_name,"
    " COALESCE((SELECT COALESCE(o.short_name, o.name) FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
    "  WHERE ps.person_id = p.id AND " +
    registry::current_workplace("ps") +
    " ORDER BY ps.id LIMIT 1), '') AS organisation_name"
    " FROM community_members m JOIN persons p ON p.id = m.person_id";

Member member_from(const Row& r) {
  return {r.int64("id"),       r.int64("community_id"), r.int64("person_id"),  r.text("role"),
          r.text("joined_on"), r.text("left_on"),       r.text("person_name"), r.text("organisation_name")};
}

}  // namespace

std::int64_t insert_community(Connection& c, const Community& k) {
  return c.scalar(
      "INSERT INTO communities (kind, title, description, subject_area, territory_id, organisation_id, open_to_join,"
      " search_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
      {k.kind, k.title, text_or_null(k.description), text_or_null(k.subject_area), k.territory_id,
       id_or_null(k.organisation_id), flag(k.open_to_join), domain::fold_for_search(k.title + " " + k.description),
       domain::utc_timestamp_now()});
}

std::optional<Community> find_community(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(kCommunitySelect) + " WHERE k.id = $1", {id});
  if (!row) return std::nullopt;
  return community_from(*row);
}

std::vector<Community> list_communities(Connection& c, const CommunityFilter& f, const domain::Scope& scope) {
  Params params;
  // A school's association is seen where its school is; the others where their territory is.
  std::string sql = std::string(kCommunitySelect) + " WHERE ((k.organisation_id IS NULL AND " +
                    registry::territory_scope(scope, params, "t") + ") OR (k.organisation_id IS NOT NULL AND " +
                    registry::organisation_scope(scope, params, "o") + "))";
  if (!f.kind.empty()) sql += " AND k.kind = " + registry::placeholder(params, f.kind);
  if (!f.query.empty())
    sql += " AND k.search_key LIKE " +
           registry::placeholder(params, "%" + registry::escape_like(domain::fold_for_search(f.query)) + "%") +
           " ESCAPE '\\'";
  if (f.member)
    sql += " AND k.id IN (SELECT community_id FROM community_members WHERE left_on IS NULL AND person_id = " +
           registry::placeholder(params, *f.member) + ")";
  sql += " ORDER BY k.kind, k.title, k.id";
  std::vector<Community> out;
  c.run(sql, params, [&](const Row& r) { out.push_back(community_from(r)); });
  return out;
}

std::optional<Member> current_member(Connection& c, std::int64_t community_id, std::int64_t person_id) {
  auto row =
      c.query_one(std::string(kMemberSelect) + " WHERE m.community_id = $1 AND m.person_id = $2 AND m.left_on IS NULL",
                  {community_id, person_id});
  if (!row) return std::nullopt;
  return member_from(*row);
}

std::int64_t insert_member(Connection& c, std::int64_t community_id, std::int64_t person_id, const std::string& role,
                           const std::string& joined_on) {
  return c.scalar(
      "INSERT INTO community_members (community_id, person_id, role, joined_on) VALUES ($1, $2, $3, $4)"
      " RETURNING id",
      {community_id, person_id, role, joined_on});
}

void end_membership(Connection& c, std::int64_t member_id, const std::string& left_on) {
  c.execute("UPDATE community_members SET left_on = $2 WHERE id = $1", {member_id, left_on});
}

std::vector<Member> members_of(Connection& c, std::int64_t community_id) {
  std::vector<Member> out;
  c.run(std::string(kMemberSelect) +
            " WHERE m.community_id = $1 AND m.left_on IS NULL"
            " ORDER BY CASE m.role WHEN 'leader' THEN 0 ELSE 1 END, p.last_name, p.first_name",
        {community_id}, [&](const Row& r) { out.push_back(member_from(r)); });
  return out;
}

std::int64_t insert_material(Connection& c, const Material& m) {
  return c.scalar(
      "INSERT INTO community_materials (community_id, title, url, added_at) VALUES ($1, $2, $3, $4)"
      " RETURNING id",
      {m.community_id, m.title, m.url, domain::utc_timestamp_now()});
}

std::vector<Material> materials_of(Connection& c, std::int64_t community_id) {
  std::vector<Material> out;
  c.run(
      "SELECT id, community_id, title, url, added_at FROM community_materials WHERE community_id = $1 ORDER BY id DESC",
      {community_id}, [&](const Row& r) {
        out.push_back({r.int64("id"), r.int64("community_id"), r.text("title"), r.text("url"), r.text("added_at")});
      });
  return out;
}

std::int64_t insert_post(Connection& c, const Post& p) {
  return c.scalar(
      "INSERT INTO community_posts (community_id, author_account_id, author_name, body, created_at)"
      " VALUES ($1, $2, $3, $4, $5) RETURNING id",
      {p.community_id, id_or_null(p.author_account_id), p.author_name, p.body, domain::utc_timestamp_now()});
}

std::vector<Post> posts_of(Connection& c, std::int64_t community_id, std::optional<std::int64_t> before,
                           std::size_t limit) {
  Params params{community_id};
  std::string sql =
      "SELECT id, community_id, author_account_id, author_name, body, created_at FROM community_posts"
      " WHERE community_id = $1";
  if (before) sql += " AND id < " + registry::placeholder(params, *before);
  sql += " ORDER BY id DESC LIMIT " + registry::placeholder(params, static_cast<std::int64_t>(limit));
  std::vector<Post> out;
  c.run(sql, params, [&](const Row& r) {
    out.push_back({r.int64("id"), r.int64("community_id"), r.opt_int64("author_account_id"), r.text("author_name"),
                   r.text("body"), r.text("created_at")});
  });
  return out;
}

}  // namespace metodist::storage::communities
