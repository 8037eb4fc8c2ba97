-- What a region's own indicator's value is (domain::ValueKind), a mean's
-- measure and own unit; decimal hand-entered values. Mirrors sqlite/0020.
ALTER TABLE custom_indicators DROP CONSTRAINT custom_indicators_unit_check;
ALTER TABLE custom_indicators ADD CONSTRAINT custom_indicators_unit_check CHECK (length(unit) BETWEEN 1 AND 16);
ALTER TABLE custom_indicators ADD COLUMN value_kind TEXT NOT NULL DEFAULT 'share'
  CHECK (value_kind IN ('share', 'count', 'mean', 'yes_no'));
UPDATE custom_indicators SET value_kind = 'count' WHERE unit <> '%';
ALTER TABLE custom_indicators ADD COLUMN measure TEXT
  CHECK (measure IS NULL OR measure IN ('competency_score', 'literacy_score'));
ALTER TABLE monitoring_entries ALTER COLUMN numerator TYPE DOUBLE PRECISION;
ALTER TABLE monitoring_snapshots ALTER COLUMN numerator TYPE DOUBLE PRECISION;
