#include "app/demo.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "app/accounts.hpp"
#include "app/active.hpp"
#include "app/demo_library.hpp"
#include "app/demo_registry_faults.hpp"
#include "app/diagnostics.hpp"
#include "domain/access.hpp"
#include "domain/active.hpp"
#include "domain/competency.hpp"
#include "domain/date.hpp"
#include "domain/diagnostics.hpp"
#include "domain/error.hpp"
#include "domain/help_requests.hpp"
#include "domain/mentoring.hpp"
#include "domain/registry.hpp"
#include "storage/active_repository.hpp"
#include "storage/communities_repository.hpp"
#include "storage/competency_tags.hpp"
#include "storage/diagnostics_repository.hpp"
#include "storage/events_repository.hpp"
#include "storage/help_requests_repository.hpp"
#include "storage/mentoring_repository.hpp"
#include "storage/programs_repository.hpp"
#include "storage/registry_repository.hpp"
#include "storage/registry_sql.hpp"
#include "storage/routes_repository.hpp"

namespace metodist::app {
namespace {

namespace reg = storage::registry;
using domain::Date;

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : gen_(seed) {}
  // Uniform integer in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(gen_() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(double p) { return static_cast<double>(gen_() >> 11) * 0x1.0p-53 < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(v.size()) - 1))];
  }

 private:
  std::mt19937_64 gen_;
};

struct Scale {
  int regions;
  int municipalities_per_region;
  int schools_min, schools_max;  // per municipality
  int teachers_per_school;
  int kindergartens_per_municipality;
  int colleges_per_region;
  double diagnosed_share;  // of teachers in the entry diagnostic (the federal demo keeps it small)
};

Scale scale_of(const std::string& name) {
  // district ≈ 15 schools / 250 teachers; region ≈ 40 municipalities / 1,000
  // organisations / 25,000 teachers; federal ≈ 85 regions / 2,300
  // municipalities / 40,000 organisations / 1.1 M teachers.
  if (name == "district") return {1, 1, 15, 15, 12, 4, 0, 0.6};
  if (name == "region") return {1, 40, 10, 20, 38, 8, 10, 0.5};
  if (name == "federal") return {85, 27, 7, 13, 34, 6, 20, 0.08};
  throw domain::Error::validation("scale",
                                  "Масштаб демо-данных: district, region или federal (указано «" + name + "»)");
}

const std::vector<std::string> kRegions{"Красноярский край",
                                        "Челябинская область",
                                        "Республика Алтай",
                                        "Алтайский край",
                                        "Амурская область",
                                        "Архангельская область",
                                        "Астраханская область",
                                        "Белгородская область",
                                        "Брянская область",
                                        "Владимирская область",
                                        "Волгоградская область",
                                        "Вологодская область",
                                        "Воронежская область",
                                        "г. Москва",
                                        "г. Санкт-Петербург",
                                        "г. Севастополь",
                                        "Еврейская автономная область",
                                        "Забайкальский край",
                                        "Ивановская область",
                                        "Иркутская область",
                                        "Кабардино-Балкарская Республика",
                                        "Калининградская область",
                                        "Калужская область",
                                        "Камчатский край",
                                        "Карачаево-Черкесская Республика",
                                        "Кемеровская область — Кузбасс",
                                        "Кировская область",
                                        "Костромская область",
                                        "Краснодарский край",
                                        "Курганская область",
                                        "Курская область",
                                        "Ленинградская область",
                                        "Липецкая область",
                                        "Магаданская область",
                                        "Московская область",
                                        "Мурманская область",
                                        "Ненецкий автономный округ",
                                        "Нижегородская область",
                                        "Новгородская область",
                                        "Новосибирская область",
                                        "Омская область",
                                        "Оренбургская область",
                                        "Орловская область",
                                        "Пензенская область",
                                        "Пермский край",
                                        "Приморский край",
                                        "Псковская область",
                                        "Республика Адыгея",
                                        "Республика Башкортостан",
                                        "Республика Бурятия",
                                        "Республика Дагестан",
                                        "Республика Ингушетия",
                                        "Республика Калмыкия",
                                        "Республика Карелия",
                                        "Республика Коми",
                                        "Республика Крым",
                                        "Республика Марий Эл",
                                        "Республика Мордовия",
                                        "Республика Саха (Якутия)",
                                        "Республика Северная Осетия — Алания",
                                        "Республика Татарстан",
                                        "Республика Тыва",
                                        "Республика Хакасия",
                                        "Ростовская область",
                                        "Рязанская область",
                                        "Самарская область",
                                        "Саратовская область",
                                        "Сахалинская область",
                                        "Свердловская область",
                                        "Смоленская область",
                                        "Ставропольский край",
                                        "Тамбовская область",
                                        "Тверская область",
                                        "Томская область",
                                        "Тульская область",
                                        "Тюменская область",
                                        "Удмуртская Республика",
                                        "Ульяновская область",
                                        "Хабаровский край",
                                        "Ханты-Мансийский автономный округ — Югра",
                                        "Чеченская Республика",
                                        "Чувашская Республика",
                                        "Чукотский автономный округ",
                                        "Ямало-Ненецкий автономный округ",
                                        "Ярославская область"};
// The numbers of those subjects of the Federation (Constitution, art. 65), in
// the order of kRegions: their time zones follow (domain::default_time_zone).
constexpr std::array<int, 85> kSubjectNumbers{
    24, 74, 4,  22, 28, 29, 30, 31, 32, 33, 34, 35, 36, 77, 78, 92, 79, 75, 37, 38, 7,  39, 40, 41, 9,  42, 43, 44, 23,
    45, 46, 47, 48, 49, 50, 51, 83, 52, 53, 54, 55, 56, 57, 58, 59, 25, 60, 1,  2,  3,  5,  6,  8,  10, 11, 91, 12, 13,
    14, 15, 16, 17, 19, 61, 62, 63, 64, 65, 66, 67, 26, 68, 69, 70, 71, 72, 18, 73, 27, 86, 20, 21, 87, 89, 76};

// Stems of district names: stem + «ский район», stem + «ского района».
const std::vector<std::string> kDistrictStems{
    "Ермаков",     "Шушен",     "Каратуз",  "Минусин",    "Курагин",  "Идрин",     "Краснотуран",  "Балахтин",
    "Новоселов",   "Ужур",      "Шарыпов",  "Назаров",    "Ачин",     "Бирилюс",   "Боготоль",     "Большеулуй",
    "Козуль",      "Тюхтет",    "Дзержин",  "Абан",       "Ирбей",    "Илан",      "Нижнеингаш",   "Тасеев",
    "Богучан",     "Кежем",     "Мотыгин",  "Пиров",      "Казачин",  "Сухобузим", "Емельянов",    "Березов",
    "Ман",         "Уяр",       "Партизан", "Саян",       "Рыбин",    "Кусин",     "Агапов",       "Аргаяш",
    "Ашин",        "Бредин",    "Варнен",   "Еткуль",     "Карталин", "Каслин",    "Катав-Иванов", "Кизиль",
    "Красноармей", "Кунашак",   "Нагайбак", "Нязепетров", "Октябрь",  "Пластов",   "Соснов",       "Увель",
    "Уй",          "Чебаркуль", "Чесмен",   "Маймин",     "Онгудай",  "Турочак",   "Улаган",       "Чемаль",
    "Чой",         "Шебалин",   "Усть-Кан", "Кош-Агач"};

