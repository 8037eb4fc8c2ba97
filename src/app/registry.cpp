#include "app/registry.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "app/answer_memo.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/account_repository.hpp"
#include "storage/data_version.hpp"
#include "storage/person_merge_repository.hpp"

namespace metodist::app {

namespace reg = storage::registry;

namespace {

std::string audit_json(const domain::Organisation& o) {
  return nlohmann::json{{"code", o.code},
                        {"name", o.name},
                        {"short_name", o.short_name},
                        {"kind", o.kind},
                        {"territory_id", o.territory_id},
                        {"inn", o.inn},
                        {"address", o.address},
                        {"is_shnor", o.is_shnor},
                        {"has_staff_plan", o.has_staff_plan},
                        {"has_mentoring_model", o.has_mentoring_model}}
      .dump();
}

std::string audit_json(const domain::Person& p) {
  return nlohmann::json{{"code", p.code},
                        {"last_name", p.last_name},
                        {"first_name", p.first_name},
                        {"middle_name", p.middle_name},
                        {"category", p.category},
                        {"higher_ped_education", p.higher_ped_education},
                        {"ped_university_graduate", p.ped_university_graduate}}
      .dump();  // personal data (birth date, gender) stays out of the audit log
}

std::string audit_json(const domain::Position& p) {
  return nlohmann::json{{"person_id", p.person_id}, {"organisation_id", p.organisation_id},
                        {"position", p.position},   {"subject_area", p.subject_area},
                        {"subjects", p.subjects},   {"hired_on", p.hired_on},
                        {"left_on", p.left_on}}
      .dump();
}

void normalise(domain::Person& p) {
  p.code = domain::trim(p.code);
  p.last_name = domain::trim(p.last_name);
  p.first_name = domain::trim(p.first_name);
  p.middle_name = domain::trim(p.middle_name);
  if (p.category.empty()) p.category = "none";
  // One way to store a СНИЛС whichever way it was typed; a wrong one stays as typed for the message.
  p.snils = domain::trim(p.snils);
  if (const auto snils = domain::parse_snils(p.snils)) p.snils = *snils;
}

// The territory of a new or edited organisation: it exists, the caller may
// write there, and it is a region or a municipality.
void check_territory(storage::Connection& c, const domain::Organisation& o, const domain::Scope& scope) {
  auto territory = reg::find_territory(c, o.territory_id);
  if (!territory) throw domain::Error::validation("territory_id", "Территория не найдена");
  if (!reg::territory_covered(c, o.territory_id, scope))
    throw domain::Error::forbidden("Нет прав на организации этой территории", "territory_id");
  if (territory->level == "federation")
    throw domain::Error::validation("territory_id", "Организация относится к региону или муниципалитету, не к РФ");
}

// Runs a write that may hit a unique code, turning that into a clear 409 on «code».
template <class F>
void with_unique_code(const std::string& taken_message, F&& write) {
  try {
    write();
  } catch (const storage::Error& e) {
    if (e.kind() != storage::ErrorKind::unique_violation) throw;
    // Both engines name the index or column that refused (persons_snils, persons.snils).
    if (std::string_view(e.what()).find("snils") != std::string_view::npos)
      throw domain::Error::conflict("snils",
                                    "Этот СНИЛС уже указан у другого человека в реестре: возможно, это тот же "
                                    "педагог — найдите его и добавьте место работы ему");
    throw domain::Error::conflict("code", taken_message);
  }
}
std::string organisation_code_taken(const std::string& code) {
  return "Организация с кодом «" + code + "» уже есть в реестре";
}
std::string person_code_taken(const std::string& code) { return "Педагог с кодом «" + code + "» уже есть в реестре"; }

// «П-000124»: the next number after the largest id, past any code already taken.
std::string free_person_code(storage::Connection& c) {
  for (auto n = c.scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM persons");; ++n) {
    char code[32];
    std::snprintf(code, sizeof code, "П-%06lld", static_cast<long long>(n));
    if (c.scalar("SELECT COUNT(*) FROM persons WHERE code = $1", {std::string(code)}) == 0) return code;
  }
}

}  // namespace

std::vector<domain::Territory> list_territories(App& app, const Caller& caller, const reg::TerritoryFilter& f) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  const auto folded = with_folded_query(f);
  return app.db->read([&](storage::Connection& c) { return reg::list_territories(c, folded, scope); });
}

domain::Territory get_territory(App& app, const Caller& caller, std::int64_t id) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  auto t = app.db->read([&](storage::Connection& c) -> std::optional<domain::Territory> {
    if (!reg::territory_visible(c, id, scope)) return std::nullopt;
    return reg::find_territory(c, id);
  });
  if (!t) throw domain::Error::not_found("Территория не найдена");
  return *t;
}

