#include "app/import.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "app/import_history.hpp"
#include "app/import_territories.hpp"
#include "app/table_rows.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "domain/territories.hpp"
#include "domain/text.hpp"
#include "storage/account_repository.hpp"
#include "storage/empty_load.hpp"
#include "storage/registry_batch.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace reg = storage::registry;
using domain::ImportColumn;

void audit_import(storage::Connection& c, const Caller& caller, const char* entity, const ImportReport& r,
                  const std::string& request_id) {
  nlohmann::json after{{"format", r.format},
                       {"rows", r.rows},
                       {"created", r.created},
                       {"updated", r.updated},
                       {"unchanged", r.unchanged}};
  if (r.kind == "persons") after["workplaces"] = r.workplaces;
  storage::accounts::append_audit(c, {caller.account_id ? std::optional<std::int64_t>(caller.account_id) : std::nullopt,
                                      "import",
                                      entity,
                                      {},
                                      {},
                                      after.dump(),
                                      request_id,
                                      {}});
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
    // A merged municipality's codes lead to the one it joined: old files still load.
    const std::int64_t id = t.merged_into_id.value_or(t.id);
    index.by_code.emplace(t.code, id);
    if (!t.oktmo.empty()) index.by_code.emplace(t.oktmo, id);
    if (!t.abolished_on.empty()) continue;
    auto [it, inserted] = index.by_name.emplace(domain::fold_for_search(t.name), id);
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

  const domain::TermIndex kinds(domain::organisation_kinds(), domain::organisation_kind_spellings());
  RowReader row(columns, map, header, report);
  const Col code_col = row.col("code"), name = row.col("name"), short_name = row.col("short_name"),
            address = row.col("address"), kind = row.col("kind"), territory = row.col("territory"),
            inn = row.col("inn"), is_shnor = row.col("is_shnor"), has_staff_plan = row.col("has_staff_plan"),
            has_mentoring_model = row.col("has_mentoring_model");
  for_each_data_row(table, row, report, progress, "Не указан код организации", [&](std::string_view code_view) {
    const std::string code(code_view);
    if (auto [it, fresh] = first_row.emplace(code, row.number()); !fresh) {
      row.problem(code_col, "Код «" + code + "» уже встречался в строке " + std::to_string(it->second));
      return;
    }
    auto known = existing.find(code);
    const bool is_new = known == existing.end();
    domain::Organisation o = is_new ? domain::Organisation{} : known->second;
    o.code = code;
    if (!is_new && !covered.count(o.territory_id)) {
      row.problem(code_col, "Организация «" + code + "» находится вне ваших полномочий");
      return;
    }
    row.plain(name, o.name);
    row.plain(short_name, o.short_name);
    row.plain(address, o.address);
    std::string_view kind_code;
    row.term(kind, kinds, domain::organisation_kinds(), kind_code);
    if (!kind_code.empty()) o.kind.assign(kind_code);
    if (const std::string t(row.text(territory)); !t.empty()) {
      auto by_code = territories.by_code.find(domain::parse_oktmo(t).value_or(t));
      auto by_name = territories.by_name.find(domain::fold_for_search(t));
      if (by_code != territories.by_code.end())
        o.territory_id = by_code->second;
      else if (by_name != territories.by_name.end() && by_name->second > 0)
        o.territory_id = by_name->second;
      else if (by_name != territories.by_name.end())
        row.problem(territory, "«" + t + "»: таких территорий несколько, укажите код");
      else
        row.problem(territory, "«" + t + "»: территория не найдена (укажите код, например RU-01-001, или ОКТМО)");
      if (o.territory_id && !covered.count(o.territory_id))
        row.problem(territory, "«" + t + "»: территория вне ваших полномочий");
    }
    if (const auto given = row.text(inn); !given.empty()) {
      o.inn.assign(given);
      if (!domain::is_valid_inn(o.inn)) row.problem(inn, "«" + o.inn + "»: ИНН с неверной контрольной суммой");
    }
    row.flag(is_shnor, o.is_shnor);
    row.flag(has_staff_plan, o.has_staff_plan);
    row.flag(has_mentoring_model, o.has_mentoring_model);
    if (o.name.empty() && !row.has_problem(name))
      row.problem(name, is_new ? "Новая организация: укажите наименование" : "Наименование не может быть пустым");
    if (o.kind.empty() && !row.has_problem(kind))
      row.problem(kind, "Новая организация: укажите тип — " + domain::allowed_titles(domain::organisation_kinds()));
    if (o.territory_id == 0 && !row.has_problem(territory))
      row.problem(territory, "Новая организация: укажите код территории");
    if (!row.ok()) return;
    try {
      domain::validate_organisation(o);
    } catch (const domain::Error& e) {
      const Col failed = row.col(e.field());
      row.problem(failed, e.what());
      return;
    }
    ++(is_new ? report.created : report.updated);
    out.push_back(std::move(o));
  });
}