// Villages of the demo district (Ермаковский район, the Ermakovsky district order № 255-02) and the
// adjective their school takes: «Мигнинская средняя школа».
struct Village {
  const char* name;
  const char* adjective;
};
const std::vector<Village> kVillages{{"Ермаковское", "Ермаковская"},
                                     {"Ермаковское", "Ермаковская"},
                                     {"Григорьевка", "Григорьевская"},
                                     {"Мигна", "Мигнинская"},
                                     {"Нижнеусинское", "Нижнеусинская"},
                                     {"Семенниково", "Семенниковская"},
                                     {"Верхнеусинское", "Верхнеусинская"},
                                     {"Салба", "Салбинская"},
                                     {"Танзыбей", "Танзыбейская"},
                                     {"Жеблахты", "Жеблахтинская"},
                                     {"Разъезжее", "Разъезженская"},
                                     {"Ойха", "Ойхинская"},
                                     {"Новополтавка", "Новополтавская"},
                                     {"Большой Кебеж", "Большекебежская"},
                                     {"Араданы", "Араданская"},
                                     {"Малый Кебеж", "Малокебежская"},
                                     {"Николаевка", "Николаевская"},
                                     {"Сарагаш", "Сарагашская"}};

const std::vector<std::string> kSurnames{
    "Иванов",    "Смирнов",   "Кузнецов",  "Попов",       "Васильев",   "Петров",    "Соколов",   "Михайлов",
    "Новиков",   "Фёдоров",   "Морозов",   "Волков",      "Алексеев",   "Лебедев",   "Семёнов",   "Егоров",
    "Павлов",    "Козлов",    "Степанов",  "Николаев",    "Орлов",      "Андреев",   "Макаров",   "Никитин",
    "Захаров",   "Зайцев",    "Соловьёв",  "Борисов",     "Яковлев",    "Григорьев", "Романов",   "Воробьёв",
    "Сергеев",   "Кузьмин",   "Фролов",    "Александров", "Дмитриев",   "Королёв",   "Гусев",     "Киселёв",
    "Ильин",     "Максимов",  "Поляков",   "Сорокин",     "Виноградов", "Ковалёв",   "Белов",     "Медведев",
    "Антонов",   "Тарасов",   "Жуков",     "Баранов",     "Филиппов",   "Комаров",   "Давыдов",   "Беляев",
    "Герасимов", "Богданов",  "Осипов",    "Сидоров",     "Матвеев",    "Титов",     "Марков",    "Миронов",
    "Крылов",    "Куликов",   "Карпов",    "Власов",      "Мельников",  "Денисов",   "Гаврилов",  "Тихонов",
    "Казаков",   "Афанасьев", "Данилов",   "Савельев",    "Тимофеев",   "Фомин",     "Чернов",    "Абрамов",
    "Мартынов",  "Ефимов",    "Федотов",   "Щербаков",    "Назаров",    "Калинин",   "Исаев",     "Чернышёв",
    "Быков",     "Маслов",    "Родионов",  "Коновалов",   "Лазарев",    "Воронин",   "Климов",    "Филатов",
    "Пономарёв", "Голубев",   "Кудрявцев", "Прохоров",    "Наумов",     "Потапов",   "Журавлёв",  "Овчинников",
    "Трофимов",  "Леонов",    "Соболев",   "Ермаков",     "Колесников", "Гончаров",  "Емельянов", "Никифоров",
    "Грачёв",    "Котов",     "Гришин",    "Ефремов",     "Архипов",    "Громов",    "Кириллов",  "Малышев",
    "Панов",     "Моисеев",   "Румянцев",  "Акимов",      "Кондратьев", "Бирюков",   "Горбунов",  "Анисимов",
    "Ерёмин",    "Тихомиров", "Галкин",    "Лукьянов",    "Михеев",     "Скворцов",  "Юдин",      "Белоусов",
    "Нестеров",  "Симонов",   "Прокофьев", "Харитонов",   "Князев",     "Цветков",   "Левин",     "Митрофанов",
    "Воронов",   "Аксёнов",   "Софронов",  "Мальцев",     "Логинов",    "Горшков",   "Савин",     "Краснов",
    "Майоров",   "Демидов",   "Елисеев",   "Рыбаков",     "Сафонов",    "Плотников", "Демин",     "Хохлов",
    "Жданов",    "Носов",     "Зуев",      "Лаптев",      "Шилов",      "Гордеев",   "Ширяев",    "Рябов",
    "Лобанов",   "Блинов",    "Суханов",   "Субботин"};
const std::vector<std::string> kFemaleNames{
    "Елена",     "Ольга", "Наталья", "Татьяна", "Ирина",     "Светлана", "Галина",   "Марина",    "Людмила", "Анна",
    "Екатерина", "Юлия",  "Надежда", "Любовь",  "Валентина", "Мария",    "Оксана",   "Анастасия", "Нина",    "Лариса",
    "Евгения",   "Вера",  "Алёна",   "Дарья",   "Ксения",    "Полина",   "Виктория", "Кристина",  "Алла",    "Жанна"};
const std::vector<std::string> kMaleNames{
    "Александр", "Сергей", "Андрей", "Алексей", "Дмитрий", "Владимир", "Николай", "Игорь", "Евгений", "Михаил",
    "Виктор",    "Юрий",   "Олег",   "Павел",   "Иван",    "Артём",    "Максим",  "Роман", "Денис",   "Константин"};
const std::vector<std::string> kPatronymicStems{"Александров", "Сергеев",  "Андреев",   "Алексеев",  "Дмитриев",
                                                "Владимиров",  "Николаев", "Игорев",    "Евгеньев",  "Михайлов",
                                                "Викторов",    "Юрьев",    "Олегов",    "Павлов",    "Иванов",
                                                "Петров",      "Васильев", "Анатольев", "Геннадьев", "Борисов"};

std::string female_surname(const std::string& s) {
  if (s.ends_with("ский")) return s.substr(0, s.size() - 4) + "ская";
  if (s.ends_with("ов") || s.ends_with("ев") || s.ends_with("ёв") || s.ends_with("ин")) return s + "а";
  return s;
}

// Subject areas and their subjects as schools staff them (weights by hours).
struct Subject {
  const char* area;
  const char* subjects;
  int weight;
};
const std::array kSubjects{
    Subject{"primary", "Начальные классы", 22},
    Subject{"russian_literature", "Русский язык;Литература", 14},
    Subject{"math_it", "Математика", 12},
    Subject{"math_it", "Информатика", 3},
    Subject{"natural_sciences", "Физика", 4},
    Subject{"natural_sciences", "Химия;Биология", 5},
    Subject{"natural_sciences", "География", 3},
    Subject{"foreign_languages", "Английский язык", 9},
    Subject{"social_sciences", "История;Обществознание", 7},
    Subject{"arts", "Музыка;Изобразительное искусство", 3},
    Subject{"technology", "Технология (труд)", 3},
    Subject{"physical_education", "Физическая культура", 6},
    Subject{"physical_education", "ОБЗР", 2},
    Subject{"native_language", "Родной язык", 1},
};

const Subject& pick_subject(Rng& rng) {
  int total = 0;
  for (const auto& s : kSubjects) total += s.weight;
  auto roll = rng.between(1, total);
  for (const auto& s : kSubjects) {
    roll -= s.weight;
    if (roll <= 0) return s;
  }
  return kSubjects[0];
}

