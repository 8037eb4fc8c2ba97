#include "app/monitoring_campaigns.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "app/events.hpp"
#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {
namespace {

namespace mon = storage::monitoring;
using CS = domain::CampaignStatus;
using SS = domain::SubmissionStatus;
namespace reg = storage::registry;

// A region (by id) the caller keeps: coordinate_support over it.
domain::Territory kept_region(storage::Connection& c, const Caller& caller, std::int64_t region_id) {
  const auto t = reg::find_territory(c, region_id);
  if (!t || t->level != "region") throw domain::Error::validation("region_id", "Укажите регион");
  if (!coordinates_territory(c, caller, region_id))
    throw domain::Error::forbidden("Мониторинг региона ведут его орган управления и институт развития образования",
                                   "region_id");
  return *t;
}

std::vector<const domain::Indicator*> indicators_of(storage::Connection& c, const std::string& set, std::int64_t region,
                                                    std::vector<domain::Indicator>& own) {
  if (set != "reg") return domain::indicators_of_set(set);
  for (const auto& x : mon::custom_indicators(c))
    if (x.region_id == region) own.push_back(indicator_of(x));
  std::vector<const domain::Indicator*> out;
  for (const auto& i : own) out.push_back(&i);
  return out;
}

// The checks of an own indicator, before it is stored (create and update alike).
void check_custom(mon::CustomIndicator& d) {
  d.code = domain::trim(d.code);
  d.name = domain::trim(d.name);
  d.basis = domain::trim(d.basis);
  if (!d.code.starts_with("reg.") || d.code.size() < 5 || d.code.size() > 32 ||
      d.code.find_first_of(" \t,;") != std::string::npos)
    throw domain::Error::validation("code", "Код показателя региона — «reg.» и номер: reg.1, reg.2.3");
  if (d.name.empty() || domain::utf8_length(d.name) > 500)
    throw domain::Error::validation("name", "Укажите наименование (до 500 символов)");
  if (domain::utf8_length(d.basis) > 500) throw domain::Error::validation("basis", "Основание длиннее 500 символов");
  d.unit = domain::trim(d.unit);
  // Before value kinds, the unit said it: «%» a share, «ед.» a count.
  if (d.value_kind.empty()) d.value_kind = d.unit == "%" || d.unit.empty() ? "share" : "count";
  const auto kind = domain::parse_value_kind(d.value_kind);
  if (!kind)
    throw domain::Error::validation("value_kind",
                                    "Вид значения: share (доля, %), count (количество), mean (среднее) или yes_no "
                                    "(ответ муниципалитета «да/нет»)");
  if (d.source != "computed" && d.source != "manual")
    throw domain::Error::validation("source", "Источник: computed или manual");
  switch (*kind) {
    case domain::ValueKind::share:
    case domain::ValueKind::yes_no:
      if (!d.unit.empty() && d.unit != "%")
        throw domain::Error::validation("unit", "Доля измеряется в процентах: единица «%»");
      d.unit = "%";
      break;
    case domain::ValueKind::count:
      if (d.unit.empty()) d.unit = "ед.";
      if (d.unit == "%")
        throw domain::Error::validation("unit", "У количества единица — «ед.», «чел.», «ч.» и т. п., не «%»");
      break;
    case domain::ValueKind::mean:
      if (d.unit.empty()) d.unit = d.source == "computed" ? "%" : "балл";
      break;
  }
  if (domain::utf8_length(d.unit) > 16) throw domain::Error::validation("unit", "Единица — до 16 символов");
  if (d.unit == "%") {
    if (d.target.value && *d.target.value > 100) throw domain::Error::validation("target_value", "Доля больше 100 %");
    if (const auto t = mon::target_of(d.target, d.unit))
      for (const auto& [y, v] : t->by_year)
        if (v > 100)
          throw domain::Error::validation("targets_by_year", "Доля в " + std::to_string(y) + " году больше 100 %");
  }
  if (*kind == domain::ValueKind::yes_no && d.source != "manual")
    throw domain::Error::validation("source", "Ответ «да/нет» вносят муниципалитеты: источник — «вносится вручную»");
  if (d.window != "period" && d.window != "cumulative")
    throw domain::Error::validation("window", "Окно: period или cumulative");
  if (d.periodicity.empty()) d.periodicity = "ежегодно";
  if (*kind == domain::ValueKind::mean && d.source == "computed") {
    if (d.measure.empty())
      throw domain::Error::validation("measure",
                                      "Укажите, что усредняется: результат диагностики компетенций или "
                                      "функциональной грамотности");
    if (!domain::parse_measure(d.measure))
      throw domain::Error::validation("measure", "Усредняется competency_score или literacy_score");
  } else {
    d.measure.clear();
  }
  if (d.source == "manual") {
    d.numerator.clear();
    d.denominator.clear();
    return;
  }
  if (*kind != domain::ValueKind::share && !domain::trim(d.denominator).empty())
    throw domain::Error::validation("denominator",
                                    *kind == domain::ValueKind::mean
                                        ? "У среднего нет знаменателя: в числителе — по кому считается"
                                        : "У количества нет знаменателя: уберите его или выберите долю (%)");
  for (const char* field : {"numerator", "denominator"}) {
    const auto& text = std::string(field) == "numerator" ? d.numerator : d.denominator;
    for (const auto& c : domain::split_list(text, ','))
      if (!domain::parse_count(domain::trim(c)))
        throw domain::Error::validation(field, "Неизвестный признак «" + domain::trim(c) + "»");
  }
  auto as_domain = indicator_of(d);
  if (const auto problem = domain::indicator_problem(as_domain); !problem.empty()) {
    as_domain.denominator.reset();  // is it the numerator alone?
    throw domain::Error::validation(domain::indicator_problem(as_domain).empty() ? "denominator" : "numerator",
                                    problem);
  }
}

void require_unique_code(storage::Connection& c, const mon::CustomIndicator& d) {
  for (const auto& x : mon::custom_indicators(c))
    if (x.region_id == d.region_id && x.code == d.code && x.id != d.id)
      throw domain::Error::conflict("code", "Показатель «" + d.code + "» в регионе уже есть");
}

mon::CustomIndicator kept_custom(storage::Connection& c, const Caller& caller, std::int64_t id) {
  for (auto& x : mon::custom_indicators(c))
    if (x.id == id) {
      kept_region(c, caller, x.region_id);
      return x;
    }
  throw domain::Error::not_found("Показатель региона не найден");
}

nlohmann::json json_of(const mon::CustomIndicator& d) {
  return {{"code", d.code},
          {"name", d.name},
          {"unit", d.unit},
          {"value_kind", d.value_kind},
          {"measure", d.measure},
          {"source", d.source},
          {"numerator", d.numerator},
          {"denominator", d.denominator},
          {"basis", d.basis},
          {"target_kind", d.target.kind},
          {"targets_by_year", d.target.by_year}};
}

// A value a municipality enters by hand, as its kind allows: a share — whole
// numbers «из скольких»; a count or a mean — a number, decimal allowed
// («63,4»); «да/нет» — 1 or 0.
void check_manual_entry(const domain::Indicator& ind, mon::Entry& e, const std::string& at) {
  const auto whole = [](double v) { return std::floor(v) == v; };
  if (!e.numerator || !std::isfinite(*e.numerator) || *e.numerator < 0 || *e.numerator > 1e12)
    throw domain::Error::validation("entries", at + ind.code + ": укажите значение — число не меньше 0");
  switch (ind.kind) {
    case domain::ValueKind::share:
      if (!whole(*e.numerator))
        throw domain::Error::validation("entries", at + ind.code + ": числитель доли — целое число");
      if (!e.denominator || *e.denominator <= 0)
        throw domain::Error::validation("entries", at + ind.code + ": укажите, из скольких (знаменатель больше 0)");
      if (*e.numerator > static_cast<double>(*e.denominator))
        throw domain::Error::validation("entries", at + ind.code + ": числитель больше знаменателя");
      return;
    case domain::ValueKind::yes_no:
      if (*e.numerator != 0 && *e.numerator != 1)
        throw domain::Error::validation("entries", at + ind.code + ": ответ — «да» (1) или «нет» (0)");
      break;
    case domain::ValueKind::count:
    case domain::ValueKind::mean:
      break;
  }
  e.denominator.reset();
}

}  // namespace

