-- Times are epoch milliseconds (UTC), set by the console on receipt unless named observed_*.

CREATE TABLE chambers (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE smes (
  id INTEGER PRIMARY KEY,
  chamber_id INTEGER NOT NULL REFERENCES chambers(id),
  name TEXT NOT NULL,
  industry TEXT,
  website TEXT,
  address TEXT,
  contact_name TEXT,
  contact_email TEXT,
  contact_phone TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX smes_chamber ON smes(chamber_id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('operator', 'chamber_admin', 'advisor', 'owner', 'staff', 'partner')),
  sme_id INTEGER REFERENCES smes(id),
  created_at INTEGER NOT NULL,
  disabled_at INTEGER
);

CREATE TABLE user_chambers (
  user_id INTEGER NOT NULL REFERENCES users(id),
  chamber_id INTEGER NOT NULL REFERENCES chambers(id),
  PRIMARY KEY (user_id, chamber_id)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE enrollment_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  sme_id INTEGER NOT NULL REFERENCES smes(id),
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  box_id TEXT
);

CREATE TABLE boxes (
  id TEXT PRIMARY KEY,
  sme_id INTEGER NOT NULL REFERENCES smes(id),
  hostname TEXT,
  credential_hash TEXT NOT NULL,
  agent_version TEXT,
  enrolled_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_heartbeat_at INTEGER,
  status_json TEXT,
  pending_commands TEXT
);
CREATE INDEX boxes_sme ON boxes(sme_id);
CREATE INDEX boxes_heartbeat ON boxes(last_heartbeat_at);

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  sme_id INTEGER NOT NULL REFERENCES smes(id),
  fingerprint TEXT NOT NULL,
  check_id TEXT NOT NULL,
  point INTEGER,
  severity TEXT NOT NULL,
  target TEXT NOT NULL,
  title_ja TEXT NOT NULL,
  title_en TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
  occurrences INTEGER NOT NULL,
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  last_observed_at INTEGER NOT NULL,
  resolved_at INTEGER,
  last_finding_id TEXT,
  UNIQUE (sme_id, fingerprint)
);
CREATE INDEX alerts_status ON alerts(sme_id, status);
CREATE INDEX alerts_open ON alerts(status, severity);

CREATE TABLE findings (
  id TEXT PRIMARY KEY,
  box_id TEXT REFERENCES boxes(id),
  sme_id INTEGER NOT NULL REFERENCES smes(id),
  alert_id INTEGER REFERENCES alerts(id),
  fingerprint TEXT NOT NULL,
  check_id TEXT NOT NULL,
  severity TEXT NOT NULL,
  target TEXT NOT NULL,
  observed_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX findings_alert ON findings(alert_id, received_at);
CREATE INDEX findings_sme ON findings(sme_id, received_at);

CREATE TABLE runs (
  id TEXT PRIMARY KEY,
  box_id TEXT REFERENCES boxes(id),
  sme_id INTEGER NOT NULL REFERENCES smes(id),
  checks TEXT NOT NULL,
  targets TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  fingerprints INTEGER NOT NULL,
  resolved INTEGER NOT NULL
);
CREATE INDEX runs_sme ON runs(sme_id, received_at);

CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  chamber_id INTEGER NOT NULL REFERENCES chambers(id),
  sme_id INTEGER NOT NULL REFERENCES smes(id),
  alert_id INTEGER REFERENCES alerts(id),
  source TEXT NOT NULL CHECK (source IN ('box', 'portal', 'advisor', 'local')),
  status TEXT NOT NULL CHECK (status IN ('new', 'open', 'waiting', 'referred', 'resolved', 'closed')),
  severity TEXT,
  subject TEXT NOT NULL,
  assignee_id INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  first_response_at INTEGER,
  resolved_at INTEGER
);
CREATE INDEX tickets_queue ON tickets(chamber_id, status, updated_at);
CREATE INDEX tickets_sme ON tickets(sme_id, updated_at);
-- never two live tickets for the same alert, whatever the code does
CREATE UNIQUE INDEX tickets_one_per_alert ON tickets(alert_id)
  WHERE alert_id IS NOT NULL AND status NOT IN ('resolved', 'closed');

CREATE TABLE ticket_messages (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  author_id INTEGER REFERENCES users(id),
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'note', 'system', 'consultation')),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX ticket_messages_ticket ON ticket_messages(ticket_id, id);
