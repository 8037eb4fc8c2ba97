#include "domain/sections.hpp"

#include <algorithm>

namespace metodist::domain {
namespace {

constexpr bool Y = true, N = false;
// Columns: federal operator, regional ministry, regional institute, municipal
// coordinator, school administrator, methodist, expert, teacher (as roles()).
// One section per line reads as the table it is.
// clang-format off
constexpr std::array kSections{
    SectionInfo{"organisations", {Y, Y, Y, Y, Y, Y, N, N}},
    SectionInfo{"persons",       {Y, Y, Y, Y, Y, Y, N, N}},
    SectionInfo{"territories",   {Y, Y, Y, Y, N, N, N, N}},
    SectionInfo{"import",        {Y, Y, Y, Y, Y, N, N, N}},
    SectionInfo{"data_quality",  {Y, Y, Y, Y, Y, N, N, N}},  // gaps and duplicates: those who keep the staff
    SectionInfo{"monitoring",    {Y, Y, Y, Y, Y, Y, N, N}},
    SectionInfo{"diagnostics",   {Y, Y, Y, Y, Y, Y, N, N}},
    SectionInfo{"programs",      {Y, Y, Y, Y, Y, Y, N, Y}},
    SectionInfo{"events",        {Y, Y, Y, Y, Y, Y, Y, Y}},
    SectionInfo{"mentoring",     {Y, Y, Y, Y, Y, Y, N, Y}},  // a mentor or a mentee opens their programme
    SectionInfo{"communities",   {Y, Y, Y, Y, Y, Y, Y, Y}},
    SectionInfo{"help",          {Y, Y, Y, Y, Y, Y, N, Y}},
    SectionInfo{"active",        {Y, Y, Y, Y, Y, Y, Y, Y}},
    SectionInfo{"roadmaps",      {Y, Y, Y, Y, Y, N, N, N}},
    SectionInfo{"practices",     {Y, Y, Y, Y, Y, Y, Y, Y}},
    SectionInfo{"library",       {Y, Y, Y, Y, Y, Y, Y, Y}},
    SectionInfo{"cabinet",       {N, N, N, N, N, Y, N, N}},  // the methodist's digital cabinet
    SectionInfo{"support",       {N, N, N, N, N, N, N, Y}},  // a teacher's own support: routes, requests
    SectionInfo{"accounts",      {Y, Y, Y, Y, Y, N, N, N}},
    SectionInfo{"audit",         {Y, Y, Y, Y, Y, N, N, N}},
    SectionInfo{"api",           {Y, Y, Y, Y, Y, N, N, N}},  // API documentation and tokens: those who integrate systems
};
// clang-format on

}  // namespace

std::span<const SectionInfo> sections() { return kSections; }

std::vector<std::string> sections_of_roles(std::span<const std::string> role_codes, bool active_member) {
  std::vector<std::size_t> columns;
  for (const auto& code : role_codes)
    if (const auto* role = find_role(code)) columns.push_back(static_cast<std::size_t>(role - roles().data()));
  std::vector<std::string> out;
  for (const auto& s : kSections)
    if (std::any_of(columns.begin(), columns.end(), [&](std::size_t c) { return s.roles[c]; }) ||
        (active_member && s.code == "cabinet"))
      out.emplace_back(s.code);
  return out;
}

}  // namespace metodist::domain
