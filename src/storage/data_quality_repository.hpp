// The gaps in the registry per organisation, read with one grouped scan of
// current workplaces; and the SQL test of «this person (and this workplace)
// lacks the field», shared with the staff list's «неполные данные» filter.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/access.hpp"
#include "domain/data_quality.hpp"
#include "storage/database.hpp"

namespace metodist::storage::data_quality {

// «p» is the person, «ps» the workplace; `field` a quality_fields() code, or
// "any" for a gap in any of them.
std::string missing_condition(std::string_view field);

// Educational organisations in the scope with current staff, their gaps
// (domain::OrganisationQuality::missing parallel to quality_fields()).
std::vector<domain::OrganisationQuality> organisations(Connection& c, const domain::Scope& scope);

}  // namespace metodist::storage::data_quality
