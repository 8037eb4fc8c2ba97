#include "domain/programs.hpp"

#include <array>

namespace metodist::domain {
namespace {

constexpr std::array kFormats{
    Term{"offline", "Очно"},
    Term{"online", "Дистанционно"},
    Term{"blended", "Очно-заочно (смешанно)"},
};
constexpr std::array kAudiences{
    Term{"teachers", "Педагогические работники"},
    Term{"managers", "Руководители"},
    Term{"managerial_teams", "Управленческие команды"},
};
constexpr std::array kStatuses{
    Term{"applied", "Заявка подана"},
    Term{"approved", "Согласовано руководителем"},
    Term{"studying", "Обучается"},
    Term{"completed", "Завершил обучение"},
    Term{"not_completed", "Не завершил обучение"},
    Term{"withdrawn", "Заявка отозвана"},
};

constexpr std::array kCascadeStages{
    Term{"federal", "Федеральный этап (подготовка тьюторов)"},
    Term{"regional", "Региональный этап"},
    Term{"municipal", "Муниципальный этап"},
    Term{"school", "Школьный (завершающий) этап"},
};
constexpr std::array kSupportKinds{
    Term{"consultation", "Консультация"},           Term{"lesson_visit", "Посещение урока с анализом"},
    Term{"open_lesson", "Открытый урок слушателя"}, Term{"task_review", "Проверка практического задания"},
    Term{"master_class", "Мастер-класс"},           Term{"other", "Другое"},
};

}  // namespace

std::span<const Term> cascade_stages() { return kCascadeStages; }
std::span<const Term> post_course_support_kinds() { return kSupportKinds; }
std::span<const Term> program_formats() { return kFormats; }
std::span<const Term> program_audiences() { return kAudiences; }
std::span<const Term> enrolment_statuses() { return kStatuses; }
static_assert(kStatuses.size() == static_cast<std::size_t>(EnrolmentStatus::withdrawn) + 1);

std::string enrolment_transition_problem(EnrolmentStatus from, EnrolmentStatus to, EnrolmentActor who,
                                         std::string_view certificate_number) {
  using A = EnrolmentActor;
  using S = EnrolmentStatus;
  if (from == S::applied && to == S::approved) {
    if (who == A::person) return "Заявку согласует руководитель организации, а не сам педагог";
    return "";
  }
  if ((from == S::applied || from == S::approved) && to == S::withdrawn) {
    if (who == A::organiser) return "Отозвать заявку может сам педагог или администрация его организации";
    return "";
  }
  if (from == S::approved && to == S::studying) {
    if (who != A::organiser) return "Зачисляет на обучение организатор программы";
    return "";
  }
  if (from == S::studying && (to == S::completed || to == S::not_completed)) {
    if (who != A::organiser) return "Итог обучения отмечает организатор программы";
    if (to == S::completed && certificate_number.empty()) return "Укажите номер удостоверения о повышении квалификации";
    return "";
  }
  return "Статус «" + title_of(kStatuses, code_of(from)) + "» нельзя сменить на «" + title_of(kStatuses, code_of(to)) +
         "»";
}

}  // namespace metodist::domain
