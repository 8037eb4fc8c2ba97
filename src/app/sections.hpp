// The sections of the interface offered to a caller: those their roles work
// in (domain/sections), less the ones whose actions their scope leaves empty
// (an import needs a registry to write, the audit log a right to read it);
// the methodist's cabinet also to a teacher who is a member of an active now
// (selected into it: a «педагог-методист» before any methodist role is given).
// The SPA builds its menu from this list and answers a page typed by hand
// outside it with «нет доступа»; requests are checked by their rights anyway.
#pragma once

#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"

namespace metodist::app {

std::vector<std::string> sections_of(App& app, const Caller& caller);

}  // namespace metodist::app
