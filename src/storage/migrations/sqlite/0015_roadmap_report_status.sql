-- A report on a roadmap item records the item's status as the reporter set it:
-- the same five codes as roadmap_items.status (domain::roadmap_item_statuses).
-- SQLite adds a CHECK only by rebuilding the table.
CREATE TABLE roadmap_reports_checked (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES roadmap_items(id),
  status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'not_done', 'cancelled')),
  body TEXT NOT NULL,
  evidence_url TEXT,
  author_account_id INTEGER REFERENCES accounts(id),
  author_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
INSERT INTO roadmap_reports_checked (id, item_id, status, body, evidence_url, author_account_id, author_name, created_at)
  SELECT id, item_id, status, body, evidence_url, author_account_id, author_name, created_at FROM roadmap_reports;
DROP TABLE roadmap_reports;
ALTER TABLE roadmap_reports_checked RENAME TO roadmap_reports;
CREATE INDEX roadmap_reports_item ON roadmap_reports(item_id);
