// SQL for what a region sets in monitoring and for its campaigns:
// targets of built-in indicators, the region's own indicators, campaigns
// with the municipalities' submissions and entries, and the snapshot that
// locks a closed campaign's values. The caller owns the transaction and the
// access checks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/monitoring.hpp"
#include "storage/database.hpp"

namespace metodist::storage::monitoring {

// A target as stored: the kind's code, the value (or per year, JSON [[year, value], …]).
struct StoredTarget {
  std::optional<std::string> op;  // value targets: ">=" | "<="
  std::optional<double> value;
  std::string kind;     // domain::target_kind_code; "" for value
  std::string by_year;  // JSON; "" when none
};
// The domain's target, or none when nothing is set (a value target without an operator).
std::optional<domain::Target> target_of(const StoredTarget& t, const std::string& unit);
StoredTarget stored(const std::optional<domain::Target>& t);

struct Setting {
  std::int64_t region_id = 0;
  std::string code;
  StoredTarget target;  // none set: no target in this region
  std::string responsible;
};
std::vector<Setting> settings(Connection& c);  // every region's
void put_setting(Connection& c, const Setting& s);
void delete_setting(Connection& c, std::int64_t region_id, const std::string& code);

struct CustomIndicator {
  std::int64_t id = 0, region_id = 0;
  std::string code, name, unit, source, numerator, denominator, window, periodicity;
  std::string value_kind = "share";  // domain::value_kind_code
  std::string measure;               // domain::measure_code; "" for none
  StoredTarget target;
  std::string responsible;
  std::string basis;  // the approving order
};
std::vector<CustomIndicator> custom_indicators(Connection& c);  // every region's
std::int64_t insert_custom_indicator(Connection& c, const CustomIndicator& i);
void update_custom_indicator(Connection& c, const CustomIndicator& i);
void delete_custom_indicator(Connection& c, std::int64_t id);
// Campaigns of the region whose entries or stored values name the code: an
// indicator they use is not deleted (its values would lose their passport).
std::vector<std::string> campaigns_using(Connection& c, std::int64_t region_id, const std::string& code);

struct Campaign {
  std::int64_t id = 0, region_id = 0;
  std::string region_name;  // read only
  std::string title, set, period, collect_from, collect_to, report_due;
  domain::CampaignStatus status = domain::CampaignStatus::open;
  std::string closed_at;
  std::int64_t submissions = 0, approved = 0;  // read only
};
std::int64_t insert_campaign(Connection& c, const Campaign& k, std::optional<std::int64_t> account_id);
std::optional<Campaign> find_campaign(Connection& c, std::int64_t id);
std::vector<Campaign> campaigns_of_regions(Connection& c, const std::vector<std::int64_t>& regions);  // empty: all
void close_campaign(Connection& c, std::int64_t id);
// Closed campaigns of a set and period, by region.
std::vector<Campaign> closed_campaigns(Connection& c, const std::string& set, const std::string& period);

struct Submission {
  std::int64_t id = 0, campaign_id = 0, territory_id = 0;
  std::string territory_name;  // read only
  domain::SubmissionStatus status = domain::SubmissionStatus::draft;
  std::string comment, submitted_at, decided_at;
};
void insert_submission(Connection& c, std::int64_t campaign_id, std::int64_t territory_id);
// The municipalities that report now: a merged (abolished) one reports through the one it joined.
std::vector<std::int64_t> municipalities_of(Connection& c, std::int64_t region_id);
std::vector<Submission> submissions_of(Connection& c, std::int64_t campaign_id);
std::optional<Submission> find_submission(Connection& c, std::int64_t id);
void set_submission_status(Connection& c, std::int64_t id, domain::SubmissionStatus status, const std::string& comment);

struct Entry {
  std::string code;
  std::optional<double> numerator;  // a count or a mean entered by hand may be decimal; «да» is 1, «нет» 0
  std::optional<std::int64_t> denominator;
  bool confirmed = false;
  std::string evidence, note;
};
std::vector<Entry> entries_of(Connection& c, std::int64_t submission_id);
void put_entry(Connection& c, std::int64_t submission_id, const Entry& e);
// Entries of the approved (or, with `submitted`, also submitted) submissions
// of a set and period, by municipality: (territory, code) → entry.
struct PlacedEntry {
  std::int64_t territory_id = 0;
  Entry entry;
};
std::vector<PlacedEntry> entries_for(Connection& c, const std::string& set, const std::string& period);

struct SnapshotRow {
  std::string code, unit_level;
  std::int64_t unit_id = 0;
  double numerator = 0;
  std::optional<std::int64_t> denominator;
};
void put_snapshot(Connection& c, std::int64_t campaign_id, const std::vector<SnapshotRow>& rows);
std::vector<SnapshotRow> snapshot_of(Connection& c, std::int64_t campaign_id);

}  // namespace metodist::storage::monitoring
