#include "app/communities.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "app/events.hpp"
#include "app/notifications.hpp"
#include "domain/communities.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "domain/text.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace cm = storage::communities;
namespace reg = storage::registry;

struct Standing {
  cm::Community community;
  std::optional<cm::Member> membership;  // the caller's own, current
  bool keeper = false;
  bool leader() const { return membership && membership->role == "leader"; }
  bool manages() const { return keeper || leader(); }
  bool inside() const { return manages() || membership.has_value(); }
};

bool sees(storage::Connection& c, const Caller& caller, const cm::Community& k) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  if (k.organisation_id) return reg::organisation_visible(c, *k.organisation_id, scope);
  return reg::territory_visible(c, k.territory_id, scope);
}

Standing standing(storage::Connection& c, const Caller& caller, std::int64_t id) {
  auto k = cm::find_community(c, id);
  if (!k || !sees(c, caller, *k)) throw domain::Error::not_found("Сообщество не найдено");
  Standing s{*k, std::nullopt, keeps_community(c, caller, *k)};
  if (caller.person_id) s.membership = cm::current_member(c, id, *caller.person_id);
  return s;
}

}  // namespace

// The scope that keeps communities of this kind.
bool keeps_community(storage::Connection& c, const Caller& caller, const cm::Community& k) {
  if (domain::community_of_organisation(k.kind)) {
    const auto staff = staff_scope(caller);
    return k.organisation_id && !staff.empty() && reg::organisation_visible(c, *k.organisation_id, staff);
  }
  const auto action = (k.kind == "network" || k.kind == "virtual") ? domain::Action::organise_events
                                                                   : domain::Action::coordinate_support;
  const auto scope = scope_of(caller, action);
  return !scope.empty() && reg::territory_covered(c, k.territory_id, scope);
}

std::vector<cm::Community> list_communities(App& app, const Caller& caller, const cm::CommunityFilter& f) {
  if (!f.kind.empty() && !domain::find_term(domain::community_kinds(), f.kind))
    throw domain::Error::validation("kind", "Вид сообщества: " + domain::allowed_codes(domain::community_kinds()));
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) { return cm::list_communities(c, f, scope); });
}

CommunityCard get_community(App& app, const Caller& caller, std::int64_t id) {
  return app.db->read([&](storage::Connection& c) {
    const auto s = standing(c, caller, id);
    CommunityCard card;
    card.community = s.community;
    card.members = cm::members_of(c, id);
    if (s.inside()) card.materials = cm::materials_of(c, id);
    card.can_manage = s.manages();
    card.is_member = s.membership.has_value();
    card.can_join = !card.is_member && s.community.open_to_join && caller.person_id.has_value();
    return card;
  });
}

void check_community(const cm::Community& draft) {
  domain::Problems problems;
  if (draft.kind.empty())
    problems.add("kind", "Выберите вид сообщества");
  else if (!domain::find_term(domain::community_kinds(), draft.kind))
    problems.add("kind", "Вид сообщества: " + domain::allowed_titles(domain::community_kinds()));
  const auto title = domain::trim(draft.title);
  if (title.empty()) problems.add("title", "Укажите название");
  if (domain::utf8_length(title) > 300) problems.add("title", "Название длиннее 300 символов");
  if (!draft.subject_area.empty() && !domain::find_term(domain::subject_areas(), draft.subject_area))
    problems.add("subject_area", "Предметная область не из справочника");
  if (domain::community_of_organisation(draft.kind) && !draft.organisation_id)
    problems.add("organisation_id", "Укажите школу объединения");
  if (!draft.kind.empty() && !domain::community_of_organisation(draft.kind) && draft.territory_id <= 0)
    problems.add("territory_id", "Укажите территорию сообщества");
  problems.raise();
}

std::int64_t create_community(App& app, const Caller& caller, cm::Community draft, std::optional<std::int64_t> leader,
                              const std::string& request_id) {
  draft.title = domain::trim(draft.title);
  draft.description = domain::trim(draft.description);
  check_community(draft);
  return app.db->write([&](storage::Connection& c) {
    if (domain::community_of_organisation(draft.kind)) {
      auto o = reg::find_organisation(c, *draft.organisation_id);
      if (!o) throw domain::Error::validation("organisation_id", "Организация не найдена");
      draft.territory_id = o->territory_id;
    } else {
      draft.organisation_id.reset();
      auto t = reg::find_territory(c, draft.territory_id);
      if (!t) throw domain::Error::validation("territory_id", "Укажите территорию сообщества");
      if (draft.kind == "rmo" && t->level != "municipality")
        throw domain::Error::validation("territory_id", "Районное методическое объединение создаётся в муниципалитете");
    }
    if (!keeps_community(c, caller, draft))
      throw domain::Error::forbidden("Создавать такие сообщества здесь не в ваших полномочиях",
                                     draft.organisation_id ? "organisation_id" : "territory_id");
    const auto id = cm::insert_community(c, draft);
    audit_change(
        c, caller, "create", "community", id, {},
        nlohmann::json{{"kind", draft.kind}, {"title", draft.title}, {"territory_id", draft.territory_id}}.dump(),
        request_id);
    if (leader) {
      if (!reg::find_person(c, *leader) ||
          !reg::person_in_scope(c, *leader, scope_of(caller, domain::Action::read_registry)))
        throw domain::Error::validation("leader_person_id", "Руководитель не найден");
      cm::insert_member(c, id, *leader, "leader", domain::Date::today().iso());
      notify_person(
          app, c, *leader,
          {"community", "Вы — руководитель: «" + draft.title + "»", {}, "/communities/" + std::to_string(id), {}});
    }
    return id;
  });
}

