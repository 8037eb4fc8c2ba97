-- Monitoring (issue 8): what a region sets — targets of the built-in
-- indicators, indicators of its own composed from the counting primitives
-- (or entered by hand) — and the campaigns that collect, confirm, approve
-- and lock a period's values.
CREATE TABLE indicator_settings (
  region_id INTEGER NOT NULL REFERENCES territories(id),
  code TEXT NOT NULL,
  target_op TEXT CHECK (target_op IS NULL OR target_op IN ('>=', '<=')),  -- NULL: no target in this region
  target_value REAL,
  responsible TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (region_id, code)
);

CREATE TABLE custom_indicators (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES territories(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('%', 'ед.')),
  source TEXT NOT NULL CHECK (source IN ('computed', 'manual')),
  numerator TEXT,            -- primitive codes, comma-separated (computed)
  denominator TEXT,          -- NULL: a count
  time_window TEXT NOT NULL CHECK (time_window IN ('period', 'cumulative')),
  periodicity TEXT NOT NULL,
  target_op TEXT CHECK (target_op IS NULL OR target_op IN ('>=', '<=')),
  target_value REAL,
  responsible TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX custom_indicators_code ON custom_indicators(region_id, code);

CREATE TABLE monitoring_campaigns (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES territories(id),
  title TEXT NOT NULL,
  indicator_set TEXT NOT NULL CHECK (indicator_set IN ('fed', 'rmms', 'rma', 'reg')),
  period TEXT NOT NULL,                  -- as domain::parse_period reads it
  collect_from TEXT NOT NULL,
  collect_to TEXT NOT NULL,
  report_due TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at TEXT,
  created_by INTEGER REFERENCES accounts(id),
  created_at TEXT NOT NULL
);
CREATE INDEX monitoring_campaigns_region ON monitoring_campaigns(region_id, indicator_set, period);

-- A municipality's part of a campaign.
CREATE TABLE monitoring_submissions (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES monitoring_campaigns(id),
  territory_id INTEGER NOT NULL REFERENCES territories(id),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
  comment TEXT,
  submitted_at TEXT,
  decided_at TEXT,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX monitoring_submissions_one ON monitoring_submissions(campaign_id, territory_id);

-- What a municipality entered (indicators kept by hand) or confirmed (computed ones), with evidence.
CREATE TABLE monitoring_entries (
  submission_id INTEGER NOT NULL REFERENCES monitoring_submissions(id),
  code TEXT NOT NULL,
  numerator INTEGER,
  denominator INTEGER,
  confirmed INTEGER NOT NULL DEFAULT 0,
  evidence TEXT,
  note TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (submission_id, code)
);

-- A closed campaign's values, kept as they were: a closed period never changes.
CREATE TABLE monitoring_snapshots (
  campaign_id INTEGER NOT NULL REFERENCES monitoring_campaigns(id),
  code TEXT NOT NULL,
  unit_level TEXT NOT NULL,
  unit_id INTEGER NOT NULL,
  numerator INTEGER NOT NULL,
  denominator INTEGER,
  PRIMARY KEY (campaign_id, code, unit_level, unit_id)
);
