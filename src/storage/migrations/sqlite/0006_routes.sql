-- Individual educational routes (ИОМ, issue 5): a header for one person and
-- period, and numbered rows (deficit, goal, activity, term, expected result,
-- form of the result, done and its evidence).
CREATE TABLE routes (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  tutor TEXT,                                -- the accompanying methodist or tutor, as named
  author_account_id INTEGER REFERENCES accounts(id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'agreed', 'in_progress', 'completed')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX routes_person ON routes(person_id);

CREATE TABLE route_rows (
  id INTEGER PRIMARY KEY,
  route_id INTEGER NOT NULL REFERENCES routes(id),
  position INTEGER NOT NULL,
  competency_id INTEGER REFERENCES competencies(id),  -- the deficit addressed, if any
  goal TEXT NOT NULL,
  activity TEXT NOT NULL CHECK (activity IN ('program', 'event', 'internship', 'mentoring', 'self_study', 'master_class')),
  details TEXT,                              -- what exactly: the program, event, mentor
  program_id INTEGER REFERENCES programs(id),
  term TEXT,                                 -- as written
  expected_result TEXT,
  result_form TEXT,
  done INTEGER NOT NULL DEFAULT 0,
  evidence TEXT
);
CREATE INDEX route_rows_route ON route_rows(route_id);
