#include "domain/competency.hpp"

#include <array>

namespace metodist::domain {
namespace {

constexpr std::array kGroups{
    Term{"subject", "Предметные"},
    Term{"methodical", "Методические"},
    Term{"psychological", "Психолого-педагогические"},
    Term{"communicative", "Коммуникативные"},
    Term{"digital", "Цифровые"},
    Term{"managerial", "Управленческие"},
};

// Drawn from the teacher's professional standard and the deficits the seeds
// name (functional literacy, work with ШНОР, digital environment, mentoring);
// docs/diagnostics.md explains each one.
constexpr std::array kDefault{
    Competency{"subject.content", "subject", "Знание содержания преподаваемого предмета"},
    Competency{"subject.olympiad", "subject", "Решение предметных задач повышенной сложности"},
    Competency{"method.lesson_design", "methodical", "Проектирование урока в соответствии с ФГОС"},
    Competency{"method.functional_literacy", "methodical", "Формирование функциональной грамотности обучающихся"},
    Competency{"method.assessment", "methodical", "Оценивание образовательных результатов"},
    Competency{"method.individualisation", "methodical",
               "Индивидуализация обучения, работа с обучающимися с ОВЗ и с низкими результатами"},
    Competency{"psy.age_features", "psychological", "Учёт возрастных и индивидуальных особенностей обучающихся"},
    Competency{"psy.upbringing", "psychological", "Воспитательная работа и классное руководство"},
    Competency{"comm.parents", "communicative", "Взаимодействие с родителями (законными представителями)"},
    Competency{"comm.professional", "communicative", "Профессиональное взаимодействие и наставничество"},
    Competency{"digital.resources", "digital", "Использование цифровых образовательных ресурсов и платформ"},
    Competency{"digital.distance", "digital", "Организация электронного и дистанционного обучения"},
    Competency{"manage.change", "managerial", "Управление изменениями в образовательной организации"},
    Competency{"manage.methodical_work", "managerial", "Организация методической работы и развития кадров"},
};

}  // namespace

std::span<const Term> competency_groups() { return kGroups; }
std::span<const Competency> default_competencies() { return kDefault; }

const Competency* find_competency(std::span<const Competency> framework, std::string_view code) noexcept {
  for (const auto& c : framework)
    if (c.code == code) return &c;
  return nullptr;
}

}  // namespace metodist::domain