std::optional<domain::Target> target_from(const TargetDraft& d, const std::string& unit) {
  const auto kind = domain::parse_target_kind(d.kind.empty() ? "value" : d.kind);
  if (!kind)
    throw domain::Error::validation("target_kind",
                                    "Вид цели: value (значение), growth (положительная динамика), no_decline (не ниже "
                                    "прошлого периода), region_mean (не ниже среднего по региону)");
  domain::Target t;
  t.kind = *kind;
  t.unit = unit;
  if (*kind != domain::TargetKind::value) return t;
  t.by_year = domain::parse_targets_by_year(d.by_year, "targets_by_year");
  if (d.op.empty() && t.by_year.empty()) return std::nullopt;
  t.op = d.op.empty() ? ">=" : d.op;
  if (t.op != ">=" && t.op != "<=") throw domain::Error::validation("target_op", "Сравнение с целью — «>=» или «<=»");
  if (d.value && (*d.value < 0 || *d.value > 100000))
    throw domain::Error::validation("target_value", "Целевое значение — число от 0 до 100 000");
  if (!d.value && t.by_year.empty()) throw domain::Error::validation("target_value", "Укажите целевое значение числом");
  // A value for years not listed: the last year's (a target «к 2024 году» holds after it).
  t.value = d.value ? *d.value : t.by_year.back().second;
  if (unit == "%")
    for (const auto& [y, v] : t.by_year)
      if (v > 100)
        throw domain::Error::validation("targets_by_year", "Доля в " + std::to_string(y) + " году больше 100 %");
  if (unit == "%" && t.value > 100) throw domain::Error::validation("target_value", "Доля больше 100 %");
  return t;
}