// A valid 10-digit INN starting with the region number.
std::string make_inn(Rng& rng, int region_no) {
  std::string inn = (region_no < 10 ? "0" : "") + std::to_string(region_no % 100);
  while (inn.size() < 9) inn.push_back(static_cast<char>('0' + rng.between(0, 9)));
  const int w[] = {2, 4, 10, 3, 5, 9, 4, 6, 8};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += w[i] * (inn[static_cast<std::size_t>(i)] - '0');
  inn.push_back(static_cast<char>('0' + sum % 11 % 10));
  return inn;
}

class Generator {
 public:
  Generator(storage::Connection& c, Rng& rng, DemoResult& result, Date today)
      : c_(c), rng_(rng), result_(result), today_(today) {}

  std::int64_t organisation(const std::string& code, const std::string& name, const std::string& short_name,
                            const std::string& kind, std::int64_t territory, int region_no, const std::string& place) {
    domain::Organisation o;
    o.code = code;
    o.name = name;
    o.short_name = short_name;
    o.kind = kind;
    o.territory_id = territory;
    o.inn = make_inn(rng_, region_no);
    o.address = place;
    const bool educational = domain::is_educational_kind(kind);
    o.is_shnor = kind == "school" && rng_.chance(0.10);
    o.has_staff_plan = educational && rng_.chance(0.35);
    o.has_mentoring_model = educational && rng_.chance(0.55);
    ++result_.organisations;
    return reg::insert_organisation(c_, o);
  }

  // A pedagogical worker with plausible age, experience, category and education.
  std::int64_t person(const std::string& region_code) {
    domain::Person p;
    p.code = region_code + "-P" + std::to_string(1000000 + ++result_.persons);
    const bool female = rng_.chance(0.82);
    p.gender = female ? "f" : "m";
    const std::string surname = rng_.pick(kSurnames);
    p.last_name = female ? female_surname(surname) : surname;
    p.first_name = female ? rng_.pick(kFemaleNames) : rng_.pick(kMaleNames);
    p.middle_name = rng_.pick(kPatronymicStems) + (female ? "на" : "ич");
    // Age bands as in the profession: older than the workforce on average.
    const auto band = rng_.between(1, 100);
    const int age = band <= 12   ? static_cast<int>(rng_.between(22, 29))
                    : band <= 20 ? static_cast<int>(rng_.between(30, 34))
                    : band <= 42 ? static_cast<int>(rng_.between(35, 44))
                    : band <= 70 ? static_cast<int>(rng_.between(45, 54))
                    : band <= 92 ? static_cast<int>(rng_.between(55, 64))
                                 : static_cast<int>(rng_.between(65, 72));
    const auto born = Date::from_days(today_.days() - std::chrono::days(age * 365 + rng_.between(0, 364)));
    p.birth_date = born.iso();
    const int start_age = rng_.chance(0.85) ? static_cast<int>(rng_.between(21, 24))
                                            : static_cast<int>(rng_.between(25, std::max(25, age - 1)));
    auto start = Date::from_days(born.days() + std::chrono::days(start_age * 365 + rng_.between(0, 300)));
    if (start > today_) start = today_;
    p.ped_experience_since = start.iso();
    const int experience = Date::full_years_between(start, today_);
    p.higher_ped_education = rng_.chance(0.86);
    p.ped_university_graduate = p.higher_ped_education && rng_.chance(0.9);
    const auto roll = rng_.between(1, 100);
    p.category = experience < 2 ? "none" : roll <= 10 + experience ? "highest" : roll <= 75 ? "first" : "none";
    last_start_ = start;
    return reg::insert_person(c_, p);
  }

  void position(std::int64_t person, std::int64_t org, const std::string& position, const std::string& area,
                const std::string& subjects) {
    domain::Position ps;
    ps.person_id = person;
    ps.organisation_id = org;
    ps.position = position;
    ps.subject_area = area;
    ps.subjects = subjects;
    const auto span = (today_.days() - last_start_.days()).count();
    ps.hired_on = Date::from_days(last_start_.days() + std::chrono::days(span > 0 ? rng_.between(0, span) : 0)).iso();
    ++result_.positions;
    reg::insert_position(c_, ps);
  }

  // Staff of a school: director, deputies, teachers of all subjects.
  void staff_school(std::int64_t org, int teachers, const std::string& region_code) {
    position(person(region_code), org, "director", {}, {});
    const int deputies = teachers > 25 ? 2 : 1;
    for (int i = 0; i < deputies; ++i) {
      const auto p = person(region_code);
      position(p, org, "deputy_director", {}, {});
      // Deputies usually teach too: one person, two positions in one school.
      const auto& s = pick_subject(rng_);
      position(p, org, "teacher", s.area, s.subjects);
    }
    for (int i = 0; i < teachers; ++i) {
      const auto p = person(region_code);
      const auto& s = pick_subject(rng_);
      position(p, org, "teacher", s.area, s.subjects);
      if (rng_.chance(0.04)) position(p, org, "tutor", {}, {});
    }
    if (teachers > 20) position(person(region_code), org, "psychologist", {}, {});
  }

  void staff(std::int64_t org, int count, const std::string& position_code, const std::string& area,
             const std::string& region_code) {
    for (int i = 0; i < count; ++i) position(person(region_code), org, position_code, area, {});
  }

 private:
  storage::Connection& c_;
  Rng& rng_;
  DemoResult& result_;
  Date today_;
  Date last_start_ = Date::today();
};

