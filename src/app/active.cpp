#include "app/active.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "app/diagnostics.hpp"
#include "app/notifications.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "domain/term.hpp"
#include "domain/text.hpp"
#include "io/pdf_writer.hpp"
#include "io/table_writer.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace act = storage::active;
using AS = domain::ApplicationStatus;
namespace reg = storage::registry;
using nlohmann::json;

// ---- rules and stages as JSON ----

std::vector<domain::EligibilityRule> rules_of(const std::string& text) {
  std::vector<domain::EligibilityRule> out;
  for (const auto& r : json::parse(text))
    out.push_back({r.value("code", ""), r.value("title", ""), r.value("fact", ""), r.value("op", ""),
                   r.value("value", ""), r.value("required", true)});
  return out;
}
std::vector<domain::SelectionStage> stages_of(const std::string& text) {
  std::vector<domain::SelectionStage> out;
  for (const auto& s : json::parse(text))
    out.push_back({s.value("code", ""), s.value("title", ""), s.value("max_score", 100.0), s.value("threshold", 0.0)});
  return out;
}

// ---- who keeps what ----

void require_keeps(storage::Connection& c, const Caller& caller, std::int64_t territory_id) {
  if (!coordinates_territory(c, caller, territory_id))
    throw domain::Error::forbidden("Методический актив этой территории ведёт её координатор");
}

// The level of the active fits its territory: РМА — a region, ММА — a municipality.
void check_level(storage::Connection& c, const std::string& level, std::int64_t territory_id) {
  if (!domain::find_term(domain::active_levels(), level))
    throw domain::Error::validation("level", "Уровень актива: regional или municipal");
  const auto t = reg::find_territory(c, territory_id);
  if (!t) throw domain::Error::validation("territory_id", "Территория не найдена");
  if ((level == "regional") != (t->level == "region") || (level == "municipal") != (t->level == "municipality"))
    throw domain::Error::validation("territory_id", level == "regional"
                                                        ? "Региональный актив формируется в регионе"
                                                        : "Муниципальный актив формируется в муниципалитете");
}

void check_direction(const std::string& direction, const std::string& subject_area) {
  if (!domain::find_term(domain::active_directions(), direction))
    throw domain::Error::validation("direction", "Направление: " + domain::allowed_codes(domain::active_directions()));
  if (!subject_area.empty() && !domain::find_term(domain::subject_areas(), subject_area))
    throw domain::Error::validation("subject_area", "Предметная область не из справочника");
}

// What the rules know of a candidate, as of today.
domain::Facts facts_of(const act::Application& a, const domain::Date& today) {
  domain::Facts f{{"category", a.category},
                  {"higher_ped_education", a.higher_ped_education ? "1" : "0"},
                  {"ege_expert", a.ege_expert ? "1" : "0"},
                  {"community_leader", a.community_leader ? "1" : "0"},
                  {"high_results", a.high_results ? "1" : "0"}};
  if (auto since = domain::Date::parse_iso(a.experience_since); since && *since <= today)
    f["experience_years"] = std::to_string(domain::Date::full_years_between(*since, today));
  return f;
}

ApplicationView view_of(act::Application a, const std::vector<domain::EligibilityRule>& rules,
                        const std::vector<domain::SelectionStage>& stages) {
  ApplicationView v;
  v.eligibility = domain::check_eligibility(rules, facts_of(a, domain::Date::today()));
  v.stages = domain::evaluate_stages(stages, a.scores);
  v.application = std::move(a);
  return v;
}

// The rule results point into `rules`; a view that outlives this call keeps
// only their reasons, which is what callers read.
ApplicationView detached(ApplicationView v) {
  for (auto& r : v.eligibility.results) r.rule = nullptr;
  return v;
}

// An order by number and date in the territory: the one already issued, or a new one.
std::int64_t order_for(storage::Connection& c, const std::string& level, std::int64_t territory_id,
                       const std::string& number, const std::string& issued_on, const std::string& title) {
  const auto n = domain::trim(number);
  if (n.empty()) throw domain::Error::validation("order_number", "Укажите номер приказа");
  if (!domain::Date::parse_iso(issued_on)) throw domain::Error::validation("order_date", "Дата приказа — ГГГГ-ММ-ДД");
  if (auto id = act::find_order_id(c, territory_id, n, issued_on)) return *id;
  return act::insert_order(c, {0, level, territory_id, n, issued_on, title, {}});
}

std::string member_json(const act::Member& m) {
  return json{{"person_id", m.person_id}, {"level", m.level},         {"territory_id", m.territory_id},
              {"direction", m.direction}, {"starts_on", m.starts_on}, {"ends_on", m.ends_on},
              {"order_id", m.order_id}}
      .dump();
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// 1 September – 31 August around `d`.
std::pair<std::string, std::string> school_year(const domain::Date& d) {
  const int y = static_cast<unsigned>(d.ymd.month()) >= 9 ? d.year() : d.year() - 1;
  return {std::to_string(y) + "-09-01", std::to_string(y + 1) + "-08-31"};
}

}  // namespace

