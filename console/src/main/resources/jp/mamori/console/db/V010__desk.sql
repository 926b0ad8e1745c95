-- Help desk: queues, ticket workflow, SLA bookkeeping, audit log, attachments, knowledge, partners, incident reports, TOTP.

CREATE TABLE queues (
  id INTEGER PRIMARY KEY,
  chamber_id INTEGER NOT NULL REFERENCES chambers(id),
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (chamber_id, name)
);

ALTER TABLE tickets ADD COLUMN queue_id INTEGER REFERENCES queues(id);
ALTER TABLE tickets ADD COLUMN merged_into INTEGER REFERENCES tickets(id);
ALTER TABLE tickets ADD COLUMN stage TEXT NOT NULL DEFAULT 'consult' CHECK (stage IN ('consult', 'advise', 'recover', 'investigate'));
ALTER TABLE tickets ADD COLUMN channel TEXT;
ALTER TABLE tickets ADD COLUMN contact_name TEXT;
ALTER TABLE tickets ADD COLUMN contact_phone TEXT;
ALTER TABLE tickets ADD COLUMN created_by INTEGER REFERENCES users(id);
ALTER TABLE tickets ADD COLUMN insurance_candidate INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN insurance_note TEXT;
-- SLA: targets in business minutes copied from the chamber's policy; the clock runs while the ticket is new,
-- open or referred. sla_consumed_ms is business time used up to sla_running_since (null while paused or stopped).
ALTER TABLE tickets ADD COLUMN sla_first_target_min INTEGER;
ALTER TABLE tickets ADD COLUMN sla_resolve_target_min INTEGER;
ALTER TABLE tickets ADD COLUMN sla_consumed_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN sla_running_since INTEGER;
ALTER TABLE tickets ADD COLUMN sla_first_warn_at INTEGER;
ALTER TABLE tickets ADD COLUMN sla_first_due_at INTEGER;
ALTER TABLE tickets ADD COLUMN sla_resolve_warn_at INTEGER;
ALTER TABLE tickets ADD COLUMN sla_resolve_due_at INTEGER;
ALTER TABLE tickets ADD COLUMN sla_first_business_ms INTEGER;
ALTER TABLE tickets ADD COLUMN sla_resolve_business_ms INTEGER;
ALTER TABLE tickets ADD COLUMN sla_flags INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_sla_first ON tickets(sla_first_warn_at) WHERE sla_first_warn_at IS NOT NULL;
CREATE INDEX tickets_sla_resolve ON tickets(sla_resolve_warn_at) WHERE sla_resolve_warn_at IS NOT NULL;
CREATE INDEX tickets_assignee ON tickets(assignee_id, status);
CREATE INDEX tickets_created ON tickets(chamber_id, created_at);

-- alerts folded into a ticket by a merge keep escalating to it
CREATE TABLE ticket_alerts (
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  alert_id INTEGER NOT NULL REFERENCES alerts(id),
  PRIMARY KEY (ticket_id, alert_id)
);
CREATE INDEX ticket_alerts_alert ON ticket_alerts(alert_id);

CREATE TABLE ticket_status_history (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  from_status TEXT,
  to_status TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  at INTEGER NOT NULL
);
CREATE INDEX ticket_status_history_ticket ON ticket_status_history(ticket_id, id);

CREATE TABLE chamber_calendars (
  chamber_id INTEGER PRIMARY KEY REFERENCES chambers(id),
  calendar_json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE sla_policies (
  chamber_id INTEGER NOT NULL REFERENCES chambers(id),
  severity TEXT NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
  first_response_min INTEGER NOT NULL,
  resolution_min INTEGER NOT NULL,
  warn_percent INTEGER NOT NULL,
  PRIMARY KEY (chamber_id, severity)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  user_id INTEGER,
  user_email TEXT,
  role TEXT,
  action TEXT NOT NULL,
  object_type TEXT,
  object_id TEXT,
  chamber_id INTEGER,
  sme_id INTEGER,
  status INTEGER,
  detail TEXT,
  address TEXT
);
CREATE INDEX audit_log_chamber ON audit_log(chamber_id, at);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id, at);
CREATE INDEX audit_log_user ON audit_log(user_id, at);
CREATE INDEX audit_log_at ON audit_log(at);

-- files attached to tickets; the content lives under <data>/attachments/<storage_key>, a random name
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  message_id INTEGER REFERENCES ticket_messages(id),
  uploaded_by INTEGER REFERENCES users(id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  storage_key TEXT NOT NULL UNIQUE,
  internal INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX attachments_ticket ON attachments(ticket_id, id);

-- canned answers: chamber_id NULL = offered to every chamber (operator's)
CREATE TABLE canned_answers (
  id INTEGER PRIMARY KEY,
  chamber_id INTEGER REFERENCES chambers(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL
);
CREATE INDEX canned_answers_chamber ON canned_answers(chamber_id);

-- knowledge base: check_key is a check id (web.hidden-iframe) or a prefix ending in '.' (web.); chamber_id NULL = shared
CREATE TABLE kb_articles (
  id INTEGER PRIMARY KEY,
  chamber_id INTEGER REFERENCES chambers(id),
  check_key TEXT,
  title_ja TEXT NOT NULL,
  body_ja TEXT NOT NULL,
  title_en TEXT,
  body_en TEXT,
  created_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL
);
CREATE INDEX kb_articles_check ON kb_articles(check_key);

-- partner responders: IT vendors who go on site
CREATE TABLE partners (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  phone TEXT,
  email TEXT,
  address TEXT,
  created_at INTEGER NOT NULL
);
CREATE TABLE partner_chambers (
  partner_id INTEGER NOT NULL REFERENCES partners(id),
  chamber_id INTEGER NOT NULL REFERENCES chambers(id),
  PRIMARY KEY (partner_id, chamber_id)
);
ALTER TABLE users ADD COLUMN partner_id INTEGER REFERENCES partners(id);

CREATE TABLE referrals (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  partner_id INTEGER NOT NULL REFERENCES partners(id),
  status TEXT NOT NULL CHECK (status IN ('requested', 'accepted', 'declined', 'completed', 'withdrawn')),
  on_site INTEGER NOT NULL,
  address TEXT,
  window_start INTEGER,
  window_end INTEGER,
  contact_name TEXT,
  contact_phone TEXT,
  request TEXT,
  partner_report TEXT,
  decline_reason TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX referrals_ticket ON referrals(ticket_id);
CREATE INDEX referrals_partner ON referrals(partner_id, status);

-- the incident report's fields as edited by the desk (prefilled values are computed when read)
CREATE TABLE incident_reports (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
  fields_json TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL
);

-- TOTP second factor (RFC 6238) and single-use recovery codes (stored as SHA-256)
CREATE TABLE user_totp (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  secret TEXT NOT NULL,
  confirmed_at INTEGER,
  last_step INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE user_recovery_codes (
  user_id INTEGER NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,
  used_at INTEGER,
  PRIMARY KEY (user_id, code_hash)
);
-- a password was right and a second step is pending: verify a code, or enrol first
CREATE TABLE login_challenges (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  purpose TEXT NOT NULL CHECK (purpose IN ('totp', 'enrol')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
