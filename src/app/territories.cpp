#include "app/territories.hpp"

#include <nlohmann/json.hpp>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/territories.hpp"
#include "domain/text.hpp"
#include "storage/account_repository.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {

namespace reg = storage::registry;

namespace {

std::string audit_json(const domain::Territory& t) {
  nlohmann::json j{{"code", t.code}, {"name", t.name}, {"level", t.level}, {"oktmo", t.oktmo}};
  if (t.parent_id) j["parent_id"] = *t.parent_id;
  if (t.subject_number) j["subject_number"] = *t.subject_number;
  if (!t.municipality_kind.empty()) j["municipality_kind"] = t.municipality_kind;
  if (!t.abolished_on.empty()) j["abolished_on"] = t.abolished_on;
  if (t.merged_into_id) j["merged_into_id"] = *t.merged_into_id;
  return j.dump();
}

// The territory above `t` must lie in the caller's scope: a region is created
// and renamed by the federal operator, a municipality by its region.
void require_parent_covered(storage::Connection& c, const domain::Territory* parent, const domain::Scope& scope) {
  const bool covered = parent ? reg::territory_covered(c, parent->id, scope) : scope.everything;
  if (!covered)
    throw domain::Error::forbidden(
        parent ? "Территории в «" + parent->name + "» ведёт тот, кто администрирует «" + parent->name + "»"
               : "Территорию «Российская Федерация» ведёт федеральный оператор",
        "parent_id");
}

// Codes are unique across the registry: a clash is named by its field.
void require_unique(storage::Connection& c, const domain::Territory& t) {
  auto clash = [&](const char* sql, storage::Value v) { return c.scalar(sql, {std::move(v), t.id}) > 0; };
  if (t.subject_number && clash("SELECT count(*) FROM territories WHERE subject_number = $1 AND id <> $2",
                                static_cast<std::int64_t>(*t.subject_number)))
    throw domain::Error::conflict("subject_number",
                                  "Субъект РФ № " + std::to_string(*t.subject_number) + " уже есть в реестре");
  if (clash("SELECT count(*) FROM territories WHERE code = $1 AND id <> $2", t.code))
    throw domain::Error::conflict("code", "Код «" + t.code + "» уже занят другой территорией");
  if (!t.oktmo.empty() && clash("SELECT count(*) FROM territories WHERE oktmo = $1 AND id <> $2", t.oktmo))
    throw domain::Error::conflict("oktmo", "ОКТМО " + t.oktmo + " уже указан у другой территории");
}

std::optional<std::int64_t> recorder(const Caller& caller) {
  return caller.account_id ? std::optional<std::int64_t>(caller.account_id) : std::nullopt;
}

domain::Territory visible_territory(storage::Connection& c, std::int64_t id, const domain::Scope& read) {
  auto t = reg::find_territory(c, id);
  if (!t || !reg::territory_visible(c, id, read)) throw domain::Error::not_found("Территория не найдена");
  return *t;
}

}  // namespace

void normalise(domain::Territory& t) {
  t.name = domain::trim(t.name);
  t.code = domain::trim(t.code);
  t.time_zone = domain::trim(t.time_zone);
  if (auto digits = domain::parse_oktmo(t.oktmo))
    t.oktmo = *digits;  // «04 614 000» is kept as 04614000
  else
    t.oktmo = domain::trim(t.oktmo);
}

std::string effective_date(const std::string& given, const char* field) {
  const auto today = domain::Date::today();
  return given.empty() ? today.iso() : domain::past_date(given, field, today).iso();
}

bool keeps_territories(const Caller& caller) {
  for (const auto& r : caller.roles)
    if (const auto* role = domain::find_role(r.role))
      if (role->level >= domain::AdminLevel::region &&
          domain::reach_of(domain::Action::write_registry, *role) != domain::Reach::none)
        return true;
  return false;
}

