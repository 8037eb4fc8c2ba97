#include "app/registry.hpp"

#include "domain/date.hpp"
#include "domain/error.hpp"
#include "domain/text.hpp"

namespace metodist::app {

namespace reg = storage::registry;

std::vector<domain::Territory> list_territories(App& app, const reg::TerritoryFilter& f) {
  return app.db->read([&](storage::Connection& c) { return reg::list_territories(c, f); });
}

domain::Territory get_territory(App& app, std::int64_t id) {
  auto t = app.db->read([&](storage::Connection& c) { return reg::find_territory(c, id); });
  if (!t) throw domain::Error::not_found("Территория не найдена");
  return *t;
}

reg::OrganisationPage list_organisations(App& app, const reg::OrganisationFilter& f) {
  reg::OrganisationFilter folded = f;
  folded.query = domain::fold_for_search(f.query);
  return app.db->read([&](storage::Connection& c) { return reg::list_organisations(c, folded); });
}

domain::Organisation get_organisation(App& app, std::int64_t id) {
  auto o = app.db->read([&](storage::Connection& c) { return reg::find_organisation(c, id); });
  if (!o) throw domain::Error::not_found("Организация не найдена");
  return *o;
}

domain::Organisation create_organisation(App& app, domain::Organisation draft) {
  draft.name = domain::trim(draft.name);
  draft.code = domain::trim(draft.code);
  domain::validate_organisation(draft);
  return app.db->write([&](storage::Connection& c) {
    auto territory = reg::find_territory(c, draft.territory_id);
    if (!territory) throw domain::Error::validation("territory_id", "Территория не найдена");
    if (territory->level == "federation")
      throw domain::Error::validation("territory_id", "Организация относится к региону или муниципалитету, не к РФ");
    try {
      draft.id = reg::insert_organisation(c, draft);
    } catch (const storage::Error& e) {
      if (e.kind() == storage::ErrorKind::unique_violation)
        throw domain::Error::conflict("code", "Организация с кодом «" + draft.code + "» уже есть в реестре");
      throw;
    }
    return draft;
  });
}

reg::Summary summary(App& app, std::optional<std::int64_t> territory) {
  if (territory) get_territory(app, *territory);
  const auto today = domain::Date::today().iso();
  return app.db->read([&](storage::Connection& c) { return reg::summary(c, territory, today); });
}

}  // namespace metodist::app
