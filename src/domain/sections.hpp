// The sections of the interface and the roles that work in each. The menu
// offers a caller the sections of their roles; a page of another section,
// typed by hand, says «нет доступа» instead of showing its buttons. A teacher
// meets their courses, events, requests and communities, not «Территории» or
// «Дорожные карты». This keeps a screen to one's own work only: every request
// is still checked by the rights of domain/access, whatever the menu shows.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.hpp"

namespace metodist::domain {

struct SectionInfo {
  std::string_view code;               // as the interface's routes name it: "organisations", "cabinet"
  std::array<bool, kRoleCount> roles;  // in the order of roles()
};
std::span<const SectionInfo> sections();

// The sections any of the roles works in, in the order of sections().
// Unknown role codes give nothing. A current member of an active (selected
// into it, a «педагог-методист» before any methodist role is granted) also
// works in the methodist's cabinet.
std::vector<std::string> sections_of_roles(std::span<const std::string> role_codes, bool active_member = false);

}  // namespace metodist::domain
