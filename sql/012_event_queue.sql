-- Status callbacks are kept by the webhook (one insert) and applied by the
-- senders in batches: applied says where an event is. 0: waiting for the
-- applier (or for its message to record the sid); 1: applied and tied to
-- its message; 2: never matched a message of ours (an unknown sid, set
-- aside after a day).
ALTER TABLE message_events
	ADD COLUMN applied TINYINT NOT NULL DEFAULT 0,
	ADD KEY message_events_pending (applied, id);
UPDATE message_events SET applied = IF(message_id IS NULL, 0, 1);
