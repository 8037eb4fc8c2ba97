#include "domain/territories.hpp"

#include <array>
#include <cctype>

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"

namespace metodist::domain {
namespace {

constexpr std::array kMunicipalityKinds{
    Term{"municipal_district", "Муниципальный район"},
    Term{"municipal_okrug", "Муниципальный округ"},
    Term{"city_okrug", "Городской округ"},
    Term{"city_okrug_with_districts", "Городской округ с внутригородским делением"},
    Term{"city_district", "Внутригородской район"},
    Term{"federal_city_territory", "Внутригородская территория города федерального значения"},
    Term{"urban_settlement", "Городское поселение"},
    Term{"rural_settlement", "Сельское поселение"},
};

constexpr std::array kChangeKinds{
    Term{"created", "Создана"},
    Term{"renamed", "Переименована"},
    Term{"recoded", "Изменён код"},
    Term{"merged", "Объединена с другой территорией"},
};

const char* expected_parent(std::string_view level) {
  if (level == "region") return "federation";
  if (level == "municipality") return "region";
  return nullptr;
}

}  // namespace

std::span<const Term> municipality_kinds() { return kMunicipalityKinds; }
std::span<const Term> territory_change_kinds() { return kChangeKinds; }

std::string next_territory_code(const Territory& t, const Territory& parent,
                                const std::function<bool(const std::string&)>& taken) {
  if (t.level == "region") {
    const int n = t.subject_number.value_or(0);
    return std::string("RU-") + (n < 10 ? "0" : "") + std::to_string(n);
  }
  for (int n = 1; n < 1000; ++n) {
    const std::string number = std::to_string(n);
    std::string code = parent.code + "-" + std::string(3 - number.size(), '0') + number;
    if (!taken(code)) return code;
  }
  return {};
}

std::optional<std::string> parse_oktmo(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9')
      digits.push_back(c);
    else if (c != ' ' && c != '-')
      return std::nullopt;
  }
  if (digits.size() != 8 && digits.size() != 11) return std::nullopt;
  return digits;
}

void validate_territory(const Territory& t, const Territory* parent) {
  if (!find_term(territory_levels(), t.level))
    throw Error::validation("level", "Уровень территории: federation, region или municipality");
  if (trim(t.name).empty()) throw Error::validation("name", "Укажите наименование территории");
  if (utf8_length(t.name) > 300) throw Error::validation("name", "Наименование длиннее 300 символов");
  if (trim(t.code).empty()) throw Error::validation("code", "Укажите код территории");
  if (t.code.size() > 40) throw Error::validation("code", "Код территории длиннее 40 символов");
  for (unsigned char c : t.code)
    if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.'))
      throw Error::validation("code", "Код территории: латинские буквы, цифры, «-», «_», «.» (например RU-24-007)");
  if (!t.oktmo.empty() && !parse_oktmo(t.oktmo))
    throw Error::validation("oktmo", "ОКТМО — 8 цифр для муниципального образования или 11 для поселения");
  if (t.subject_number && t.level != "region")
    throw Error::validation("subject_number", "Номер субъекта РФ указывается только для региона");
  if (t.subject_number && (*t.subject_number < 1 || *t.subject_number > 99))
    throw Error::validation("subject_number", "Номер субъекта РФ — от 1 до 99");
  if (!t.municipality_kind.empty() && t.level != "municipality")
    throw Error::validation("municipality_kind",
                            "Вид муниципального образования указывается только для муниципалитета");
  if (!t.municipality_kind.empty() && !find_term(municipality_kinds(), t.municipality_kind))
    throw Error::validation("municipality_kind",
                            "Неизвестный вид муниципального образования «" + t.municipality_kind + "»");
  const char* want = expected_parent(t.level);
  if (!want && parent) throw Error::validation("parent_id", "Российская Федерация не входит в другую территорию");
  if (want && !parent)
    throw Error::validation("parent_id", t.level == "region" ? "Регион входит в Российскую Федерацию: укажите её"
                                                             : "Укажите регион, в который входит муниципалитет");
  if (want && parent->level != want)
    throw Error::validation("parent_id", t.level == "region"
                                             ? "Регион входит только в Российскую Федерацию"
                                             : "Муниципалитет входит в регион, а не в «" + parent->name + "»");
  if (parent && !parent->abolished_on.empty())
    throw Error::validation("parent_id", "«" + parent->name + "» упразднена " + russian_date(parent->abolished_on));
}

std::optional<std::string> merge_refusal(const Territory& merged, const Territory& into) {
  if (merged.id == into.id) return "Муниципалитет нельзя объединить с самим собой";
  if (merged.level != "municipality" || into.level != "municipality")
    return "Объединяются только муниципальные образования";
  if (merged.parent_id != into.parent_id) return "Объединяются муниципалитеты одного региона";
  if (!merged.abolished_on.empty()) return "«" + merged.name + "» уже упразднена " + russian_date(merged.abolished_on);
  if (!into.abolished_on.empty()) return "«" + into.name + "» упразднена " + russian_date(into.abolished_on);
  return std::nullopt;
}

}  // namespace metodist::domain
