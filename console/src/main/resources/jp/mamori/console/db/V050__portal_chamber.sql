-- Portal, chamber side, advisories, shared IoCs, e-mail and webhooks (stream V050-V089).
-- Times are epoch milliseconds (UTC).

CREATE TABLE advisories (
  id INTEGER PRIMARY KEY,
  chamber_id INTEGER NOT NULL REFERENCES chambers(id),
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'urgent')),
  title_ja TEXT NOT NULL,
  body_ja TEXT NOT NULL,
  title_en TEXT,
  body_en TEXT,
  created_by INTEGER REFERENCES users(id),
  published_at INTEGER NOT NULL
);
CREATE INDEX advisories_chamber ON advisories(chamber_id, published_at);

CREATE TABLE advisory_acks (
  advisory_id INTEGER NOT NULL REFERENCES advisories(id),
  sme_id INTEGER NOT NULL REFERENCES smes(id),
  acked_at INTEGER NOT NULL,
  acked_by_user INTEGER REFERENCES users(id),
  acked_by_name TEXT,
  via TEXT NOT NULL CHECK (via IN ('portal', 'box')),
  PRIMARY KEY (advisory_id, sme_id)
);

CREATE TABLE iocs (
  id INTEGER PRIMARY KEY,
  chamber_id INTEGER NOT NULL REFERENCES chambers(id),
  kind TEXT NOT NULL CHECK (kind IN ('domain', 'script_hash')),
  value TEXT NOT NULL,
  note TEXT,
  source_sme_id INTEGER REFERENCES smes(id),
  source_alert_id INTEGER REFERENCES alerts(id),
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  UNIQUE (chamber_id, kind, value)
);

-- the version of a chamber's rule data; bumped on every IoC change, never decreases
CREATE TABLE rules_versions (
  chamber_id INTEGER PRIMARY KEY REFERENCES chambers(id),
  version INTEGER NOT NULL,
  changed_at INTEGER NOT NULL
);

CREATE TABLE sa_declarations (
  sme_id INTEGER PRIMARY KEY REFERENCES smes(id),
  points TEXT NOT NULL,
  declared_by INTEGER REFERENCES users(id),
  declared_at INTEGER NOT NULL
);

CREATE TABLE self_checks (
  id INTEGER PRIMARY KEY,
  sme_id INTEGER NOT NULL REFERENCES smes(id),
  answers TEXT NOT NULL,
  score INTEGER NOT NULL,
  band TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX self_checks_sme ON self_checks(sme_id, created_at);

CREATE TABLE security_policies (
  sme_id INTEGER PRIMARY KEY REFERENCES smes(id),
  fields TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL
);

-- daily five-point score per company (Asia/Tokyo day), for history charts and the monthly report
CREATE TABLE score_snapshots (
  sme_id INTEGER NOT NULL REFERENCES smes(id),
  day TEXT NOT NULL,
  score INTEGER NOT NULL,
  points TEXT NOT NULL,
  PRIMARY KEY (sme_id, day)
);

-- one row per company and month: the row is the idempotency lock of the monthly report
CREATE TABLE monthly_reports (
  sme_id INTEGER NOT NULL REFERENCES smes(id),
  month TEXT NOT NULL,
  generated_at INTEGER NOT NULL,
  PRIMARY KEY (sme_id, month)
);

CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  dedupe_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  to_addr TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  body_html TEXT,
  attachment_kind TEXT,
  attachment_ref TEXT,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  sent_at INTEGER,
  failed_at INTEGER,
  last_error TEXT
);
CREATE INDEX mail_outbox_pending ON mail_outbox(sent_at, failed_at, next_attempt_at);

-- events for webhooks and e-mail, each once (key), found by scanning the tables or raised directly
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  event_key TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  chamber_id INTEGER NOT NULL REFERENCES chambers(id),
  sme_id INTEGER REFERENCES smes(id),
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX events_chamber ON events(chamber_id, id);

CREATE TABLE event_cursors (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);

CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY,
  chamber_id INTEGER NOT NULL REFERENCES chambers(id),
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  events TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  disabled_at INTEGER
);

CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY,
  webhook_id INTEGER NOT NULL REFERENCES webhooks(id),
  event_id INTEGER NOT NULL REFERENCES events(id),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_status INTEGER,
  last_error TEXT,
  delivered_at INTEGER,
  failed_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries(delivered_at, failed_at, next_attempt_at);

-- the event scan looks for recently opened or resolved alerts and recently opened tickets
CREATE INDEX alerts_first_seen ON alerts(first_seen_at);
CREATE INDEX alerts_resolved_at ON alerts(resolved_at) WHERE resolved_at IS NOT NULL;
CREATE INDEX tickets_created_at ON tickets(created_at);
