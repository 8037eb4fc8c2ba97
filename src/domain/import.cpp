#include "domain/import.hpp"

#include <cmath>
#include <stdexcept>

#include <array>

#include "domain/text.hpp"

namespace metodist::domain {
namespace {

const std::vector<ImportColumn> kTerritoryColumns{
    {"code", "Код", {"Код территории", "Код в системе"}},
    {"name",
     "Наименование",
     {"Название", "Наименование территории", "Муниципальное образование", "Наименование МО", "Муниципалитет",
      "Наименование муниципального образования", "Субъект РФ"}},
    {"level", "Уровень", {"Уровень территории"}},
    {"municipality_kind",
     "Вид муниципального образования",
     {"Вид МО", "Тип МО", "Тип муниципального образования", "Статус МО", "Статус муниципального образования"}},
    {"oktmo", "ОКТМО", {"Код ОКТМО", "ОКТМО МО"}},
    {"subject_number", "Номер субъекта РФ", {"Код субъекта", "Код субъекта РФ", "Код региона", "Номер региона"}},
    {"parent", "Код вышестоящей", {"Вышестоящая территория (код)", "Код региона (вышестоящей)", "Регион (код)"}},
    {"parent_name", "Вышестоящая территория", {"Регион"}},
    {"abolished_on", "Упразднена", {}},
    {"merged_into", "Вошла в", {}},
};

const std::vector<ImportColumn> kOrganisationColumns{
    {"code", "Код", {"Код организации", "Код ОО", "Идентификатор"}},
    {"name", "Наименование", {"Полное наименование", "Название", "Наименование организации", "Организация"}},
    {"short_name", "Краткое наименование", {"Сокращённое наименование", "Краткое название"}},
    {"kind", "Тип", {"Тип организации", "Вид организации", "Вид"}},
    {"territory", "Код территории", {"Территория", "Муниципалитет", "Муниципальное образование", "Район"}},
    {"inn", "ИНН", {}},
    {"address", "Адрес", {"Юридический адрес", "Фактический адрес"}},
    {"is_shnor", "ШНОР", {"Школа с низкими образовательными результатами", "ШНОР (да/нет)"}},
    {"has_staff_plan", "План развития кадров", {"Долгосрочный план развития кадров", "Есть план развития кадров"}},
    {"has_mentoring_model",
     "Модель наставничества",
     {"Целевая модель наставничества", "Реализует целевую модель наставничества", "Наставничество"}},
};

const std::vector<ImportColumn> kPersonColumns{
    {"code", "Код", {"Код педагога", "Табельный номер", "Идентификатор", "Код работника"}},
    {"full_name", "ФИО", {"Ф.И.О.", "Фамилия Имя Отчество", "Фамилия, имя, отчество"}},
    {"last_name", "Фамилия", {}},
    {"first_name", "Имя", {}},
    {"middle_name", "Отчество", {}},
    {"snils",
     "СНИЛС",
     {"Страховой номер", "Страховой номер индивидуального лицевого счёта", "СНИЛС педагога", "Номер СНИЛС"}},
    {"gender", "Пол", {}},
    {"birth_date", "Дата рождения", {}},
    {"ped_experience_since",
     "Начало педагогического стажа",
     {"Педагогический стаж с", "Пед. стаж с", "Дата начала педагогического стажа"}},
    {"category", "Квалификационная категория", {"Категория"}},
    {"higher_ped_education", "Высшее педагогическое образование", {"Высшее педагогическое", "Высшее пед. образование"}},
    {"ped_university_graduate", "Выпускник педагогического вуза", {"Выпускник педвуза", "Окончил педагогический вуз"}},
    {"organisation", "Код организации", {"Код ОО", "Организация (код)", "Место работы (код)"}},
    {"position", "Должность", {}},
    {"subject_area", "Предметная область", {}},
    {"subjects", "Предметы", {"Преподаваемые предметы", "Предмет"}},
    {"hired_on", "Дата приёма", {"Дата приёма на работу", "Принят", "Дата назначения"}},
    {"left_on", "Дата увольнения", {"Уволен"}},
};

const std::vector<ImportColumn> kDiagnosticResultColumns{
    {"code", "Код педагога", {"Код", "Табельный номер", "Код участника", "Идентификатор"}},
    {"full_name", "ФИО", {"Фамилия Имя Отчество", "Участник"}},
    {"competency", "Компетенция", {"Код компетенции", "Показатель", "Умение"}},
    {"raw_score", "Балл", {"Баллы", "Результат", "Набрано баллов"}},
    {"max_score", "Максимальный балл", {"Максимум", "Макс. балл", "Из"}},
    {"measured_on", "Дата прохождения", {"Дата", "Дата тестирования"}},
};

const std::vector<ImportColumn> kCompletionColumns{
    {"code", "Код педагога", {"Код", "Табельный номер", "Код работника", "Код слушателя"}},
    {"full_name", "ФИО", {"Ф.И.О.", "Фамилия Имя Отчество", "Слушатель"}},
    {"program",
     "Программа",
     {"Название программы", "Наименование программы", "Наименование ДПП", "ДПП", "Курс", "Программа ПК"}},
    {"starts_on", "Начало обучения", {"Дата начала", "Сроки обучения с", "Начало"}},
    {"ends_on", "Окончание обучения", {"Дата окончания", "Сроки обучения по", "Дата завершения", "Окончание"}},
    {"certificate",
     "Номер удостоверения",
     {"Удостоверение", "Номер документа", "Документ о квалификации", "Рег. номер"}},
    {"result", "Результат", {"Статус", "Итог"}},
};

const std::vector<ImportColumn> kAttendanceColumns{
    {"event_id", "Номер мероприятия", {"№ мероприятия", "ID мероприятия"}},
    {"event", "Мероприятие", {"Название мероприятия", "Наименование мероприятия", "Тема"}},
    {"event_date", "Дата мероприятия", {"Дата проведения", "Дата"}},
    {"code", "Код педагога", {"Код", "Табельный номер", "Код участника", "Код работника"}},
    {"full_name", "ФИО", {"Ф.И.О.", "Участник", "Фамилия Имя Отчество"}},
    {"attended", "Присутствовал", {"Участие", "Отметка о присутствии", "Был"}},
};

const std::vector<ImportColumn> kMembershipColumns{
    {"community", "Сообщество", {"Название сообщества", "Объединение", "Методическое объединение", "РМО", "ШМО"}},
    {"code", "Код педагога", {"Код", "Табельный номер", "Код участника", "Код работника"}},
    {"full_name", "ФИО", {"Ф.И.О.", "Участник", "Фамилия Имя Отчество"}},
    {"role", "Роль", {"Роль в сообществе"}},
    {"joined_on", "Дата вступления", {"Вступил", "Участник с", "С"}},
    {"left_on", "Дата выхода", {"Вышел", "Участник по", "По"}},
};

const std::vector<ImportColumn> kAssignmentColumns{
    {"code", "Код методиста", {"Методист (код)", "Табельный номер методиста"}},
    {"full_name", "ФИО методиста", {"Методист"}},
    {"organisation", "Код организации", {"Школа (код)", "Код ОО", "Сопровождаемая школа (код)"}},
    {"person", "Код педагога", {"Сопровождаемый педагог (код)", "Педагог (код)"}},
    {"starts_on", "Начало сопровождения", {"Дата закрепления", "Закреплён с", "С"}},
    {"ends_on", "Окончание сопровождения", {"Закреплён по", "По"}},
};

const std::vector<ImportColumn> kPairColumns{
    {"program", "Программа наставничества", {"Программа", "Программа (наставничества)"}},
    {"mentor", "Код наставника", {"Наставник (код)", "Табельный номер наставника"}},
    {"code", "Код наставляемого", {"Наставляемый (код)", "Табельный номер наставляемого"}},
    {"full_name", "ФИО наставляемого", {"Наставляемый"}},
    {"form", "Форма наставничества", {"Форма"}},
    {"starts_on", "Начало", {"Дата начала", "Дата закрепления наставника", "С"}},
    {"ends_on", "Окончание", {"Дата окончания", "По"}},
};

const std::vector<ImportColumn> kHelpRequestColumns{
    {"code", "Код организации", {"Код ОО", "Школа (код)", "Организация (код)"}},
    {"topic", "Тема запроса", {"Тема", "Запрос", "Суть запроса", "Содержание запроса"}},
    {"subject_area", "Предметная область", {}},
    {"received_on", "Дата обращения", {"Дата поступления", "Дата запроса", "Поступил"}},
    {"due_on", "Срок", {"Срок исполнения", "Срок ответа"}},
    {"methodist", "Код методиста", {"Исполнитель (код)", "Методист (код)"}},
    {"closed_on", "Дата закрытия", {"Дата ответа", "Исполнено", "Закрыт"}},
    {"response", "Ответ", {"Результат", "Что сделано", "Содержание помощи"}},
};

// Letters and digits only, folded: «Ф.И.О.» and «фио» are one header.
std::string header_key(std::string_view text) {
  const std::string folded = fold_for_search(text);
  std::string out;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(folded[i]);
    if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.push_back(folded[i]);
  }
  return out;
}

}  // namespace

