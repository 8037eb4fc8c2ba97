#include "domain/route.hpp"

#include <array>

namespace metodist::domain {
namespace {

// In the order of the workflow; RouteStatus values index this table.
constexpr std::array kStatuses{
    Term{"draft", "Черновик"},
    Term{"agreed", "Согласован"},
    Term{"in_progress", "Выполняется"},
    Term{"completed", "Завершён"},
};

constexpr std::array kActivities{
    Term{"program", "Программа повышения квалификации"},
    Term{"event", "Мероприятие"},
    Term{"internship", "Стажировка"},
    Term{"mentoring", "Наставничество"},
    Term{"self_study", "Самообразование"},
    Term{"master_class", "Мастер-класс"},
};

std::string title_of(RouteStatus s) { return std::string(kStatuses[static_cast<std::size_t>(s)].title); }

}  // namespace

std::span<const Term> route_statuses() { return kStatuses; }
std::span<const Term> route_activity_kinds() { return kActivities; }

static_assert(kStatuses.size() == static_cast<std::size_t>(RouteStatus::completed) + 1);

std::string route_transition_problem(RouteStatus from, RouteStatus to, RouteActor who, std::size_t rows,
                                     std::size_t rows_done) {
  using S = RouteStatus;
  using A = RouteActor;
  const std::string move = "Маршрут «" + title_of(from) + "» нельзя перевести в «" + title_of(to) + "»";
  if (from == S::draft && to == S::agreed) {
    if (rows == 0) return "В маршруте нет ни одной строки: согласовывать нечего";
    if (who == A::author) return "Маршрут согласует сам педагог (или администратор по бумажному согласию), не автор";
    return "";
  }
  if (from == S::agreed && to == S::draft) {
    if (who != A::author) return "Вернуть маршрут на доработку может только его автор";
    return "";
  }
  if (from == S::agreed && to == S::in_progress) {
    if (who == A::administrator) return "Начинает выполнение маршрута автор или сам педагог";
    return "";
  }
  if (from == S::in_progress && to == S::completed) {
    if (who == A::person) return "Завершает маршрут автор или администратор";
    if (rows_done < rows)
      return "Отмечены выполненными " + std::to_string(rows_done) + " строк из " + std::to_string(rows) +
             ": завершить можно, когда выполнены все";
    return "";
  }
  return move;
}

}  // namespace metodist::domain
