-- The data versions and the shared computed results.
--
-- Monitoring counts from the tables below (storage/data_version.hpp names
-- them; a test checks every one has its triggers). Any change to them
-- advances the counter «monitoring» in the same transaction, so a computed
-- result stored with the version it was read at is current exactly while the
-- counter has not moved — on every app server, whichever wrote.
CREATE TABLE data_versions (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('monitoring', 1);

-- What a computation produced (monitoring values of a set, level and period,
-- a row per part: a region, the whole country), with the version of the data
-- it read; any app server answers from it while the version holds.
CREATE TABLE computed_results (
  key TEXT PRIMARY KEY,
  data_version INTEGER NOT NULL,
  computed_at TEXT NOT NULL,
  compute_ms INTEGER NOT NULL,  -- how long it took: a quick one is redone in the request, a long one behind it
  body TEXT NOT NULL
);

-- One computation of a key at a time across all servers: the server that
-- holds an unexpired lease computes, the others wait for its result or answer
-- with the last one.
CREATE TABLE computation_leases (
  key TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL  -- milliseconds since 1970
);

-- Row triggers (SQLite has no statement triggers): a row changed is a version moved.
CREATE TRIGGER territories_version_i AFTER INSERT ON territories BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER territories_version_u AFTER UPDATE ON territories BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER territories_version_d AFTER DELETE ON territories BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER organisations_version_i AFTER INSERT ON organisations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER organisations_version_u AFTER UPDATE ON organisations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER organisations_version_d AFTER DELETE ON organisations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER persons_version_i AFTER INSERT ON persons BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER persons_version_u AFTER UPDATE ON persons BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER persons_version_d AFTER DELETE ON persons BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER positions_version_i AFTER INSERT ON positions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER positions_version_u AFTER UPDATE ON positions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER positions_version_d AFTER DELETE ON positions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER enrolments_version_i AFTER INSERT ON enrolments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER enrolments_version_u AFTER UPDATE ON enrolments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER enrolments_version_d AFTER DELETE ON enrolments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER cohorts_version_i AFTER INSERT ON cohorts BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER cohorts_version_u AFTER UPDATE ON cohorts BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER cohorts_version_d AFTER DELETE ON cohorts BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER programs_version_i AFTER INSERT ON programs BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER programs_version_u AFTER UPDATE ON programs BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER programs_version_d AFTER DELETE ON programs BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER diagnostic_results_version_i AFTER INSERT ON diagnostic_results BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER diagnostic_results_version_u AFTER UPDATE ON diagnostic_results BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER diagnostic_results_version_d AFTER DELETE ON diagnostic_results BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER diagnostic_campaigns_version_i AFTER INSERT ON diagnostic_campaigns BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER diagnostic_campaigns_version_u AFTER UPDATE ON diagnostic_campaigns BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER diagnostic_campaigns_version_d AFTER DELETE ON diagnostic_campaigns BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER diagnostic_instruments_version_i AFTER INSERT ON diagnostic_instruments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER diagnostic_instruments_version_u AFTER UPDATE ON diagnostic_instruments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER diagnostic_instruments_version_d AFTER DELETE ON diagnostic_instruments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER routes_version_i AFTER INSERT ON routes BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER routes_version_u AFTER UPDATE ON routes BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER routes_version_d AFTER DELETE ON routes BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER mentoring_pairs_version_i AFTER INSERT ON mentoring_pairs BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER mentoring_pairs_version_u AFTER UPDATE ON mentoring_pairs BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER mentoring_pairs_version_d AFTER DELETE ON mentoring_pairs BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER event_registrations_version_i AFTER INSERT ON event_registrations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER event_registrations_version_u AFTER UPDATE ON event_registrations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER event_registrations_version_d AFTER DELETE ON event_registrations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER events_version_i AFTER INSERT ON events BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER events_version_u AFTER UPDATE ON events BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER events_version_d AFTER DELETE ON events BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER community_members_version_i AFTER INSERT ON community_members BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER community_members_version_u AFTER UPDATE ON community_members BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER community_members_version_d AFTER DELETE ON community_members BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER communities_version_i AFTER INSERT ON communities BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER communities_version_u AFTER UPDATE ON communities BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER communities_version_d AFTER DELETE ON communities BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER active_members_version_i AFTER INSERT ON active_members BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER active_members_version_u AFTER UPDATE ON active_members BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER active_members_version_d AFTER DELETE ON active_members BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER experts_version_i AFTER INSERT ON experts BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER experts_version_u AFTER UPDATE ON experts BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER experts_version_d AFTER DELETE ON experts BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER support_assignments_version_i AFTER INSERT ON support_assignments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER support_assignments_version_u AFTER UPDATE ON support_assignments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER support_assignments_version_d AFTER DELETE ON support_assignments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER methodist_activities_version_i AFTER INSERT ON methodist_activities BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER methodist_activities_version_u AFTER UPDATE ON methodist_activities BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER methodist_activities_version_d AFTER DELETE ON methodist_activities BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER mentoring_programs_version_i AFTER INSERT ON mentoring_programs BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER mentoring_programs_version_u AFTER UPDATE ON mentoring_programs BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER mentoring_programs_version_d AFTER DELETE ON mentoring_programs BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER help_requests_version_i AFTER INSERT ON help_requests BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER help_requests_version_u AFTER UPDATE ON help_requests BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER help_requests_version_d AFTER DELETE ON help_requests BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER indicator_settings_version_i AFTER INSERT ON indicator_settings BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER indicator_settings_version_u AFTER UPDATE ON indicator_settings BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER indicator_settings_version_d AFTER DELETE ON indicator_settings BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER custom_indicators_version_i AFTER INSERT ON custom_indicators BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER custom_indicators_version_u AFTER UPDATE ON custom_indicators BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER custom_indicators_version_d AFTER DELETE ON custom_indicators BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER monitoring_campaigns_version_i AFTER INSERT ON monitoring_campaigns BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER monitoring_campaigns_version_u AFTER UPDATE ON monitoring_campaigns BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER monitoring_campaigns_version_d AFTER DELETE ON monitoring_campaigns BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER monitoring_submissions_version_i AFTER INSERT ON monitoring_submissions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER monitoring_submissions_version_u AFTER UPDATE ON monitoring_submissions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER monitoring_submissions_version_d AFTER DELETE ON monitoring_submissions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER monitoring_entries_version_i AFTER INSERT ON monitoring_entries BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER monitoring_entries_version_u AFTER UPDATE ON monitoring_entries BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER monitoring_entries_version_d AFTER DELETE ON monitoring_entries BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER monitoring_snapshots_version_i AFTER INSERT ON monitoring_snapshots BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER monitoring_snapshots_version_u AFTER UPDATE ON monitoring_snapshots BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;
CREATE TRIGGER monitoring_snapshots_version_d AFTER DELETE ON monitoring_snapshots BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'monitoring'; END;

-- The access version: who a session's caller is (the account, its roles and
-- scope, a methodist's support, the names shown with them). Servers keep
-- recognised sessions in memory while it holds; a logout, a block, a new
-- password or a changed role moves it, and the next request on any server
-- reads the session again (app/session_cache.hpp).
INSERT INTO data_versions (name, version) VALUES ('access', 1);
CREATE TRIGGER sessions_access_i AFTER INSERT ON sessions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER sessions_access_u AFTER UPDATE ON sessions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER sessions_access_d AFTER DELETE ON sessions BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER accounts_access_i AFTER INSERT ON accounts BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER accounts_access_u AFTER UPDATE ON accounts BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER accounts_access_d AFTER DELETE ON accounts BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER role_assignments_access_i AFTER INSERT ON role_assignments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER role_assignments_access_u AFTER UPDATE ON role_assignments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER role_assignments_access_d AFTER DELETE ON role_assignments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER support_assignments_access_i AFTER INSERT ON support_assignments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER support_assignments_access_u AFTER UPDATE ON support_assignments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER support_assignments_access_d AFTER DELETE ON support_assignments BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER territories_access_i AFTER INSERT ON territories BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER territories_access_u AFTER UPDATE ON territories BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER territories_access_d AFTER DELETE ON territories BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER organisations_access_i AFTER INSERT ON organisations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER organisations_access_u AFTER UPDATE ON organisations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
CREATE TRIGGER organisations_access_d AFTER DELETE ON organisations BEGIN UPDATE data_versions SET version = version + 1 WHERE name = 'access'; END;
