// Request dispatch: endpoint table → RESTinio easy_parser_router, request
// translation, blocking work on the worker pool, one error shape, metrics and
// the access log. Handlers never see RESTinio types.
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <random>

#include "domain/error.hpp"
#include "domain/text.hpp"
#include "http/gzip.hpp"
#include "http/json.hpp"
#include "http/restinio_router.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "http/worker_pool.hpp"
#include "storage/database.hpp"

namespace metodist::http {
namespace {

namespace epr = restinio::router::easy_parser_router;
using Clock = std::chrono::steady_clock;

// Who may call an endpoint. Checked here, once, for every request; what a signed-in
// caller may see within an endpoint is filtered by scope in app/.
enum class Access {
  open,         // anyone, signed in or not
  signed_in,    // a live session or API token whose password is not a temporary one; 401 / 403 otherwise
  own_account,  // a live session even with a temporary password: only to see oneself, change it, sign out
};

struct Endpoint {
  const char* method;
  const char* path;
  Handler handler;
  bool blocking;  // touches the database: runs on the worker pool
  Access access = Access::open;
  bool upload = false;  // the body is a file: http.max_upload_bytes instead of max_json_bytes
};

// The one list of endpoints. docs/openapi.yaml must describe each of them
// (tests/http/openapi_test.cpp checks both ways).
constexpr Endpoint kEndpoints[] = {
    {"GET", "/healthz", handlers::healthz, false},
    {"GET", "/readyz", handlers::readyz, true},
    {"GET", "/metrics", handlers::metrics, false},
    {"GET", "/api/v1/openapi.yaml", handlers::openapi, false},
    {"GET", "/api/v1/version", handlers::version, false},
    {"GET", "/api/v1/vocabularies", handlers::vocabularies, false},
    {"GET", "/api/v1/summary", handlers::summary, true, Access::signed_in},
    {"GET", "/api/v1/todo", handlers::todo, true, Access::signed_in},
    {"GET", "/api/v1/territories", handlers::list_territories, true, Access::signed_in},
    {"GET", "/api/v1/territories/export", handlers::export_territories, true, Access::signed_in},
    {"POST", "/api/v1/territories", handlers::create_territory, true, Access::signed_in},
    {"GET", "/api/v1/territories/{id}", handlers::get_territory, true, Access::signed_in},
    {"PUT", "/api/v1/territories/{id}", handlers::update_territory, true, Access::signed_in},
    {"POST", "/api/v1/territories/{id}/merge", handlers::merge_territory, true, Access::signed_in},
    {"GET", "/api/v1/organisations", handlers::list_organisations, true, Access::signed_in},
    {"POST", "/api/v1/organisations", handlers::create_organisation, true, Access::signed_in},
    {"GET", "/api/v1/organisations/export", handlers::export_organisations, true, Access::signed_in},
    {"GET", "/api/v1/organisations/{id}", handlers::get_organisation, true, Access::signed_in},
    {"PUT", "/api/v1/organisations/{id}", handlers::update_organisation, true, Access::signed_in},
    {"GET", "/api/v1/persons", handlers::list_persons, true, Access::signed_in},
    {"POST", "/api/v1/persons", handlers::create_person, true, Access::signed_in},
    {"GET", "/api/v1/persons/export", handlers::export_persons, true, Access::signed_in},
    {"GET", "/api/v1/persons/duplicates", handlers::person_duplicates, true, Access::signed_in},
    {"POST", "/api/v1/persons/{id}/merge", handlers::merge_person, true, Access::signed_in},
    {"POST", "/api/v1/persons/merges/{id}/undo", handlers::undo_person_merge, true, Access::signed_in},
    {"GET", "/api/v1/data-quality/organisations", handlers::data_quality_organisations, true, Access::signed_in},
    {"GET", "/api/v1/persons/{id}", handlers::get_person, true, Access::signed_in},
    {"PUT", "/api/v1/persons/{id}", handlers::update_person, true, Access::signed_in},
    {"POST", "/api/v1/persons/{id}/positions", handlers::add_person_position, true, Access::signed_in},
    {"PUT", "/api/v1/persons/{id}/positions/{position_id}", handlers::update_person_position, true, Access::signed_in},
    {"GET", "/api/v1/persons/{id}/diagnostics", handlers::person_diagnostics, true, Access::signed_in},
    {"GET", "/api/v1/competencies", handlers::list_competencies, true, Access::signed_in},
    {"PUT", "/api/v1/competencies/{id}", handlers::update_competency, true, Access::signed_in},
    {"GET", "/api/v1/diagnostics/campaigns", handlers::list_campaigns, true, Access::signed_in},
    {"POST", "/api/v1/diagnostics/campaigns", handlers::create_campaign, true, Access::signed_in},
    {"GET", "/api/v1/diagnostics/campaigns/{id}", handlers::get_campaign, true, Access::signed_in},
    {"POST", "/api/v1/diagnostics/campaigns/{id}/results", handlers::import_campaign_results, true, Access::signed_in,
     true},
    {"GET", "/api/v1/diagnostics/campaigns/{id}/heatmap", handlers::campaign_heatmap, true, Access::signed_in},
    {"GET", "/api/v1/diagnostics/dynamics", handlers::diagnostics_dynamics, true, Access::signed_in},
    {"GET", "/api/v1/diagnostics/levels/{id}", handlers::get_region_levels, true, Access::signed_in},
    {"PUT", "/api/v1/diagnostics/levels/{id}", handlers::put_region_levels, true, Access::signed_in},
    {"GET", "/api/v1/monitoring/indicators", handlers::monitoring_indicators, true, Access::signed_in},
    {"GET", "/api/v1/monitoring/values", handlers::monitoring_values, true, Access::signed_in},
    {"GET", "/api/v1/monitoring/persons", handlers::monitoring_persons, true, Access::signed_in},
    {"GET", "/api/v1/monitoring/report", handlers::monitoring_report, true, Access::signed_in},
    {"POST", "/api/v1/monitoring/indicators", handlers::create_custom_indicator, true, Access::signed_in},
    {"PUT", "/api/v1/monitoring/indicators/{id}", handlers::update_custom_indicator, true, Access::signed_in},
    {"DELETE", "/api/v1/monitoring/indicators/{id}", handlers::delete_custom_indicator, true, Access::signed_in},
    {"GET", "/api/v1/monitoring/targets/{id}", handlers::get_region_targets, true, Access::signed_in},
    {"PUT", "/api/v1/monitoring/targets/{id}", handlers::put_region_target, true, Access::signed_in},
    {"GET", "/api/v1/monitoring/campaigns", handlers::list_monitoring_campaigns, true, Access::signed_in},
    {"POST", "/api/v1/monitoring/campaigns", handlers::create_monitoring_campaign, true, Access::signed_in},
    {"GET", "/api/v1/monitoring/campaigns/{id}", handlers::get_monitoring_campaign, true, Access::signed_in},
    {"POST", "/api/v1/monitoring/campaigns/{id}/close", handlers::close_monitoring_campaign, true, Access::signed_in},
    {"PUT", "/api/v1/monitoring/submissions/{id}/entries", handlers::put_submission_entries, true, Access::signed_in},
    {"POST", "/api/v1/monitoring/submissions/{id}/status", handlers::change_submission_status, true, Access::signed_in},
    {"POST", "/api/v1/diagnostics/campaigns/{id}/routes", handlers::draft_campaign_routes, true, Access::signed_in},
    {"GET", "/api/v1/persons/{id}/enrolments", handlers::person_enrolments, true, Access::signed_in},
    {"GET", "/api/v1/persons/{id}/routes", handlers::person_routes, true, Access::signed_in},
    {"POST", "/api/v1/persons/{id}/routes", handlers::create_route, true, Access::signed_in},
    {"GET", "/api/v1/persons/{id}/route-suggestions", handlers::route_suggestions, true, Access::signed_in},
    {"GET", "/api/v1/routes/{id}", handlers::get_route, true, Access::signed_in},
    {"GET", "/api/v1/routes/{id}/export", handlers::export_route, true, Access::signed_in},
    {"PUT", "/api/v1/routes/{id}/rows", handlers::update_route_rows, true, Access::signed_in},
    {"POST", "/api/v1/routes/{id}/status", handlers::change_route_status, true, Access::signed_in},
    {"POST", "/api/v1/routes/{id}/send", handlers::send_route, true, Access::signed_in},
    {"POST", "/api/v1/routes/{id}/rows/{row_id}/done", handlers::mark_route_row, true, Access::signed_in},
    {"GET", "/api/v1/programs", handlers::list_programs, true, Access::signed_in},
    {"POST", "/api/v1/programs", handlers::create_program, true, Access::signed_in},
    {"GET", "/api/v1/programs/{id}", handlers::get_program, true, Access::signed_in},
    {"POST", "/api/v1/programs/{id}/cohorts", handlers::create_cohort, true, Access::signed_in},
    {"GET", "/api/v1/cohorts/{id}/enrolments", handlers::list_cohort_enrolments, true, Access::signed_in},
    {"POST", "/api/v1/cohorts/{id}/enrolments", handlers::create_enrolment, true, Access::signed_in},
    {"POST", "/api/v1/enrolments/{id}/status", handlers::change_enrolment_status, true, Access::signed_in},
    {"GET", "/api/v1/enrolments/{id}/support", handlers::enrolment_support, true, Access::signed_in},
    {"POST", "/api/v1/enrolments/{id}/support", handlers::create_enrolment_support, true, Access::signed_in},
    {"GET", "/api/v1/events", handlers::list_events, true, Access::signed_in},
    {"POST", "/api/v1/events", handlers::create_event, true, Access::signed_in},
    {"GET", "/api/v1/events/export", handlers::export_events, true, Access::signed_in},
    {"GET", "/api/v1/events/{id}", handlers::get_event, true, Access::signed_in},
    {"PUT", "/api/v1/events/{id}", handlers::update_event, true, Access::signed_in},
    {"GET", "/api/v1/events/{id}/registrations", handlers::list_event_registrations, true, Access::signed_in},
    {"POST", "/api/v1/events/{id}/registrations", handlers::create_event_registration, true, Access::signed_in},
    {"DELETE", "/api/v1/events/{id}/registrations/{person_id}", handlers::delete_event_registration, true,
     Access::signed_in},
    {"POST", "/api/v1/events/{id}/attendance", handlers::mark_event_attendance, true, Access::signed_in},
    {"POST", "/api/v1/events/{id}/feedback", handlers::leave_event_feedback, true, Access::signed_in},
    {"POST", "/api/v1/events/{id}/materials", handlers::add_event_material, true, Access::signed_in},
    {"GET", "/api/v1/mentoring/programs", handlers::list_mentoring_programs, true, Access::signed_in},
    {"POST", "/api/v1/mentoring/programs", handlers::create_mentoring_program, true, Access::signed_in},
    {"GET", "/api/v1/mentoring/programs/{id}", handlers::get_mentoring_program, true, Access::signed_in},
    {"POST", "/api/v1/mentoring/programs/{id}/pairs", handlers::create_mentoring_pair, true, Access::signed_in},
    {"PUT", "/api/v1/mentoring/pairs/{id}", handlers::update_mentoring_pair, true, Access::signed_in},
    {"GET", "/api/v1/mentoring/young-teachers", handlers::list_young_teachers, true, Access::signed_in},
    {"GET", "/api/v1/persons/{id}/mentoring", handlers::person_mentoring, true, Access::signed_in},
    {"GET", "/api/v1/persons/{id}/mentor-suggestions", handlers::mentor_suggestions, true, Access::signed_in},
    {"GET", "/api/v1/roadmaps", handlers::list_roadmaps, true, Access::signed_in},
    {"POST", "/api/v1/roadmaps", handlers::create_roadmap, true, Access::signed_in},
    {"GET", "/api/v1/roadmaps/{id}", handlers::get_roadmap, true, Access::signed_in},
    {"PUT", "/api/v1/roadmaps/{id}", handlers::update_roadmap, true, Access::signed_in},
    {"POST", "/api/v1/roadmaps/{id}/items", handlers::add_roadmap_item, true, Access::signed_in},
    {"POST", "/api/v1/roadmaps/{id}/import", handlers::import_roadmap, true, Access::signed_in, true},
    {"GET", "/api/v1/roadmaps/{id}/export", handlers::export_roadmap, true, Access::signed_in},
    {"PUT", "/api/v1/roadmap-items/{id}", handlers::update_roadmap_item, true, Access::signed_in},
    {"GET", "/api/v1/roadmap-items/{id}/reports", handlers::list_item_reports, true, Access::signed_in},
    {"POST", "/api/v1/roadmap-items/{id}/reports", handlers::add_item_report, true, Access::signed_in},
    {"GET", "/api/v1/documents", handlers::list_documents, true, Access::signed_in},
    {"POST", "/api/v1/documents", handlers::create_document, true, Access::signed_in},
    {"POST", "/api/v1/documents/parse-references", handlers::parse_document_references, true, Access::signed_in},
    {"GET", "/api/v1/documents/{id}", handlers::get_document, true, Access::signed_in},
    {"PUT", "/api/v1/documents/{id}", handlers::update_document, true, Access::signed_in},
    {"POST", "/api/v1/documents/{id}/versions", handlers::add_document_version, true, Access::signed_in, true},
    {"GET", "/api/v1/documents/{id}/file", handlers::download_document, true, Access::signed_in},
    {"GET", "/api/v1/practices", handlers::list_practices, true, Access::signed_in},
    {"POST", "/api/v1/practices", handlers::create_practice, true, Access::signed_in},
    {"GET", "/api/v1/practices/reviews", handlers::my_practice_reviews, true, Access::signed_in},
    {"GET", "/api/v1/practices/{id}", handlers::get_practice, true, Access::signed_in},
    {"PUT", "/api/v1/practices/{id}", handlers::update_practice, true, Access::signed_in},
    {"POST", "/api/v1/practices/{id}/files", handlers::add_practice_file, true, Access::signed_in, true},
    {"GET", "/api/v1/practices/{id}/files/{file_id}", handlers::download_practice_file, true, Access::signed_in},
    {"POST", "/api/v1/practices/{id}/submit", handlers::submit_practice, true, Access::signed_in},
    {"POST", "/api/v1/practices/{id}/experts", handlers::assign_practice_expert, true, Access::signed_in},
    {"POST", "/api/v1/practices/{id}/decision", handlers::decide_practice, true, Access::signed_in},
    {"PUT", "/api/v1/practice-reviews/{id}", handlers::submit_practice_review, true, Access::signed_in},
    {"DELETE", "/api/v1/practice-reviews/{id}", handlers::withdraw_practice_expert, true, Access::signed_in},
    {"GET", "/api/v1/regions/{id}/expertise", handlers::get_expertise_settings, true, Access::signed_in},
    {"PUT", "/api/v1/regions/{id}/expertise", handlers::put_expertise_settings, true, Access::signed_in},
    {"GET", "/api/v1/regions/{id}/experts", handlers::list_practice_experts, true, Access::signed_in},
    {"POST", "/api/v1/regions/{id}/experts", handlers::add_practice_expert, true, Access::signed_in},
    {"DELETE", "/api/v1/experts/{id}", handlers::end_practice_expert, true, Access::signed_in},
    {"GET", "/api/v1/communities", handlers::list_communities, true, Access::signed_in},
    {"POST", "/api/v1/communities", handlers::create_community, true, Access::signed_in},
    {"GET", "/api/v1/communities/{id}", handlers::get_community, true, Access::signed_in},
    {"POST", "/api/v1/communities/{id}/members", handlers::add_community_member, true, Access::signed_in},
    {"DELETE", "/api/v1/communities/{id}/members/{person_id}", handlers::remove_community_member, true,
     Access::signed_in},
    {"POST", "/api/v1/communities/{id}/materials", handlers::add_community_material, true, Access::signed_in},
    {"GET", "/api/v1/communities/{id}/posts", handlers::list_community_posts, true, Access::signed_in},
    {"POST", "/api/v1/communities/{id}/posts", handlers::add_community_post, true, Access::signed_in},
    {"GET", "/api/v1/help-requests", handlers::list_help_requests, true, Access::signed_in},
    {"POST", "/api/v1/help-requests", handlers::create_help_request, true, Access::signed_in},
    {"GET", "/api/v1/help-requests/statistics", handlers::help_statistics, true, Access::signed_in},
    {"GET", "/api/v1/help-requests/{id}", handlers::get_help_request, true, Access::signed_in},
    {"GET", "/api/v1/help-requests/{id}/methodists", handlers::help_request_methodists, true, Access::signed_in},
    {"POST", "/api/v1/help-requests/{id}/assign", handlers::assign_help_request, true, Access::signed_in},
    {"POST", "/api/v1/help-requests/{id}/answer", handlers::answer_help_request, true, Access::signed_in},
    {"POST", "/api/v1/help-requests/{id}/close", handlers::close_help_request, true, Access::signed_in},
    {"POST", "/api/v1/help-requests/{id}/reopen", handlers::reopen_help_request, true, Access::signed_in},
    {"POST", "/api/v1/help-requests/{id}/cancel", handlers::cancel_help_request, true, Access::signed_in},
    {"GET", "/api/v1/notifications", handlers::list_notifications, true, Access::signed_in},
    {"POST", "/api/v1/notifications/read", handlers::read_notifications, true, Access::signed_in},
    {"GET", "/api/v1/notifications/settings", handlers::notification_settings, true, Access::signed_in},
    {"PUT", "/api/v1/notifications/settings", handlers::update_notification_settings, true, Access::signed_in},
    {"GET", "/api/v1/active/selections", handlers::list_selections, true, Access::signed_in},
    {"POST", "/api/v1/active/selections", handlers::create_selection, true, Access::signed_in},
    {"GET", "/api/v1/active/selections/{id}", handlers::get_selection, true, Access::signed_in},
    {"POST", "/api/v1/active/selections/{id}/applications", handlers::apply_to_selection, true, Access::signed_in},
    {"POST", "/api/v1/active/selections/{id}/order", handlers::issue_selection_order, true, Access::signed_in},
    {"POST", "/api/v1/active/applications/{id}/scores", handlers::score_application, true, Access::signed_in},
    {"POST", "/api/v1/active/applications/{id}/decision", handlers::decide_application, true, Access::signed_in},
    {"GET", "/api/v1/active/orders/{id}/document", handlers::order_document, true, Access::signed_in},
    {"GET", "/api/v1/active/members", handlers::list_active_members, true, Access::signed_in},
    {"POST", "/api/v1/active/members", handlers::add_active_member, true, Access::signed_in},
    {"POST", "/api/v1/active/members/{id}/end", handlers::end_active_member, true, Access::signed_in},
    {"GET", "/api/v1/active/teams", handlers::school_teams, true, Access::signed_in},
    {"GET", "/api/v1/active/assignments", handlers::list_assignments, true, Access::signed_in},
    {"POST", "/api/v1/active/assignments", handlers::create_assignments, true, Access::signed_in},
    {"GET", "/api/v1/active/assignments/proposal", handlers::assignment_proposal, true, Access::signed_in},
    {"DELETE", "/api/v1/active/assignments/{id}", handlers::end_assignment, true, Access::signed_in},
    {"POST", "/api/v1/active/activities", handlers::record_activity, true, Access::signed_in},
    {"GET", "/api/v1/active/cabinet", handlers::methodist_cabinet, true, Access::signed_in},
    {"GET", "/api/v1/active/report", handlers::activity_report, true, Access::signed_in},
    {"GET", "/api/v1/active/messages/{id}", handlers::support_thread, true, Access::signed_in},
    {"POST", "/api/v1/active/messages/{id}", handlers::send_support_message, true, Access::signed_in},
    {"GET", "/api/v1/active/supporters", handlers::my_supporters, true, Access::signed_in},
    {"POST", "/api/v1/active/feedback", handlers::give_support_feedback, true, Access::signed_in},
    {"GET", "/api/v1/active/plan", handlers::active_plan, true, Access::signed_in},
    {"POST", "/api/v1/active/plan", handlers::add_plan_item, true, Access::signed_in},
    {"PUT", "/api/v1/active/plan/{id}", handlers::update_plan_item, true, Access::signed_in},
    {"POST", "/api/v1/imports/territories", handlers::import_territories, true, Access::signed_in, true},
    {"POST", "/api/v1/imports/organisations", handlers::import_organisations, true, Access::signed_in, true},
    {"POST", "/api/v1/imports/persons", handlers::import_persons, true, Access::signed_in, true},
    {"GET", "/api/v1/imports/territories/template", handlers::import_template_territories, false},
    {"POST", "/api/v1/imports/completions", handlers::import_completions, true, Access::signed_in, true},
    {"POST", "/api/v1/imports/attendance", handlers::import_attendance, true, Access::signed_in, true},
    {"POST", "/api/v1/imports/memberships", handlers::import_memberships, true, Access::signed_in, true},
    {"POST", "/api/v1/imports/assignments", handlers::import_assignments, true, Access::signed_in, true},
    {"GET", "/api/v1/imports/assignments/template", handlers::import_template_assignments, false},
    {"POST", "/api/v1/imports/mentoring-pairs", handlers::import_mentoring_pairs, true, Access::signed_in, true},
    {"GET", "/api/v1/imports/mentoring-pairs/template", handlers::import_template_mentoring_pairs, false},
    {"POST", "/api/v1/imports/help-requests", handlers::import_help_requests, true, Access::signed_in, true},
    {"GET", "/api/v1/imports/help-requests/template", handlers::import_template_help_requests, false},
    {"GET", "/api/v1/imports/completions/template", handlers::import_template_completions, false},
    {"GET", "/api/v1/imports/attendance/template", handlers::import_template_attendance, false},
    {"GET", "/api/v1/imports/memberships/template", handlers::import_template_memberships, false},
    {"GET", "/api/v1/imports/organisations/template", handlers::import_template_organisations, false},
    {"GET", "/api/v1/imports/persons/template", handlers::import_template_persons, false},
    {"POST", "/api/v1/auth/login", handlers::login, true},
    {"POST", "/api/v1/auth/logout", handlers::logout, true, Access::own_account},
    {"POST", "/api/v1/auth/password-reset", handlers::request_password_reset, true},
    {"POST", "/api/v1/auth/password-reset/confirm", handlers::reset_password, true},
    {"GET", "/api/v1/auth/me", handlers::me, true, Access::own_account},
    {"POST", "/api/v1/auth/password", handlers::change_password, true, Access::own_account},
    {"GET", "/api/v1/auth/tokens", handlers::list_tokens, true, Access::signed_in},
    {"POST", "/api/v1/auth/tokens", handlers::create_token, true, Access::signed_in},
    {"DELETE", "/api/v1/auth/tokens/{id}", handlers::revoke_token, true, Access::signed_in},
    {"GET", "/api/v1/accounts", handlers::list_accounts, true, Access::signed_in},
    {"POST", "/api/v1/accounts", handlers::create_account, true, Access::signed_in},
    {"GET", "/api/v1/accounts/export", handlers::export_accounts, true, Access::signed_in},
    {"GET", "/api/v1/accounts/{id}", handlers::get_account, true, Access::signed_in},
    {"PUT", "/api/v1/accounts/{id}", handlers::update_account, true, Access::signed_in},
    {"POST", "/api/v1/accounts/{id}/state", handlers::set_account_state, true, Access::signed_in},
    {"POST", "/api/v1/accounts/{id}/roles", handlers::add_account_role, true, Access::signed_in},
    {"DELETE", "/api/v1/accounts/{id}/roles/{role_id}", handlers::remove_account_role, true, Access::signed_in},
    {"POST", "/api/v1/accounts/{id}/password-reset", handlers::reset_account_password, true, Access::signed_in},
    {"GET", "/api/v1/audit", handlers::list_audit, true, Access::signed_in},
    {"GET", "/api/v1/audit/export", handlers::export_audit, true, Access::signed_in},
};

// The session token from the cookie, or from «Authorization: Bearer …».
struct Credentials {
  std::string token;
  bool from_cookie = false;
};
std::optional<Credentials> credentials_of(const Request& r) {
  if (const auto* auth = r.header("authorization"); auth && auth->starts_with("Bearer "))
    return Credentials{auth->substr(7), false};
  if (const auto* cookies = r.header("cookie")) {
    const std::string name = handlers::session_cookie_name() + "=";
    std::string_view rest = *cookies;
    while (!rest.empty()) {
      const auto end = rest.find(';');
      auto item = rest.substr(0, end);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      if (item.starts_with(name) && item.size() > name.size())
        return Credentials{std::string(item.substr(name.size())), true};
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
  }
  return std::nullopt;
}

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

// The one place that decides whether a request may reach its handler: it
// resolves the caller, demands a session where the endpoint needs one, and
// demands the session's CSRF token on cookie-authenticated writes (a bearer
// token cannot be sent by a forged cross-site form, a cookie can).
std::optional<Response> admit(const Endpoint& spec, Request& r, Context& ctx) {
  // Endpoints served on the I/O thread are open and must not touch the database.
  if (!spec.blocking) return std::nullopt;
  if (auto cred = credentials_of(r)) {
    r.caller = app::authenticate(ctx.app, cred->token, cred->from_cookie);
    if (r.caller && cred->from_cookie && is_write(r.method)) {
      const auto* sent = r.header("x-csrf-token");
      if (!sent || *sent != r.caller->csrf_token)
        return error_response(403, "csrf",
                              "Запрос отклонён: нет действительного CSRF-токена (X-CSRF-Token). "
                              "Обновите страницу и повторите",
                              "X-CSRF-Token");
    }
  }
  if (spec.access != Access::open && !r.caller)
    return error_response(401, "unauthorized", "Войдите в систему: сессия отсутствует или истекла");
  // A temporary password (set by an administrator's reset) opens nothing but
  // its own change: whoever learnt it in transit cannot read or issue tokens.
  if (spec.access == Access::signed_in && r.caller->must_change_password)
    return error_response(403, "password_change_required",
                          "Смените временный пароль: до этого доступна только смена пароля", "new_password");
  return std::nullopt;
}

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
  }
  return "Unknown";
}

// Request ids: a per-process random prefix and a counter; an incoming
// X-Request-Id from a balancer is kept when it looks sane.
std::string next_request_id(const restinio::request_handle_t& req) {
  if (auto v = req->header().opt_value_of("X-Request-Id"); v && !v->empty() && v->size() <= 64) {
    bool sane = true;
    for (char ch : *v) sane = sane && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_');
    if (sane) return std::string(*v);
  }
  static const std::string prefix = [] {
    std::random_device rd;
    return fmt::format("{:08x}", rd());
  }();
  static std::atomic<std::uint64_t> counter{0};
  return fmt::format("{}-{}", prefix, ++counter);
}

// Does a request path fit a table pattern? A «{…}» segment matches one number.
bool pattern_matches(std::string_view pattern, std::string_view path) {
  if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  while (!pattern.empty() && !path.empty()) {
    const auto pe = pattern.find('/', 1), xe = path.find('/', 1);
    const auto pseg = pattern.substr(0, pe), xseg = path.substr(0, xe);
    if (pseg.size() > 2 && pseg[1] == '{' && pseg.back() == '}') {
      if (xseg.size() < 2) return false;
      for (char ch : xseg.substr(1))
        if (ch < '0' || ch > '9') return false;
    } else if (pseg != xseg) {
      return false;
    }
    pattern = pe == std::string_view::npos ? std::string_view{} : pattern.substr(pe);
    path = xe == std::string_view::npos ? std::string_view{} : path.substr(xe);
  }
  return pattern.empty() && path.empty();
}

}  // namespace

