#include "app/export.hpp"

#include "app/registry.hpp"

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "io/table_writer.hpp"

namespace metodist::app {
namespace {

namespace reg = storage::registry;
using io::ColumnKind;

// The Russian title of a code, as import reads it back; unknown codes as they are.
std::string title_of(std::span<const domain::Term> vocabulary, const std::string& code) {
  auto* t = domain::find_term(vocabulary, code);
  return t ? std::string(t->title) : code;
}

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

const std::vector<io::ExportColumn>& organisation_columns() {
  static const auto columns = columns_for(domain::organisation_import_columns(),
                                          {{"code", ColumnKind::text},
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
    auto c = columns_for(domain::person_import_columns(),
                         {{"code", ColumnKind::text},
                          {"last_name", ColumnKind::text},
                          {"first_name", ColumnKind::text},
                          {"middle_name", ColumnKind::text},
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
    c.insert(c.begin() + 11, {"Наименование организации", ColumnKind::text, 40});
    return c;
  }();
  return columns;
}

ExportFile finish(io::TableSink& sink, const std::string& stem, const std::string& format) {
  ExportFile f;
  f.bytes = sink.finish();
  f.content_type = format == "csv" ? "text/csv; charset=utf-8"
                                   : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  f.filename = stem + "-" + domain::Date::today().iso() + "." + format;
  return f;
}

}  // namespace

ExportFile export_organisations(App& app, const Caller& caller, const reg::OrganisationFilter& f,
                                const std::string& format) {
  auto sink = io::make_sink(format, "Организации", organisation_columns());
  const auto scope = scope_of(caller, domain::Action::read_registry);
  app.db->read([&](storage::Connection& c) {
    reg::each_organisation(c, with_folded_query(f), scope, [&](const domain::Organisation& o, const std::string& territory) {
      sink->row({o.code, o.name, o.short_name, title_of(domain::organisation_kinds(), o.kind), territory, o.inn,
                 o.address, o.is_shnor ? "1" : "0", o.has_staff_plan ? "1" : "0", o.has_mentoring_model ? "1" : "0"});
    });
  });
  return finish(*sink, "organisations", format);
}

ExportFile export_staff(App& app, const Caller& caller, const reg::StaffFilter& f, const std::string& format) {
  auto sink = io::make_sink(format, "Педагоги", staff_columns());
  const auto scope = scope_of(caller, domain::Action::read_registry);
  const auto personal = scope_of(caller, domain::Action::read_personal);
  app.db->read([&](storage::Connection& c) {
    reg::each_staff(c, with_folded_query(f), scope, personal, [&](const reg::StaffRow& s) {
      const auto& p = s.person;
      const auto& w = s.position;
      sink->row({p.code, p.last_name, p.first_name, p.middle_name,
                 p.gender == "m" ? "м" : p.gender == "f" ? "ж" : "", p.birth_date, p.ped_experience_since,
                 title_of(domain::qualification_categories(), p.category), p.higher_ped_education ? "1" : "0",
                 p.ped_university_graduate ? "1" : "0", s.organisation_code, s.organisation_name,
                 title_of(domain::positions(), w.position), title_of(domain::subject_areas(), w.subject_area),
                 w.subjects, w.hired_on, w.left_on});
    });
  });
  return finish(*sink, "persons", format);
}

ExportFile export_audit(App& app, const Caller& caller, const storage::accounts::AuditFilter& f,
                        const std::string& format) {
  require_scope(caller, domain::Action::read_audit, "просмотр журнала аудита");
  auto sink = io::make_sink(format, "Журнал аудита",
                            {{"Когда (UTC)", ColumnKind::text, 22}, {"Кто", ColumnKind::text, 16},
                             {"Действие", ColumnKind::text, 16}, {"Объект", ColumnKind::text, 16},
                             {"Номер объекта", ColumnKind::integer, 12}, {"Было", ColumnKind::text, 60},
                             {"Стало", ColumnKind::text, 60}, {"Код запроса", ColumnKind::text, 20}});
  app.db->read([&](storage::Connection& c) {
    storage::accounts::each_audit(c, f, [&](const storage::accounts::AuditRow& e) {
      sink->row({e.at, e.account_login, e.action, e.entity, e.entity_id ? std::to_string(*e.entity_id) : "",
                 e.before_json, e.after_json, e.request_id});
    });
  });
  return finish(*sink, "audit", format);
}

ExportFile import_template(std::string_view kind, const std::string& format) {
  if (kind == "organisations") {
    auto sink = io::make_sink(format, "Организации", organisation_columns());
    return finish(*sink, "template-organisations", format);
  }
  if (kind == "persons") {
    auto sink = io::make_sink(format, "Педагоги", staff_columns());
    return finish(*sink, "template-persons", format);
  }
  throw domain::Error::not_found("Импорт «" + std::string(kind) + "» не поддерживается: organisations или persons");
}

}  // namespace metodist::app
