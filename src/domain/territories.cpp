#include "domain/territories.hpp"

#include <array>
#include <cctype>
#include <cstdio>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"

namespace metodist::domain {
namespace {

constexpr std::array kMunicipalityKinds{
    Term{"municipal_district", "Муниципальный район"},
    Term{"municipal_okrug", "Муниципальный округ"},
    Term{"city_okrug", "Городской округ"},
    Term{"city_okrug_with_districts", "Городской округ с внутригородским делением"},
    Term{"city_district", "Внутригородской район"},
    Term{"federal_city_territory", "Внутригородская территория города федерального значения"},
    Term{"urban_settlement", "Городское поселение"},
    Term{"rural_settlement", "Сельское поселение"},
};

constexpr std::array kChangeKinds{
    Term{"created", "Создана"},
    Term{"renamed", "Переименована"},
    Term{"recoded", "Изменён код"},
    Term{"merged", "Объединена с другой территорией"},
};

const char* expected_parent(std::string_view level) {
  if (level == "region") return "federation";
  if (level == "municipality") return "region";
  return nullptr;
}

constexpr std::array kTimeZones{
    Term{"Europe/Kaliningrad", "Калининград (МСК−1, UTC+2)"},
    Term{"Europe/Moscow", "Москва (МСК, UTC+3)"},
    Term{"Europe/Simferopol", "Симферополь (МСК, UTC+3)"},
    Term{"Europe/Kirov", "Киров (МСК, UTC+3)"},
    Term{"Europe/Volgograd", "Волгоград (МСК, UTC+3)"},
    Term{"Europe/Samara", "Самара (МСК+1, UTC+4)"},
    Term{"Europe/Astrakhan", "Астрахань (МСК+1, UTC+4)"},
    Term{"Europe/Saratov", "Саратов (МСК+1, UTC+4)"},
    Term{"Europe/Ulyanovsk", "Ульяновск (МСК+1, UTC+4)"},
    Term{"Asia/Yekaterinburg", "Екатеринбург (МСК+2, UTC+5)"},
    Term{"Asia/Omsk", "Омск (МСК+3, UTC+6)"},
    Term{"Asia/Novosibirsk", "Новосибирск (МСК+4, UTC+7)"},
    Term{"Asia/Barnaul", "Барнаул (МСК+4, UTC+7)"},
    Term{"Asia/Tomsk", "Томск (МСК+4, UTC+7)"},
    Term{"Asia/Novokuznetsk", "Новокузнецк (МСК+4, UTC+7)"},
    Term{"Asia/Krasnoyarsk", "Красноярск (МСК+4, UTC+7)"},
    Term{"Asia/Irkutsk", "Иркутск (МСК+5, UTC+8)"},
    Term{"Asia/Chita", "Чита (МСК+6, UTC+9)"},
    Term{"Asia/Yakutsk", "Якутск (МСК+6, UTC+9)"},
    Term{"Asia/Khandyga", "Хандыга (МСК+6, UTC+9)"},
    Term{"Asia/Vladivostok", "Владивосток (МСК+7, UTC+10)"},
    Term{"Asia/Ust-Nera", "Усть-Нера (МСК+7, UTC+10)"},
    Term{"Asia/Magadan", "Магадан (МСК+8, UTC+11)"},
    Term{"Asia/Sakhalin", "Южно-Сахалинск (МСК+8, UTC+11)"},
    Term{"Asia/Srednekolymsk", "Среднеколымск (МСК+8, UTC+11)"},
    Term{"Asia/Kamchatka", "Петропавловск-Камчатский (МСК+9, UTC+12)"},
    Term{"Asia/Anadyr", "Анадырь (МСК+9, UTC+12)"},
};

// The subjects of the Federation by number (Constitution, art. 65, as the
// registry numbers them) whose zone is not Moscow's; every other one is.
constexpr std::pair<int, std::string_view> kRegionZones[] = {
    {2, "Asia/Yekaterinburg"},  {3, "Asia/Irkutsk"},        {4, "Asia/Barnaul"},        {14, "Asia/Yakutsk"},
    {17, "Asia/Krasnoyarsk"},   {18, "Europe/Samara"},      {19, "Asia/Krasnoyarsk"},   {22, "Asia/Barnaul"},
    {24, "Asia/Krasnoyarsk"},   {25, "Asia/Vladivostok"},   {27, "Asia/Vladivostok"},   {28, "Asia/Yakutsk"},
    {30, "Europe/Astrakhan"},   {34, "Europe/Volgograd"},   {38, "Asia/Irkutsk"},       {39, "Europe/Kaliningrad"},
    {41, "Asia/Kamchatka"},     {42, "Asia/Novokuznetsk"},  {43, "Europe/Kirov"},       {45, "Asia/Yekaterinburg"},
    {49, "Asia/Magadan"},       {54, "Asia/Novosibirsk"},   {55, "Asia/Omsk"},          {56, "Asia/Yekaterinburg"},
    {59, "Asia/Yekaterinburg"}, {63, "Europe/Samara"},      {64, "Europe/Saratov"},     {65, "Asia/Sakhalin"},
    {66, "Asia/Yekaterinburg"}, {70, "Asia/Tomsk"},         {72, "Asia/Yekaterinburg"}, {73, "Europe/Ulyanovsk"},
    {74, "Asia/Yekaterinburg"}, {75, "Asia/Chita"},         {79, "Asia/Vladivostok"},   {86, "Asia/Yekaterinburg"},
    {87, "Asia/Anadyr"},        {89, "Asia/Yekaterinburg"}, {91, "Europe/Simferopol"},  {92, "Europe/Simferopol"},
};

}  // namespace

std::span<const Term> time_zones() { return kTimeZones; }

std::string_view default_time_zone(int subject_number) noexcept {
  for (const auto& [n, zone] : kRegionZones)
    if (n == subject_number) return zone;
  return "Europe/Moscow";
}

namespace {

const Term* zone_term(std::string_view zone) {
  for (const auto& t : kTimeZones)
    if (t.code == zone) return &t;
  return nullptr;
}

}  // namespace

int utc_offset_hours(std::string_view zone) noexcept {
  const auto* t = zone_term(zone);
  if (!t) return 3;
  const auto at = t->title.find("UTC+");
  if (at == std::string_view::npos) return 3;
  int hours = 0;
  for (auto i = at + 4; i < t->title.size() && t->title[i] >= '0' && t->title[i] <= '9'; ++i)
    hours = hours * 10 + (t->title[i] - '0');
  return hours;
}

std::string zone_short_title(std::string_view zone) {
  const auto* t = zone_term(zone);
  if (!t) return "МСК";
  const auto open = t->title.find('('), comma = t->title.find(',');
  return std::string(t->title.substr(open + 1, comma - open - 1));
}

std::string local_time_text(std::string_view utc, std::string_view zone) {
  const auto moment = parse_utc_timestamp(utc);
  if (!moment) return std::string(utc);
  const auto local = *moment + std::chrono::hours(utc_offset_hours(zone));
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::minutes>(local - day)};
  char hm[16];
  std::snprintf(hm, sizeof hm, "%02d:%02d", static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()));
  return russian_date(Date::from_days(day).iso()) + " " + hm;
}

