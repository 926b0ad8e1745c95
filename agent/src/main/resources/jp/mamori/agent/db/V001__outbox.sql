-- Everything a check produced, kept until the console has acknowledged it.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('finding', 'run')),
  item_id TEXT NOT NULL UNIQUE,
  severity INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
);

-- Items the console refused as malformed: kept for a person to read, never resent.
CREATE TABLE dead_letter (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL,
  body TEXT NOT NULL,
  error TEXT NOT NULL,
  failed_at TEXT NOT NULL
);

-- Small facts the daemon remembers across restarts (last run of each job, ...).
CREATE TABLE agent_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
