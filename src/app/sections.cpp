#include "app/sections.hpp"

#include <algorithm>

#include "app/monitoring.hpp"
#include "domain/sections.hpp"
#include "storage/active_repository.hpp"

namespace metodist::app {

std::vector<std::string> sections_of(App& app, const Caller& caller) {
  std::vector<std::string> roles;
  for (const auto& r : caller.roles) roles.push_back(r.role);
  const bool member = caller.person_id && app.db->read([&](storage::Connection& c) {
    return storage::active::is_current_member(c, *caller.person_id);
  });
  auto out = domain::sections_of_roles(roles, member);
  const auto can = [&](domain::Action a) { return !scope_of(caller, a).empty(); };
  std::erase_if(out, [&](const std::string& s) {
    if (s == "import") return !can(domain::Action::write_registry) && !can(domain::Action::write_staff);
    if (s == "data_quality") return !can(domain::Action::write_staff);
    if (s == "monitoring") return !reads_monitoring(caller);
    if (s == "accounts") return !can(domain::Action::manage_accounts);
    if (s == "audit") return !can(domain::Action::read_audit);
    return false;
  });
  return out;
}

}  // namespace metodist::app