domain::Territory add_territory(storage::Connection& c, const Caller& caller, const domain::Scope& write,
                                domain::Territory draft, const std::string& on) {
  draft.id = 0;
  draft.abolished_on.clear();
  draft.merged_into_id.reset();
  std::optional<domain::Territory> parent;
  if (draft.parent_id) {
    parent = reg::find_territory(c, *draft.parent_id);
    if (!parent) throw domain::Error::validation("parent_id", "Вышестоящая территория не найдена");
  } else if (draft.level == "federation" && c.scalar("SELECT count(*) FROM territories WHERE level = 'federation'")) {
    throw domain::Error::conflict("level", "Российская Федерация уже есть в реестре");
  }
  require_parent_covered(c, parent ? &*parent : nullptr, write);
  if (draft.code.empty() && parent) {
    if (draft.level == "region" && !draft.subject_number)
      throw domain::Error::validation("subject_number", "Укажите номер субъекта РФ или код региона");
    draft.code = domain::next_territory_code(
        draft, *parent, [&](const std::string& code) { return reg::territory_code_taken(c, code); });
  }
  if (draft.time_zone == kInheritTimeZone) draft.time_zone.clear();
  domain::validate_territory(draft, parent ? &*parent : nullptr);
  require_unique(c, draft);
  draft.id = reg::insert_territory(c, draft);
  reg::TerritoryChange x;
  x.territory_id = draft.id;
  x.change = "created";
  x.happened_on = on;
  x.new_name = draft.name;
  x.new_code = draft.code;
  x.new_oktmo = draft.oktmo;
  x.recorded_by = recorder(caller);
  reg::append_territory_change(c, x);
  return draft;
}

domain::Territory change_territory(storage::Connection& c, const Caller& caller, const domain::Scope& write,
                                   const domain::Territory& before, domain::Territory draft, const std::string& on) {
  std::optional<domain::Territory> parent;
  if (before.parent_id) parent = reg::find_territory(c, *before.parent_id);
  require_parent_covered(c, parent ? &*parent : nullptr, write);
  if (!before.abolished_on.empty())
    throw domain::Error::conflict(
        "name", "«" + before.name + "» упразднена " + domain::russian_date(before.abolished_on) + ": её не изменить");
  domain::Territory after = before;  // level, parent and abolition are not edited here
  after.name = draft.name;
  after.code = draft.code.empty() ? before.code : draft.code;
  after.oktmo = draft.oktmo;
  after.subject_number = draft.subject_number;
  after.municipality_kind = draft.municipality_kind;
  // A zone not given keeps the stored one (an import has no such column); «inherit» drops it.
  if (!draft.time_zone.empty()) after.time_zone = draft.time_zone == kInheritTimeZone ? "" : draft.time_zone;
  domain::validate_territory(after, parent ? &*parent : nullptr);
  require_unique(c, after);
  reg::update_territory(c, after);
  reg::TerritoryChange x;
  x.territory_id = before.id;
  x.happened_on = on;
  x.recorded_by = recorder(caller);
  if (after.name != before.name) {
    x.change = "renamed";
    x.old_name = before.name;
    x.new_name = after.name;
    reg::append_territory_change(c, x);
  }
  if (after.code != before.code || after.oktmo != before.oktmo) {
    x.change = "recoded";
    x.old_name = x.new_name = {};
    x.old_code = before.code;
    x.new_code = after.code;
    x.old_oktmo = before.oktmo;
    x.new_oktmo = after.oktmo;
    reg::append_territory_change(c, x);
  }
  return after;
}

domain::Territory create_territory(App& app, const Caller& caller, domain::Territory draft,
                                   const std::string& created_on, const std::string& request_id) {
  const auto write = require_scope(caller, domain::Action::write_registry, "добавлять территории");
  const auto on = effective_date(created_on, "created_on");
  normalise(draft);
  return app.db->write([&](storage::Connection& c) {
    auto created = add_territory(c, caller, write, draft, on);
    storage::accounts::append_audit(
        c, {recorder(caller), "create", "territory", created.id, {}, audit_json(created), request_id, {}});
    return created;
  });
}

