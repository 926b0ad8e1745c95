-- the SHA-256 of the rule data (LAN tables, CMS support table) bundled with the console build that last
-- started; when a new build brings different data, every chamber's rules version is bumped once
CREATE TABLE rules_bundle (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  sha256 TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
);
