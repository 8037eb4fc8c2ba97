-- Issue 9: roadmaps, the documents library (files by content hash, versions,
-- full-text search) and the bank of practices with expertise.

CREATE TABLE roadmaps (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  owner_level TEXT NOT NULL CHECK (owner_level IN ('region', 'municipality', 'active')),
  territory_id INTEGER NOT NULL REFERENCES territories(id),
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  approved_by TEXT,                        -- «Приказ … от 18.03.2021 № 017730»
  created_by INTEGER REFERENCES accounts(id),
  created_at TEXT NOT NULL
);
CREATE INDEX roadmaps_territory ON roadmaps(territory_id);

CREATE TABLE roadmap_items (
  id INTEGER PRIMARY KEY,
  roadmap_id INTEGER NOT NULL REFERENCES roadmaps(id),
  position INTEGER NOT NULL,               -- the order of the source table
  section TEXT,                            -- «2021 год»
  number TEXT,                             -- «1.5.1»
  heading INTEGER NOT NULL DEFAULT 0,      -- a group title, not an action
  name TEXT NOT NULL,
  participants TEXT,
  executors TEXT,                          -- as written: «ММС / МО, профессиональные сообщества педагогов»
  term TEXT,                               -- as written
  term_kind TEXT NOT NULL,                 -- dates | whole_period | recurring | by_plan | unknown (flagged)
  term_from TEXT,
  term_to TEXT,
  term_parts TEXT,                         -- JSON [["from","to"],…] when the term has gaps
  expected_result TEXT,
  indicator_codes TEXT,                    -- «fed.1; rmms.5»: the indicators the item serves
  status TEXT NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned', 'in_progress', 'done', 'not_done', 'cancelled')),
  updated_at TEXT NOT NULL
);
CREATE INDEX roadmap_items_roadmap ON roadmap_items(roadmap_id, position);

CREATE TABLE roadmap_reports (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES roadmap_items(id),
  status TEXT NOT NULL,
  body TEXT NOT NULL,
  evidence_url TEXT,
  author_account_id INTEGER REFERENCES accounts(id),
  author_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX roadmap_reports_item ON roadmap_reports(item_id);

-- Uploaded files, once per content: the SHA-256 of the bytes is the key.
-- Kept in the database (base64 text, one type both backends store) so app
-- servers stay stateless and a backup holds everything.
CREATE TABLE stored_files (
  hash TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('law', 'decree', 'order', 'letter', 'regulation', 'recommendations', 'other')),
  number TEXT,
  doc_date TEXT,
  issuer TEXT,
  title TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('federal', 'regional', 'municipal', 'institutional')),
  territory_id INTEGER REFERENCES territories(id),   -- whose library keeps it; NULL: federal, kept by the operator
  tags TEXT,                                         -- «наставничество; методический актив»
  description TEXT,
  preloaded INTEGER NOT NULL DEFAULT 0,              -- the normative base of seed 000
  created_by INTEGER REFERENCES accounts(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX documents_date ON documents(doc_date);

CREATE TABLE document_versions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  version INTEGER NOT NULL,
  file_hash TEXT NOT NULL REFERENCES stored_files(hash),
  file_name TEXT NOT NULL,
  note TEXT,
  created_by INTEGER REFERENCES accounts(id),
  created_at TEXT NOT NULL,
  UNIQUE (document_id, version)
);

-- Full-text search: stems made in C++ by libstemmer (Russian), one row per
-- document or practice, rowid = its id.
CREATE VIRTUAL TABLE documents_fts USING fts5(stems, tokenize = 'unicode61');
CREATE VIRTUAL TABLE practices_fts USING fts5(stems, tokenize = 'unicode61');

CREATE TABLE practices (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  authors TEXT NOT NULL,                   -- as the card shows them
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  region_id INTEGER NOT NULL REFERENCES territories(id),   -- whose bank
  subject_area TEXT,
  level TEXT NOT NULL,
  description TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'in_review', 'returned', 'accepted', 'rejected')),
  round INTEGER NOT NULL DEFAULT 1,        -- a returned practice comes back for a new round
  result_percent REAL,                     -- the experts' mean, % of the maximum
  decision_comment TEXT,
  submitted_by INTEGER REFERENCES accounts(id),
  submitted_at TEXT,
  decided_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX practices_region ON practices(region_id, status);

