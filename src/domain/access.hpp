// Who may act, and over what: the roles of the system with their Russian
// titles and the kind of scope each is granted over, in one table; and the
// rules for logins and passwords. Enforcement lives in app/ (one place).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace metodist::domain {

// What a role assignment is bound to.
enum class ScopeKind {
  everything,    // the whole federation
  territory,     // a region or a municipality and everything below it
  organisation,  // one organisation
  person,        // the account's own person
  assignments,   // only objects assigned to the account (expert: practices)
};

// How high an administering role stands; used to decide, as configured, up to
// which level administrators see personal data.
enum class AdminLevel { none = 0, organisation = 1, municipality = 2, region = 3, federation = 4 };

struct RoleInfo {
  std::string_view code;
  std::string_view title;
  ScopeKind scope;
  std::string_view scope_level;  // for territory scopes: "region" or "municipality"
  AdminLevel level;              // none for methodist, expert and teacher
};

inline constexpr std::size_t kRoleCount = 8;
std::span<const RoleInfo> roles();
const RoleInfo* find_role(std::string_view code) noexcept;

// What a caller may see or change, as the union of its role assignments.
struct Scope {
  bool everything = false;
  std::vector<std::int64_t> territories;    // each with everything below it
  std::vector<std::int64_t> organisations;  // single organisations
  std::optional<std::int64_t> person;       // the caller's own person (teacher)
  std::vector<std::int64_t> persons;        // single other persons (a methodist's supported teachers)
  bool empty() const {
    return !everything && territories.empty() && organisations.empty() && !person && persons.empty();
  }
  // The whole federation (the system's own work, the federal operator).
  static Scope all() {
    Scope s;
    s.everything = true;
    return s;
  }
};

// What a methodist of the active supports now: whole schools and
// single teachers. It widens the methodist's view of those people's personal
// data and individual diagnostics, and nothing else.
struct Support {
  std::vector<std::int64_t> organisations;
  std::vector<std::int64_t> persons;
};

// One role assignment as the scope rules need it.
struct Grant {
  std::string role;
  std::optional<std::int64_t> territory_id;
  std::optional<std::int64_t> organisation_id;
};

// "organisation", "municipality", "region" or "federation"; nullopt otherwise.
std::optional<AdminLevel> parse_admin_level(std::string_view text) noexcept;

// Site-wide access settings (from the configuration file).
struct AccessPolicy {
  // Administrators of the person's organisation and the territorial roles
  // above it up to this level see personal data; higher ones see aggregates.
  AdminLevel personal_data_up_to = AdminLevel::federation;
};

enum class Action {
  read_registry,       // territories, organisations, aggregates
  write_registry,      // create and edit organisations
  write_staff,         // create and edit persons and their workplaces
  manage_accounts,     // see and create accounts whose roles lie within the scope
  read_audit,          // browse the audit log
  read_personal,       // a person's personal data (birth date, contacts...): 152-ФЗ
  manage_diagnostics,  // run diagnostic campaigns and load their results
  read_diagnostics,    // one person's diagnostic results (confidential; aggregates use read_registry)
  organise_events,     // hold events (master classes, seminars...) in the scope's calendar
  coordinate_support,  // assign methodists to requests for help, keep associations (РМО), see their statistics
};

// How far one role's right to one action reaches.
enum class Reach {
  none,       // not at all
  scope,      // the role's own scope: its territory, organisation or own person
  personal,   // its scope while its administering level is within policy.personal_data_up_to
              // (personal data, 152-ФЗ: administrators above that level read aggregates only)
  supported,  // only the schools and teachers the methodist supports (support_assignments)
};

// One action, its title in docs/security.md and how far each role reaches, in
// the order of roles().
struct Right {
  Action action;
  std::string_view title;
  std::array<Reach, kRoleCount> reach;
};

// The role rights, one row per action in the order of Action: scope_for reads
// them, docs/security.md shows them (tests/domain/security_doc_test.cpp).
std::span<const Right> rights();
Reach reach_of(Action action, const RoleInfo& role) noexcept;

// The scope a caller's grants give for an action: the union, over the grants,
// of each role's own scope as far as rights() lets it reach (a methodist's
// «supported» reach adds `support`). Everyone with a role reads their own
// personal data and diagnostic results, whatever the role.
Scope scope_for(Action action, std::span<const Grant> grants, std::optional<std::int64_t> own_person,
                const AccessPolicy& policy = {}, const Support& support = {});

// What is known about one role assignment, measured against the scope of a
// caller's account administration (Action::manage_accounts).
struct GrantFacts {
  bool territory_covered = false;      // the role's territory lies within the scope
  bool organisation_covered = false;   // the role's organisation lies within it
  bool person_works_in_scope = false;  // the account's person has a current workplace within it
};

// Why a caller whose account administration reaches `manage` may not grant
// `role` (Russian, for the 403 message), or nullopt when it may. The federal
// operator grants every role; the federal operator's and the expert's roles
// are granted by the federal operator only; a territorial role needs its
// territory inside the scope (so a municipal coordinator never grants a
// regional role), a school's role its organisation, a teacher's role the
// person working inside it. The same rule decides which accounts a caller
// administers at all: those all of whose roles it could grant
// (storage::accounts::administrable is its SQL form, tested against it).
std::optional<std::string> grant_refusal(const Scope& manage, std::string_view role, const GrantFacts& facts);

// A login: 3..64 characters of Latin letters, digits, «.», «_», «-».
// Throws Error naming the field "login".
void validate_login(std::string_view login);
// An e-mail address as RFC 5321 allows in practice: a local part of
// printable ASCII without spaces, quotes and brackets (at most 64 bytes), «@»,
// a domain of dot-separated labels of letters, digits and hyphens (or its
// punycode), at most 254 bytes in all. Control characters (a line feed would
// forge an SMTP header or envelope) are refused. Field "email".
void validate_email(std::string_view email);
// At least 10 characters, letters and digits both, not the login itself,
// not one of the passwords everyone tries first; field "password".
void validate_new_password(std::string_view password, std::string_view login);

}  // namespace metodist::domain
