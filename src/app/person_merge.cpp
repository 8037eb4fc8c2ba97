#include "app/person_merge.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "domain/error.hpp"
#include "domain/person_merge.hpp"
#include "storage/account_repository.hpp"
#include "storage/person_merge_repository.hpp"
#include "storage/registry_batch.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace merge = storage::person_merge;
namespace reg = storage::registry;
using nlohmann::json;

using domain::full_name;

// The whole record, personal data included: kept in the merge log (not the
// audit log) so the undo can give each record back what it had.
json person_record(const domain::Person& p) {
  return {{"code", p.code},
          {"last_name", p.last_name},
          {"first_name", p.first_name},
          {"middle_name", p.middle_name},
          {"gender", p.gender},
          {"birth_date", p.birth_date},
          {"ped_experience_since", p.ped_experience_since},
          {"category", p.category},
          {"higher_ped_education", p.higher_ped_education},
          {"ped_university_graduate", p.ped_university_graduate},
          {"snils", p.snils}};
}

// What the audit log keeps of a person: no personal data (as every person change).
json person_audit(const domain::Person& p) {
  return {{"id", p.id}, {"code", p.code}, {"name", full_name(p.last_name, p.first_name, p.middle_name)}};
}

std::size_t rows_in(const json& moved) {
  std::size_t n = 0;
  for (const auto& [ref, keys] : moved.items()) n += keys.size();
  return n;
}

// Both records are the caller's to change: a workplace in the staff scope and
// none outside it (a school cannot fold in someone another school employs).
void require_both_in_staff_scope(storage::Connection& c, const Caller& caller, const domain::Scope& staff,
                                 const domain::Person& kept, const domain::Person& merged) {
  const auto read = scope_of(caller, domain::Action::read_registry);
  for (const auto* p : {&kept, &merged})
    if (!reg::person_in_scope(c, p->id, read)) throw domain::Error::not_found("Педагог не найден");
  domain::Scope workplaces = staff;
  workplaces.person.reset();
  workplaces.persons.clear();
  const auto outside = reg::persons_working_outside(c, {kept.id, merged.id}, workplaces);
  for (const auto* p : {&kept, &merged}) {
    if (!reg::person_in_scope(c, p->id, workplaces) || outside.count(p->id))
      throw domain::Error::forbidden("«" + full_name(p->last_name, p->first_name, p->middle_name) +
                                     "» работает в организации вне ваших полномочий: объединить эти записи может "
                                     "муниципальная или региональная служба");
  }
}

}  // namespace

