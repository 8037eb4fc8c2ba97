#include "app/answer_memo.hpp"

#include <algorithm>
#include <vector>

namespace metodist::app {

std::string scope_key(const domain::Scope& scope) {
  if (scope.everything) return "all";
  auto text = [](std::vector<std::int64_t> ids) {
    std::sort(ids.begin(), ids.end());
    std::string out;
    for (auto id : ids) out += std::to_string(id) + ",";
    return out;
  };
  return "t" + text(scope.territories) + "o" + text(scope.organisations) + "p" +
         (scope.person ? std::to_string(*scope.person) : std::string()) + "s" + text(scope.persons);
}

}  // namespace metodist::app
