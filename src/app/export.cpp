#include "app/export.hpp"

#include "app/audit_text.hpp"
#include "app/registry.hpp"
#include "app/territories.hpp"

#include <climits>
#include <unordered_map>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "domain/territories.hpp"
#include "domain/text.hpp"
#include "io/table_writer.hpp"

namespace metodist::app {
namespace {

namespace reg = storage::registry;
using io::ColumnKind;

using domain::title_of;

// Export columns from the import columns by key, so the headers stay one list.
std::vector<io::ExportColumn> columns_for(std::span<const domain::ImportColumn> columns,
                                          std::initializer_list<std::pair<std::string_view, ColumnKind>> keys) {
  std::vector<io::ExportColumn> out;
  for (const auto& [key, kind] : keys) {
    for (const auto& c : columns)
      if (c.key == key) out.push_back({std::string(c.title), kind, kind == ColumnKind::text ? 24.0 : 14.0});
  }
  return out;
}

const std::vector<io::ExportColumn>& territory_columns() {
  static const auto columns = columns_for(domain::territory_import_columns(), {{"code", ColumnKind::text},
                                                                               {"name", ColumnKind::text},
                                                                               {"level", ColumnKind::text},
                                                                               {"municipality_kind", ColumnKind::text},
                                                                               {"oktmo", ColumnKind::text},
                                                                               {"subject_number", ColumnKind::text},
                                                                               {"parent", ColumnKind::text},
                                                                               {"parent_name", ColumnKind::text},
                                                                               {"abolished_on", ColumnKind::date},
                                                                               {"merged_into", ColumnKind::text}});
  return columns;
}

const std::vector<io::ExportColumn>& organisation_columns() {
  static const auto columns =
      columns_for(domain::organisation_import_columns(), {{"code", ColumnKind::text},
                                                          {"name", ColumnKind::text},
                                                          {"short_name", ColumnKind::text},
                                                          {"kind", ColumnKind::text},
                                                          {"territory", ColumnKind::text},
                                                          {"inn", ColumnKind::text},
                                                          {"address", ColumnKind::text},
                                                          {"is_shnor", ColumnKind::flag},
                                                          {"has_staff_plan", ColumnKind::flag},
                                                          {"has_mentoring_model", ColumnKind::flag}});
  return columns;
}

const std::vector<io::ExportColumn>& staff_columns() {
  static const auto columns = [] {
    auto c = columns_for(domain::person_import_columns(), {{"code", ColumnKind::text},
                                                           {"last_name", ColumnKind::text},
                                                           {"first_name", ColumnKind::text},
                                                           {"middle_name", ColumnKind::text},
                                                           {"snils", ColumnKind::text},
                                                           {"gender", ColumnKind::text},
                                                           {"birth_date", ColumnKind::date},
                                                           {"ped_experience_since", ColumnKind::date},
                                                           {"category", ColumnKind::text},
                                                           {"higher_ped_education", ColumnKind::flag},
                                                           {"ped_university_graduate", ColumnKind::flag},
                                                           {"organisation", ColumnKind::text},
                                                           {"position", ColumnKind::text},
                                                           {"subject_area", ColumnKind::text},
                                                           {"subjects", ColumnKind::text},
                                                           {"hired_on", ColumnKind::date},
                                                           {"left_on", ColumnKind::date}});
    // For the reader only; import ignores it (the code above identifies the workplace).
    c.insert(c.begin() + 12, {"Наименование организации", ColumnKind::text, 40});
    return c;
  }();
  return columns;
}

}  // namespace

ExportFile finish_export(io::TableSink& sink, const std::string& stem, const std::string& format) {
  ExportFile f;
  f.bytes = sink.finish();
  f.content_type =
      format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  f.filename = stem + "-" + domain::Date::today().iso() + "." + format;
  return f;
}

ExportFile export_territories(App& app, const Caller& caller, const reg::TerritoryFilter& f,
                              const std::string& format) {
  auto sink = io::make_sink(format, "Территории", territory_columns());
  const auto scope = scope_of(caller, domain::Action::read_registry);
  app.db->read([&](storage::Connection& c) {
    // Names of the territories above are shown to anyone who sees those below.
    std::unordered_map<std::int64_t, domain::Territory> all;
    domain::Scope everything;
    everything.everything = true;
    for (auto& t : reg::list_territories(c, {}, everything)) all.emplace(t.id, std::move(t));
    auto named = [&](std::optional<std::int64_t> id) -> const domain::Territory* {
      if (!id) return nullptr;
      auto it = all.find(*id);
      return it == all.end() ? nullptr : &it->second;
    };
    for (const auto& t : reg::list_territories(c, with_folded_query(f), scope)) {
      const auto* parent = named(t.parent_id);
      const auto* into = named(t.merged_into_id);
      sink->row({t.code, t.name, title_of(domain::territory_levels(), t.level),
                 t.municipality_kind.empty() ? "" : title_of(domain::municipality_kinds(), t.municipality_kind),
                 t.oktmo, t.subject_number ? std::to_string(*t.subject_number) : "", parent ? parent->code : "",
                 parent ? parent->name : "", t.abolished_on, into ? into->code : ""});
    }
  });
  return finish_export(*sink, "territories", format);
}

ExportFile export_organisations(App& app, const Caller& caller, const reg::OrganisationFilter& f,
                                const std::string& format) {
  auto sink = io::make_sink(format, "Организации", organisation_columns());
  const auto scope = scope_of(caller, domain::Action::read_registry);
  app.db->read([&](storage::Connection& c) {
    reg::each_organisation(c, with_folded_query(f), scope,
                           [&](const domain::Organisation& o, const std::string& territory) {
                             sink->row({o.code, o.name, o.short_name, title_of(domain::organisation_kinds(), o.kind),
                                        territory, o.inn, o.address, o.is_shnor ? "1" : "0",
                                        o.has_staff_plan ? "1" : "0", o.has_mentoring_model ? "1" : "0"});
                           });
  });
  return finish_export(*sink, "organisations", format);
}

ExportFile export_staff(App& app, const Caller& caller, const reg::StaffFilter& f, const std::string& format) {
  check_staff_filter(caller, f);
  auto sink = io::make_sink(format, "Педагоги", staff_columns());
  const auto scope = scope_of(caller, domain::Action::read_registry);
  const auto personal = scope_of(caller, domain::Action::read_personal);
  app.db->read([&](storage::Connection& c) {
    reg::each_staff(c, with_folded_query(f), scope, personal, [&](const reg::StaffRow& s) {
      const auto& p = s.person;
      const auto& w = s.position;
      // Withheld personal data leaves its cells empty (not «нет»): the card shows nothing either.
      const auto flag = [&](bool v) -> std::string { return s.personal_data ? (v ? "1" : "0") : ""; };
      sink->row({p.code, p.last_name, p.first_name, p.middle_name, p.snils,
                 p.gender == "m"   ? "м"
                 : p.gender == "f" ? "ж"
                                   : "",
                 p.birth_date, p.ped_experience_since, title_of(domain::qualification_categories(), p.category),
                 flag(p.higher_ped_education), flag(p.ped_university_graduate), s.organisation_code,
                 s.organisation_name, title_of(domain::positions(), w.position),
                 title_of(domain::subject_areas(), w.subject_area), w.subjects, w.hired_on, w.left_on});
    });
  });
  return finish_export(*sink, "persons", format);
}

ExportFile export_accounts(App& app, const Caller& caller, const std::string& query, const std::string& format) {
  const auto scope = require_scope(caller, domain::Action::manage_accounts, "управление учётными записями");
  auto sink = io::make_sink(format, "Учётные записи",
                            {{"Логин", ColumnKind::text, 18},
                             {"Имя", ColumnKind::text, 32},
                             {"Эл. почта", ColumnKind::text, 28},
                             {"Активна", ColumnKind::flag, 10},
                             {"Сменить пароль при входе", ColumnKind::flag, 12},
                             {"Роли", ColumnKind::text, 70}});
  app.db->read([&](storage::Connection& c) {
    namespace acc = storage::accounts;
    const auto page = acc::list_accounts(c, scope, domain::fold_for_search(query), INT32_MAX, 0);
    // «Методист — Республика Адыгея», the scope named as the accounts page names it.
    auto role_text = [](const acc::RoleAssignment& r) {
      const auto* info = domain::find_role(r.role);
      std::string text = info ? std::string(info->title) : r.role;
      if (!r.scope_name.empty()) text += " — " + r.scope_name;
      return text;
    };
    // Roles are read for 500 accounts at a time (one IN list per chunk).
    constexpr std::size_t kChunk = 500;
    for (std::size_t from = 0; from < page.items.size(); from += kChunk) {
      const std::span chunk(page.items.data() + from, std::min(kChunk, page.items.size() - from));
      std::vector<std::int64_t> ids;
      for (const auto& a : chunk) ids.push_back(a.id);
      std::unordered_map<std::int64_t, std::string> roles;  // account → «role — scope; …»
      for (const auto& r : acc::roles_of(c, ids)) {
        auto& text = roles[r.account_id];
        text += (text.empty() ? "" : "; ") + role_text(r);
      }
      for (const auto& a : chunk)
        sink->row({a.login, a.display_name, a.email, a.is_active ? "1" : "0", a.must_change_password ? "1" : "0",
                   roles[a.id]});
    }
  });
  return finish_export(*sink, "accounts", format);
}

ExportFile export_audit(App& app, const Caller& caller, const storage::accounts::AuditFilter& f,
                        const std::string& format) {
  require_scope(caller, domain::Action::read_audit, "просмотр журнала аудита");
  // Times as the reader's territory keeps them (never «UTC»), the zone in the column's title.
  const auto zone = caller_time_zone(app, caller);
  auto sink = io::make_sink(format, "Журнал аудита",
                            {{"Когда (" + domain::zone_short_title(zone) + ")", ColumnKind::text, 18},
                             {"Кто", ColumnKind::text, 16},
                             {"Что сделано", ColumnKind::text, 40},
                             {"Подробности", ColumnKind::text, 60},
                             {"Действие", ColumnKind::text, 16},
                             {"Объект", ColumnKind::text, 16},
                             {"Номер объекта", ColumnKind::integer, 12},
                             {"Было", ColumnKind::text, 60},
                             {"Стало", ColumnKind::text, 60},
                             {"Код запроса", ColumnKind::text, 20}});
  app.db->read([&](storage::Connection& c) {
    storage::accounts::each_audit(c, f, [&](const storage::accounts::AuditRow& e) {
      // In words first; the codes and JSON as stored after them, for checking.
      const auto text = audit_text(e);
      std::string details;
      for (const auto& change : text.changes)
        details += (details.empty() ? "" : "; ") + change.field + ": " +
                   (change.before.empty() ? change.after : change.before + " → " + change.after);
      sink->row({domain::local_time_text(e.at, zone), e.account_login, text.summary, details, e.action, e.entity,
                 e.entity_id ? std::to_string(*e.entity_id) : "", e.before_json, e.after_json, e.request_id});
    });
  });
  return finish_export(*sink, "audit", format);
}

ExportFile import_template(std::string_view kind, const std::string& format) {
  if (kind == "territories") {
    auto sink = io::make_sink(format, "Территории", territory_columns());
    return finish_export(*sink, "template-territories", format);
  }
  // History files: every column of the import, in its order.
  const auto all_of = [](std::span<const domain::ImportColumn> columns) {
    std::vector<io::ExportColumn> out;
    for (const auto& c : columns) out.push_back({std::string(c.title), ColumnKind::text, 24.0});
    return out;
  };
  if (kind == "completions") {
    auto sink = io::make_sink(format, "Обучение", all_of(domain::completion_import_columns()));
    return finish_export(*sink, "template-completions", format);
  }
  if (kind == "attendance") {
    auto sink = io::make_sink(format, "Участие", all_of(domain::attendance_import_columns()));
    return finish_export(*sink, "template-attendance", format);
  }
  if (kind == "mentoring_pairs") {
    auto sink = io::make_sink(format, "Наставничество", all_of(domain::mentoring_pair_import_columns()));
    return finish_export(*sink, "template-mentoring-pairs", format);
  }
  if (kind == "help_requests") {
    auto sink = io::make_sink(format, "Запросы", all_of(domain::help_request_import_columns()));
    return finish_export(*sink, "template-help-requests", format);
  }
  if (kind == "assignments") {
    auto sink = io::make_sink(format, "Закрепления", all_of(domain::assignment_import_columns()));
    return finish_export(*sink, "template-assignments", format);
  }
  if (kind == "memberships") {
    auto sink = io::make_sink(format, "Сообщества", all_of(domain::membership_import_columns()));
    return finish_export(*sink, "template-memberships", format);
  }
  if (kind == "organisations") {
    auto sink = io::make_sink(format, "Организации", organisation_columns());
    return finish_export(*sink, "template-organisations", format);
  }
  if (kind == "persons") {
    auto sink = io::make_sink(format, "Педагоги", staff_columns());
    return finish_export(*sink, "template-persons", format);
  }
  throw domain::Error::not_found("Импорт «" + std::string(kind) +
                                 "» не поддерживается: territories, organisations, persons, completions, attendance, "
                                 "memberships, mentoring_pairs, assignments или help_requests");
}

}  // namespace metodist::app