reg::OrganisationPage list_organisations(App& app, const Caller& caller, const reg::OrganisationFilter& f) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  const auto folded = with_folded_query(f);
  return app.db->read([&](storage::Connection& c) { return reg::list_organisations(c, folded, scope); });
}

void check_staff_filter(const Caller& caller, const reg::StaffFilter& f) {
  // Who lacks what is the staff keepers' work list (and says something about
  // personal data): not for those who only read the registry.
  if (!f.incomplete.empty()) require_scope(caller, domain::Action::write_staff, "смотреть, у кого не заполнены данные");
}

reg::StaffPage list_staff(App& app, const Caller& caller, const reg::StaffFilter& f) {
  check_staff_filter(caller, f);
  const auto scope = scope_of(caller, domain::Action::read_registry);
  const auto personal = scope_of(caller, domain::Action::read_personal);
  const auto folded = with_folded_query(f);
  // «Всего N» counts every workplace of the scope (a region's 32 000: 7 ms):
  // kept per filter, scope, day and staff version (app/answer_memo.hpp).
  return app.db->read([&](storage::Connection& c) {
    const auto now = storage::staff_version_on_day(c);
    const std::string key = "staff-total|" + folded.query + "|" +
                            (folded.organisation ? std::to_string(*folded.organisation) : "-") + "|" +
                            (folded.territory ? std::to_string(*folded.territory) : "-") + "|" + folded.position + "|" +
                            folded.category + "|" + folded.subject_area + "|" + folded.incomplete + "|" +
                            scope_key(scope) + "|" + now.today + "|" + std::to_string(now.version);
    std::optional<std::int64_t> total;
    if (auto kept = app.answers->find(key)) total = *std::static_pointer_cast<const std::int64_t>(kept);
    auto page = reg::list_staff(c, folded, scope, personal, total);
    if (!total) app.answers->keep(key, std::make_shared<const std::int64_t>(page.total), 2 * key.size() + 64);
    return page;
  });
}

domain::Organisation get_organisation(App& app, const Caller& caller, std::int64_t id) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  auto o = app.db->read([&](storage::Connection& c) { return reg::find_visible_organisation(c, id, scope); });
  if (!o) throw domain::Error::not_found("Организация не найдена");
  return *o;
}

domain::Organisation create_organisation(App& app, const Caller& caller, domain::Organisation draft,
                                         const std::string& request_id) {
  const auto scope = require_scope(caller, domain::Action::write_registry, "добавлять организации");
  draft.name = domain::trim(draft.name);
  draft.code = domain::trim(draft.code);
  domain::validate_organisation(draft);
  return app.db->write([&](storage::Connection& c) {
    check_territory(c, draft, scope);
    with_unique_code(organisation_code_taken(draft.code), [&] { draft.id = reg::insert_organisation(c, draft); });
    storage::accounts::append_audit(
        c, {caller.account_id, "create", "organisation", draft.id, {}, audit_json(draft), request_id, {}});
    return draft;
  });
}

domain::Organisation update_organisation(App& app, const Caller& caller, std::int64_t id, domain::Organisation draft,
                                         const std::string& request_id) {
  const auto read = scope_of(caller, domain::Action::read_registry);
  const auto scope = require_scope(caller, domain::Action::write_registry, "изменять организации");
  draft.name = domain::trim(draft.name);
  draft.code = domain::trim(draft.code);
  draft.id = id;
  domain::validate_organisation(draft);
  return app.db->write([&](storage::Connection& c) {
    auto before = reg::find_visible_organisation(c, id, read);
    if (!before) throw domain::Error::not_found("Организация не найдена");
    if (!reg::territory_covered(c, before->territory_id, scope))
      throw domain::Error::forbidden("Нет прав изменять эту организацию");
    check_territory(c, draft, scope);
    with_unique_code(organisation_code_taken(draft.code), [&] { reg::update_organisation(c, draft); });
    storage::accounts::append_audit(
        c, {caller.account_id, "update", "organisation", id, audit_json(*before), audit_json(draft), request_id, {}});
    return draft;
  });
}

