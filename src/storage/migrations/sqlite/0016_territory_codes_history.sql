-- Territories as a region has them: the ОКТМО code besides the internal one,
-- the number of a subject of the Federation, the kind of a municipality
-- (Federal Law 131-ФЗ, art. 2), and its history: renamings and mergers are
-- recorded, a merged municipality stays (abolished, pointing to the one it
-- joined) so that old documents, files and past facts still find it.
ALTER TABLE territories ADD COLUMN oktmo TEXT;
ALTER TABLE territories ADD COLUMN subject_number INTEGER CHECK (subject_number BETWEEN 1 AND 99);
ALTER TABLE territories ADD COLUMN municipality_kind TEXT CHECK (municipality_kind IN
  ('municipal_district', 'municipal_okrug', 'city_okrug', 'city_okrug_with_districts', 'city_district',
   'federal_city_territory', 'urban_settlement', 'rural_settlement'));
ALTER TABLE territories ADD COLUMN abolished_on TEXT;
ALTER TABLE territories ADD COLUMN merged_into_id INTEGER REFERENCES territories(id);
CREATE UNIQUE INDEX territories_oktmo ON territories(oktmo) WHERE oktmo IS NOT NULL;
CREATE UNIQUE INDEX territories_subject_number ON territories(subject_number) WHERE subject_number IS NOT NULL;

CREATE TABLE territory_changes (
  id INTEGER PRIMARY KEY,
  territory_id INTEGER NOT NULL REFERENCES territories(id),
  change TEXT NOT NULL CHECK (change IN ('created', 'renamed', 'recoded', 'merged')),
  happened_on TEXT NOT NULL,           -- when it took effect (a law's date), as the recorder says
  old_name TEXT, new_name TEXT,
  old_code TEXT, new_code TEXT,
  old_oktmo TEXT, new_oktmo TEXT,
  into_territory_id INTEGER REFERENCES territories(id),  -- merged: the municipality it joined
  organisations_moved INTEGER,
  recorded_at TEXT NOT NULL,           -- when it was entered, UTC
  recorded_by INTEGER REFERENCES accounts(id)
);
CREATE INDEX territory_changes_territory ON territory_changes(territory_id, happened_on);