std::span<const ImportColumn> territory_import_columns() { return kTerritoryColumns; }
std::span<const ImportColumn> completion_import_columns() { return kCompletionColumns; }
std::span<const ImportColumn> attendance_import_columns() { return kAttendanceColumns; }
std::span<const ImportColumn> membership_import_columns() { return kMembershipColumns; }
std::span<const ImportColumn> assignment_import_columns() { return kAssignmentColumns; }
std::span<const ImportColumn> mentoring_pair_import_columns() { return kPairColumns; }
std::span<const ImportColumn> help_request_import_columns() { return kHelpRequestColumns; }
std::span<const ImportColumn> organisation_import_columns() { return kOrganisationColumns; }
std::span<const ImportColumn> person_import_columns() { return kPersonColumns; }
std::span<const ImportColumn> diagnostic_result_import_columns() { return kDiagnosticResultColumns; }

std::optional<std::size_t> HeaderMap::of(std::span<const ImportColumn> columns, std::string_view key) const {
  for (std::size_t i = 0; i < columns.size() && i < index.size(); ++i)
    if (columns[i].key == key) return index[i];
  return std::nullopt;
}

HeaderMap map_header(std::span<const ImportColumn> columns, std::span<const std::string_view> header) {
  HeaderMap map;
  map.index.resize(columns.size());
  for (std::size_t col = 0; col < header.size(); ++col) {
    const std::string key = header_key(header[col]);
    if (key.empty()) continue;
    bool found = false;
    for (std::size_t i = 0; i < columns.size() && !found; ++i) {
      bool match = key == header_key(columns[i].key) || key == header_key(columns[i].title);
      for (auto alias : columns[i].aliases) match = match || key == header_key(alias);
      if (!match) continue;
      found = true;
      if (map.index[i])
        map.duplicated.push_back(trim(header[col]));
      else
        map.index[i] = col;
    }
    if (!found) map.unknown.push_back(trim(header[col]));
  }
  return map;
}