std::string rules_json(const std::vector<domain::EligibilityRule>& rules) {
  json a = json::array();
  for (const auto& r : rules)
    a.push_back({{"code", r.code},
                 {"title", r.title},
                 {"fact", r.fact},
                 {"op", r.op},
                 {"value", r.value},
                 {"required", r.required}});
  return a.dump();
}
std::string stages_json(const std::vector<domain::SelectionStage>& stages) {
  json a = json::array();
  for (const auto& s : stages)
    a.push_back({{"code", s.code}, {"title", s.title}, {"max_score", s.max_score}, {"threshold", s.threshold}});
  return a.dump();
}
// ---- selections ----

std::vector<act::Selection> list_selections(App& app, const Caller& caller) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) { return act::list_selections(c, scope); });
}

SelectionCard get_selection(App& app, const Caller& caller, std::int64_t id) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) {
    auto s = act::find_selection(c, id);
    if (!s || !reg::territory_visible(c, s->territory_id, scope)) throw domain::Error::not_found("Отбор не найден");
    SelectionCard card;
    card.selection = *s;
    card.rules = rules_of(s->rules_json);
    card.stages = stages_of(s->stages_json);
    card.can_manage = coordinates_territory(c, caller, s->territory_id);
    if (s->order_id) card.order = act::find_order(c, *s->order_id);
    for (auto& a : act::applications_of(c, id)) {
      const bool own = caller.person_id && *caller.person_id == a.person_id;
      if (card.can_manage || own) card.applications.push_back(detached(view_of(std::move(a), card.rules, card.stages)));
    }
    return card;
  });
}

std::int64_t create_selection(App& app, const Caller& caller, const SelectionDraft& d, const std::string& request_id) {
  require_scope(caller, domain::Action::coordinate_support, "отбор в методический актив");
  act::Selection s;
  s.level = d.level;
  s.territory_id = d.territory_id;
  s.title = domain::trim(d.title);
  s.description = domain::trim(d.description);
  s.applications_from = d.applications_from;
  s.applications_to = d.applications_to;
  if (s.title.empty()) throw domain::Error::validation("title", "Назовите отбор");
  domain::check_period(s.applications_from, s.applications_to, "applications_from", "applications_to");
  const auto rules = d.rules.value_or(domain::default_eligibility_rules());
  const auto stages = d.stages.value_or(domain::default_stages());
  domain::validate_rules(rules);
  domain::validate_stages(stages);
  s.rules_json = rules_json(rules);
  s.stages_json = stages_json(stages);
  return app.db->write([&](storage::Connection& c) {
    check_level(c, s.level, s.territory_id);
    require_keeps(c, caller, s.territory_id);
    const auto id = act::insert_selection(c, s);
    audit_change(c, caller, "create", "active_selection", id, {},
                 json{{"title", s.title}, {"level", s.level}, {"territory_id", s.territory_id}}.dump(), request_id);
    return id;
  });
}

ApplicationView apply_to_selection(App& app, const Caller& caller, std::int64_t selection_id, const ApplicationDraft& d,
                                   const std::string& request_id) {
  check_direction(d.direction, d.subject_area);
  const auto id = app.db->write([&](storage::Connection& c) {
    const auto s = act::find_selection(c, selection_id);
    if (!s || !reg::territory_visible(c, s->territory_id, scope_of(caller, domain::Action::read_registry)))
      throw domain::Error::not_found("Отбор не найден");
    if (!reg::find_person(c, d.person_id)) throw domain::Error::validation("person_id", "Педагог не найден");
    // Who puts the candidate forward.
    std::string by;
    if (caller.person_id && *caller.person_id == d.person_id)
      by = "self";
    else if (coordinates_territory(c, caller, s->territory_id) || [&] {
               const auto coord = scope_of(caller, domain::Action::coordinate_support);
               return !coord.empty() && reg::person_in_scope(c, d.person_id, coord);
             }())
      by = "municipality";
    else if (const auto staff = staff_scope(caller); !staff.empty() && reg::person_in_scope(c, d.person_id, staff))
      by = "organisation";
    else
      throw domain::Error::forbidden("Заявку подаёт сам педагог, его школа или муниципальная служба");
    domain::Scope territory;
    territory.territories = {s->territory_id};
    if (!reg::person_in_scope(c, d.person_id, territory))
      throw domain::Error::validation("person_id",
                                      "Педагог не работает на территории отбора (" + s->territory_name + ")");
    const auto today = domain::Date::today().iso();
    if (s->status != domain::SelectionStatus::open || today < s->applications_from || today > s->applications_to)
      throw domain::Error::conflict("selection_id", "Приём заявок идёт с " +
                                                        domain::russian_date(s->applications_from) + " по " +
                                                        domain::russian_date(s->applications_to));
    act::Application a;
    a.selection_id = selection_id;
    a.person_id = d.person_id;
    a.nominated_by = by;
    a.direction = d.direction;
    a.subject_area = d.subject_area;
    a.portfolio = domain::trim(d.portfolio);
    a.ege_expert = d.ege_expert;
    a.community_leader = d.community_leader;
    a.high_results = d.high_results;
    std::int64_t id = 0;
    try {
      id = act::insert_application(c, a);
    } catch (const storage::Error& e) {
      if (e.kind() != storage::ErrorKind::unique_violation) throw;
      throw domain::Error::conflict("person_id", "Заявка этого педагога уже подана");
    }
    audit_change(c, caller, "create", "active_application", id, {},
                 json{{"selection_id", selection_id}, {"person_id", d.person_id}, {"nominated_by", by}}.dump(),
                 request_id);
    return id;
  });
  const auto card = get_selection(app, caller, selection_id);
  for (const auto& v : card.applications)
    if (v.application.id == id) return v;
  // The nominating school does not see the list: it gets its candidate's check.
  return app.db->read([&](storage::Connection& c) {
    const auto s = *act::find_selection(c, selection_id);
    return detached(view_of(*act::find_application(c, id), rules_of(s.rules_json), stages_of(s.stages_json)));
  });
}

