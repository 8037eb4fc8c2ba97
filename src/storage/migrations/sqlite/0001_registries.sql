-- Registries: territories, organisations, persons and their positions.
-- Flags are INTEGER 0/1 and dates ISO text on both backends, so one SQL
-- dialect serves both; search_key holds the C++-folded text for search.
CREATE TABLE territories (
  id INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES territories(id),
  level TEXT NOT NULL CHECK (level IN ('federation', 'region', 'municipality')),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  search_key TEXT NOT NULL
);
CREATE INDEX territories_parent ON territories(parent_id);

CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  short_name TEXT,
  kind TEXT NOT NULL,
  territory_id INTEGER NOT NULL REFERENCES territories(id),
  inn TEXT,
  address TEXT,
  is_shnor INTEGER NOT NULL DEFAULT 0,
  has_staff_plan INTEGER NOT NULL DEFAULT 0,
  has_mentoring_model INTEGER NOT NULL DEFAULT 0,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX organisations_territory ON organisations(territory_id);

CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  middle_name TEXT,
  gender TEXT,
  birth_date TEXT,
  ped_experience_since TEXT,
  category TEXT NOT NULL DEFAULT 'none',
  higher_ped_education INTEGER NOT NULL DEFAULT 0,
  ped_university_graduate INTEGER NOT NULL DEFAULT 0,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE positions (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  position TEXT NOT NULL,
  subject_area TEXT,
  subjects TEXT,
  hired_on TEXT,
  left_on TEXT
);
CREATE INDEX positions_person ON positions(person_id);
CREATE INDEX positions_organisation ON positions(organisation_id);
