// Use cases of the registries: list, open and create territories and
// organisations, and the start-page summary.
//
// This is where access checks by role and territory will filter every query
// (see docs/architecture.md); handlers only translate HTTP to these calls.
#pragma once

#include "app/app.hpp"
#include "storage/registry_repository.hpp"

namespace metodist::app {

std::vector<domain::Territory> list_territories(App& app, const storage::registry::TerritoryFilter& f);
domain::Territory get_territory(App& app, std::int64_t id);

storage::registry::OrganisationPage list_organisations(App& app, const storage::registry::OrganisationFilter& f);
domain::Organisation get_organisation(App& app, std::int64_t id);
// Validates and stores a new organisation in one transaction; returns it with its id.
domain::Organisation create_organisation(App& app, domain::Organisation draft);

storage::registry::Summary summary(App& app, std::optional<std::int64_t> territory);

}  // namespace metodist::app