// ---- persons ---------------------------------------------------------------
//
// Every row is checked first, in file order; patches of one person from
// several rows merge into one. Then, only when no row has a problem, the
// persons are written in code order and their workplaces in person order:
// B-tree indexes filled in key order cost a third of ones filled at random
// (docs/performance.md), and a registry loaded this way keeps its rows in code
// order, so a later update file also touches them in sequence.

// A workplace of a person known by code only (the id comes from the database).
struct Workplace {
  std::string_view person_code;  // into the table
  reg::PositionPatch position;
};

struct PersonWrites {
  std::vector<reg::PersonPatch> inserts;  // codes new to the registry
  std::vector<reg::PersonPatch> updates;  // codes stored
  std::vector<Workplace> workplaces;
};

// Calls write(slice) for slices of `rows` and reports the rows done after each.
template <class T, class F>
void in_slices(std::span<const T> rows, std::size_t& done, const std::function<void(std::size_t)>& written, F&& write) {
  constexpr std::size_t kSlice = 20'000;  // rows between progress reports
  for (std::size_t from = 0; from < rows.size(); from += kSlice) {
    const auto slice = rows.subspan(from, std::min(kSlice, rows.size() - from));
    write(slice);
    done += slice.size();
    written(done);
  }
}

// Sorts an index and moves each patch once: sorting the patches themselves
// moves every one of them about log n times. The first bytes of each code sit
// in the index, so most comparisons do not chase the code into the file text.
void sort_by_code(std::vector<reg::PersonPatch>& patches) {
  struct Key {
    std::array<char, 16> head{};  // the code's first bytes, zero-padded
    std::uint32_t index = 0;
  };
  std::vector<Key> keys(patches.size());
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    const auto code = patches[i].code;
    std::memcpy(keys[i].head.data(), code.data(), std::min(code.size(), keys[i].head.size()));
    keys[i].index = i;
  }
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (int c = std::memcmp(a.head.data(), b.head.data(), a.head.size()); c != 0) return c < 0;
    return patches[a.index].code < patches[b.index].code;
  });
  std::vector<reg::PersonPatch> sorted;
  sorted.reserve(patches.size());
  for (const auto& k : keys) sorted.push_back(patches[k.index]);
  patches = std::move(sorted);
}

