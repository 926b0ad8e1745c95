-- A box keeps the owner's 相談する until the console has it and resends it when an answer was lost (console
-- restarted mid-reply, Wi-Fi dropped): the same requestId from the same box answers the same ticket.
CREATE TABLE box_consultation_requests (
  box_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (box_id, request_id)
);