std::optional<bool> parse_flag(std::string_view text) {
  const std::string_view exact = trim_view(text);
  if (exact == "да" || exact == "1") return true;  // the common spellings, without folding
  if (exact == "нет" || exact == "0") return false;
  const std::string v = fold_for_search(exact);
  for (std::string_view yes : {"да", "1", "+", "x", "х", "true", "yes", "есть", "y"})
    if (v == yes) return true;
  for (std::string_view no : {"нет", "0", "-", "false", "no", "n"})
    if (v == no) return false;
  return std::nullopt;
}

namespace {
// A term given by its code or its exact title: what files made from our export
// or template and the web client send, found without folding anything.
const Term* exact_term(std::span<const Term> vocabulary, std::string_view trimmed) {
  for (const auto& t : vocabulary)
    if (t.code == trimmed || t.title == trimmed) return &t;
  return nullptr;
}
}  // namespace

const Term* match_term(std::span<const Term> vocabulary, std::string_view text) {
  // Folding every title of the vocabulary for one lookup is paid only when
  // the value is neither a code nor an exact title.
  if (const Term* t = exact_term(vocabulary, trim_view(text))) return t;
  return TermIndex(vocabulary).find(text);
}

TermIndex::TermIndex(std::span<const Term> vocabulary, std::span<const Spelling> spellings) : vocabulary_(vocabulary) {
  for (const auto& t : vocabulary) folded_.emplace_back(fold_for_search(t.title), &t);
  for (const auto& [spelling, code] : spellings)
    if (const Term* t = find_term(vocabulary, code)) folded_.emplace_back(fold_for_search(spelling), t);
}

