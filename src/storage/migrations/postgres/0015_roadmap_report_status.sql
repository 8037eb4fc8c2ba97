-- A report on a roadmap item records the item's status as the reporter set it:
-- the same five codes as roadmap_items.status (domain::roadmap_item_statuses).
ALTER TABLE roadmap_reports ADD CONSTRAINT roadmap_reports_status_check
  CHECK (status IN ('planned', 'in_progress', 'done', 'not_done', 'cancelled'));
