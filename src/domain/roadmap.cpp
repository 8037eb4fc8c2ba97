#include "domain/roadmap.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace metodist::domain {
namespace {

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

// «I», «IV», «XII»: a section's Roman number, in Latin letters as documents type it.
bool roman_numeral(std::string_view t) {
  if (t.empty() || t.size() > 6) return false;
  return std::all_of(t.begin(), t.end(), [](char c) { return c == 'I' || c == 'V' || c == 'X'; });
}

// «I. Организационное обеспечение», «II Кадровое обеспечение» in one cell.
bool split_roman_title(std::string_view text, std::string& number, std::string& title) {
  text = trim_view(text);
  std::size_t i = 0;
  while (i < text.size() && (text[i] == 'I' || text[i] == 'V' || text[i] == 'X')) ++i;
  if (i == 0 || i >= text.size() || !roman_numeral(text.substr(0, i))) return false;
  std::size_t j = i;
  if (text[j] == '.') ++j;
  if (j >= text.size() || text[j] != ' ') return false;
  number = std::string(text.substr(0, i));
  title = trim(text.substr(j));
  return !title.empty();
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
    case RoadmapColumn::indicators:
      return &r.indicators;
    case RoadmapColumn::status:
      return &r.status;
    case RoadmapColumn::reports:
      return &r.reports;
    case RoadmapColumn::computed:
      return nullptr;
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

std::string_view roadmap_column_title(RoadmapColumn column) {
  switch (column) {
    case RoadmapColumn::number:
      return "№ п/п";
    case RoadmapColumn::name:
      return "Наименование мероприятия";
    case RoadmapColumn::participants:
      return "Участники";
    case RoadmapColumn::executors:
      return "Ответственный исполнитель / соисполнители";
    case RoadmapColumn::term:
      return "Срок реализации";
    case RoadmapColumn::result:
      return "Ожидаемый результат";
    case RoadmapColumn::section:
      return "Раздел";
    case RoadmapColumn::indicators:
      return "Показатели";
    case RoadmapColumn::status:
      return "Состояние";
    case RoadmapColumn::reports:
      return "Отчёты";
    case RoadmapColumn::computed:
      return "Начало";
  }
  return "";
}

std::optional<RoadmapColumn> roadmap_column_of(std::string_view header) {
  const std::string h = fold_for_search(strip_markup(header));
  if (h.empty()) return std::nullopt;
  auto has = [&](std::string_view s) { return h.find(s) != std::string::npos; };
  if (h == "№" || has("п/п") || h == "номер" || h == "n" || h == "no" || h == "№ пункта") return RoadmapColumn::number;
  if (has("наименован") || (has("мероприят") && !has("срок") && !has("результат"))) return RoadmapColumn::name;
  if (has("участник") || has("категори")) return RoadmapColumn::participants;
  if (has("срок")) return RoadmapColumn::term;
  if (has("исполнител") || has("ответствен")) return RoadmapColumn::executors;
  if (has("результат")) return RoadmapColumn::result;
  if (h == "раздел" || h == "блок" || h == "год") return RoadmapColumn::section;
  if (h == "показатели" || h == "коды показателей" || h == "показатель" || h == "целевые показатели")
    return RoadmapColumn::indicators;
  if (h == "состояние" || h == "статус" || h == "статус исполнения" || h == "отметка о выполнении")
    return RoadmapColumn::status;
  if (h == "отчеты" || h == "отчет" || h == "отчеты об исполнении") return RoadmapColumn::reports;
  if (h == "начало" || h == "окончание") return RoadmapColumn::computed;
  return std::nullopt;
}

std::string_view row_role_code(RowRole role) noexcept {
  switch (role) {
    case RowRole::title:
      return "title";
    case RowRole::header:
      return "header";
    case RowRole::repeated_header:
      return "repeated_header";
    case RowRole::column_numbers:
      return "column_numbers";
    case RowRole::section:
      return "section";
    case RowRole::heading:
      return "heading";
    case RowRole::item:
      return "item";
    case RowRole::continuation:
      return "continuation";
    case RowRole::empty:
      return "empty";
  }
  return "empty";
}

namespace {

// «1 | 2 | 3 | 4 | 5 | 6» under a header: every filled cell a number, 1, 2, 3… in order.
bool column_numbers_row(const std::vector<std::string>& cells, const std::vector<std::size_t>& filled) {
  if (filled.size() < 3) return false;
  int expected = 1;
  for (std::size_t k : filled) {
    const auto t = trim_view(cells[k]);
    int v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc{} || p != t.data() + t.size() || v != expected++) return false;
  }
  return true;
}

}  // namespace

RoadmapTable read_roadmap_table(std::span<const SourceRow> rows) {
  RoadmapTable out;
  std::vector<std::optional<RoadmapColumn>> columns;
  std::vector<std::string> headers;  // as written, for extra columns
  // The header names the action column and another one; a title above it
  // («План мероприятий…») may name only the first. A one-column table is read too.
  std::size_t header_at = rows.size(), name_only_at = rows.size();
  for (std::size_t i = 0; i < rows.size() && header_at == rows.size(); ++i) {
    bool name = false;
    std::size_t known = 0;
    for (const auto& cell : rows[i].cells)
      if (auto c = roadmap_column_of(cell)) {
        ++known;
        name = name || c == RoadmapColumn::name;
      }
    if (name && known >= 2) header_at = i;
    if (name && known == 1 && name_only_at == rows.size()) name_only_at = i;
  }
  if (header_at == rows.size()) header_at = name_only_at;
  auto filled_of = [](const std::vector<std::string>& cells) {
    std::vector<std::size_t> f;
    for (std::size_t k = 0; k < cells.size(); ++k)
      if (!trim_view(cells[k]).empty()) f.push_back(k);
    return f;
  };
  // Every row once, in order; the readers leave blank lines out, so the gaps
  // in the numbering are accounted as empty rows.
  std::size_t accounted = 0;
  auto account = [&](RowAccount a) {
    for (std::size_t k = accounted + 1; k < a.row; ++k) out.rows.push_back({k, RowRole::empty, {}});
    accounted = std::max(accounted, a.row);
    out.rows.push_back(std::move(a));
  };
  auto text_of_row = [&](const SourceRow& r) {
    std::string t;
    for (const auto& c : r.cells) append(t, strip_markup(c));
    return t;
  };
  // Rows above the header: the document's title and approval, kept as remarks.
  for (std::size_t i = 0; i < std::min(header_at, rows.size()); ++i) {
    const auto text = text_of_row(rows[i]);
    account({rows[i].number, text.empty() ? RowRole::empty : RowRole::title, {}});
    if (!text.empty()) out.remarks.push_back(text);
  }
  if (header_at == rows.size()) {
    out.issues.push_back({0, "file", "Не найдена строка заголовка: нужен столбец «Наименование мероприятия»"});
    return out;
  }
  account({rows[header_at].number, RowRole::header, {}});
  bool has_number = false;
  for (const auto& cell : rows[header_at].cells) {
    const auto c = roadmap_column_of(cell);
    columns.push_back(c);
    headers.push_back(trim(strip_markup(cell)));
    if (c == RoadmapColumn::number) has_number = true;
    if (!c && !headers.back().empty()) out.extra_columns.push_back(headers.back());
  }
  // Cells right of the known columns continue the last one (the Chelyabinsk order № 017730's page breaks add columns).
  auto column_at = [&](std::size_t i) -> std::optional<RoadmapColumn> {
    if (i < columns.size()) return columns[i];
    return columns.empty() ? std::nullopt : std::optional(RoadmapColumn::result);
  };
  auto extra_header = [&](std::size_t i) -> std::string {
    return i < headers.size() && !columns[i] && !headers[i].empty() ? headers[i] : std::string();
  };
  auto add_extra = [&](RoadmapRow& r, std::size_t k, const std::string& text) {
    const auto h = extra_header(k);
    for (auto& [header, value] : r.extra)
      if (header == h) return append(value, text);
    r.extra.emplace_back(h, text);
  };
  auto place = [&](RoadmapRow& r, std::size_t k, const std::string& text) {
    const auto c = column_at(k);
    if (!c) {
      if (!extra_header(k).empty())
        add_extra(r, k, text);
      else
        append(r.result, text);  // a column without a header continues the result
    } else if (auto* f = field_of(r, *c)) {
      // Reports are one per line; other cells broken by a page go on with a space.
      if (c == RoadmapColumn::reports && !f->empty())
        *f += "\n" + text;
      else
        append(*f, text);
    }
  };
  // A repeated header: most of its filled cells name the same column as the header does.
  auto repeated_header = [&](const std::vector<std::string>& cells, const std::vector<std::size_t>& filled) {
    std::size_t same = 0;
    for (std::size_t k : filled)
      if (k < headers.size() && (fold_for_search(cells[k]) == fold_for_search(headers[k]) ||
                                 (columns[k] && roadmap_column_of(cells[k]) == columns[k])))
        ++same;
    return same >= 2 && same * 2 >= filled.size();
  };
  std::optional<std::size_t> number_col;
  for (std::size_t k = 0; k < columns.size() && !number_col; ++k)
    if (columns[k] == RoadmapColumn::number) number_col = k;

  std::string section;
  std::size_t sequence = 0;  // numbers for tables without a number column
  for (std::size_t i = header_at + 1; i < rows.size(); ++i) {
    const auto& row = rows[i];
    if (is_separator(row.cells)) {
      account({row.number, RowRole::empty, {}});
      continue;
    }
    std::vector<std::string> cells;
    for (const auto& c : row.cells) cells.push_back(strip_markup(c));
    const auto filled = filled_of(cells);
    if (filled.empty()) {
      account({row.number, RowRole::empty, {}});
      continue;
    }
    if (repeated_header(cells, filled)) {
      account({row.number, RowRole::repeated_header, {}});
      continue;
    }
    if (column_numbers_row(cells, filled)) {
      account({row.number, RowRole::column_numbers, {}});
      continue;
    }
    const std::string first = cells[filled.front()];
    // «2021 год», «2023/2024 учебный год» alone in its row: a block of the plan.
    if (filled.size() == 1 && (section_year(first) || section_school_year(first))) {
      section = first;
      account({row.number, RowRole::section, {}});
      continue;
    }
    RoadmapRow item;
    item.source_row = row.number;
    item.section = section;
    std::string number, title;
    const std::string lead = number_col && *number_col < cells.size() ? cells[*number_col] : std::string();
    if (has_number && number_col) {
      if (auto n = item_number(lead)) {
        number = *n;
      } else if (split_numbered_title(lead, number, title) || split_roman_title(lead, number, title)) {
        item.heading = true;  // «1. Система методической работы», «I. Организационное обеспечение» in the number cell
      } else if (auto r = trim_view(lead); roman_numeral(r.ends_with('.') ? r.substr(0, r.size() - 1) : r)) {
        number = std::string(r.ends_with('.') ? r.substr(0, r.size() - 1) : r);  // «I» | «Организационное обеспечение»
        item.heading = true;
      }
    }
    if (number.empty() && !item.heading && filled.size() == 1 &&
        (split_numbered_title(first, number, title) || split_roman_title(first, number, title))) {
      item.heading = true;  // a heading across merged cells, in whichever cell it landed
    }
    if (number.empty() && has_number && !item.heading) {
      // No number: the rest of an item broken by a page, or text before the first item.
      if (out.items.empty()) {
        out.issues.push_back(
            {row.number, "number", "Строка без номера до первого пункта: текст сохранён как отдельный пункт"});
      } else {
        auto& prev = out.items.back();
        for (std::size_t k : filled)
          if (column_at(k) != RoadmapColumn::number && column_at(k) != RoadmapColumn::section) place(prev, k, cells[k]);
        account({row.number, RowRole::continuation, prev.number});
        continue;
      }
    }
    item.number = number.empty() && !has_number && !item.heading ? std::to_string(++sequence) : number;
    item.section.clear();  // a «Раздел» cell, if any, fills it below; otherwise the running block
    for (std::size_t k = 0; k < cells.size(); ++k) {
      if (cells[k].empty() || (number_col && k == *number_col)) continue;
      if (item.heading && !title.empty() && cells[k] == first && filled.size() == 1) continue;
      place(item, k, cells[k]);
    }
    if (item.section.empty()) item.section = section;
    if (item.heading && !title.empty()) item.name = title + (item.name.empty() ? "" : " " + item.name);
    // «3. | <i>Поддержка молодых педагогов</i>»: a number with a dot and only a name is a heading.
    if (!item.heading && number_col && trim_view(lead).ends_with('.') && item.term.empty() && item.executors.empty() &&
        item.result.empty() && item.participants.empty())
      item.heading = true;
    if (item.name.empty()) {
      out.issues.push_back({row.number, "name", "Пункт " + item.number + " без наименования: сохранён, дополните"});
      item.name = "(без наименования)";
    }
    account({row.number, item.heading ? RowRole::heading : RowRole::item, item.number});
    out.items.push_back(std::move(item));
  }
  // A number used twice within a block: both are kept, the keeper decides.
  std::map<std::pair<std::string, std::string>, std::size_t> seen;
  for (const auto& it : out.items) {
    if (it.number.empty()) continue;
    auto [at, fresh] = seen.emplace(std::pair{it.section, it.number}, it.source_row);
    if (!fresh)
      out.issues.push_back({it.source_row, "number",
                            "Номер " + it.number + " повторяется (уже в строке " + std::to_string(at->second) +
                                (it.section.empty() ? "" : ", раздел «" + it.section + "»") +
                                "): оба пункта сохранены"});
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

namespace {

// The first word of a part, as written.
std::string_view first_word(std::string_view part) {
  part = trim_view(part);
  const auto end = part.find_first_of(" «\"(");
  return end == std::string_view::npos ? part : part.substr(0, end);
}

// «МОУО», «ГАУ», «ОО», «ЦНППМ», «ИРО»: two or more letters, every one a capital.
bool abbreviation(std::string_view word) {
  std::size_t letters = 0;
  for (std::size_t i = 0; i < word.size();) {
    const auto c = static_cast<unsigned char>(word[i]);
    if (c >= 'A' && c <= 'Z') {
      ++letters, ++i;
    } else if (c == 0xD0 && i + 1 < word.size()) {
      const auto d = static_cast<unsigned char>(word[i + 1]);
      if (!((d >= 0x90 && d <= 0xAF) || d == 0x81)) return false;  // А–Я, Ё
      ++letters, i += 2;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      ++i;
    } else {
      return false;
    }
  }
  return letters >= 2;
}

bool starts_with_capital(std::string_view part) {
  part = trim_view(part);
  if (part.empty()) return false;
  const auto c = static_cast<unsigned char>(part[0]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xD0 && part.size() > 1) {
    const auto d = static_cast<unsigned char>(part[1]);
    return (d >= 0x90 && d <= 0xAF) || d == 0x81;
  }
  return part.starts_with("«");
}

// Does a part after a comma name a body of its own, or go on with the name before it?
bool names_a_body(std::string_view part) {
  const auto word = first_word(part);
  if (abbreviation(word)) return true;
  const std::string w = fold_for_search(word);
  // A participle or a preposition goes on with the name before: «…, осуществляющие управление…», «…, в том числе…».
  for (std::string_view tail : {"щие", "щих", "щий", "щая", "щее", "вшие", "мые", "мых"})
    if (w.ends_with(tail)) return false;
  for (std::string_view stem :
       {"орган",       "министерств",   "управлени",         "комитет",     "департамент", "отдел",
        "муниципальн", "образовательн", "общеобразовательн", "руководител", "методическ",  "профессиональн",
        "региональн",  "центр",         "институт",          "школ",        "педагог",     "заместител",
        "учител",      "администрац",   "ассоциац",          "совет",       "организац",   "специалист",
        "эксперт",     "тьютор",        "наставник",         "ммс",         "рмо",         "шмо",
        "пмо"})
    if (w.starts_with(stem)) return true;
  return starts_with_capital(part);
}

}  // namespace

Executors split_executors(std::string_view text, const std::function<bool(std::string_view)>& known_body) {
  Executors e;
  std::vector<std::string> parts;
  for (auto& slash_part : split_list(text, '/')) {
    // Within a part between slashes: commas and semicolons split before a body of its own.
    std::string current;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= slash_part.size(); ++i) {
      if (i < slash_part.size() && slash_part[i] != ',' && slash_part[i] != ';') continue;
      const auto piece = trim(std::string_view(slash_part).substr(start, i - start));
      start = i + 1;
      if (piece.empty()) continue;
      if (current.empty()) {
        current = piece;
      } else if (names_a_body(piece) || (known_body && known_body(piece))) {
        parts.push_back(current);
        current = piece;
      } else {
        current += ", " + piece;
      }
    }
    if (!current.empty()) parts.push_back(current);
  }
  for (auto& part : parts) {
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

std::optional<int> section_school_year(std::string_view section) {
  const std::string s = fold_for_search(section);
  int first = 0, second = 0;
  const auto* end = s.data() + s.size();
  auto [p, ec] = std::from_chars(s.data(), end, first);
  if (ec != std::errc{} || p - s.data() != 4 || first < 1990 || first > 2200) return std::nullopt;
  std::string_view rest(p, static_cast<std::size_t>(end - p));
  std::size_t sep = 0;
  if (rest.starts_with("/") || rest.starts_with("-"))
    sep = 1;
  else if (rest.starts_with("–") || rest.starts_with("—"))
    sep = 3;
  if (!sep) return std::nullopt;
  rest.remove_prefix(sep);
  auto [q, ec2] = std::from_chars(rest.data(), rest.data() + rest.size(), second);
  const auto digits = q - rest.data();
  if (ec2 != std::errc{} || !((digits == 4 && second == first + 1) || (digits == 2 && second == (first + 1) % 100)))
    return std::nullopt;
  rest = trim_view(std::string_view(q, static_cast<std::size_t>(rest.data() + rest.size() - q)));
  for (std::string_view tail :
       {"учебный год", "учебного года", "уч. год", "уч.год", "уч. г.", "учебный год.", "г.", "гг.", "год", ""})
    if (rest == tail) return first;
  return std::nullopt;
}

TermContext term_context(std::string_view section, const DateRange& period) {
  TermContext ctx{period, std::nullopt, std::nullopt};
  auto clip = [&](DateRange r) {
    r.from = std::max(r.from, period.from);
    r.to = std::min(r.to, period.to);
    return r.to < r.from ? std::optional<DateRange>() : std::optional(r);
  };
  if (auto y = section_year(section)) {
    ctx.block =
        clip({*Date::parse_iso(std::to_string(*y) + "-01-01"), *Date::parse_iso(std::to_string(*y) + "-12-31")});
  } else if (auto s = section_school_year(section)) {
    ctx.school_year = *s;
    ctx.block =
        clip({*Date::parse_iso(std::to_string(*s) + "-09-01"), *Date::parse_iso(std::to_string(*s + 1) + "-08-31")});
  }
  return ctx;
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

std::optional<Date> item_due_on(const ParsedTerm& term, std::span<const Date> reports) {
  switch (term.kind) {
    case TermKind::dates:
    case TermKind::whole_period:
    case TermKind::deadline:
      if (term.range) return term.range->to;
      return std::nullopt;
    case TermKind::recurring: {
      // Answered cycles do not depend on today: only which one is the first unanswered.
      const auto far = Date::from_days(std::chrono::sys_days{std::chrono::year{2200} / 1 / 1});
      for (const auto& d : dues_of(term, reports, far))
        if (d.state != DueState::met && d.state != DueState::met_late) return d.cycle.to;
      return std::nullopt;
    }
    case TermKind::by_plan:
    case TermKind::as_needed:
    case TermKind::unknown:
      return std::nullopt;
  }
  return std::nullopt;
}

bool item_overdue(const ParsedTerm& term, ItemStatus status, const Date& today, std::span<const Date> reports) {
  if (item_finished(status)) return false;
  const auto due = item_due_on(term, reports);
  return due && *due < today;
}

std::optional<ItemStatus> item_status_written(std::string_view text) {
  const auto folded = fold_for_search(trim(text.substr(0, text.find(','))));
  for (const auto& t : roadmap_item_statuses())
    if (fold_for_search(t.title) == folded || t.code == folded)
      return stored_value<ItemStatus>(roadmap_item_statuses(), t.code);
  return std::nullopt;
}

std::string report_line(const ReportLine& r) {
  auto flat = [](std::string_view text) {  // one report, one line
    std::string out;
    for (const auto& line : split_list(text, '\n')) out += (out.empty() ? "" : " / ") + line;
    return out;
  };
  std::string line = russian_date(r.day) + " · " + title_of(roadmap_item_statuses(), code_of(r.status)) + " · " +
                     (r.author.empty() ? std::string("—") : flat(r.author)) + " · " + flat(r.body);
  if (!r.evidence_url.empty()) line += " · " + r.evidence_url;
  return line;
}

std::optional<ReportLine> parse_report_line(std::string_view line) {
  std::vector<std::string> parts;
  const std::string_view sep = " · ";
  for (std::size_t at = 0;;) {
    const auto next = line.find(sep, at);
    parts.emplace_back(trim(line.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at)));
    if (next == std::string_view::npos) break;
    at = next + sep.size();
  }
  if (parts.size() < 4) return std::nullopt;
  ReportLine r;
  const auto day = Date::parse_written(parts[0]);
  if (!day) return std::nullopt;
  r.day = day->iso();
  const auto status = item_status_written(parts[1]);
  if (!status) return std::nullopt;
  r.status = *status;
  r.author = parts[2] == "—" ? std::string() : parts[2];  // «—»: a report with no author's name
  std::size_t last = parts.size();
  if (parts.size() >= 5 && (parts.back().starts_with("http://") || parts.back().starts_with("https://"))) {
    r.evidence_url = parts.back();
    --last;
  }
  for (std::size_t k = 3; k < last; ++k) r.body += (k > 3 ? std::string(sep) : std::string()) + parts[k];
  if (r.body.empty()) return std::nullopt;
  return r;
}

}  // namespace metodist::domain
