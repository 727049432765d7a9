-- 003_sending.sql: the send queue, pacing, look-ups, cool-downs and the
-- provider's events.

-- The queue lives on the messages themselves. due_at is set while a message
-- is in the queue: for a waiting message, when it may go; for a claimed one,
-- when the claim's lease ends (a sender that died lets it go then).
-- queue_state says what a claimer must do: 'waiting' and 'claimed' were
-- never handed to the provider; 'inflight' and 'unknown' may have been, and
-- are reconciled through the provider's message list before any resend.
ALTER TABLE messages
	ADD COLUMN queue_state ENUM('waiting','claimed','inflight','unknown',
	    'done') NULL AFTER status,
	ADD COLUMN due_at DATETIME(3) NULL AFTER queue_state,
	ADD COLUMN claimed_by VARCHAR(64) NULL,
	ADD COLUMN attempts INT NOT NULL DEFAULT 0,
	ADD COLUMN attempt_started_at DATETIME(3) NULL,
	ADD COLUMN paced_slot DATETIME(3) NULL,
	ADD COLUMN client_nonce CHAR(32) NULL,
	ADD COLUMN lint TEXT NULL,
	ADD COLUMN sent_at DATETIME(3) NULL,
	ADD COLUMN polls INT NOT NULL DEFAULT 0,
	ADD COLUMN unconfirmed TINYINT(1) NOT NULL DEFAULT 0,
	ADD KEY messages_due (due_at),
	ADD KEY messages_stuck (status, sent_at),
	ADD UNIQUE KEY messages_nonce (conversation_id, client_nonce);

-- Each number's pace; next_send_at is shared by every sender.
ALTER TABLE sending_numbers
	ADD COLUMN per_minute INT NOT NULL DEFAULT 30,
	ADD COLUMN next_send_at DATETIME(3) NOT NULL DEFAULT '2000-01-01';

-- A lead filtered by a carrier waits until cooldown_until; provider_opted_out
-- is the provider's own opt-out list (21610): only START from the lead ends it.
ALTER TABLE leads
	ADD COLUMN cooldown_until DATETIME(3) NULL,
	ADD COLUMN provider_opted_out TINYINT(1) NOT NULL DEFAULT 0;

-- The provider's look-up of a number, cached (one per number, not per
-- message); stale after a 30003/30005/30006 failure or its time to live.
CREATE TABLE number_lookups (
	e164		VARCHAR(16) NOT NULL PRIMARY KEY,
	valid		TINYINT(1) NOT NULL,
	line_type	VARCHAR(24) NOT NULL DEFAULT '',
	carrier		VARCHAR(80) NOT NULL DEFAULT '',
	checked_at	DATETIME(3) NOT NULL,
	stale		TINYINT(1) NOT NULL DEFAULT 0
) ENGINE=InnoDB;

-- Every status callback, once (a duplicate changes nothing): the message's
-- timeline. message_id is NULL until the message with that sid is known
-- (a callback can beat the send's own answer).
CREATE TABLE message_events (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	provider_sid	VARCHAR(34) NOT NULL,
	message_id	BIGINT UNSIGNED NULL,
	status		VARCHAR(16) NOT NULL,
	error_code	INT NOT NULL DEFAULT 0,
	raw_dlr_done	VARCHAR(16) NULL,
	received_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	UNIQUE KEY message_events_once (provider_sid, status, error_code),
	KEY message_events_message (message_id, id)
) ENGINE=InnoDB;
