// The part of the demo in app/demo_registry_faults.cpp: what real registries
// hold and the demo shows on purpose — СНИЛС for most people, the same teacher
// under two codes (sent by a second school, or entered twice by hand), and
// gaps in the fields indicators depend on — so the duplicates and data-quality
// pages have something to show. Internal to the demo.
#pragma once

#include "app/app.hpp"

namespace metodist::app {

// Chooses by ids, drawing nothing from the demo's random stream: the rest of
// the demo stays as it was without this part.
void demo_registry_faults(App& app);

}  // namespace metodist::app
