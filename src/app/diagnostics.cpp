#include "app/diagnostics.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "app/table_rows.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "domain/text.hpp"
#include "storage/account_repository.hpp"
#include "storage/registry_batch.hpp"
#include "storage/registry_repository.hpp"
#include "storage/registry_sql.hpp"

namespace metodist::app {
namespace {

namespace dia = storage::diagnostics;
namespace reg = storage::registry;

std::string audit_json(const dia::CompetencyRow& k) {
  nlohmann::json j{{"code", k.code}, {"title", k.title}, {"is_active", k.is_active}};
  j["threshold"] = k.threshold ? nlohmann::json(*k.threshold) : nlohmann::json(nullptr);
  return j.dump();
}

domain::DeficitRule deficit_rule(const std::vector<dia::CompetencyRow>& framework) {
  std::map<std::string, double, std::less<>> own;
  for (const auto& k : framework)
    if (k.threshold) own.emplace(k.code, *k.threshold);
  return domain::DeficitRule(kDefaultDeficitThreshold, std::move(own));
}

void check_campaign(const dia::Campaign& d) {
  if (domain::trim(d.title).empty()) throw domain::Error::validation("title", "Укажите название кампании");
  if (domain::utf8_length(d.title) > 300) throw domain::Error::validation("title", "Название длиннее 300 символов");
  if (domain::trim(d.instrument).empty())
    throw domain::Error::validation("instrument", "Укажите инструмент диагностики (тест, платформа)");
  if (d.kind != "competencies" && d.kind != "functional_literacy")
    throw domain::Error::validation("kind", "Вид диагностики: competencies или functional_literacy");
  domain::check_period(d.starts_on, d.ends_on, "starts_on", "ends_on");
}

// The workplaces (hired, left; "" when open) each person held in the
// territory's subtree, past ones too: a result counts if it was measured
// while the person worked there, whatever happened since.
using Spells = std::unordered_map<std::int64_t, std::vector<std::pair<std::string, std::string>>>;
Spells workplaces_in(storage::Connection& c, std::int64_t territory_id) {
  Spells out;
  storage::Params params;
  c.run(
      "SELECT ps.person_id, ps.hired_on, ps.left_on"
      " FROM positions ps JOIN organisations o ON o.id = ps.organisation_id WHERE o.territory_id IN " +
          reg::subtree(reg::placeholder(params, territory_id)),
      params, [&](const storage::Row& r) {
        out[r.int64("person_id")].emplace_back(r.opt_text("hired_on").value_or(""), r.opt_text("left_on").value_or(""));
      });
  return out;
}

// Worked there on `day` (ISO): hired by then and not yet gone (the leaving day is worked).
bool worked_on(const Spells& spells, std::int64_t person, const std::string& day) {
  auto it = spells.find(person);
  if (it == spells.end()) return false;
  for (const auto& [hired, left] : it->second)
    if ((hired.empty() || hired <= day) && (left.empty() || day <= left)) return true;
  return false;
}

}  // namespace

std::vector<std::string> deficits_of(storage::Connection& c, std::int64_t person_id, const domain::Date& on) {
  std::vector<domain::CompetencyResult> measured;
  for (const auto& r : dia::results_of_person(c, person_id))
    if (auto day = domain::Date::parse_iso(r.measured_on); day && !r.competency_code.empty())
      measured.push_back({r.competency_code, r.percent, *day});
  return domain::deficits_on(measured, deficit_rule(dia::list_competencies(c)), on);
}

bool administers_diagnostics_of(storage::Connection& c, const Caller& caller, std::int64_t person_id) {
  domain::Scope scope = scope_of(caller, domain::Action::read_diagnostics);
  scope.person.reset();
  return !scope.empty() && reg::person_in_scope(c, person_id, scope);
}

bool reads_diagnostics_of(storage::Connection& c, const Caller& caller, std::int64_t person_id) {
  return (caller.person_id && *caller.person_id == person_id) || administers_diagnostics_of(c, caller, person_id);
}

std::vector<std::int64_t> competency_ids(storage::Connection& c, const std::vector<std::string>& codes,
                                         const char* field) {
  std::map<std::string, std::int64_t, std::less<>> framework;
  for (const auto& k : dia::list_competencies(c)) framework.emplace(k.code, k.id);
  std::vector<std::int64_t> ids;
  for (const auto& code : codes) {
    auto it = framework.find(code);
    if (it == framework.end())
      throw domain::Error::validation(field, "Компетенции «" + code + "» нет в рамке компетенций");
    if (std::find(ids.begin(), ids.end(), it->second) == ids.end()) ids.push_back(it->second);
  }
  return ids;
}

bool owns_framework(const Caller& caller) {
  for (const auto& r : caller.roles)
    if (r.role == "federal_operator" || r.role == "regional_ministry" || r.role == "regional_institute") return true;
  return false;
}

std::vector<dia::CompetencyRow> list_competencies(App& app) {
  return app.db->read([](storage::Connection& c) { return dia::list_competencies(c); });
}

dia::CompetencyRow update_competency(App& app, const Caller& caller, std::int64_t id, const std::string& title,
                                     std::optional<double> threshold, bool is_active, const std::string& request_id) {
  require_scope(caller, domain::Action::manage_diagnostics, "изменение рамки компетенций");
  if (!owns_framework(caller))
    throw domain::Error::forbidden(
        "Рамку компетенций меняют региональный институт, министерство или федеральный оператор");
  const std::string clean = domain::trim(title);
  if (clean.empty()) throw domain::Error::validation("title", "Укажите название компетенции");
  if (domain::utf8_length(clean) > 300) throw domain::Error::validation("title", "Название длиннее 300 символов");
  if (threshold && !(*threshold > 0 && *threshold <= 100))
    throw domain::Error::validation("threshold", "Порог дефицита — от 0 до 100 %");
  return app.db->write([&](storage::Connection& c) {
    auto before = dia::find_competency(c, id);
    if (!before) throw domain::Error::not_found("Компетенция не найдена");
    dia::CompetencyRow after = *before;
    after.title = clean;
    after.threshold = threshold;
    after.is_active = is_active;
    dia::update_competency(c, after);
    audit_change(c, caller, "update", "competency", id, audit_json(*before), audit_json(after), request_id);
    return after;
  });
}

std::vector<dia::Campaign> list_campaigns(App& app, const Caller& caller) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) { return dia::list_campaigns(c, scope); });
}