namespace {

// An application with its selection, for those who keep the selection.
template <class F>
ApplicationView change_application(App& app, const Caller& caller, std::int64_t id, F&& f) {
  return app.db->write([&](storage::Connection& c) {
    auto a = act::find_application(c, id);
    auto s = a ? act::find_selection(c, a->selection_id) : std::nullopt;
    if (!a || !s || !reg::territory_visible(c, s->territory_id, scope_of(caller, domain::Action::read_registry)))
      throw domain::Error::not_found("Заявка не найдена");
    const auto rules = rules_of(s->rules_json);
    const auto stages = stages_of(s->stages_json);
    f(c, *s, *a, rules, stages);
    return detached(view_of(*act::find_application(c, id), rules, stages));
  });
}

}  // namespace

ApplicationView score_application(App& app, const Caller& caller, std::int64_t id, const std::string& stage,
                                  double score, const std::string& comment, const std::string& request_id) {
  return change_application(app, caller, id,
                            [&](storage::Connection& c, const act::Selection& s, const act::Application& a, const auto&,
                                const std::vector<domain::SelectionStage>& stages) {
                              require_keeps(c, caller, s.territory_id);
                              const auto it = std::find_if(stages.begin(), stages.end(),
                                                           [&](const auto& x) { return x.code == stage; });
                              if (it == stages.end())
                                throw domain::Error::validation("stage", "В этом отборе нет этапа «" + stage + "»");
                              if (score < 0 || score > it->max_score)
                                throw domain::Error::validation(
                                    "score", "Балл этапа «" + it->title + "» — от 0 до " + number_text(it->max_score));
                              if (a.status != AS::submitted)
                                throw domain::Error::conflict("status", "Решение по заявке уже принято");
                              act::set_score(c, id, stage, score, domain::trim(comment));
                              audit_change(c, caller, "update", "active_application_score", id, {},
                                           json{{"stage", stage}, {"score", score}}.dump(), request_id);
                            });
}

ApplicationView decide_application(App& app, const Caller& caller, std::int64_t id, domain::ApplicationStatus status,
                                   const std::string& note, const std::string& request_id) {
  return change_application(
      app, caller, id,
      [&](storage::Connection& c, const act::Selection& s, const act::Application& a,
          const std::vector<domain::EligibilityRule>& rules, const std::vector<domain::SelectionStage>& stages) {
        if (status == AS::withdrawn) {
          if (!caller.person_id || *caller.person_id != a.person_id)
            throw domain::Error::forbidden("Отозвать заявку может сам педагог");
        } else {
          require_keeps(c, caller, s.territory_id);  // accepted, rejected, or back to submitted
        }
        if (s.status != domain::SelectionStatus::open)
          throw domain::Error::conflict("status", "Отбор завершён приказом: решения не меняются");
        if (status == AS::accepted) {
          const auto v = view_of(a, rules, stages);
          std::vector<std::string> why;
          for (const auto& r : v.eligibility.results)
            if (r.required && !r.passed) why.push_back(r.reason);
          if (!v.stages.complete) why.push_back("оценены не все этапы");
          for (const auto& f : v.stages.failed) why.push_back("не пройден порог этапа «" + f + "»");
          if (!why.empty()) {
            std::string text = "Включить в актив нельзя: ";
            for (std::size_t i = 0; i < why.size(); ++i) text += (i ? "; " : "") + why[i];
            throw domain::Error::conflict("status", text);
          }
        }
        act::set_application_status(c, id, status, domain::trim(note));
        audit_change(c, caller, "update", "active_application", id, json{{"status", domain::code_of(a.status)}}.dump(),
                     json{{"status", domain::code_of(status)}, {"note", note}}.dump(), request_id);
      });
}

