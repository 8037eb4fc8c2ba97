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
using std::chrono::year_month_day;

// ---- calendar helpers ----

Date first_day(int y, unsigned m) { return Date{year{y} / month{m} / day{1}}; }
Date last_day(int y, unsigned m) { return Date{year_month_day{year{y} / month{m} / std::chrono::last}}; }
Date add_days(const Date& d, int n) { return Date::from_days(d.days() + std::chrono::days(n)); }
unsigned month_number(const Date& d) { return static_cast<unsigned>(d.ymd.month()); }
std::optional<Date> make_date(int y, unsigned m, unsigned d) {
  const year_month_day ymd{year{y} / month{m} / day{d}};
  if (!ymd.ok()) return std::nullopt;
  return Date{ymd};
}
// The same day-of-year `years` later (29 February falls back to the 28th).
Date shift_years(const Date& d, int years) {
  const int y = d.year() + years;
  const unsigned m = month_number(d), dd = static_cast<unsigned>(d.ymd.day());
  if (auto r = make_date(y, m, dd)) return *r;
  return last_day(y, m);
}
DateRange shift_years(const DateRange& r, int years) { return {shift_years(r.from, years), shift_years(r.to, years)}; }

bool contains(std::string_view folded, std::string_view what) { return folded.find(what) != std::string_view::npos; }

// ---- tokens ----

enum class Tok { word, number, date, dash, comma, slash };
struct Token {
  Tok kind = Tok::word;
  std::string text;  // word: the folded word
  int value = 0;     // number: its value
  int digits = 0;    // number: how many digits
  unsigned d = 0, m = 0;
  int y = 0;  // date: 0 when written without a year («15.09»)
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter_byte(unsigned char c) { return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Ordinal endings after a number and a hyphen: «1-й», «2-е», «3-го».
bool ordinal_ending(std::string_view w) {
  return w == "й" || w == "е" || w == "го" || w == "ое" || w == "ый" || w == "ого" || w == "ом" || w == "ой";
}

std::vector<Token> tokens_of(std::string_view s) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (is_digit(static_cast<char>(c))) {
      std::size_t j = i;
      int value = 0, digits = 0;
      while (j < s.size() && is_digit(s[j])) {
        if (digits < 6) value = value * 10 + (s[j] - '0');
        ++digits, ++j;
      }
      // «15.09.2023», «15.09.23», «15.09»: a day and a month (and a year).
      if (digits <= 2 && j + 1 < s.size() && s[j] == '.' && is_digit(s[j + 1])) {
        std::size_t k = j + 1;
        unsigned m = 0;
        int md = 0;
        while (k < s.size() && is_digit(s[k]) && md < 3) m = m * 10 + static_cast<unsigned>(s[k++] - '0'), ++md;
        if (md <= 2 && !(k < s.size() && is_digit(s[k]))) {
          Token t{Tok::date, {}, 0, 0, static_cast<unsigned>(value), m, 0};
          if (k + 1 < s.size() && s[k] == '.' && is_digit(s[k + 1])) {
            std::size_t q = k + 1;
            int yv = 0, yd = 0;
            while (q < s.size() && is_digit(s[q]) && yd < 5) yv = yv * 10 + (s[q++] - '0'), ++yd;
            if (yd == 4 || yd == 2) {
              t.y = yd == 2 ? 2000 + yv : yv;
              k = q;
            } else if (yd != 0) {
              t.d = 0;  // a broken date: the parser refuses it
              k = q;
            }
          }
          out.push_back(t);
          i = k;
          continue;
        }
      }
      Token t{Tok::number, {}, value, digits};
      out.push_back(t);
      i = j;
      // «1-й», «2-е полугодие»: the ending is dropped.
      if (i < s.size() && s[i] == '-') {
        std::size_t k = i + 1;
        while (k < s.size() && is_letter_byte(static_cast<unsigned char>(s[k]))) ++k;
        if (k > i + 1 && ordinal_ending(s.substr(i + 1, k - i - 1))) i = k;
      }
      continue;
    }
    if (s.compare(i, 3, "–") == 0 || s.compare(i, 3, "—") == 0 || s.compare(i, 3, "‑") == 0 ||
        s.compare(i, 3, "−") == 0) {
      out.push_back({Tok::dash});
      i += 3;
      continue;
    }
    if (c == '-') {
      out.push_back({Tok::dash});
      ++i;
      continue;
    }
    if (c == ',' || c == ';') {
      out.push_back({Tok::comma});
      ++i;
      continue;
    }
    if (c == '/' || c == '\\') {
      out.push_back({Tok::slash});
      ++i;
      continue;
    }
    if (is_letter_byte(c)) {
      std::size_t j = i;
      while (j < s.size() && is_letter_byte(static_cast<unsigned char>(s[j]))) {
        // Punctuation outside ASCII that separates words.
        if (s.compare(j, 3, "–") == 0 || s.compare(j, 3, "—") == 0 || s.compare(j, 2, "«") == 0 ||
            s.compare(j, 2, "»") == 0 || s.compare(j, 2, "№") == 0 || s.compare(j, 3, "‑") == 0 ||
            s.compare(j, 3, "−") == 0 || s.compare(j, 3, "“") == 0 || s.compare(j, 3, "”") == 0)
          break;
        ++j;
      }
      if (j == i) {  // a lone separator such as «»: skip its bytes
        i += s.compare(i, 3, "№") == 0 || s.compare(i, 2, "«") == 0 || s.compare(i, 2, "»") == 0 ? 2 : 3;
        continue;
      }
      out.push_back({Tok::word, std::string(s.substr(i, j - i))});
      i = j;
      continue;
    }
    ++i;  // spaces, dots, brackets, quotes, colons
  }
  return out;
}

