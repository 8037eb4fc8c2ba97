#include "domain/access.hpp"

#include <array>

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace metodist::domain {
namespace {

constexpr std::array kRoles{
    RoleInfo{"federal_operator", "Федеральный оператор", ScopeKind::everything, "", AdminLevel::federation},
    RoleInfo{"regional_ministry", "Региональный орган управления образованием", ScopeKind::territory, "region",
             AdminLevel::region},
    RoleInfo{"regional_institute", "Региональный институт развития образования / ЦНППМ", ScopeKind::territory,
             "region", AdminLevel::region},
    RoleInfo{"municipal_coordinator", "Координатор муниципальной методической службы", ScopeKind::territory,
             "municipality", AdminLevel::municipality},
    RoleInfo{"school_admin", "Администратор образовательной организации", ScopeKind::organisation, "",
             AdminLevel::organisation},
    RoleInfo{"methodist", "Методист", ScopeKind::territory, "region", AdminLevel::none},
    RoleInfo{"expert", "Эксперт", ScopeKind::assignments, "", AdminLevel::none},
    RoleInfo{"teacher", "Педагог", ScopeKind::person, "", AdminLevel::none},
};

}  // namespace

std::span<const RoleInfo> roles() { return kRoles; }

const RoleInfo* find_role(std::string_view code) noexcept {
  for (const auto& r : kRoles)
    if (r.code == code) return &r;
  return nullptr;
}

std::optional<AdminLevel> parse_admin_level(std::string_view text) noexcept {
  if (text == "organisation") return AdminLevel::organisation;
  if (text == "municipality") return AdminLevel::municipality;
  if (text == "region") return AdminLevel::region;
  if (text == "federation") return AdminLevel::federation;
  return std::nullopt;
}

Scope scope_for(Action action, std::span<const Grant> grants, std::optional<std::int64_t> own_person,
                const AccessPolicy& policy, const Support& support) {
  Scope s;
  for (const auto& g : grants) {
    // Those a methodist supports: their personal data and individual results.
    if (g.role == "methodist" && (action == Action::read_diagnostics || action == Action::read_personal)) {
      s.organisations.insert(s.organisations.end(), support.organisations.begin(), support.organisations.end());
      s.persons.insert(s.persons.end(), support.persons.begin(), support.persons.end());
    }
    const RoleInfo* role = find_role(g.role);
    if (!role) continue;
    const bool administers = g.role == "federal_operator" || g.role == "regional_ministry" ||
                             g.role == "regional_institute" || g.role == "municipal_coordinator";
    if ((action == Action::write_registry || action == Action::manage_accounts ||
         action == Action::manage_diagnostics || action == Action::coordinate_support) && !administers)
      continue;
    // Individual results: the person and the administration of their school.
    // Methodists read those they support (added above), nothing by their territory.
    if (action == Action::read_diagnostics && role->scope != ScopeKind::person && g.role != "school_admin") continue;
    if (action == Action::write_staff && !administers && g.role != "school_admin") continue;
    if (action == Action::organise_events && !administers && g.role != "school_admin" && g.role != "methodist") continue;
    if (action == Action::read_audit && g.role != "federal_operator") continue;
    if (action == Action::read_personal && role->scope != ScopeKind::person &&
        (role->level == AdminLevel::none || role->level > policy.personal_data_up_to))
      continue;
    switch (role->scope) {
      case ScopeKind::everything: s.everything = true; break;
      case ScopeKind::territory:
        if (g.territory_id) s.territories.push_back(*g.territory_id);
        break;
      case ScopeKind::organisation:
        if (g.organisation_id) s.organisations.push_back(*g.organisation_id);
        break;
      case ScopeKind::person:
        if (own_person) s.person = own_person;
        break;
      case ScopeKind::assignments: break;  // experts see what is assigned to them (practices), not registries
    }
  }
  // Everyone reads their own personal data and diagnostics, whatever their role.
  if ((action == Action::read_diagnostics || action == Action::read_personal) && own_person && !grants.empty())
    s.person = own_person;
  return s;
}

void validate_login(std::string_view login) {
  if (login.size() < 3 || login.size() > 64)
    throw Error::validation("login", "Логин — от 3 до 64 символов");
  for (char c : login) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) throw Error::validation("login", "Логин может содержать только латинские буквы, цифры, «.», «_» и «-»");
  }
}

void validate_email(std::string_view email) {
  const auto at = email.find('@');
  const bool ok = email.size() <= 254 && at != std::string_view::npos && at > 0 &&
                  email.find('.', at) != std::string_view::npos && email.back() != '.' &&
                  email.find(' ') == std::string_view::npos && email.find('@', at + 1) == std::string_view::npos;
  if (!ok) throw Error::validation("email", "Адрес электронной почты указан неверно");
}

void validate_new_password(std::string_view password, std::string_view login) {
  if (utf8_length(password) < 10) throw Error::validation("password", "Пароль должен быть не короче 10 символов");
  if (password.size() > 256) throw Error::validation("password", "Пароль длиннее 256 байт");
  bool letter = false, digit = false;
  for (unsigned char c : password) {
    if (c >= '0' && c <= '9') digit = true;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) letter = true;
  }
  if (!letter || !digit) throw Error::validation("password", "Пароль должен содержать и буквы, и цифры");
  const auto folded = fold_for_search(password);
  if (!login.empty() && folded.find(fold_for_search(login)) != std::string::npos)
    throw Error::validation("password", "Пароль не должен содержать логин");
  for (std::string_view common : {"qwerty1234", "1234567890q", "password123", "йцукен12345", "qwertyuiop1"})
    if (folded == common) throw Error::validation("password", "Этот пароль слишком распространён, выберите другой");
}

}  // namespace metodist::domain
