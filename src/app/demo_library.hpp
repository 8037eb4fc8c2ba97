// The part of the demo in app/demo_library.cpp: roadmaps,
// documents, experts and practices of the first region. Internal to the demo.
#pragma once

#include <cstdint>
#include <optional>

#include "app/app.hpp"
#include "domain/date.hpp"

namespace metodist::app {

// Runs the use cases as the command line's caller; `expert_person` is the demo
// expert account's person (a teacher of the region), who gets a review to do.
void demo_library(App& app, std::int64_t region, std::optional<std::int64_t> expert_person, const domain::Date& today);

}  // namespace metodist::app
