-- Roadmap items keep everything a source table carries, and say when they are due.
--   extra_columns: the columns of the source no field holds («Вид документа»),
--     as JSON [["header","value"],…] in the source's order, shown and exported back.
--   due_on: the day the item is next due — the end of its term, a deadline's
--     day, or for a series the due date of its first cycle not yet reported on;
--     NULL when nothing is due (by plan, when needed, not understood, or every
--     cycle answered). An unfinished item is late when due_on has passed.
-- A roadmap keeps the rows of its source that are not items (the title above
-- the table, an approval line) as remarks, one per line.
ALTER TABLE roadmap_items ADD COLUMN extra_columns TEXT;
ALTER TABLE roadmap_items ADD COLUMN due_on TEXT;
UPDATE roadmap_items SET due_on = term_to WHERE term_kind IN ('dates', 'whole_period', 'recurring');
CREATE INDEX roadmap_items_due ON roadmap_items(due_on);
ALTER TABLE roadmaps ADD COLUMN remarks TEXT;
