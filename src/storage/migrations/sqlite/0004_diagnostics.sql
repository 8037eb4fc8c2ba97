-- Diagnostics (issue 5): the competency framework, instruments, campaigns and
-- results per person per competency. The framework is filled from the
-- documented default at start-up when empty (storage/diagnostics_repository).
CREATE TABLE competencies (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  group_code TEXT NOT NULL,
  title TEXT NOT NULL,
  threshold REAL,                        -- % below which a result is a deficit; NULL: the default
  is_active INTEGER NOT NULL DEFAULT 1,
  sort_order INTEGER NOT NULL
);

CREATE TABLE diagnostic_instruments (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('competencies', 'functional_literacy')),
  provider TEXT,                         -- the platform or body that runs it
  created_at TEXT NOT NULL
);

CREATE TABLE diagnostic_campaigns (
  id INTEGER PRIMARY KEY,
  instrument_id INTEGER NOT NULL REFERENCES diagnostic_instruments(id),
  title TEXT NOT NULL,
  territory_id INTEGER NOT NULL REFERENCES territories(id),  -- where it runs: who manages it
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX diagnostic_campaigns_territory ON diagnostic_campaigns(territory_id);

-- One result per person per competency per campaign; functional literacy has
-- one overall result (competency_id NULL).
CREATE TABLE diagnostic_results (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES diagnostic_campaigns(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  competency_id INTEGER REFERENCES competencies(id),
  raw_score REAL NOT NULL,
  max_score REAL NOT NULL,
  percent REAL NOT NULL,
  measured_on TEXT NOT NULL
);
CREATE UNIQUE INDEX diagnostic_results_one ON diagnostic_results(campaign_id, person_id, COALESCE(competency_id, 0));
CREATE INDEX diagnostic_results_person ON diagnostic_results(person_id);