void set_indicator_target(App& app, const Caller& caller, std::int64_t region_id, const std::string& code,
                          const TargetDraft& draft, const std::string& responsible, const std::string& request_id) {
  if (domain::utf8_length(responsible) > 300) throw domain::Error::validation("responsible", "Длиннее 300 символов");
  app.db->write([&](storage::Connection& c) {
    kept_region(c, caller, region_id);
    std::string unit;
    if (const auto* builtin = domain::find_indicator(code)) {
      unit = builtin->unit;
    } else {
      for (const auto& x : mon::custom_indicators(c))
        if (x.region_id == region_id && x.code == code) unit = x.unit;
      if (unit.empty()) throw domain::Error::not_found("В регионе нет показателя «" + code + "»");
    }
    const auto target = target_from(draft, unit);
    if (!domain::find_indicator(code)) {
      // The region's own indicator keeps its target in its passport.
      for (auto& x : mon::custom_indicators(c))
        if (x.region_id == region_id && x.code == code) {
          x.target = mon::stored(target);
          if (!domain::trim(responsible).empty()) x.responsible = domain::trim(responsible);
          mon::update_custom_indicator(c, x);
        }
    } else {
      mon::put_setting(c, {region_id, code, mon::stored(target), domain::trim(responsible)});
    }
    audit_change(c, caller, "update", "indicator_setting", region_id, {},
                 nlohmann::json{{"code", code}, {"target", target ? target->text() : std::string()}}.dump(),
                 request_id);
  });
}

std::int64_t create_custom_indicator(App& app, const Caller& caller, mon::CustomIndicator d,
                                     const std::string& request_id) {
  check_custom(d);
  return app.db->write([&](storage::Connection& c) {
    kept_region(c, caller, d.region_id);
    d.id = 0;
    require_unique_code(c, d);
    const auto id = mon::insert_custom_indicator(c, d);
    audit_change(c, caller, "create", "custom_indicator", id, {}, json_of(d).dump(), request_id);
    return id;
  });
}