dia::Campaign get_campaign(App& app, const Caller& caller, std::int64_t id) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  auto found = app.db->read([&](storage::Connection& c) -> std::optional<dia::Campaign> {
    auto k = dia::find_campaign(c, id);
    if (!k || !reg::territory_visible(c, k->territory_id, scope)) return std::nullopt;
    return k;
  });
  if (!found) throw domain::Error::not_found("Кампания диагностики не найдена");
  return *found;
}

dia::Campaign create_campaign(App& app, const Caller& caller, dia::Campaign draft, const std::string& request_id) {
  const auto scope = require_scope(caller, domain::Action::manage_diagnostics, "проведение диагностик");
  draft.title = domain::trim(draft.title);
  draft.instrument = domain::trim(draft.instrument);
  draft.provider = domain::trim(draft.provider);
  check_campaign(draft);
  const auto id = app.db->write([&](storage::Connection& c) {
    if (!reg::find_territory(c, draft.territory_id))
      throw domain::Error::validation("territory_id", "Территория не найдена");
    if (!reg::territory_covered(c, draft.territory_id, scope))
      throw domain::Error::forbidden("Эта территория вне ваших полномочий", "territory_id");
    const auto id = dia::insert_campaign(c, draft);
    audit_change(c, caller, "create", "diagnostic_campaign", id, {},
                 nlohmann::json{{"title", draft.title},
                                {"kind", draft.kind},
                                {"instrument", draft.instrument},
                                {"territory_id", draft.territory_id},
                                {"starts_on", draft.starts_on},
                                {"ends_on", draft.ends_on}}
                     .dump(),
                 request_id);
    return id;
  });
  return get_campaign(app, caller, id);
}