DuplicatesPage find_duplicates(App& app, const Caller& caller, std::size_t offset, std::size_t limit) {
  const auto staff = require_scope(caller, domain::Action::write_staff, "искать дубликаты педагогов");
  const auto personal = scope_of(caller, domain::Action::read_personal);
  return app.db->read([&](storage::Connection& c) {
    std::vector<domain::DuplicateCandidate> candidates;
    merge::each_candidate(c, staff, [&](merge::Candidate&& p) {
      candidates.push_back({p.id,
                            domain::person_name_hash(domain::person_name_key(p.last_name, p.first_name, p.middle_name)),
                            domain::birth_number(p.birth_date), !p.snils.empty()});
    });
    std::vector<std::pair<std::int64_t, std::int64_t>> workplaces;
    merge::each_current_workplace(c, staff, [&](std::int64_t person, std::int64_t organisation) {
      workplaces.emplace_back(person, organisation);
    });
    const auto pairs = domain::find_duplicates(std::move(candidates), workplaces);

    std::vector<std::int64_t> ids;
    for (const auto& p : pairs) ids.insert(ids.end(), {p.first, p.second});
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    const auto briefs = merge::briefs(c, ids);
    auto name_of = [&](std::int64_t id) -> std::string {
      const auto& b = briefs.at(id);
      return full_name(b.last_name, b.first_name, b.middle_name);
    };
    // The record to keep is the one with a СНИЛС, else an account, else the older.
    auto keep_first = [&](std::int64_t a, std::int64_t b) {
      const auto &x = briefs.at(a), &y = briefs.at(b);
      if (x.snils.empty() != y.snils.empty()) return !x.snils.empty();
      if (x.has_account != y.has_account) return x.has_account;
      return a < b;
    };
    struct Listed {
      const domain::DuplicatePair* pair;
      std::int64_t first, second;
      std::string sort_key;
    };
    std::vector<Listed> listed;
    listed.reserve(pairs.size());
    for (const auto& p : pairs) {
      const bool keep = keep_first(p.first, p.second);
      const auto first = keep ? p.first : p.second, second = keep ? p.second : p.first;
      const auto& b = briefs.at(first);
      listed.push_back({&p, first, second, domain::person_name_key(b.last_name, b.first_name, b.middle_name)});
    }
    std::sort(listed.begin(), listed.end(), [](const Listed& a, const Listed& b) {
      return std::tie(a.sort_key, a.first, a.second) < std::tie(b.sort_key, b.first, b.second);
    });

    DuplicatesPage page;
    page.total = listed.size();
    auto person = [&](std::int64_t id) {
      const auto& b = briefs.at(id);
      DuplicatePerson d;
      d.id = id;
      d.code = b.code;
      d.name = name_of(id);
      for (const auto& [org, name] : b.organisations) d.organisations += (d.organisations.empty() ? "" : "; ") + name;
      d.has_account = b.has_account;
      d.personal_data = reg::person_in_scope(c, id, personal);
      if (d.personal_data) {
        d.birth_date = b.birth_date;
        d.snils = b.snils;
      }
      return d;
    };
    for (std::size_t i = offset; i < listed.size() && i < offset + limit; ++i) {
      const auto& l = listed[i];
      Duplicate d{person(l.first), person(l.second), {}};
      if (l.pair->same_birth_date) d.reasons.push_back({"same_name_birth_date", "Совпадают ФИО и дата рождения"});
      for (auto org : l.pair->same_organisations) {
        std::string where;
        for (const auto& [id, name] : briefs.at(l.first).organisations)
          if (id == org) where = name;
        d.reasons.push_back({"same_name_organisation", "Совпадают ФИО и место работы: " + where});
      }
      page.items.push_back(std::move(d));
    }
    return page;
  });
}

MergeResult merge_persons(App& app, const Caller& caller, std::int64_t kept_id, std::int64_t merged_id,
                          const std::string& request_id) {
  const auto staff = require_scope(caller, domain::Action::write_staff, "объединять записи педагогов");
  if (kept_id == merged_id)
    throw domain::Error::validation("merged_id", "Выберите другую запись: запись нельзя объединить с самой собой");
  return app.db->write([&](storage::Connection& c) {
    merge::hold_persons(c, kept_id, merged_id);
    auto kept = reg::find_person(c, kept_id);
    auto merged = reg::find_person(c, merged_id);
    if (!kept || !merged) throw domain::Error::not_found("Педагог не найден");
    // A record merged before is said so to whoever sees where it went.
    const auto read = scope_of(caller, domain::Action::read_registry);
    for (const auto* p : {&*kept, &*merged})
      if (const auto into = merge::merged_into(c, p->id)) {
        if (!reg::person_in_scope(c, *into, read)) throw domain::Error::not_found("Педагог не найден");
        throw domain::Error::conflict("merged_id", "Запись «" + full_name(p->last_name, p->first_name, p->middle_name) +
                                                       "» уже объединена с другой");
      }
    require_both_in_staff_scope(c, caller, staff, *kept, *merged);

    auto reasons = domain::merge_conflicts(*kept, *merged);
    for (auto& clash : merge::clashes(c, kept_id, merged_id)) reasons.push_back(std::move(clash));
    if (!reasons.empty()) {
      std::string message = "Объединить нельзя: ";
      for (std::size_t i = 0; i < reasons.size(); ++i) message += (i ? "; " : "") + reasons[i];
      throw domain::Error::conflict("merged_id", message);
    }

    json record{{"kept_before", person_record(*kept)}, {"merged_before", person_record(*merged)}};
    const auto moved = merge::move_references(c, kept_id, merged_id);
    record["moved"] = moved.at("moved");
    record["folded"] = moved.at("folded");
    record["repointed"] = merge::repoint_merged(c, merged_id, kept_id);
    // The number moves to the kept record: it cannot stand on two.
    auto after = domain::merged_card(*kept, *merged);
    if (!merged->snils.empty()) {
      auto cleared = *merged;
      cleared.snils.clear();
      reg::update_person(c, cleared);
    }
    reg::update_person(c, after);
    merge::set_merged_into(c, merged_id, kept_id);

    merge::MergeRecord r;
    r.kept = kept_id;
    r.merged = merged_id;
    r.action = "merge";
    r.moved = record;
    if (caller.account_id) r.account_id = caller.account_id;
    const auto id = merge::insert_record(c, r);
    const std::size_t rows = rows_in(record["moved"]);
    storage::accounts::append_audit(c,
                                    {caller.account_id,
                                     "merge",
                                     "person",
                                     kept_id,
                                     json{{"kept", person_audit(*kept)}, {"merged", person_audit(*merged)}}.dump(),
                                     json{{"kept", person_audit(after)}, {"merge_id", id}, {"moved_rows", rows}}.dump(),
                                     request_id,
                                     {}});
    return MergeResult{id, kept_id, merged_id, rows};
  });
}