// `written(n)` is told how many persons and workplaces are written so far.
// Returns how many of the known persons the file updates were written (their
// record or a workplace changed); the others it gave exactly as stored.
// Workplaces attached by СНИЛС are counted apart (ImportReport::attached).
std::size_t write_persons(storage::Connection& c, PersonWrites& w,
                          const std::unordered_map<std::string_view, std::int64_t>& stored,
                          const std::function<void(std::size_t)>& written) {
  StepClock clock;
  sort_by_code(w.updates);
  sort_by_code(w.inserts);
  clock.step("запись: порядок по кодам");
  // The first load of a registry on PostgreSQL: the indexes and foreign keys
  // of the two tables are made after their rows (storage/empty_load.hpp).
  auto first_load = w.updates.empty() ? storage::EmptyTablesLoad::begin(c, {"persons", "positions"}) : std::nullopt;
  std::size_t done = 0;
  std::unordered_set<std::int64_t> updating, changed;  // known persons in the file; those written
  updating.reserve(w.updates.size());
  for (const auto& p : w.updates) updating.insert(stored.at(p.code));
  in_slices<reg::PersonPatch>(w.updates, done, written, [&](auto slice) {
    for (auto id : reg::update_persons(c, slice)) changed.insert(id);
  });
  clock.step("запись: обновления");
  std::unordered_map<std::string_view, std::int64_t> inserted;
  inserted.reserve(w.inserts.size());
  in_slices<reg::PersonPatch>(w.inserts, done, written, [&](auto slice) {
    const auto ids = reg::insert_persons(c, slice);
    for (std::size_t i = 0; i < ids.size(); ++i) inserted.emplace(slice[i].code, ids[i]);
  });
  clock.step("запись: новые");
  // Workplaces of known persons are merged with what is stored; those of new
  // persons cannot be stored yet and are only added.
  std::vector<reg::PositionPatch> of_known, of_new;
  for (auto& place : w.workplaces) {
    auto known = stored.find(place.person_code);
    place.position.person_id = known != stored.end() ? known->second : inserted.at(place.person_code);
    (known != stored.end() ? of_known : of_new).push_back(place.position);
  }
  for (auto* positions : {&of_known, &of_new})
    std::stable_sort(positions->begin(), positions->end(),
                     [](const auto& a, const auto& b) { return a.person_id < b.person_id; });
  in_slices<reg::PositionPatch>(of_known, done, written, [&](auto slice) {
    for (auto id : reg::upsert_positions(c, slice, true))
      if (updating.contains(id)) changed.insert(id);
  });
  in_slices<reg::PositionPatch>(of_new, done, written, [&](auto slice) { reg::insert_new_positions(c, slice); });
  clock.step("запись: места работы");
  if (first_load) {
    first_load->finish(c);
    clock.step("запись: индексы и внешние ключи");
  }
  return changed.size();
}

// A person already met in the file: where their patch is, and the birth date
// the file gave (a later row's start of experience is checked against it).
struct SeenPerson {
  bool is_new = false;    // in the inserts, not the updates
  std::size_t index = 0;  // there
  std::optional<domain::Date> birth;
};

// One workplace of one person, to find a row repeating one above it.
struct WorkplaceKey {
  std::string_view person;
  std::int64_t organisation = 0;
  std::string_view position;
  bool operator==(const WorkplaceKey&) const = default;
};
struct WorkplaceKeyHash {
  std::size_t operator()(const WorkplaceKey& k) const noexcept {
    const std::size_t h = std::hash<std::string_view>{}(k.person);
    return h ^ (std::hash<std::int64_t>{}(k.organisation) * 31 + std::hash<std::string_view>{}(k.position));
  }
};

// Plausibility of the dates the rows give (stored values are not read back).
void check_person_dates(RowReader& row, const Col& birth_col, const Col& since_col,
                        const std::optional<domain::Date>& birth, const std::optional<domain::Date>& since,
                        const domain::Date& today) {
  if (birth)
    if (auto problem = domain::birth_date_problem(*birth, today); !problem.empty()) row.problem(birth_col, problem);
  if (since)
    if (auto problem = domain::experience_start_problem(*since, birth ? &*birth : nullptr, today); !problem.empty())
      row.problem(since_col, problem);
}

// The organisations a file names, by code: what the checks need of them.
struct OrgRef {
  std::int64_t id = 0;
  std::int64_t territory_id = 0;
};

// Why a row's СНИЛС cannot name the person the row is about, or "" when it can.
std::string snils_conflict(std::string_view code, bool code_stored, const reg::SnilsHolder& holder,
                           bool attach_by_snils) {
  const std::string held = "СНИЛС уже есть в реестре у педагога «" + holder.name + "» с кодом «" + holder.code + "»";
  if (code_stored)
    return held + ", а код «" + std::string(code) +
           "» — у другого педагога. Вероятно, это один человек: объедините их на странице «Возможные дубликаты»";
  if (!attach_by_snils)
    return held +
           ". Если это тот же человек, загрузите файл с отметкой «Присоединять по СНИЛС»: строка станет его "
           "местом работы";
  return {};
}

