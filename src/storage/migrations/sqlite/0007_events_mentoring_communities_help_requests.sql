-- What the municipal and school levels do every week (issue 7): events with
-- registration, attendance, materials and feedback; mentoring programs and
-- pairs; methodical associations and communities with members, materials
-- and a discussion feed; requests for methodical help; and the notifications
-- all of them send (in the app, and by e-mail through an outbox).
-- Timestamps and event times are ISO text on both backends.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('master_class', 'open_lesson', 'webinar', 'seminar', 'seminar_practicum',
                                     'conference', 'methodical_week', 'consultation')),
  title TEXT NOT NULL,
  description TEXT,
  level TEXT NOT NULL CHECK (level IN ('school', 'municipal', 'regional', 'interregional', 'federal')),
  territory_id INTEGER NOT NULL REFERENCES territories(id),   -- whose calendar it is in
  organisation_id INTEGER REFERENCES organisations(id),       -- the organiser, when an organisation
  starts_at TEXT NOT NULL,                                    -- «YYYY-MM-DDTHH:MM», local time
  ends_at TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('offline', 'online', 'hybrid')),
  place TEXT,                                                 -- address or link
  audience TEXT NOT NULL,                                     -- codes, comma-separated
  capacity INTEGER,                                           -- NULL: not limited
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
  created_by INTEGER REFERENCES accounts(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX events_starts ON events(starts_at);
CREATE INDEX events_territory ON events(territory_id);

CREATE TABLE event_registrations (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  registered_at TEXT NOT NULL,
  attended INTEGER,                                           -- NULL: not marked yet
  rating_useful INTEGER CHECK (rating_useful BETWEEN 1 AND 5),
  rating_organisation INTEGER CHECK (rating_organisation BETWEEN 1 AND 5),
  feedback_comment TEXT,
  feedback_at TEXT
);
CREATE UNIQUE INDEX event_registrations_one ON event_registrations(event_id, person_id);
CREATE INDEX event_registrations_person ON event_registrations(person_id);

CREATE TABLE event_materials (
  id INTEGER PRIMARY KEY,
  event_id INTEGER NOT NULL REFERENCES events(id),
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE INDEX event_materials_event ON event_materials(event_id);

CREATE TABLE mentoring_programs (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  title TEXT NOT NULL,
  curator_person_id INTEGER REFERENCES persons(id),
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX mentoring_programs_organisation ON mentoring_programs(organisation_id);

CREATE TABLE mentoring_pairs (
  id INTEGER PRIMARY KEY,
  program_id INTEGER NOT NULL REFERENCES mentoring_programs(id),
  mentor_person_id INTEGER NOT NULL REFERENCES persons(id),
  mentee_person_id INTEGER NOT NULL REFERENCES persons(id),
  form TEXT NOT NULL CHECK (form IN ('teacher_teacher', 'head_teacher', 'group', 'employer_student', 'virtual')),
  plan TEXT,
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  status TEXT NOT NULL CHECK (status IN ('active', 'completed', 'terminated')),
  result TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX mentoring_pairs_program ON mentoring_pairs(program_id);
CREATE INDEX mentoring_pairs_mentee ON mentoring_pairs(mentee_person_id);
CREATE INDEX mentoring_pairs_mentor ON mentoring_pairs(mentor_person_id);

CREATE TABLE communities (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('rmo', 'shmo', 'professional', 'network', 'virtual')),
  title TEXT NOT NULL,
  description TEXT,
  subject_area TEXT,
  territory_id INTEGER NOT NULL REFERENCES territories(id),
  organisation_id INTEGER REFERENCES organisations(id),      -- a school's association (ШМО)
  open_to_join INTEGER NOT NULL DEFAULT 0,
  search_key TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX communities_territory ON communities(territory_id);

-- Membership keeps its history: leaving sets left_on, joining again adds a row.
CREATE TABLE community_members (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  role TEXT NOT NULL CHECK (role IN ('leader', 'member')),
  joined_on TEXT NOT NULL,
  left_on TEXT
);
CREATE UNIQUE INDEX community_members_current ON community_members(community_id, person_id) WHERE left_on IS NULL;
CREATE INDEX community_members_person ON community_members(person_id);

CREATE TABLE community_materials (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  title TEXT NOT NULL,
  url TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE INDEX community_materials_community ON community_materials(community_id);

CREATE TABLE community_posts (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  author_account_id INTEGER REFERENCES accounts(id),
  author_name TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX community_posts_community ON community_posts(community_id, id);

CREATE TABLE help_requests (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations(id),
  person_id INTEGER REFERENCES persons(id),                   -- NULL: the school asks
  created_by INTEGER REFERENCES accounts(id),
  topic TEXT NOT NULL,
  subject_area TEXT,
  description TEXT,
  urgency TEXT NOT NULL CHECK (urgency IN ('normal', 'urgent')),
  status TEXT NOT NULL CHECK (status IN ('new', 'assigned', 'answered', 'closed', 'cancelled')),
  due_on TEXT NOT NULL,
  methodist_person_id INTEGER REFERENCES persons(id),
  assigned_at TEXT,
  response_kind TEXT CHECK (response_kind IN ('answer', 'consultation', 'visit')),
  response TEXT,
  answered_at TEXT,
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  rating_comment TEXT,
  closed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX help_requests_organisation ON help_requests(organisation_id);
CREATE INDEX help_requests_methodist ON help_requests(methodist_person_id);
CREATE INDEX help_requests_status ON help_requests(status, due_on);

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT,
  link TEXT,
  dedup_key TEXT,                                             -- reminders: once per account and key
  created_at TEXT NOT NULL,
  read_at TEXT,
  email_state TEXT NOT NULL DEFAULT 'none' CHECK (email_state IN ('none', 'pending', 'sent', 'failed')),
  email_attempts INTEGER NOT NULL DEFAULT 0,
  email_next_at TEXT,
  email_error TEXT
);
CREATE INDEX notifications_account ON notifications(account_id, id);
CREATE UNIQUE INDEX notifications_dedup ON notifications(account_id, dedup_key);
CREATE INDEX notifications_outbox ON notifications(email_state, email_next_at);

ALTER TABLE accounts ADD COLUMN notify_by_email INTEGER NOT NULL DEFAULT 1;
