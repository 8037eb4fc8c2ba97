-- The methodical active (issue 6): selections with their eligibility rules and
-- stages kept as data (JSON), applications with stage scores, orders (приказы)
-- that fix who is in the active, membership with its history, which methodist
-- supports which school or teacher, and the methodist's recorded work.
CREATE TABLE active_orders (
  id INTEGER PRIMARY KEY,
  level TEXT NOT NULL CHECK (level IN ('regional', 'municipal')),
  territory_id INTEGER NOT NULL REFERENCES territories(id),
  number TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX active_orders_number ON active_orders(territory_id, number, issued_on);

CREATE TABLE active_selections (
  id INTEGER PRIMARY KEY,
  level TEXT NOT NULL CHECK (level IN ('regional', 'municipal')),
  territory_id INTEGER NOT NULL REFERENCES territories(id),
  title TEXT NOT NULL,
  description TEXT,
  applications_from TEXT NOT NULL,
  applications_to TEXT NOT NULL,
  rules TEXT NOT NULL,                 -- JSON: [{code, title, fact, op, value, required}]
  stages TEXT NOT NULL,                -- JSON: [{code, title, max_score, threshold}]
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided')),
  order_id INTEGER REFERENCES active_orders(id),
  created_at TEXT NOT NULL
);
CREATE INDEX active_selections_territory ON active_selections(territory_id);

CREATE TABLE active_applications (
  id INTEGER PRIMARY KEY,
  selection_id INTEGER NOT NULL REFERENCES active_selections(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  nominated_by TEXT NOT NULL CHECK (nominated_by IN ('self', 'organisation', 'municipality')),
  direction TEXT NOT NULL,
  subject_area TEXT,
  portfolio TEXT,
  ege_expert INTEGER NOT NULL DEFAULT 0,
  community_leader INTEGER NOT NULL DEFAULT 0,
  high_results INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'rejected', 'withdrawn')),
  decision_note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX active_applications_one ON active_applications(selection_id, person_id);

CREATE TABLE application_scores (
  application_id INTEGER NOT NULL REFERENCES active_applications(id),
  stage_code TEXT NOT NULL,
  score REAL NOT NULL,
  comment TEXT,
  scored_at TEXT NOT NULL,
  PRIMARY KEY (application_id, stage_code)
);

-- Membership keeps its history: leaving sets ends_on (with the order that
-- ended it); coming back is a new row.
CREATE TABLE active_members (
  id INTEGER PRIMARY KEY,
  level TEXT NOT NULL CHECK (level IN ('regional', 'municipal')),
  territory_id INTEGER NOT NULL REFERENCES territories(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  direction TEXT NOT NULL,
  subject_area TEXT,
  capacity INTEGER NOT NULL DEFAULT 10 CHECK (capacity BETWEEN 1 AND 200),
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  order_id INTEGER NOT NULL REFERENCES active_orders(id),
  end_order_id INTEGER REFERENCES active_orders(id),
  end_reason TEXT,
  application_id INTEGER REFERENCES active_applications(id)
);
CREATE UNIQUE INDEX active_members_current ON active_members(level, territory_id, person_id) WHERE ends_on IS NULL;
CREATE INDEX active_members_person ON active_members(person_id);

-- A methodist supports a school or one teacher.
CREATE TABLE support_assignments (
  id INTEGER PRIMARY KEY,
  methodist_person_id INTEGER NOT NULL REFERENCES persons(id),
  organisation_id INTEGER REFERENCES organisations(id),
  person_id INTEGER REFERENCES persons(id),
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  created_at TEXT NOT NULL,
  CHECK ((organisation_id IS NULL) <> (person_id IS NULL))
);
CREATE INDEX support_assignments_methodist ON support_assignments(methodist_person_id);
CREATE INDEX support_assignments_person ON support_assignments(person_id);
CREATE INDEX support_assignments_organisation ON support_assignments(organisation_id);

-- What a methodist did, by function of seed 000, so it can be counted.
CREATE TABLE methodist_activities (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  function TEXT NOT NULL,
  happened_on TEXT NOT NULL,
  title TEXT NOT NULL,
  organisation_id INTEGER REFERENCES organisations(id),
  participants INTEGER,
  evidence TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX methodist_activities_person ON methodist_activities(person_id, happened_on);
