#include "app/audit_text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <string_view>
#include <utility>

#include "domain/access.hpp"
#include "domain/date.hpp"
#include "domain/field_titles.hpp"
#include "domain/help_requests.hpp"
#include "domain/registry.hpp"
#include "domain/route.hpp"
#include "domain/text.hpp"

namespace metodist::app {
namespace {

// In the order the change was recorded (the form's order), not alphabetical.
using Json = nlohmann::ordered_json;

// What was done, as a past-tense verb (either gender, as official logs write).
constexpr std::pair<std::string_view, std::string_view> kActions[] = {
    {"create", "создал(а)"},
    {"update", "изменил(а)"},
    {"delete", "удалил(а)"},
    {"import", "загрузил(а) из файла"},
    {"status", "сменил(а) статус:"},
    {"send", "отправил(а) на согласование"},
    {"mark", "отметил(а) выполнение строки:"},
    {"assign", "назначил(а)"},
    {"close", "закрыл(а)"},
    {"end", "завершил(а)"},
    {"report", "отчитался(ась) по"},
    {"review", "провёл(а) экспертизу:"},
    {"submit", "подал(а)"},
    {"upload", "загрузил(а) файл:"},
    {"withdraw", "отозвал(а)"},
    {"login", "вошёл(ла) в систему"},
    {"logout", "вышел(ла) из системы"},
    {"change_password", "сменил(а) свой пароль"},
    {"reset_password", "сбросил(а) пароль:"},
    {"password_reset_request", "запросил(а) восстановление пароля по почте"},
    {"password_reset", "задал(а) новый пароль по ссылке из письма"},
    {"deactivate", "заблокировал(а)"},
    {"activate", "разблокировал(а)"},
    {"add_role", "выдал(а) роль:"},
    {"remove_role", "снял(а) роль:"},
    {"merge", "объединил(а)"},
    {"unmerge", "отменил(а) объединение:"},
    {"rename", "переименовал(а)"},
};

// What it was done to, as the verb governs it (винительный падеж).
constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
    {"account", "учётную запись"},
    {"api_token", "API-токен"},
    {"territory", "территорию"},
    {"organisation", "организацию"},
    {"person", "карточку педагога"},
    {"position", "место работы"},
    {"route", "ИОМ"},
    {"help_request", "запрос на методическую помощь"},
    {"event", "мероприятие"},
    {"event_registration", "регистрацию на мероприятие"},
    {"event_material", "материал мероприятия"},
    {"event_attendance", "посещаемость мероприятия"},
    {"event_feedback", "отзыв о мероприятии"},
    {"program", "программу ДПП ПК"},
    {"cohort", "группу обучения"},
    {"enrolment", "заявку на обучение"},
    {"diagnostic_campaign", "кампанию диагностики"},
    {"diagnostic_result", "результаты диагностики"},
    {"competency", "компетенцию"},
    {"level_scale", "шкалу уровней"},
    {"mentoring_program", "программу наставничества"},
    {"mentoring_pair", "наставническую пару"},
    {"community", "сообщество"},
    {"community_member", "участника сообщества"},
    {"community_material", "материал сообщества"},
    {"active_selection", "отбор в методический актив"},
    {"active_application", "заявку в методический актив"},
    {"active_application_score", "оценку заявки в актив"},
    {"active_member", "участника методического актива"},
    {"active_plan_item", "пункт плана актива"},
    {"support_assignment", "закрепление методиста"},
    {"support_feedback", "отзыв о сопровождении"},
    {"methodist_activity", "запись о работе методиста"},
    {"practice", "практику"},
    {"practice_review", "экспертизу практики"},
    {"expertise_settings", "настройки экспертизы"},
    {"expert", "полномочия эксперта"},
    {"roadmap", "дорожную карту"},
    {"roadmap_item", "пункт дорожной карты"},
    {"document", "документ библиотеки"},
    {"monitoring_campaign", "кампанию мониторинга"},
    {"monitoring_submission", "отчёт мониторинга"},
    {"custom_indicator", "показатель региона"},
    {"indicator_setting", "целевое значение показателя"},
    {"notification_settings", "настройки уведомлений"},
};

// Done by an account to itself: the phrase is whole without the object.
constexpr std::string_view kOwnActions[] = {"login", "logout", "change_password", "password_reset_request",
                                            "password_reset"};

std::string_view lookup(std::span<const std::pair<std::string_view, std::string_view>> table, std::string_view code) {
  for (const auto& [c, title] : table)
    if (c == code) return title;
  return code;
}

// A status code by its title, where the entity's vocabulary is known.
std::string status_title(std::string_view entity, const std::string& code) {
  std::span<const domain::Term> terms;
  if (entity == "route") terms = domain::route_statuses();
  if (entity == "help_request") terms = domain::help_statuses();
  if (const auto* t = terms.empty() ? nullptr : domain::find_term(terms, code)) return std::string(t->title);
  return code;
}

std::string value_text(std::string_view entity, std::string_view field, const Json& v) {
  if (v.is_null()) return "—";
  if (v.is_boolean()) return v.get<bool>() ? "да" : "нет";
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_number()) return domain::decimal_text(v.get<double>(), 2);
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    if (s.size() == 10 && domain::Date::parse_iso(s)) return domain::russian_date(s);
    if (field == "status" || field == "from" || field == "to") return status_title(entity, s);
    if (field == "role" || field == "roles")
      for (const auto& r : domain::roles())
        if (r.code == s) return std::string(r.title);
    return s.empty() ? "—" : s;
  }
  if (v.is_array()) {
    std::string out;
    for (const auto& item : v) {
      if (!item.is_primitive())
        return std::to_string(v.size()) + " " + std::string(domain::plural(v.size(), "запись", "записи", "записей"));
      out += (out.empty() ? "" : ", ") + value_text(entity, field, item);
    }
    return out.empty() ? "—" : out;
  }
  return v.dump();
}

Json object_of(const std::string& text) {
  if (text.empty()) return Json::object();
  auto j = Json::parse(text, nullptr, false);
  return j.is_object() ? j : Json::object();
}

}  // namespace

AuditText audit_text(const storage::accounts::AuditRow& row) {
  AuditText out;
  out.summary = std::string(lookup(kActions, row.action));
  const bool own = row.entity == "account" &&
                   std::find(std::begin(kOwnActions), std::end(kOwnActions), row.action) != std::end(kOwnActions);
  if (!own) {
    out.summary += " " + std::string(lookup(kEntities, row.entity));
    // «№» and its number on one line (a no-break space).
    if (row.entity_id) out.summary += " №\u00a0" + std::to_string(*row.entity_id);
  }
  const auto before = object_of(row.before_json), after = object_of(row.after_json);
  // A status move is recorded as {from, to}: one line, not two.
  if (after.contains("from") && after.contains("to") && before.empty()) {
    out.changes.push_back(
        {"Статус", value_text(row.entity, "from", after["from"]), value_text(row.entity, "to", after["to"])});
    return out;
  }
  std::set<std::string> seen;
  for (const auto* side : {&before, &after})
    for (const auto& [key, value] : side->items()) {
      if (!seen.insert(key).second) continue;
      AuditChange change{domain::field_title(key), before.contains(key) ? value_text(row.entity, key, before[key]) : "",
                         after.contains(key) ? value_text(row.entity, key, after[key]) : ""};
      if (change.before == change.after) continue;  // unchanged fields recorded alongside
      out.changes.push_back(std::move(change));
    }
  return out;
}

}  // namespace metodist::app
