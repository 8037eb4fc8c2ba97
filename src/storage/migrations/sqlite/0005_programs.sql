-- Programs of additional professional education (ДПП ПК), their cohorts and
-- enrolments (issue 5). A program develops competencies of the framework; an
-- enrolment remembers whether it was chosen from a deficit diagnosed before
-- the person applied (indicator fed.1).
CREATE TABLE programs (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  provider TEXT NOT NULL,                    -- the organisation that teaches it, as named
  hours INTEGER NOT NULL CHECK (hours > 0),
  format TEXT NOT NULL CHECK (format IN ('offline', 'online', 'blended')),
  in_federal_registry INTEGER NOT NULL DEFAULT 0,
  federal_number TEXT,
  audience TEXT NOT NULL CHECK (audience IN ('teachers', 'managers', 'managerial_teams')),
  territory_id INTEGER NOT NULL REFERENCES territories(id),  -- who keeps it in the registry
  created_at TEXT NOT NULL
);
CREATE INDEX programs_territory ON programs(territory_id);

CREATE TABLE program_competencies (
  program_id INTEGER NOT NULL REFERENCES programs(id),
  competency_id INTEGER NOT NULL REFERENCES competencies(id),
  PRIMARY KEY (program_id, competency_id)
);

CREATE TABLE cohorts (
  id INTEGER PRIMARY KEY,
  program_id INTEGER NOT NULL REFERENCES programs(id),
  title TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  capacity INTEGER,                          -- NULL: not limited
  created_at TEXT NOT NULL
);
CREATE INDEX cohorts_program ON cohorts(program_id);

CREATE TABLE enrolments (
  id INTEGER PRIMARY KEY,
  cohort_id INTEGER NOT NULL REFERENCES cohorts(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  status TEXT NOT NULL CHECK (status IN ('applied', 'approved', 'studying', 'completed', 'not_completed', 'withdrawn')),
  applied_on TEXT NOT NULL,
  chosen_from_deficit INTEGER NOT NULL DEFAULT 0,
  certificate_number TEXT,
  completed_on TEXT,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX enrolments_one ON enrolments(cohort_id, person_id);
CREATE INDEX enrolments_person ON enrolments(person_id);
