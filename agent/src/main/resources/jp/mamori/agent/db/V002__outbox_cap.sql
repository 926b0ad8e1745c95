-- Priority items (medium+ findings, the box's own data-loss notices) are sent first and never dropped.
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
UPDATE outbox SET priority = 1 WHERE kind = 'finding' AND severity >= 2;
CREATE INDEX outbox_urgent ON outbox(seq) WHERE priority = 1;
-- the rest in order; the oldest low/info findings here are the ones dropped when the outbox is over its cap
CREATE INDEX outbox_normal ON outbox(seq) WHERE priority = 0;

-- Items and their JSON bytes, kept by triggers so the cap costs nothing to check at 100k rows.
CREATE TABLE outbox_stats (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  items INTEGER NOT NULL,
  bytes INTEGER NOT NULL
);
INSERT INTO outbox_stats(id, items, bytes) SELECT 1, COUNT(*), COALESCE(SUM(length(CAST(body AS BLOB))), 0) FROM outbox;
CREATE TRIGGER outbox_stats_insert AFTER INSERT ON outbox
BEGIN
  UPDATE outbox_stats SET items = items + 1, bytes = bytes + length(CAST(NEW.body AS BLOB)) WHERE id = 1;
END;
CREATE TRIGGER outbox_stats_delete AFTER DELETE ON outbox
BEGIN
  UPDATE outbox_stats SET items = items - 1, bytes = bytes - length(CAST(OLD.body AS BLOB)) WHERE id = 1;
END;
CREATE TRIGGER outbox_stats_update AFTER UPDATE OF body ON outbox
BEGIN
  UPDATE outbox_stats SET bytes = bytes - length(CAST(OLD.body AS BLOB)) + length(CAST(NEW.body AS BLOB)) WHERE id = 1;
END;
