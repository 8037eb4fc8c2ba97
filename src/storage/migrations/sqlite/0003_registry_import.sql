-- Re-import updates a person's workplace instead of adding it twice: one row
-- per person, organisation and position.
CREATE UNIQUE INDEX positions_person_organisation_position ON positions(person_id, organisation_id, position);