domain::Territory update_territory(App& app, const Caller& caller, std::int64_t id, domain::Territory draft,
                                   const std::string& changed_on, const std::string& request_id) {
  const auto read = scope_of(caller, domain::Action::read_registry);
  const auto write = require_scope(caller, domain::Action::write_registry, "изменять территории");
  const auto on = effective_date(changed_on, "changed_on");
  normalise(draft);
  return app.db->write([&](storage::Connection& c) {
    const auto before = visible_territory(c, id, read);
    auto after = change_territory(c, caller, write, before, draft, on);
    storage::accounts::append_audit(
        c, {recorder(caller), "update", "territory", id, audit_json(before), audit_json(after), request_id, {}});
    return after;
  });
}

MergeResult merge_territory(App& app, const Caller& caller, std::int64_t id, std::int64_t into_id,
                            const std::string& merged_on, const std::string& request_id) {
  const auto read = scope_of(caller, domain::Action::read_registry);
  const auto scope = require_scope(caller, domain::Action::write_registry, "объединять муниципалитеты");
  const auto on = effective_date(merged_on, "merged_on");
  return app.db->write([&](storage::Connection& c) {
    MergeResult result;
    result.merged = visible_territory(c, id, read);
    auto into = reg::find_territory(c, into_id);
    if (!into || !reg::territory_visible(c, into_id, read))
      throw domain::Error::validation("into_id", "Территория, с которой объединяют, не найдена");
    result.into = *into;
    const auto parent = result.merged.parent_id ? reg::find_territory(c, *result.merged.parent_id) : std::nullopt;
    require_parent_covered(c, parent ? &*parent : nullptr, scope);
    if (auto why = domain::merge_refusal(result.merged, result.into)) throw domain::Error::validation("into_id", *why);
    const auto before = audit_json(result.merged);
    result.moved = reg::merge_territory(c, id, into_id, on);
    result.merged.abolished_on = on;
    result.merged.merged_into_id = into_id;
    reg::TerritoryChange x;
    x.territory_id = id;
    x.change = "merged";
    x.happened_on = on;
    x.into_territory_id = into_id;
    x.organisations_moved = result.moved.organisations;
    x.recorded_by = recorder(caller);
    reg::append_territory_change(c, x);
    storage::accounts::append_audit(
        c, {recorder(caller), "merge", "territory", id, before, audit_json(result.merged), request_id, {}});
    return result;
  });
}

std::vector<reg::TerritoryChange> territory_history(App& app, const Caller& caller, std::int64_t id) {
  const auto read = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) {
    visible_territory(c, id, read);
    return reg::territory_history(c, id);
  });
}

std::string time_zone_of(storage::Connection& c, std::int64_t territory_id) {
  std::optional<std::int64_t> at = territory_id;
  for (int guard = 0; at && guard < 8; ++guard) {
    const auto t = reg::find_territory(c, *at);
    if (!t) break;
    if (!t->time_zone.empty()) return t->time_zone;
    if (t->level == "region") return std::string(domain::default_time_zone(t->subject_number.value_or(0)));
    at = t->parent_id;
  }
  return "Europe/Moscow";
}

std::string caller_time_zone(App& app, const Caller& caller) {
  return app.db->read([&](storage::Connection& c) {
    for (const auto& r : caller.roles) {
      if (r.territory_id) return time_zone_of(c, *r.territory_id);
      if (r.organisation_id)
        if (const auto o = reg::find_organisation(c, *r.organisation_id)) return time_zone_of(c, o->territory_id);
    }
    // A teacher: where they work.
    std::optional<std::int64_t> territory;
    if (caller.person_id)
      c.run(
          "SELECT o.territory_id FROM positions p JOIN organisations o ON o.id = p.organisation_id"
          " WHERE p.person_id = $1 ORDER BY p.left_on IS NOT NULL, p.id LIMIT 1",
          {*caller.person_id}, [&](const storage::Row& row) { territory = row.int64("territory_id"); });
    return territory ? time_zone_of(c, *territory) : std::string("Europe/Moscow");
  });
}

}  // namespace metodist::app
