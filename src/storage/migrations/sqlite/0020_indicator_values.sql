-- What a region's own indicator's value is, as its order writes it
-- (domain::ValueKind): a share, a count, a mean (of a measure of persons, or
-- of values the municipalities enter) or a municipality's «да/нет» answer;
-- a mean carries its own unit («балл», «ч.»), so the unit is no longer only
-- «%» or «ед.». SQLite cannot drop a CHECK: the table is rebuilt (nothing
-- refers to it; campaigns name indicators by code).
--   value_kind: share | count | mean | yes_no
--   measure: a computed mean's — competency_score | literacy_score
-- Hand-entered values may be decimal («63,4»): the numerator of entries and
-- snapshots becomes a REAL (those tables are rebuilt the same way).
CREATE TABLE custom_indicators_new (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES territories(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (length(unit) BETWEEN 1 AND 16),
  value_kind TEXT NOT NULL DEFAULT 'share' CHECK (value_kind IN ('share', 'count', 'mean', 'yes_no')),
  measure TEXT CHECK (measure IS NULL OR measure IN ('competency_score', 'literacy_score')),
  source TEXT NOT NULL CHECK (source IN ('computed', 'manual')),
  numerator TEXT,
  denominator TEXT,
  time_window TEXT NOT NULL CHECK (time_window IN ('period', 'cumulative')),
  periodicity TEXT NOT NULL,
  target_op TEXT CHECK (target_op IS NULL OR target_op IN ('>=', '<=')),
  target_value REAL,
  responsible TEXT,
  created_at TEXT NOT NULL,
  target_kind TEXT,
  targets_by_year TEXT,
  basis TEXT
);
INSERT INTO custom_indicators_new (id, region_id, code, name, unit, value_kind, measure, source, numerator, denominator,
  time_window, periodicity, target_op, target_value, responsible, created_at, target_kind, targets_by_year, basis)
SELECT id, region_id, code, name, unit, CASE WHEN unit = '%' THEN 'share' ELSE 'count' END, NULL, source, numerator,
  denominator, time_window, periodicity, target_op, target_value, responsible, created_at, target_kind,
  targets_by_year, basis FROM custom_indicators;
DROP TABLE custom_indicators;
ALTER TABLE custom_indicators_new RENAME TO custom_indicators;
CREATE UNIQUE INDEX custom_indicators_code ON custom_indicators(region_id, code);

CREATE TABLE monitoring_entries_new (
  submission_id INTEGER NOT NULL REFERENCES monitoring_submissions(id),
  code TEXT NOT NULL,
  numerator REAL,
  denominator INTEGER,
  confirmed INTEGER NOT NULL DEFAULT 0,
  evidence TEXT,
  note TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (submission_id, code)
);
INSERT INTO monitoring_entries_new (submission_id, code, numerator, denominator, confirmed, evidence, note, updated_at)
SELECT submission_id, code, numerator, denominator, confirmed, evidence, note, updated_at FROM monitoring_entries;
DROP TABLE monitoring_entries;
ALTER TABLE monitoring_entries_new RENAME TO monitoring_entries;

CREATE TABLE monitoring_snapshots_new (
  campaign_id INTEGER NOT NULL REFERENCES monitoring_campaigns(id),
  code TEXT NOT NULL,
  unit_level TEXT NOT NULL,
  unit_id INTEGER NOT NULL,
  numerator REAL NOT NULL,
  denominator INTEGER,
  PRIMARY KEY (campaign_id, code, unit_level, unit_id)
);
INSERT INTO monitoring_snapshots_new (campaign_id, code, unit_level, unit_id, numerator, denominator)
SELECT campaign_id, code, unit_level, unit_id, numerator, denominator FROM monitoring_snapshots;
DROP TABLE monitoring_snapshots;
ALTER TABLE monitoring_snapshots_new RENAME TO monitoring_snapshots;