act::Order issue_selection_order(App& app, const Caller& caller, std::int64_t selection_id, const std::string& number,
                                 const std::string& issued_on, const std::string& request_id) {
  return app.db->write([&](storage::Connection& c) {
    const auto s = act::find_selection(c, selection_id);
    if (!s) throw domain::Error::not_found("Отбор не найден");
    require_keeps(c, caller, s->territory_id);
    if (s->status != domain::SelectionStatus::open)
      throw domain::Error::conflict("selection_id", "Приказ по этому отбору уже издан");
    std::vector<act::Application> accepted;
    for (auto& a : act::applications_of(c, selection_id))
      if (a.status == AS::accepted) accepted.push_back(std::move(a));
    if (accepted.empty())
      throw domain::Error::conflict("selection_id", "Никто не включён в актив: приказ не о ком издавать");
    const std::string title = std::string("Об утверждении состава ") +
                              (s->level == "regional" ? "регионального" : "муниципального") + " методического актива";
    const auto order_id = order_for(c, s->level, s->territory_id, number, issued_on, title);
    for (const auto& a : accepted) {
      if (act::current_member(c, s->level, s->territory_id, a.person_id)) continue;  // already a member
      act::Member m;
      m.level = s->level;
      m.territory_id = s->territory_id;
      m.person_id = a.person_id;
      m.direction = a.direction;
      m.subject_area = a.subject_area;
      m.starts_on = issued_on;
      m.order_id = order_id;
      m.application_id = a.id;
      act::insert_member(c, m);
      notify_person(app, c, a.person_id,
                    {"active",
                     "Вы включены в " + title.substr(title.find("состава ") + 15),
                     "Приказ № " + domain::trim(number) + " от " + domain::russian_date(issued_on),
                     "/active",
                     {}});
    }
    act::close_selection(c, selection_id, order_id);
    audit_change(
        c, caller, "create", "active_order", order_id, {},
        json{{"selection_id", selection_id}, {"number", number}, {"issued_on", issued_on}, {"members", accepted.size()}}
            .dump(),
        request_id);
    return *act::find_order(c, order_id);
  });
}

ExportFile order_document(App& app, const Caller& caller, std::int64_t order_id) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  const auto [order, members] = app.db->read([&](storage::Connection& c) {
    auto o = act::find_order(c, order_id);
    if (!o || !reg::territory_visible(c, o->territory_id, scope)) throw domain::Error::not_found("Приказ не найден");
    act::MemberFilter f;
    f.current_only = false;
    f.order_id = order_id;
    domain::Scope all;
    all.everything = true;  // the order lists everyone it names
    return std::pair{*o, act::list_members(c, f, all)};
  });
  io::PdfDocument pdf;
  pdf.title("Приказ № " + order.number + " от " + domain::russian_date(order.issued_on));
  pdf.paragraph(order.territory_name);
  pdf.paragraph("«" + order.title + "»");
  pdf.paragraph("Утвердить состав " + std::string(order.level == "regional" ? "регионального" : "муниципального") +
                " методического актива согласно списку:");
  std::vector<std::vector<std::string>> rows;
  int n = 0;
  for (const auto& m : members)
    rows.push_back({std::to_string(++n), m.person_name, m.organisation_name,
                    domain::title_of(domain::active_directions(), m.direction),
                    m.subject_area.empty() ? "—" : domain::title_of(domain::subject_areas(), m.subject_area)});
  pdf.table({"№", "ФИО", "Место работы", "Направление", "Предметная область"}, {0.4, 2.2, 2.2, 3.2, 1.8}, rows);
  pdf.paragraph("Руководитель ____________________");
  ExportFile f;
  f.bytes = pdf.finish();
  f.content_type = "application/pdf";
  f.filename = "order-" + std::to_string(order.id) + "-" + order.issued_on + ".pdf";
  return f;
}

// ---- members ----

std::vector<act::Member> list_active_members(App& app, const Caller& caller, const act::MemberFilter& f) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) { return act::list_members(c, f, scope); });
}

act::Member add_active_member(App& app, const Caller& caller, const MemberDraft& d, const std::string& request_id) {
  check_direction(d.direction, d.subject_area);
  if (d.capacity < 1 || d.capacity > 200)
    throw domain::Error::validation("capacity", "Нагрузка — от 1 до 200 человек и школ");
  return app.db->write([&](storage::Connection& c) {
    check_level(c, d.level, d.territory_id);
    require_keeps(c, caller, d.territory_id);
    domain::Scope territory;
    territory.territories = {d.territory_id};
    if (!reg::find_person(c, d.person_id) || !reg::person_in_scope(c, d.person_id, territory))
      throw domain::Error::validation("person_id", "Педагог не работает на этой территории");
    if (act::current_member(c, d.level, d.territory_id, d.person_id))
      throw domain::Error::conflict("person_id", "Педагог уже в составе актива");
    act::Member m;
    m.level = d.level;
    m.territory_id = d.territory_id;
    m.person_id = d.person_id;
    m.direction = d.direction;
    m.subject_area = d.subject_area;
    m.capacity = d.capacity;
    m.starts_on = d.order_date;
    m.order_id = order_for(c, d.level, d.territory_id, d.order_number, d.order_date,
                           "О внесении изменений в состав методического актива");
    const auto id = act::insert_member(c, m);
    audit_change(c, caller, "create", "active_member", id, {}, member_json(m), request_id);
    return *act::find_member(c, id);
  });
}

act::Member end_active_member(App& app, const Caller& caller, std::int64_t id, const std::string& ends_on,
                              const std::string& order_number, const std::string& order_date, const std::string& reason,
                              const std::string& request_id) {
  return app.db->write([&](storage::Connection& c) {
    const auto before = act::find_member(c, id);
    if (!before) throw domain::Error::not_found("Участник актива не найден");
    require_keeps(c, caller, before->territory_id);
    if (!before->ends_on.empty()) throw domain::Error::conflict("ends_on", "Участие уже завершено");
    domain::check_period(before->starts_on, ends_on, "starts_on", "ends_on");
    const auto order = order_for(c, before->level, before->territory_id, order_number, order_date,
                                 "О внесении изменений в состав методического актива");
    act::end_member(c, id, ends_on, order, domain::trim(reason));
    // Support ends with the membership when the person leaves every active.
    if (!act::is_current_member(c, before->person_id))
      for (const auto& a : act::assignments_of(c, before->person_id)) act::end_assignment(c, a.id, ends_on);
    auto after = *act::find_member(c, id);
    audit_change(c, caller, "update", "active_member", id, member_json(*before), member_json(after), request_id);
    return after;
  });
}