ImportReport import_results(App& app, const Caller& caller, std::int64_t campaign_id, const io::Table& table,
                            bool dry_run, const std::string& request_id) {
  const auto scope = require_scope(caller, domain::Action::manage_diagnostics, "загрузка результатов диагностики");
  ImportReport report;
  report.kind = "diagnostic_results";
  report.format = table.format;
  report.encoding = table.encoding;
  report.delimiter = table.delimiter;
  report.dry_run = dry_run;

  auto run = [&](storage::Connection& c) {
    auto campaign = dia::find_campaign(c, campaign_id);
    if (!campaign ||
        !reg::territory_visible(c, campaign->territory_id, scope_of(caller, domain::Action::read_registry)))
      throw domain::Error::not_found("Кампания диагностики не найдена");
    if (!reg::territory_covered(c, campaign->territory_id, scope))
      throw domain::Error::forbidden("Загружать результаты этой кампании может тот, кто её ведёт");
    const bool literacy = campaign->kind == "functional_literacy";

    const auto columns = domain::diagnostic_result_import_columns();
    const std::span<const std::string_view> header = table.rows.empty()
                                                         ? std::span<const std::string_view>{}
                                                         : std::span<const std::string_view>(table.rows[0].cells);
    const auto map = domain::map_header(columns, header);
    if (!check_header(columns, map, table, report)) return;
    for (const char* key : {"raw_score", "max_score"})
      if (!map.of(columns, key)) {
        ++report.issue_count;
        report.issues.push_back({table.rows[0].number,
                                 std::string(key == std::string_view("raw_score") ? "Балл" : "Максимальный балл"),
                                 "Нет столбца: без него результат не посчитать"});
      }
    if (!literacy && !map.of(columns, "competency")) {
      ++report.issue_count;
      report.issues.push_back(
          {table.rows[0].number, "Компетенция", "Нет столбца «Компетенция»: к чему относится балл?"});
    }
    if (report.issue_count) return;

    const auto stored = reg::person_ids_by_code(c, codes_in(table, map.of(columns, "code")));
    const auto spells = workplaces_in(c, campaign->territory_id);
    const auto framework = dia::list_competencies(c);
    std::unordered_map<std::string, const dia::CompetencyRow*> by_key;  // code and folded title
    for (const auto& k : framework) {
      by_key.emplace(k.code, &k);
      by_key.emplace(domain::fold_for_search(k.title), &k);
    }
    const auto starts = *domain::Date::parse_iso(campaign->starts_on);
    const auto ends = *domain::Date::parse_iso(campaign->ends_on);

    std::vector<dia::Result> rows;
    std::vector<std::int64_t> persons;
    std::set<std::pair<std::int64_t, std::int64_t>> seen;  // person, competency (0: literacy)
    std::unordered_set<std::int64_t> counted;
    RowReader row(columns, map, header, report);
    const Col code_col = row.col("code"), competency = row.col("competency"), raw = row.col("raw_score"),
              max = row.col("max_score"), measured = row.col("measured_on");
    for_each_data_row(table, row, report, {}, "Не указан код педагога", [&](std::string_view code) {
      dia::Result r;
      auto person = stored.find(code);
      if (person == stored.end()) {
        row.problem(code_col, "Педагог с кодом " + RowReader::quoted(code) + " не найден в реестре");
        return;
      }
      r.person_id = person->second;
      if (!spells.count(r.person_id)) {
        row.problem(code_col, "Педагог " + RowReader::quoted(code) + " не работает на территории кампании «" +
                                  campaign->territory_name + "»");
        return;
      }
      if (!literacy) {
        const auto given = row.text(competency);
        auto it = by_key.find(std::string(given));
        if (it == by_key.end()) it = by_key.find(domain::fold_for_search(given));
        if (given.empty())
          row.problem(competency, "Укажите компетенцию (код или название из рамки)");
        else if (it == by_key.end())
          row.problem(competency, RowReader::quoted(given) + ": такой компетенции нет в рамке");
        else if (!it->second->is_active)
          row.problem(competency, RowReader::quoted(given) + ": компетенция не используется");
        else
          r.competency_id = it->second->id;
      }
      const auto raw_value = domain::parse_number(row.text(raw));
      const auto max_value = domain::parse_number(row.text(max));
      if (!raw_value) row.problem(raw, RowReader::quoted(row.text(raw)) + ": нужен балл числом");
      if (!max_value) row.problem(max, RowReader::quoted(row.text(max)) + ": нужен максимальный балл числом");
      if (raw_value && max_value) {
        try {
          r.raw_score = *raw_value;
          r.max_score = *max_value;
          r.percent = domain::percent_of(*raw_value, *max_value);
        } catch (const domain::Error& e) {
          row.problem(e.field() == "max_score" ? max : raw, e.what());
        }
      }
      std::optional<domain::Date> on;
      row.date(measured, on);
      if (on && (*on < starts || ends < *on))
        row.problem(measured, "Дата вне сроков кампании (" + campaign->starts_on + " — " + campaign->ends_on + ")");
      r.measured_on = on ? on->iso() : campaign->ends_on;
      if (row.ok() && !worked_on(spells, r.person_id, r.measured_on))
        row.problem(on ? measured : code_col, "Педагог " + RowReader::quoted(code) +
                                                  " не работал на территории кампании «" + campaign->territory_name +
                                                  "» " + domain::russian_date(r.measured_on) +
                                                  (on ? "" : " (последний день кампании; укажите дату прохождения)"));
      if (!row.ok()) return;
      if (!seen.insert({r.person_id, r.competency_id.value_or(0)}).second) {
        row.problem(literacy ? code_col : competency,
                    literacy ? "Результат этого педагога уже есть в файле выше"
                             : "Результат этого педагога по этой компетенции уже есть в файле выше");
        return;
      }
      if (counted.insert(r.person_id).second) persons.push_back(r.person_id);
      rows.push_back(std::move(r));
    });
    report.created = persons.size();
    report.workplaces = 0;
    if (dry_run || report.issue_count) return;
    dia::replace_results(c, campaign_id, persons, rows);
    audit_change(c, caller, "import", "diagnostic_result", campaign_id, {},
                 nlohmann::json{{"format", report.format}, {"rows", report.rows}, {"persons", report.created}}.dump(),
                 request_id);
    report.applied = true;
  };
  if (dry_run)
    app.db->read(run);
  else
    app.db->write(run);
  return report;
}