void update_custom_indicator(App& app, const Caller& caller, mon::CustomIndicator d, const std::string& request_id) {
  check_custom(d);
  app.db->write([&](storage::Connection& c) {
    const auto before = kept_custom(c, caller, d.id);
    d.region_id = before.region_id;
    require_unique_code(c, d);
    if (d.code != before.code)
      if (const auto used = mon::campaigns_using(c, before.region_id, before.code); !used.empty())
        throw domain::Error::conflict("code", "Код не меняют: показатель «" + before.code +
                                                  "» уже собирали в мониторинге «" + used.front() + "»");
    mon::update_custom_indicator(c, d);
    audit_change(c, caller, "update", "custom_indicator", d.id, json_of(before).dump(), json_of(d).dump(), request_id);
  });
}

void delete_custom_indicator(App& app, const Caller& caller, std::int64_t id, const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto before = kept_custom(c, caller, id);
    if (const auto used = mon::campaigns_using(c, before.region_id, before.code); !used.empty()) {
      std::string names;
      for (const auto& u : used) names += (names.empty() ? "«" : ", «") + u + "»";
      throw domain::Error::conflict("id", "Показатель «" + before.code + "» собирали в мониторинге " + names +
                                              ": его значения остаются с паспортом, удалить нельзя");
    }
    mon::delete_custom_indicator(c, id);
    audit_change(c, caller, "delete", "custom_indicator", id, json_of(before).dump(), {}, request_id);
  });
}

std::vector<mon::Campaign> list_monitoring_campaigns(App& app, const Caller& caller) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) {
    std::vector<mon::Campaign> out;
    for (auto& k : mon::campaigns_of_regions(c, {}))
      // The region's keepers and the municipalities' services of the region (who fill it in).
      if (reg::territory_visible(c, k.region_id, scope) &&
          !scope_of(caller, domain::Action::coordinate_support).empty())
        out.push_back(std::move(k));
    return out;
  });
}

std::int64_t create_monitoring_campaign(App& app, const Caller& caller, mon::Campaign d,
                                        const std::string& request_id) {
  d.title = domain::trim(d.title);
  if (d.title.empty() || domain::utf8_length(d.title) > 300)
    throw domain::Error::validation("title", "Укажите название (до 300 символов)");
  if (d.set != "fed" && d.set != "rmms" && d.set != "rma" && d.set != "reg")
    throw domain::Error::validation("set", "Набор показателей: fed, rmms, rma или reg");
  const auto period = domain::parse_period(d.period);
  if (!period) throw domain::Error::validation("period", "Период: 2024, 2024/2025, 2024-H1 или даты через «..»");
  d.period = period->code;
  domain::check_period(d.collect_from, d.collect_to, "collect_from", "collect_to");
  if (!d.report_due.empty()) {
    auto due = domain::Date::parse_iso(d.report_due);
    if (!due) throw domain::Error::validation("report_due", "Дата — ГГГГ-ММ-ДД");
    if (d.report_due < d.collect_to)
      throw domain::Error::validation("report_due", "Справка — не раньше окончания сбора");
  }
  return app.db->write([&](storage::Connection& c) {
    kept_region(c, caller, d.region_id);
    const auto id = mon::insert_campaign(c, d, caller.account_id ? std::optional(caller.account_id) : std::nullopt);
    std::size_t n = 0;
    for (auto t : mon::municipalities_of(c, d.region_id)) {
      mon::insert_submission(c, id, t);
      ++n;
    }
    audit_change(c, caller, "create", "monitoring_campaign", id, {},
                 nlohmann::json{{"title", d.title}, {"set", d.set}, {"period", d.period}, {"municipalities", n}}.dump(),
                 request_id);
    return id;
  });
}