// ---- school teams ----

std::vector<SchoolTeam> school_teams(App& app, const Caller& caller, std::int64_t municipality_id) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) {
    const auto t = reg::find_territory(c, municipality_id);
    if (!t || !reg::territory_visible(c, municipality_id, scope))
      throw domain::Error::not_found("Территория не найдена");
    if (t->level != "municipality")
      throw domain::Error::validation("territory_id",
                                      "Школьные команды муниципального актива смотрят по муниципалитету");
    std::vector<SchoolTeam> out;
    // One team member per person: a methodist post wins, subject areas add up.
    std::map<std::int64_t, std::map<std::int64_t, domain::TeamMember>> members;
    for (const auto& row : act::team_rows(c, municipality_id)) {
      if (out.empty() || out.back().organisation_id != row.organisation_id)
        out.push_back({row.organisation_id, row.organisation_name, row.shnor, {}, {}});
      if (!row.person_id) continue;
      out.back().members.push_back(row);
      auto& m = members[row.organisation_id][row.person_id];
      m.person_id = row.person_id;
      if (m.position.empty() || row.position == "deputy_director" || row.position == "methodist")
        m.position = row.position;
      if (!row.subject_area.empty()) m.subject_areas.insert(row.subject_area);
    }
    for (auto& team : out) {
      std::vector<domain::TeamMember> list;
      for (auto& [id, m] : members[team.organisation_id]) list.push_back(m);
      team.problems = domain::team_problems(list);
    }
    return out;
  });
}

// ---- support ----

std::vector<act::Assignment> list_assignments(App& app, const Caller& caller, std::int64_t territory_id) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) {
    if (!reg::territory_visible(c, territory_id, scope)) throw domain::Error::not_found("Территория не найдена");
    return act::assignments_in(c, territory_id, scope);
  });
}

std::vector<act::Assignment> assign_methodists(App& app, const Caller& caller,
                                               const std::vector<AssignmentDraft>& drafts,
                                               const std::string& request_id) {
  require_scope(caller, domain::Action::coordinate_support, "закрепление методистов");
  if (drafts.empty()) throw domain::Error::validation("items", "Список закреплений пуст");
  return app.db->write([&](storage::Connection& c) {
    std::vector<act::Assignment> out;
    for (const auto& d : drafts) out.push_back(assign_methodist(app, c, caller, d, request_id));
    return out;
  });
}

act::Assignment assign_methodist(App& app, storage::Connection& c, const Caller& caller, const AssignmentDraft& d,
                                 const std::string& request_id) {
  const auto today = domain::Date::today();
  const auto from = d.starts_on.empty() ? today : domain::past_date(d.starts_on, "starts_on", today);
  std::optional<domain::Date> to;
  if (!d.ends_on.empty()) {
    to = domain::past_date(d.ends_on, "ends_on", today);
    if (*to < from) throw domain::Error::validation("ends_on", "Окончание сопровождения раньше начала");
  }
  const auto coordinate = scope_of(caller, domain::Action::coordinate_support);
  if (d.organisation_id.has_value() == d.person_id.has_value())
    throw domain::Error::validation("items", "Закрепляется либо школа (organisation_id), либо педагог (person_id)");
  // The target lies within the caller's territory.
  if (d.organisation_id ? !reg::organisation_visible(c, *d.organisation_id, coordinate)
                        : !reg::person_worked_in_scope(c, *d.person_id, coordinate))
    throw domain::Error::forbidden("Школа или педагог вне вашей территории", "items");
  // The methodist is in the active, with spare capacity.
  const auto load = act::capacity_and_load(c, d.methodist_person_id);
  if (!load) throw domain::Error::validation("methodist_person_id", "Закрепляются участники методического актива");
  if (load->second >= load->first)
    throw domain::Error::conflict("methodist_person_id",
                                  "У методиста нет свободной нагрузки (" + std::to_string(load->first) + ")");
  if (act::assigned(c, d.methodist_person_id, d.organisation_id, d.person_id))
    throw domain::Error::conflict("items", "Такое закрепление уже есть");
  act::Assignment a;
  a.methodist_person_id = d.methodist_person_id;
  a.organisation_id = d.organisation_id;
  a.person_id = d.person_id;
  a.starts_on = from.iso();
  const auto id = act::insert_assignment(c, a);
  if (to) act::end_assignment(c, id, to->iso());
  audit_change(c, caller, "create", "support_assignment", id, {},
               json{{"methodist_person_id", a.methodist_person_id},
                    {"organisation_id", a.organisation_id ? json(*a.organisation_id) : json()},
                    {"person_id", a.person_id ? json(*a.person_id) : json()},
                    {"starts_on", a.starts_on},
                    {"ends_on", to ? json(to->iso()) : json()}}
                   .dump(),
               request_id);
  auto saved = *act::find_assignment(c, id);
  if (!to)  // support that already ended is history, not news for the methodist
    notify_person(
        app, c, a.methodist_person_id,
        {"support", "Вам поручено сопровождение: " + saved.target_name, saved.organisation_name, "/cabinet", {}});
  return saved;
}

