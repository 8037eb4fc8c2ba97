// Methodical associations and professional communities: РМО of a
// municipality, ШМО of a school, professional, network and virtual
// communities. Their current members feed rmms.8 and their number rmms.9.
#pragma once

#include <span>
#include <string_view>

#include "domain/registry.hpp"

namespace metodist::domain {

std::span<const Term> community_kinds();  // rmo, shmo, professional, network, virtual
// A school's association (ШМО) belongs to one organisation; the others to a territory.
bool community_of_organisation(std::string_view kind) noexcept;
// Network and virtual communities: anyone in the territory may join by
// themself; associations are staffed by their leader or administration.
bool community_open_by_default(std::string_view kind) noexcept;

}  // namespace metodist::domain
