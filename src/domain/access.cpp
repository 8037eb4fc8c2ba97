#include "domain/access.hpp"

#include <algorithm>
#include <array>

#include "domain/error.hpp"
#include "domain/text.hpp"

namespace metodist::domain {
namespace {

constexpr std::array kRoles{
    RoleInfo{"federal_operator", "Федеральный оператор", ScopeKind::everything, "", AdminLevel::federation},
    RoleInfo{"regional_ministry", "Региональный орган управления образованием", ScopeKind::territory, "region",
             AdminLevel::region},
    RoleInfo{"regional_institute", "Региональный институт развития образования / ЦНППМ", ScopeKind::territory, "region",
             AdminLevel::region},
    RoleInfo{"municipal_coordinator", "Координатор муниципальной методической службы", ScopeKind::territory,
             "municipality", AdminLevel::municipality},
    RoleInfo{"school_admin", "Администратор образовательной организации", ScopeKind::organisation, "",
             AdminLevel::organisation},
    RoleInfo{"methodist", "Методист", ScopeKind::territory, "region", AdminLevel::none},
    RoleInfo{"expert", "Эксперт", ScopeKind::assignments, "", AdminLevel::none},
    RoleInfo{"teacher", "Педагог", ScopeKind::person, "", AdminLevel::none},
};

static_assert(kRoles.size() == kRoleCount);

constexpr Reach N = Reach::none, S = Reach::scope, P = Reach::personal, U = Reach::supported;

// Columns: federal operator, regional ministry, regional institute, municipal
// coordinator, school administrator, methodist, expert, teacher (as kRoles).
// An expert sees only the practices assigned to them, through their reviews,
// and no registry; a teacher's scope is their own person.
constexpr std::array kRights{
    Right{Action::read_registry, "реестры: чтение", {S, S, S, S, S, S, N, S}},
    Right{Action::write_registry, "реестры: запись", {S, S, S, S, N, N, N, N}},
    Right{Action::write_staff, "кадры", {S, S, S, S, S, N, N, N}},
    Right{Action::manage_accounts, "учётные записи", {S, S, S, S, N, N, N, N}},
    Right{Action::read_audit, "журнал аудита", {S, N, N, N, N, N, N, N}},
    Right{Action::read_personal, "персональные данные", {P, P, P, P, P, U, N, S}},
    Right{Action::manage_diagnostics, "диагностика: кампании", {S, S, S, S, N, N, N, N}},
    // Individual results: the person and the administration of their school;
    // everyone else reads aggregates.
    Right{Action::read_diagnostics, "диагностика: личные результаты", {N, N, N, N, S, U, N, S}},
    Right{Action::organise_events, "мероприятия", {S, S, S, S, S, S, N, N}},
    Right{Action::coordinate_support, "координация поддержки", {S, S, S, S, N, N, N, N}},
};

constexpr bool rows_follow_actions() {
  for (std::size_t i = 0; i < kRights.size(); ++i)
    if (static_cast<std::size_t>(kRights[i].action) != i) return false;
  return true;
}
static_assert(rows_follow_actions(), "kRights has one row per Action, in the enum's order");

}  // namespace

std::span<const RoleInfo> roles() { return kRoles; }

std::span<const Right> rights() { return kRights; }

Reach reach_of(Action action, const RoleInfo& role) noexcept {
  const auto column = static_cast<std::size_t>(&role - kRoles.data());
  const auto row = static_cast<std::size_t>(action);
  if (column >= kRoles.size() || row >= kRights.size()) return Reach::none;
  return kRights[row].reach[column];
}

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
    const RoleInfo* role = find_role(g.role);
    if (!role) continue;
    switch (reach_of(action, *role)) {
      case Reach::none:
        continue;
      case Reach::supported:
        s.organisations.insert(s.organisations.end(), support.organisations.begin(), support.organisations.end());
        s.persons.insert(s.persons.end(), support.persons.begin(), support.persons.end());
        continue;
      case Reach::personal:
        if (role->level > policy.personal_data_up_to) continue;
        break;
      case Reach::scope:
        break;
    }
    switch (role->scope) {
      case ScopeKind::everything:
        s.everything = true;
        break;
      case ScopeKind::territory:
        if (g.territory_id) s.territories.push_back(*g.territory_id);
        break;
      case ScopeKind::organisation:
        if (g.organisation_id) s.organisations.push_back(*g.organisation_id);
        break;
      case ScopeKind::person:
        if (own_person) s.person = own_person;
        break;
      case ScopeKind::assignments:
        break;  // experts see what is assigned to them (practices), not registries
    }
  }
  // Everyone reads their own personal data and diagnostics, whatever their role.
  if ((action == Action::read_diagnostics || action == Action::read_personal) && own_person && !grants.empty())
    s.person = own_person;
  return s;
}

