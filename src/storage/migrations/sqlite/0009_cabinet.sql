-- The methodist's cabinet (issue 6): messages between a methodist and those
-- they support, the supported people's feedback on the support, and the
-- active's work plan for a school year.
CREATE TABLE support_messages (
  id INTEGER PRIMARY KEY,
  methodist_person_id INTEGER NOT NULL REFERENCES persons(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),          -- the supported teacher (or a school's contact)
  from_methodist INTEGER NOT NULL,                             -- 1: the methodist wrote it
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX support_messages_pair ON support_messages(methodist_person_id, person_id, id);

CREATE TABLE support_feedback (
  id INTEGER PRIMARY KEY,
  methodist_person_id INTEGER NOT NULL REFERENCES persons(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT,
  given_on TEXT NOT NULL
);
CREATE UNIQUE INDEX support_feedback_once ON support_feedback(methodist_person_id, person_id, given_on);
CREATE INDEX support_feedback_methodist ON support_feedback(methodist_person_id);

CREATE TABLE active_plan_items (
  id INTEGER PRIMARY KEY,
  level TEXT NOT NULL CHECK (level IN ('regional', 'municipal')),
  territory_id INTEGER NOT NULL REFERENCES territories(id),
  school_year TEXT NOT NULL,                                   -- «2026/2027»
  title TEXT NOT NULL,
  direction TEXT NOT NULL,
  function TEXT,
  term TEXT NOT NULL,                                          -- as written: «октябрь», «в течение года»
  responsible TEXT,
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
  report TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX active_plan_items_territory ON active_plan_items(territory_id, school_year);