CampaignCard get_monitoring_campaign(App& app, const Caller& caller, std::int64_t id) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) {
    auto k = mon::find_campaign(c, id);
    if (!k || !reg::territory_visible(c, k->region_id, scope))
      throw domain::Error::not_found("Кампания мониторинга не найдена");
    CampaignCard card;
    card.campaign = *k;
    card.can_manage = coordinates_territory(c, caller, k->region_id);
    for (auto& s : mon::submissions_of(c, id)) {
      const bool mine = coordinates_territory(c, caller, s.territory_id);
      if (!card.can_manage && !mine) continue;
      SubmissionCard sc{s, mon::entries_of(c, s.id), false, false};
      sc.can_edit = mine && k->status == CS::open && (s.status == SS::draft || s.status == SS::returned);
      sc.can_decide = card.can_manage && k->status == CS::open && s.status == SS::submitted;
      card.submissions.push_back(std::move(sc));
    }
    if (card.submissions.empty() && !card.can_manage) throw domain::Error::not_found("Кампания мониторинга не найдена");
    std::vector<domain::Indicator> own;
    for (const auto* i : indicators_of(c, k->set, k->region_id, own)) card.indicators.push_back(*i);
    return card;
  });
}

void save_entries(App& app, const Caller& caller, std::int64_t submission_id, const std::vector<mon::Entry>& entries,
                  const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto s = mon::find_submission(c, submission_id);
    const auto k = s ? mon::find_campaign(c, s->campaign_id) : std::nullopt;
    if (!s || !k || !reg::territory_visible(c, s->territory_id, scope_of(caller, domain::Action::read_registry)))
      throw domain::Error::not_found("Отчёт муниципалитета не найден");
    if (!coordinates_territory(c, caller, s->territory_id))
      throw domain::Error::forbidden("Данные вносит муниципальная методическая служба этого муниципалитета");
    if (k->status != CS::open || (s->status != SS::draft && s->status != SS::returned))
      throw domain::Error::conflict("status", "Отчёт уже отправлен или кампания закрыта: изменить его нельзя");
    std::vector<domain::Indicator> own;
    const auto list = indicators_of(c, k->set, k->region_id, own);
    for (std::size_t n = 0; n < entries.size(); ++n) {
      auto e = entries[n];
      const std::string at = "Строка " + std::to_string(n + 1) + ": ";
      const auto it = std::find_if(list.begin(), list.end(), [&](const auto* i) { return i->code == e.code; });
      if (it == list.end())
        throw domain::Error::validation("entries", at + "показателя «" + e.code + "» нет в наборе кампании");
      const auto& ind = **it;
      e.evidence = domain::trim(e.evidence);
      e.note = domain::trim(e.note);
      if (!e.evidence.empty()) check_link(e.evidence, "entries");
      if (domain::utf8_length(e.note) > 2000)
        throw domain::Error::validation("entries", at + "комментарий длиннее 2000 символов");
      if (ind.source == "manual") {
        check_manual_entry(ind, e, at);
        e.confirmed = true;
      } else if (e.numerator || e.denominator) {
        // A typed number would be silently dropped or would compete with the
        // computed one: refused, and the municipality says where it differs.
        throw domain::Error::validation(
            "entries", at + ind.code +
                           ": значение считается системой по внесённым данным, число не вносится. Если оно расходится "
                           "с вашим, напишите это в комментарии и приложите ссылку на подтверждение");
      }
      mon::put_entry(c, submission_id, e);
    }
    audit_change(c, caller, "update", "monitoring_submission", submission_id, {},
                 nlohmann::json{{"entries", entries.size()}}.dump(), request_id);
  });
}

