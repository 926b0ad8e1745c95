-- Scale (issue 5): the offline monitor looks up the open box.offline alerts every minute, in the writer's
-- transaction; without this it read every open alert (a quarter of a second at 180,000).
CREATE INDEX alerts_check ON alerts(check_id, status);
