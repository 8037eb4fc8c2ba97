-- What a region's order holds an indicator to, beyond one value: a value per
-- year, dynamics against the previous period, or the mean of the region
-- (domain::TargetKind); and the order that approves a region's own indicator.
--   target_kind: value | growth | no_decline | region_mean (NULL: value)
--   targets_by_year: JSON [[year, value], …], ascending (value targets)
ALTER TABLE indicator_settings ADD COLUMN target_kind TEXT;
ALTER TABLE indicator_settings ADD COLUMN targets_by_year TEXT;
ALTER TABLE custom_indicators ADD COLUMN target_kind TEXT;
ALTER TABLE custom_indicators ADD COLUMN targets_by_year TEXT;
ALTER TABLE custom_indicators ADD COLUMN basis TEXT;  -- «Приказ министерства … от 15.01.2024 № 45»
