-- 002_messaging.sql: sending numbers, leads, conversations and messages.

CREATE TABLE sending_numbers (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	business_id	INT UNSIGNED NOT NULL,
	e164		VARCHAR(16) NOT NULL,
	label		VARCHAR(100) NOT NULL DEFAULT '',
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	UNIQUE KEY sending_numbers_e164 (e164),
	KEY sending_numbers_business (business_id),
	CONSTRAINT sending_numbers_business_fk FOREIGN KEY (business_id)
	    REFERENCES businesses (id)
) ENGINE=InnoDB;

-- phone_e164 is NULL when what was typed is not a phone number at all;
-- phone_raw keeps what was typed. line_type is the last look-up's answer.
CREATE TABLE leads (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	business_id	INT UNSIGNED NOT NULL,
	name		VARCHAR(200) NOT NULL DEFAULT '',
	email		VARCHAR(254) NULL,
	phone_raw	VARCHAR(64) NOT NULL,
	phone_e164	VARCHAR(16) NULL,
	phone_valid	TINYINT(1) NOT NULL DEFAULT 1,
	line_type	VARCHAR(16) NULL,
	opted_out	TINYINT(1) NOT NULL DEFAULT 0,
	opted_out_at	DATETIME(3) NULL,
	is_spam		TINYINT(1) NOT NULL DEFAULT 0,
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	UNIQUE KEY leads_phone (business_id, phone_e164),
	KEY leads_name (business_id, name),
	CONSTRAINT leads_business_fk FOREIGN KEY (business_id)
	    REFERENCES businesses (id)
) ENGINE=InnoDB;

-- One conversation per lead and sending number. The last_* columns copy
-- the newest message (store_conversations_sync recomputes them after any
-- change to a conversation's messages), so the inbox reads one index range
-- and its rows without touching the messages table.
CREATE TABLE conversations (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	business_id	INT UNSIGNED NOT NULL,
	lead_id		BIGINT UNSIGNED NOT NULL,
	sending_number_id INT UNSIGNED NOT NULL,
	last_message_id	BIGINT UNSIGNED NULL,
	last_direction	ENUM('in','out') NULL,
	last_preview	VARCHAR(160) NULL,
	last_status	VARCHAR(16) NULL,
	last_reason	VARCHAR(32) NULL,
	last_error_code	INT NULL,
	last_activity_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	UNIQUE KEY conversations_lead (lead_id, sending_number_id),
	KEY conversations_inbox (business_id, last_activity_at, id),
	CONSTRAINT conversations_business_fk FOREIGN KEY (business_id)
	    REFERENCES businesses (id),
	CONSTRAINT conversations_lead_fk FOREIGN KEY (lead_id)
	    REFERENCES leads (id),
	CONSTRAINT conversations_number_fk FOREIGN KEY (sending_number_id)
	    REFERENCES sending_numbers (id)
) ENGINE=InnoDB;

-- status is the provider's word (queued, sending, sent, delivered,
-- undelivered, failed, ...) or 'received' for inbound texts; the three the
-- help article shows are derived from it (core_status). reason is the
-- failure's class (core_reason) and error_code the provider's code, if any.
CREATE TABLE messages (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	business_id	INT UNSIGNED NOT NULL,
	conversation_id	BIGINT UNSIGNED NOT NULL,
	direction	ENUM('in','out') NOT NULL,
	body		TEXT NOT NULL,
	status		VARCHAR(16) NOT NULL,
	reason		VARCHAR(32) NULL,
	error_code	INT NULL,
	provider_sid	VARCHAR(34) NULL,
	agent_id	INT UNSIGNED NULL,
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	updated_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	UNIQUE KEY messages_sid (provider_sid),
	KEY messages_thread (conversation_id, id),
	KEY messages_business (business_id, created_at),
	CONSTRAINT messages_conversation_fk FOREIGN KEY (conversation_id)
	    REFERENCES conversations (id),
	CONSTRAINT messages_agent_fk FOREIGN KEY (agent_id)
	    REFERENCES users (id)
) ENGINE=InnoDB;
