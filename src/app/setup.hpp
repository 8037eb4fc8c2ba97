// A region's first step on an empty database (metodist init): the Russian
// Federation at the top of the territory registry, the region, and the
// region's first administrator, who then builds the rest in the browser
// (docs/getting_started.md). One transaction: a refused step leaves nothing.
#pragma once

#include <optional>
#include <string>

#include "app/app.hpp"
#include "domain/registry.hpp"

namespace metodist::app {

struct RegionSetup {
  std::string region_name;  // «Красноярский край»
  int subject_number = 0;   // 24
  std::string oktmo;        // the region's ОКТМО, optional («04000000»)
  std::string login, display_name, email;
  std::string role = "regional_institute";  // or regional_ministry
  std::string password;                     // empty: generated, to be changed at first sign-in
};

struct RegionStart {
  domain::Territory region;
  bool federation_created = false;
  std::int64_t account_id = 0;
  std::string password;  // the temporary one when it was generated
  bool must_change_password = false;
};

// Throws domain::Error naming the bad field: a region with this number
// already there, a login taken, a role other than a region's.
RegionStart initialise_region(App& app, RegionSetup setup);

}  // namespace metodist::app
