#include "storage/data_version.hpp"

namespace metodist::storage {

const std::vector<std::string>& monitored_tables() {
  static const std::vector<std::string> tables = {"territories",
                                                  "organisations",
                                                  "persons",
                                                  "positions",
                                                  "enrolments",
                                                  "cohorts",
                                                  "programs",
                                                  "diagnostic_results",
                                                  "diagnostic_campaigns",
                                                  "diagnostic_instruments",
                                                  "routes",
                                                  "mentoring_pairs",
                                                  "event_registrations",
                                                  "events",
                                                  "community_members",
                                                  "communities",
                                                  "active_members",
                                                  "experts",
                                                  "support_assignments",
                                                  "methodist_activities",
                                                  "mentoring_programs",
                                                  "help_requests",
                                                  "indicator_settings",
                                                  "custom_indicators",
                                                  "monitoring_campaigns",
                                                  "monitoring_submissions",
                                                  "monitoring_entries",
                                                  "monitoring_snapshots"};
  return tables;
}

std::int64_t monitoring_version(Connection& c) {
  return c.scalar("SELECT version FROM data_versions WHERE name = 'monitoring'");
}

const std::vector<std::string>& access_tables() {
  static const std::vector<std::string> tables = {
      "sessions", "accounts", "role_assignments", "support_assignments", "territories", "organisations"};
  return tables;
}

std::int64_t access_version(Connection& c) {
  return c.scalar("SELECT version FROM data_versions WHERE name = 'access'");
}

const std::vector<std::string>& staff_tables() {
  static const std::vector<std::string> tables = {"persons", "positions", "organisations", "territories"};
  return tables;
}

std::int64_t staff_version(Connection& c) { return c.scalar("SELECT version FROM data_versions WHERE name = 'staff'"); }

namespace {
VersionOnDay version_on_day(Connection& c, const char* name) {
  const auto row =
      c.query_one("SELECT version, CURRENT_DATE AS today FROM data_versions WHERE name = $1", {std::string(name)});
  return {row->int64("version"), row->text("today")};
}
}  // namespace

VersionOnDay staff_version_on_day(Connection& c) { return version_on_day(c, "staff"); }
VersionOnDay monitoring_version_on_day(Connection& c) { return version_on_day(c, "monitoring"); }

}  // namespace metodist::storage
