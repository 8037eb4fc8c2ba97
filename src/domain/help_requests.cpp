#include "domain/help_requests.hpp"

#include <array>

namespace metodist::domain {
namespace {

constexpr std::array kUrgencies{
    Term{"normal", "Обычный (ответ в течение 10 дней)"},
    Term{"urgent", "Срочный (ответ в течение 3 дней)"},
};
constexpr std::array kStatuses{
    Term{"new", "Новый"},     Term{"assigned", "Назначен методист"}, Term{"answered", "Дан ответ"},
    Term{"closed", "Закрыт"}, Term{"cancelled", "Отозван"},
};
constexpr std::array kResponses{
    Term{"answer", "Письменный ответ"},
    Term{"consultation", "Консультация"},
    Term{"visit", "Выезд в организацию"},
};

}  // namespace

std::span<const Term> help_urgencies() { return kUrgencies; }
std::span<const Term> help_statuses() { return kStatuses; }
std::span<const Term> help_response_kinds() { return kResponses; }

Date help_due_on(std::string_view urgency, const Date& asked_on) {
  return Date::from_days(asked_on.days() + std::chrono::days(urgency == "urgent" ? 3 : 10));
}

bool help_overdue(std::string_view status, std::string_view due_on, const Date& today) {
  return (status == "new" || status == "assigned") && today.iso() > due_on;
}

std::string help_transition_problem(std::string_view from, std::string_view to, HelpActor who) {
  using A = HelpActor;
  if (!find_term(kStatuses, to)) return "Неизвестный статус «" + std::string(to) + "»";
  if (to == "assigned" && (from == "new" || from == "assigned"))
    return who == A::coordinator ? "" : "Методиста назначает муниципальная методическая служба";
  if (to == "answered" && from == "assigned") return who == A::methodist ? "" : "Ответ даёт назначенный методист";
  if (to == "closed" && from == "answered")
    return who == A::requester ? "" : "Закрывает запрос тот, кто его подал, поставив оценку";
  if (to == "assigned" && from == "answered")
    return who == A::requester ? "" : "Вернуть запрос в работу может тот, кто его подал";
  if (to == "cancelled" && (from == "new" || from == "assigned"))
    return who == A::methodist ? "Отозвать запрос может заявитель или координатор" : "";
  return "Статус «" + title_of(kStatuses, from) + "» нельзя сменить на «" + title_of(kStatuses, to) + "»";
}

}  // namespace metodist::domain