void import_persons(storage::Connection& c, const Caller& caller, const io::Table& table, ImportReport& report,
                    const ImportOptions& options, const ImportProgress& progress) {
  const auto columns = domain::person_import_columns();
  const std::span<const std::string_view> header =
      table.rows.empty() ? std::span<const std::string_view>{} : std::span<const std::string_view>(table.rows[0].cells);
  const auto map = domain::map_header(columns, header);
  if (!check_header(columns, map, table, report)) return;

  StepClock clock;
  const auto scope = scope_of(caller, domain::Action::write_staff);
  const auto covered = reg::covered_territories(c, scope);
  const std::unordered_set<std::int64_t> own_orgs(scope.organisations.begin(), scope.organisations.end());
  std::unordered_map<std::string_view, OrgRef> organisations;  // keys: views into the table
  {
    const auto codes = codes_in(table, map.of(columns, "organisation"));
    const auto found = reg::organisations_by_code(c, codes);
    for (auto code : codes)
      if (auto it = found.find(std::string(code)); it != found.end())
        organisations.emplace(code, OrgRef{it->second.id, it->second.territory_id});
  }
  clock.step("организации");
  // Code → id of the stored persons the rows name; a row attached by СНИЛС
  // adds its person's code here (a view into `by_snils`, which outlives it).
  const auto file_codes = codes_in(table, map.of(columns, "code"));
  auto stored = reg::person_ids_by_code(c, file_codes);
  // Codes of records merged into another: their rows go to the kept person.
  const auto merged = reg::merged_by_code(c, file_codes);
  clock.step("педагоги по кодам");
  // The persons the file's СНИЛС name, read only when the file has the column.
  std::unordered_map<std::string, reg::SnilsHolder> by_snils;
  if (const auto snils_at = map.of(columns, "snils")) {
    std::vector<std::string> numbers;
    for (const auto cell : codes_in(table, snils_at))
      if (auto parsed = domain::parse_snils(cell)) numbers.push_back(std::move(*parsed));
    const std::vector<std::string_view> views(numbers.begin(), numbers.end());
    by_snils = reg::persons_by_snils(c, views);
    clock.step("педагоги по СНИЛС");
  }
  std::vector<std::int64_t> stored_ids;
  stored_ids.reserve(stored.size());
  for (const auto& [code, id] : stored) stored_ids.push_back(id);
  const auto outside = reg::persons_working_outside(c, stored_ids, scope);
  clock.step("вне полномочий");

  PersonWrites writes;
  writes.inserts.reserve(table.rows.size());
  writes.workplaces.reserve(table.rows.size());

  const domain::TermIndex position_terms(domain::positions()), area_terms(domain::subject_areas());
  const auto today = domain::Date::today();
  std::unordered_map<std::string_view, SeenPerson> seen;
  seen.reserve(table.rows.size());
  std::unordered_set<WorkplaceKey, WorkplaceKeyHash> seen_workplaces;
  seen_workplaces.reserve(table.rows.size());
  std::deque<std::string> snils_given;  // the rows' numbers in stored form; patches view them
  std::unordered_map<std::string_view, std::string_view> snils_in_file;  // number new to the registry → first code
  RowReader row(columns, map, header, report);
  const Col code_col = row.col("code"), full_name = row.col("full_name"), last_name = row.col("last_name"),
            first_name = row.col("first_name"), middle_name = row.col("middle_name"), snils_col = row.col("snils"),
            gender = row.col("gender"), birth_date = row.col("birth_date"), since = row.col("ped_experience_since"),
            category = row.col("category"), higher = row.col("higher_ped_education"),
            graduate = row.col("ped_university_graduate"), organisation = row.col("organisation"),
            position = row.col("position"), subject_area = row.col("subject_area"), subjects = row.col("subjects"),
            hired_on = row.col("hired_on"), left_on = row.col("left_on");

  // The workplace a row gives, if it names an organisation; `person` is the
  // code of the person it belongs to.
  auto read_workplace = [&](std::string_view person) -> std::optional<reg::PositionPatch> {
    const auto org_code = row.text(organisation);
    if (org_code.empty()) return std::nullopt;
    auto org = organisations.find(org_code);
    if (org == organisations.end()) {
      row.problem(organisation, "Организация с кодом " + RowReader::quoted(org_code) + " не найдена в реестре");
      return std::nullopt;
    }
    if (!covered.count(org->second.territory_id) && !own_orgs.count(org->second.id)) {
      row.problem(organisation, "Организация " + RowReader::quoted(org_code) + " вне ваших полномочий");
      return std::nullopt;
    }
    reg::PositionPatch pos;
    pos.organisation_id = org->second.id;
    row.term(position, position_terms, domain::positions(), pos.position);
    if (pos.position.empty() && !row.has_problem(position)) row.problem(position, "Укажите должность");
    row.term(subject_area, area_terms, domain::subject_areas(), pos.subject_area);
    row.plain(subjects, pos.subjects);
    row.date(hired_on, pos.hired_on);
    row.date(left_on, pos.left_on);
    if (pos.hired_on && pos.left_on && *pos.left_on < *pos.hired_on)
      row.problem(left_on, "Дата увольнения раньше даты приёма");
    if (row.ok() && !seen_workplaces.insert({person, pos.organisation_id, pos.position}).second)
      row.problem(position, "Эта должность педагога в этой организации уже есть в файле выше");
    return pos;
  };

  for_each_data_row(table, row, report, progress, "Не указан код педагога", [&](std::string_view code) {
    // A person is one person whatever code a school gives them: the СНИЛС is
    // matched first, the code after it (ЕФС НМС: one registry of the region).
    std::string_view snils;      // the row's number in stored form (a view into `snils_given`)
    std::string_view attach_to;  // the code of the person this row joins as a workplace
    if (auto into = merged.find(code); into != merged.end()) {
      // Merged by a user's decision: the row is a workplace of the kept record.
      attach_to = into->second.code;
      stored.emplace(attach_to, into->second.id);
    } else if (const auto given = row.text(snils_col); !given.empty()) {
      auto parsed = domain::parse_snils(given);
      if (parsed) snils = snils_given.emplace_back(std::move(*parsed));
      if (!parsed) {
        row.problem(snils_col, RowReader::quoted(given) +
                                   ": СНИЛС не сходится — 11 цифр, последние две — контрольное число первых девяти");
      } else if (auto holder = by_snils.find(std::string(snils)); holder != by_snils.end()) {
        if (holder->second.code != code) {
          const auto why = snils_conflict(code, stored.contains(code), holder->second, options.attach_by_snils);
          if (!why.empty()) return row.problem(snils_col, why);
          attach_to = holder->second.code;
          stored.emplace(attach_to, holder->second.id);
        }
      } else if (auto [first_code, fresh] = snils_in_file.emplace(snils, code); !fresh && first_code->second != code) {
        // A known person is never joined to another by a file: that is a merge to decide on its page.
        if (stored.contains(code))
          return row.problem(snils_col, "Этот СНИЛС уже указан выше в файле у педагога с кодом «" +
                                            std::string(first_code->second) + "», а код «" + std::string(code) +
                                            "» — у другого педагога реестра. Исправьте номер или объедините записи на "
                                            "странице «Возможные дубликаты»");
        if (!options.attach_by_snils)
          return row.problem(snils_col, "Этот СНИЛС уже указан выше в файле у педагога с кодом «" +
                                            std::string(first_code->second) +
                                            "». Если это тот же человек, загрузите файл с отметкой «Присоединять по "
                                            "СНИЛС»: строка станет его местом работы");
        attach_to = first_code->second;
      }
    }
    if (!attach_to.empty()) {
      // Only the workplace: the person's card keeps its own data.
      const auto workplace = read_workplace(attach_to);
      if (!workplace && row.ok())
        row.problem(organisation,
                    "Укажите код организации: строка с чужим кодом присоединяется к педагогу по "
                    "СНИЛС как новое место работы");
      if (!row.ok()) return;
      writes.workplaces.push_back({attach_to, *workplace});
      ++report.attached;
      return;
    }

    auto known = stored.find(code);
    const bool is_new = known == stored.end();
    if (!is_new && outside.count(known->second)) {
      row.problem(code_col, "Педагог " + RowReader::quoted(code) + " работает в организации вне ваших полномочий");
      return;
    }
    reg::PersonPatch p;  // what this row gives
    p.code = code;
    p.snils = snils;
    if (const auto full = row.text(full_name); !full.empty()) {
      if (!domain::split_full_name(full, p.last_name, p.first_name, p.middle_name))
        row.problem(full_name, RowReader::quoted(full) + ": нужны хотя бы фамилия и имя");
    }
    row.plain(last_name, p.last_name, 100);
    row.plain(first_name, p.first_name, 100);
    row.plain(middle_name, p.middle_name, 100);
    if (const auto g = row.text(gender); !g.empty()) {
      if (auto parsed = domain::parse_gender(g))
        p.gender = *parsed;
      else
        row.problem(gender, RowReader::quoted(g) + ": ожидается «м» или «ж»");
    }
    row.date(birth_date, p.birth_date);
    row.date(since, p.ped_experience_since);
    if (const auto cat = row.text(category); !cat.empty()) {
      if (auto* t = domain::parse_category(cat))
        p.category = t->code;
      else
        row.problem(category, RowReader::quoted(cat) + ": допустимые значения — «высшая», «первая», «без категории»");
    }
    row.flag(higher, p.higher_ped_education);
    row.flag(graduate, p.ped_university_graduate);

    // Several rows of one person (several workplaces) add up to one record.
    auto earlier = seen.find(code);
    const bool first = earlier == seen.end();
    if (first && is_new && p.last_name.empty() && !row.has_problem(last_name) && !row.has_problem(full_name))
      row.problem(last_name, "Новый педагог: укажите фамилию");
    if (first && is_new && p.first_name.empty() && !row.has_problem(first_name) && !row.has_problem(full_name))
      row.problem(first_name, "Новый педагог: укажите имя");
    const auto birth = p.birth_date ? p.birth_date : first ? std::nullopt : earlier->second.birth;
    check_person_dates(row, birth_date, since, birth, p.ped_experience_since, today);

    const auto workplace = read_workplace(code);
    if (!workplace && row.text(organisation).empty() && is_new && first && !scope.everything)
      row.problem(organisation, "Новый педагог: укажите код организации, где он работает");
    if (!row.ok()) return;

    if (first) {
      auto& list = is_new ? writes.inserts : writes.updates;
      seen.emplace(code, SeenPerson{is_new, list.size(), p.birth_date});
      list.push_back(p);
      ++(is_new ? report.created : report.updated);
    } else {
      SeenPerson& s = earlier->second;
      if (p.birth_date) s.birth = p.birth_date;
      (s.is_new ? writes.inserts : writes.updates)[s.index].merge(p);
    }
    if (workplace) writes.workplaces.push_back({code, *workplace});
  });
  report.workplaces = seen_workplaces.size();
  clock.step("проверка строк");
  if (options.dry_run || report.issue_count) return;
  const std::size_t total = writes.inserts.size() + writes.updates.size() + writes.workplaces.size();
  if (progress) progress("writing", 0, total);
  const std::size_t changed = write_persons(c, writes, stored, [&](std::size_t done) {
    if (progress) progress("writing", done, total);
  });
  report.unchanged = report.updated - changed;
  report.updated = changed;
  clock.step("запись");
}

