#include "app/todo.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "app/active.hpp"
#include "app/help_requests.hpp"
#include "app/monitoring_campaigns.hpp"
#include "app/roadmaps.hpp"
#include "app/routes.hpp"
#include "app/sections.hpp"
#include "domain/date.hpp"
#include "domain/text.hpp"

namespace metodist::app {
namespace {

// A count as a Russian reader writes it: «9 099», not «9099».
std::string number(std::int64_t n) { return domain::decimal_text(static_cast<double>(n), 0); }

std::string count_text(std::int64_t n, std::string_view one, std::string_view few, std::string_view many) {
  return number(n) + " " + std::string(domain::plural(static_cast<std::uint64_t>(n), one, few, many));
}

std::string window(const std::string& from, const std::string& to) {
  return "с " + domain::russian_date(from) + " по " + domain::russian_date(to);
}

// How many things wait and the earliest of their due dates.
struct Tally {
  std::int64_t count = 0;
  std::string earliest;  // ISO, "" when none has a date
  void add(const std::string& due_on) {
    ++count;
    if (!due_on.empty() && (earliest.empty() || due_on < earliest)) earliest = due_on;
  }
};

void help_work(App& app, const Caller& caller, const std::string& today, std::vector<TodoItem>& out) {
  const auto w = help_waiting(app, caller);
  if (w.unassigned)
    out.push_back({"help_unassigned", "Запросы ждут назначения методиста: " + number(w.unassigned),
                   w.unassigned_due.empty() ? "" : "ближайший срок ответа — " + domain::russian_date(w.unassigned_due),
                   w.unassigned, "/help?status=new", w.unassigned_due,
                   !w.unassigned_due.empty() && w.unassigned_due < today});
  // Those of the territory for a coordinator, the school's own for its
  // administration, the ones assigned to a methodist: each has someone to chase.
  if (w.overdue)
    out.push_back({"help_overdue", "Просрочены ответы на запросы: " + number(w.overdue),
                   "срок истёк " + domain::russian_date(w.overdue_due), w.overdue, "/help?status=overdue",
                   w.overdue_due, true});
}

void monitoring_work(App& app, const Caller& caller, const std::string& today, std::vector<TodoItem>& out) {
  for (const auto& k : list_monitoring_campaigns(app, caller)) {
    if (k.status != domain::CampaignStatus::open) continue;
    const auto card = get_monitoring_campaign(app, caller, k.id);
    const std::string link = "/monitoring/campaigns/" + std::to_string(k.id);
    const std::string due = k.report_due.empty() ? k.collect_to : k.report_due;
    std::int64_t to_fill = 0, to_decide = 0;
    for (const auto& s : card.submissions) {
      const auto st = s.submission.status;
      if (s.can_edit && (st == domain::SubmissionStatus::draft || st == domain::SubmissionStatus::returned)) ++to_fill;
      if (s.can_decide && st == domain::SubmissionStatus::submitted) ++to_decide;
    }
    if (to_fill && !card.can_manage)
      out.push_back({"monitoring_fill", "Заполнить отчёт мониторинга «" + k.title + "»",
                     "сбор " + window(k.collect_from, k.collect_to), to_fill, link, due, due < today});
    if (to_decide)
      out.push_back({"monitoring_decide",
                     "Решить по отчётам мониторинга «" + k.title +
                         "»: " + count_text(to_decide, "отчёт ждёт", "отчёта ждут", "отчётов ждут"),
                     "сбор " + window(k.collect_from, k.collect_to), to_decide, link, due, due < today});
  }
}

void roadmap_work(App& app, const Caller& caller, std::vector<TodoItem>& out) {
  for (const auto& r : list_roadmaps(app, caller)) {
    if (r.overdue_candidates == 0) continue;  // nothing past its term: no card to read
    const auto card = get_roadmap(app, caller, r.id);
    if (!card.can_manage && !card.can_report) continue;
    Tally late;
    for (const auto& i : card.items)
      if (i.overdue) late.add(i.item.due_on);
    if (late.count)
      out.push_back({"roadmap_overdue",
                     "Дорожная карта «" + r.title +
                         "»: " + count_text(late.count, "пункт просрочен", "пункта просрочены", "пунктов просрочены"),
                     late.earliest.empty() ? "" : "первый срок истёк " + domain::russian_date(late.earliest),
                     late.count, "/roadmaps/" + std::to_string(r.id), late.earliest, true});
  }
}

void selection_work(App& app, const Caller& caller, std::vector<TodoItem>& out) {
  struct Waiting {
    storage::active::Selection selection;
    std::int64_t count = 0;
  };
  std::vector<Waiting> waiting;
  std::set<std::int64_t> territories;
  for (auto& s : list_selections(app, caller)) {
    if (s.status != domain::SelectionStatus::open || s.applications == 0) continue;
    const auto card = get_selection(app, caller, s.id);
    if (!card.can_manage) continue;
    const auto n = std::count_if(card.applications.begin(), card.applications.end(), [](const auto& a) {
      return a.application.status == domain::ApplicationStatus::submitted;
    });
    if (!n) continue;
    territories.insert(s.territory_id);
    waiting.push_back({std::move(s), n});
  }
  // More than a few are one line with their sum (a federal operator's start
  // page listed 85, one per region): the list of selections is one click away.
  constexpr std::size_t kListed = 5;
  if (waiting.size() > kListed) {
    std::int64_t total = 0;
    std::string earliest = waiting.front().selection.applications_to;
    for (const auto& [s, n] : waiting) {
      total += n;
      earliest = std::min(earliest, s.applications_to);
    }
    out.push_back({"selection_decide",
                   "Заявки в методический актив ждут решения: " + number(total) + " в " +
                       count_text(static_cast<std::int64_t>(waiting.size()), "отборе", "отборах", "отборах"),
                   "ближайшее окончание приёма заявок — " + domain::russian_date(earliest), total, "/active", earliest,
                   false});
    return;
  }
  // One who decides in several territories (a federal operator: every
  // region's selections, often under one title) is told whose each is.
  const bool several = territories.size() > 1;
  for (const auto& [s, n] : waiting)
    out.push_back({"selection_decide",
                   "Отбор «" + s.title + "»" + (several ? " (" + s.territory_name + ")" : "") + ": " +
                       count_text(n, "заявка ждёт", "заявки ждут", "заявок ждут") + " решения",
                   "приём заявок " + window(s.applications_from, s.applications_to), n,
                   "/active/selections/" + std::to_string(s.id), s.applications_to, false});
}

void route_work(App& app, const Caller& caller, std::vector<TodoItem>& out) {
  const auto r = routes_awaiting(app, caller);
  const auto n = static_cast<std::int64_t>(r.without_route), unsent = static_cast<std::int64_t>(r.unsent_drafts);
  if (n)
    out.push_back(
        {"routes_missing",
         count_text(n, "педагог с дефицитами ждёт", "педагога с дефицитами ждут", "педагогов с дефицитами ждут") +
             " индивидуального маршрута",
         "черновики для всех сразу — в разделе «Диагностика»", n, "/diagnostics", "", false});
  if (unsent)
    out.push_back({"routes_unsent", "Не отправлены педагогам черновики маршрутов: " + number(unsent),
                   "педагог согласует маршрут, когда он ему отправлен", unsent,
                   "/persons/" + std::to_string(r.first_unsent_person), "", false});
}

// Those the methodist supports who wait for them (domain::support_tasks_of),
// counted by what they wait for; the cabinet lists them by name.
void support_work(App& app, const Caller& caller, std::vector<TodoItem>& out) {
  std::int64_t waiting = 0;
  std::map<domain::SupportTask, std::int64_t> by_task;
  for (const auto& v : supported_by_me(app, caller)) {
    if (v.tasks.empty()) continue;
    ++waiting;
    for (auto task : v.tasks) ++by_task[task];
  }
  if (!waiting) return;
  std::string detail;
  for (const auto& [task, n] : by_task)
    detail += (detail.empty() ? "" : ", ") +
              std::string(domain::title_of(domain::support_tasks(), domain::code_of(task))) + " — " + number(n);
  out.push_back({"support_waiting",
                 "Ждут вашего сопровождения: " + count_text(waiting, "человек", "человека", "человек"), detail, waiting,
                 "/cabinet", "", false});
}

}  // namespace

std::vector<TodoItem> todo_of(App& app, const Caller& caller) {
  const auto sections = sections_of(app, caller);
  const auto works = [&](std::string_view s) {
    return std::find(sections.begin(), sections.end(), s) != sections.end();
  };
  const auto today = domain::Date::today().iso();
  std::vector<TodoItem> out;
  if (works("help")) help_work(app, caller, today, out);
  if (works("monitoring")) monitoring_work(app, caller, today, out);
  if (works("roadmaps")) roadmap_work(app, caller, out);
  if (works("active")) selection_work(app, caller, out);
  if (works("diagnostics")) route_work(app, caller, out);
  if (works("cabinet")) support_work(app, caller, out);
  std::stable_sort(out.begin(), out.end(), [](const TodoItem& a, const TodoItem& b) {
    const auto key = [](const TodoItem& t) { return std::tuple(!t.late, t.due_on.empty(), t.due_on); };
    return key(a) < key(b);
  });
  return out;
}

}  // namespace metodist::app