std::span<const Term> municipality_kinds() { return kMunicipalityKinds; }
std::span<const Term> territory_change_kinds() { return kChangeKinds; }

std::string next_territory_code(const Territory& t, const Territory& parent,
                                const std::function<bool(const std::string&)>& taken) {
  if (t.level == "region") {
    const int n = t.subject_number.value_or(0);
    return std::string("RU-") + (n < 10 ? "0" : "") + std::to_string(n);
  }
  for (int n = 1; n < 1000; ++n) {
    const std::string number = std::to_string(n);
    std::string code = parent.code + "-" + std::string(3 - number.size(), '0') + number;
    if (!taken(code)) return code;
  }
  return {};
}

std::optional<std::string> parse_oktmo(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9')
      digits.push_back(c);
    else if (c != ' ' && c != '-')
      return std::nullopt;
  }
  if (digits.size() != 8 && digits.size() != 11) return std::nullopt;
  return digits;
}

void validate_territory(const Territory& t, const Territory* parent) {
  if (!find_term(territory_levels(), t.level))
    throw Error::validation("level", "Уровень территории: federation, region или municipality");
  if (trim(t.name).empty()) throw Error::validation("name", "Укажите наименование территории");
  if (utf8_length(t.name) > 300) throw Error::validation("name", "Наименование длиннее 300 символов");
  if (trim(t.code).empty()) throw Error::validation("code", "Укажите код территории");
  if (t.code.size() > 40) throw Error::validation("code", "Код территории длиннее 40 символов");
  for (unsigned char c : t.code)
    if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.'))
      throw Error::validation("code", "Код территории: латинские буквы, цифры, «-», «_», «.» (например RU-24-007)");
  if (!t.time_zone.empty() && !find_term(time_zones(), t.time_zone))
    throw Error::validation("time_zone", "Часовой пояс — из списка часовых поясов России (например, Asia/Krasnoyarsk)");
  if (!t.oktmo.empty() && !parse_oktmo(t.oktmo))
    throw Error::validation("oktmo", "ОКТМО — 8 цифр для муниципального образования или 11 для поселения");
  if (t.subject_number && t.level != "region")
    throw Error::validation("subject_number", "Номер субъекта РФ указывается только для региона");
  if (t.subject_number && (*t.subject_number < 1 || *t.subject_number > 99))
    throw Error::validation("subject_number", "Номер субъекта РФ — от 1 до 99");
  if (!t.municipality_kind.empty() && t.level != "municipality")
    throw Error::validation("municipality_kind",
                            "Вид муниципального образования указывается только для муниципалитета");
  if (!t.municipality_kind.empty() && !find_term(municipality_kinds(), t.municipality_kind))
    throw Error::validation("municipality_kind",
                            "Неизвестный вид муниципального образования «" + t.municipality_kind + "»");
  const char* want = expected_parent(t.level);
  if (!want && parent) throw Error::validation("parent_id", "Российская Федерация не входит в другую территорию");
  if (want && !parent)
    throw Error::validation("parent_id", t.level == "region" ? "Регион входит в Российскую Федерацию: укажите её"
                                                             : "Укажите регион, в который входит муниципалитет");
  if (want && parent->level != want)
    throw Error::validation("parent_id", t.level == "region"
                                             ? "Регион входит только в Российскую Федерацию"
                                             : "Муниципалитет входит в регион, а не в «" + parent->name + "»");
  if (parent && !parent->abolished_on.empty())
    throw Error::validation("parent_id", "«" + parent->name + "» упразднена " + russian_date(parent->abolished_on));
}

std::optional<std::string> merge_refusal(const Territory& merged, const Territory& into) {
  if (merged.id == into.id) return "Муниципалитет нельзя объединить с самим собой";
  if (merged.level != "municipality" || into.level != "municipality")
    return "Объединяются только муниципальные образования";
  if (merged.parent_id != into.parent_id) return "Объединяются муниципалитеты одного региона";
  if (!merged.abolished_on.empty()) return "«" + merged.name + "» уже упразднена " + russian_date(merged.abolished_on);
  if (!into.abolished_on.empty()) return "«" + into.name + "» упразднена " + russian_date(into.abolished_on);
  return std::nullopt;
}

}  // namespace metodist::domain
