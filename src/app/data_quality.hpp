// The registry's gaps as those who keep the staff see them: per educational
// organisation in their scope, how many current staff lack each field the
// indicators need, how complete it is, and how many teachers the
// young-teacher indicators cannot count; worst first. The persons to
// complete are the staff list with its «неполные данные» filter, and its
// export is a file in the import format a school fills and loads back.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "domain/data_quality.hpp"

namespace metodist::app {

struct DataQualityReport {
  std::vector<std::string> age_indicators;         // codes left short by a missing birth date or start of experience
  domain::OrganisationQuality overall;             // every organisation of the scope together
  std::size_t total = 0;                           // organisations
  std::vector<domain::OrganisationQuality> items;  // the page, the least complete first
};
DataQualityReport data_quality(App& app, const Caller& caller, std::size_t offset, std::size_t limit);

}  // namespace metodist::app