CREATE TABLE practice_authors (
  practice_id INTEGER NOT NULL REFERENCES practices(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  PRIMARY KEY (practice_id, person_id)
);
CREATE INDEX practice_authors_person ON practice_authors(person_id);

CREATE TABLE practice_files (
  id INTEGER PRIMARY KEY,
  practice_id INTEGER NOT NULL REFERENCES practices(id),
  file_hash TEXT NOT NULL REFERENCES stored_files(hash),
  file_name TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE INDEX practice_files_practice ON practice_files(practice_id);

-- A region's expertise: criteria with their maximum scores, and the rule
-- turning the experts' mean into a proposed decision.
CREATE TABLE expertise_criteria (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES territories(id),
  title TEXT NOT NULL,
  max_score INTEGER NOT NULL CHECK (max_score BETWEEN 1 AND 100),
  position INTEGER NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX expertise_criteria_region ON expertise_criteria(region_id);
CREATE TABLE expertise_rules (
  region_id INTEGER PRIMARY KEY REFERENCES territories(id),
  accept_from REAL NOT NULL,               -- % at or above which acceptance is proposed
  reject_below REAL NOT NULL,              -- % below which rejection is proposed
  min_experts INTEGER NOT NULL
);

-- The roster of trained experts of a region.
CREATE TABLE experts (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  region_id INTEGER NOT NULL REFERENCES territories(id),
  subject_area TEXT,
  training TEXT,                           -- the course taken
  trained_on TEXT,
  certificate TEXT,
  included_on TEXT NOT NULL,
  excluded_on TEXT
);
CREATE UNIQUE INDEX experts_current ON experts(person_id, region_id) WHERE excluded_on IS NULL;

CREATE TABLE practice_reviews (
  id INTEGER PRIMARY KEY,
  practice_id INTEGER NOT NULL REFERENCES practices(id),
  round INTEGER NOT NULL,
  expert_person_id INTEGER NOT NULL REFERENCES persons(id),
  assigned_by INTEGER REFERENCES accounts(id),
  assigned_at TEXT NOT NULL,
  scores TEXT NOT NULL,                    -- JSON [{"criterion","max","score"}]: criteria as they were when assigned
  total REAL,
  max_total REAL NOT NULL,
  conclusion TEXT CHECK (conclusion IN ('accept', 'revise', 'reject')),
  comment TEXT,
  submitted_at TEXT,
  UNIQUE (practice_id, round, expert_person_id)
);
CREATE INDEX practice_reviews_expert ON practice_reviews(expert_person_id);

ALTER TABLE route_rows ADD COLUMN practice_id INTEGER REFERENCES practices(id);

-- The normative base of seed 000 («Нормативно-правовое обеспечение»), preloaded
-- for every installation; regional acts stay without a territory (the operator's
-- library) until a region adopts them.
INSERT INTO documents (kind, number, doc_date, issuer, title, level, tags, preloaded, created_at, updated_at) VALUES ('decree', 'Р-174', '2020-12-16', 'Минпросвещения России', 'Об утверждении Концепции создания единой федеральной системы научно-методического сопровождения педагогических работников и управленческих кадров', 'federal', 'ЕФС НМС; научно-методическое сопровождение', 1, '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z');
INSERT INTO documents (kind, number, doc_date, issuer, title, level, tags, preloaded, created_at, updated_at) VALUES ('letter', 'АЗ – 1061/08', '2021-12-10', 'Минпросвещения РФ', 'О формировании методического актива', 'federal', 'методический актив', 1, '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z');
INSERT INTO documents (kind, number, doc_date, issuer, title, level, tags, preloaded, created_at, updated_at) VALUES ('letter', '396', '2022-01-19', 'Министерство образования и науки Челябинской области', 'О формировании методического актива', 'regional', 'методический актив', 1, '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z');
INSERT INTO documents (kind, number, doc_date, issuer, title, level, tags, preloaded, created_at, updated_at) VALUES ('order', '02/1090', '2023-04-24', 'Министерство образования и науки Челябинской области', 'Об утверждении Положения о формировании и деятельности регионального методического актива в системе образования Челябинской области', 'regional', 'методический актив; положение', 1, '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z');
INSERT INTO documents (kind, number, doc_date, issuer, title, level, tags, preloaded, created_at, updated_at) VALUES ('order', '01/1311', '2023-05-24', 'Министерство образования и науки Челябинской области', 'Об утверждении положения о формировании, функционировании развитии региональной системы научно – методического сопровождения педагогических работников и управленческих кадров челябинской области', 'regional', 'научно-методическое сопровождение; положение', 1, '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z');
INSERT INTO documents (kind, number, doc_date, issuer, title, level, tags, preloaded, created_at, updated_at) VALUES ('order', '02/2066', '2023-08-21', 'Министерство образования и науки Челябинской области', 'О проведении отбора в региональный методический актив в системе образования Челябинской области', 'regional', 'методический актив; отбор', 1, '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z');
INSERT INTO documents (kind, number, doc_date, issuer, title, level, tags, preloaded, created_at, updated_at) VALUES ('letter', '8654', '2023-08-22', 'Министерство образования и науки Челябинской области', 'Об отборе кандидатов в состав регионального методического актива в системе образования Челябинской области', 'regional', 'методический актив; отбор', 1, '2026-11-23T00:00:00Z', '2026-11-23T00:00:00Z');
