#include "http/field_titles.hpp"

#include <array>
#include <utility>

namespace metodist::http {
namespace {

// The labels of the interface's forms (web/src/i18n/ru.ts), for the fields they share.
constexpr std::array<std::pair<std::string_view, std::string_view>, 62> kTitles{{
    {"title", "Название"},
    {"name", "Наименование"},
    {"short_name", "Краткое наименование"},
    {"code", "Код"},
    {"kind", "Вид"},
    {"level", "Уровень"},
    {"description", "Описание"},
    {"comment", "Комментарий"},
    {"note", "Примечание"},
    {"territory_id", "Территория"},
    {"region_id", "Регион"},
    {"parent_id", "Вышестоящая территория"},
    {"organisation_id", "Организация"},
    {"person_id", "Педагог"},
    {"methodist_person_id", "Методист"},
    {"mentor_person_id", "Наставник"},
    {"mentee_person_id", "Наставляемый"},
    {"expert_person_id", "Эксперт"},
    {"leader_person_id", "Руководитель"},
    {"curator_person_id", "Куратор"},
    {"program_id", "Программа"},
    {"practice_id", "Практика"},
    {"last_name", "Фамилия"},
    {"first_name", "Имя"},
    {"middle_name", "Отчество"},
    {"gender", "Пол"},
    {"birth_date", "Дата рождения"},
    {"ped_experience_since", "Начало педагогического стажа"},
    {"category", "Квалификационная категория"},
    {"position", "Должность"},
    {"subject_area", "Предметная область"},
    {"subjects", "Предметы"},
    {"hired_on", "Дата приёма"},
    {"left_on", "Дата увольнения"},
    {"inn", "ИНН"},
    {"address", "Адрес"},
    {"topic", "Тема"},
    {"urgency", "Срочность"},
    {"text", "Текст"},
    {"body", "Текст"},
    {"url", "Ссылка"},
    {"evidence", "Подтверждение (ссылка)"},
    {"starts_on", "Дата начала"},
    {"ends_on", "Дата окончания"},
    {"starts_at", "Начало"},
    {"ends_at", "Окончание"},
    {"period_from", "Начало периода"},
    {"period_to", "Конец периода"},
    {"period", "Период"},
    {"format", "Формат"},
    {"capacity", "Мест"},
    {"hours", "Часов"},
    {"goal", "Цель"},
    {"result", "Результат"},
    {"expected_result", "Ожидаемый результат"},
    {"responsible", "Ответственный"},
    {"login", "Логин"},
    {"email", "Электронная почта"},
    {"display_name", "Имя для показа"},
    {"role", "Роль"},
    {"number", "Номер"},
    {"rating", "Оценка"},
}};

}  // namespace

std::string field_title(std::string_view field) {
  for (const auto& [code, title] : kTitles)
    if (code == field) return std::string(title);
  return std::string(field);
}

}  // namespace metodist::http
