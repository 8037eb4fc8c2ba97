-- Merging two records of one person (a teacher sent by two schools under two
-- codes). The merged record is kept, not deleted: its id answers with a
-- pointer to the kept one (links in documents and e-mails stay valid), and a
-- merge is undone by a record of its own, from what the merge wrote down.
ALTER TABLE persons ADD COLUMN merged_into_id INTEGER REFERENCES persons(id);
CREATE INDEX persons_merged_into ON persons (merged_into_id) WHERE merged_into_id IS NOT NULL;

CREATE TABLE person_merges (
  id INTEGER PRIMARY KEY,
  kept_person_id INTEGER NOT NULL REFERENCES persons(id),
  merged_person_id INTEGER NOT NULL REFERENCES persons(id),
  action TEXT NOT NULL CHECK (action IN ('merge', 'undo')),
  undoes_id INTEGER REFERENCES person_merges(id),  -- for an undo: the merge it undoes
  moved TEXT NOT NULL,  -- JSON: the rows moved per reference, rows folded in, the kept record before
  account_id INTEGER REFERENCES accounts(id),
  created_at TEXT NOT NULL
);
CREATE INDEX person_merges_kept ON person_merges (kept_person_id);
CREATE INDEX person_merges_merged ON person_merges (merged_person_id);
