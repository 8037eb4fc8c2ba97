#include "domain/monitoring.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace metodist::domain {
namespace {

struct CountInfo {
  Count count;
  std::string_view code, title;
  Subject subject;
};

constexpr std::array<CountInfo, kCountKinds> kCounts{{
    {Count::teacher, "teacher", "педагогические работники", Subject::person},
    {Count::teacher_or_manager, "teacher_or_manager", "педагоги и руководители", Subject::person},
    {Count::teacher_or_graduate, "teacher_or_graduate", "педагогические работники и выпускники педагогических вузов",
     Subject::person},
    {Count::manager, "manager", "руководители и заместители руководителей образовательных организаций",
     Subject::person},
    {Count::at_general_school, "at_general_school", "работающие в общеобразовательных организациях", Subject::person},
    {Count::in_centre, "in_centre", "работающие в ЦНППМ или институте развития образования («в Центре»)",
     Subject::person},
    {Count::young, "young", "молодые педагоги (до 35 лет, стаж до 3 лет)", Subject::person},
    {Count::highest_category, "highest_category", "с высшей квалификационной категорией", Subject::person},
    {Count::in_network_community, "in_network_community", "в сетевых сообществах", Subject::person},
    {Count::in_active, "in_active", "члены регионального методического актива", Subject::person},
    {Count::in_any_active, "in_any_active",
     "в экспертном и методическом активе (региональном, муниципальном, реестре экспертов)", Subject::person},
    {Count::supported_by_active, "supported_by_active",
     "сопровождаемые педагогами-методистами, прошедшими региональный отбор", Subject::person},
    {Count::completed_federal_from_deficit, "completed_federal_from_deficit",
     "освоившие программы из федерального реестра, подобранные по диагностике дефицитов", Subject::person},
    {Count::completed_federal, "completed_federal", "освоившие программы из федерального реестра (любые)",
     Subject::person},
    {Count::completed_program, "completed_program", "прошедшие повышение квалификации или переподготовку",
     Subject::person},
    {Count::literacy_tested, "literacy_tested", "принявшие участие в диагностике функциональной грамотности",
     Subject::person},
    {Count::literacy_coped, "literacy_coped", "справившиеся с диагностикой функциональной грамотности на 70 % и более",
     Subject::person},
    {Count::diagnosed, "diagnosed", "прошедшие диагностику профессиональных компетенций", Subject::person},
    {Count::support_form, "support_form",
     "участвующие в формах поддержки (наставничество, ИОМ, мероприятия для молодых педагогов)", Subject::person},
    {Count::young_event, "young_event", "участвовавшие в мероприятиях по поддержке молодых педагогов", Subject::person},
    {Count::with_route, "with_route", "с индивидуальным образовательным маршрутом", Subject::person},
    {Count::in_mentoring, "in_mentoring", "участвующие в программах наставничества", Subject::person},
    {Count::mentee, "mentee", "наставляемые в программах наставничества", Subject::person},
    {Count::recorded_work, "recorded_work", "отразившие работу в цифровом кабинете методиста", Subject::person},
    {Count::organisation, "organisation", "образовательные организации", Subject::organisation},
    {Count::general_school, "general_school", "общеобразовательные организации (школы)", Subject::organisation},
    {Count::shnor, "shnor", "школы с низкими образовательными результатами (ШНОР)", Subject::organisation},
    {Count::managerial_team_trained, "managerial_team_trained", "управленческие команды которых прошли обучение",
     Subject::organisation},
    {Count::managerial_team_studied, "managerial_team_studied",
     "управленческие команды которых приняли участие в обучении (учатся или окончили)", Subject::organisation},
    {Count::staff_plan, "staff_plan", "имеющие перспективный план развития кадрового потенциала",
     Subject::organisation},
    {Count::mentoring_model, "mentoring_model", "реализующие целевую модель наставничества", Subject::organisation},
    {Count::supported_school, "supported_school", "за которыми закреплены методисты актива", Subject::organisation},
    {Count::community, "community", "методические объединения и профессиональные сообщества", Subject::community},
    {Count::event, "event", "методические мероприятия", Subject::event},
    {Count::open_practice, "open_practice", "мастер-классы, открытые уроки, семинары-практикумы", Subject::event},
    {Count::regional_event, "regional_event", "регионального уровня и выше (межрегиональные, федеральные)",
     Subject::event},
    {Count::request_closed, "request_closed", "закрытые запросы методической помощи", Subject::help_request},
    {Count::request_closed_on_time, "request_closed_on_time", "закрытые в срок", Subject::help_request},
    {Count::municipality, "municipality", "муниципальные образования", Subject::municipality},
    {Count::with_methodical_service, "with_methodical_service", "в которых работает муниципальная методическая служба",
     Subject::municipality},
    {Count::with_municipal_active, "with_municipal_active", "в которых есть муниципальный методический актив",
     Subject::municipality},
}};

// The table is indexed by the enum: each row must sit at its own value.
constexpr bool in_enum_order() {
  for (std::size_t k = 0; k < kCounts.size(); ++k)
    if (static_cast<std::size_t>(kCounts[k].count) != k) return false;
  return true;
}
static_assert(in_enum_order(), "kCounts lists the primitives in the order of enum Count");

const CountInfo& info(Count c) { return kCounts[static_cast<std::size_t>(c)]; }

using C = Count;
Population of(std::initializer_list<Count> all) { return Population{std::vector<Count>(all)}; }

// As the directions of ЕФС НМС by level and the Altai РММС regulation (order № 1075) cite it: the act of 06.08.2020.
const char* const kP76 =
    "Распоряжение Министерства просвещения Российской Федерации от 06.08.2020 № Р-76 «Об утверждении Концепции "
    "создания единой федеральной системы научно-методического сопровождения педагогических работников»";
const char* const kAltai =
    "Положение о региональной методической службе Республики Алтай (приказ от 24.12.2020), п. 19";
const char* const kRma =
    "Положение о региональном методическом активе Челябинской области (приказ от 24.04.2023 № 02/1090)";
const char* const kYearly = "ежегодно, на последний день периода";
const char* const kTwice = "2 раза в год (май, декабрь), итоги — в конце календарного года";

Indicator share(const char* code, const char* set, const char* name, Population num, Population den, Window w,
                std::optional<double> at_least, UnitLevel level, const char* periodicity, const char* responsible,
                const char* basis) {
  Indicator i;
  i.code = code;
  i.set = set;
  i.name = name;
  i.unit = "%";
  i.numerator = std::move(num);
  i.denominator = std::move(den);
  i.window = w;
  if (at_least) i.target = Target{">=", *at_least};  // shares: the unit is «%»
  i.level = level;
  i.periodicity = periodicity;
  i.responsible = responsible;
  i.basis = basis;
  return i;
}

std::vector<Indicator> make_builtins() {
  const auto M = UnitLevel::municipality, R = UnitLevel::region;
  const auto P = Window::period, T = Window::cumulative;
  const char* ipk = "Региональный институт развития образования (ЦНППМ)";
  const char* mms = "Муниципальная методическая служба";
  const char* rma = "Региональный институт развития образования (координаторы РМА)";
  std::vector<Indicator> v{
      share(
          "fed.1", "fed",
          "Доля педагогических работников, освоивших программы ДПО из федерального реестра, подобранные с учётом диагностики профессиональных дефицитов",
          of({C::teacher, C::completed_federal_from_deficit}), of({C::teacher}), T, 30, M, kYearly, ipk, kP76),
      share(
          "fed.2a", "fed",
          "Доля педагогических работников и выпускников педагогических вузов, принявших участие в диагностике функциональной грамотности",
          of({C::teacher_or_graduate, C::literacy_tested}), of({C::teacher_or_graduate}), T, 30, M, kYearly, ipk, kP76),
      share(
          "fed.2b", "fed",
          "Доля педагогических работников и выпускников педагогических вузов, справившихся с диагностикой функциональной грамотности на 70 % и более",
          of({C::teacher_or_graduate, C::literacy_coped}), of({C::teacher_or_graduate}), T, 15, M, kYearly, ipk, kP76),
      share(
          "fed.3", "fed",
          "Доля управленческих команд образовательных организаций, повысивших квалификацию по программам для управленческих команд",
          of({C::organisation, C::managerial_team_trained}), of({C::organisation}), T, 20, M, kYearly, ipk, kP76),
      share(
          "fed.4", "fed",
          "Доля педагогических работников в возрасте до 35 лет, участвующих в различных формах поддержки и сопровождения в первые 3 года работы",
          of({C::young, C::support_form}), of({C::young}), P, 70, M, kYearly, ipk, kP76),
      share(
          "rmms.1", "rmms",
          "Доля образовательных организаций, принявших участие в программах повышения квалификации и переподготовки управленческих команд",
          of({C::organisation, C::managerial_team_studied}), of({C::organisation}), P, 10, M, kTwice, mms, kAltai),
      share("rmms.2", "rmms",
            "Доля образовательных организаций, имеющих перспективный план развития кадрового потенциала",
            of({C::organisation, C::staff_plan}), of({C::organisation}), P, std::nullopt, M, kTwice, mms, kAltai),
      share("rmms.3", "rmms", "Доля образовательных организаций, реализующих целевую модель наставничества педагогов",
            of({C::organisation, C::mentoring_model}), of({C::organisation}), P, 20, M, kTwice, mms, kAltai),
      share(
          "rmms.4", "rmms",
          "Доля педагогов и руководителей образовательных организаций, прошедших повышение квалификации и профессиональную переподготовку в отчётный период",
          of({C::teacher_or_manager, C::completed_program}), of({C::teacher_or_manager}), P, 10, M, kTwice, mms,
          kAltai),
      share("rmms.5", "rmms", "Доля педагогов, для которых разработаны индивидуальные образовательные маршруты",
            of({C::teacher, C::with_route}), of({C::teacher}), P, 10, M, kTwice, mms, kAltai),
      share("rmms.6", "rmms", "Доля педагогов, участвующих в программах наставничества",
            of({C::teacher, C::in_mentoring}), of({C::teacher}), P, std::nullopt, M, kTwice, mms, kAltai),
      share("rmms.7", "rmms", "Доля молодых педагогов, охваченных мероприятиями по поддержке молодых педагогов",
            of({C::young, C::young_event}), of({C::young}), P, std::nullopt, M, kTwice, mms, kAltai),
      share("rmms.8", "rmms", "Доля педагогов, включённых в сетевые сообщества",
            of({C::teacher, C::in_network_community}), of({C::teacher}), P, std::nullopt, M, kTwice, mms, kAltai),
  };
  Indicator rmms9;
  rmms9.code = "rmms.9";
  rmms9.set = "rmms";
  rmms9.name = "Количество методических объединений и профессиональных сообществ педагогов";
  rmms9.unit = "ед.";
  rmms9.kind = ValueKind::count;
  rmms9.numerator = of({C::community});
  rmms9.level = M;
  rmms9.periodicity = kTwice;
  rmms9.responsible = mms;
  rmms9.basis = kAltai;
  v.push_back(rmms9);
  v.push_back(share("rmms.10", "rmms", "Доля педагогов, вошедших в экспертный и методический актив",
                    of({C::teacher, C::in_any_active}), of({C::teacher}), P, std::nullopt, M, kTwice, mms, kAltai));
  v.push_back(
      share("rmms.11", "rmms", "Доля педагогов, сопровождаемых педагогами-методистами, прошедшими региональный отбор",
            of({C::teacher, C::supported_by_active}), of({C::teacher}), P, std::nullopt, M, kTwice, mms, kAltai));
  // The РМА description names the two criteria of the regional active, not their
  // indicators: a documented default the region may change (docs/monitoring.md).
  const std::vector<Indicator> active{
      share("rma.1.1", "rma", "Доля педагогических работников региона в составе методического актива",
            of({C::teacher, C::in_active}), of({C::teacher}), P, std::nullopt, R, kYearly, rma, kRma),
      share("rma.1.2", "rma", "Доля членов актива с высшей квалификационной категорией",
            of({C::in_active, C::highest_category}), of({C::in_active}), P, std::nullopt, R, kYearly, rma, kRma),
      share("rma.1.3", "rma", "Доля членов актива, прошедших повышение квалификации за период",
            of({C::in_active, C::completed_program}), of({C::in_active}), P, std::nullopt, R, kYearly, rma, kRma),
      share("rma.1.4", "rma", "Доля членов актива, прошедших диагностику профессиональных компетенций за период",
            of({C::in_active, C::diagnosed}), of({C::in_active}), P, std::nullopt, R, kYearly, rma, kRma),
      share("rma.1.5", "rma", "Доля ШНОР, за которыми закреплены методисты актива", of({C::shnor, C::supported_school}),
            of({C::shnor}), P, std::nullopt, R, kYearly, rma, kRma),
      share("rma.2.1", "rma", "Доля членов актива, отразивших свою работу в цифровом кабинете методиста",
            of({C::in_active, C::recorded_work}), of({C::in_active}), P, std::nullopt, R, kYearly, rma, kRma),
      share("rma.2.2", "rma",
            "Доля мастер-классов, открытых уроков и семинаров-практикумов среди методических мероприятий",
            of({C::event, C::open_practice}), of({C::event}), P, std::nullopt, R, kYearly, rma, kRma),
      share("rma.2.3", "rma", "Доля сопровождаемых активом педагогов с индивидуальным образовательным маршрутом",
            of({C::supported_by_active, C::teacher, C::with_route}), of({C::supported_by_active, C::teacher}), P,
            std::nullopt, R, kYearly, rma, kRma),
      share("rma.2.4", "rma", "Доля сопровождаемых активом педагогов, прошедших диагностику за период",
            of({C::supported_by_active, C::teacher, C::diagnosed}), of({C::supported_by_active, C::teacher}), P,
            std::nullopt, R, kYearly, rma, kRma),
      share("rma.2.5", "rma", "Доля сопровождаемых активом педагогов, прошедших повышение квалификации за период",
            of({C::supported_by_active, C::teacher, C::completed_program}), of({C::supported_by_active, C::teacher}), P,
            std::nullopt, R, kYearly, rma, kRma),
      share("rma.2.6", "rma", "Доля запросов методической помощи, закрытых в срок",
            of({C::request_closed, C::request_closed_on_time}), of({C::request_closed}), P, std::nullopt, R, kYearly,
            rma, kRma),
      share("rma.2.7", "rma", "Доля молодых педагогов среди сопровождаемых активом, охваченных формами поддержки",
            of({C::supported_by_active, C::young, C::support_form}), of({C::supported_by_active, C::young}), P,
            std::nullopt, R, kYearly, rma, kRma),
  };
  v.insert(v.end(), active.begin(), active.end());
  return v;
}

constexpr std::array<std::string_view, 3> kSets{"fed", "rmms", "rma"};

std::optional<int> number(std::string_view s) {
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

Date ymd(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
}

}  // namespace

std::optional<Period> parse_period(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const auto year_ok = [](std::optional<int> y) { return y && *y >= 2000 && *y <= 2100; };
  if (auto y = number(text); year_ok(y) && text.size() == 4)
    return Period{std::string(text), ymd(*y, 1, 1), ymd(*y, 12, 31), std::string(text) + " год"};
  if (text.size() == 9 && text[4] == '/') {
    auto a = number(text.substr(0, 4)), b = number(text.substr(5));
    if (year_ok(a) && b && *b == *a + 1)
      return Period{std::string(text), ymd(*a, 9, 1), ymd(*b, 8, 31), std::string(text) + " учебный год"};
  }
  if (text.size() == 7 && text[4] == '-' && text[5] == 'H' && (text[6] == '1' || text[6] == '2')) {
    auto y = number(text.substr(0, 4));
    if (year_ok(y)) {
      const bool first = text[6] == '1';
      return Period{std::string(text), first ? ymd(*y, 1, 1) : ymd(*y, 7, 1), first ? ymd(*y, 6, 30) : ymd(*y, 12, 31),
                    std::string(first ? "1" : "2") + " полугодие " + std::string(text.substr(0, 4)) + " года"};
    }
  }
  if (auto dots = text.find(".."); dots != std::string_view::npos) {
    auto from = Date::parse_iso(text.substr(0, dots)), to = Date::parse_iso(text.substr(dots + 2));
    if (from && to && !(*to < *from) && from->year() >= 2000 && to->year() <= 2100)
      return Period{from->iso() + ".." + to->iso(), *from, *to,
                    russian_date(from->iso()) + " — " + russian_date(to->iso())};
  }
  return std::nullopt;
}

Period previous_period(const Period& p) {
  const auto& c = p.code;
  if (c.size() == 4) return *parse_period(std::to_string(p.from.year() - 1));
  if (c.size() == 9 && c[4] == '/')
    return *parse_period(std::to_string(p.from.year() - 1) + "/" + std::to_string(p.from.year()));
  if (c.size() == 7 && c[5] == 'H')
    return c[6] == '2' ? *parse_period(c.substr(0, 4) + "-H1")
                       : *parse_period(std::to_string(p.from.year() - 1) + "-H2");
  const auto days = p.to.days() - p.from.days();
  const auto to = Date::from_days(p.from.days() - std::chrono::days{1});
  const auto from = Date::from_days(to.days() - days);
  return *parse_period(from.iso() + ".." + to.iso());
}

std::string_view unit_level_code(UnitLevel level) {
  switch (level) {
    case UnitLevel::organisation:
      return "organisation";
    case UnitLevel::municipality:
      return "municipality";
    case UnitLevel::region:
      return "region";
    case UnitLevel::federation:
      return "federation";
  }
  return "municipality";
}

std::optional<UnitLevel> parse_unit_level(std::string_view code) {
  for (auto l : {UnitLevel::organisation, UnitLevel::municipality, UnitLevel::region, UnitLevel::federation})
    if (unit_level_code(l) == code) return l;
  return std::nullopt;
}

std::string_view count_code(Count c) { return info(c).code; }
std::string_view count_title(Count c) { return info(c).title; }
Subject subject_of(Count c) { return info(c).subject; }
std::optional<Count> parse_count(std::string_view code) {
  for (const auto& i : kCounts)
    if (i.code == code) return i.count;
  return std::nullopt;
}

std::string Population::title() const {
  std::string out;
  for (auto c : all) out += (out.empty() ? "" : " и ") + std::string(count_title(c));
  return out;
}

namespace {

std::string number_text(double value) { return decimal_text(value, 6); }

constexpr std::pair<std::string_view, TargetKind> kTargetKinds[] = {
    {"value", TargetKind::value},
    {"growth", TargetKind::growth},
    {"no_decline", TargetKind::no_decline},
    {"region_mean", TargetKind::region_mean},
};

}  // namespace

namespace {
constexpr std::pair<std::string_view, ValueKind> kValueKinds[] = {
    {"share", ValueKind::share},
    {"count", ValueKind::count},
    {"mean", ValueKind::mean},
    {"yes_no", ValueKind::yes_no},
};
struct MeasureInfo {
  Measure measure;
  std::string_view code, title;
};
constexpr MeasureInfo kMeasures[] = {
    {Measure::competency_score, "competency_score",
     "результат диагностики профессиональных компетенций (последний за период), %"},
    {Measure::literacy_score, "literacy_score",
     "результат диагностики функциональной грамотности (последний за период), %"},
};
}  // namespace

std::string_view value_kind_code(ValueKind kind) noexcept {
  for (const auto& [code, k] : kValueKinds)
    if (k == kind) return code;
  return "share";
}
std::optional<ValueKind> parse_value_kind(std::string_view code) noexcept {
  for (const auto& [c, k] : kValueKinds)
    if (c == code) return k;
  return std::nullopt;
}
std::string_view measure_code(Measure m) noexcept {
  for (const auto& x : kMeasures)
    if (x.measure == m) return x.code;
  return "";
}
std::string_view measure_title(Measure m) noexcept {
  for (const auto& x : kMeasures)
    if (x.measure == m) return x.title;
  return "";
}
std::optional<Measure> parse_measure(std::string_view code) noexcept {
  for (const auto& x : kMeasures)
    if (x.code == code) return x.measure;
  return std::nullopt;
}

std::string_view target_kind_code(TargetKind kind) noexcept {
  for (const auto& [code, k] : kTargetKinds)
    if (k == kind) return code;
  return "value";
}

std::optional<TargetKind> parse_target_kind(std::string_view code) noexcept {
  for (const auto& [c, k] : kTargetKinds)
    if (c == code) return k;
  return std::nullopt;
}

double Target::value_for(int year) const {
  for (const auto& [y, v] : by_year)
    if (y == year) return v;
  return value;
}

std::optional<bool> Target::met(double v, int year, std::optional<double> previous, std::optional<double> mean) const {
  switch (kind) {
    case TargetKind::value: {
      const double goal = value_for(year);
      return op == "<=" ? v <= goal : v >= goal;
    }
    case TargetKind::growth:
      return previous ? std::optional(v > *previous) : std::nullopt;
    case TargetKind::no_decline:
      return previous ? std::optional(v >= *previous) : std::nullopt;
    case TargetKind::region_mean:
      return mean ? std::optional(v + 1e-9 >= *mean) : std::nullopt;
  }
  return std::nullopt;
}

std::string Target::text_for(int year) const {
  switch (kind) {
    case TargetKind::value:
      // No-break spaces: «≥ 10 %» never splits over two lines (the справка's narrow columns).
      return (op == "<=" ? "≤\u00a0" : "≥\u00a0") + number_text(value_for(year)) + "\u00a0" + unit;
    case TargetKind::growth:
      return "положительная динамика";
    case TargetKind::no_decline:
      return "не ниже уровня прошлого периода";
    case TargetKind::region_mean:
      return "не ниже среднего по региону";
  }
  return "";
}

std::string Target::text() const {
  if (kind != TargetKind::value || by_year.empty()) return text_for(0);
  std::string out;
  for (const auto& [y, v] : by_year) out += (out.empty() ? "" : "; ") + std::to_string(y) + " — " + text_for(y);
  return out;
}

std::vector<std::pair<int, double>> parse_targets_by_year(std::string_view text, const char* field) {
  std::vector<std::pair<int, double>> out;
  std::string normal(text);
  for (auto& ch : normal)
    if (ch == '\n' || ch == '\r') ch = ';';
  for (const auto& part : split_list(normal, ';')) {
    // «2021: 9», «2021 — 9 %», «2021 год - 12,5»
    std::size_t i = 0;
    while (i < part.size() && std::isdigit(static_cast<unsigned char>(part[i]))) ++i;
    const auto year = i == 4 ? std::atoi(part.substr(0, 4).c_str()) : 0;
    const std::string rest = without_digit_groups(part.substr(i));
    std::string number;
    bool seen_digit = false;
    for (std::size_t k = 0; k < rest.size(); ++k) {
      const char ch = rest[k];
      if (std::isdigit(static_cast<unsigned char>(ch))) {
        number += ch;
        seen_digit = true;
      } else if ((ch == ',' || ch == '.') && seen_digit) {
        number += '.';
      } else if (seen_digit) {
        break;
      } else if (ch == '-' && k + 1 < rest.size() && std::isdigit(static_cast<unsigned char>(rest[k + 1]))) {
        number = "-";  // «-3»: a sign, not the dash of «2021 — 9»
      }
    }
    char* end = nullptr;
    const double value = number.empty() || number == "-" ? -1 : std::strtod(number.c_str(), &end);
    if (year < 2000 || year > 2100 || number.empty() || value < 0 || value > 100000)
      throw Error::validation(
          field, "Цели по годам записывают так: «2021: 9; 2022: 15; 2023: 20» (не понято: «" + part + "»)");
    for (const auto& [y, v] : out)
      if (y == year) throw Error::validation(field, "Год " + std::to_string(year) + " указан дважды");
    out.emplace_back(year, value);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string targets_by_year_text(const std::vector<std::pair<int, double>>& by_year) {
  std::string out;
  for (const auto& [y, v] : by_year) out += (out.empty() ? "" : "; ") + std::to_string(y) + ": " + number_text(v);
  return out;
}

std::span<const Indicator> builtin_indicators() {
  static const std::vector<Indicator> all = make_builtins();
  return all;
}

std::vector<const Indicator*> indicators_of_set(std::string_view set) {
  std::vector<const Indicator*> out;
  for (const auto& i : builtin_indicators())
    if (set.empty() || i.set == set) out.push_back(&i);
  return out;
}

const Indicator* find_indicator(std::string_view code) {
  for (const auto& i : builtin_indicators())
    if (i.code == code) return &i;
  return nullptr;
}

std::span<const std::string_view> indicator_sets() { return kSets; }

namespace {
constexpr std::array kCampaignStatuses{
    Term{"open", "Идёт сбор"},
    Term{"closed", "Закрыта"},
};
constexpr std::array kSubmissionStatuses{
    Term{"draft", "Черновик"},
    Term{"submitted", "На проверке"},
    Term{"approved", "Принят"},
    Term{"returned", "Возвращён на доработку"},
};
}  // namespace

static_assert(kCampaignStatuses.size() == static_cast<std::size_t>(CampaignStatus::closed) + 1);
static_assert(kSubmissionStatuses.size() == static_cast<std::size_t>(SubmissionStatus::returned) + 1);

std::span<const Term> campaign_statuses() { return kCampaignStatuses; }
std::span<const Term> submission_statuses() { return kSubmissionStatuses; }

std::string_view indicator_set_title(std::string_view set) {
  if (set == "fed") return "Федеральные показатели эффективности ЕФС НМС";
  if (set == "rmms") return "Показатели мониторинга региональной и муниципальной методической службы";
  if (set == "rma") return "Показатели эффективности регионального методического актива";
  return set;
}

std::string indicator_problem(const Indicator& ind) {
  if (ind.code.empty()) return "Укажите код показателя";
  if (ind.name.empty()) return "Укажите наименование показателя";
  if (ind.kind == ValueKind::yes_no && ind.source != "manual")
    return "Ответ «да/нет» вносят муниципалитеты: источник — «вносится вручную»";
  if (ind.source == "manual") {
    if (ind.target && ind.target->kind == TargetKind::value && ind.target->op != ">=" && ind.target->op != "<=")
      return "Целевое значение сравнивается знаком ≥ или ≤";
    return "";
  }
  if (ind.kind == ValueKind::mean) {
    if (ind.measure == Measure::none) return "Укажите, что усредняется";
    if (ind.numerator.all.empty()) return "Укажите, по кому считается среднее";
    if (ind.numerator.subject() != Subject::person) return "Среднее считается по людям: выберите признаки людей";
  }
  if (ind.numerator.all.empty()) return "Укажите, что считается в числителе";
  const auto subject = ind.numerator.subject();
  for (auto c : ind.numerator.all)
    if (subject_of(c) != subject) return "В числителе — признаки разных объектов (люди, организации, мероприятия)";
  if (ind.denominator) {
    if (ind.denominator->all.empty()) return "Укажите, что считается в знаменателе";
    for (auto c : ind.denominator->all)
      if (subject_of(c) != subject) return "Числитель и знаменатель считают разные объекты";
  }
  if (ind.target && ind.target->kind == TargetKind::value && ind.target->op != ">=" && ind.target->op != "<=")
    return "Целевое значение сравнивается знаком ≥ или ≤";
  return "";
}

Value evaluate(const Indicator& ind, double numerator, std::optional<std::int64_t> denominator) {
  Value v;
  v.numerator = numerator;
  v.denominator = has_denominator(ind.kind) ? denominator : std::nullopt;
  const bool some = denominator && *denominator > 0;
  switch (ind.kind) {
    case ValueKind::count:
      v.value = std::round(numerator * 10) / 10;
      break;
    case ValueKind::share:
    case ValueKind::yes_no:
      if (some) v.value = std::round(1000.0 * numerator / static_cast<double>(*denominator)) / 10.0;
      break;
    case ValueKind::mean:
      if (some) v.value = std::round(10.0 * numerator / static_cast<double>(*denominator)) / 10.0;
      break;
  }
  // Dynamics, relative and yearly targets need the period and the other units: the caller decides those.
  if (v.value && ind.target && ind.target->kind == TargetKind::value && ind.target->by_year.empty())
    v.met = ind.target->met_by(*v.value);
  return v;
}

std::string value_text(const Indicator& ind, const Value& v) {
  if (!v.value) return "нет данных";
  // One municipality's answer reads as it was given; above it, the share of «да».
  if (ind.kind == ValueKind::yes_no && v.denominator == 1) return *v.value > 0 ? "да" : "нет";
  // A value and its unit stay on one line: a no-break space between them.
  if (ind.kind == ValueKind::share || ind.kind == ValueKind::yes_no) return decimal_text(*v.value) + "\u00a0%";
  if (ind.kind == ValueKind::count && (ind.unit.empty() || ind.unit == "ед.")) return decimal_text(*v.value);
  return decimal_text(*v.value) + "\u00a0" + ind.unit;
}

}  // namespace metodist::domain
