// Endpoint handlers: HTTP in, use case call, JSON out. No RESTinio here, and
// no SQL or rules either: those live in app/ and below.
#pragma once

#include <atomic>
#include <string_view>

#include "app/app.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"

namespace metodist::http {

class WorkerPool;

struct Context {
  app::App& app;
  Metrics& metrics;
  WorkerPool& workers;
  std::atomic<bool>& draining;  // set on SIGTERM: /readyz answers 503
};

using Handler = Response (*)(const Request&, Context&);

class JsonWriter;
class QueryReader;

// The OpenAPI document compiled into the binary (docs/openapi.yaml).
std::string_view openapi_document();

}  // namespace metodist::http
namespace metodist::app {
struct ExportFile;
struct Download;
struct ImportReport;
}  // namespace metodist::app
namespace metodist::io {
class Table;
}
namespace metodist::http {

namespace handlers {
// A file download: its type, an attachment name, and no caching.
Response file_response(const app::ExportFile& file);
// An uploaded file handed back (documents, practices): its sniffed type, the
// name in RFC 5987 form (Cyrillic survives), always as an attachment, in a
// sandbox so nothing in it can run in the site's origin.
Response download_response(const app::Download& file);
// The «format» query parameter of a download; xlsx when absent.
std::string file_format(const QueryReader& q);
// The uploaded file (the request body) read as a table; 400 naming "file" when empty or unreadable.
io::Table upload_table(const Request& r);
// An import's row report: 200, or 422 with the report when a real import found errors.
Response report_response(const app::ImportReport& report);
// Role assignments as JSON, with Russian titles: [{role, title, territory_id, organisation_id}].
void write_roles(JsonWriter& w, const std::vector<storage::accounts::RoleAssignment>& roles);

Response healthz(const Request&, Context&);
Response readyz(const Request&, Context&);
Response metrics(const Request&, Context&);
Response openapi(const Request&, Context&);
Response version(const Request&, Context&);
Response vocabularies(const Request&, Context&);

Response list_territories(const Request&, Context&);
Response get_territory(const Request&, Context&);
Response create_territory(const Request&, Context&);
Response update_territory(const Request&, Context&);
Response merge_territory(const Request&, Context&);
Response import_territories(const Request&, Context&);
Response import_template_territories(const Request&, Context&);
Response list_organisations(const Request&, Context&);
Response get_organisation(const Request&, Context&);
Response create_organisation(const Request&, Context&);
Response update_organisation(const Request&, Context&);
Response export_territories(const Request&, Context&);
Response export_organisations(const Request&, Context&);
Response list_persons(const Request&, Context&);
Response person_duplicates(const Request&, Context&);
Response merge_person(const Request&, Context&);
Response undo_person_merge(const Request&, Context&);
Response data_quality_organisations(const Request&, Context&);
Response export_persons(const Request&, Context&);
Response import_organisations(const Request&, Context&);
Response import_persons(const Request&, Context&);
Response import_template_organisations(const Request&, Context&);
Response import_completions(const Request&, Context&);
Response import_attendance(const Request&, Context&);
Response import_memberships(const Request&, Context&);
Response import_assignments(const Request&, Context&);
Response import_mentoring_pairs(const Request&, Context&);
Response import_help_requests(const Request&, Context&);
Response import_template_help_requests(const Request&, Context&);
Response import_template_mentoring_pairs(const Request&, Context&);
Response import_template_assignments(const Request&, Context&);
Response import_template_completions(const Request&, Context&);
Response import_template_attendance(const Request&, Context&);
Response import_template_memberships(const Request&, Context&);
Response import_template_persons(const Request&, Context&);
Response summary(const Request&, Context&);
Response todo(const Request&, Context&);
Response get_person(const Request&, Context&);
Response create_person(const Request&, Context&);
Response update_person(const Request&, Context&);
Response add_person_position(const Request&, Context&);
Response update_person_position(const Request&, Context&);
Response person_diagnostics(const Request&, Context&);
Response list_competencies(const Request&, Context&);
Response update_competency(const Request&, Context&);
Response list_campaigns(const Request&, Context&);
Response create_campaign(const Request&, Context&);
Response get_campaign(const Request&, Context&);
Response import_campaign_results(const Request&, Context&);
Response campaign_heatmap(const Request&, Context&);
Response person_enrolments(const Request&, Context&);
Response list_programs(const Request&, Context&);
Response create_program(const Request&, Context&);
Response get_program(const Request&, Context&);
Response create_cohort(const Request&, Context&);
Response list_cohort_enrolments(const Request&, Context&);
Response create_enrolment(const Request&, Context&);
Response change_enrolment_status(const Request&, Context&);
// Professional development after diagnostics: post-course support, route suggestions, group dynamics, level scales.
Response enrolment_support(const Request&, Context&);
Response create_enrolment_support(const Request&, Context&);
Response route_suggestions(const Request&, Context&);
Response diagnostics_dynamics(const Request&, Context&);
Response get_region_levels(const Request&, Context&);
Response put_region_levels(const Request&, Context&);
// Monitoring.
Response monitoring_indicators(const Request&, Context&);
Response monitoring_values(const Request&, Context&);
Response monitoring_persons(const Request&, Context&);
Response monitoring_report(const Request&, Context&);
Response create_custom_indicator(const Request&, Context&);
Response update_custom_indicator(const Request&, Context&);
Response delete_custom_indicator(const Request&, Context&);
Response get_region_targets(const Request&, Context&);
Response put_region_target(const Request&, Context&);
Response list_monitoring_campaigns(const Request&, Context&);
Response create_monitoring_campaign(const Request&, Context&);
Response get_monitoring_campaign(const Request&, Context&);
Response put_submission_entries(const Request&, Context&);
Response change_submission_status(const Request&, Context&);
Response close_monitoring_campaign(const Request&, Context&);
Response person_routes(const Request&, Context&);
Response create_route(const Request&, Context&);
Response get_route(const Request&, Context&);
Response update_route_rows(const Request&, Context&);
Response change_route_status(const Request&, Context&);
Response send_route(const Request&, Context&);
Response mark_route_row(const Request&, Context&);
Response export_route(const Request&, Context&);
Response draft_campaign_routes(const Request&, Context&);

Response list_events(const Request&, Context&);
Response export_events(const Request&, Context&);
Response get_event(const Request&, Context&);
Response create_event(const Request&, Context&);
Response update_event(const Request&, Context&);
Response list_event_registrations(const Request&, Context&);
Response create_event_registration(const Request&, Context&);
Response delete_event_registration(const Request&, Context&);
Response mark_event_attendance(const Request&, Context&);
Response leave_event_feedback(const Request&, Context&);
Response add_event_material(const Request&, Context&);
Response list_mentoring_programs(const Request&, Context&);
Response create_mentoring_program(const Request&, Context&);
Response get_mentoring_program(const Request&, Context&);
Response create_mentoring_pair(const Request&, Context&);
Response update_mentoring_pair(const Request&, Context&);
Response person_mentoring(const Request&, Context&);
Response list_young_teachers(const Request&, Context&);
Response mentor_suggestions(const Request&, Context&);
Response list_roadmaps(const Request&, Context&);
Response create_roadmap(const Request&, Context&);
Response get_roadmap(const Request&, Context&);
Response update_roadmap(const Request&, Context&);
Response add_roadmap_item(const Request&, Context&);
Response update_roadmap_item(const Request&, Context&);
Response list_item_reports(const Request&, Context&);
Response add_item_report(const Request&, Context&);
Response import_roadmap(const Request&, Context&);
Response export_roadmap(const Request&, Context&);
Response list_documents(const Request&, Context&);
Response create_document(const Request&, Context&);
Response get_document(const Request&, Context&);
Response update_document(const Request&, Context&);
Response add_document_version(const Request&, Context&);
Response download_document(const Request&, Context&);
Response parse_document_references(const Request&, Context&);
Response list_practices(const Request&, Context&);
Response create_practice(const Request&, Context&);
Response get_practice(const Request&, Context&);
Response update_practice(const Request&, Context&);
Response add_practice_file(const Request&, Context&);
Response download_practice_file(const Request&, Context&);
Response submit_practice(const Request&, Context&);
Response assign_practice_expert(const Request&, Context&);
Response withdraw_practice_expert(const Request&, Context&);
Response submit_practice_review(const Request&, Context&);
Response my_practice_reviews(const Request&, Context&);
Response decide_practice(const Request&, Context&);
Response get_expertise_settings(const Request&, Context&);
Response put_expertise_settings(const Request&, Context&);
Response list_practice_experts(const Request&, Context&);
Response add_practice_expert(const Request&, Context&);
Response end_practice_expert(const Request&, Context&);
Response list_communities(const Request&, Context&);
Response create_community(const Request&, Context&);
Response get_community(const Request&, Context&);
Response add_community_member(const Request&, Context&);
Response remove_community_member(const Request&, Context&);
Response add_community_material(const Request&, Context&);
Response list_community_posts(const Request&, Context&);
Response add_community_post(const Request&, Context&);
Response list_help_requests(const Request&, Context&);
Response create_help_request(const Request&, Context&);
Response get_help_request(const Request&, Context&);
Response help_request_methodists(const Request&, Context&);
Response assign_help_request(const Request&, Context&);
Response answer_help_request(const Request&, Context&);
Response close_help_request(const Request&, Context&);
Response reopen_help_request(const Request&, Context&);
Response cancel_help_request(const Request&, Context&);
Response help_statistics(const Request&, Context&);
Response list_notifications(const Request&, Context&);
Response read_notifications(const Request&, Context&);
Response notification_settings(const Request&, Context&);
Response update_notification_settings(const Request&, Context&);

Response list_selections(const Request&, Context&);
Response create_selection(const Request&, Context&);
Response get_selection(const Request&, Context&);
Response apply_to_selection(const Request&, Context&);
Response score_application(const Request&, Context&);
Response decide_application(const Request&, Context&);
Response issue_selection_order(const Request&, Context&);
Response order_document(const Request&, Context&);
Response list_active_members(const Request&, Context&);
Response add_active_member(const Request&, Context&);
Response end_active_member(const Request&, Context&);
Response school_teams(const Request&, Context&);
Response list_assignments(const Request&, Context&);
Response create_assignments(const Request&, Context&);
Response end_assignment(const Request&, Context&);
Response assignment_proposal(const Request&, Context&);
Response record_activity(const Request&, Context&);
Response methodist_cabinet(const Request&, Context&);
Response activity_report(const Request&, Context&);
Response support_thread(const Request&, Context&);
Response send_support_message(const Request&, Context&);
Response my_supporters(const Request&, Context&);
Response give_support_feedback(const Request&, Context&);
Response active_plan(const Request&, Context&);
Response add_plan_item(const Request&, Context&);
Response update_plan_item(const Request&, Context&);

Response login(const Request&, Context&);
Response logout(const Request&, Context&);
Response me(const Request&, Context&);
Response change_password(const Request&, Context&);
Response request_password_reset(const Request&, Context&);
Response reset_password(const Request&, Context&);
std::string session_cookie_name();
Response create_token(const Request&, Context&);
Response list_tokens(const Request&, Context&);
Response revoke_token(const Request&, Context&);

Response list_accounts(const Request&, Context&);
Response get_account(const Request&, Context&);
Response create_account(const Request&, Context&);
Response update_account(const Request&, Context&);
Response set_account_state(const Request&, Context&);
Response add_account_role(const Request&, Context&);
Response remove_account_role(const Request&, Context&);
Response reset_account_password(const Request&, Context&);
Response list_audit(const Request&, Context&);
Response export_accounts(const Request&, Context&);
Response export_audit(const Request&, Context&);
}  // namespace handlers

}  // namespace metodist::http
