-- Organisation lists are sorted by name by default: a page of a large scope
-- (the whole registry, 45 000 organisations at federal scale) sorted every
-- organisation to show twenty; with this index it walks names in order and
-- stops. A narrow scope (a municipality) keeps its index by territory and
-- sorts its few rows (EXPLAIN and figures in docs/performance.md,
-- «Список организаций по названию»).
CREATE INDEX organisations_name ON organisations (name, id);
