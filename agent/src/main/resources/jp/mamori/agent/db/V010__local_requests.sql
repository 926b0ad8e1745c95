-- What the owner asked for on the box's own page (相談する, 確認しました), kept until the console has it,
-- so nothing typed is lost while the console is unreachable. The id travels as requestId: a resend after a
-- lost answer never opens a second ticket.
CREATE TABLE local_requests (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('consultation', 'advisory-ack')),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  delivered_at TEXT,
  answer TEXT,
  -- the console refused it as invalid (not a network problem): kept and shown, never resent
  refused_at TEXT
);
CREATE INDEX local_requests_pending ON local_requests(created_at) WHERE delivered_at IS NULL AND refused_at IS NULL;
