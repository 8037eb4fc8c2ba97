#include "domain/route.hpp"

#include <algorithm>
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

std::string route_transition_problem(const RouteFacts& now, RouteStatus to, RouteActor who) {
  using S = RouteStatus;
  using A = RouteActor;
  const auto from = now.status;
  const std::string move = "Маршрут «" + title_of(from) + "» нельзя перевести в «" + title_of(to) + "»";
  if (from == S::draft && to == S::agreed) {
    if (now.rows == 0) return "В маршруте нет ни одной строки: согласовывать нечего";
    if (who == A::author) return "Маршрут согласует сам педагог (или администратор по бумажному согласию), не автор";
    if (who == A::person && !now.sent)
      return "Маршрут ещё не отправлен вам на согласование: его дорабатывают, вы получите уведомление";
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
    if (now.rows_done < now.rows)
      return "Отмечены выполненными " + std::to_string(now.rows_done) + " строк из " + std::to_string(now.rows) +
             ": завершить можно, когда выполнены все";
    return "";
  }
  return move;
}

std::string route_send_problem(const RouteFacts& now, RouteActor who) {
  if (who == RouteActor::person) return "Отправляет маршрут на согласование его автор или администрация";
  if (now.status != RouteStatus::draft) return "Отправить на согласование можно только черновик";
  if (now.sent) return "Маршрут уже отправлен педагогу на согласование";
  if (now.rows == 0) return "В маршруте нет ни одной строки: отправлять нечего";
  return "";
}

std::vector<std::string_view> route_actions(const RouteFacts& now, std::span<const RouteActor> actors) {
  using S = RouteStatus;
  const auto any = [&](auto allowed) { return std::any_of(actors.begin(), actors.end(), allowed); };
  const auto moves = [&](const RouteFacts& facts, S to) {
    return any([&](RouteActor who) { return route_transition_problem(facts, to, who).empty(); });
  };
  std::vector<std::string_view> out;
  if (now.status == S::draft && any([](RouteActor who) { return who != RouteActor::person; })) out.push_back("edit");
  if (any([&](RouteActor who) { return route_send_problem(now, who).empty(); })) out.push_back("send");
  if (now.status == S::draft && moves(now, S::agreed)) out.push_back("agree");
  if (now.status == S::agreed && moves(now, S::draft)) out.push_back("revise");
  if (now.status == S::agreed && moves(now, S::in_progress)) out.push_back("start");
  // Completing is offered to whom it belongs before every row is done; the
  // refusal then says how many are left.
  RouteFacts all_done = now;
  all_done.rows_done = now.rows;
  if (now.status == S::in_progress && moves(all_done, S::completed)) out.push_back("complete");
  if (now.status == S::in_progress && !actors.empty()) out.push_back("mark");
  return out;
}

}  // namespace metodist::domain
