-- 006_tickets.sql: support tickets that carry the conversation's details.

-- snapshot is what the customer saw when they filed, as JSON, written once:
-- the trigger refuses any change to it (and to what the ticket is about).
CREATE TABLE tickets (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	business_id	INT UNSIGNED NOT NULL,
	conversation_id	BIGINT UNSIGNED NULL,
	message_id	BIGINT UNSIGNED NULL,
	filed_by	INT UNSIGNED NOT NULL,
	subject		VARCHAR(200) NOT NULL,
	category	ENUM('not_sending','optout','number','other') NOT NULL,
	description	TEXT NOT NULL,
	status		ENUM('open','investigating','waiting','resolved')
	    NOT NULL DEFAULT 'open',
	snapshot	MEDIUMTEXT NULL,
	client_nonce	CHAR(32) NOT NULL,
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	updated_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	UNIQUE KEY tickets_once (business_id, client_nonce),
	KEY tickets_business (business_id, id),
	KEY tickets_queue (status, created_at),
	CONSTRAINT tickets_business_fk FOREIGN KEY (business_id)
	    REFERENCES businesses (id),
	CONSTRAINT tickets_user_fk FOREIGN KEY (filed_by) REFERENCES users (id)
) ENGINE=InnoDB;

CREATE TRIGGER tickets_snapshot_immutable BEFORE UPDATE ON tickets
FOR EACH ROW
BEGIN
	IF NOT (NEW.snapshot <=> OLD.snapshot) OR
	    NOT (NEW.conversation_id <=> OLD.conversation_id) OR
	    NOT (NEW.message_id <=> OLD.message_id) OR
	    NEW.business_id <> OLD.business_id OR
	    NEW.description <> OLD.description THEN
		SIGNAL SQLSTATE '45000'
		    SET MESSAGE_TEXT = 'a ticket''s snapshot is immutable';
	END IF;
END;

-- The conversation on the ticket: the customer's and support's replies.
CREATE TABLE ticket_replies (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ticket_id	BIGINT UNSIGNED NOT NULL,
	user_id		INT UNSIGNED NOT NULL,
	from_support	TINYINT(1) NOT NULL,
	body		TEXT NOT NULL,
	client_nonce	CHAR(32) NOT NULL,
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	UNIQUE KEY ticket_replies_once (ticket_id, client_nonce),
	KEY ticket_replies_ticket (ticket_id, id),
	CONSTRAINT ticket_replies_ticket_fk FOREIGN KEY (ticket_id)
	    REFERENCES tickets (id)
) ENGINE=InnoDB;

-- Every status change, by whom: the audit trail.
CREATE TABLE ticket_events (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	ticket_id	BIGINT UNSIGNED NOT NULL,
	user_id		INT UNSIGNED NOT NULL,
	old_status	VARCHAR(16) NULL,
	new_status	VARCHAR(16) NOT NULL,
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	KEY ticket_events_ticket (ticket_id, id),
	CONSTRAINT ticket_events_ticket_fk FOREIGN KEY (ticket_id)
	    REFERENCES tickets (id)
) ENGINE=InnoDB;

-- The business's carrier registration (A2P 10DLC) as far as the ticket's
-- snapshot needs it; the settings pages keep the full record.
ALTER TABLE businesses
	ADD COLUMN registration_status ENUM('not_started','pending','approved',
	    'rejected') NOT NULL DEFAULT 'not_started';
