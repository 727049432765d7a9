-- 001_accounts.sql: businesses (tenants), their users, sessions and the
-- login throttle. Times are UTC (every connection sets time_zone +00:00).

CREATE TABLE businesses (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	name		VARCHAR(200) NOT NULL,
	time_zone	VARCHAR(64) NOT NULL DEFAULT 'America/New_York',
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB;

-- Support and admin staff belong to SalesPartner, not to a business.
CREATE TABLE users (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	business_id	INT UNSIGNED NULL,
	email		VARCHAR(254) NOT NULL,
	name		VARCHAR(200) NOT NULL,
	role		ENUM('agent','manager','support','admin') NOT NULL,
	password_hash	VARCHAR(255) NOT NULL,
	active		TINYINT(1) NOT NULL DEFAULT 1,
	created_at	DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	UNIQUE KEY users_email (email),
	KEY users_business (business_id),
	CONSTRAINT users_business_fk FOREIGN KEY (business_id)
	    REFERENCES businesses (id),
	CONSTRAINT users_staff_have_business CHECK
	    ((role IN ('agent','manager')) = (business_id IS NOT NULL))
) ENGINE=InnoDB;

-- The cookie holds a random 256-bit token; only its SHA-256 is stored, so a
-- copy of this table logs nobody in.
CREATE TABLE sessions (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	token_hash	BINARY(32) NOT NULL,
	user_id		INT UNSIGNED NOT NULL,
	csrf_token	CHAR(64) NOT NULL,
	created_at	DATETIME(3) NOT NULL,
	last_seen_at	DATETIME(3) NOT NULL,
	address		VARCHAR(64) NOT NULL DEFAULT '',
	UNIQUE KEY sessions_token (token_hash),
	KEY sessions_user (user_id),
	CONSTRAINT sessions_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
	    ON DELETE CASCADE
) ENGINE=InnoDB;

-- One row per failed sign-in, by account (the email typed) and by address;
-- the throttle counts rows in a sliding window.
CREATE TABLE login_failures (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	kind		ENUM('account','address') NOT NULL,
	subject		VARCHAR(254) NOT NULL,
	at		DATETIME(3) NOT NULL,
	KEY login_failures_subject (kind, subject, at),
	KEY login_failures_at (at)
) ENGINE=InnoDB;
