-- 005_workspace.sql: the agents' workspace: inbox filters, lead history and
-- message templates.

-- agent_id: the agent who last texted in the conversation (the inbox's "by
-- agent" filter). last_failed: the newest message is a failed send (the
-- inbox's "failed" filter), kept by MariaDB from last_status. Each filter
-- reads one index range in activity order.
ALTER TABLE conversations
	ADD COLUMN agent_id INT UNSIGNED NULL AFTER sending_number_id,
	ADD COLUMN last_failed TINYINT(1) AS
	    (last_status IS NOT NULL AND last_status IN ('failed','undelivered'))
	    STORED,
	ADD KEY conversations_reply (business_id, last_direction,
	    last_activity_at, id),
	ADD KEY conversations_failed (business_id, last_failed,
	    last_activity_at, id),
	ADD KEY conversations_agent (business_id, agent_id, last_activity_at, id);

UPDATE conversations c
SET c.agent_id = (SELECT m.agent_id FROM messages m
    WHERE m.conversation_id = c.id AND m.direction = 'out'
    AND m.agent_id IS NOT NULL ORDER BY m.id DESC LIMIT 1);

-- Search by name (its start or its last word: "Olivia", "Smith") or email,
-- and the opted-out and spam filters.
ALTER TABLE leads
	ADD COLUMN updated_at DATETIME(3) NOT NULL
	    DEFAULT CURRENT_TIMESTAMP(3),
	ADD COLUMN name_last VARCHAR(200) AS
	    (SUBSTRING_INDEX(TRIM(name), ' ', -1)) STORED,
	ADD KEY leads_name_last (business_id, name_last),
	ADD KEY leads_email (business_id, email),
	ADD KEY leads_optout (business_id, opted_out),
	ADD KEY leads_spam (business_id, is_spam);

-- Every change staff make to a lead (name, number, email, spam), with what
-- it was before: the lead's history.
CREATE TABLE lead_changes (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	business_id	INT UNSIGNED NOT NULL,
	lead_id		BIGINT UNSIGNED NOT NULL,
	user_id		INT UNSIGNED NULL,
	field		ENUM('created','name','phone','email','spam','imported')
	    NOT NULL,
	old_value	VARCHAR(254) NULL,
	new_value	VARCHAR(254) NULL,
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	KEY lead_changes_lead (lead_id, id),
	CONSTRAINT lead_changes_lead_fk FOREIGN KEY (lead_id)
	    REFERENCES leads (id)
) ENGINE=InnoDB;

-- Saved texts with {first_name} and {business_name} fields.
CREATE TABLE message_templates (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	business_id	INT UNSIGNED NOT NULL,
	name		VARCHAR(100) NOT NULL,
	body		VARCHAR(1600) NOT NULL,
	created_by	INT UNSIGNED NULL,
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	updated_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	UNIQUE KEY message_templates_name (business_id, name),
	CONSTRAINT message_templates_business_fk FOREIGN KEY (business_id)
	    REFERENCES businesses (id)
) ENGINE=InnoDB;
