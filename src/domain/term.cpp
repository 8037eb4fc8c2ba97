#include "domain/term.hpp"

#include <algorithm>
#include <array>
#include <chrono>

#include "domain/text.hpp"

namespace metodist::domain {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

// Month stems as they appear in any case: «январь», «января», «январе».
constexpr std::array<std::string_view, 12> kMonthStems{"январ", "феврал", "март",    "апрел",  "ма",    "июн",
                                                       "июл",   "август", "сентябр", "октябр", "ноябр", "декабр"};

Date first_day(int y, unsigned m) { return Date{year{y} / month{m} / day{1}}; }
Date last_day(int y, unsigned m) { return Date{std::chrono::year_month_day{year{y} / month{m} / std::chrono::last}}; }

// Words of the folded text: letters and digits, with «-», «–», «—», «,» as
// separate words (they carry meaning: a span or a list).
std::vector<std::string> words_of(const std::string& folded) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur), cur.clear();
  };
  for (std::size_t i = 0; i < folded.size();) {
    const unsigned char c = static_cast<unsigned char>(folded[i]);
    if (folded.compare(i, 3, "–") == 0 || folded.compare(i, 3, "—") == 0) {
      flush();
      out.emplace_back("-");
      i += 3;
    } else if (c == '-' || c == ',' || c == ';') {
      flush();
      out.emplace_back(c == '-' ? "-" : ",");
      ++i;
    } else if (c == ' ' || c == '\t' || c == '(' || c == ')') {
      flush();
      ++i;
    } else {
      cur += folded[i];
      ++i;
    }
  }
  flush();
  return out;
}

std::optional<unsigned> month_of(std::string_view w) {
  if (w == "май" || w == "мая" || w == "мае") return 5u;
  if (w == "март" || w == "марта" || w == "марте") return 3u;
  for (unsigned i = 0; i < 12; ++i)
    if (i != 4 && i != 2 && w.starts_with(kMonthStems[i]) && w.size() <= kMonthStems[i].size() + 4) return i + 1;
  return std::nullopt;
}

std::optional<int> roman(std::string_view w) {
  if (w == "i") return 1;
  if (w == "ii") return 2;
  if (w == "iii") return 3;
  if (w == "iv") return 4;
  return std::nullopt;
}

std::optional<int> year_of(std::string_view w) {
  std::string digits;
  for (char c : w)
    if (c >= '0' && c <= '9')
      digits += c;
    else
      break;
  if (digits.size() != 4) return std::nullopt;
  const int y = std::stoi(digits);
  if (y < 1990 || y > 2100) return std::nullopt;
  return y;
}

bool contains(const std::string& folded, std::string_view what) { return folded.find(what) != std::string::npos; }

// Ranges in order, merged where they touch, into the span and its parts.
ParsedTerm from_ranges(std::vector<DateRange> ranges) {
  ParsedTerm t;
  if (ranges.empty()) return t;
  std::sort(ranges.begin(), ranges.end(), [](const DateRange& a, const DateRange& b) { return a.from < b.from; });
  std::vector<DateRange> merged{ranges.front()};
  for (std::size_t i = 1; i < ranges.size(); ++i) {
    auto& last = merged.back();
    if (ranges[i].from.days() <= last.to.days() + std::chrono::days(1))
      last.to = std::max(last.to, ranges[i].to);
    else
      merged.push_back(ranges[i]);
  }
  t.kind = TermKind::dates;
  t.range = DateRange{merged.front().from, merged.back().to};
  if (merged.size() > 1) t.parts = merged;
  return t;
}

}  // namespace

namespace {
constexpr std::pair<std::string_view, TermKind> kKindCodes[] = {
    {"dates", TermKind::dates},     {"whole_period", TermKind::whole_period}, {"recurring", TermKind::recurring},
    {"by_plan", TermKind::by_plan}, {"unknown", TermKind::unknown},
};
}  // namespace

std::string_view term_kind_code(TermKind kind) noexcept {
  for (const auto& [code, k] : kKindCodes)
    if (k == kind) return code;
  return "unknown";
}

TermKind term_kind_from_code(std::string_view code) noexcept {
  for (const auto& [c, k] : kKindCodes)
    if (c == code) return k;
  return TermKind::unknown;
}

