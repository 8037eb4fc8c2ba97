#include "app/import_territories.hpp"

#include "app/table_rows.hpp"
#include "app/territories.hpp"
#include "domain/error.hpp"
#include "domain/territories.hpp"
#include "storage/territories_repository.hpp"

namespace metodist::app {
namespace {

namespace reg = storage::registry;

// «регион», «субъект», «МО», «муниципалитет» besides the vocabulary's codes and titles.
std::string_view level_of(std::string_view text) {
  if (auto* t = domain::match_term(domain::territory_levels(), text)) return t->code;
  const std::string folded = domain::fold_for_search(text);
  if (folded.starts_with("регион") || folded.starts_with("субъект")) return "region";
  if (folded.starts_with("муницип") || folded == "мо" || folded.starts_with("город") || folded.starts_with("район"))
    return "municipality";
  if (folded.starts_with("рф") || folded.starts_with("федерац") || folded.starts_with("российская"))
    return "federation";
  return {};
}

// The one region a file without a parent column belongs to: the caller's,
// when their writing scope is a single region, or the only region there is.
std::optional<domain::Territory> default_region(storage::Connection& c, const domain::Scope& write) {
  if (write.territories.size() == 1) {
    auto t = reg::find_territory(c, write.territories.front());
    if (t && t->level == "region") return t;
    return std::nullopt;
  }
  if (!write.everything) return std::nullopt;
  domain::Scope all;
  all.everything = true;
  reg::TerritoryFilter regions;
  regions.level = "region";
  regions.include_abolished = false;
  auto list = reg::list_territories(c, regions, all);
  if (list.size() == 1) return list.front();
  return std::nullopt;
}

// A territory named by code, ОКТМО or (when unique) its name.
std::optional<domain::Territory> find_named(storage::Connection& c, std::string_view text, std::string_view level,
                                            bool& ambiguous) {
  ambiguous = false;
  if (auto t = reg::find_territory_by_code(c, std::string(text))) return t;
  if (auto digits = domain::parse_oktmo(text))
    if (auto t = reg::find_territory_by_code(c, *digits)) return t;
  domain::Scope all;
  all.everything = true;
  reg::TerritoryFilter f;
  f.level = std::string(level);
  const std::string folded = domain::fold_for_search(text);
  std::optional<domain::Territory> found;
  for (auto& t : reg::list_territories(c, f, all)) {
    if (domain::fold_for_search(t.name) != folded) continue;
    if (found) {
      ambiguous = true;
      return std::nullopt;
    }
    found = std::move(t);
  }
  return found;
}

// The stored territory a row describes: by its code, its ОКТМО, or its name
// under the same parent (a file without codes loaded twice changes nothing).
std::optional<domain::Territory> existing_for(storage::Connection& c, const domain::Territory& row) {
  if (!row.code.empty()) return reg::find_territory_by_code(c, row.code);
  if (!row.oktmo.empty())
    if (auto t = reg::find_territory_by_code(c, row.oktmo)) return t;
  domain::Scope all;
  all.everything = true;
  reg::TerritoryFilter f;
  f.parent_id = row.parent_id;
  f.level = row.level;
  const std::string folded = domain::fold_for_search(row.name);
  for (auto& t : reg::list_territories(c, f, all))
    if (t.parent_id == row.parent_id && domain::fold_for_search(t.name) == folded) return t;
  return std::nullopt;
}

bool same_fields(const domain::Territory& a, const domain::Territory& b) {
  return a.name == b.name && a.code == b.code && a.oktmo == b.oktmo && a.subject_number == b.subject_number &&
         a.municipality_kind == b.municipality_kind;
}

}  // namespace

void apply_territory_rows(App& /*app*/, storage::Connection& c, const Caller& caller, const io::Table& table,
                          ImportReport& report, const ImportProgress& progress) {
  const auto columns = domain::territory_import_columns();
  const std::span<const std::string_view> header =
      table.rows.empty() ? std::span<const std::string_view>{} : std::span<const std::string_view>(table.rows[0].cells);
  const auto map = domain::map_header(columns, header);
  if (!check_header(columns, map, table, report, "name")) return;

  const auto write = scope_of(caller, domain::Action::write_registry);
  const auto region = default_region(c, write);
  const auto today = domain::Date::today().iso();
  const domain::TermIndex kinds(domain::municipality_kinds());
  RowReader row(columns, map, header, report);
  const Col code = row.col("code"), name = row.col("name"), level = row.col("level"),
            kind = row.col("municipality_kind"), oktmo = row.col("oktmo"), number = row.col("subject_number"),
            parent = row.col("parent"), parent_name = row.col("parent_name");
  std::unordered_map<std::string, std::size_t> first_row;  // folded parent + name → row, to catch repeats
  const std::size_t total = table.rows.size() - 1;
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    notify(progress, "checking", i - 1, total);
    row.start(table.rows[i]);
    ++report.rows;
    domain::Territory t;
    row.plain(name, t.name, 300);
    if (t.name.empty()) {
      if (!row.has_problem(name)) row.problem(name, "Укажите наименование территории");
      continue;
    }
    row.plain(code, t.code, 40);
    if (const auto o = row.text(oktmo); !o.empty()) {
      if (auto digits = domain::parse_oktmo(o))
        t.oktmo = *digits;
      else
        row.problem(oktmo, RowReader::quoted(o) + ": ОКТМО — 8 цифр (муниципальное образование) или 11 (поселение)");
    }
    if (const auto n = row.text(number); !n.empty()) {
      const auto parsed = domain::parse_number(n);
      if (parsed && *parsed >= 1 && *parsed <= 99 && *parsed == static_cast<int>(*parsed))
        t.subject_number = static_cast<int>(*parsed);
      else
        row.problem(number, RowReader::quoted(n) + ": номер субъекта РФ — целое число от 1 до 99");
    }
    std::string_view kind_code;
    row.term(kind, kinds, domain::municipality_kinds(), kind_code);
    t.municipality_kind.assign(kind_code);
    if (const auto l = row.text(level); !l.empty()) {
      t.level = level_of(l);
      if (t.level.empty())
        row.problem(level, RowReader::quoted(l) + ": уровень — «Субъект РФ» или «Муниципальное образование»");
    } else {
      t.level = t.subject_number ? "region" : "municipality";
    }
    // The parent: as written, else the file's region.
    const auto parent_text = !row.text(parent).empty() ? row.text(parent) : row.text(parent_name);
    const Col& parent_col = !row.text(parent).empty() ? parent : parent_name;
    const std::string_view parent_level = t.level == "region" ? "federation" : "region";
    if (!parent_text.empty()) {
      bool ambiguous = false;
      if (auto p = find_named(c, parent_text, parent_level, ambiguous))
        t.parent_id = p->merged_into_id ? p->merged_into_id : std::optional<std::int64_t>(p->id);
      else
        row.problem(parent_col, RowReader::quoted(parent_text) +
                                    (ambiguous ? ": таких территорий несколько, укажите код"
                                               : ": вышестоящая территория не найдена (укажите её код или ОКТМО)"));
    } else if (t.level == "region") {
      t.parent_id = c.scalar("SELECT MIN(id) FROM territories WHERE level = 'federation'");
      if (!*t.parent_id) row.problem(level, "В реестре нет Российской Федерации: начните с команды metodist init");
    } else if (t.level == "municipality") {
      if (region)
        t.parent_id = region->id;
      else
        row.problem(parent, "Укажите код региона, в который входит муниципалитет (столбец «Код вышестоящей»)");
    }
    if (!row.ok()) continue;
    const std::string key = std::to_string(t.parent_id.value_or(0)) + "/" + domain::fold_for_search(t.name);
    if (auto [it, fresh] = first_row.emplace(key, row.number()); !fresh) {
      row.problem(name, RowReader::quoted(t.name) + " уже есть в строке " + std::to_string(it->second));
      continue;
    }
    try {
      auto before = existing_for(c, t);
      if (!before) {
        add_territory(c, caller, write, t, today);
        ++report.created;
        continue;
      }
      if (before->level != t.level) {
        row.problem(level, "«" + before->name + "» (" + before->code + ") в реестре — " +
                               domain::title_of(domain::territory_levels(), before->level));
        continue;
      }
      if (t.parent_id != before->parent_id && !row.text(parent).empty()) {
        row.problem(parent, "«" + before->name + "» входит в другую территорию: перенос между регионами не делается");
        continue;
      }
      domain::Territory draft = t;  // empty cells keep what is stored
      if (draft.code.empty()) draft.code = before->code;
      if (draft.oktmo.empty()) draft.oktmo = before->oktmo;
      if (!draft.subject_number) draft.subject_number = before->subject_number;
      if (draft.municipality_kind.empty()) draft.municipality_kind = before->municipality_kind;
      if (same_fields(draft, *before)) continue;
      change_territory(c, caller, write, *before, draft, today);
      ++report.updated;
    } catch (const domain::Error& e) {
      const std::string_view field = e.field() == "parent_id" ? "parent" : std::string_view(e.field());
      row.problem(row.col(field), e.what());
    }
  }
  notify(progress, "checking", total, total);
}

}  // namespace metodist::app
