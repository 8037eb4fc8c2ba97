// The audit log in words a person reads: «изменил(а) маршрут № 12» instead
// of `update route 12`, and each recorded field as «Тема: было → стало» with
// its Russian title (domain::field_title), dates as дд.мм.гггг, yes/no in
// words, statuses by their titles. The stored row keeps its codes and JSON
// for programs; this is how the page and the export show it.
#pragma once

#include <string>
#include <vector>

#include "storage/account_repository.hpp"

namespace metodist::app {

struct AuditChange {
  std::string field;   // Russian title
  std::string before;  // "" when the row recorded no earlier value
  std::string after;
};
struct AuditText {
  std::string summary;  // «изменил(а) маршрут № 12»
  std::vector<AuditChange> changes;
};

AuditText audit_text(const storage::accounts::AuditRow& row);

}  // namespace metodist::app