// Diagnostics of each region: an entry diagnostic of competencies,
// a re-diagnosis of half of those tested (the ones with deficits grow), and a
// functional-literacy diagnostic, with scores out of 20 (100 for literacy)
// around a per-person level, so deficits, dynamics and the heat map have
// something plausible to show.
void demo_diagnostics(storage::Connection& c, Rng& rng, const Date& today, double share, std::int64_t region,
                      const std::string& region_name) {
  namespace dia = storage::diagnostics;
  dia::seed_framework_if_empty(c, domain::default_competencies());
  std::vector<std::pair<std::string, std::int64_t>> framework;  // code, id
  for (const auto& k : dia::list_competencies(c)) framework.emplace_back(k.code, k.id);
  std::vector<std::int64_t> teachers, staff;
  storage::Params params;
  c.run(
      "SELECT DISTINCT ps.person_id, ps.position FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
      " WHERE ps.left_on IS NULL AND o.territory_id IN " +
          reg::subtree(reg::placeholder(params, region)) + " ORDER BY ps.person_id, ps.position",
      params, [&](const storage::Row& r) {
        if (staff.empty() || staff.back() != r.int64("person_id")) staff.push_back(r.int64("person_id"));
        if (r.view("position") == "teacher" && (teachers.empty() || teachers.back() != r.int64("person_id")))
          teachers.push_back(r.int64("person_id"));
      });
  auto day = [&](int days_ago) { return Date::from_days(today.days() - std::chrono::days(days_ago)).iso(); };
  auto campaign = [&](const std::string& title, const std::string& kind, int from, int to) {
    dia::Campaign k;
    k.title = title + " (" + region_name + ")";
    k.kind = kind;
    k.instrument = kind == "functional_literacy" ? "Диагностика функциональной грамотности педагогов"
                                                 : "Диагностика профессиональных компетенций ЦНППМ";
    k.provider = "ЦНППМ";
    k.territory_id = region;
    k.starts_on = day(from);
    k.ends_on = day(to);
    return dia::insert_campaign(c, k);
  };
  const auto entry = campaign("Входная диагностика профессиональных дефицитов", "competencies", 300, 270);
  const auto again = campaign("Повторная диагностика профессиональных дефицитов", "competencies", 60, 30);
  const auto literacy = campaign("Диагностика функциональной грамотности", "functional_literacy", 200, 180);

  std::vector<dia::Result> first, second, fl;
  std::vector<std::int64_t> first_persons, second_persons, fl_persons;
  for (auto person : teachers) {
    if (!rng.chance(share)) continue;
    const auto level = rng.between(6, 19);  // out of 20: the person's general level
    first_persons.push_back(person);
    const bool retest = rng.chance(0.5);
    if (retest) second_persons.push_back(person);
    for (std::size_t i = 0; i < framework.size(); ++i) {
      if (!rng.chance(0.55)) continue;  // each instrument covers part of the framework
      const auto raw = std::clamp<std::int64_t>(level + rng.between(-4, 3), 0, 20);
      const auto pct = domain::percent_of(static_cast<double>(raw), 20);
      first.push_back({person, framework[i].second, static_cast<double>(raw), 20, pct, day(285)});
      if (retest) {
        const auto grown = std::clamp<std::int64_t>(raw + (pct < 50 ? rng.between(2, 7) : rng.between(-1, 2)), 0, 20);
        second.push_back({person, framework[i].second, static_cast<double>(grown), 20,
                          domain::percent_of(static_cast<double>(grown), 20), day(45)});
      }
    }
  }
  for (auto person : staff) {
    if (!rng.chance(share * 0.6)) continue;
    const auto raw = rng.between(35, 98);
    fl_persons.push_back(person);
    fl.push_back({person, std::nullopt, static_cast<double>(raw), 100, static_cast<double>(raw), day(190)});
  }
  dia::replace_results(c, entry, first_persons, first);
  dia::replace_results(c, again, second_persons, second);
  dia::replace_results(c, literacy, fl_persons, fl);

  // Programs of the regional institute that develop the competencies most
  // often found lacking, a cohort each, and enrolments: a tenth of the
  // teachers, marked «chosen from a deficit» by the same rule as the app.
  std::map<std::int64_t, std::string> code_of;  // competency id → code
  for (const auto& [code, id] : framework) code_of.emplace(id, code);
  std::map<std::int64_t, std::vector<domain::CompetencyResult>> measured;  // person → entry results
  for (const auto& r : first)
    measured[r.person_id].push_back({code_of.at(*r.competency_id), r.percent, *Date::parse_iso(r.measured_on)});
  const domain::DeficitRule rule;  // the demo keeps the default thresholds
  struct Offer {
    const char* title;
    std::int64_t hours;
    const char* format;
    std::vector<std::string> competencies;
  };
  const std::vector<Offer> offers{
      {"Формирование функциональной грамотности обучающихся",
       72,
       "blended",
       {"method.functional_literacy", "method.assessment"}},
      {"Современный урок: проектирование в соответствии с ФГОС", 36, "offline", {"method.lesson_design"}},
      {"Цифровая образовательная среда: ресурсы и платформы", 36, "online", {"digital.resources", "digital.distance"}},
      {"Наставничество в образовательной организации", 24, "blended", {"comm.professional"}},
  };
  std::map<std::string, std::int64_t> by_code;
  for (const auto& k : framework) by_code.emplace(k.first, k.second);
  const auto starts = day(20);
  for (std::size_t o = 0; o < offers.size(); ++o) {
    storage::programs::Program p;
    p.title = offers[o].title;
    p.provider = "Институт развития образования (" + region_name + ")";
    p.hours = offers[o].hours;
    p.format = offers[o].format;
    p.audience = "teachers";
    p.in_federal_registry = o % 2 == 0;
    p.federal_number = p.in_federal_registry ? "ФР-" + std::to_string(1000 + o) : "";
    p.territory_id = region;
    std::vector<std::int64_t> ids;
    for (const auto& code : offers[o].competencies) ids.push_back(by_code.at(code));
    const std::vector<std::string> develops(offers[o].competencies.begin(), offers[o].competencies.end());
    const auto program = storage::programs::insert_program(c, p, ids);
    storage::programs::Cohort k;
    k.program_id = program;
    k.title = "Группа 1";
    k.starts_on = starts;
    k.ends_on = day(-10);
    const auto cohort = storage::programs::insert_cohort(c, k);
    for (auto person : teachers) {
      if (!rng.chance(share * 0.2)) continue;
      storage::programs::Enrolment e;
      e.cohort_id = cohort;
      e.person_id = person;
      e.applied_on = day(40);
      e.status = rng.chance(0.5) ? domain::EnrolmentStatus::studying : domain::EnrolmentStatus::approved;
      e.chosen_from_deficit =
          domain::chosen_from_deficit(develops, measured[person], rule, *Date::parse_iso(e.applied_on));
      storage::programs::insert_enrolment(c, e);
    }
    // The next cohort, still recruiting (a route's suggestions offer it), and
    // an earlier one, finished, with certificates and post-course support. The
    // first program runs as a cascade: the institute's stage, then the school's.
    storage::programs::Cohort next;
    next.program_id = program;
    next.title = "Группа 2";
    next.starts_on = day(-30);
    next.ends_on = day(-75);
    next.capacity = 30;
    next.cascade_stage = o == 0 ? "school" : "";
    storage::programs::insert_cohort(c, next);
    storage::programs::Cohort done;
    done.program_id = program;
    done.title = "Группа весеннего набора";
    done.starts_on = day(250);
    done.ends_on = day(200);
    done.cascade_stage = o == 0 ? "regional" : "";
    const auto finished = storage::programs::insert_cohort(c, done);
    int n = 0;
    for (auto person : teachers) {
      if (!rng.chance(share * 0.1)) continue;
      storage::programs::Enrolment e;
      e.cohort_id = finished;
      e.person_id = person;
      e.applied_on = day(270);
      e.status = domain::EnrolmentStatus::completed;
      e.chosen_from_deficit =
          domain::chosen_from_deficit(develops, measured[person], rule, *Date::parse_iso(e.applied_on));
      e.id = storage::programs::insert_enrolment(c, e);
      e.certificate_number = "ПК-" + std::to_string(program) + "-" + std::to_string(++n);
      e.completed_on = day(200);
      storage::programs::update_enrolment(c, e);
      if (rng.chance(0.3))
        storage::programs::insert_support_record(
            c, {0, e.id, day(static_cast<int>(rng.between(60, 180))), rng.chance(0.5) ? "consultation" : "lesson_visit",
                "Разобрали применение материалов курса на уроках; даны рекомендации", std::nullopt,
                "Методист регионального актива", ""});
    }
  }
  // A program for managerial teams (fed.3, rmms.1): directors and deputies of
  // about a sixth of the schools completed it in the spring.
  {
    storage::programs::Program p;
    p.title = "Управленческая команда школы: управление качеством образования";
    p.provider = "Институт развития образования (" + region_name + ")";
    p.hours = 72;
    p.format = "blended";
    p.audience = "managerial_teams";
    p.in_federal_registry = true;
    p.federal_number = "ФР-2001";
    p.territory_id = region;
    const std::vector<std::int64_t> ids{by_code.at("manage.change"), by_code.at("manage.methodical_work")};
    const auto program = storage::programs::insert_program(c, p, ids);
    storage::programs::Cohort k;
    k.program_id = program;
    k.title = "Весенняя группа управленческих команд";
    k.starts_on = day(230);
    k.ends_on = day(190);
    const auto cohort = storage::programs::insert_cohort(c, k);
    std::map<std::int64_t, std::vector<std::int64_t>> managers;  // school → its director and deputies
    storage::Params mp;
    c.run(
        "SELECT ps.organisation_id, ps.person_id FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
        " WHERE ps.left_on IS NULL AND ps.position IN ('director', 'deputy_director') AND o.kind = 'school'"
        " AND o.territory_id IN " +
            reg::subtree(reg::placeholder(mp, region)) + " ORDER BY ps.organisation_id, ps.id",
        mp, [&](const storage::Row& r) { managers[r.int64("organisation_id")].push_back(r.int64("person_id")); });
    int n = 0;
    std::set<std::int64_t> enrolled;  // a person heading two schools enrols once
    for (const auto& [school, people] : managers) {
      if (!rng.chance(0.17)) continue;
      for (auto person : people) {
        if (!enrolled.insert(person).second) continue;
        storage::programs::Enrolment e;
        e.cohort_id = cohort;
        e.person_id = person;
        e.applied_on = day(240);
        e.status = domain::EnrolmentStatus::completed;
        e.id = storage::programs::insert_enrolment(c, e);
        e.certificate_number = "УК-" + std::to_string(++n);
        e.completed_on = day(190);
        storage::programs::update_enrolment(c, e);
      }
    }
  }
  // Individual routes (rmms.5) of some teachers with deficits after the entry diagnostic.
  for (const auto& [person, results] : measured) {
    if (!rng.chance(0.3)) continue;
    const auto deficits = domain::deficits_on(results, rule, *Date::parse_iso(day(260)));
    if (deficits.empty()) continue;
    storage::routes::Route r;
    r.person_id = person;
    r.period_from = day(250);
    r.period_to = day(-100);
    r.status = domain::RouteStatus::in_progress;
    for (const auto& code : deficits) {
      storage::routes::Row row;
      row.competency = code;
      row.goal = "Устранить дефицит";
      row.activity = "self_study";
      row.details = "С методистом: подобрать материалы и практики";
      r.rows.push_back(row);
    }
    storage::routes::insert_route(c, r);
  }
}

