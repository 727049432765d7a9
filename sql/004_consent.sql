-- 004_consent.sql: inbound texts, the opt-out lifecycle and its ledger.

-- What a queued text is: an agent's, or one of the replies the rules send
-- themselves. Only the opt-out confirmation goes to an opted-out lead.
ALTER TABLE messages
	ADD COLUMN kind ENUM('agent','optout_confirm','optin_confirm','help')
	    NOT NULL DEFAULT 'agent' AFTER direction;

-- Every opt-out and opt-in, append-only: the law's record. Nothing in the
-- product updates or deletes a row (the triggers refuse it), and no route
-- records an opt-in by hand: only the lead's own texts do.
CREATE TABLE consent_ledger (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	business_id	INT UNSIGNED NOT NULL,
	lead_id		BIGINT UNSIGNED NOT NULL,
	e164		VARCHAR(16) NOT NULL,
	sending_number	VARCHAR(16) NOT NULL DEFAULT '',
	action		ENUM('opt_out','opt_in') NOT NULL,
	keyword		VARCHAR(64) NOT NULL DEFAULT '',
	message_id	BIGINT UNSIGNED NULL,
	source		ENUM('inbound','staff','provider') NOT NULL,
	recorded_by	INT UNSIGNED NULL,
	note		VARCHAR(500) NOT NULL DEFAULT '',
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	KEY consent_lead (lead_id, id),
	KEY consent_business (business_id, action, created_at)
) ENGINE=InnoDB;

CREATE TRIGGER consent_ledger_no_update BEFORE UPDATE ON consent_ledger
FOR EACH ROW SIGNAL SQLSTATE '45000'
	SET MESSAGE_TEXT = 'consent_ledger is append-only';
CREATE TRIGGER consent_ledger_no_delete BEFORE DELETE ON consent_ledger
FOR EACH ROW SIGNAL SQLSTATE '45000'
	SET MESSAGE_TEXT = 'consent_ledger is append-only';

-- Opted-out leads by date, for the opt-out list.
ALTER TABLE leads ADD KEY leads_optouts (business_id, opted_out, opted_out_at, id);

-- Inbound texts to a number no business has: kept, never lost silently.
CREATE TABLE inbound_unrouted (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	provider_sid	VARCHAR(34) NOT NULL,
	from_e164	VARCHAR(32) NOT NULL,
	to_e164		VARCHAR(32) NOT NULL,
	body		TEXT NOT NULL,
	received_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	UNIQUE KEY inbound_unrouted_sid (provider_sid)
) ENGINE=InnoDB;

-- The demo's opted-out leads have their ledger rows.
INSERT INTO consent_ledger (business_id, lead_id, e164, sending_number, action,
    keyword, message_id, source, created_at)
SELECT l.business_id, l.id, COALESCE(l.phone_e164, l.phone_raw), n.e164,
    'opt_out', 'STOP', c.last_message_id, 'inbound',
    COALESCE(l.opted_out_at, NOW(3))
FROM leads l JOIN conversations c ON c.lead_id = l.id
JOIN sending_numbers n ON n.id = c.sending_number_id
WHERE l.opted_out = 1;