// ---- vocabulary ----

std::optional<unsigned> month_of(std::string_view w) {
  if (w == "май" || w == "мая" || w == "мае") return 5u;
  if (w == "март" || w == "марта" || w == "марте") return 3u;
  // Stems as the months appear in any case: «январь», «января», «январе»; short forms «янв», «сент».
  constexpr std::array<std::string_view, 12> kStems{"январ", "феврал", "",        "апрел",  "",      "июн",
                                                    "июл",   "август", "сентябр", "октябр", "ноябр", "декабр"};
  for (unsigned i = 0; i < 12; ++i)
    if (!kStems[i].empty() && w.starts_with(kStems[i]) && w.size() <= kStems[i].size() + 4) return i + 1;
  return std::nullopt;
}

std::optional<int> roman(std::string_view w) {
  if (w == "i") return 1;
  if (w == "ii") return 2;
  if (w == "iii") return 3;
  if (w == "iv") return 4;
  return std::nullopt;
}

std::optional<int> ordinal(std::string_view w) {
  if (w.starts_with("перв")) return 1;
  if (w.starts_with("втор")) return 2;
  if (w.starts_with("трет")) return 3;
  if (w.starts_with("четверт") && w != "четверть" && w != "четверти" && w != "четвертям" && w != "четвертей") return 4;
  return std::nullopt;
}

bool year_word(std::string_view w) {
  return w == "г" || w == "гг" || w == "год" || w == "года" || w == "году" || w == "годы" || w == "годов" ||
         w == "годах" || w == "годам";
}

// Words that carry no date of their own: «в течение», «на», «срок», «включительно».
bool filler(std::string_view w) {
  static constexpr std::array<std::string_view, 21> kFillers{
      "в",       "во",         "на",   "за",    "течение",      "течении",  "протяжении",
      "период",  "периода",    "срок", "сроки", "включительно", "текущего", "текущий",
      "текущем", "реализации", "года", "г",     "гг",           "числа",    "и"};
  return std::find(kFillers.begin(), kFillers.end(), w) != kFillers.end();
}

// ---- points ----

enum class Unit { day, month, quarter, half, school_quarter, year, school_year };
struct Point {
  Unit unit = Unit::year;
  int year = 0;
  unsigned month = 0, day = 0;
  int n = 0;              // quarter, half or school quarter number
  bool year_set = false;  // a year was written for it (its own or shared)
  bool year_own = false;  // the year was written right after it: a span never moves it
  int school = -1;        // ≥ 0: the school year (by its first year) the point lies in
};

std::optional<DateRange> range_of(const Point& p) {
  const int y = p.year;
  switch (p.unit) {
    case Unit::day: {
      auto d = make_date(y, p.month, p.day);
      if (!d) return std::nullopt;
      return DateRange{*d, *d};
    }
    case Unit::month:
      return DateRange{first_day(y, p.month), last_day(y, p.month)};
    case Unit::quarter:
      return DateRange{first_day(y, static_cast<unsigned>(3 * p.n - 2)), last_day(y, static_cast<unsigned>(3 * p.n))};
    case Unit::half:
      if (p.school >= 0)  // the school's half-years: September–December, January–May
        return p.n == 1 ? DateRange{first_day(p.school, 9), last_day(p.school, 12)}
                        : DateRange{first_day(p.school + 1, 1), last_day(p.school + 1, 5)};
      return p.n == 1 ? DateRange{first_day(y, 1), last_day(y, 6)} : DateRange{first_day(y, 7), last_day(y, 12)};
    case Unit::school_quarter: {
      const int s = p.school >= 0 ? p.school : y;
      constexpr unsigned kFrom[] = {9, 11, 1, 4}, kTo[] = {10, 12, 3, 5};
      const int at = p.n >= 3 ? s + 1 : s;
      return DateRange{first_day(at, kFrom[p.n - 1]), last_day(at, kTo[p.n - 1])};
    }
    case Unit::year:
      return DateRange{first_day(y, 1), last_day(y, 12)};
    case Unit::school_year:
      return DateRange{first_day(y, 9), last_day(y + 1, 8)};
  }
  return std::nullopt;
}