// A municipality's weekly work: events of the ИМЦ and schools with
// registrations, attendance and feedback; district associations (РМО) by
// subject area and a school's ШМО; mentoring pairs for young teachers in
// schools that implement the target model; requests for methodical help.
void demo_weekly_work(storage::Connection& c, Rng& rng, const Date& today, std::int64_t region,
                      std::optional<std::int64_t> methodist) {
  struct Teacher {
    std::int64_t person, organisation;
    std::string area, birth, since, category;
  };
  std::map<std::int64_t, std::vector<Teacher>> by_municipality;
  std::map<std::int64_t, std::int64_t> imc_of;  // municipality → its methodical service
  storage::Params params;
  c.run(
      "SELECT o.territory_id, ps.person_id, o.id, COALESCE(ps.subject_area, '') AS subject_area, COALESCE(CAST(p.birth_date AS TEXT), '') AS birth_date,"
      " COALESCE(CAST(p.ped_experience_since AS TEXT), '') AS ped_experience_since, p.category, o.kind"
      " FROM positions ps JOIN organisations o ON o.id = ps.organisation_id JOIN persons p ON p.id = ps.person_id"
      " WHERE ps.left_on IS NULL AND (ps.position = 'teacher' OR o.kind = 'methodical_service') AND o.territory_id IN " +
          reg::subtree(reg::placeholder(params, region)) + " ORDER BY o.territory_id, o.id, ps.person_id",
      params, [&](const storage::Row& r) {
        if (r.view("kind") == "methodical_service")
          imc_of.emplace(r.int64("territory_id"), r.int64("id"));
        else
          by_municipality[r.int64("territory_id")].push_back({r.int64("person_id"), r.int64("id"),
                                                              r.text("subject_area"), r.text("birth_date"),
                                                              r.text("ped_experience_since"), r.text("category")});
      });
  auto at = [&](int days, const char* time) {
    return Date::from_days(today.days() + std::chrono::days(days)).iso() + "T" + time;
  };
  namespace ev = storage::events;
  namespace cm = storage::communities;
  namespace mt = storage::mentoring;
  namespace hp = storage::help_requests;
  struct Plan {
    const char* kind;
    const char* title;
    int day;
    std::vector<std::string> competencies;  // what routes may take it for
  };
  static const Plan kPlans[] = {
      {"seminar_practicum", "Формирование функциональной грамотности на уроках", -40, {"method.functional_literacy"}},
      {"master_class",
       "Приёмы смыслового чтения в основной школе",
       -12,
       {"method.functional_literacy", "subject.content"}},
      {"webinar", "Обновлённые ФГОС: рабочие программы в конструкторе", 9, {"method.lesson_design"}},
      {"open_lesson", "Открытый урок: исследовательская деятельность на уроке химии", 16, {"method.individualisation"}},
      {"methodical_week", "Методическая неделя молодого педагога", 30, {"comm.professional", "psy.age_features"}},
      {"webinar",
       "Электронный журнал и цифровые сервисы для оценивания",
       21,
       {"digital.resources", "method.assessment"}},
  };
  for (auto& [muni, teachers] : by_municipality) {
    if (teachers.empty()) continue;
    const auto organiser = imc_of.count(muni) ? std::optional(imc_of[muni]) : std::nullopt;
    for (const auto& plan : kPlans) {
      ev::Event e;
      e.kind = plan.kind;
      e.title = plan.title;
      e.level = plan.kind == std::string_view("open_lesson") ? "school" : "municipal";
      e.territory_id = muni;
      e.organisation_id =
          plan.kind == std::string_view("open_lesson") ? std::optional(teachers.front().organisation) : organiser;
      e.starts_at = at(plan.day, "14:00");
      e.ends_at = at(plan.day, "16:00");
      e.format = plan.kind == std::string_view("webinar") ? "online" : "offline";
      e.place = e.format == "online" ? "https://vk.com/video/metodist-demo" : "Актовый зал ИМЦ";
      e.audience = plan.kind == std::string_view("methodical_week") ? std::vector<std::string>{"young_teachers"}
                                                                    : std::vector<std::string>{"teachers"};
      e.capacity = 40;
      e.status = domain::EventStatus::planned;
      const auto id = ev::insert_event(c, e, std::nullopt);
      storage::tags::replace(c, storage::tags::Tagged::event, id, competency_ids(c, plan.competencies));
      const auto count = std::min<std::int64_t>(static_cast<std::int64_t>(teachers.size()), rng.between(6, 18));
      std::vector<std::int64_t> taken;
      for (std::int64_t i = 0; i < count; ++i) {
        const auto& t = rng.pick(teachers);
        if (std::find(taken.begin(), taken.end(), t.person) != taken.end()) continue;
        taken.push_back(t.person);
        const auto reg_id = ev::insert_registration(c, id, t.person);
        if (plan.day < 0) {
          const bool came = rng.chance(0.85);
          ev::set_attended(c, reg_id, came);
          if (came && rng.chance(0.6))
            ev::set_feedback(c, reg_id, static_cast<int>(rng.between(3, 5)), static_cast<int>(rng.between(3, 5)),
                             rng.chance(0.3) ? "Полезно, хотелось бы больше практики" : "");
        }
      }
    }
    // District associations by subject area, members from the area's teachers.
    std::map<std::string, std::vector<std::int64_t>> by_area;
    for (const auto& t : teachers)
      if (!t.area.empty()) by_area[t.area].push_back(t.person);
    for (const auto& [area, people] : by_area) {
      if (people.size() < 3) continue;
      cm::Community k;
      k.kind = "rmo";
      k.title = "РМО: " + domain::title_of(domain::subject_areas(), area);
      k.subject_area = area;
      k.territory_id = muni;
      const auto id = cm::insert_community(c, k);
      std::vector<std::int64_t> in;
      for (auto p : people)
        if (std::find(in.begin(), in.end(), p) == in.end() && rng.chance(0.45)) {
          cm::insert_member(c, id, p, in.empty() ? "leader" : "member",
                            Date::from_days(today.days() - std::chrono::days(200)).iso());
          in.push_back(p);
        }
    }
    // A network community of the municipality's teachers (rmms.8): a fifth join.
    {
      cm::Community k;
      k.kind = "network";
      k.title = "Сетевое сообщество «Учитель будущего»";
      k.territory_id = muni;
      const auto id = cm::insert_community(c, k);
      std::vector<std::int64_t> in;
      for (const auto& t : teachers)
        if (std::find(in.begin(), in.end(), t.person) == in.end() && rng.chance(0.2)) {
          cm::insert_member(c, id, t.person, in.empty() ? "leader" : "member",
                            Date::from_days(today.days() - std::chrono::days(rng.between(30, 300))).iso());
          in.push_back(t.person);
        }
    }
    // Young teachers get a mentor of the same school with five years or more.
    std::map<std::int64_t, std::vector<const Teacher*>> by_school;
    for (const auto& t : teachers) by_school[t.organisation].push_back(&t);
    int programs = 0;
    for (auto& [school, staff] : by_school) {
      if (programs >= 3) break;
      std::vector<const Teacher*> young, seniors;
      for (const auto* t : staff) {
        const auto birth = Date::parse_iso(t->birth), since = Date::parse_iso(t->since);
        if (domain::is_young_teacher(birth, since, today))
          young.push_back(t);
        else if (since && Date::full_years_between(*since, today) >= 10)
          seniors.push_back(t);
      }
      if (young.empty() || seniors.empty()) continue;
      ++programs;
      c.execute("UPDATE organisations SET has_mentoring_model = 1 WHERE id = $1", {school});
      mt::Program prog;
      prog.organisation_id = school;
      prog.title = "Программа наставничества «Первые шаги в профессии»";
      prog.curator_person_id = seniors.front()->person;
      prog.starts_on = Date::from_days(today.days() - std::chrono::days(80)).iso();
      prog.ends_on = Date::from_days(today.days() + std::chrono::days(285)).iso();
      const auto pid = mt::insert_program(c, prog);
      for (std::size_t i = 0; i < young.size(); ++i) {
        if (i % 3 == 2) continue;  // some young teachers are still without a mentor
        mt::Pair pair;
        pair.program_id = pid;
        pair.mentor_person_id = seniors[i % seniors.size()]->person;
        pair.mentee_person_id = young[i]->person;
        pair.form = "teacher_teacher";
        pair.plan = "Посещение уроков, разбор планов, совместная подготовка открытого урока";
        pair.starts_on = prog.starts_on;
        pair.status = domain::PairStatus::active;
        if (pair.mentor_person_id != pair.mentee_person_id) mt::insert_pair(c, pair);
      }
    }
    // Requests for help: new, assigned (one overdue), answered, closed.
    static const char* const kTopics[] = {
        "Составление рабочей программы по обновлённому ФГОС", "Подготовка обучающихся к ВПР по математике",
        "Работа с детьми с ОВЗ на уроках", "Формирующее оценивание в начальной школе"};
    for (int i = 0; i < 4; ++i) {
      const auto& t = rng.pick(teachers);
      hp::HelpRequest r;
      r.organisation_id = t.organisation;
      r.person_id = t.person;
      r.topic = kTopics[i];
      r.subject_area = t.area;
      r.urgency = i == 1 ? "urgent" : "normal";
      r.status = domain::HelpStatus::fresh;
      const auto asked = Date::from_days(today.days() - std::chrono::days(i * 6));
      r.due_on = domain::help_due_on(r.urgency, asked).iso();
      const auto id = hp::insert_request(c, r);
      if (i == 0 || !methodist) continue;
      r.id = id;
      r.status = i == 1   ? domain::HelpStatus::assigned
                 : i == 2 ? domain::HelpStatus::answered
                          : domain::HelpStatus::closed;
      r.methodist_person_id = methodist;
      r.assigned_at = domain::utc_timestamp_now();
      if (i >= 2) {
        r.response_kind = i == 2 ? "consultation" : "visit";
        r.response = "Проведена консультация, переданы методические рекомендации и образцы";
        r.answered_at = domain::utc_timestamp_now();
      }
      if (i == 3) {
        r.rating = 5;
        r.closed_at = domain::utc_timestamp_now();
      }
      hp::update_request(c, r);
    }
  }
}

