#include "domain/roadmap.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace metodist::domain {
namespace {

constexpr std::array<std::string_view, 7> kTitles{
    "№ п/п",           "Наименование мероприятия", "Участники", "Ответственный исполнитель / соисполнители",
    "Срок реализации", "Ожидаемый результат",      "Раздел"};

constexpr std::array kStatuses{
    Term{"planned", "Запланировано"}, Term{"in_progress", "Выполняется"}, Term{"done", "Выполнено"},
    Term{"not_done", "Не выполнено"}, Term{"cancelled", "Отменено"},
};
constexpr std::array kOwners{
    Term{"region", "Регион"},
    Term{"municipality", "Муниципалитет"},
    Term{"active", "Методический актив"},
};

// Word-processor leftovers in cells: <i>…</i>, <b>…</b>, <br>.
std::string strip_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<') {
      const auto close = text.find('>', i);
      const auto tag = close == std::string_view::npos ? std::string_view{} : text.substr(i + 1, close - i - 1);
      const bool markup = !tag.empty() && tag.size() <= 4 && std::all_of(tag.begin(), tag.end(), [](char c) {
        return c == '/' || std::isalpha(static_cast<unsigned char>(c));
      });
      if (markup) {
        out.push_back(' ');
        i = close;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return trim(out);
}

// «1.5.1», «1.», «10» → the number without its trailing dot; nullopt when the
// text is not a number of an item.
std::optional<std::string> item_number(std::string_view text) {
  text = trim_view(text);
  if (text.empty() || !std::isdigit(static_cast<unsigned char>(text.front()))) return std::nullopt;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return std::nullopt;
  std::string n(text);
  while (!n.empty() && n.back() == '.') n.pop_back();
  if (n.find("..") != std::string::npos) return std::nullopt;
  return n;
}

// «1. Система методической работы» in one cell: a heading with its number.
bool split_numbered_title(std::string_view text, std::string& number, std::string& title) {
  std::size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
  if (i == 0 || i >= text.size() || text[i] != ' ' || text[i - 1] != '.') return false;
  auto n = item_number(text.substr(0, i));
  if (!n) return false;
  number = *n;
  title = trim(text.substr(i));
  return !title.empty();
}

bool is_separator(const std::vector<std::string>& cells) {
  for (const auto& c : cells) {
    const auto t = trim_view(c);
    if (t.empty()) continue;
    if (t.find_first_not_of("-: ") != std::string_view::npos) return false;
  }
  return true;
}

void append(std::string& to, std::string_view piece) {
  if (piece.empty()) return;
  if (!to.empty()) to.push_back(' ');
  to.append(piece);
}

std::string* field_of(RoadmapRow& r, RoadmapColumn c) {
  switch (c) {
    case RoadmapColumn::number:
      return nullptr;
    case RoadmapColumn::name:
      return &r.name;
    case RoadmapColumn::participants:
      return &r.participants;
    case RoadmapColumn::executors:
      return &r.executors;
    case RoadmapColumn::term:
      return &r.term;
    case RoadmapColumn::result:
      return &r.result;
    case RoadmapColumn::section:
      return &r.section;
  }
  return nullptr;
}

std::vector<int> number_parts(std::string_view n) {
  std::vector<int> parts;
  while (!n.empty()) {
    const auto dot = n.find('.');
    const auto piece = n.substr(0, dot);
    int v = 0;
    std::from_chars(piece.data(), piece.data() + piece.size(), v);
    parts.push_back(v);
    if (dot == std::string_view::npos) break;
    n.remove_prefix(dot + 1);
  }
  return parts;
}

}  // namespace

std::span<const std::string_view> roadmap_column_titles() { return kTitles; }

