#include "app/data_quality.hpp"

#include <algorithm>

#include "app/answer_memo.hpp"
#include "domain/monitoring.hpp"
#include "storage/data_quality_repository.hpp"
#include "storage/data_version.hpp"

namespace metodist::app {

namespace {

// Every organisation of a scope ranked, with their sum: what each page cuts.
struct Ranked {
  std::vector<domain::OrganisationQuality> all;
  domain::OrganisationQuality overall;
};

Ranked rank(std::vector<domain::OrganisationQuality> all) {
  Ranked r;
  r.overall.name = "Всего";
  r.overall.missing.assign(domain::quality_fields().size(), 0);
  for (const auto& q : all) {
    r.overall.staff += q.staff;
    r.overall.age_unknown_teachers += q.age_unknown_teachers;
    for (std::size_t i = 0; i < q.missing.size(); ++i) r.overall.missing[i] += q.missing[i];
  }
  // The least complete first; among equals the larger staff (more people left out).
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    const double x = domain::completeness(a), y = domain::completeness(b);
    if (x != y) return x < y;
    if (a.staff != b.staff) return a.staff > b.staff;
    return a.name < b.name;
  });
  r.all = std::move(all);
  return r;
}

}  // namespace

DataQualityReport data_quality(App& app, const Caller& caller, std::size_t offset, std::size_t limit) {
  const auto staff = require_scope(caller, domain::Action::write_staff, "смотреть качество данных реестра");
  // Counting every current workplace of the scope takes a federal operator
  // 2 s: the ranking is kept while the data monitoring counts (persons,
  // workplaces, organisations) stands and the day is the same, for the next
  // page and the next person who asks.
  const auto ranked = app.db->read([&](storage::Connection& c) {
    const auto now = storage::monitoring_version_on_day(c);
    const std::string key = "data-quality|" + scope_key(staff) + "|" + now.today + "|" + std::to_string(now.version);
    return app.answers->find_or_make<Ranked>(key, [&] {
      auto r = std::make_shared<const Ranked>(rank(storage::data_quality::organisations(c, staff)));
      std::size_t bytes = key.size();
      for (const auto& q : r->all)
        bytes += sizeof q + q.code.size() + q.name.size() + q.territory_name.size() + 8 * q.missing.size() + 32;
      return std::pair{r, bytes};
    });
  });
  DataQualityReport r;
  r.age_indicators = domain::indicators_needing_age(domain::indicators_of_set(""));
  r.overall = ranked->overall;
  r.total = ranked->all.size();
  for (std::size_t i = offset; i < ranked->all.size() && i < offset + limit; ++i) r.items.push_back(ranked->all[i]);
  return r;
}

}  // namespace metodist::app