// A point without a written year placed inside a school year.
void place_in_school_year(Point& p, int school) {
  switch (p.unit) {
    case Unit::day:
    case Unit::month:
      p.year = p.month >= 9 ? school : school + 1;
      break;
    case Unit::quarter:
      p.year = p.n >= 3 ? school : school + 1;
      break;
    case Unit::half:
    case Unit::school_quarter:
      p.school = school;
      p.year = school;
      break;
    case Unit::year:
    case Unit::school_year:
      p.year = school;
      break;
  }
}

enum class Op { list, span };

// What the words around the points say.
struct Phrase {
  std::vector<Point> points;
  std::vector<Op> ops;  // ops[i] joins points[i] and points[i + 1]
  bool deadline = false, from = false, end = false, within = false;
  bool context_school = false;  // «учебный год» without a year: the block's school year
};

struct Pending {
  int value;
  Op op;
};

// Reads the tokens into points; nullopt when a word says something else.
std::optional<Phrase> read_phrase(const std::vector<Token>& tokens, const TermContext& ctx, int school_default) {
  Phrase ph;
  std::vector<Pending> pending;  // numbers waiting for their unit: «II, IV» before «кварталы»
  Op next_op = Op::list;
  std::size_t yearless_from = 0;  // points from here on wait for a year written after them
  auto push = [&](Point p, Op op) {
    if (!ph.points.empty()) ph.ops.push_back(op);
    ph.points.push_back(p);
  };
  auto take_pending = [&](Unit unit, int max, unsigned month) -> bool {
    if (pending.empty()) return false;
    for (std::size_t k = 0; k < pending.size(); ++k) {
      const auto& [v, op] = pending[k];
      if (v < 1 || v > max) return false;
      Point p;
      p.unit = unit;
      if (unit == Unit::day)
        p.day = static_cast<unsigned>(v), p.month = month;
      else
        p.n = v;
      push(p, op);
    }
    pending.clear();
    next_op = Op::list;
    return true;
  };
  auto set_year = [&](int y, bool written, std::optional<int> school) {
    bool any = false;
    for (std::size_t k = yearless_from; k < ph.points.size(); ++k) {
      auto& p = ph.points[k];
      if (p.year_set || p.unit == Unit::year || p.unit == Unit::school_year) continue;
      if (school)
        place_in_school_year(p, *school);
      else
        p.year = y;
      p.year_set = written;
      p.year_own = written && k + 1 == ph.points.size();
      any = true;
    }
    yearless_from = ph.points.size();
    return any;
  };
  // A year or a school year standing for itself («2024 год», «учебный год»), not
  // the year of the points before it.
  auto push_year = [&](Unit unit, int y, bool written) {
    Point p;
    p.unit = unit;
    p.year = y;
    p.year_set = p.year_own = written;
    push(p, next_op);
    yearless_from = ph.points.size();
  };

  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    auto word_at = [&](std::size_t k) -> std::string_view {
      return k < tokens.size() && tokens[k].kind == Tok::word ? std::string_view(tokens[k].text) : std::string_view{};
    };
    switch (t.kind) {
      case Tok::dash:
        next_op = Op::span;  // the span belongs to the next point or number
        continue;
      case Tok::comma:
        next_op = Op::list;
        continue;
      case Tok::slash:
        return std::nullopt;
      case Tok::date: {
        Point p;
        p.unit = Unit::day;
        p.day = t.d;
        p.month = t.m;
        if (t.d < 1 || t.d > 31 || t.m < 1 || t.m > 12) return std::nullopt;
        if (t.y) {
          if (t.y < 1990 || t.y > 2100) return std::nullopt;
          set_year(t.y, true, std::nullopt);
          p.year = t.y, p.year_set = p.year_own = true;
        }
        push(p, next_op);
        next_op = Op::list;
        if (t.y) yearless_from = ph.points.size();
        continue;
      }
      case Tok::number: {
        if (t.digits == 4) {
          const int y = t.value;
          if (y < 1990 || y > 2100) return std::nullopt;
          // «2023/2024 учебный год», «2023-2024 учебного года», «2023/24 уч. год».
          if (i + 2 < tokens.size() && (tokens[i + 1].kind == Tok::slash || tokens[i + 1].kind == Tok::dash) &&
              tokens[i + 2].kind == Tok::number &&
              (tokens[i + 2].value == y + 1 || (tokens[i + 2].digits == 2 && tokens[i + 2].value == (y + 1) % 100))) {
            std::size_t k = i + 3;
            while (k < tokens.size() && tokens[k].kind == Tok::word && year_word(tokens[k].text)) ++k;
            // «2023/2024» with a slash is a school year as Russian documents write it, «учебный» or not.
            const bool school_word = word_at(k).starts_with("уч");
            if (school_word || tokens[i + 1].kind == Tok::slash) {
              if (!school_word)
                --k;
              else if (word_at(k + 1).starts_with("год") || word_at(k + 1) == "г")
                ++k;
              if (!set_year(y, true, y)) push_year(Unit::school_year, y, true);
              next_op = Op::list;
              i = k;
              continue;
            }
          }
          if (!pending.empty()) return std::nullopt;  // «1 2023»
          if (!set_year(y, true, std::nullopt)) push_year(Unit::year, y, true);
          next_op = Op::list;
          while (i + 1 < tokens.size() && tokens[i + 1].kind == Tok::word && year_word(tokens[i + 1].text)) ++i;
          continue;
        }
        if (t.digits > 2) return std::nullopt;
        pending.push_back({t.value, next_op});
        next_op = Op::list;
        continue;
      }
      case Tok::word:
        break;
    }
    const std::string_view w = t.text;
    if (auto r = roman(w)) {
      pending.push_back({*r, next_op});
      next_op = Op::list;
      continue;
    }
    if (auto o = ordinal(w)) {
      pending.push_back({*o, next_op});
      next_op = Op::list;
      continue;
    }
    if (auto m = month_of(w)) {
      if (!take_pending(Unit::day, 31, *m)) {
        Point p;
        p.unit = Unit::month;
        p.month = *m;
        push(p, next_op);
        next_op = Op::list;
      }
      continue;
    }
    if (w.starts_with("квартал") || w == "кв") {
      if (!take_pending(Unit::quarter, 4, 0)) return std::nullopt;
      continue;
    }
    if (w.starts_with("полугод") || w == "полгода") {
      if (!take_pending(Unit::half, 2, 0)) return std::nullopt;
      continue;
    }
    if (w == "четверть" || w == "четверти" || w == "четвертях" || w == "четвертям") {
      if (!take_pending(Unit::school_quarter, 4, 0)) return std::nullopt;
      continue;
    }
    if (w.starts_with("учебн") || w == "уч") {
      // «учебный год» without its years: the block's school year.
      if (word_at(i + 1).starts_with("год") || word_at(i + 1) == "г") ++i;
      ph.context_school = true;
      if (!set_year(school_default, false, school_default)) push_year(Unit::school_year, school_default, false);
      next_op = Op::list;
      continue;
    }
    if (w == "год" || w == "года" || w == "году") {
      // «в течение года», «IV квартал текущего года»: the block's year.
      const int y = (ctx.block ? ctx.block->from : ctx.period.from).year();
      if (!set_year(y, false, std::nullopt)) push_year(Unit::year, y, false);
      next_op = Op::list;
      continue;
    }
    if (w == "до") {
      if (ph.points.empty() && pending.empty())
        ph.deadline = true;
      else
        next_op = Op::span;
      continue;
    }
    if (w == "по") {
      if (word_at(i + 1).starts_with("итог")) {
        ph.end = true;
        ++i;
        continue;
      }
      if (ph.points.empty() && pending.empty()) return std::nullopt;
      next_op = Op::span;
      continue;
    }
    if (w == "не" && (word_at(i + 1) == "позднее" || word_at(i + 1) == "позже")) {
      ph.deadline = true;
      ++i;
      continue;
    }
    if (w == "к" && ph.points.empty()) {
      ph.deadline = true;
      continue;
    }
    if (w == "с" || w == "со" || w == "начиная") {
      ph.from = true;
      continue;
    }
    if (w == "конец" || w == "конца" || w == "конце" || w == "окончание" || w == "окончания" || w == "окончанию" ||
        w.starts_with("итог")) {
      ph.end = true;
      continue;
    }
    if (w == "течение" || w == "течении" || w == "протяжении") {
      ph.within = true;
      continue;
    }
    if (w == "и" || w == "или") {
      next_op = Op::list;
      continue;
    }
    if (!pending.empty()) return std::nullopt;  // numbers with no unit: «1 раз»
    if (filler(w)) continue;
    return std::nullopt;
  }
  if (!pending.empty() || ph.points.empty()) return std::nullopt;
  return ph;
}