// The methodical active: the region's active with the demo
// methodist in it, each municipality's active from its eligible teachers by an
// order, an open selection, support of ШНОР schools and teachers, recorded
// work and the year's plan.
void demo_active(storage::Connection& c, Rng& rng, const Date& today, std::int64_t region,
                 std::optional<std::int64_t> methodist) {
  namespace act = storage::active;
  const int year = static_cast<unsigned>(today.ymd.month()) >= 9 ? today.year() : today.year() - 1;
  const std::string order_day = std::to_string(year) + "-09-09";
  const std::string school_year = std::to_string(year) + "/" + std::to_string(year + 1);
  std::vector<std::string> directions;
  for (const auto& d : domain::active_directions()) directions.emplace_back(d.code);
  if (methodist) {
    const auto order = act::insert_order(c, {0,
                                             "regional",
                                             region,
                                             "01-02/" + std::to_string(100 + rng.between(0, 800)),
                                             order_day,
                                             "Об утверждении состава регионального методического актива",
                                             {}});
    act::Member m;
    m.level = "regional";
    m.territory_id = region;
    m.person_id = *methodist;
    m.direction = "fgos";
    m.capacity = 12;
    m.starts_on = order_day;
    m.order_id = order;
    act::insert_member(c, m);
    static const char* const kWork[] = {"Мастер-класс «Смысловое чтение на уроках естественно-научного цикла»",
                                        "Выезд в ШНОР: посещение уроков, методический разбор",
                                        "Построение ИОМ по результатам диагностики"};
    static const char* const kFunctions[] = {"own_lessons", "shnor_help", "routes"};
    for (int i = 0; i < 3; ++i)
      act::insert_activity(c, {0,
                               *methodist,
                               kFunctions[i],
                               Date::from_days(today.days() - std::chrono::days(10 + 15 * i)).iso(),
                               kWork[i],
                               std::nullopt,
                               std::int64_t{12 + 4 * i},
                               {},
                               {}});
  }
  std::vector<std::int64_t> municipalities;
  c.run("SELECT id FROM territories WHERE parent_id = $1 AND level = 'municipality' ORDER BY id", {region},
        [&](const storage::Row& r) { municipalities.push_back(r.int64("id")); });
  bool first = true;
  for (auto muni : municipalities) {
    // Eligible by the Ermakovsky district order № 255-02: highest category, higher pedagogical education, five years or
    // more.
    std::vector<std::int64_t> eligible;
    const auto five_years_ago = Date{today.ymd - std::chrono::years(5)}.iso();
    c.run(
        "SELECT DISTINCT p.id FROM persons p JOIN positions ps ON ps.person_id = p.id AND ps.left_on IS NULL"
        " JOIN organisations o ON o.id = ps.organisation_id WHERE o.territory_id = $1 AND o.kind = 'school'"
        " AND p.category = 'highest' AND p.higher_ped_education = 1 AND p.ped_experience_since <= $2 ORDER BY p.id",
        {muni, five_years_ago}, [&](const storage::Row& r) { eligible.push_back(r.int64("id")); });
    if (eligible.empty()) continue;
    const auto order = act::insert_order(c, {0,
                                             "municipal",
                                             muni,
                                             std::to_string(200 + rng.between(0, 99)) + "-02",
                                             order_day,
                                             "Об утверждении состава муниципального методического актива",
                                             {}});
    const std::size_t take = std::min<std::size_t>(eligible.size(), 8);
    std::vector<std::int64_t> members;
    for (std::size_t i = 0; i < take; ++i) {
      act::Member m;
      m.level = "municipal";
      m.territory_id = muni;
      m.person_id = eligible[i * eligible.size() / take];
      m.direction = directions[i % directions.size()];
      m.capacity = 6;
      m.starts_on = order_day;
      m.order_id = order;
      act::insert_member(c, m);
      members.push_back(m.person_id);
    }
    // The first ШНОР school of the municipality is supported by a member of its active.
    if (auto shnor = c.query_one(
            "SELECT id FROM organisations WHERE territory_id = $1 AND is_shnor = 1 ORDER BY id LIMIT 1", {muni}))
      act::insert_assignment(c, {0, members.front(), shnor->int64("id"), std::nullopt, order_day, {}, {}, {}, {}});
    if (!first) continue;
    first = false;
    // In the first municipality: the demo methodist supports two teachers with results,
    // a selection is open, and the active's plan is written.
    if (methodist) {
      c.run(
          "SELECT DISTINCT ps.person_id FROM positions ps JOIN organisations o ON o.id = ps.organisation_id WHERE o.territory_id = $1 AND ps.position = 'teacher' AND ps.left_on IS NULL"
          " AND ps.person_id IN (SELECT person_id FROM diagnostic_results) ORDER BY ps.person_id LIMIT 2",
          {muni}, [&](const storage::Row& r) {
            act::insert_assignment(c, {0, *methodist, std::nullopt, r.int64("person_id"), order_day, {}, {}, {}, {}});
          });
    }
    act::Selection sel;
    sel.level = "municipal";
    sel.territory_id = muni;
    sel.title = "Дополнительный отбор в муниципальный методический актив";
    sel.applications_from = Date::from_days(today.days() - std::chrono::days(7)).iso();
    sel.applications_to = Date::from_days(today.days() + std::chrono::days(21)).iso();
    sel.rules_json = rules_json(domain::default_eligibility_rules());
    sel.stages_json = stages_json(domain::default_stages());
    const auto selection = act::insert_selection(c, sel);
    for (std::size_t i = take; i < std::min<std::size_t>(eligible.size(), take + 3); ++i) {
      act::Application a;
      a.selection_id = selection;
      a.person_id = eligible[i];
      a.nominated_by = i % 2 ? "organisation" : "self";
      a.direction = directions[i % directions.size()];
      a.ege_expert = i % 3 == 0;
      act::insert_application(c, a);
    }
    static const char* const kPlan[][3] = {
        {"Установочное совещание участников актива", "fgos", "сентябрь"},
        {"Методический десант в ШНОР", "quality_assessment", "в течение года"},
        {"Муниципальная методическая неделя", "unified_space", "ноябрь"},
        {"Анализ деятельности актива за учебный год", "effectiveness_monitoring", "май"},
    };
    for (const auto& item : kPlan)
      act::insert_plan_item(c, {0,
                                "municipal",
                                muni,
                                school_year,
                                item[0],
                                item[1],
                                {},
                                item[2],
                                "Координатор ИМЦ",
                                domain::PlanItemStatus::planned,
                                {}});
  }
}