PersonDiagnostics person_diagnostics(App& app, const Caller& caller, std::int64_t person_id) {
  const auto scope = scope_of(caller, domain::Action::read_diagnostics);
  PersonDiagnostics out;
  std::vector<dia::CompetencyRow> framework;
  std::map<std::int64_t, domain::LevelScale> scales;  // campaign → its region's scale
  const bool visible = app.db->read([&](storage::Connection& c) {
    if (scope.empty() || !reg::find_person(c, person_id) || !reg::person_in_scope(c, person_id, scope)) return false;
    out.results = dia::results_of_person(c, person_id);
    framework = dia::list_competencies(c);
    // Each result on the scale of the region its campaign ran in.
    for (const auto& r : out.results)
      if (!scales.count(r.campaign_id))
        if (auto campaign = dia::find_campaign(c, r.campaign_id))
          scales.emplace(r.campaign_id, level_scale_for(c, campaign->territory_id));
    return true;
  });
  if (!visible) throw domain::Error::not_found("Результаты диагностики не найдены или недоступны");

  std::vector<domain::CompetencyResult> measured;
  std::vector<std::int64_t> campaigns;  // with competency results, in order
  for (const auto& r : out.results) {
    const auto& scale = scales.at(r.campaign_id);
    const auto& band = scale.level_of(r.percent);
    out.levels.push_back({band, static_cast<std::size_t>(&band - scale.bands().data()), scale.bands().size()});
    if (r.competency_code.empty()) continue;
    if (auto on = domain::Date::parse_iso(r.measured_on)) measured.push_back({r.competency_code, r.percent, *on});
    if (campaigns.empty() || campaigns.back() != r.campaign_id) campaigns.push_back(r.campaign_id);
  }
  out.deficits = domain::deficits_on(measured, deficit_rule(framework), domain::Date::today());
  if (campaigns.size() >= 2) {
    std::vector<domain::CompetencyResult> before, after;
    for (const auto& r : out.results) {
      if (r.competency_code.empty()) continue;
      auto on = domain::Date::parse_iso(r.measured_on);
      if (!on) continue;
      if (r.campaign_id == campaigns[campaigns.size() - 2]) before.push_back({r.competency_code, r.percent, *on});
      if (r.campaign_id == campaigns.back()) after.push_back({r.competency_code, r.percent, *on});
    }
    out.dynamics = domain::dynamics(before, after);
  }
  return out;
}