cm::Member add_community_member(App& app, const Caller& caller, std::int64_t community_id, std::int64_t person_id,
                                const std::string& role, const std::string& request_id) {
  if (role != "member" && role != "leader") throw domain::Error::validation("role", "Роль: member или leader");
  return app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, community_id);
    const bool self = caller.person_id && *caller.person_id == person_id;
    if (!(s.manages() || (self && s.community.open_to_join && role == "member")))
      throw domain::Error::forbidden(self ? "Участников этого объединения добавляет его руководитель"
                                          : "Добавлять участников может руководитель объединения");
    if (!reg::find_person(c, person_id) ||
        !reg::person_in_scope(c, person_id, scope_of(caller, domain::Action::read_registry)))
      throw domain::Error::validation("person_id", "Педагог не найден");
    if (s.community.organisation_id) {
      bool works_there = false;
      for (const auto& p : reg::positions_of(c, person_id))
        works_there |= p.position.organisation_id == *s.community.organisation_id &&
                       domain::is_current(p.position, domain::Date::today());
      if (!works_there) throw domain::Error::validation("person_id", "В ШМО входят педагоги этой школы");
    }
    if (cm::current_member(c, community_id, person_id))
      throw domain::Error::conflict("person_id", "Педагог уже в этом сообществе");
    const auto id = cm::insert_member(c, community_id, person_id, role, domain::Date::today().iso());
    audit_change(c, caller, "create", "community_member", id, {},
                 nlohmann::json{{"community_id", community_id}, {"person_id", person_id}, {"role", role}}.dump(),
                 request_id);
    if (!self)
      notify_person(app, c, person_id,
                    {"community",
                     "Вас включили в «" + s.community.title + "»",
                     {},
                     "/communities/" + std::to_string(community_id),
                     {}});
    return *cm::current_member(c, community_id, person_id);
  });
}

void end_community_membership(App& app, const Caller& caller, std::int64_t community_id, std::int64_t person_id,
                              const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto s = standing(c, caller, community_id);
    const bool self = caller.person_id && *caller.person_id == person_id;
    if (!self && !s.manages()) throw domain::Error::forbidden("Исключить участника может руководитель объединения");
    const auto m = cm::current_member(c, community_id, person_id);
    if (!m) throw domain::Error::not_found("Педагог не состоит в этом сообществе");
    cm::end_membership(c, m->id, domain::Date::today().iso());
    audit_change(c, caller, "update", "community_member", m->id, R"({"left_on":null})",
                 nlohmann::json{{"left_on", domain::Date::today().iso()}}.dump(), request_id);
  });
}

cm::Material add_community_material(App& app, const Caller& caller, std::int64_t community_id, const std::string& title,
                                    const std::string& url, const std::string& request_id) {
  cm::Material m{0, community_id, domain::trim(title), domain::trim(url), {}};
  if (m.title.empty()) throw domain::Error::validation("title", "Укажите название материала");
  check_link(m.url, "url");
  return app.db->write([&](storage::Connection& c) {
    if (!standing(c, caller, community_id).inside())
      throw domain::Error::forbidden("Материалы добавляют участники сообщества");
    m.id = cm::insert_material(c, m);
    audit_change(c, caller, "create", "community_material", m.id, {},
                 nlohmann::json{{"community_id", community_id}, {"title", m.title}, {"url", m.url}}.dump(), request_id);
    return cm::materials_of(c, community_id).front();
  });
}

std::vector<cm::Post> community_posts(App& app, const Caller& caller, std::int64_t community_id,
                                      std::optional<std::int64_t> before) {
  return app.db->read([&](storage::Connection& c) {
    if (!standing(c, caller, community_id).inside())
      throw domain::Error::forbidden("Обсуждение видят участники сообщества");
    return cm::posts_of(c, community_id, before, 50);
  });
}

cm::Post add_community_post(App& app, const Caller& caller, std::int64_t community_id, const std::string& body) {
  cm::Post p;
  p.community_id = community_id;
  p.body = domain::trim(body);
  if (p.body.empty()) throw domain::Error::validation("body", "Напишите сообщение");
  if (domain::utf8_length(p.body) > 5000) throw domain::Error::validation("body", "Сообщение длиннее 5000 символов");
  if (caller.account_id) p.author_account_id = caller.account_id;
  p.author_name = caller.display_name.empty() ? caller.login : caller.display_name;
  return app.db->write([&](storage::Connection& c) {
    if (!standing(c, caller, community_id).inside())
      throw domain::Error::forbidden("Писать в обсуждение могут участники сообщества");
    // Colleagues know each other by name: the person's, when the account has one.
    if (caller.person_id)
      if (auto person = reg::find_person(c, *caller.person_id)) p.author_name = domain::full_name(*person);
    p.id = cm::insert_post(c, p);
    return cm::posts_of(c, community_id, p.id + 1, 1).front();
  });
}

}  // namespace metodist::app