std::string pad(int n, int width) {
  std::string s = std::to_string(n);
  return std::string(width > static_cast<int>(s.size()) ? width - s.size() : 0, '0') + s;
}

}  // namespace

namespace {

// One account per role over the first region, municipality and school, so a
// visitor can see the system as each of them does.
// Returns the demo expert's person.
std::optional<std::int64_t> create_demo_accounts(App& app, DemoResult& result, const std::string& password,
                                                 std::optional<std::int64_t> methodist) {
  struct Target {
    std::optional<std::int64_t> region, municipality, school, teacher, expert;
    std::string region_name, municipality_name, school_name;
  };
  const auto t = app.db->read([](storage::Connection& c) {
    Target x;
    if (auto r = c.query_one("SELECT id, name FROM territories WHERE level = 'region' ORDER BY id LIMIT 1"))
      x.region = r->int64("id"), x.region_name = r->text("name");
    if (auto r = c.query_one("SELECT id, name FROM territories WHERE level = 'municipality' ORDER BY id LIMIT 1"))
      x.municipality = r->int64("id"), x.municipality_name = r->text("name");
    if (auto r = c.query_one("SELECT id, name FROM organisations WHERE kind = 'school' ORDER BY id LIMIT 1"))
      x.school = r->int64("id"), x.school_name = r->text("name");
    if (x.school)
      if (auto r = c.query_one("SELECT person_id FROM positions WHERE organisation_id = $1 AND position = 'teacher'"
                               " ORDER BY id LIMIT 1",
                               {*x.school}))
        x.teacher = r->int64("person_id");
    // The expert: a teacher of the next school, so the demo practices of other schools are theirs to judge.
    if (x.school)
      if (auto r =
              c.query_one("SELECT ps.person_id FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
                          " WHERE o.kind = 'school' AND o.id > $1 AND ps.position = 'teacher' AND ps.left_on IS NULL"
                          " ORDER BY o.id, ps.id LIMIT 1",
                          {*x.school}))
        x.expert = r->int64("person_id");
    return x;
  });
  auto add = [&](const std::string& login, const std::string& name, const std::string& role,
                 std::optional<std::int64_t> territory, std::optional<std::int64_t> organisation,
                 std::optional<std::int64_t> person, const std::string& scope) {
    NewAccount a;
    a.login = login;
    a.display_name = name;
    a.password = password;
    a.person_id = person;
    a.roles = {{0, 0, role, territory, organisation}};
    create_account(app, a);
    result.accounts.push_back({login, std::string(domain::find_role(role)->title), scope});
  };
  add("admin", "Администратор системы", "federal_operator", {}, {}, {}, "вся Российская Федерация");
  add("region", "Методист регионального института", "regional_institute", t.region, {}, {}, t.region_name);
  add("methodist", "Методист регионального методического актива", "methodist", t.region, {}, methodist, t.region_name);
  add("coordinator", "Координатор ИМЦ", "municipal_coordinator", t.municipality, {}, {}, t.municipality_name);
  add("school", "Заместитель директора", "school_admin", {}, t.school, {}, t.school_name);
  add("teacher", "Учитель", "teacher", {}, {}, t.teacher, "свои данные");
  add("expert", "Эксперт банка практик", "expert", {}, {}, t.expert, "назначенные экспертизы");
  return t.expert;
}

}  // namespace