void move_submission(App& app, const Caller& caller, std::int64_t submission_id, domain::SubmissionStatus status,
                     const std::string& comment, const std::string& request_id) {
  app.db->write([&](storage::Connection& c) {
    const auto s = mon::find_submission(c, submission_id);
    const auto k = s ? mon::find_campaign(c, s->campaign_id) : std::nullopt;
    if (!s || !k || !reg::territory_visible(c, s->territory_id, scope_of(caller, domain::Action::read_registry)))
      throw domain::Error::not_found("Отчёт муниципалитета не найден");
    if (k->status != CS::open) throw domain::Error::conflict("status", "Кампания закрыта");
    if (status == SS::submitted) {
      if (!coordinates_territory(c, caller, s->territory_id))
        throw domain::Error::forbidden("Отчёт отправляет муниципальная методическая служба");
      if (s->status != SS::draft && s->status != SS::returned)
        throw domain::Error::conflict("status", "Отчёт уже отправлен");
      std::vector<domain::Indicator> own;
      const auto entries = mon::entries_of(c, submission_id);
      for (const auto* i : indicators_of(c, k->set, k->region_id, own))
        if (i->source == "manual" &&
            std::none_of(entries.begin(), entries.end(), [&](const auto& e) { return e.code == i->code; }))
          throw domain::Error::validation("entries",
                                          "Не заполнен показатель " + i->code + " — его значение вносит муниципалитет");
    } else if (status == SS::approved || status == SS::returned) {
      if (!coordinates_territory(c, caller, k->region_id)) throw domain::Error::forbidden("Отчёты принимает регион");
      if (s->status != SS::submitted)
        throw domain::Error::conflict("status", "Принять или вернуть можно только отправленный отчёт");
      if (status == SS::returned && domain::trim(comment).empty())
        throw domain::Error::validation("comment", "Напишите, что исправить");
    } else {
      throw domain::Error::validation("status", "Статус: submitted, approved или returned");
    }
    mon::set_submission_status(c, submission_id, status, domain::trim(comment));
    audit_change(c, caller, "update", "monitoring_submission", submission_id,
                 nlohmann::json{{"status", domain::code_of(s->status)}}.dump(),
                 nlohmann::json{{"status", domain::code_of(status)}}.dump(), request_id);
  });
}

void close_monitoring_campaign(App& app, const Caller& caller, std::int64_t id, const std::string& request_id) {
  const auto k = app.db->read([&](storage::Connection& c) {
    auto found = mon::find_campaign(c, id);
    if (!found || !reg::territory_visible(c, found->region_id, scope_of(caller, domain::Action::read_registry)))
      throw domain::Error::not_found("Кампания мониторинга не найдена");
    if (!coordinates_territory(c, caller, found->region_id))
      throw domain::Error::forbidden("Кампанию закрывает регион");
    return *found;
  });
  const auto period = *domain::parse_period(k.period);
  // The values to keep: every organisation and municipality of the region, and the region.
  std::vector<mon::SnapshotRow> rows;
  for (auto level : {domain::UnitLevel::organisation, domain::UnitLevel::municipality, domain::UnitLevel::region}) {
    const auto v = live_values(app, k.set, level, period, k.region_id);
    for (const auto& i : v.indicators)
      for (const auto& u : i.units)
        rows.push_back({i.indicator.code, std::string(domain::unit_level_code(level)), u.unit_id, u.current.numerator,
                        u.current.denominator});
  }
  app.db->write([&](storage::Connection& c) {
    const auto now = mon::find_campaign(c, id);
    if (!now || now->status != CS::open) throw domain::Error::conflict("status", "Кампания уже закрыта");
    std::size_t waiting = 0;
    for (const auto& s : mon::submissions_of(c, id)) waiting += s.status != SS::approved;
    if (waiting)
      throw domain::Error::conflict("status", "Не приняты отчёты муниципалитетов: " + std::to_string(waiting) +
                                                  ". Закрыть кампанию можно, когда приняты все");
    mon::put_snapshot(c, id, rows);
    mon::close_campaign(c, id);
    audit_change(c, caller, "close", "monitoring_campaign", id, {}, nlohmann::json{{"values", rows.size()}}.dump(),
                 request_id);
  });
}

std::vector<mon::CustomIndicator> list_custom_indicators(App& app, const Caller& caller) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) {
    std::vector<mon::CustomIndicator> out;
    for (auto& x : mon::custom_indicators(c))
      if (reg::territory_visible(c, x.region_id, scope)) out.push_back(std::move(x));
    return out;
  });
}

std::vector<mon::Setting> region_targets(App& app, const Caller& caller, std::int64_t region_id) {
  const auto scope = scope_of(caller, domain::Action::read_registry);
  return app.db->read([&](storage::Connection& c) {
    const auto t = reg::find_territory(c, region_id);
    if (!t || t->level != "region" || !reg::territory_visible(c, region_id, scope))
      throw domain::Error::not_found("Регион не найден");
    std::vector<mon::Setting> out;
    for (auto& s : mon::settings(c))
      if (s.region_id == region_id) out.push_back(std::move(s));
    return out;
  });
}

}  // namespace metodist::app