std::span<const Spelling> organisation_kind_spellings() {
  static constexpr Spelling kSpellings[] = {
      {"школа", "school"},
      {"общеобразовательная школа", "school"},
      {"сош", "school"},
      {"оош", "school"},
      {"нош", "school"},
      {"гимназия", "school"},
      {"лицей", "school"},
      {"ОО", "school"},
      {"детский сад", "kindergarten"},
      {"ДОУ", "kindergarten"},
      {"ДОО", "kindergarten"},
      {"колледж", "college"},
      {"техникум", "college"},
      {"СПО", "college"},
      {"ПОО", "college"},
      {"УДО", "additional"},
      {"ОДО", "additional"},
      {"дополнительное образование", "additional"},
      {"ИРО", "institute"},
      {"ИПК", "institute"},
      {"институт", "institute"},
      {"ИМЦ", "methodical_service"},
      {"методический центр", "methodical_service"},
      {"ММС", "methodical_service"},
      {"методическая служба", "methodical_service"},
      {"управление образования", "authority"},
      {"УО", "authority"},
      {"МОУО", "authority"},
      {"орган управления", "authority"},
      {"министерство образования", "authority"},
  };
  return kSpellings;
}

const Term* TermIndex::find(std::string_view text) const {
  const std::string_view v = trim_view(text);
  if (const Term* t = exact_term(vocabulary_, v)) return t;  // no folding (it allocates) on every cell
  const std::string folded = fold_for_search(v);
  for (const auto& [title, term] : folded_)
    if (title == folded) return term;
  return nullptr;
}

std::optional<std::string_view> parse_gender(std::string_view text) {
  const std::string_view exact = trim_view(text);
  if (exact == "м") return "m";
  if (exact == "ж") return "f";
  const std::string v = header_key(text);
  for (std::string_view m : {"м", "муж", "мужской", "m", "male"})
    if (v == m) return "m";
  for (std::string_view f : {"ж", "жен", "женский", "f", "female"})
    if (v == f) return "f";
  return std::nullopt;
}

const Term* parse_category(std::string_view text) {
  static const TermIndex categories(qualification_categories());
  if (auto* t = categories.find(text)) return t;
  const std::string v = header_key(text);
  auto none = find_term(qualification_categories(), "none");
  if (v == "нет" || v == "без" || v == "бк" || v == "сзд" || v.starts_with("соответствие")) return none;
  if (v == "высшая" || v == "высшаякатегория" || v == "вкк") return find_term(qualification_categories(), "highest");
  if (v == "первая" || v == "перваякатегория" || v == "1") return find_term(qualification_categories(), "first");
  return nullptr;
}

bool split_full_name(std::string_view text, std::string_view& last, std::string_view& first, std::string_view& middle) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  if (words.size() < 2) return false;
  last = words[0];
  first = words[1];
  middle = {};
  if (words.size() > 2) {  // from the third word to the end of the last, as written
    const char* from = words[2].data();
    middle = std::string_view(from, static_cast<std::size_t>(words.back().data() + words.back().size() - from));
  }
  return true;
}

std::optional<double> parse_number(std::string_view text) {
  std::string t = without_digit_groups(trim_view(text));
  if (t.empty() || t.size() > 32) return std::nullopt;
  for (auto& ch : t)
    if (ch == ',') ch = '.';
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(t, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (used != t.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::string allowed_codes(std::span<const Term> vocabulary) {
  std::string out;
  for (const auto& t : vocabulary) out += (out.empty() ? "«" : ", «") + std::string(t.code) + "»";
  return out;
}

std::string allowed_titles(std::span<const Term> vocabulary) {
  std::string out;
  for (const auto& t : vocabulary) out += (out.empty() ? "«" : ", «") + std::string(t.title) + "»";
  return out;
}

}  // namespace metodist::domain
