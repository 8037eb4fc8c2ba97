// docs/security.md states who holds which role, who grants it and what each
// role may do; here those tables are rebuilt from the code's role table
// (domain::roles), its granting rule (domain::grant_refusal) and its scope
// rule (domain::scope_for), and compared cell by cell, so the document cannot
// drift from what the server enforces.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "domain/access.hpp"

using namespace metodist::domain;

namespace {

std::string read_doc() {
  std::ifstream in(std::string(METODIST_DOCS_DIR) + "/security.md");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string trim(std::string s) {
  const auto a = s.find_first_not_of(' ');
  const auto b = s.find_last_not_of(' ');
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// The rows of the table between «<!-- name: … -->» and «<!-- /name -->»,
// without the header and the separator line, as cells.
std::vector<std::vector<std::string>> table(const std::string& doc, const std::string& name) {
  const auto from = doc.find("<!-- " + name + ":");
  const auto to = doc.find("<!-- /" + name + " -->");
  EXPECT_NE(from, std::string::npos) << name;
  EXPECT_NE(to, std::string::npos) << name;
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(doc.substr(from, to - from));
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    if (!line.starts_with("|") || ++n <= 2) continue;
    std::vector<std::string> cells;
    std::size_t at = 1;
    for (auto bar = line.find('|', at); bar != std::string::npos; bar = line.find('|', at = bar + 1))
      cells.push_back(trim(line.substr(at, bar - at)));
    rows.push_back(cells);
  }
  return rows;
}

std::string binding(const RoleInfo& r) {
  switch (r.scope) {
    case ScopeKind::everything:
      return "вся РФ";
    case ScopeKind::territory:
      return r.scope_level == "region" ? "регион" : "муниципалитет";
    case ScopeKind::organisation:
      return "организация";
    case ScopeKind::person:
      return "своя персона";
    case ScopeKind::assignments:
      return "назначенные практики";
  }
  return "?";
}

// Who may grant the role, bound where the role belongs: the federal operator,
// a regional administration of that region, a coordinator of that municipality.
std::string granted_by(const RoleInfo& role) {
  std::string out = "федеральный оператор";
  Scope region;
  region.territories = {1};
  GrantFacts in_region{true, true, true};
  if (!grant_refusal(region, role.code, in_region)) out += "; региональный орган и институт этого региона";
  Scope municipality;
  municipality.territories = {2};
  GrantFacts in_municipality{role.scope_level != "region", true, true};
  if (!grant_refusal(municipality, role.code, in_municipality)) out += "; координатор этого муниципалитета";
  return out;
}

std::string described(const Scope& s, const RoleInfo& r) {
  if (s.everything) return "вся РФ";
  if (!s.territories.empty()) return r.scope_level == "region" ? "регион" : "муниципалитет";
  if (!s.organisations.empty()) return "организация";
  if (s.person) return "своя персона";
  return "—";
}

std::string without_notes(std::string cell) {
  for (const char* mark : {"¹", "²", "³"})
    for (auto at = cell.find(mark); at != std::string::npos; at = cell.find(mark))
      cell.erase(at, std::string(mark).size());
  return trim(cell);
}

}  // namespace

TEST(SecurityDoc, TheRolesTableIsTheCodesRoleTableWithItsGrantingRule) {
  const auto rows = table(read_doc(), "roles");
  ASSERT_EQ(rows.size(), roles().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& role = roles()[i];
    ASSERT_EQ(rows[i].size(), 4u);
    EXPECT_EQ(rows[i][0], "`" + std::string(role.code) + "`");
    EXPECT_EQ(rows[i][1], role.title) << role.code;
    EXPECT_EQ(rows[i][2], binding(role)) << role.code;
    EXPECT_EQ(rows[i][3], granted_by(role)) << role.code;
  }
}

// The header row of a marked table, as cells.
std::vector<std::string> header(const std::string& doc, const std::string& name) {
  const auto from = doc.find("<!-- " + name + ":");
  const auto line_at = doc.find("\n|", from);
  const auto line = doc.substr(line_at + 1, doc.find('\n', line_at + 1) - line_at - 1);
  std::vector<std::string> cells;
  std::size_t at = 1;
  for (auto bar = line.find('|', at); bar != std::string::npos; bar = line.find('|', at = bar + 1))
    cells.push_back(trim(line.substr(at, bar - at)));
  return cells;
}

TEST(SecurityDoc, TheActionsTableIsTheCodesRightsTable) {
  const auto cells = header(read_doc(), "actions");
  ASSERT_EQ(cells.size(), 1 + rights().size());
  for (std::size_t a = 0; a < rights().size(); ++a) EXPECT_EQ(cells[a + 1], rights()[a].title);
  // A «supported» reach is marked with the note that explains it.
  const auto rows = table(read_doc(), "actions");
  ASSERT_EQ(rows.size(), roles().size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t a = 0; a < rights().size(); ++a)
      EXPECT_EQ(rows[i][a + 1] == "—¹", rights()[a].reach[i] == Reach::supported)
          << roles()[i].code << ", " << rights()[a].title;
}

TEST(SecurityDoc, TheActionsTableIsWhatScopeForGrants) {
  std::vector<Action> actions;
  for (const auto& right : rights()) actions.push_back(right.action);
  const auto rows = table(read_doc(), "actions");
  ASSERT_EQ(rows.size(), roles().size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& role = roles()[i];
    ASSERT_EQ(rows[i].size(), 1 + std::size(actions)) << role.code;
    EXPECT_EQ(rows[i][0], "`" + std::string(role.code) + "`");
    Grant g{std::string(role.code), std::nullopt, std::nullopt};
    if (role.scope == ScopeKind::territory) g.territory_id = 1;
    if (role.scope == ScopeKind::organisation) g.organisation_id = 2;
    const std::vector<Grant> grants{g};
    const auto own = role.scope == ScopeKind::person ? std::optional<std::int64_t>(3) : std::nullopt;
    for (std::size_t a = 0; a < std::size(actions); ++a)
      EXPECT_EQ(without_notes(rows[i][a + 1]), described(scope_for(actions[a], grants, own), role))
          << role.code << ", column " << a + 1;
  }
}
