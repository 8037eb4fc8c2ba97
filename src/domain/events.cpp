#include "domain/events.hpp"

#include <array>
#include <chrono>
#include <ctime>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/import.hpp"
#include "domain/text.hpp"

namespace metodist::domain {
namespace {

constexpr std::array kKinds{
    Term{"master_class", "Мастер-класс"},
    Term{"open_lesson", "Открытый урок"},
    Term{"webinar", "Вебинар"},
    Term{"seminar", "Семинар"},
    Term{"seminar_practicum", "Семинар-практикум"},
    Term{"conference", "Конференция"},
    Term{"methodical_week", "Методическая неделя"},
    Term{"consultation", "Консультация"},
};
constexpr std::array kLevels{
    Term{"school", "Школьный"},       Term{"municipal", "Муниципальный"},
    Term{"regional", "Региональный"}, Term{"interregional", "Межрегиональный"},
    Term{"federal", "Федеральный"},
};
constexpr std::array kFormats{
    Term{"offline", "Очно"},
    Term{"online", "Онлайн"},
    Term{"hybrid", "Очно и онлайн"},
};
constexpr std::array kAudiences{
    Term{"teachers", "Педагоги"},     Term{"young_teachers", "Молодые педагоги"},
    Term{"managers", "Руководители"}, Term{"methodists", "Методисты"},
    Term{"parents", "Родители"},      Term{"students", "Обучающиеся"},
};
constexpr std::array kStatuses{
    Term{"planned", "Запланировано"},
    Term{"cancelled", "Отменено"},
};

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::span<const Term> event_kinds() { return kKinds; }
std::span<const Term> event_levels() { return kLevels; }
std::span<const Term> event_formats() { return kFormats; }
std::span<const Term> event_audiences() { return kAudiences; }
std::span<const Term> event_statuses() { return kStatuses; }
static_assert(kStatuses.size() == static_cast<std::size_t>(EventStatus::cancelled) + 1);

bool is_local_minute(std::string_view text) noexcept {
  if (text.size() != 16 || text[10] != 'T' || text[13] != ':') return false;
  if (!Date::parse_iso(text.substr(0, 10))) return false;
  const auto hh = text.substr(11, 2), mm = text.substr(14, 2);
  if (!digits(hh) || !digits(mm)) return false;
  return (hh[0] - '0') * 10 + (hh[1] - '0') < 24 && (mm[0] - '0') * 10 + (mm[1] - '0') < 60;
}

std::string local_minute_now(std::chrono::minutes offset) {
  const std::time_t t = std::time(nullptr) + static_cast<std::time_t>(offset.count()) * 60;
  std::tm local{};
  localtime_r(&t, &local);
  char buf[20];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M", &local);
  return buf;
}

void check_event(const EventDraft& e) {
  // Every field to correct at once, each under its own field in the form.
  Problems problems;
  const auto choose = [&](const char* field, std::string_view value, std::span<const Term> terms, const char* what) {
    if (value.empty())
      problems.add(field, std::string("Выберите ") + what);
    else if (!find_term(terms, value))
      problems.add(field, std::string("Неизвестное значение «") + std::string(value) + "»: " + allowed_titles(terms));
  };
  choose("kind", e.kind, kKinds, "вид мероприятия");
  if (e.title.empty()) problems.add("title", "Укажите название мероприятия");
  if (utf8_length(e.title) > 500) problems.add("title", "Название длиннее 500 символов");
  choose("level", e.level, kLevels, "уровень мероприятия");
  choose("format", e.format, kFormats, "формат");
  const bool starts = is_local_minute(e.starts_at), ends = is_local_minute(e.ends_at);
  if (!starts) problems.add("starts_at", "Укажите дату и время начала");
  if (!ends) problems.add("ends_at", "Укажите дату и время окончания");
  if (starts && ends && e.ends_at < e.starts_at) problems.add("ends_at", "Окончание раньше начала");
  if (!e.format.empty() && e.format != "offline" && e.place.empty())
    problems.add("place", "Для онлайн-мероприятия укажите ссылку на трансляцию");
  if (e.audience.empty()) problems.add("audience", "Укажите, для кого мероприятие");
  for (const auto& a : e.audience)
    if (!find_term(kAudiences, a)) problems.add("audience", "Категория участников: " + allowed_titles(kAudiences));
  if (e.capacity && *e.capacity < 1) problems.add("capacity", "Мест — не меньше одного (или без ограничения)");
  problems.raise();
}

std::string registration_problem(bool cancelled, std::string_view starts_at, std::string_view now,
                                 std::optional<long long> capacity, long long registered) {
  if (cancelled) return "Мероприятие отменено";
  if (now >= starts_at) return "Регистрация закрыта: мероприятие уже началось";
  if (capacity && registered >= *capacity) return "Свободных мест нет (" + std::to_string(*capacity) + ")";
  return "";
}

std::string feedback_problem(std::string_view starts_at, std::string_view now, std::optional<bool> attended) {
  if (now < starts_at) return "Отзыв можно оставить после начала мероприятия";
  if (attended && !*attended) return "Организатор отметил, что вы не участвовали";
  return "";
}

FeedbackSummary summarise_feedback(std::span<const FeedbackAnswer> answers) {
  FeedbackSummary s;
  std::int64_t useful = 0, organisation = 0;
  for (const auto& a : answers) {
    if (a.useful < 1 || a.useful > 5 || a.organisation < 1 || a.organisation > 5) continue;
    ++s.answers;
    useful += a.useful;
    organisation += a.organisation;
    ++s.useful_counts[static_cast<std::size_t>(a.useful - 1)];
    ++s.organisation_counts[static_cast<std::size_t>(a.organisation - 1)];
  }
  if (s.answers > 0) {
    s.useful_average = static_cast<double>(useful) / static_cast<double>(s.answers);
    s.organisation_average = static_cast<double>(organisation) / static_cast<double>(s.answers);
  }
  return s;
}

}  // namespace metodist::domain