// Territories and history are applied row by row (a file may create a region
// and then its municipalities; a cohort named by one row is found by the
// next), so even a dry run writes — and is rolled back: it runs the very same
// checks as the load.
struct RollBack {};

struct RowByRow {
  const char* entity;  // in the audit log
  void (*apply)(App&, storage::Connection&, const Caller&, const io::Table&, ImportReport&, const ImportProgress&);
};

const RowByRow* row_by_row(std::string_view kind) {
  static const RowByRow territories{"territory", apply_territory_rows};
  static const RowByRow completions{"enrolment", apply_completion_rows};
  static const RowByRow attendance{"event_attendance", apply_attendance_rows};
  static const RowByRow memberships{"community_member", apply_membership_rows};
  static const RowByRow assignments{"support_assignment", apply_assignment_rows};
  static const RowByRow pairs{"mentoring_pair", apply_mentoring_pair_rows};
  static const RowByRow help{"help_request", apply_help_request_rows};
  if (kind == "territories") return &territories;
  if (kind == "completions") return &completions;
  if (kind == "attendance") return &attendance;
  if (kind == "memberships") return &memberships;
  if (kind == "assignments") return &assignments;
  if (kind == "mentoring_pairs") return &pairs;
  if (kind == "help_requests") return &help;
  return nullptr;
}

