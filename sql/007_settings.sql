-- 007_settings.sql: the business's profile, carrier registration, sending
-- numbers, quiet hours, and the audit log of settings and team changes.

-- quiet_start/quiet_end: minutes after midnight in the lead's time zone
-- between which texts may go (8:00 to 21:00 by default).
ALTER TABLE businesses
	ADD COLUMN website VARCHAR(200) NOT NULL DEFAULT '',
	ADD COLUMN support_contact VARCHAR(200) NOT NULL DEFAULT '',
	ADD COLUMN help_reply VARCHAR(320) NOT NULL DEFAULT '',
	ADD COLUMN quiet_start SMALLINT NOT NULL DEFAULT 480,
	ADD COLUMN quiet_end SMALLINT NOT NULL DEFAULT 1260;

-- The A2P 10DLC brand and campaign record; its status is
-- businesses.registration_status (006).
CREATE TABLE business_registrations (
	business_id	INT UNSIGNED NOT NULL PRIMARY KEY,
	legal_name	VARCHAR(200) NOT NULL DEFAULT '',
	ein		VARCHAR(10) NOT NULL DEFAULT '',
	vertical	VARCHAR(64) NOT NULL DEFAULT '',
	use_case	VARCHAR(64) NOT NULL DEFAULT '',
	sample_messages	TEXT NOT NULL,
	optin_description TEXT NOT NULL,
	rejection_reason VARCHAR(500) NOT NULL DEFAULT '',
	submitted_at	DATETIME(3) NULL,
	updated_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT business_registrations_fk FOREIGN KEY (business_id)
	    REFERENCES businesses (id)
) ENGINE=InnoDB;

-- A paused number sends nothing (its texts wait); a removed one is kept for
-- its conversations' history but never used again.
ALTER TABLE sending_numbers
	ADD COLUMN paused TINYINT(1) NOT NULL DEFAULT 0,
	ADD COLUMN removed_at DATETIME(3) NULL,
	ADD COLUMN daily_limit INT NOT NULL DEFAULT 2000;

-- Why a waiting text waits, for the thread ("Scheduled for 8:00 the lead's
-- time"); NULL when it does not.
ALTER TABLE messages
	ADD COLUMN hold_note VARCHAR(100) NULL AFTER due_at;

CREATE TABLE settings_audit (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	business_id	INT UNSIGNED NOT NULL,
	user_id		INT UNSIGNED NOT NULL,
	area		ENUM('profile','registration','numbers','quiet_hours',
	    'team') NOT NULL,
	action		VARCHAR(64) NOT NULL,
	detail		VARCHAR(500) NOT NULL DEFAULT '',
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	KEY settings_audit_business (business_id, id)
) ENGINE=InnoDB;
