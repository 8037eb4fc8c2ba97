-- A person has at most one account: an administrator cannot make a second
-- («shadow») account that reads the person's diagnostics and routes
-- (docs/security.md). The application refuses it with a message; this index
-- holds it for concurrent requests on several servers.
CREATE UNIQUE INDEX accounts_person ON accounts (person_id);