// Years for the points written without one: carried from a year written
// earlier, else the school year of the block, else the first such point within
// the block or the period.
void resolve_years(Phrase& ph, const TermContext& ctx, int school_default) {
  const DateRange scope = ctx.block.value_or(ctx.period);
  std::optional<int> carried;
  std::optional<int> school = ph.context_school || ctx.school_year ? std::optional(school_default) : std::nullopt;
  for (auto& p : ph.points) {
    if (p.year_set || p.unit == Unit::year || p.unit == Unit::school_year) {
      if (p.year_set) carried = p.school >= 0 ? std::optional<int>() : std::optional(p.year);
      continue;
    }
    if (p.school >= 0) continue;  // placed by its «учебного года»
    if (carried) {
      p.year = *carried;
    } else if (school) {
      place_in_school_year(p, *school);
    } else {
      p.year = scope.from.year();
      if (auto r = range_of(p); r && r->to < scope.from) p.year += 1;
    }
  }
}

bool movable(const Point& p) { return !p.year_own && p.unit != Unit::year && p.unit != Unit::school_year; }

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

int school_year_of(const TermContext& ctx) {
  if (ctx.school_year) return *ctx.school_year;
  const Date start = ctx.block ? ctx.block->from : ctx.period.from;
  return month_number(start) >= 9 ? start.year() : start.year() - 1;
}