void end_assignment(App& app, const Caller& caller, std::int64_t id, const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto a = act::find_assignment(c, id);
    if (!a || !a->ends_on.empty()) throw domain::Error::not_found("Закрепление не найдено");
    const auto coordinate = scope_of(caller, domain::Action::coordinate_support);
    const bool in_scope =
        !coordinate.empty() && (a->organisation_id ? reg::organisation_visible(c, *a->organisation_id, coordinate)
                                                   : reg::person_in_scope(c, *a->person_id, coordinate));
    if (!in_scope) throw domain::Error::forbidden("Закрепление снимает координатор территории");
    act::end_assignment(c, id, domain::Date::today().iso());
    audit_change(c, caller, "update", "support_assignment", id, R"({"ends_on":null})",
                 json{{"ends_on", domain::Date::today().iso()}}.dump(), request_id);
  });
}

std::vector<domain::AssignmentProposal> propose_assignments(App& app, const Caller& caller, std::int64_t territory_id) {
  require_scope(caller, domain::Action::coordinate_support, "закрепление методистов");
  return app.db->read([&](storage::Connection& c) {
    require_keeps(c, caller, territory_id);
    auto targets = act::unsupported_shnor(c, territory_id);
    // Teachers count by their current deficits (the diagnostics' own rule).
    const auto today = domain::Date::today();
    for (auto& t : act::unsupported_diagnosed_teachers(c, territory_id)) {
      t.deficits = static_cast<int>(deficits_of(c, t.id, today).size());
      if (t.deficits > 0) targets.push_back(std::move(t));
    }
    return domain::propose_assignments(act::methodist_loads(c, territory_id), std::move(targets));
  });
}

// ---- the methodist's own work ----

act::Activity record_activity(App& app, const Caller& caller, act::Activity d, const std::string& request_id) {
  if (!caller.person_id) throw domain::Error::forbidden("Работу записывает сам методист");
  if (!domain::find_term(domain::methodist_functions(), d.function))
    throw domain::Error::validation("function",
                                    "Функция методиста: " + domain::allowed_codes(domain::methodist_functions()));
  d.title = domain::trim(d.title);
  if (d.title.empty()) throw domain::Error::validation("title", "Опишите, что сделано");
  if (!domain::Date::parse_iso(d.happened_on) || d.happened_on > domain::Date::today().iso())
    throw domain::Error::validation("happened_on", "Дата — ГГГГ-ММ-ДД, не позже сегодняшней");
  if (d.participants && *d.participants < 0)
    throw domain::Error::validation("participants", "Число участников не меньше 0");
  d.person_id = *caller.person_id;
  return app.db->write([&](storage::Connection& c) {
    if (!act::is_current_member(c, d.person_id))
      throw domain::Error::forbidden("Работу записывают участники методического актива");
    if (d.organisation_id && !reg::find_organisation(c, *d.organisation_id))
      throw domain::Error::validation("organisation_id", "Организация не найдена");
    d.id = act::insert_activity(c, d);
    audit_change(c, caller, "create", "methodist_activity", d.id, {},
                 json{{"function", d.function}, {"happened_on", d.happened_on}, {"title", d.title}}.dump(), request_id);
    return d;
  });
}