Heatmap deficit_heatmap(App& app, const Caller& caller, std::int64_t campaign_id, bool by_municipality) {
  get_campaign(app, caller, campaign_id);  // 404 outside the reading scope
  const auto scope = scope_of(caller, domain::Action::read_registry);
  Heatmap out;
  out.cells = app.db->read([&](storage::Connection& c) {
    return dia::deficit_heatmap(c, campaign_id, by_municipality, scope, kDefaultDeficitThreshold,
                                domain::kCopedFromPercent);
  });
  for (auto& cell : out.cells)
    if (cell.tested < kMinCellPersons) cell.tested = cell.deficits = -1;
  // Two schools named «СОШ № 1» in a district read as one row otherwise.
  std::vector<domain::NamedUnit> units;
  for (const auto& cell : out.cells) units.push_back({cell.unit_id, cell.unit_name, cell.unit_place});
  domain::make_names_distinct(units);
  for (std::size_t i = 0; i < units.size(); ++i) out.cells[i].unit_name = std::move(units[i].name);
  return out;
}

namespace {

std::string bands_json(const std::vector<domain::LevelBand>& bands) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& b : bands) out.push_back({{"code", b.code}, {"title", b.title}, {"from_percent", b.from_percent}});
  return out.dump();
}

// A stored scale that no longer reads (edited by hand) falls back to the
// standard one rather than failing every diagnostics page of the region.
std::optional<domain::LevelScale> stored_scale(storage::Connection& c, std::int64_t region_id) {
  const auto text = dia::level_scale_of(c, region_id);
  if (!text) return std::nullopt;
  try {
    std::vector<domain::LevelBand> bands;
    for (const auto& b : nlohmann::json::parse(*text))
      bands.push_back(
          {b.at("code").get<std::string>(), b.at("title").get<std::string>(), b.at("from_percent").get<double>()});
    return domain::LevelScale(std::move(bands));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

RegionLevels levels_of_region(storage::Connection& c, const Caller& caller, std::int64_t region_id) {
  const auto t = reg::find_territory(c, region_id);
  if (!t || t->level != "region" ||
      !reg::territory_visible(c, region_id, scope_of(caller, domain::Action::read_registry)))
    throw domain::Error::not_found("Регион не найден");
  RegionLevels out;
  out.region_id = region_id;
  out.region_name = t->name;
  const auto own = stored_scale(c, region_id);
  out.standard = !own;
  const auto scale = own ? *own : domain::LevelScale::standard();
  out.bands.assign(scale.bands().begin(), scale.bands().end());
  out.can_edit = owns_framework(caller) &&
                 reg::territory_covered(c, region_id, scope_of(caller, domain::Action::manage_diagnostics));
  return out;
}

}  // namespace

domain::LevelScale level_scale_for(storage::Connection& c, std::int64_t territory_id) {
  if (const auto region = reg::region_of(c, territory_id))
    if (auto own = stored_scale(c, *region)) return *own;
  return domain::LevelScale::standard();
}

RegionLevels region_levels(App& app, const Caller& caller, std::int64_t region_id) {
  return app.db->read([&](storage::Connection& c) { return levels_of_region(c, caller, region_id); });
}

RegionLevels set_region_levels(App& app, const Caller& caller, std::int64_t region_id,
                               std::vector<domain::LevelBand> bands, const std::string& request_id) {
  for (auto& b : bands) {
    b.code = domain::trim(b.code);
    b.title = domain::trim(b.title);
    if (b.code.empty() || b.title.empty())
      throw domain::Error::validation("levels", "У каждого уровня — код и название");
    if (b.code.size() > 32 || domain::utf8_length(b.title) > 100)
      throw domain::Error::validation("levels", "Код уровня — до 32 символов, название — до 100");
  }
  if (bands.size() > 10) throw domain::Error::validation("levels", "Не больше 10 уровней");
  if (!bands.empty()) domain::LevelScale check(bands);  // the scale's own rules, named "levels"
  return app.db->write([&](storage::Connection& c) {
    const auto before = levels_of_region(c, caller, region_id);
    if (!before.can_edit)
      throw domain::Error::forbidden(
          "Шкалу уровней региона задают региональный орган управления и институт развития образования");
    if (bands.empty())
      dia::delete_level_scale(c, region_id);
    else
      dia::put_level_scale(c, region_id, bands_json(bands));
    audit_change(c, caller, "update", "level_scale", region_id, bands_json(before.bands),
                 bands.empty() ? std::string("\"standard\"") : bands_json(bands), request_id);
    return levels_of_region(c, caller, region_id);
  });
}

GroupDynamics group_dynamics(App& app, const Caller& caller, std::int64_t before_campaign, std::int64_t after_campaign,
                             bool by_municipality) {
  GroupDynamics out;
  out.before = get_campaign(app, caller, before_campaign);  // 404 outside the reading scope
  out.after = get_campaign(app, caller, after_campaign);
  if (before_campaign == after_campaign)
    throw domain::Error::validation("after", "Сравнивают две разные кампании диагностики");
  for (const auto* k : {&out.before, &out.after})
    if (k->kind != "competencies")
      throw domain::Error::validation(k == &out.before ? "before" : "after",
                                      "Динамику считают по кампаниям диагностики компетенций");
  if (out.after.ends_on < out.before.starts_on) std::swap(out.before, out.after);  // earlier one first
  const auto scope = scope_of(caller, domain::Action::read_registry);
  app.db->read([&](storage::Connection& c) {
    const auto unit = by_municipality ? dia::DynamicsUnit::municipality : dia::DynamicsUnit::organisation;
    out.cells = dia::group_dynamics(c, out.before.id, out.after.id, unit, scope, kDefaultDeficitThreshold);
    out.total =
        dia::group_dynamics(c, out.before.id, out.after.id, dia::DynamicsUnit::total, scope, kDefaultDeficitThreshold);
  });
  for (auto* cells : {&out.cells, &out.total})
    for (auto& cell : *cells)
      if (cell.persons < kMinCellPersons) cell = {cell.unit_id, cell.unit_name, cell.competency_code, -1, 0, 0, -1, -1};
  return out;
}

}  // namespace metodist::app