// The dates the words name, or nullopt.
std::optional<ParsedTerm> dates_of(std::string_view folded, const TermContext& ctx) {
  const int school = school_year_of(ctx);
  auto ph = read_phrase(tokens_of(folded), ctx, school);
  if (!ph) return std::nullopt;
  resolve_years(*ph, ctx, school);
  // Spans join points; a span ending before it starts crosses a year boundary.
  std::vector<DateRange> ranges;
  std::size_t groups = 0;
  bool spanned = false;
  for (std::size_t i = 0; i < ph->points.size(); ++i) {
    auto a = ph->points[i];
    auto ra = range_of(a);
    if (!ra) return std::nullopt;
    ++groups;
    if (i < ph->ops.size() && ph->ops[i] == Op::span) {
      auto b = ph->points[i + 1];
      auto rb = range_of(b);
      if (!rb) return std::nullopt;
      if (rb->to < ra->from && movable(a)) {
        a.year -= 1;
        if (a.school >= 0) a.school -= 1;
        ra = range_of(a);
      }
      if (ra && rb->to < ra->from && movable(b)) {
        b.year += 1;
        if (b.school >= 0) b.school += 1;
        rb = range_of(b);
      }
      if (!ra || !rb || rb->to < ra->from) return std::nullopt;
      ranges.push_back({ra->from, rb->to});
      spanned = true;
      ++i;  // the span's end is used
      continue;
    }
    ranges.push_back(*ra);
  }
  const DateRange scope = ctx.block.value_or(ctx.period);
  ParsedTerm t;
  if (ph->deadline || (ph->end && !ph->from)) {
    if (groups != 1 || ranges.size() != 1) return std::nullopt;
    const auto& r = ranges.front();
    const bool one_day = r.from == r.to;
    // «до 1 сентября» is that day; «до конца 2024 года», «по итогам I полугодия» the last day;
    // «до сентября» the first day of it (literally: before it).
    const Date due = ph->end ? r.to : (one_day || spanned ? r.to : r.from);
    t.kind = TermKind::deadline;
    t.range = DateRange{due, due};
    return t;
  }
  if (ph->from && groups == 1 && !spanned) {
    // «с 01.09.2023»: from that day to the end of the block or the period.
    const auto& r = ranges.front();
    if (scope.to < r.from) return std::nullopt;
    t.kind = TermKind::dates;
    t.range = DateRange{r.from, scope.to};
    return t;
  }
  t = from_ranges(ranges);
  if (ph->within && t.parts.empty()) t.kind = TermKind::whole_period;
  return t;
}

// ---- series ----

