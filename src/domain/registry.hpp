// The registries every indicator counts: territories, organisations, persons
// and their positions. Plain types plus the vocabularies (codes with Russian
// titles) kept in one table each, so the API, import, export and UI agree.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "domain/date.hpp"

namespace metodist::domain {

// One row of a vocabulary: a stable English code and the Russian title.
struct Term {
  std::string_view code;
  std::string_view title;
};

// Looks a code up in a vocabulary; nullptr when unknown.
const Term* find_term(std::span<const Term> vocabulary, std::string_view code) noexcept;
// The Russian title of a code (as import reads it back); an unknown code as it is.
std::string title_of(std::span<const Term> vocabulary, std::string_view code);

// A vocabulary whose rows are an enum's values in order (a feature's statuses):
// C++ holds the enum, the code appears only at the boundary (database, JSON).
template <class E>
std::string_view code_in(std::span<const Term> vocabulary, E value) noexcept {
  return vocabulary[static_cast<std::size_t>(value)].code;
}
template <class E>
std::optional<E> value_in(std::span<const Term> vocabulary, std::string_view code) noexcept {
  for (std::size_t i = 0; i < vocabulary.size(); ++i)
    if (vocabulary[i].code == code) return static_cast<E>(i);
  return std::nullopt;
}
// A code the database holds: its CHECK admits only the vocabulary's codes
// (tests/storage/status_vocabulary_test.cpp), so another one is a broken
// invariant, not bad input.
template <class E>
E stored_value(std::span<const Term> vocabulary, std::string_view code) {
  if (auto v = value_in<E>(vocabulary, code)) return *v;
  throw std::logic_error("«" + std::string(code) + "» is not in its vocabulary");
}

// Territory levels: федерация → регион → муниципалитет.
std::span<const Term> territory_levels();
// Organisation kinds: educational organisations and support bodies.
std::span<const Term> organisation_kinds();
// Qualification categories of a pedagogical worker.
std::span<const Term> qualification_categories();
// Positions held in an organisation.
std::span<const Term> positions();
// Subject areas (предметные области), including the three that the Ermakovsky district order № 255-02
// requires in a school team of the municipal active.
std::span<const Term> subject_areas();

// True for kinds whose staff are pedagogical workers counted by indicators.
bool is_educational_kind(std::string_view kind) noexcept;
// True for positions that count as teaching (pedagogical) work.
bool is_teaching_position(std::string_view position) noexcept;

struct Territory {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  std::string level;  // territory_levels() code
  std::string code;   // the system's stable code: «RU-24» for a region, «RU-24-007» for a municipality
  std::string name;
  std::string oktmo;                  // ОКТМО, 8 or 11 digits; empty when not given (domain/territories.hpp)
  std::optional<int> subject_number;  // a region: the number of the subject of the Federation (1–99)
  std::string municipality_kind;      // a municipality: municipality_kinds() code; empty otherwise
  std::string abolished_on;           // ISO date a merger ended it; empty while it exists
  std::optional<std::int64_t> merged_into_id;  // the municipality it joined
  std::string time_zone;  // IANA (domain::time_zones); empty: as the territory above, or the region's default
};

struct Organisation {
  std::int64_t id = 0;
  std::string code;  // stable external code, unique
  std::string name;
  std::string short_name;
  std::string kind;  // organisation_kinds() code
  std::int64_t territory_id = 0;
  std::string inn;
  std::string address;
  bool is_shnor = false;  // школа с низкими образовательными результатами
  bool has_staff_plan = false;       // долгосрочный план развития кадров
  bool has_mentoring_model = false;  // реализует целевую модель наставничества
};

struct Person {
  std::int64_t id = 0;
  std::string code;
  std::string last_name, first_name, middle_name;
  std::string gender;  // "m" | "f"
  std::string birth_date;
  std::string ped_experience_since;
  std::string category;  // qualification_categories() code
  bool higher_ped_education = false;
  bool ped_university_graduate = false;
  std::string snils;  // «XXX-XXX-XXX YY» (parse_snils), "" when not known
};

// «Фамилия Имя Отчество» as documents write it (no patronymic — no trailing space).
std::string full_name(std::string_view last, std::string_view first, std::string_view middle);
inline std::string full_name(const Person& p) { return full_name(p.last_name, p.first_name, p.middle_name); }

// Personal data of a person (152-ФЗ) as the system keeps it: birth date,
// gender, start of pedagogical experience, education, СНИЛС. Cleared for those who
// may not see it (Action::read_personal) — the card, the staff list and its
// export apply this one function, so no copy can leak a field the card hides.
void withhold_personal(Person& p);

struct Position {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t organisation_id = 0;
  std::string position;  // positions() code
  std::string subject_area;
  std::string subjects;  // «;»-separated subject names
  std::string hired_on;
  std::string left_on;  // empty while active
};

}  // namespace metodist::domain

namespace metodist::domain {

// Checks a new or edited organisation; throws Error naming the first bad field.
void validate_organisation(const Organisation& o);
// Checks a new or edited person as of `today`; throws Error naming every bad
// field at once (domain::Problems). A new person entered by hand may come
// without a code (`code_required` false): one is made when it is stored.
void validate_person(const Person& p, const Date& today, bool code_required = true);
// A workplace held today: not left, or leaving today or later — the leaving
// day is the last working day (Labour Code, art. 84.1). The SQL form is
// storage::registry::current_workplace.
bool is_current(const Position& p, const Date& today);
// Checks a workplace: position and subject area from the vocabularies, ISO
// dates, leaving not before hiring; throws Error naming every bad field.
void validate_position(const Position& p);
// The problem with a birth date or a start of experience, if any («» when fine);
// import reports these per cell, the forms per field.
std::string birth_date_problem(const Date& birth, const Date& today);
std::string experience_start_problem(const Date& since, const Date* birth, const Date& today);

// ИНН of a legal entity (10 digits) or individual (12 digits) with check digits.
bool is_valid_inn(std::string_view inn) noexcept;

// СНИЛС — the insurance number of the individual account (Федеральный закон
// от 01.04.1996 № 27-ФЗ), one person's identifier across the registry: 11
// digits, written «XXX-XXX-XXX YY» or without separators (spaces and hyphens
// anywhere). The last two are the check number of the first nine: the sum of
// each digit times its weight (9 for the first … 1 for the ninth); below 100
// it is the check number, 100 and 101 give 00, above 101 the remainder of
// division by 101 (a remainder of 100 gives 00). Numbers up to 001-001-998
// were issued before the check number and are not checked by it.
// The number as «XXX-XXX-XXX YY», or nullopt when it is not a valid СНИЛС.
std::optional<std::string> parse_snils(std::string_view text);
// The СНИЛС with these first nine digits (0 … 999 999 999) and their check
// number, as «XXX-XXX-XXX YY» (for generated data and tests).
std::string snils_of(std::int64_t nine_digits);

}  // namespace metodist::domain
