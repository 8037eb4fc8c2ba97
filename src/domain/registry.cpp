#include "domain/registry.hpp"

#include <cstdio>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"

#include <array>

namespace metodist::domain {
namespace {

constexpr std::array kTerritoryLevels{
    Term{"federation", "Российская Федерация"},
    Term{"region", "Субъект РФ"},
    Term{"municipality", "Муниципальное образование"},
};

// Educational kinds first: is_educational_kind() relies on this order.
constexpr std::array kOrganisationKinds{
    Term{"school", "Общеобразовательная организация"},
    Term{"kindergarten", "Дошкольная образовательная организация"},
    Term{"college", "Профессиональная образовательная организация"},
    Term{"additional", "Организация дополнительного образования"},
    Term{"institute", "Институт развития образования"},
    Term{"cnppm", "ЦНППМ"},
    Term{"methodical_service", "Муниципальная методическая служба"},
    Term{"authority", "Орган управления образованием"},
};
constexpr std::size_t kEducationalKinds = 4;

constexpr std::array kCategories{
    Term{"none", "Без категории"},
    Term{"first", "Первая"},
    Term{"highest", "Высшая"},
};

// Teaching positions first: is_teaching_position() relies on this order.
constexpr std::array kPositions{
    Term{"teacher", "Учитель"},
    Term{"educator", "Воспитатель"},
    Term{"lecturer", "Преподаватель"},
    Term{"additional_teacher", "Педагог дополнительного образования"},
    Term{"psychologist", "Педагог-психолог"},
    Term{"speech_therapist", "Учитель-логопед"},
    Term{"social_pedagogue", "Социальный педагог"},
    Term{"tutor", "Тьютор"},
    Term{"methodist", "Методист"},
    Term{"deputy_director", "Заместитель директора"},
    Term{"director", "Директор"},
};
constexpr std::size_t kTeachingPositions = 9;

constexpr std::array kSubjectAreas{
    Term{"math_it", "Математика и информатика"},
    Term{"russian_literature", "Русский язык и литература"},
    Term{"natural_sciences", "Естественно-научные предметы"},
    Term{"native_language", "Родной язык и родная литература"},
    Term{"foreign_languages", "Иностранные языки"},
    Term{"social_sciences", "Общественно-научные предметы"},
    Term{"arts", "Искусство"},
    Term{"technology", "Технология"},
    Term{"physical_education", "Физическая культура и ОБЗР"},
    Term{"primary", "Начальное общее образование"},
    Term{"preschool", "Дошкольное образование"},
};

bool in_first(std::span<const Term> terms, std::size_t n, std::string_view code) {
  for (std::size_t i = 0; i < n && i < terms.size(); ++i)
    if (terms[i].code == code) return true;
  return false;
}

}  // namespace

void withhold_personal(Person& p) {
  p.gender.clear();
  p.birth_date.clear();
  p.ped_experience_since.clear();
  p.higher_ped_education = false;
  p.ped_university_graduate = false;
  p.snils.clear();
}

const Term* find_term(std::span<const Term> vocabulary, std::string_view code) noexcept {
  for (const auto& t : vocabulary)
    if (t.code == code) return &t;
  return nullptr;
}

std::string title_of(std::span<const Term> vocabulary, std::string_view code) {
  const Term* t = find_term(vocabulary, code);
  return std::string(t ? t->title : code);
}

std::span<const Term> territory_levels() { return kTerritoryLevels; }
std::span<const Term> organisation_kinds() { return kOrganisationKinds; }
std::span<const Term> qualification_categories() { return kCategories; }
std::span<const Term> positions() { return kPositions; }
std::span<const Term> subject_areas() { return kSubjectAreas; }

bool is_educational_kind(std::string_view kind) noexcept {
  return in_first(kOrganisationKinds, kEducationalKinds, kind);
}
bool is_teaching_position(std::string_view position) noexcept {
  return in_first(kPositions, kTeachingPositions, position);
}

}  // namespace metodist::domain

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace metodist::domain {

bool is_valid_inn(std::string_view inn) noexcept {
  if (inn.size() != 10 && inn.size() != 12) return false;
  for (char c : inn)
    if (c < '0' || c > '9') return false;
  auto check = [&](std::initializer_list<int> weights) {
    int sum = 0, i = 0;
    for (int w : weights) sum += w * (inn[static_cast<std::size_t>(i++)] - '0');
    return sum % 11 % 10;
  };
  if (inn.size() == 10) return check({2, 4, 10, 3, 5, 9, 4, 6, 8}) == inn[9] - '0';
  return check({7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == inn[10] - '0' &&
         check({3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8}) == inn[11] - '0';
}

namespace {
// The check number from the weighted sum of the first nine digits.
int snils_check(int sum) {
  const int check = sum < 100 ? sum : sum <= 101 ? 0 : sum % 101;
  return check == 100 ? 0 : check;
}
}  // namespace

std::optional<std::string> parse_snils(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9')
      digits += c;
    else if (c != ' ' && c != '-')
      return std::nullopt;
  }
  if (digits.size() != 11) return std::nullopt;
  long number = 0;
  int sum = 0;
  for (int i = 0; i < 9; ++i) {
    number = number * 10 + (digits[static_cast<std::size_t>(i)] - '0');
    sum += (digits[static_cast<std::size_t>(i)] - '0') * (9 - i);
  }
  const int given = (digits[9] - '0') * 10 + (digits[10] - '0');
  if (number > 1001998 && snils_check(sum) != given) return std::nullopt;
  return digits.substr(0, 3) + "-" + digits.substr(3, 3) + "-" + digits.substr(6, 3) + " " + digits.substr(9, 2);
}

std::string snils_of(std::int64_t nine_digits) {
  char digits[10];
  std::snprintf(digits, sizeof digits, "%09lld", static_cast<long long>(nine_digits % 1000000000));
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * (9 - i);
  char out[16];
  std::snprintf(out, sizeof out, "%.3s-%.3s-%.3s %02d", digits, digits + 3, digits + 6, snils_check(sum));
  return out;
}

std::string full_name(std::string_view last, std::string_view first, std::string_view middle) {
  std::string out;
  out.reserve(last.size() + first.size() + middle.size() + 2);
  out.append(last).append(" ").append(first);
  if (!middle.empty()) out.append(" ").append(middle);
  return out;
}

bool is_current(const Position& p, const Date& today) {
  return p.left_on.empty() || p.left_on >= today.iso();  // ISO text: string order is date order
}

void validate_organisation(const Organisation& o) {
  if (trim(o.name).empty()) throw Error::validation("name", "Укажите полное наименование организации");
  if (utf8_length(o.name) > 500) throw Error::validation("name", "Наименование длиннее 500 символов");
  if (trim(o.code).empty()) throw Error::validation("code", "Укажите код организации (уникальный идентификатор)");
  if (o.code.size() > 64) throw Error::validation("code", "Код организации длиннее 64 символов");
  if (!find_term(organisation_kinds(), o.kind))
    throw Error::validation("kind", "Неизвестный тип организации «" + o.kind + "»");
  if (!o.inn.empty() && !is_valid_inn(o.inn))
    throw Error::validation("inn", "ИНН должен состоять из 10 или 12 цифр с верными контрольными разрядами");
  if (o.is_shnor && o.kind != "school")
    throw Error::validation("is_shnor", "Признак ШНОР ставится только общеобразовательной организации");
}

std::string birth_date_problem(const Date& birth, const Date& today) {
  const int age = Date::full_years_between(birth, today);
  if (age < 16 || age > 100) return "Дата рождения " + birth.iso() + ": возраст должен быть от 16 до 100 лет";
  return {};
}

std::string experience_start_problem(const Date& since, const Date* birth, const Date& today) {
  if (since > today) return "Начало стажа не может быть в будущем";
  if (birth && Date::full_years_between(*birth, since) < 14) return "Начало стажа раньше 14 лет от даты рождения";
  return {};
}

void validate_person(const Person& p, const Date& today, bool code_required) {
  Problems problems;
  if (trim(p.code).empty()) {
    if (code_required) problems.add("code", "Укажите код педагога (постоянный идентификатор)");
  } else if (p.code.size() > 64) {
    problems.add("code", "Код длиннее 64 символов");
  }
  if (trim(p.last_name).empty()) problems.add("last_name", "Укажите фамилию");
  if (trim(p.first_name).empty()) problems.add("first_name", "Укажите имя");
  for (auto [field, value] : {std::pair{"last_name", &p.last_name}, std::pair{"first_name", &p.first_name},
                              std::pair{"middle_name", &p.middle_name}})
    if (utf8_length(*value) > 100) problems.add(field, "Не длиннее 100 символов");
  if (!p.gender.empty() && p.gender != "m" && p.gender != "f")
    problems.add("gender", "Пол: m (мужской) или f (женский)");
  if (!p.category.empty() && !find_term(qualification_categories(), p.category))  // empty: «без категории»
    problems.add("category", "Неизвестная категория «" + p.category + "»");
  std::optional<Date> birth;
  if (!p.birth_date.empty()) {
    birth = Date::parse_iso(p.birth_date);
    if (!birth)
      problems.add("birth_date", "Дата рождения — в виде ГГГГ-ММ-ДД");
    else if (auto problem = birth_date_problem(*birth, today); !problem.empty())
      problems.add("birth_date", problem);
  }
  if (!p.ped_experience_since.empty()) {
    auto since = Date::parse_iso(p.ped_experience_since);
    if (!since)
      problems.add("ped_experience_since", "Начало стажа — в виде ГГГГ-ММ-ДД");
    else if (auto problem = experience_start_problem(*since, birth ? &*birth : nullptr, today); !problem.empty())
      problems.add("ped_experience_since", problem);
  }
  if (!p.snils.empty() && !parse_snils(p.snils))
    problems.add("snils",
                 "СНИЛС «" + p.snils + "» не сходится: 11 цифр, последние две — контрольное число первых девяти");
  problems.raise();
}

void validate_position(const Position& p) {
  Problems problems;
  if (!find_term(positions(), p.position)) problems.add("position", "Укажите должность из справочника");
  if (!p.subject_area.empty() && !find_term(subject_areas(), p.subject_area))
    problems.add("subject_area", "Неизвестная предметная область «" + p.subject_area + "»");
  for (auto [field, value] : {std::pair{"hired_on", &p.hired_on}, std::pair{"left_on", &p.left_on}})
    if (!value->empty() && !Date::parse_iso(*value)) problems.add(field, "Дата — в виде ГГГГ-ММ-ДД");
  if (!p.hired_on.empty() && !p.left_on.empty() && p.left_on < p.hired_on)
    problems.add("left_on", "Дата увольнения раньше даты приёма");
  problems.raise();
}
}  // namespace metodist::domain
