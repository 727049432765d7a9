-- The last hour's counts behind the delivery warning (page_dashboard.c's
-- dashboard_warning), kept ten seconds: a busy hour's count reads its
-- latest 2,000 texts (about 1 ms), which every view of the dashboard and
-- of a manager's inbox paid (two thirds of the dashboard's time when the
-- rest came from its snapshot). The thresholds are read at every view.
CREATE TABLE hour_counts (
	business_id	INT UNSIGNED NOT NULL PRIMARY KEY,
	counted_at	DATETIME(3) NOT NULL,
	sent		INT UNSIGNED NOT NULL,
	failed		INT UNSIGNED NOT NULL,
	filtered	INT UNSIGNED NOT NULL,
	unregistered	INT UNSIGNED NOT NULL
) ENGINE=InnoDB;