class Dispatcher {
 public:
  explicit Dispatcher(Context& ctx) : ctx_(ctx), files_(ctx.app.config.web_root) {
    for (const auto& spec : kEndpoints) metric_ids_.push_back(ctx.metrics.add_endpoint(spec.method, spec.path));
    unmatched_metric_ = ctx.metrics.add_endpoint("ANY", "(unmatched)");
    static_metric_ = ctx.metrics.add_endpoint("GET", "(web ui)");
  }

  restinio::request_handling_status_t serve(const restinio::request_handle_t& req, std::size_t index,
                                            std::vector<std::int64_t> ids) {
    const Endpoint& spec = kEndpoints[index];
    const auto started = Clock::now();
    auto rid = next_request_id(req);
    ctx_.metrics.in_flight.fetch_add(1);
    auto request = std::make_shared<Request>();
    const std::size_t limit = spec.upload ? ctx_.app.config.max_upload_bytes : ctx_.app.config.max_json_bytes;
    if (auto early = translate(req, *request, std::move(ids), rid, limit)) {
      finish(req, metric_ids_[index], std::move(*early), rid, started);
      return restinio::request_accepted();
    }
    if (!spec.blocking) {
      finish(req, metric_ids_[index], run(spec, *request), rid, started);
      return restinio::request_accepted();
    }
    const std::size_t metric = metric_ids_[index];
    const bool queued = ctx_.workers.post(
        [this, req, request, &spec, metric, rid, started] { finish(req, metric, run(spec, *request), rid, started); });
    if (!queued) {
      ctx_.metrics.queue_rejections.fetch_add(1);
      finish(req, metric, error_response(503, "overloaded", "Сервер перегружен, повторите запрос через минуту"), rid,
             started);
    }
    return restinio::request_accepted();
  }

