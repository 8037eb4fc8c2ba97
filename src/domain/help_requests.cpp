#include "domain/help_requests.hpp"

#include <array>

namespace metodist::domain {
namespace {

constexpr std::array kUrgencies{
    Term{"normal", "Обычный (ответ в течение 10 дней)"},
    Term{"urgent", "Срочный (ответ в течение 3 дней)"},
};
// In the order of HelpStatus.
constexpr std::array kStatuses{
    Term{"new", "Новый"},     Term{"assigned", "Назначен методист"}, Term{"answered", "Дан ответ"},
    Term{"closed", "Закрыт"}, Term{"cancelled", "Отозван"},
};
static_assert(kStatuses.size() == static_cast<std::size_t>(HelpStatus::cancelled) + 1);

std::string title_of(HelpStatus s) { return std::string(kStatuses[static_cast<std::size_t>(s)].title); }
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

bool help_open(HelpStatus status) noexcept { return status == HelpStatus::fresh || status == HelpStatus::assigned; }

bool help_overdue(HelpStatus status, std::string_view due_on, const Date& today) {
  return help_open(status) && today.iso() > due_on;
}

std::string help_transition_problem(HelpStatus from, HelpStatus to, HelpActor who) {
  using A = HelpActor;
  using S = HelpStatus;
  if (to == S::assigned && help_open(from))
    return who == A::coordinator ? "" : "Методиста назначает муниципальная методическая служба";
  if (to == S::answered && from == S::assigned) return who == A::methodist ? "" : "Ответ даёт назначенный методист";
  if (to == S::closed && from == S::answered)
    return who == A::requester ? "" : "Закрывает запрос тот, кто его подал, поставив оценку";
  if (to == S::assigned && from == S::answered)
    return who == A::requester ? "" : "Вернуть запрос в работу может тот, кто его подал";
  if (to == S::cancelled && help_open(from))
    return who == A::methodist ? "Отозвать запрос может заявитель или координатор" : "";
  return "Статус «" + title_of(from) + "» нельзя сменить на «" + title_of(to) + "»";
}

}  // namespace metodist::domain