PersonCard get_person(App& app, const Caller& caller, std::int64_t id) {
  const auto read = scope_of(caller, domain::Action::read_registry);
  const auto personal = scope_of(caller, domain::Action::read_personal);
  auto card = app.db->read([&](storage::Connection& c) -> std::optional<PersonCard> {
    if (const auto kept = storage::person_merge::merged_into(c, id)) {
      // The merged record holds nothing now: whoever sees the kept one is told where to go.
      auto person = reg::find_person(c, id);
      auto keeper = reg::find_person(c, *kept);
      if (!person || !keeper || !reg::person_in_scope(c, *kept, read)) return std::nullopt;
      PersonCard card{*person, {}, false};
      domain::withhold_personal(card.person);
      card.merged_into = *kept;
      for (const auto& m : storage::person_merge::records_of(c, id))
        if (m.action == "merge" && m.merged == id && !storage::person_merge::undone(c, m.id)) {
          card.merge_id = m.id;
          break;
        }
      card.merged_into_name = domain::full_name(*keeper);
      return card;
    }
    if (!reg::person_in_scope(c, id, read)) return std::nullopt;
    auto person = reg::find_person(c, id);
    if (!person) return std::nullopt;
    PersonCard card{*person, reg::positions_of(c, id), reg::person_in_scope(c, id, personal)};
    if (!card.personal_data) domain::withhold_personal(card.person);
    return card;
  });
  if (!card) throw domain::Error::not_found("Педагог не найден");
  return *card;
}

std::int64_t create_person(App& app, const Caller& caller, domain::Person person, domain::Position workplace,
                           const std::string& request_id) {
  const auto scope = require_scope(caller, domain::Action::write_staff, "добавлять педагогов");
  normalise(person);
  // The person and the workplace checked together: every field to correct at once.
  domain::Problems problems;
  problems.check([&] { domain::validate_person(person, domain::Date::today(), false); });
  problems.check([&] { domain::validate_position(workplace); });
  problems.raise();
  return app.db->write([&](storage::Connection& c) {
    auto org = reg::find_organisation(c, workplace.organisation_id);
    if (!org) throw domain::Error::validation("organisation_id", "Организация не найдена");
    // The staff-writing scope has no person part: it is territories or organisations.
    if (!reg::organisation_visible(c, org->id, scope))
      throw domain::Error::forbidden("Нет прав добавлять педагогов в эту организацию", "organisation_id");
    // Entered by hand without a code: the registry makes one («П-000123»), as
    // nobody should have to invent an identifier; an import keeps its own.
    if (person.code.empty()) person.code = free_person_code(c);
    with_unique_code(person_code_taken(person.code), [&] { person.id = reg::insert_person(c, person); });
    workplace.person_id = person.id;
    reg::insert_position(c, workplace);
    storage::accounts::append_audit(
        c, {caller.account_id, "create", "person", person.id, {}, audit_json(person), request_id, {}});
    return person.id;
  });
}

void update_person(App& app, const Caller& caller, std::int64_t id, domain::Person person,
                   const std::string& request_id) {
  const auto read = scope_of(caller, domain::Action::read_registry);
  const auto scope = require_scope(caller, domain::Action::write_staff, "изменять сведения о педагогах");
  normalise(person);
  person.id = id;
  domain::validate_person(person, domain::Date::today());
  app.db->write([&](storage::Connection& c) {
    auto before = reg::find_person(c, id);
    if (!before || !reg::person_in_scope(c, id, read)) throw domain::Error::not_found("Педагог не найден");
    domain::Scope workplaces = scope;
    workplaces.person.reset();
    if (!reg::person_in_scope(c, id, workplaces))
      throw domain::Error::forbidden("Нет прав изменять сведения об этом педагоге");
    // Someone who may not see the personal data cannot change it either: the
    // stored values stay, whatever the request carried.
    if (!reg::person_in_scope(c, id, scope_of(caller, domain::Action::read_personal))) {
      person.birth_date = before->birth_date;
      person.gender = before->gender;
      person.ped_experience_since = before->ped_experience_since;
      person.higher_ped_education = before->higher_ped_education;
      person.ped_university_graduate = before->ped_university_graduate;
      person.snils = before->snils;
    }
    with_unique_code(person_code_taken(person.code), [&] { reg::update_person(c, person); });
    storage::accounts::append_audit(
        c, {caller.account_id, "update", "person", id, audit_json(*before), audit_json(person), request_id, {}});
  });
}

std::int64_t add_workplace(App& app, const Caller& caller, std::int64_t person_id, domain::Position workplace,
                           const std::string& request_id) {
  const auto read = scope_of(caller, domain::Action::read_registry);
  const auto scope = require_scope(caller, domain::Action::write_staff, "добавлять места работы");
  workplace.id = 0;
  workplace.person_id = person_id;
  workplace.left_on.clear();
  domain::validate_position(workplace);
  return app.db->write([&](storage::Connection& c) {
    if (!reg::find_person(c, person_id) || !reg::person_in_scope(c, person_id, read))
      throw domain::Error::not_found("Педагог не найден");
    auto org = reg::find_organisation(c, workplace.organisation_id);
    if (!org) throw domain::Error::validation("organisation_id", "Организация не найдена");
    if (!reg::organisation_visible(c, org->id, scope))
      throw domain::Error::forbidden("Нет прав добавлять места работы в этой организации", "organisation_id");
    try {
      workplace.id = reg::insert_position(c, workplace);
    } catch (const storage::Error& e) {
      if (e.kind() != storage::ErrorKind::unique_violation) throw;
      throw domain::Error::conflict("position",
                                    "Эта должность в этой организации у педагога уже есть — "
                                    "измените её или укажите дату увольнения");
    }
    storage::accounts::append_audit(
        c, {caller.account_id, "create", "position", workplace.id, {}, audit_json(workplace), request_id, {}});
    return workplace.id;
  });
}