  restinio::request_handling_status_t bad_path(const restinio::request_handle_t& req) {
    const auto started = Clock::now();
    auto rid = next_request_id(req);
    ctx_.metrics.in_flight.fetch_add(1);
    finish(req, unmatched_metric_,
           error_response(400, "bad_request",
                          "Некорректный адрес: ошибка кодирования символов (%-последовательность) в пути"),
           rid, started);
    return restinio::request_accepted();
  }

  restinio::request_handling_status_t not_matched(const restinio::request_handle_t& req) {
    const auto started = Clock::now();
    auto rid = next_request_id(req);
    ctx_.metrics.in_flight.fetch_add(1);
    const std::string path(req->header().path());
    const std::string method(req->header().method().c_str());
    const bool api = path.starts_with("/api/v1") || path == "/healthz" || path == "/readyz" || path == "/metrics";
    if (api) {
      std::string allow;
      for (const auto& spec : kEndpoints)
        if (pattern_matches(spec.path, path)) allow += (allow.empty() ? "" : ", ") + std::string(spec.method);
      Response resp = allow.empty() ? error_response(404, "not_found", "Нет такого адреса API: " + path)
                                    : error_response(405, "method_not_allowed",
                                                     "Метод " + method + " не поддерживается для " + path);
      if (!allow.empty()) resp.headers.emplace_back("Allow", allow);
      finish(req, unmatched_metric_, std::move(resp), rid, started);
      return restinio::request_accepted();
    }
    if (method != "GET" && method != "HEAD") {
      finish(req, unmatched_metric_,
             error_response(405, "method_not_allowed", "Метод " + method + " не поддерживается"), rid, started);
      return restinio::request_accepted();
    }
    const StaticFile* file = files_.resolve(path);
    if (!file) {
      finish(req, unmatched_metric_, error_response(404, "not_found", "Страница не найдена: " + path), rid, started);
      return restinio::request_accepted();
    }
    const auto accept = req->header().opt_value_of("Accept-Encoding");
    const StaticBody chosen = choose_body(*file, accept ? std::string_view(*accept) : std::string_view{});
    Response resp;
    resp.content_type = file->content_type;
    resp.headers = {{"Cache-Control", file->cache_control}, {"ETag", chosen.etag}};
    // Caches keep one copy per encoding of the files that have several.
    if (!file->br.empty() || !file->gzip.empty()) resp.headers.emplace_back("Vary", "Accept-Encoding");
    if (!chosen.encoding.empty()) resp.headers.emplace_back("Content-Encoding", std::string(chosen.encoding));
    if (auto inm = req->header().opt_value_of("If-None-Match"); inm && *inm == chosen.etag) {
      resp.status = 304;
    } else if (method == "GET") {
      resp.body = *chosen.body;
    }
    if (file->content_type.starts_with("text/html")) {
      resp.headers.emplace_back("X-Frame-Options", "DENY");
      resp.headers.emplace_back("Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                "font-src 'self' data:; frame-ancestors 'none'");
    }
    finish(req, static_metric_, std::move(resp), rid, started);
    return restinio::request_accepted();
  }

 private:
  // Fills `out` from the wire; returns a response when the request is refused
  // before any handler runs (oversize body, unreadable query).
  std::optional<Response> translate(const restinio::request_handle_t& req, Request& out, std::vector<std::int64_t> ids,
                                    const std::string& rid, std::size_t max_body) {
    out.method = req->header().method().c_str();
    out.path = std::string(req->header().path());
    out.ids = std::move(ids);
    out.request_id = rid;
    req->header().for_each_field([&](const restinio::http_header_field_t& f) {
      out.headers.emplace_back(domain::ascii_lower(f.name()), f.value());
    });
    // Behind nginx the peer is the proxy: the client is in X-Real-IP.
    out.remote = client_address(req->remote_endpoint().address().to_string(), out.header("x-real-ip"),
                                ctx_.app.config.trusted_proxies);
    if (req->body().size() > max_body)
      return error_response(413, "payload_too_large",
                            "Тело запроса больше допустимого (" + std::to_string(max_body) + " байт)");
    out.body = req->body();
    auto query = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(req->header().query());
    if (!query) return error_response(400, "bad_request", "Некорректная строка запроса (ошибка кодирования в URL)");
    for (const auto& [k, v] : *query) out.query.emplace_back(std::string(k), std::string(v));
    return std::nullopt;
  }

  // An upload (a file read into a table, checked and written) holds one of
  // http.max_concurrent_imports slots while its handler runs: a few large
  // files at once cannot take all of the server's memory and cores.
  class UploadSlot {
   public:
    UploadSlot(std::atomic<std::size_t>& used, std::size_t limit) : used_(used) {
      taken_ = used_.fetch_add(1) < limit;
      if (!taken_) used_.fetch_sub(1);
    }
    ~UploadSlot() {
      if (taken_) used_.fetch_sub(1);
    }
    UploadSlot(const UploadSlot&) = delete;
    UploadSlot& operator=(const UploadSlot&) = delete;
    bool taken() const { return taken_; }

   private:
    std::atomic<std::size_t>& used_;
    bool taken_ = false;
  };

  Response run(const Endpoint& spec, Request& r) noexcept {
    try {
      if (auto refused = admit(spec, r, ctx_)) return std::move(*refused);
      std::optional<UploadSlot> slot;
      if (spec.upload && !slot.emplace(uploads_, ctx_.app.config.max_concurrent_imports).taken()) {
        auto busy = error_response(503, "uploads_busy",
                                   "Сервер сейчас обрабатывает другие файлы. Повторите загрузку через минуту", "file");
        busy.headers.emplace_back("Retry-After", "30");
        return busy;
      }
      return spec.handler(r, ctx_);
    } catch (const domain::Error& e) {
      return error_response(e);
    } catch (const storage::Error& e) {
      switch (e.kind()) {
        case storage::ErrorKind::busy:
        case storage::ErrorKind::unavailable:
          spdlog::warn("rid={} база данных недоступна: {}", r.request_id, e.what());
          return error_response(503, "database_unavailable", "База данных временно недоступна, повторите запрос");
        case storage::ErrorKind::unique_violation:
          return error_response(409, "conflict", "Такая запись уже существует");
        case storage::ErrorKind::foreign_key_violation:
          return error_response(409, "conflict", "Запись связана с другими данными или ссылается на несуществующую");
        default:
          break;
      }
      spdlog::error("rid={} {} {}: {}", r.request_id, r.method, r.path, e.what());
    } catch (const std::exception& e) {
      spdlog::error("rid={} {} {}: {}", r.request_id, r.method, r.path, e.what());
    } catch (...) {
      spdlog::error("rid={} {} {}: unknown exception", r.request_id, r.method, r.path);
    }
    return error_response(500, "internal", "Внутренняя ошибка сервера. Код запроса для поддержки: " + r.request_id);
  }

  void finish(const restinio::request_handle_t& req, std::size_t metric, Response resp, const std::string& rid,
              Clock::time_point started) noexcept {
    // Counted before the response leaves: a client that reads /metrics right
    // after its own response must find that response counted (it raced before).
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    ctx_.metrics.record(metric, resp.status, seconds);
    ctx_.metrics.in_flight.fetch_sub(1);
    try {
      // Answers made now (JSON, CSV) go gzipped to a client that takes it; the
      // built UI brings its own compressed forms (StaticFiles), and so do
      // answers kept compressed by their handler (monitoring values).
      const bool encoded = std::any_of(resp.headers.begin(), resp.headers.end(),
                                       [](const auto& h) { return h.first == "Content-Encoding"; });
      if (metric != static_metric_ && !encoded && worth_compressing(resp.content_type, resp.body.size())) {
        resp.headers.emplace_back("Vary", "Accept-Encoding");
        const auto accept = req->header().opt_value_of("Accept-Encoding");
        if (gzip_wanted(accept.value_or(std::string_view{}), resp.content_type, resp.body.size()))
          if (auto zipped = gzip_or_plain(resp.body, rid)) {
            resp.body = std::move(*zipped);
            resp.headers.emplace_back("Content-Encoding", "gzip");
          }
      }
      auto builder = req->create_response(restinio::http_status_line_t{
          restinio::http_status_code_t{static_cast<std::uint16_t>(resp.status)}, reason(resp.status)});
      builder.append_header(restinio::http_field::content_type, resp.content_type);
      builder.append_header("X-Request-Id", rid);
      builder.append_header("X-Content-Type-Options", "nosniff");
      bool cache_set = false;
      for (auto& [k, v] : resp.headers) {
        cache_set = cache_set || k == "Cache-Control";
        builder.append_header(k, v);
      }
      if (!cache_set) builder.append_header(restinio::http_field::cache_control, "no-store");
      builder.set_body(std::move(resp.body));
      builder.done();
    } catch (const std::exception& e) {
      spdlog::warn("rid={} ответ не отправлен: {}", rid, e.what());
    }
    if (ctx_.app.config.access_log)
      spdlog::info("{} {} {} {:.2f}ms rid={}", req->header().method().c_str(), req->header().path(), resp.status,
                   seconds * 1000, rid);
  }

  Context& ctx_;
  std::atomic<std::size_t> uploads_{0};  // upload handlers running now
  const StaticFiles files_;
  std::vector<std::size_t> metric_ids_;
  std::size_t unmatched_metric_ = 0, static_metric_ = 0;
};

namespace {

// Splits «/a/{id}/b/{role_id}» into the literal fragments around its numeric
// parameters (any «{name}»).
std::vector<std::string> fragments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t open;
  while ((open = path.find('{')) != std::string_view::npos) {
    out.emplace_back(path.substr(0, open));
    path.remove_prefix(path.find('}', open) + 1);
  }
  out.emplace_back(path);
  return out;
}

template <class Handler>
void add(Router& router, restinio::http_method_id_t method, const std::vector<std::string>& f, Handler&& h) {
  auto id = [] { return epr::non_negative_decimal_number_p<std::int64_t>(); };
  if (f.size() == 1) {
    router.add_handler(method, epr::path_to_params(f[0]), [h](const auto& req) { return h(req, {}); });
  } else if (f.size() == 2 && f[1].empty()) {
    router.add_handler(method, epr::path_to_params(f[0], id()),
                       [h](const auto& req, std::int64_t a) { return h(req, {a}); });
  } else if (f.size() == 2) {
    router.add_handler(method, epr::path_to_params(f[0], id(), f[1]),
                       [h](const auto& req, std::int64_t a) { return h(req, {a}); });
  } else if (f.size() == 3 && f[2].empty()) {
    router.add_handler(method, epr::path_to_params(f[0], id(), f[1], id()),
                       [h](const auto& req, std::int64_t a, std::int64_t b) {
                         return h(req, {a, b});
                       });
  } else if (f.size() == 3) {
    router.add_handler(method, epr::path_to_params(f[0], id(), f[1], id(), f[2]),
                       [h](const auto& req, std::int64_t a, std::int64_t b) {
                         return h(req, {a, b});
                       });
  } else {
    throw std::logic_error("endpoint pattern with more than two {id} parameters");
  }
}

restinio::http_method_id_t method_id(std::string_view m) {
  if (m == "GET") return restinio::http_method_get();
  if (m == "POST") return restinio::http_method_post();
  if (m == "PUT") return restinio::http_method_put();
  if (m == "PATCH") return restinio::http_method_patch();
  if (m == "DELETE") return restinio::http_method_delete();
  throw std::logic_error("unsupported method in endpoint table");
}

}  // namespace

