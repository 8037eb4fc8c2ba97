#include "app/import.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>

#include <unordered_map>
#include <unordered_set>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "domain/text.hpp"
#include "storage/account_repository.hpp"
#include "storage/registry_batch.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace reg = storage::registry;
using domain::ImportColumn;

constexpr std::size_t kProgressEvery = 5000;

// Logs how long each step of a large import took (log level debug), so the
// numbers in docs/performance.md can be traced to a step.
class StepClock {
 public:
  void step(const char* name) {
    const auto now = std::chrono::steady_clock::now();
    spdlog::debug("импорт: {} — {:.3f} с", name, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// Reads the cells of one data row by column key, and collects the problems.
// Cells are read as views into the table: a million-row file is checked
// without copying its cells again.
class RowReader {
 public:
  RowReader(std::span<const ImportColumn> columns, const domain::HeaderMap& map, std::span<const std::string_view> header,
            ImportReport& report)
      : columns_(columns), map_(map), header_(header), report_(report) {
    for (std::size_t i = 0; i < columns.size(); ++i) index_.emplace(columns[i].key, map.index[i]);
  }

  void start(const io::TableRow& row) {
    row_ = &row;
    ok_ = true;
    problem_keys_.clear();
  }
  std::size_t number() const { return row_->number; }
  bool ok() const { return ok_; }
  bool present(std::string_view key) const { return column(key).has_value(); }
  // The trimmed cell, "" when the column is absent or the cell empty.
  std::string_view text(std::string_view key) const {
    auto i = column(key);
    if (!i || *i >= row_->cells.size()) return {};
    return domain::trim_view(row_->cells[*i]);
  }
  bool has_problem(std::string_view key) const {
    for (const auto& k : problem_keys_)
      if (k == key) return true;
    return false;
  }
  void problem(std::string_view key, std::string message) {
    ok_ = false;
    problem_keys_.push_back(key);
    ++report_.issue_count;
    if (report_.issues.size() < kMaxIssues) report_.issues.push_back({row_->number, column_name(key), std::move(message)});
  }
  // Like an absent column, an empty cell keeps the value: a file never erases
  // what it does not mention (several rows of one person rely on it).
  void flag(std::string_view key, bool& value) {
    const auto t = text(key);
    if (t.empty()) return;
    if (auto f = domain::parse_flag(t)) value = *f;
    else problem(key, quoted(t) + ": ожидается «да» или «нет»");
  }
  // A date as people write it.
  void date(std::string_view key, std::string& value) {
    const auto t = text(key);
    if (t.empty()) return;
    if (auto d = domain::Date::parse_written(t)) {
      value = d->iso();
      return;
    }
    const bool date_shaped = t.size() >= 8 && t.size() <= 10 && t.find_first_not_of("0123456789./-") == std::string::npos;
    problem(key, quoted(t) + (date_shaped ? ": такой даты нет в календаре" : ": дата пишется как ДД.ММ.ГГГГ"));
  }
  void plain(std::string_view key, std::string& value, std::size_t max_chars = 500) {
    const auto t = text(key);
    if (t.empty()) return;
    if (domain::utf8_length(t) > max_chars) problem(key, "длиннее " + std::to_string(max_chars) + " символов");
    else value.assign(t);
  }
  void term(std::string_view key, const domain::TermIndex& index, std::span<const domain::Term> vocabulary,
            std::string& value) {
    const auto t = text(key);
    if (t.empty()) return;
    if (auto* found = index.find(t)) value.assign(found->code);
    else problem(key, quoted(t) + ": допустимые значения — " + domain::allowed_titles(vocabulary));
  }
  static std::string quoted(std::string_view t) { return "«" + std::string(t) + "»"; }

 private:
  std::optional<std::size_t> column(std::string_view key) const {
    auto it = index_.find(key);
    return it == index_.end() ? std::nullopt : it->second;
  }
  std::string column_name(std::string_view key) const {
    for (std::size_t i = 0; i < columns_.size(); ++i)
      if (columns_[i].key == key) {
        if (map_.index[i] && *map_.index[i] < header_.size()) return domain::trim(header_[*map_.index[i]]);
        return std::string(columns_[i].title);
      }
    return std::string(key);
  }

  std::span<const ImportColumn> columns_;
  const domain::HeaderMap& map_;
  std::span<const std::string_view> header_;
  ImportReport& report_;
  std::unordered_map<std::string_view, std::optional<std::size_t>> index_;
  const io::TableRow* row_ = nullptr;
  bool ok_ = true;
  std::vector<std::string_view> problem_keys_;
};

// Header problems are reported on row 1; the import cannot go on without the codes.
bool check_header(std::span<const ImportColumn> columns, const domain::HeaderMap& map, const io::Table& table,
                  ImportReport& report) {
  report.ignored_columns = map.unknown;
  auto header_issue = [&](std::string column, std::string message) {
    ++report.issue_count;
    report.issues.push_back({table.rows.empty() ? 1 : table.rows[0].number, std::move(column), std::move(message)});
  };
  if (table.rows.empty()) {
    header_issue("", "Файл пуст: нет строки заголовков");
    return false;
  }
  for (const auto& d : map.duplicated) header_issue(d, "Столбец повторяется: оставьте один");
  if (!map.of(columns, "code")) {
    header_issue("Код", "Нет столбца «Код»: по нему строки сопоставляются с реестром. Заголовки: " +
                            [&] {
                              std::string all;
                              for (const auto& c : columns) all += (all.empty() ? "«" : ", «") + std::string(c.title) + "»";
                              return all;
                            }());
  }
  return report.issue_count == 0;
}

void notify(const ImportProgress& progress, std::string_view phase, std::size_t done, std::size_t total) {
  if (progress && (done % kProgressEvery == 0 || done == total)) progress(phase, done, total);
}

// Calls check(code) for every data row that has a code, with `row` positioned
// on it; counts rows, reports a missing code and the progress.
template <class F>
void for_each_data_row(const io::Table& table, RowReader& row, ImportReport& report, const ImportProgress& progress,
                       const char* missing_code, F&& check) {
  const std::size_t total = table.rows.size() - 1;
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    notify(progress, "checking", i - 1, total);
    row.start(table.rows[i]);
    ++report.rows;
    const std::string_view code = row.text("code");
    if (code.empty()) row.problem("code", missing_code);
    else check(code);
  }
  notify(progress, "checking", total, total);
}

// The non-empty codes of a column, as views into the table; repeats are kept
// (the lookups below collect them into one set, so they are hashed once).
std::vector<std::string_view> codes_in(const io::Table& table, std::optional<std::size_t> column) {
  std::vector<std::string_view> out;
  if (!column) return out;
  out.reserve(table.rows.size());
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    const auto& cells = table.rows[i].cells;
    if (*column < cells.size())
      if (const auto code = domain::trim_view(cells[*column]); !code.empty()) out.push_back(code);
  }
  return out;
}

void audit_import(storage::Connection& c, const Caller& caller, const char* entity, const ImportReport& r,
                  const std::string& request_id) {
  nlohmann::json after{{"format", r.format}, {"rows", r.rows}, {"created", r.created}, {"updated", r.updated}};
  if (r.kind == "persons") after["workplaces"] = r.workplaces;
  storage::accounts::append_audit(
      c, {caller.account_id ? std::optional<std::int64_t>(caller.account_id) : std::nullopt, "import", entity, {}, {},
          after.dump(), request_id, {}});
}

// ---- organisations -------------------------------------------------------

// Territories by code, and by folded name where the name is unique.
struct TerritoryIndex {
  std::unordered_map<std::string, std::int64_t> by_code;
  std::unordered_map<std::string, std::int64_t> by_name;  // -1: ambiguous
};

TerritoryIndex index_territories(storage::Connection& c) {
  TerritoryIndex index;
  domain::Scope all;
  all.everything = true;
  for (const auto& t : reg::list_territories(c, {}, all)) {
    index.by_code.emplace(t.code, t.id);
    auto [it, inserted] = index.by_name.emplace(domain::fold_for_search(t.name), t.id);
    if (!inserted) it->second = -1;
  }
  return index;
}

void plan_organisations(storage::Connection& c, const Caller& caller, const io::Table& table, ImportReport& report,
                        std::vector<domain::Organisation>& out, const ImportProgress& progress) {
  const auto columns = domain::organisation_import_columns();
  const std::span<const std::string_view> header =
      table.rows.empty() ? std::span<const std::string_view>{} : std::span<const std::string_view>(table.rows[0].cells);
  const auto map = domain::map_header(columns, header);
  if (!check_header(columns, map, table, report)) return;

  const auto scope = scope_of(caller, domain::Action::write_registry);
  const auto covered = reg::covered_territories(c, scope);
  const auto territories = index_territories(c);
  const auto existing = reg::organisations_by_code(c, codes_in(table, map.of(columns, "code")));
  std::unordered_map<std::string, std::size_t> first_row;  // code → row where it appeared

  const domain::TermIndex kinds(domain::organisation_kinds());
  RowReader row(columns, map, header, report);
  for_each_data_row(table, row, report, progress, "Не указан код организации", [&](std::string_view code_view) {
    const std::string code(code_view);
    if (auto [it, fresh] = first_row.emplace(code, row.number()); !fresh) {
      row.problem("code", "Код «" + code + "» уже встречался в строке " + std::to_string(it->second));
      return;
    }
    auto known = existing.find(code);
    const bool is_new = known == existing.end();
    domain::Organisation o = is_new ? domain::Organisation{} : known->second;
    o.code = code;
    if (!is_new && !covered.count(o.territory_id)) {
      row.problem("code", "Организация «" + code + "» находится вне ваших полномочий");
      return;
    }
    row.plain("name", o.name);
    row.plain("short_name", o.short_name);
    row.plain("address", o.address);
    row.term("kind", kinds, domain::organisation_kinds(), o.kind);
    if (const std::string t(row.text("territory")); !t.empty()) {
      auto by_code = territories.by_code.find(t);
      auto by_name = territories.by_name.find(domain::fold_for_search(t));
      if (by_code != territories.by_code.end()) o.territory_id = by_code->second;
      else if (by_name != territories.by_name.end() && by_name->second > 0) o.territory_id = by_name->second;
      else if (by_name != territories.by_name.end()) row.problem("territory", "«" + t + "»: таких территорий несколько, укажите код");
      else row.problem("territory", "«" + t + "»: территория не найдена (укажите код, например RU-01-001)");
      if (o.territory_id && !covered.count(o.territory_id))
        row.problem("territory", "«" + t + "»: территория вне ваших полномочий");
    }
    if (const auto inn = row.text("inn"); !inn.empty()) {
      o.inn.assign(inn);
      if (!domain::is_valid_inn(o.inn)) row.problem("inn", "«" + o.inn + "»: ИНН с неверной контрольной суммой");
    }
    row.flag("is_shnor", o.is_shnor);
    row.flag("has_staff_plan", o.has_staff_plan);
    row.flag("has_mentoring_model", o.has_mentoring_model);
    if (o.name.empty() && !row.has_problem("name")) row.problem("name", is_new ? "Новая организация: укажите наименование" : "Наименование не может быть пустым");
    if (o.kind.empty() && !row.has_problem("kind")) row.problem("kind", "Новая организация: укажите тип — " + domain::allowed_titles(domain::organisation_kinds()));
    if (o.territory_id == 0 && !row.has_problem("territory")) row.problem("territory", "Новая организация: укажите код территории");
    if (!row.ok()) return;
    try {
      domain::validate_organisation(o);
    } catch (const domain::Error& e) {
      row.problem(e.field(), e.what());
      return;
    }
    ++(is_new ? report.created : report.updated);
    out.push_back(std::move(o));
  });
}

// ---- persons ---------------------------------------------------------------

struct PersonPlan {
  std::vector<reg::PersonPatch> persons;                        // one per code
  std::vector<bool> is_new;                                     // parallel to persons
  std::unordered_map<std::string_view, std::int64_t> existing;  // code → id of persons already stored
  struct Workplace {
    std::string_view person_code;  // into the table
    domain::Position position;
  };
  std::vector<Workplace> workplaces;
};

// One workplace of one person in the file, as a hash key.
std::string workplace_key(std::string_view person, std::int64_t organisation, const std::string& position) {
  std::string key(person);
  key += '\x1f';
  key += std::to_string(organisation);
  key += '\x1f';
  key += position;
  return key;
}

// Plausibility of the dates the row gives (stored values are not read back).
void check_person_dates(RowReader& row, const reg::PersonPatch& p, const domain::Date& today) {
  auto birth = domain::Date::parse_iso(p.birth_date);
  if (birth)
    if (auto problem = domain::birth_date_problem(*birth, today); !problem.empty()) row.problem("birth_date", problem);
  if (auto since = domain::Date::parse_iso(p.ped_experience_since))
    if (auto problem = domain::experience_start_problem(*since, birth ? &*birth : nullptr, today); !problem.empty())
      row.problem("ped_experience_since", problem);
}

void optional_flag(RowReader& row, std::string_view key, std::optional<bool>& value) {
  bool v = false;
  const bool given = !row.text(key).empty();
  row.flag(key, v);
  if (given && row.ok()) value = v;
}

void plan_persons(storage::Connection& c, const Caller& caller, const io::Table& table, ImportReport& report,
                  PersonPlan& plan, const ImportProgress& progress) {
  const auto columns = domain::person_import_columns();
  const std::span<const std::string_view> header =
      table.rows.empty() ? std::span<const std::string_view>{} : std::span<const std::string_view>(table.rows[0].cells);
  const auto map = domain::map_header(columns, header);
  if (!check_header(columns, map, table, report)) return;

  StepClock clock;
  const auto scope = scope_of(caller, domain::Action::write_staff);
  const auto covered = reg::covered_territories(c, scope);
  const std::unordered_set<std::int64_t> own_orgs(scope.organisations.begin(), scope.organisations.end());
  const auto organisations = reg::organisations_by_code(c, codes_in(table, map.of(columns, "organisation")));
  clock.step("организации");
  plan.existing = reg::person_ids_by_code(c, codes_in(table, map.of(columns, "code")));
  clock.step("педагоги по кодам");
  std::vector<std::int64_t> existing_ids;
  existing_ids.reserve(plan.existing.size());
  for (const auto& [code, id] : plan.existing) existing_ids.push_back(id);
  const auto outside = reg::persons_working_outside(c, existing_ids, scope);
  clock.step("вне полномочий");

  const domain::TermIndex position_terms(domain::positions()), area_terms(domain::subject_areas());
  const auto today = domain::Date::today();
  std::unordered_map<std::string_view, std::size_t> person_index;  // code → plan.persons index
  person_index.reserve(table.rows.size());
  std::unordered_set<std::string> seen_workplaces;
  seen_workplaces.reserve(table.rows.size());
  plan.persons.reserve(table.rows.size());
  plan.is_new.reserve(table.rows.size());
  plan.workplaces.reserve(table.rows.size());
  RowReader row(columns, map, header, report);
  for_each_data_row(table, row, report, progress, "Не указан код педагога", [&](std::string_view code) {
    auto known = plan.existing.find(code);
    const bool is_new = known == plan.existing.end();
    if (!is_new && outside.count(known->second)) {
      row.problem("code", "Педагог " + RowReader::quoted(code) + " работает в организации вне ваших полномочий");
      return;
    }
    // Several rows of one person (several workplaces) build one record.
    auto [slot, first] = person_index.emplace(code, plan.persons.size());
    reg::PersonPatch p = first ? reg::PersonPatch{} : plan.persons[slot->second];
    p.code.assign(code);
    if (const auto full = row.text("full_name"); !full.empty()) {
      if (!domain::split_full_name(full, p.last_name, p.first_name, p.middle_name))
        row.problem("full_name", RowReader::quoted(full) + ": нужны хотя бы фамилия и имя");
    }
    row.plain("last_name", p.last_name, 100);
    row.plain("first_name", p.first_name, 100);
    row.plain("middle_name", p.middle_name, 100);
    if (const auto g = row.text("gender"); !g.empty()) {
      if (auto parsed = domain::parse_gender(g)) p.gender = *parsed;
      else row.problem("gender", RowReader::quoted(g) + ": ожидается «м» или «ж»");
    }
    row.date("birth_date", p.birth_date);
    row.date("ped_experience_since", p.ped_experience_since);
    if (const auto cat = row.text("category"); !cat.empty()) {
      if (auto* t = domain::parse_category(cat)) p.category.assign(t->code);
      else row.problem("category", RowReader::quoted(cat) + ": допустимые значения — «высшая», «первая», «без категории»");
    }
    optional_flag(row, "higher_ped_education", p.higher_ped_education);
    optional_flag(row, "ped_university_graduate", p.ped_university_graduate);
    if (is_new && p.last_name.empty() && !row.has_problem("last_name") && !row.has_problem("full_name"))
      row.problem("last_name", "Новый педагог: укажите фамилию");
    if (is_new && p.first_name.empty() && !row.has_problem("first_name") && !row.has_problem("full_name"))
      row.problem("first_name", "Новый педагог: укажите имя");
    check_person_dates(row, p, today);

    // The workplace of this row, if the file has one.
    const auto org_code = row.text("organisation");
    if (!org_code.empty()) {
      auto org = organisations.find(std::string(org_code));
      if (org == organisations.end()) {
        row.problem("organisation", "Организация с кодом " + RowReader::quoted(org_code) + " не найдена в реестре");
      } else if (!covered.count(org->second.territory_id) && !own_orgs.count(org->second.id)) {
        row.problem("organisation", "Организация " + RowReader::quoted(org_code) + " вне ваших полномочий");
      } else {
        domain::Position pos;
        pos.organisation_id = org->second.id;
        row.term("position", position_terms, domain::positions(), pos.position);
        if (pos.position.empty() && !row.has_problem("position")) row.problem("position", "Укажите должность");
        row.term("subject_area", area_terms, domain::subject_areas(), pos.subject_area);
        row.plain("subjects", pos.subjects);
        row.date("hired_on", pos.hired_on);
        row.date("left_on", pos.left_on);
        if (!pos.hired_on.empty() && !pos.left_on.empty() && pos.left_on < pos.hired_on)
          row.problem("left_on", "Дата увольнения раньше даты приёма");
        if (row.ok() && !seen_workplaces.insert(workplace_key(code, pos.organisation_id, pos.position)).second)
          row.problem("position", "Эта должность педагога в этой организации уже есть в файле выше");
        if (row.ok()) plan.workplaces.push_back({code, std::move(pos)});
      }
    } else if (is_new && first && !scope.everything) {
      row.problem("organisation", "Новый педагог: укажите код организации, где он работает");
    }
    if (!row.ok()) {
      if (first) person_index.erase(slot);
      return;
    }
    if (first) {
      plan.persons.push_back(std::move(p));
      plan.is_new.push_back(is_new);
      ++(is_new ? report.created : report.updated);
    } else {
      plan.persons[slot->second] = std::move(p);
    }
  });
  report.workplaces = plan.workplaces.size();
  clock.step("проверка строк");
}

}  // namespace