MergeResult undo_merge(App& app, const Caller& caller, std::int64_t merge_id, const std::string& request_id) {
  const auto staff = require_scope(caller, domain::Action::write_staff, "отменять объединение записей");
  return app.db->write([&](storage::Connection& c) {
    const auto record = merge::find_record(c, merge_id);
    if (!record || record->action != "merge") throw domain::Error::not_found("Объединение не найдено");
    merge::hold_persons(c, record->kept, record->merged);
    auto kept = reg::find_person(c, record->kept);
    auto merged = reg::find_person(c, record->merged);
    if (!kept || !merged) throw domain::Error::not_found("Объединение не найдено");
    if (merge::merged_into(c, record->kept))
      throw domain::Error::conflict("merge_id",
                                    "Запись, в которую объединяли, с тех пор объединена с другой: сначала отмените то "
                                    "объединение");
    // The rights are checked on the kept record: the merged one holds nothing now.
    const auto read = scope_of(caller, domain::Action::read_registry);
    if (!reg::person_in_scope(c, kept->id, read)) throw domain::Error::not_found("Объединение не найдено");
    domain::Scope workplaces = staff;
    workplaces.person.reset();
    workplaces.persons.clear();
    if (!reg::person_in_scope(c, kept->id, workplaces) ||
        !reg::persons_working_outside(c, {kept->id}, workplaces).empty())
      throw domain::Error::forbidden("Педагог работает в организации вне ваших полномочий");
    if (merge::undone(c, merge_id)) throw domain::Error::conflict("merge_id", "Это объединение уже отменено");

    const auto& m = record->moved;
    merge::restore_references(c, kept->id, merged->id, m);
    merge::point_back(c, m.at("repointed").get<std::vector<std::int64_t>>(), merged->id);
    // The kept record gives back only what it took (what it had empty before);
    // changes made to it since stay.
    const auto& before = m.at("kept_before");
    auto restored = *kept;
    for (auto [field, value] : {std::pair{"middle_name", &restored.middle_name},
                                {"gender", &restored.gender},
                                {"birth_date", &restored.birth_date},
                                {"ped_experience_since", &restored.ped_experience_since},
                                {"snils", &restored.snils},
                                {"category", &restored.category}})
      if (const auto was = before.at(field).get<std::string>(); was.empty() || was == "none") *value = was;
    if (!before.at("higher_ped_education").get<bool>()) restored.higher_ped_education = false;
    if (!before.at("ped_university_graduate").get<bool>()) restored.ped_university_graduate = false;
    reg::update_person(c, restored);
    auto given_back = *merged;
    given_back.snils = m.at("merged_before").at("snils").get<std::string>();
    reg::update_person(c, given_back);
    merge::set_merged_into(c, merged->id, std::nullopt);

    merge::MergeRecord r;
    r.kept = kept->id;
    r.merged = merged->id;
    r.action = "undo";
    r.undoes = merge_id;
    r.moved = json::object();
    if (caller.account_id) r.account_id = caller.account_id;
    const auto id = merge::insert_record(c, r);
    const std::size_t rows = rows_in(m.at("moved"));
    storage::accounts::append_audit(
        c, {caller.account_id,
            "unmerge",
            "person",
            kept->id,
            json{{"kept", person_audit(*kept)}, {"merged", person_audit(*merged)}, {"merge_id", merge_id}}.dump(),
            json{{"kept", person_audit(restored)}, {"merged", person_audit(given_back)}, {"moved_rows", rows}}.dump(),
            request_id,
            {}});
    return MergeResult{id, kept->id, merged->id, rows};
  });
}

}  // namespace metodist::app
