-- 009_cluster.sql: every table has a primary key, as Galera replication
-- wants (rows are certified and applied by key).
ALTER TABLE delivery_rollup
	ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;