ParsedTerm parse_term(std::string_view text, int default_year, const DateRange& period) {
  const std::string folded = fold_for_search(text);
  ParsedTerm whole;
  whole.range = period;

  if (contains(folded, "по отдельному плану") || contains(folded, "по отдельному графику") ||
      contains(folded, "в соответствии с план") || contains(folded, "в соответствии с календарн") ||
      contains(folded, "по плану")) {
    whole.kind = TermKind::by_plan;
    return whole;
  }
  if (contains(folded, "в течение всего периода") || contains(folded, "в течении всего периода") ||
      contains(folded, "весь период") || contains(folded, "постоянно")) {
    whole.kind = TermKind::whole_period;
    return whole;
  }
  // «1 раз в полгода», «1 раз в полугодие», «ежеквартально», «ежемесячно», «ежегодно».
  const std::pair<std::string_view, std::string_view> kEvery[] = {
      {"раз в полгода", "полугодие"},
      {"раз в полугодие", "полугодие"},
      {"ежеквартально", "квартал"},
      {"раз в квартал", "квартал"},
      {"ежемесячно", "месяц"},
      {"раз в месяц", "месяц"},
      {"ежегодно", "год"},
      {"раз в год", "год"},
  };
  for (const auto& [phrase, every] : kEvery)
    if (contains(folded, phrase)) {
      whole.kind = TermKind::recurring;
      whole.every = std::string(every);
      return whole;
    }
  const auto words = words_of(folded);
  // An explicit year anywhere («Декабрь 2021 года», «Апрель 2022») overrides the default.
  int y = default_year;
  for (const auto& w : words)
    if (auto found = year_of(w)) y = *found;
  // «В течении года» is how the Chelyabinsk order № 017730 spells it twice.
  if (contains(folded, "в течение года") || contains(folded, "в течении года") || folded == "год" ||
      contains(folded, "в течение учебного года")) {
    ParsedTerm t;
    t.kind = TermKind::whole_period;
    t.range = DateRange{first_day(y, 1), last_day(y, 12)};
    return t;
  }
  // Explicit dates: «до 05.06.2021», «с 15.04.2021 по 10.05.2021», «05.06.2021».
  std::vector<Date> dates;
  for (const auto& w : words)
    if (auto d = Date::parse_written(w)) dates.push_back(*d);
  if (!dates.empty()) {
    ParsedTerm t;
    t.kind = TermKind::dates;
    if (dates.size() >= 2)
      t.range = DateRange{dates[0], dates[1]};
    else if (contains(folded, "до ") || folded.starts_with("до"))
      t.range = DateRange{period.from, dates[0]};
    else
      t.range = DateRange{dates[0], dates[0]};
    if (t.range->to < t.range->from) return ParsedTerm{};
    return t;
  }
  // Quarters: «I квартал», «II, IV кварталы», «II – IV кварталы», «III IV кварталы».
  if (contains(folded, "квартал")) {
    std::vector<int> qs;
    bool span = false;
    for (const auto& w : words) {
      if (auto q = roman(w)) {
        if (span && !qs.empty())
          for (int k = qs.back() + 1; k < *q; ++k) qs.push_back(k);
        qs.push_back(*q);
        span = false;
      } else if (w == "-") {
        span = true;
      } else if (!w.starts_with("квартал") && w != "," && !year_of(w) && w != "года" && w != "г" && w != "г." &&
                 w != "гг") {
        return ParsedTerm{};  // something else is said: do not guess
      }
    }
    if (qs.empty()) return ParsedTerm{};
    std::vector<DateRange> ranges;
    for (int q : qs)
      ranges.push_back({first_day(y, static_cast<unsigned>(3 * q - 2)), last_day(y, static_cast<unsigned>(3 * q))});
    return from_ranges(ranges);
  }
  // Months: «Февраль», «Январь - февраль», «Декабрь 2021 года», «сентябрь, ноябрь».
  std::vector<unsigned> months;
  bool span = false;
  for (const auto& w : words) {
    if (auto m = month_of(w)) {
      if (span && !months.empty())
        for (unsigned k = months.back() + 1; k < *m; ++k) months.push_back(k);
      months.push_back(*m);
      span = false;
    } else if (w == "-") {
      span = true;
    } else if (w != "," && !year_of(w) && w != "года" && w != "год" && w != "г" && w != "г." && w != "в" && w != "и") {
      return ParsedTerm{};
    }
  }
  if (months.empty()) return ParsedTerm{};
  std::vector<DateRange> ranges;
  for (auto m : months) ranges.push_back({first_day(y, m), last_day(y, m)});
  return from_ranges(ranges);
}

}  // namespace metodist::domain
