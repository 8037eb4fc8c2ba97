-- Accounts, their roles with scopes, sessions, login throttling and the audit log.
-- Timestamps are ISO text (UTC) on both backends, like created_at elsewhere.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,            -- stored lower-case
  email TEXT UNIQUE,                     -- stored lower-case
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  search_key TEXT NOT NULL,             -- login, e-mail and name folded in C++
  person_id INTEGER REFERENCES persons(id),
  is_active INTEGER NOT NULL DEFAULT 1,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  password_changed_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE role_assignments (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  role TEXT NOT NULL,
  territory_id INTEGER REFERENCES territories(id),
  organisation_id INTEGER REFERENCES organisations(id),
  created_at TEXT NOT NULL
);
CREATE INDEX role_assignments_account ON role_assignments(account_id);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_digest TEXT NOT NULL UNIQUE,     -- never the token itself
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL DEFAULT 'browser',  -- browser | api
  name TEXT,                             -- what an API token is for
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  remote TEXT
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE login_failures (
  throttle_key TEXT NOT NULL,            -- "account:<login>" or "address:<ip>"
  failed_at TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(throttle_key, failed_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  account_id INTEGER,
  action TEXT NOT NULL,                  -- create | update | delete | login | ...
  entity TEXT NOT NULL,
  entity_id INTEGER,
  before_json TEXT,
  after_json TEXT,
  request_id TEXT,
  remote TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_log_at ON audit_log(at);

-- The audit log is append-only, whoever connects.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