std::optional<RoadmapColumn> roadmap_column_of(std::string_view header) {
  const std::string h = fold_for_search(strip_markup(header));
  if (h.empty()) return std::nullopt;
  auto has = [&](std::string_view s) { return h.find(s) != std::string::npos; };
  if (h == "№" || has("п/п") || h == "номер" || h == "n" || h == "no") return RoadmapColumn::number;
  if (has("наименован") || (has("мероприят") && !has("срок") && !has("результат"))) return RoadmapColumn::name;
  if (has("участник") || has("категори")) return RoadmapColumn::participants;
  if (has("срок")) return RoadmapColumn::term;
  if (has("исполнител") || has("ответствен")) return RoadmapColumn::executors;
  if (has("результат")) return RoadmapColumn::result;
  if (h == "раздел" || h == "блок" || h == "год") return RoadmapColumn::section;
  return std::nullopt;
}

RoadmapTable read_roadmap_table(std::span<const SourceRow> rows) {
  RoadmapTable out;
  std::vector<std::optional<RoadmapColumn>> columns;
  std::size_t header_at = rows.size();
  for (std::size_t i = 0; i < rows.size() && header_at == rows.size(); ++i)
    for (const auto& cell : rows[i].cells)
      if (roadmap_column_of(cell) == RoadmapColumn::name) {
        header_at = i;
        break;
      }
  if (header_at == rows.size()) {
    out.issues.push_back({0, "file", "Не найдена строка заголовка: нужен столбец «Наименование мероприятия»"});
    return out;
  }
  bool has_number = false;
  for (const auto& cell : rows[header_at].cells) {
    const auto c = roadmap_column_of(cell);
    columns.push_back(c);
    if (c == RoadmapColumn::number) has_number = true;
    if (!c && !trim_view(cell).empty()) out.ignored_columns.push_back(trim(cell));
  }
  // Cells right of the known columns continue the last one (the Chelyabinsk order № 017730's page breaks add columns).
  auto column_at = [&](std::size_t i) -> std::optional<RoadmapColumn> {
    if (i < columns.size()) return columns[i];
    return columns.empty() ? std::nullopt : std::optional(RoadmapColumn::result);
  };
  const std::string header_name = fold_for_search(rows[header_at].cells.empty() ? "" : rows[header_at].cells[0]);
  std::optional<std::size_t> number_col;
  for (std::size_t k = 0; k < columns.size() && !number_col; ++k)
    if (columns[k] == RoadmapColumn::number) number_col = k;

  std::string section;
  std::size_t sequence = 0;  // numbers for tables without a number column
  for (std::size_t i = header_at + 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (is_separator(row.cells)) continue;
    std::vector<std::string> cells;
    for (const auto& c : row.cells) cells.push_back(strip_markup(c));
    // A repeated header on a new page.
    if (!cells.empty() && !header_name.empty() && fold_for_search(cells[0]) == header_name) continue;
    std::vector<std::size_t> filled;
    for (std::size_t k = 0; k < cells.size(); ++k)
      if (!cells[k].empty()) filled.push_back(k);
    if (filled.empty()) continue;

    const std::string first = cells[filled.front()];
    // «2021 год» alone in its row: a block of the plan.
    if (filled.size() == 1 && section_year(first)) {
      section = first;
      continue;
    }
    RoadmapRow item;
    item.source_row = row.number;
    item.section = section;
    std::string number, title;
    if (has_number && number_col && *number_col < cells.size()) {
      const auto& lead = cells[*number_col];
      if (auto n = item_number(lead)) {
        number = *n;
      } else if (split_numbered_title(lead, number, title)) {
        item.heading = true;  // «1. Система методической работы» in the number cell
      }
    } else if (!has_number && filled.size() == 1 && split_numbered_title(first, number, title)) {
      item.heading = true;
    }
    if (number.empty() && has_number) {
      // No number: the rest of an item broken by a page, or text before the first item.
      if (out.items.empty()) {
        out.issues.push_back(
            {row.number, "number", "Строка без номера до первого пункта: текст сохранён как отдельный пункт"});
      } else {
        auto& prev = out.items.back();
        for (std::size_t k : filled)
          if (auto c = column_at(k); c && c != RoadmapColumn::number && c != RoadmapColumn::section)
            append(*field_of(prev, *c), cells[k]);
          else if (!c)
            append(prev.result, cells[k]);
        continue;
      }
    }
    item.number = number.empty() && !has_number ? std::to_string(++sequence) : number;
    item.section.clear();  // a «Раздел» cell, if any, fills it below; otherwise the running block
    for (std::size_t k = 0; k < cells.size(); ++k) {
      if (cells[k].empty() || (number_col && k == *number_col)) continue;
      const auto c = column_at(k);
      if (c && c != RoadmapColumn::number)
        append(*field_of(item, *c), cells[k]);
      else if (!c)
        append(item.result, cells[k]);
    }
    if (item.section.empty()) item.section = section;
    if (item.heading) item.name = title + (item.name.empty() ? "" : " " + item.name);
    // «3. | <i>Поддержка молодых педагогов</i>»: a number with a dot and only a name is a heading.
    if (!item.heading && number_col && trim_view(cells[*number_col]).ends_with('.') && item.term.empty() &&
        item.executors.empty() && item.result.empty() && item.participants.empty())
      item.heading = true;
    if (item.name.empty()) {
      out.issues.push_back({row.number, "name", "Пункт " + item.number + " без наименования: сохранён, дополните"});
      item.name = "(без наименования)";
    }
    out.items.push_back(std::move(item));
  }
  if (out.items.empty()) out.issues.push_back({0, "file", "Под заголовком нет ни одного пункта"});
  return out;
}