std::vector<EndpointInfo> endpoint_table() {
  std::vector<EndpointInfo> out;
  for (const auto& spec : kEndpoints) out.push_back({spec.method, spec.path});
  return out;
}

restinio::request_handling_status_t RequestHandler::operator()(restinio::request_handle_t req) const {
  try {
    return (*router_)(req);
  } catch (const std::exception&) {
    // Only the path's normalisation throws here: handlers catch their own.
    return dispatcher_->bad_path(req);
  }
}

std::unique_ptr<RequestHandler> make_router(Context& ctx) {
  // Shared by every endpoint's handler, so it lives exactly as long as the router.
  auto dispatcher = std::make_shared<Dispatcher>(ctx);
  auto router = std::make_unique<Router>();
  for (const auto& spec : kEndpoints)
    if (spec.access != Access::open && !spec.blocking)
      throw std::logic_error(std::string("endpoint ") + spec.path + " needs a session but runs on the I/O thread");
  for (std::size_t i = 0; i < std::size(kEndpoints); ++i) {
    add(*router, method_id(kEndpoints[i].method), fragments(kEndpoints[i].path),
        [dispatcher, i](const restinio::request_handle_t& req, std::vector<std::int64_t> ids) {
          return dispatcher->serve(req, i, std::move(ids));
        });
  }
  router->non_matched_request_handler(
      [dispatcher](restinio::request_handle_t req) { return dispatcher->not_matched(req); });
  return std::make_unique<RequestHandler>(std::move(router), dispatcher);
}

}  // namespace metodist::http
