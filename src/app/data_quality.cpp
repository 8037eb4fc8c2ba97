#include "app/data_quality.hpp"

#include <algorithm>

#include "domain/monitoring.hpp"
#include "storage/data_quality_repository.hpp"

namespace metodist::app {

DataQualityReport data_quality(App& app, const Caller& caller, std::size_t offset, std::size_t limit) {
  const auto staff = require_scope(caller, domain::Action::write_staff, "смотреть качество данных реестра");
  auto all = app.db->read([&](storage::Connection& c) { return storage::data_quality::organisations(c, staff); });
  DataQualityReport r;
  r.age_indicators = domain::indicators_needing_age(domain::indicators_of_set(""));
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
  r.total = all.size();
  for (std::size_t i = offset; i < all.size() && i < offset + limit; ++i) r.items.push_back(std::move(all[i]));
  return r;
}

}  // namespace metodist::app