// Erases every occurrence of `phrase` with the rest of the word it ends in
// («ежегодн» takes «ежегодно» whole).
void erase_words(std::string& text, std::string_view phrase) {
  for (auto at = text.find(phrase); at != std::string::npos; at = text.find(phrase)) {
    auto end = at + phrase.size();
    while (end < text.size() && is_letter_byte(static_cast<unsigned char>(text[end]))) ++end;
    // «1 раз в полгода»: the count goes with the phrase.
    if (phrase.starts_with("раз")) {
      auto start = at;
      while (start > 0 && text[start - 1] == ' ') --start;
      while (start > 0 && is_digit(text[start - 1])) --start;
      at = start;
    }
    text.replace(at, end - at, " ");
  }
}

struct Every {
  std::string_view phrase, every;
};
// Longer phrases first: «2 раза в год» is not «раз в год».
constexpr Every kEvery[] = {
    {"еженедельн", "неделя"},
    {"каждую неделю", "неделя"},
    {"раз в неделю", "неделя"},
    {"ежемесячн", "месяц"},
    {"каждый месяц", "месяц"},
    {"каждого месяца", "месяц"},
    {"каждом месяце", "месяц"},
    {"раз в месяц", "месяц"},
    {"раза в месяц", "месяц"},
    {"ежеквартальн", "квартал"},
    {"каждый квартал", "квартал"},
    {"каждого квартала", "квартал"},
    {"раз в квартал", "квартал"},
    {"раза в квартал", "квартал"},
    {"за отчетным кварталом", "квартал"},
    {"4 раза в год", "квартал"},
    {"раз в полгода", "полугодие"},
    {"раз в полугодие", "полугодие"},
    {"раза в полугодие", "полугодие"},
    {"раза в полгода", "полугодие"},
    {"каждого полугодия", "полугодие"},
    {"каждое полугодие", "полугодие"},
    {"каждом полугодии", "полугодие"},
    {"2 раза в год", "полугодие"},
    {"два раза в год", "полугодие"},
    {"дважды в год", "полугодие"},
    {"12 раз в год", "месяц"},
    {"ежегодн", "год"},
    {"каждый год", "год"},
    {"каждого года", "год"},
    {"раз в год", "год"},
    {"каждом году", "год"},
};

// The cycles of a calendar unit that overlap `scope`, each clipped to it.
std::vector<DateRange> cycles(std::string_view every, const DateRange& scope) {
  std::vector<DateRange> out;
  Date at = scope.from;
  // Align to the cycle containing the start.
  const int y = at.year();
  const unsigned m = month_number(at);
  if (every == "неделя") {
    const auto wd = std::chrono::weekday{at.days()}.iso_encoding();  // Monday 1 … Sunday 7
    at = add_days(at, -static_cast<int>(wd - 1));
  } else if (every == "месяц") {
    at = first_day(y, m);
  } else if (every == "квартал") {
    at = first_day(y, (m - 1) / 3 * 3 + 1);
  } else if (every == "полугодие") {
    at = first_day(y, m <= 6 ? 1 : 7);
  } else {
    at = first_day(y, 1);
  }
  while (!(scope.to < at) && out.size() < 600) {
    Date next = at;
    if (every == "неделя")
      next = add_days(at, 7);
    else if (every == "месяц")
      next = Date{year_month_day{at.ymd + std::chrono::months(1)}};
    else if (every == "квартал")
      next = Date{year_month_day{at.ymd + std::chrono::months(3)}};
    else if (every == "полугодие")
      next = Date{year_month_day{at.ymd + std::chrono::months(6)}};
    else
      next = Date{year_month_day{at.ymd + std::chrono::years(1)}};
    out.push_back({std::max(at, scope.from), add_days(next, -1)});
    at = next;
  }
  return out;
}

// «до 25 числа»: the day of the month a due date falls on.
std::optional<unsigned> day_of_month(const std::vector<Token>& tokens) {
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i)
    if (tokens[i].kind == Tok::number && tokens[i].digits <= 2 && tokens[i + 1].kind == Tok::word &&
        tokens[i + 1].text == "числа" && tokens[i].value >= 1 && tokens[i].value <= 31)
      return static_cast<unsigned>(tokens[i].value);
  return std::nullopt;
}

