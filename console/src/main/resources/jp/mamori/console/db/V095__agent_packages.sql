-- Agent packages the operator published for boxes (stream V090-V099, box updates). Times: epoch ms (UTC).
-- The .deb itself lives in DATA/agent-packages/<file>; manifest_payload is the exact text that was signed.
CREATE TABLE agent_packages (
  version TEXT PRIMARY KEY,
  file_name TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  manifest_payload TEXT NOT NULL,
  manifest_signature TEXT NOT NULL,
  key_id TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  published_by INTEGER REFERENCES users(id)
);

-- The release meant for boxes: chamber_id 0 is every chamber, a chamber's own row (staged rollout) wins over it.
CREATE TABLE agent_releases (
  chamber_id INTEGER PRIMARY KEY,
  version TEXT NOT NULL REFERENCES agent_packages(version) ON DELETE CASCADE,
  released_at INTEGER NOT NULL,
  released_by INTEGER REFERENCES users(id)
);
