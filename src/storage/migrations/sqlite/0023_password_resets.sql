-- One-time links of password recovery by e-mail: the digest of the token
-- (the token itself goes out in the letter only), when it expires and when it
-- was used. A used link, or any link of an account whose password was just
-- reset, cannot be used again.
CREATE TABLE password_resets (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id),
  token_digest TEXT NOT NULL UNIQUE,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX password_resets_account ON password_resets(account_id);
