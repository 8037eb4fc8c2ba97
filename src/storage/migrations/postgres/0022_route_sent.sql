-- When the author sent a draft route to the person to agree (UTC timestamp);
-- NULL while it is being drafted or after it was taken back for revision.
-- The person agrees only a draft that was sent to them.
ALTER TABLE routes ADD COLUMN sent_at TEXT;
