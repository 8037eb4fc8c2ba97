#include "domain/data_quality.hpp"

#include <algorithm>

namespace metodist::domain {
namespace {

constexpr QualityField kFields[] = {
    {"birth_date", "Дата рождения", "по ней определяется молодой педагог (до 35 лет)", true},
    {"ped_experience_since", "Начало педагогического стажа", "по нему определяется молодой педагог (стаж до 3 лет)",
     true},
    {"snils", "СНИЛС", "по нему один человек из двух школ остаётся одной записью (без него — только по ФИО)", false},
    {"subject_area", "Предметная область (учителя)",
     "по ней подбираются наставники и методисты той же предметной области", false},
};

}  // namespace

std::span<const QualityField> quality_fields() { return kFields; }

const QualityField* find_quality_field(std::string_view code) {
  for (const auto& f : kFields)
    if (f.code == code) return &f;
  return nullptr;
}

bool needs_age(const Indicator& ind) {
  const auto young = [](const Population& p) {
    return std::find(p.all.begin(), p.all.end(), Count::young) != p.all.end();
  };
  return ind.source == "computed" && (young(ind.numerator) || (ind.denominator && young(*ind.denominator)));
}

std::vector<std::string> indicators_needing_age(std::span<const Indicator* const> indicators) {
  std::vector<std::string> out;
  for (const auto* ind : indicators)
    if (needs_age(*ind)) out.push_back(ind->code);
  return out;
}

double completeness(const OrganisationQuality& q) {
  if (q.staff <= 0 || q.missing.empty()) return 1.0;
  std::int64_t gaps = 0;
  for (auto m : q.missing) gaps += m;
  return 1.0 - static_cast<double>(gaps) / static_cast<double>(q.staff * static_cast<std::int64_t>(q.missing.size()));
}

}  // namespace metodist::domain