namespace {

// Those the methodist `me` supports, each with what they wait for.
std::vector<SupportedView> supported_views(storage::Connection& c, std::int64_t me, const domain::Date& today) {
  std::vector<SupportedView> out;
  const auto unread = act::unread_for_methodist(c, me);
  for (auto& a : act::assignments_of(c, me)) {
    SupportedView v{std::move(a), -1, {}, false, 0, {}};
    if (v.assignment.person_id) {
      const auto person = *v.assignment.person_id;
      v.deficits = static_cast<int>(deficits_of(c, person, today).size());
      if (const auto routes = storage::routes::routes_of_person(c, person); !routes.empty()) {
        v.route_status = routes.front().status;
        v.route_sent = !routes.front().sent_at.empty();
      }
      if (auto it = unread.find(person); it != unread.end()) v.unread = it->second;
    }
    v.tasks = domain::support_tasks_of(v.assignment.person_id.has_value(), v.unread, v.deficits, v.route_status,
                                       v.route_sent);
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

std::vector<SupportedView> supported_by_me(App& app, const Caller& caller) {
  if (!caller.person_id) return {};
  const auto today = domain::Date::today();
  return app.db->read([&](storage::Connection& c) { return supported_views(c, *caller.person_id, today); });
}

Cabinet methodist_cabinet(App& app, const Caller& caller) {
  if (!caller.person_id) throw domain::Error::forbidden("Кабинет методиста — для учётной записи педагога-методиста");
  const auto today = domain::Date::today();
  const auto [from, to] = school_year(today);
  return app.db->read([&](storage::Connection& c) {
    Cabinet out;
    const auto me = *caller.person_id;
    out.memberships = act::memberships_of(c, me);
    out.supported = supported_views(c, me, today);
    out.activities = act::activities_of(c, me, from, to);
    out.year_from = from;
    out.year_to = to;
    if (caller.account_id) {
      out.my_events = storage::events::events_created_by(c, caller.account_id, from);
      out.my_routes = storage::routes::routes_by_author(c, caller.account_id);
    }
    out.feedback = act::feedback_for(c, me);
    if (!out.feedback.empty()) {
      double sum = 0;
      for (const auto& f : out.feedback) sum += f.rating;
      out.feedback_average = sum / static_cast<double>(out.feedback.size());
    }
    return out;
  });
}

namespace {

// The methodist and the supported person of a conversation, whichever side
// the caller is on; 403 when neither supports the other.
std::pair<std::int64_t, std::int64_t> pair_with(storage::Connection& c, const Caller& caller, std::int64_t other) {
  if (!caller.person_id) throw domain::Error::forbidden("Переписка — между методистом и теми, кого он сопровождает");
  const auto me = *caller.person_id;
  const auto today = domain::Date::today().iso();
  for (const auto& s : act::supporters_of(c, other, today))
    if (s.methodist_person_id == me) return {me, other};
  for (const auto& s : act::supporters_of(c, me, today))
    if (s.methodist_person_id == other) return {other, me};
  throw domain::Error::forbidden("Переписка — между методистом и теми, кого он сопровождает");
}

}  // namespace

SupportThread support_thread(App& app, const Caller& caller, std::int64_t other) {
  return app.db->write([&](storage::Connection& c) {
    const auto [methodist, person] = pair_with(c, caller, other);
    act::mark_thread_read(c, methodist, person, methodist == *caller.person_id);
    return SupportThread{methodist, person, act::thread(c, methodist, person, 200)};
  });
}

act::Message send_support_message(App& app, const Caller& caller, std::int64_t other, const std::string& body) {
  act::Message m;
  m.body = domain::trim(body);
  if (m.body.empty()) throw domain::Error::validation("body", "Напишите сообщение");
  if (domain::utf8_length(m.body) > 5000) throw domain::Error::validation("body", "Сообщение длиннее 5000 символов");
  return app.db->write([&](storage::Connection& c) {
    const auto [methodist, person] = pair_with(c, caller, other);
    m.methodist_person_id = methodist;
    m.person_id = person;
    m.from_methodist = methodist == *caller.person_id;
    m.id = act::insert_message(c, m);
    notify_person(app, c, other,
                  {"message",
                   "Новое сообщение от " + std::string(m.from_methodist ? "методиста" : "педагога"),
                   m.body.size() > 200 ? m.body.substr(0, m.body.find_last_of(' ', 200)) + "…" : m.body,
                   m.from_methodist ? "/support" : "/cabinet",
                   {}});
    return act::thread(c, methodist, person, 1).back();
  });
}

std::vector<act::Supporter> my_supporters(App& app, const Caller& caller) {
  if (!caller.person_id) return {};
  return app.db->read(
      [&](storage::Connection& c) { return act::supporters_of(c, *caller.person_id, domain::Date::today().iso()); });
}

void give_support_feedback(App& app, const Caller& caller, std::int64_t methodist, int rating,
                           const std::string& comment, const std::string& request_id) {
  if (rating < 1 || rating > 5) throw domain::Error::validation("rating", "Оценка — от 1 до 5");
  app.db->write([&](storage::Connection& c) {
    const auto [m, person] = pair_with(c, caller, methodist);
    if (person != *caller.person_id)
      throw domain::Error::forbidden("Отзыв о сопровождении оставляет тот, кого сопровождают");
    act::Feedback f{0, m, person, rating, domain::trim(comment), domain::Date::today().iso()};
    try {
      f.id = act::insert_feedback(c, f);
    } catch (const storage::Error& e) {
      if (e.kind() != storage::ErrorKind::unique_violation) throw;
      throw domain::Error::conflict("rating", "Отзыв сегодня уже оставлен");
    }
    audit_change(c, caller, "create", "support_feedback", f.id, {},
                 json{{"methodist_person_id", m}, {"rating", rating}}.dump(), request_id);
  });
}

std::vector<PlanItemView> active_plan(App& app, const Caller& caller, std::int64_t territory_id,
                                      const std::string& level, const std::string& year) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  const auto items = app.db->read([&](storage::Connection& c) {
    if (!reg::territory_visible(c, territory_id, scope)) throw domain::Error::not_found("Территория не найдена");
    return act::plan_of(c, territory_id, level, year);
  });
  const int first = year.size() == 9 ? std::atoi(year.substr(0, 4).c_str()) : domain::Date::today().year();
  const domain::DateRange period{*domain::Date::parse_iso(std::to_string(first) + "-09-01"),
                                 *domain::Date::parse_iso(std::to_string(first + 1) + "-08-31")};
  const auto today = domain::Date::today();
  std::vector<PlanItemView> out;
  for (const auto& item : items) {
    // «май» in a 2026/2027 plan is May 2027: the plan is a school year.
    const auto term = domain::parse_term(item.term, domain::TermContext{period, period, first});
    PlanItemView v{item, {}, term.flagged(), false};
    if (term.range) {
      v.due_on = term.range->to.iso();
      v.overdue = item.status == domain::PlanItemStatus::planned && term.range->to < today;
    }
    out.push_back(std::move(v));
  }
  return out;
}

act::PlanItem add_plan_item(App& app, const Caller& caller, act::PlanItem d, const std::string& request_id) {
  d.title = domain::trim(d.title);
  d.term = domain::trim(d.term);
  if (d.title.empty()) throw domain::Error::validation("title", "Назовите мероприятие плана");
  if (d.term.empty()) throw domain::Error::validation("term", "Укажите срок, как он записан в плане");
  if (d.school_year.size() != 9 || d.school_year[4] != '/' ||
      std::stoi(d.school_year.substr(5)) != std::stoi(d.school_year.substr(0, 4)) + 1)
    throw domain::Error::validation("school_year", "Учебный год — в виде 2026/2027");
  check_direction(d.direction, "");
  if (!d.function.empty() && !domain::find_term(domain::methodist_functions(), d.function))
    throw domain::Error::validation("function", "Функция методиста не из справочника");
  return app.db->write([&](storage::Connection& c) {
    check_level(c, d.level, d.territory_id);
    require_keeps(c, caller, d.territory_id);
    d.id = act::insert_plan_item(c, d);
    audit_change(c, caller, "create", "active_plan_item", d.id, {}, json{{"title", d.title}, {"term", d.term}}.dump(),
                 request_id);
    return *act::find_plan_item(c, d.id);
  });
}

act::PlanItem update_plan_item(App& app, const Caller& caller, std::int64_t id, domain::PlanItemStatus status,
                               const std::string& report, const std::string& request_id) {
  return app.db->write([&](storage::Connection& c) {
    const auto before = act::find_plan_item(c, id);
    if (!before) throw domain::Error::not_found("Пункт плана не найден");
    require_keeps(c, caller, before->territory_id);
    if (status == domain::PlanItemStatus::done && domain::trim(report).empty())
      throw domain::Error::validation("report", "Отметка о выполнении — с кратким отчётом");
    act::update_plan_item(c, id, status, domain::trim(report));
    audit_change(c, caller, "update", "active_plan_item", id, json{{"status", domain::code_of(before->status)}}.dump(),
                 json{{"status", domain::code_of(status)}}.dump(), request_id);
    return *act::find_plan_item(c, id);
  });
}

ExportFile activity_report(App& app, const Caller& caller, std::int64_t territory_id, const std::string& level,
                           const std::string& from, const std::string& to, const std::string& format) {
  domain::check_period(from, to, "from", "to");
  if (format != "pdf" && format != "xlsx" && format != "csv")
    throw domain::Error::validation("format", "Формат: pdf, xlsx или csv");
  const auto [territory, counts] = app.db->read([&](storage::Connection& c) {
    require_keeps(c, caller, territory_id);
    check_level(c, level, territory_id);
    return std::pair{*reg::find_territory(c, territory_id), act::activity_counts(c, territory_id, level, from, to)};
  });
  // Per function: how much, by how many methodists, for how many people.
  std::map<std::string, std::tuple<std::int64_t, std::set<std::int64_t>, std::int64_t>> by_function;
  for (const auto& k : counts) {
    auto& [n, who, people] = by_function[k.function];
    n += k.count;
    who.insert(k.person_id);
    people += k.participants;
  }
  const std::string heading = std::string("Анализ деятельности ") +
                              (level == "regional" ? "регионального" : "муниципального") + " методического актива";
  if (format == "pdf") {
    io::PdfDocument pdf;
    pdf.title(heading);
    pdf.paragraph(territory.name + ", " + domain::russian_date(from) + " — " + domain::russian_date(to));
    std::vector<std::vector<std::string>> rows;
    for (const auto& f : domain::methodist_functions()) {
      const auto it = by_function.find(std::string(f.code));
      rows.push_back({std::string(f.title), it == by_function.end() ? "0" : std::to_string(std::get<0>(it->second)),
                      it == by_function.end() ? "0" : std::to_string(std::get<1>(it->second).size()),
                      it == by_function.end() ? "0" : std::to_string(std::get<2>(it->second))});
    }
    pdf.table({"Функция методиста", "Мероприятий", "Методистов", "Участников"}, {4, 1.2, 1.2, 1.2}, rows);
    pdf.paragraph("По методистам:");
    std::vector<std::vector<std::string>> people;
    for (const auto& k : counts)
      people.push_back({k.person_name, domain::title_of(domain::methodist_functions(), k.function),
                        std::to_string(k.count), std::to_string(k.participants)});
    pdf.table({"Методист", "Функция", "Мероприятий", "Участников"}, {2.4, 3.4, 1.1, 1.1}, people);
    ExportFile f;
    f.bytes = pdf.finish();
    f.content_type = "application/pdf";
    f.filename = "active-report-" + from + "-" + to + ".pdf";
    return f;
  }
  using io::ColumnKind;
  auto sink = io::make_sink(format, "Анализ деятельности",
                            {{"Методист", ColumnKind::text, 36},
                             {"Функция", ColumnKind::text, 50},
                             {"Мероприятий", ColumnKind::integer, 12},
                             {"Участников", ColumnKind::integer, 12}});
  for (const auto& k : counts)
    sink->row({k.person_name, domain::title_of(domain::methodist_functions(), k.function), std::to_string(k.count),
               std::to_string(k.participants)});
  return finish_export(*sink, "active-report-" + from + "-" + to, format);
}

}  // namespace metodist::app