std::optional<ParsedTerm> series_of(std::string_view folded, const TermContext& ctx) {
  const Every* found = nullptr;
  for (const auto& e : kEvery)
    if (contains(folded, e.phrase)) {
      found = &e;
      break;
    }
  if (!found) return std::nullopt;
  const bool whole = contains(folded, "всего периода") || contains(folded, "весь период");
  DateRange scope = whole ? ctx.period : ctx.block.value_or(ctx.period);
  const auto tokens = tokens_of(folded);
  const auto due_day = day_of_month(tokens);
  const bool following = contains(folded, "следующ");  // «месяца, следующего за отчётным кварталом»

  // The words besides the series: an anchor («ежегодно до 1 сентября»,
  // «ежегодно в сентябре», «начиная с II квартала 2024 г.»), or nothing.
  std::string rest(folded);
  for (std::string_view drop :
       {found->phrase, std::string_view("по итогам"), std::string_view("не реже"), std::string_view("не менее"),
        std::string_view("всего периода"), std::string_view("весь период")})
    erase_words(rest, drop);
  std::optional<ParsedTerm> anchor;
  {
    // Words of the series itself that may remain: «1 раз», «до 25 числа», «месяца, следующего за отчётным».
    std::string kept;
    const auto rest_tokens = tokens_of(rest);
    for (std::size_t k = 0; k < rest_tokens.size(); ++k) {
      const auto& t = rest_tokens[k];
      if (t.kind == Tok::word) {
        const std::string_view w = t.text;
        if (w == "раз" || w == "раза" || w == "каждого" || w == "каждый" || w == "каждое" || w == "месяца" ||
            w.starts_with("следующ") || w.starts_with("отчетн") || w == "числа" || w == "но" || w == "а" ||
            w == "также")
          continue;
        kept += (kept.empty() ? "" : " ") + t.text;
      } else if (t.kind == Tok::number) {
        const auto next = k + 1 < rest_tokens.size() && rest_tokens[k + 1].kind == Tok::word
                              ? std::string_view(rest_tokens[k + 1].text)
                              : std::string_view{};
        if (next == "числа" || next == "раз" || next == "раза") continue;  // «до 25 числа», «1 раз»
        kept += (kept.empty() ? "" : " ") + std::to_string(t.value);
      } else if (t.kind == Tok::date) {
        kept += (kept.empty() ? "" : " ") + std::to_string(t.d) + "." + std::to_string(t.m) +
                (t.y ? "." + std::to_string(t.y) : "");
      } else if (t.kind == Tok::dash) {
        kept += " -";
      } else if (t.kind == Tok::comma) {
        kept += ",";
      }
    }
    // Only fillers left: no anchor.
    bool only_fillers = true;
    for (const auto& t : tokens_of(kept))
      if (t.kind != Tok::comma && t.kind != Tok::dash &&
          !(t.kind == Tok::word && (filler(t.text) || t.text == "до" || t.text == "по" || t.text == "за")))
        only_fillers = false;
    if (!only_fillers) {
      anchor = dates_of(kept, ctx);
      if (!anchor) return std::nullopt;  // something is said that is not understood: flag it
    }
  }
  ParsedTerm t;
  t.kind = TermKind::recurring;
  t.every = std::string(found->every);
  if (anchor && found->every == "год") {
    // «ежегодно до 1 сентября», «ежегодно в сентябре»: the anchor in every year of the scope.
    const auto& a = *anchor->range;
    for (int y = scope.from.year(); y <= scope.to.year() && t.parts.size() < 600; ++y) {
      auto r = shift_years(a, y - a.from.year());
      DateRange cycle = anchor->kind == TermKind::deadline ? DateRange{first_day(y, 1), r.to} : r;
      if (cycle.to < scope.from || scope.to < cycle.from) continue;
      cycle.from = std::max(cycle.from, scope.from);
      if (cycle.to < cycle.from) continue;
      t.parts.push_back(cycle);
    }
  } else {
    if (anchor) {
      // «начиная с II квартала 2024 г.», «в 2024 году»: the series within the anchor.
      const auto& a = *anchor->range;
      if (anchor->kind == TermKind::deadline) return std::nullopt;  // «ежемесячно до 1 сентября»: unclear
      scope = {std::max(scope.from, a.from), anchor->kind == TermKind::dates && a.from == a.to ? scope.to : a.to};
      if (scope.to < scope.from) return std::nullopt;
    }
    for (auto c : cycles(found->every, scope)) {
      if (due_day) {
        // «до 25 числа каждого месяца»: in the cycle's last month; «следующего за отчётным» — in the month after.
        const Date base = following ? add_days(c.to, 1) : first_day(c.to.year(), month_number(c.to));
        const auto due = make_date(base.year(), month_number(base), *due_day);
        c.to = due ? *due : last_day(base.year(), month_number(base));
        if (c.to < c.from) c.from = c.to;
      }
      t.parts.push_back(c);
    }
  }
  if (t.parts.empty()) return std::nullopt;
  // Cycles may overlap when due dates fall after the next cycle begins; keep them ordered by due date.
  std::sort(t.parts.begin(), t.parts.end(), [](const DateRange& a, const DateRange& b) { return a.to < b.to; });
  Date lo = t.parts.front().from, hi = t.parts.front().to;
  for (const auto& p : t.parts) lo = std::min(lo, p.from), hi = std::max(hi, p.to);
  t.range = DateRange{lo, hi};
  return t;
}