DemoResult generate_demo(App& app, const DemoOptions& options, const Progress& progress) {
  storage::Database& db = *app.db;
  const Scale scale = scale_of(options.scale);
  if (!options.reference_date.empty() && !Date::parse_iso(options.reference_date))
    throw domain::Error::validation("date", "Дата должна быть в виде ГГГГ-ММ-ДД");
  const bool has_data =
      db.read([](storage::Connection& c) { return c.scalar("SELECT count(*) FROM territories") > 0; });
  if (has_data)
    throw domain::Error::conflict("database",
                                  "База уже содержит данные реестров: демо-данные создаются только в пустой базе");

  Rng rng(options.seed);
  DemoResult result;
  Date today = Date::today();
  if (!options.reference_date.empty()) {
    auto parsed = Date::parse_iso(options.reference_date);
    if (!parsed) throw domain::Error::validation("date", "Дата должна быть в виде ГГГГ-ММ-ДД");
    today = *parsed;
  }
  const int total_municipalities = scale.regions * scale.municipalities_per_region;
  int done = 0;

  const auto federation = db.write([&](storage::Connection& c) {
    return reg::insert_territory(c, {0, std::nullopt, "federation", "RU", "Российская Федерация"});
  });

  for (int r = 0; r < scale.regions; ++r) {
    const int region_no = r + 1;
    const std::string region_code = "RU-" + pad(region_no, 2);
    const std::string& region_name = kRegions[static_cast<std::size_t>(r) % kRegions.size()];
    const auto region = db.write([&](storage::Connection& c) {
      Generator g(c, rng, result, today);
      domain::Territory t{0, federation, "region", region_code, region_name};
      // The real number while the list lasts (a larger demo repeats names, not numbers).
      if (static_cast<std::size_t>(r) < kSubjectNumbers.size())
        t.subject_number = kSubjectNumbers[static_cast<std::size_t>(r)];
      const auto id = reg::insert_territory(c, t);
      ++result.regions;
      const auto institute = g.organisation(region_code + "-IRO", "Институт развития образования (" + region_name + ")",
                                            "ИРО", "institute", id, region_no, region_name);
      g.staff(institute, 12, "methodist", {}, region_code);
      const auto cnppm = g.organisation(region_code + "-CNPPM",
                                        "Центр непрерывного повышения профессионального мастерства педагогических "
                                        "работников (" +
                                            region_name + ")",
                                        "ЦНППМ", "cnppm", id, region_no, region_name);
      g.staff(cnppm, 8, "methodist", {}, region_code);
      g.organisation(region_code + "-MIN", "Министерство образования (" + region_name + ")", "Минобр", "authority", id,
                     region_no, region_name);
      for (int k = 0; k < scale.colleges_per_region; ++k) {
        const auto college =
            g.organisation(region_code + "-SPO-" + pad(k + 1, 3), "ГБПОУ «Колледж №" + std::to_string(k + 1) + "»",
                           "Колледж №" + std::to_string(k + 1), "college", id, region_no, region_name);
        g.staff(college, static_cast<int>(rng.between(25, 60)), "lecturer", {}, region_code);
      }
      return id;
    });

    for (int m = 0; m < scale.municipalities_per_region; ++m) {
      db.write([&](storage::Connection& c) {
        Generator g(c, rng, result, today);
        const std::size_t n = static_cast<std::size_t>(r * 7 + m);
        const std::string stem = kDistrictStems[n % kDistrictStems.size()];
        const std::string round =
            n >= kDistrictStems.size() ? " №" + std::to_string(n / kDistrictStems.size() + 1) : "";
        const std::string name = stem + "ский район" + round;
        const std::string genitive = stem + "ского района" + round;
        const std::string muni_code = region_code + "-" + pad(m + 1, 3);
        const auto muni = reg::insert_territory(c, {0, region, "municipality", muni_code, name});
        ++result.municipalities;
        const bool seed_district = r == 0 && m == 0;  // Ермаковский район with its real villages
        const std::string centre = stem + "ское";
        g.organisation(muni_code + "-UO", "Управление образования администрации " + genitive, "УО", "authority", muni,
                       region_no, centre);
        const auto imc = g.organisation(muni_code + "-IMC", "Информационно-методический центр " + genitive, "ИМЦ",
                                        "methodical_service", muni, region_no, centre);
        g.staff(imc, static_cast<int>(rng.between(3, 6)), "methodist", {}, region_code);
        const int schools = static_cast<int>(rng.between(scale.schools_min, scale.schools_max));
        for (int s = 0; s < schools; ++s) {
          const bool own_village = seed_district && s < static_cast<int>(kVillages.size());
          const std::string place = own_village ? kVillages[static_cast<std::size_t>(s)].name : centre;
          const std::string adjective = own_village ? kVillages[static_cast<std::size_t>(s)].adjective : stem + "ская";
          const bool numbered = !own_village || s < 2;
          const std::string number = numbered ? " №" + std::to_string(s + 1) : "";
          const auto school =
              g.organisation(muni_code + "-S" + pad(s + 1, 3), "МБОУ «" + adjective + " средняя школа" + number + "»",
                             adjective + " СШ" + number, "school", muni, region_no, place);
          const int teachers =
              static_cast<int>(rng.between(scale.teachers_per_school * 6 / 10, scale.teachers_per_school * 14 / 10));
          g.staff_school(school, s < 2 ? teachers * 3 / 2 : teachers, region_code);
        }
        for (int k = 0; k < scale.kindergartens_per_municipality; ++k) {
          const auto dou =
              g.organisation(muni_code + "-D" + pad(k + 1, 3), "МБДОУ «Детский сад №" + std::to_string(k + 1) + "»",
                             "Детский сад №" + std::to_string(k + 1), "kindergarten", muni, region_no, centre);
          g.staff(dou, static_cast<int>(rng.between(6, 14)), "educator", "preschool", region_code);
        }
        const auto dod = g.organisation(muni_code + "-DO1", "МБУ ДО «Дом детского творчества» " + genitive, "ДДТ",
                                        "additional", muni, region_no, centre);
        g.staff(dod, static_cast<int>(rng.between(5, 12)), "additional_teacher", {}, region_code);
      });
      ++done;
      if (progress) progress("Муниципалитеты", static_cast<double>(done) / total_municipalities);
    }
  }
  // Diagnostics per region, after its staff exist.
  std::vector<std::pair<std::int64_t, std::string>> regions;
  db.read([&](storage::Connection& c) {
    c.run("SELECT id, name FROM territories WHERE level = 'region' ORDER BY id", {},
          [&](const storage::Row& r) { regions.emplace_back(r.int64("id"), r.text("name")); });
    return 0;
  });
  // The demo methodist account is this person: the first methodist of the first institute.
  const auto methodist = db.read([](storage::Connection& c) -> std::optional<std::int64_t> {
    auto r = c.query_one(
        "SELECT ps.person_id FROM positions ps JOIN organisations o ON o.id = ps.organisation_id"
        " WHERE o.kind = 'institute' AND ps.position = 'methodist' ORDER BY o.id, ps.id LIMIT 1");
    return r ? std::optional(r->int64("person_id")) : std::nullopt;
  });
  for (std::size_t i = 0; i < regions.size(); ++i) {
    db.write([&](storage::Connection& c) {
      demo_diagnostics(c, rng, today, scale.diagnosed_share, regions[i].first, regions[i].second);
      demo_weekly_work(c, rng, today, regions[i].first, i == 0 ? methodist : std::nullopt);
      demo_active(c, rng, today, regions[i].first, i == 0 ? methodist : std::nullopt);
    });
    if (progress) progress("Диагностики", static_cast<double>(i + 1) / static_cast<double>(regions.size()));
  }
  result.password = options.password.empty() ? generate_password() : options.password;
  const auto expert = create_demo_accounts(app, result, result.password, methodist);
  if (!regions.empty()) {
    if (progress) progress("Дорожные карты, документы, практики", 0.0);
    demo_library(app, regions.front().first, expert, today);
  }
  if (progress) progress("СНИЛС, дубликаты и пробелы в реестре", 0.0);
  demo_registry_faults(app);
  if (progress) progress("СНИЛС, дубликаты и пробелы в реестре", 1.0);
  return result;
}

}  // namespace metodist::app
