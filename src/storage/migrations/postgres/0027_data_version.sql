-- The data versions and the shared computed results.
--
-- Monitoring counts from the tables below (storage/data_version.hpp names
-- them; a test checks every one has its triggers). Any change to them
-- advances the counter «monitoring» in the same transaction, so a computed
-- result stored with the version it was read at is current exactly while the
-- counter has not moved — on every app server, whichever wrote.
CREATE TABLE data_versions (
  name TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('monitoring', 1);

-- What a computation produced (monitoring values of a set, level and period,
-- a row per part: a region, the whole country), with the version of the data
-- it read; any app server answers from it while the version holds.
CREATE TABLE computed_results (
  key TEXT PRIMARY KEY,
  data_version BIGINT NOT NULL,
  computed_at TEXT NOT NULL,
  compute_ms BIGINT NOT NULL,  -- how long it took: a quick one is redone in the request, a long one behind it
  body TEXT NOT NULL
);

-- One computation of a key at a time across all servers: the server that
-- holds an unexpired lease computes, the others wait for its result or answer
-- with the last one.
CREATE TABLE computation_leases (
  key TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at BIGINT NOT NULL  -- milliseconds since 1970
);

-- Statement triggers: a bulk import of a million rows moves the version once
-- per statement, not per row. A statement that changed no rows moves it too
-- (harmless: one recomputation). The row lock on the counter is held to the
-- end of the writing transaction, so results can never claim a version whose
-- data they did not see.
-- One function for both counters: the trigger names its counter.
CREATE FUNCTION advance_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = TG_ARGV[0];
  RETURN NULL;
END $$;
CREATE TRIGGER territories_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON territories FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER organisations_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER persons_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON persons FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER positions_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON positions FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER enrolments_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enrolments FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER cohorts_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cohorts FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER programs_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON programs FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER diagnostic_results_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON diagnostic_results FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER diagnostic_campaigns_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON diagnostic_campaigns FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER diagnostic_instruments_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON diagnostic_instruments FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER routes_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routes FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER mentoring_pairs_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON mentoring_pairs FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER event_registrations_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event_registrations FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER events_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER community_members_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON community_members FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER communities_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON communities FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER active_members_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON active_members FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER experts_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON experts FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER support_assignments_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON support_assignments FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER methodist_activities_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON methodist_activities FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER mentoring_programs_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON mentoring_programs FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER help_requests_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON help_requests FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER indicator_settings_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicator_settings FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER custom_indicators_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON custom_indicators FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER monitoring_campaigns_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON monitoring_campaigns FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER monitoring_submissions_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON monitoring_submissions FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER monitoring_entries_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON monitoring_entries FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');
CREATE TRIGGER monitoring_snapshots_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON monitoring_snapshots FOR EACH STATEMENT EXECUTE FUNCTION advance_version('monitoring');

-- The access version: who a session's caller is (the account, its roles and
-- scope, a methodist's support, the names shown with them). Servers keep
-- recognised sessions in memory while it holds; a logout, a block, a new
-- password or a changed role moves it, and the next request on any server
-- reads the session again (app/session_cache.hpp).
INSERT INTO data_versions (name, version) VALUES ('access', 1);
CREATE TRIGGER sessions_access AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sessions FOR EACH STATEMENT EXECUTE FUNCTION advance_version('access');
CREATE TRIGGER accounts_access AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON accounts FOR EACH STATEMENT EXECUTE FUNCTION advance_version('access');
CREATE TRIGGER role_assignments_access AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_assignments FOR EACH STATEMENT EXECUTE FUNCTION advance_version('access');
CREATE TRIGGER support_assignments_access AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON support_assignments FOR EACH STATEMENT EXECUTE FUNCTION advance_version('access');
CREATE TRIGGER territories_access AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON territories FOR EACH STATEMENT EXECUTE FUNCTION advance_version('access');
CREATE TRIGGER organisations_access AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations FOR EACH STATEMENT EXECUTE FUNCTION advance_version('access');
