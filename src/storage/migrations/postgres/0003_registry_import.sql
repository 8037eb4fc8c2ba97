-- Re-import updates a person's workplace instead of adding it twice: one row
-- per person, organisation and position. The unique index starts with
-- person_id, so it also serves lookups by person and the single-column index
-- is dropped (one index fewer to maintain on every bulk insert).
CREATE UNIQUE INDEX positions_person_organisation_position ON positions(person_id, organisation_id, position);
DROP INDEX positions_person;