Caller system_caller() {
  Caller c;
  c.login = "system";
  c.display_name = "Командная строка";
  storage::accounts::RoleAssignment r;
  r.role = "federal_operator";
  c.roles.push_back(r);
  return c;
}

ImportReport import_table(App& app, const Caller& caller, std::string_view kind, const io::Table& table, bool dry_run,
                          const ImportProgress& progress, const std::string& request_id) {
  if (kind != "organisations" && kind != "persons")
    throw domain::Error::not_found("Импорт «" + std::string(kind) + "» не поддерживается: organisations или persons");
  if (kind == "organisations") require_scope(caller, domain::Action::write_registry, "импорт организаций");
  else require_scope(caller, domain::Action::write_staff, "импорт педагогов");
  ImportReport report;
  report.kind = std::string(kind);
  report.format = table.format;
  report.encoding = table.encoding;
  report.delimiter = table.delimiter;
  report.dry_run = dry_run;

  // Checking and writing share one transaction, so nothing can change between them.
  auto run = [&](storage::Connection& c) {
    if (kind == "organisations") {
      std::vector<domain::Organisation> rows;
      plan_organisations(c, caller, table, report, rows, progress);
      if (dry_run || report.issue_count) return;
      if (progress) progress("writing", 0, rows.size());
      reg::upsert_organisations(c, rows);
      audit_import(c, caller, "organisation", report, request_id);
    } else {
      PersonPlan plan;
      plan_persons(c, caller, table, report, plan, progress);
      if (dry_run || report.issue_count) return;
      if (progress) progress("writing", 0, plan.persons.size());
      StepClock clock;
      // New persons first (one INSERT per batch), then the known ones (UPDATE).
      std::vector<reg::PersonPatch> fresh, known;
      fresh.reserve(report.created);
      known.reserve(report.updated);
      for (std::size_t i = 0; i < plan.persons.size(); ++i)
        (plan.is_new[i] ? fresh : known).push_back(std::move(plan.persons[i]));
      const auto ids = reg::insert_persons(c, fresh);
      reg::update_persons(c, known);
      clock.step("запись педагогов");
      std::vector<domain::Position> positions;
      positions.reserve(plan.workplaces.size());
      for (auto& w : plan.workplaces) {
        auto stored = plan.existing.find(w.person_code);
        w.position.person_id = stored != plan.existing.end() ? stored->second : ids.at(std::string(w.person_code));
        positions.push_back(std::move(w.position));
      }
      reg::upsert_positions(c, positions);
      clock.step("запись мест работы");
      audit_import(c, caller, "person", report, request_id);
    }
    report.applied = true;
    if (progress) progress("writing", report.rows, report.rows);
  };
  if (dry_run) app.db->read(run);
  else app.db->write(run);
  return report;
}

}  // namespace metodist::app