void update_workplace(App& app, const Caller& caller, std::int64_t person_id, std::int64_t position_id,
                      domain::Position changes, const std::string& request_id) {
  const auto read = scope_of(caller, domain::Action::read_registry);
  const auto scope = require_scope(caller, domain::Action::write_staff, "изменять места работы");
  app.db->write([&](storage::Connection& c) {
    auto before = reg::find_position(c, position_id);
    if (!before || before->person_id != person_id || !reg::person_in_scope(c, person_id, read))
      throw domain::Error::not_found("Место работы не найдено");
    if (!reg::organisation_visible(c, before->organisation_id, scope))
      throw domain::Error::forbidden("Нет прав изменять места работы в этой организации");
    domain::Position after = *before;
    after.subject_area = changes.subject_area;
    after.subjects = changes.subjects;
    after.hired_on = changes.hired_on;
    after.left_on = changes.left_on;
    domain::validate_position(after);
    reg::update_position(c, after);
    storage::accounts::append_audit(c, {caller.account_id,
                                        changes.left_on.empty() || !before->left_on.empty() ? "update" : "end",
                                        "position",
                                        position_id,
                                        audit_json(*before),
                                        audit_json(after),
                                        request_id,
                                        {}});
  });
}

namespace {

std::string encode_summary(const reg::Summary& s) {
  nlohmann::json j = {s.municipalities,      s.organisations,       s.educational_organisations, s.shnor,
                      s.pedagogical_workers, s.workers_by_category, s.organisations_by_kind};
  return j.dump();
}

reg::Summary decode_summary(const std::string& body) {
  const auto j = nlohmann::json::parse(body);
  reg::Summary s;
  s.municipalities = j.at(0).get<std::int64_t>();
  s.organisations = j.at(1).get<std::int64_t>();
  s.educational_organisations = j.at(2).get<std::int64_t>();
  s.shnor = j.at(3).get<std::int64_t>();
  s.pedagogical_workers = j.at(4).get<std::int64_t>();
  s.workers_by_category = j.at(5).get<std::vector<std::pair<std::string, std::int64_t>>>();
  s.organisations_by_kind = j.at(6).get<std::vector<std::pair<std::string, std::int64_t>>>();
  return s;
}

}  // namespace

// The start page's counts. The pedagogical workers read every workplace of
// the scope (≈ 1 s for the federation, 20 ms for a region): counted once per
// staff version and scope, shared by every server (app/shared_results.hpp) —
// a school added or renamed, the usual writes of a day, leaves them. The
// territories and organisations are counted in the request (milliseconds).
reg::Summary summary(App& app, const Caller& caller, std::optional<std::int64_t> territory) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  const auto today = domain::Date::today().iso();
  auto out = app.db->read([&](storage::Connection& c) {
    if (territory && (!reg::find_territory(c, *territory) || !reg::territory_covered(c, *territory, scope)))
      throw domain::Error::not_found("Территория не найдена");
    reg::Summary s;
    reg::count_organisations(c, territory, scope, s);
    return s;
  });
  Computation job;
  job.key = "summary-workers/" + scope_key(scope) + "/" + (territory ? std::to_string(*territory) : std::string("-")) +
            "/" + today;
  job.version = storage::staff_version;
  job.compute = [scope, territory, today](storage::Connection& c) {
    auto workers = std::make_shared<reg::Summary>();
    reg::count_workers(c, territory, today, scope, *workers);
    return std::vector<Part>{{"", encode_summary(*workers), Decoded{workers, sizeof(reg::Summary) + 512}}};
  };
  job.decode = [](const std::string& body) {
    return Decoded{std::make_shared<const reg::Summary>(decode_summary(body)), sizeof(reg::Summary) + 512};
  };
  const auto workers = std::static_pointer_cast<const reg::Summary>(app.shared->get(*app.db, job, "").value);
  out.pedagogical_workers = workers->pedagogical_workers;
  out.workers_by_category = workers->workers_by_category;
  return out;
}

}  // namespace metodist::app
