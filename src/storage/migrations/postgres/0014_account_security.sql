-- A person has at most one account: an administrator cannot make a second
-- («shadow») account that reads the person's diagnostics and routes
-- (docs/security.md). The application refuses it with a message; this index
-- holds it for concurrent requests on several servers.
CREATE UNIQUE INDEX accounts_person ON accounts (person_id);

-- API tokens live access.api_token_days (90 by default) since this version;
-- those issued before for 365 days end 90 days after they were issued.
UPDATE sessions SET expires_at = to_char((created_at::timestamptz + interval '90 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
 WHERE kind = 'api'
   AND expires_at > to_char((created_at::timestamptz + interval '90 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
