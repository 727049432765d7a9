-- 008_dashboard.sql: the managers' delivery review.

-- When the dashboard warns: the failure rate over the last hour, or the
-- share of failures that carriers filtered (30007), in percent.
ALTER TABLE businesses
	ADD COLUMN alert_failure_pct TINYINT UNSIGNED NOT NULL DEFAULT 20,
	ADD COLUMN alert_filtered_pct TINYINT UNSIGNED NOT NULL DEFAULT 10;

-- Outbound texts counted per day (in the business's zone), sending number,
-- agent, carrier, outcome and reason: the dashboard reads these few rows
-- instead of a month of messages. A day is counted again while its
-- statuses may still change (until two days after it ends), at most every
-- five minutes (delivery_rollup_days says when it was).
CREATE TABLE delivery_rollup (
	business_id	INT UNSIGNED NOT NULL,
	day		DATE NOT NULL,
	sending_number_id INT UNSIGNED NOT NULL,
	agent_id	INT UNSIGNED NOT NULL DEFAULT 0,
	carrier		VARCHAR(80) NOT NULL DEFAULT '',
	outcome		ENUM('delivered','failed','pending') NOT NULL,
	reason		VARCHAR(32) NOT NULL DEFAULT '',
	error_code	INT NOT NULL DEFAULT 0,
	n		INT UNSIGNED NOT NULL,
	KEY delivery_rollup_day (business_id, day)
) ENGINE=InnoDB;

CREATE TABLE delivery_rollup_days (
	business_id	INT UNSIGNED NOT NULL,
	day		DATE NOT NULL,
	utc_offset	INT NOT NULL,
	computed_at	DATETIME(3) NOT NULL,
	PRIMARY KEY (business_id, day)
) ENGINE=InnoDB;

-- The texts most often filtered: one code's failures in a date range.
ALTER TABLE messages
	ADD KEY messages_code (business_id, error_code, created_at);
