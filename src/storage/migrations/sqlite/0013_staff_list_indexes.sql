-- The staff list of a region (30 000 current workplaces) read every row to
-- show twenty: sorted by name it now walks persons in name order and stops,
-- and its count reads current workplaces from an index by organisation (EXPLAIN
-- figures in docs/performance.md, «Список педагогов региона»).
CREATE INDEX persons_name ON persons (last_name, first_name, middle_name, id);
CREATE INDEX positions_current_organisation ON positions (organisation_id) WHERE left_on IS NULL;