// History files are checked row by row against each object's own rule (the
// program's organiser, the event's, the community's keeper): the caller needs
// an account with some working role, the rows say the rest.
void require_signed_in_work(const Caller& caller) {
  if (scope_of(caller, domain::Action::organise_events).empty() &&
      scope_of(caller, domain::Action::manage_diagnostics).empty() && staff_scope(caller).empty())
    throw domain::Error::forbidden("Недостаточно прав: загрузка истории — для организаторов и администрации");
}

ImportReport import_row_by_row(App& app, const Caller& caller, const io::Table& table, ImportReport report,
                               const ImportProgress& progress, const std::string& request_id, const RowByRow* applier) {
  try {
    app.db->write([&](storage::Connection& c) {
      applier->apply(app, c, caller, table, report, progress);
      if (report.dry_run || report.issue_count) throw RollBack{};
      audit_import(c, caller, applier->entity, report, request_id);
    });
    report.applied = true;
    if (progress) progress("writing", report.rows, report.rows);
  } catch (const RollBack&) {
    // nothing written, as asked or because of the problems reported
  }
  return report;
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

ImportReport import_table(App& app, const Caller& caller, std::string_view kind, const io::Table& table,
                          const ImportOptions& options, const ImportProgress& progress, const std::string& request_id) {
  const bool dry_run = options.dry_run;
  const auto applier = row_by_row(kind);
  if (!applier && kind != "organisations" && kind != "persons")
    throw domain::Error::not_found("Импорт «" + std::string(kind) + "» не поддерживается: " +
                                   "territories, organisations, persons, completions, attendance, memberships, "
                                   "mentoring_pairs, assignments или help_requests");
  if (kind == "completions" || kind == "attendance" || kind == "memberships" || kind == "mentoring_pairs")
    require_signed_in_work(caller);
  else if (kind == "assignments" || kind == "help_requests")
    require_scope(caller, domain::Action::coordinate_support, "закрепление методистов");
  else if (kind == "territories" || kind == "organisations")
    require_scope(caller, domain::Action::write_registry, "импорт организаций");
  else
    require_scope(caller, domain::Action::write_staff, "импорт педагогов");
  ImportReport report;
  report.kind = std::string(kind);
  report.format = table.format;
  report.encoding = table.encoding;
  report.delimiter = table.delimiter;
  report.dry_run = dry_run;

  if (applier) return import_row_by_row(app, caller, table, std::move(report), progress, request_id, applier);

  // Checking and writing share one transaction, so nothing can change between them.
  auto run = [&](storage::Connection& c) {
    if (kind == "organisations") {
      std::vector<domain::Organisation> rows;
      plan_organisations(c, caller, table, report, rows, progress);
      if (dry_run || report.issue_count) return;
      if (progress) progress("writing", 0, rows.size());
      const auto written = static_cast<std::size_t>(reg::upsert_organisations(c, rows));
      report.unchanged = report.updated - (written - report.created);
      report.updated = written - report.created;
      audit_import(c, caller, "organisation", report, request_id);
    } else {
      import_persons(c, caller, table, report, options, progress);
      if (dry_run || report.issue_count) return;
      audit_import(c, caller, "person", report, request_id);
    }
    report.applied = true;
    if (progress) progress("writing", report.rows, report.rows);
  };
  if (dry_run)
    app.db->read(run);
  else
    app.db->write(run);
  return report;
}

}  // namespace metodist::app