std::string parent_number(std::string_view number) {
  while (!number.empty() && number.back() == '.') number.remove_suffix(1);
  const auto dot = number.rfind('.');
  return dot == std::string_view::npos ? std::string{} : std::string(number.substr(0, dot));
}

int number_depth(std::string_view number) {
  while (!number.empty() && number.back() == '.') number.remove_suffix(1);
  return 1 + static_cast<int>(std::count(number.begin(), number.end(), '.'));
}

bool number_less(std::string_view a, std::string_view b) { return number_parts(a) < number_parts(b); }

Executors split_executors(std::string_view text) {
  Executors e;
  for (auto& part : split_list(text, '/')) {
    if (e.responsible.empty())
      e.responsible = part;
    else
      e.co.push_back(part);
  }
  return e;
}

std::optional<int> section_year(std::string_view section) {
  const std::string s = fold_for_search(section);
  int year = 0;
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, year);
  if (ec != std::errc{} || p - s.data() != 4 || year < 1990 || year > 2200) return std::nullopt;
  std::string_view rest = trim_view(std::string_view(p, static_cast<std::size_t>(end - p)));
  if (rest == "год" || rest == "г." || rest == "г" || rest == "гг." || rest.empty()) return year;
  return std::nullopt;
}

std::string normalise_indicator_codes(std::string_view text) {
  std::string out;
  for (const auto& code : split_list(text, ';')) {
    const auto folded = ascii_lower(code);
    const auto dot = folded.find('.');
    bool ok = dot != std::string::npos && dot > 0 && folded.size() <= 32 && folded.back() != '.';
    for (std::size_t k = 0; ok && k < folded.size(); ++k) {
      const char ch = folded[k];
      ok = (k < dot) ? (ch >= 'a' && ch <= 'z') : ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || ch == '.');
    }
    if (!ok)
      throw Error::validation("indicator_codes", "Код показателя «" + code + "» записывают как fed.1 или rmms.5");
    out += (out.empty() ? "" : "; ") + folded;
  }
  return out;
}

std::span<const Term> roadmap_item_statuses() { return kStatuses; }
std::span<const Term> roadmap_owner_levels() { return kOwners; }

static_assert(kStatuses.size() == static_cast<std::size_t>(ItemStatus::cancelled) + 1);

bool item_finished(ItemStatus status) {
  return status == ItemStatus::done || status == ItemStatus::cancelled || status == ItemStatus::not_done;
}

bool item_overdue(const ParsedTerm& term, ItemStatus status, const Date& today) {
  if (item_finished(status) || !term.range) return false;
  if (term.kind == TermKind::unknown || term.kind == TermKind::by_plan) return false;
  return term.range->to < today;
}

}  // namespace metodist::domain