void validate_login(std::string_view login) {
  if (login.size() < 3 || login.size() > 64) throw Error::validation("login", "Логин — от 3 до 64 символов");
  for (char c : login) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) throw Error::validation("login", "Логин может содержать только латинские буквы, цифры, «.», «_» и «-»");
  }
}

namespace {

// RFC 5322 «atext»: what a local part may hold besides dots.
bool atext(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+/=?^_`{|}~-").find(static_cast<char>(c)) != std::string_view::npos;
}

bool valid_local_part(std::string_view local) {
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
  for (std::size_t i = 0; i < local.size(); ++i) {
    const auto c = static_cast<unsigned char>(local[i]);
    if (c == '.' ? local[i - 1] == '.' : !atext(c)) return false;
  }
  return true;
}

bool valid_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t labels = 0;
  for (std::size_t from = 0; from <= domain.size(); ++labels) {
    const auto dot = std::min(domain.find('.', from), domain.size());
    const auto label = domain.substr(from, dot - from);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char ch : label) {
      const auto c = static_cast<unsigned char>(ch);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    from = dot + 1;
  }
  return labels >= 2;
}

}  // namespace

void validate_email(std::string_view email) {
  if (has_control_characters(email))
    throw Error::validation("email",
                            "Адрес электронной почты содержит управляющие символы (перевод строки, табуляцию)");
  const auto at = email.rfind('@');
  const bool ok = email.size() <= 254 && at != std::string_view::npos && valid_local_part(email.substr(0, at)) &&
                  valid_domain(email.substr(at + 1));
  if (!ok)
    throw Error::validation("email",
                            "Адрес электронной почты указан неверно: нужен вид имя@домен.ru латинскими буквами "
                            "(адрес в зоне .рф — в виде xn--…)");
}

std::optional<std::string> grant_refusal(const Scope& manage, std::string_view role_code, const GrantFacts& facts) {
  if (manage.everything) return std::nullopt;
  const RoleInfo* role = find_role(role_code);
  if (!role) return "Неизвестная роль «" + std::string(role_code) + "»";
  switch (role->scope) {
    case ScopeKind::everything:
      return "Роль федерального оператора назначает только федеральный оператор";
    case ScopeKind::assignments:
      return "Роль эксперта назначает только федеральный оператор";
    case ScopeKind::territory:
      if (!facts.territory_covered)
        return "Роль «" + std::string(role->title) + "» назначается на территорию вне ваших полномочий";
      return std::nullopt;
    case ScopeKind::organisation:
      if (!facts.organisation_covered) return "Роль назначается на организацию вне ваших полномочий";
      return std::nullopt;
    case ScopeKind::person:
      if (!facts.person_works_in_scope) return "Педагог работает вне вашей территории";
      return std::nullopt;
  }
  return "Роль не может быть назначена";
}

void validate_new_password(std::string_view password, std::string_view login) {
  if (utf8_length(password) < 10) throw Error::validation("password", "Пароль должен быть не короче 10 символов");
  if (password.size() > 256) throw Error::validation("password", "Пароль длиннее 256 байт");
  bool letter = false, digit = false;
  for (unsigned char c : password) {
    if (c >= '0' && c <= '9')
      digit = true;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80)
      letter = true;
  }
  if (!letter || !digit) throw Error::validation("password", "Пароль должен содержать и буквы, и цифры");
  const auto folded = fold_for_search(password);
  if (!login.empty() && folded.find(fold_for_search(login)) != std::string::npos)
    throw Error::validation("password", "Пароль не должен содержать логин");
  for (std::string_view common : {"qwerty1234", "1234567890q", "password123", "йцукен12345", "qwertyuiop1"})
    if (folded == common) throw Error::validation("password", "Этот пароль слишком распространён, выберите другой");
}

}  // namespace metodist::domain
