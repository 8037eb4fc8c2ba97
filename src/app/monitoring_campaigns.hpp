// What a region sets in monitoring and how a period is collected:
//  - targets (and the responsible) of built-in indicators, per region;
//  - indicators of the region's own («reg» set): composed from the counting
//    primitives, or kept by hand (the municipalities enter them);
//  - campaigns: a set, a period, a collection window (the Chelyabinsk order № 017730: 15.04–10.05,
//    the справка by 05.06; the Altai РММС regulation (order № 1075): data in May and December). Each
//    municipality of the region gets a submission: it enters what cannot be
//    derived, confirms what is computed with evidence links, and submits; the
//    region approves or returns it; closing the campaign (every submission
//    approved) stores its values, so the closed period never changes.
// The region's keepers (coordinate_support over the region) set and run it;
// a municipality's coordinators fill their submission.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/auth.hpp"
#include "app/monitoring.hpp"
#include "storage/monitoring_campaigns_repository.hpp"

namespace metodist::app {

// A target as a form gives it: the kind's code (value, growth, no_decline,
// region_mean; "" is value), the operator and value, and values per year as
// people write them («2021: 9; 2022: 15»). Nothing for a value target with no
// operator and no years. Error::validation names target_kind, target_op,
// target_value or targets_by_year.
struct TargetDraft {
  std::string kind, op;
  std::optional<double> value;
  std::string by_year;
};
std::optional<domain::Target> target_from(const TargetDraft& d, const std::string& unit);

// A region's target of an indicator — built-in, or the region's own — with the
// responsible; 404 for a code the region does not have.
void set_indicator_target(App& app, const Caller& caller, std::int64_t region_id, const std::string& code,
                          const TargetDraft& target, const std::string& responsible,
                          const std::string& request_id = {});
// A region's own indicator; its code is «reg.» and a number or word, unique in
// the region. A count («ед.») has no denominator: one given is refused.
std::int64_t create_custom_indicator(App& app, const Caller& caller, storage::monitoring::CustomIndicator draft,
                                     const std::string& request_id = {});
// Changes an own indicator (its region stays); the code stays unique in the region.
void update_custom_indicator(App& app, const Caller& caller, storage::monitoring::CustomIndicator changes,
                             const std::string& request_id = {});
// Deletes an own indicator no campaign has collected (409 naming the campaigns otherwise).
void delete_custom_indicator(App& app, const Caller& caller, std::int64_t id, const std::string& request_id = {});

// The regions' own indicators the caller sees, and a region's targets.
std::vector<storage::monitoring::CustomIndicator> list_custom_indicators(App& app, const Caller& caller);
std::vector<storage::monitoring::Setting> region_targets(App& app, const Caller& caller, std::int64_t region_id);

std::vector<storage::monitoring::Campaign> list_monitoring_campaigns(App& app, const Caller& caller);
std::int64_t create_monitoring_campaign(App& app, const Caller& caller, storage::monitoring::Campaign draft,
                                        const std::string& request_id = {});

struct SubmissionCard {
  storage::monitoring::Submission submission;
  std::vector<storage::monitoring::Entry> entries;
  bool can_edit = false, can_decide = false;
};
struct CampaignCard {
  storage::monitoring::Campaign campaign;
  std::vector<SubmissionCard> submissions;    // all for the region's keepers; a municipality's own for it
  bool can_manage = false;                    // the region's keeper: decides and closes
  std::vector<domain::Indicator> indicators;  // of the campaign's set
};
CampaignCard get_monitoring_campaign(App& app, const Caller& caller, std::int64_t id);

// The municipality's entries, replaced one by one by code (draft or returned, campaign open).
void save_entries(App& app, const Caller& caller, std::int64_t submission_id,
                  const std::vector<storage::monitoring::Entry>& entries, const std::string& request_id = {});
// draft | returned → submitted (every indicator kept by hand entered); submitted → approved | returned (by the region).
void move_submission(App& app, const Caller& caller, std::int64_t submission_id, domain::SubmissionStatus status,
                     const std::string& comment, const std::string& request_id = {});
// Every submission approved → the values are stored and the campaign is closed (409 otherwise).
void close_monitoring_campaign(App& app, const Caller& caller, std::int64_t id, const std::string& request_id = {});

}  // namespace metodist::app
