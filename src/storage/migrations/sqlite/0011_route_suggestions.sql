-- What issue 5 still lacked: competencies that events and practices of the
-- bank develop (so a route can suggest them for a deficit), the stage of a
-- cascade a cohort teaches, post-course support of those who completed a
-- program, and a level scale of diagnostics per region.
CREATE TABLE event_competencies (
  event_id INTEGER NOT NULL REFERENCES events(id),
  competency_id INTEGER NOT NULL REFERENCES competencies(id),
  PRIMARY KEY (event_id, competency_id)
);
CREATE INDEX event_competencies_competency ON event_competencies(competency_id);

CREATE TABLE practice_competencies (
  practice_id INTEGER NOT NULL REFERENCES practices(id),
  competency_id INTEGER NOT NULL REFERENCES competencies(id),
  PRIMARY KEY (practice_id, competency_id)
);
CREATE INDEX practice_competencies_competency ON practice_competencies(competency_id);

-- NULL: an ordinary cohort, not a stage of a cascade.
ALTER TABLE cohorts ADD COLUMN cascade_stage TEXT
  CHECK (cascade_stage IS NULL OR cascade_stage IN ('federal', 'regional', 'municipal', 'school'));

CREATE TABLE post_course_support (
  id INTEGER PRIMARY KEY,
  enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
  happened_on TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('consultation', 'lesson_visit', 'open_lesson', 'task_review', 'master_class', 'other')),
  note TEXT NOT NULL,
  author_account_id INTEGER REFERENCES accounts(id),
  author_name TEXT NOT NULL,                 -- as the record shows it
  created_at TEXT NOT NULL
);
CREATE INDEX post_course_support_enrolment ON post_course_support(enrolment_id);

-- A region's own level scale (bands as JSON); no row: the standard scale.
CREATE TABLE level_scales (
  region_id INTEGER PRIMARY KEY REFERENCES territories(id),
  bands TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