// ---- kinds without dates ----

bool said_by_plan(std::string_view f) {
  for (std::string_view p :
       {"по отдельному плану", "по отдельному графику", "в соответствии с план", "в соответствии с график",
        "в соответствии с календарн", "согласно план", "согласно график", "по плану", "по графику",
        "в сроки, установленн", "в установленные сроки", "в сроки установленн", "по согласованию", "по утвержденн"})
    if (contains(f, p)) return true;
  return false;
}

// «по мере необходимости», «по запросу»: never late; only when nothing else is said.
bool said_as_needed(std::string_view f) {
  constexpr std::string_view kPhrases[] = {"по мере необходимости",
                                           "по мере поступления",
                                           "по мере потребности",
                                           "по необходимости",
                                           "при необходимости",
                                           "по запросам",
                                           "по запросу",
                                           "по заявкам",
                                           "по заявке",
                                           "по мере возникновения"};
  std::string rest(f);
  bool found = false;
  for (auto p : kPhrases)
    for (auto at = rest.find(p); at != std::string::npos; at = rest.find(p)) {
      rest.erase(at, p.size());
      found = true;
    }
  if (!found) return false;
  // «по запросам образовательных организаций» names who asks; a date besides («Февраль по запросу») is not this.
  for (const auto& t : tokens_of(rest))
    if (t.kind == Tok::number || t.kind == Tok::date ||
        (t.kind == Tok::word &&
         (month_of(t.text) || roman(t.text) || t.text.starts_with("квартал") || t.text.starts_with("полугод"))))
      return false;
  return true;
}

constexpr std::pair<std::string_view, TermKind> kKindCodes[] = {
    {"dates", TermKind::dates},         {"whole_period", TermKind::whole_period}, {"recurring", TermKind::recurring},
    {"by_plan", TermKind::by_plan},     {"unknown", TermKind::unknown},           {"deadline", TermKind::deadline},
    {"as_needed", TermKind::as_needed},
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

ParsedTerm parse_term(std::string_view text, const TermContext& ctx) {
  if (text.size() > 1000) return {};  // a cell with a paragraph in it is not a term
  const std::string folded = fold_for_search(text);
  ParsedTerm whole;
  whole.range = ctx.period;
  if (folded.empty()) return {};
  if (said_by_plan(folded)) {
    whole.kind = TermKind::by_plan;
    return whole;
  }
  if (said_as_needed(folded)) return ParsedTerm{TermKind::as_needed, std::nullopt, {}, {}};
  if (auto s = series_of(folded, ctx)) return *s;
  for (std::string_view p : {"в течение всего периода", "в течении всего периода", "весь период", "постоянно",
                             "на протяжении всего периода", "в период реализации", "в течение срока"})
    if (contains(folded, p)) {
      whole.kind = TermKind::whole_period;
      return whole;
    }
  if (auto t = dates_of(folded, ctx)) return *t;
  return {};
}

ParsedTerm parse_term(std::string_view text, int y, const DateRange& period) {
  TermContext ctx{period, std::nullopt, std::nullopt};
  if (y != period.from.year()) {
    DateRange block{first_day(y, 1), last_day(y, 12)};
    block.from = std::max(block.from, period.from);
    block.to = std::min(block.to, period.to);
    if (block.to < block.from) block = {first_day(y, 1), last_day(y, 12)};
    ctx.block = block;
  }
  return parse_term(text, ctx);
}

std::vector<Due> dues_of(const ParsedTerm& term, std::span<const Date> reports, const Date& today) {
  std::vector<Due> out;
  if (term.kind != TermKind::recurring) return out;
  for (const auto& p : term.parts) out.push_back({p, DueState::upcoming});
  for (const auto& r : reports) {
    for (auto& d : out) {
      if (d.state == DueState::met || d.state == DueState::met_late) continue;
      if (r < d.cycle.from) break;  // reports before the first open cycle answer nothing
      d.state = d.cycle.to < r ? DueState::met_late : DueState::met;
      break;
    }
  }
  for (auto& d : out) {
    if (d.state == DueState::met || d.state == DueState::met_late) continue;
    if (d.cycle.to < today)
      d.state = DueState::missed;
    else
      d.state = d.cycle.from <= today ? DueState::current : DueState::upcoming;
  }
  return out;
}

}  // namespace metodist::domain
