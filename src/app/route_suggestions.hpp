// What a route can offer for each of a person's current deficits:
// programs of the registry with their next cohort, upcoming events, accepted
// practices of the bank and a colleague to mentor — ranked and explained by
// domain::rank_offers. The route form shows them per row; a drafted route
// takes the first (domain::offer_for_draft).
//
// As confidential as the diagnostics: the person and those who administer
// their diagnostics see it. Mentors are offered only to the administration
// (colleagues' names and results are theirs to see, not the teacher's), and
// «a high result in this competency» only where the caller may read that
// colleague's diagnostics.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "domain/suggestions.hpp"

namespace metodist::app {

using DeficitOffers = domain::DeficitOfferList;

// For `until` (ISO date; empty: a year from today) — the end of the route.
// Each offer is listed once, under the deficit it suits best
// (domain::list_each_offer_once).
std::vector<DeficitOffers> route_suggestions(App& app, const Caller& caller, std::int64_t person_id,
                                             const std::string& until = {});

// Inside the caller's transaction, access already checked; every deficit
// with all its offers (a drafted route picks per deficit).
std::vector<DeficitOffers> offers_for_deficits(storage::Connection& c, const Caller& caller, std::int64_t person_id,
                                               const domain::Date& until);

}  // namespace metodist::app
