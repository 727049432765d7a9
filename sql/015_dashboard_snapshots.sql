-- The dashboard's figures for a range (page_dashboard.c), as the page data
-- it showed (JSON), kept for Dashboard.SnapshotSeconds (60 by default): a
-- manager's next look within that reads one row instead of counting the
-- range again in eight statements. The last hour's warning is not kept.
-- making_until: a worker is counting a new one until then; the others show
-- this one meanwhile. A business's rows older than an hour are deleted
-- when it makes a new one (any range can be asked for).
CREATE TABLE dashboard_snapshots (
	business_id	INT UNSIGNED NOT NULL,
	first_day	DATE NOT NULL,
	last_day	DATE NOT NULL,
	utc_offset	INT NOT NULL,
	made_at		DATETIME(3) NOT NULL,
	making_until	DATETIME(3) NULL,
	figures		MEDIUMTEXT NOT NULL,
	PRIMARY KEY (business_id, first_day, last_day, utc_offset)
) ENGINE=InnoDB;
