/* store_dashboard.c: the managers' delivery review */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "store_dashboard.h"
#include "util.h"

int
store_rollup_fresh(struct db_res *res, unsigned business_id, const char *first,
    const char *last, int utc_offset)
{
	return db_query(res, "SELECT day, "
	    "computed_at >= day + INTERVAL 3 DAY - INTERVAL ? SECOND, "
	    "CAST(UNIX_TIMESTAMP(computed_at) * 1000 AS SIGNED) "
	    "FROM delivery_rollup_days "
	    "WHERE business_id = ? AND day BETWEEN ? AND ? AND utc_offset = ? "
	    "AND (computed_at >= day + INTERVAL 3 DAY - INTERVAL ? SECOND "
	    "OR computed_at > NOW(3) - INTERVAL 5 MINUTE)", "iissii",
	    (long long)utc_offset, (long long)business_id, first, last,
	    (long long)utc_offset, (long long)utc_offset);
}

int
store_rollup_day(unsigned business_id, const char *day, long long start_ms,
    long long end_ms, int utc_offset)
{
	struct db_res res;

	if (db_begin() != 0)
		return -1;
	/* one counter at a time per day: the others wait here, then find
	 * it fresh */
	if (db_exec("INSERT IGNORE INTO delivery_rollup_days (business_id, "
	    "day, utc_offset, computed_at) VALUES (?, ?, ?, '2000-01-01')",
	    "isi", (long long)business_id, day, (long long)utc_offset) < 0 ||
	    db_query(&res, "SELECT computed_at > NOW(3) - INTERVAL 5 MINUTE "
	    "AND utc_offset = ? FROM delivery_rollup_days WHERE business_id = ? "
	    "AND day = ? FOR UPDATE", "iis", (long long)utc_offset,
	    (long long)business_id, day) != 0)
		goto fail;
	if (res.nrows > 0 && db_get_ll(&res, 0, 0, 0) == 1) {
		db_res_free(&res);
		return db_commit();
	}
	db_res_free(&res);
	if (db_exec("DELETE FROM delivery_rollup WHERE business_id = ? AND "
	    "day = ?", "is", (long long)business_id, day) < 0 ||
	    db_exec("INSERT INTO delivery_rollup (business_id, day, "
	    "sending_number_id, agent_id, carrier, outcome, reason, error_code, "
	    "n) SELECT m.business_id, ?, c.sending_number_id, "
	    "COALESCE(m.agent_id, 0), COALESCE(k.carrier, ''), " OUTCOME_SQL
	    ", COALESCE(m.reason, ''), COALESCE(m.error_code, 0), COUNT(*) "
	    "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
	    "JOIN leads l ON l.id = c.lead_id "
	    "LEFT JOIN number_lookups k ON k.e164 = l.phone_e164 "
	    "WHERE m.business_id = ? AND m.direction = 'out' "
	    "AND m.created_at >= FROM_UNIXTIME(? / 1000) "
	    "AND m.created_at < FROM_UNIXTIME(? / 1000) "
	    "GROUP BY 3, 4, 5, 6, 7, 8", "siii", day, (long long)business_id,
	    start_ms, end_ms) < 0 ||
	    db_exec("UPDATE delivery_rollup_days SET computed_at = NOW(3), "
	    "utc_offset = ? WHERE business_id = ? AND day = ?", "iis",
	    (long long)utc_offset, (long long)business_id, day) < 0)
		goto fail;
	return db_commit();
fail:
	db_rollback();
	return -1;
}

int
store_dash_totals(struct db_res *res, unsigned business_id, const char *first,
    const char *last)
{
	return db_query(res, "SELECT outcome, SUM(n) FROM delivery_rollup "
	    "WHERE business_id = ? AND day BETWEEN ? AND ? GROUP BY outcome",
	    "iss", (long long)business_id, first, last);
}

int
store_dash_reasons(struct db_res *res, unsigned business_id,
    const char *first, const char *last)
{
	return db_query(res, "SELECT reason, MAX(error_code), SUM(n) "
	    "FROM delivery_rollup WHERE business_id = ? AND day BETWEEN ? AND ? "
	    "AND outcome = 'failed' GROUP BY reason ORDER BY SUM(n) DESC",
	    "iss", (long long)business_id, first, last);
}

int
store_dash_days(struct db_res *res, unsigned business_id, const char *first,
    const char *last)
{
	return db_query(res, "SELECT day, reason, SUM(n) FROM delivery_rollup "
	    "WHERE business_id = ? AND day BETWEEN ? AND ? AND outcome = "
	    "'failed' GROUP BY day, reason ORDER BY day, reason", "iss",
	    (long long)business_id, first, last);
}

int
store_dash_by(struct db_res *res, unsigned business_id, const char *what,
    const char *first, const char *last)
{
	if (strcmp(what, "carrier") == 0)
		return db_query(res, "SELECT carrier, carrier, SUM(n), "
		    "SUM(IF(outcome = 'failed', n, 0)) FROM delivery_rollup "
		    "WHERE business_id = ? AND day BETWEEN ? AND ? "
		    "GROUP BY carrier ORDER BY SUM(n) DESC LIMIT 20", "iss",
		    (long long)business_id, first, last);
	if (strcmp(what, "number") == 0)
		return db_query(res, "SELECT r.sending_number_id, n.e164, "
		    "SUM(r.n), SUM(IF(r.outcome = 'failed', r.n, 0)) "
		    "FROM delivery_rollup r JOIN sending_numbers n "
		    "ON n.id = r.sending_number_id WHERE r.business_id = ? "
		    "AND r.day BETWEEN ? AND ? GROUP BY r.sending_number_id, "
		    "n.e164 ORDER BY SUM(r.n) DESC LIMIT 20", "iss",
		    (long long)business_id, first, last);
	return db_query(res, "SELECT r.agent_id, COALESCE(u.name, ''), "
	    "SUM(r.n), SUM(IF(r.outcome = 'failed', r.n, 0)) "
	    "FROM delivery_rollup r LEFT JOIN users u ON u.id = r.agent_id "
	    "WHERE r.business_id = ? AND r.day BETWEEN ? AND ? "
	    "GROUP BY r.agent_id, u.name ORDER BY SUM(r.n) DESC LIMIT 20", "iss",
	    (long long)business_id, first, last);
}

int
store_dash_filtered(struct db_res *res, unsigned business_id, int code,
    long long start_ms, long long end_ms, int limit)
{
	/* the latest 2,000 such failures of the range, a bounded read however
	 * many a month holds, grouped by their bodies' key on the index alone
	 * (migration 014); then only the few bodies shown, each the latest
	 * text of its group, read from the table */
	return db_query(res, "SELECT LEFT(m.body, 320), t.n, m.lint FROM ("
	    "SELECT body_key, COUNT(*) AS n, MAX(id) AS latest FROM ("
	    "SELECT body_key, id FROM messages FORCE INDEX (messages_code) "
	    "WHERE business_id = ? AND error_code = ? "
	    "AND created_at >= FROM_UNIXTIME(? / 1000) "
	    "AND created_at < FROM_UNIXTIME(? / 1000) "
	    "ORDER BY created_at DESC LIMIT 2000) x "
	    "GROUP BY body_key ORDER BY n DESC, latest DESC LIMIT ?) t "
	    "JOIN messages m ON m.id = t.latest ORDER BY t.n DESC, t.latest DESC",
	    "iiiii", (long long)business_id, (long long)code, start_ms, end_ms,
	    (long long)limit);
}

int
store_last_hour(struct db_res *res, unsigned business_id, int sample,
    int keep_s)
{
	if (db_query(res, "SELECT h.sent, h.failed, h.filtered, "
	    "h.unregistered, b.alert_failure_pct, b.alert_filtered_pct "
	    "FROM businesses b JOIN hour_counts h ON h.business_id = b.id "
	    "WHERE b.id = ? AND h.counted_at > NOW(3) - INTERVAL ? SECOND",
	    "ii", (long long)business_id, (long long)keep_s) != 0)
		return -1;
	if (res->nrows > 0)
		return 0;
	db_res_free(res);
	/* the hour's latest `sample` texts, read backwards on the
	 * (business_id, created_at, ...) index it covers: a bounded read,
	 * however many the hour held (a business sending 100 a second has
	 * 360,000, which the managers' inbox would count on every view) */
	if (db_query(res, "SELECT COUNT(x.s), "
	    "COALESCE(SUM(x.s IN ('failed','undelivered')), 0), "
	    "COALESCE(SUM(x.e = 30007), 0), COALESCE(SUM(x.e = 30034), 0), "
	    "b.alert_failure_pct, b.alert_filtered_pct FROM businesses b "
	    "LEFT JOIN (SELECT status AS s, error_code AS e FROM messages "
	    "WHERE business_id = ? AND created_at > NOW(3) - INTERVAL 1 HOUR "
	    "AND direction = 'out' ORDER BY created_at DESC LIMIT ?) x ON 1 "
	    "WHERE b.id = ? GROUP BY b.id", "iii", (long long)business_id,
	    (long long)sample, (long long)business_id) != 0)
		return -1;
	/* kept for the next views; the answer stands if it is not */
	if (res->nrows > 0 && db_exec("INSERT INTO hour_counts (business_id, "
	    "counted_at, sent, failed, filtered, unregistered) "
	    "VALUES (?, NOW(3), ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "counted_at = NOW(3), sent = VALUES(sent), "
	    "failed = VALUES(failed), filtered = VALUES(filtered), "
	    "unregistered = VALUES(unregistered)", "iiiii",
	    (long long)business_id, db_get_ll(res, 0, LH_SENT, 0),
	    db_get_ll(res, 0, LH_FAILED, 0), db_get_ll(res, 0, LH_FILTERED, 0),
	    db_get_ll(res, 0, LH_UNREGISTERED, 0)) < 0)
		sp_log("dashboard: the hour's counts were not kept");
	return 0;
}

int
store_alert_thresholds_set(unsigned business_id, int failure_pct,
    int filtered_pct)
{
	return db_exec("UPDATE businesses SET alert_failure_pct = ?, "
	    "alert_filtered_pct = ? WHERE id = ?", "iii",
	    (long long)failure_pct, (long long)filtered_pct,
	    (long long)business_id) < 0 ? -1 : 0;
}

int
store_dash_snapshot(struct db_res *res, unsigned business_id,
    const char *first, const char *last, int utc_offset, int ttl_s,
    long long have_ms)
{
	return db_query(res, "SELECT "
	    "CAST(UNIX_TIMESTAMP(made_at) * 1000 AS SIGNED) AS made, "
	    "made_at > NOW(3) - INTERVAL ? SECOND, "
	    "COALESCE(making_until > NOW(3), 0), "
	    "IF(CAST(UNIX_TIMESTAMP(made_at) * 1000 AS SIGNED) = ?, NULL, "
	    "figures) FROM dashboard_snapshots "
	    "WHERE business_id = ? AND first_day = ? AND last_day = ? "
	    "AND utc_offset = ?", "iiissi", (long long)ttl_s, have_ms,
	    (long long)business_id, first, last, (long long)utc_offset);
}

int
store_dash_snapshot_claim(unsigned business_id, const char *first,
    const char *last, int utc_offset, int ttl_s)
{
	long long n = db_exec("UPDATE dashboard_snapshots "
	    "SET making_until = NOW(3) + INTERVAL 30 SECOND "
	    "WHERE business_id = ? AND first_day = ? AND last_day = ? "
	    "AND utc_offset = ? AND made_at <= NOW(3) - INTERVAL ? SECOND "
	    "AND (making_until IS NULL OR making_until <= NOW(3))", "issii",
	    (long long)business_id, first, last, (long long)utc_offset,
	    (long long)ttl_s);

	return n < 0 ? -1 : n > 0;
}

int
store_dash_snapshot_put(unsigned business_id, const char *first,
    const char *last, int utc_offset, const char *figures)
{
	if (db_exec("DELETE FROM dashboard_snapshots WHERE business_id = ? "
	    "AND made_at < NOW(3) - INTERVAL 1 HOUR", "i",
	    (long long)business_id) < 0)
		return -1;
	return db_exec("INSERT INTO dashboard_snapshots (business_id, "
	    "first_day, last_day, utc_offset, made_at, figures) "
	    "VALUES (?, ?, ?, ?, NOW(3), ?) ON DUPLICATE KEY UPDATE "
	    "made_at = NOW(3), making_until = NULL, figures = VALUES(figures)",
	    "issis", (long long)business_id, first, last, (long long)utc_offset,
	    figures) < 0 ? -1 : 0;
}

/* One statement per combination of filters, built once per process. */
static char *dm_sql[64];

int
store_dash_messages(struct db_res *res, const struct dash_filter *f)
{
	struct db_param p[16];
	size_t n = 0;
	int k = (f->outcome != NULL) | (f->reason != NULL) << 1 |
	    (f->carrier != NULL) << 2 | (f->number_id != 0) << 3 |
	    (f->agent_id != 0) << 4 | (f->before_id != 0) << 5;

	if (dm_sql[k] == NULL && asprintf(&dm_sql[k],
	    "SELECT m.id, m.conversation_id, LEFT(m.body, 160), m.status, "
	    "m.reason, m.error_code, "
	    "CAST(UNIX_TIMESTAMP(m.created_at) * 1000 AS SIGNED), "
	    "COALESCE(k.carrier, ''), n.e164, COALESCE(u.name, ''), l.name, "
	    "COALESCE(l.phone_e164, l.phone_raw) "
	    "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
	    "JOIN leads l ON l.id = c.lead_id "
	    "JOIN sending_numbers n ON n.id = c.sending_number_id "
	    "LEFT JOIN number_lookups k ON k.e164 = l.phone_e164 "
	    "LEFT JOIN users u ON u.id = m.agent_id "
	    "WHERE m.business_id = ? AND m.direction = 'out' "
	    "AND m.created_at >= FROM_UNIXTIME(? / 1000) "
	    "AND m.created_at < FROM_UNIXTIME(? / 1000) %s%s%s%s%s%s"
	    "ORDER BY m.id DESC LIMIT ?",
	    f->outcome ? "AND " OUTCOME_SQL " = ? " : "",
	    f->reason ? "AND COALESCE(m.reason, '') = ? " : "",
	    f->carrier ? "AND COALESCE(k.carrier, '') = ? " : "",
	    f->number_id ? "AND c.sending_number_id = ? " : "",
	    f->agent_id ? "AND COALESCE(m.agent_id, 0) = ? " : "",
	    f->before_id ? "AND m.id < ? " : "") < 0) {
		dm_sql[k] = NULL;
		return -1;
	}
	memset(p, 0, sizeof(p));
	p[n].type = 'i';
	p[n++].i = f->business_id;
	p[n].type = 'i';
	p[n++].i = f->start_ms;
	p[n].type = 'i';
	p[n++].i = f->end_ms;
	if (f->outcome) {
		p[n].type = 's';
		p[n++].p = f->outcome;
	}
	if (f->reason) {
		p[n].type = 's';
		p[n++].p = f->reason;
	}
	if (f->carrier) {
		p[n].type = 's';
		p[n++].p = f->carrier;
	}
	if (f->number_id) {
		p[n].type = 'i';
		p[n++].i = f->number_id;
	}
	if (f->agent_id) {
		p[n].type = 'i';
		p[n++].i = f->agent_id < 0 ? 0 : f->agent_id;
	}
	if (f->before_id) {
		p[n].type = 'i';
		p[n++].i = f->before_id;
	}
	p[n].type = 'i';
	p[n++].i = f->limit;
	return db_query_list(res, dm_sql[k], p, n);
}

int
store_dash_filter_names(struct db_res *res, unsigned business_id,
    long long number_id, long long agent_id)
{
	return db_query(res, "SELECT "
	    "(SELECT e164 FROM sending_numbers WHERE id = ? "
	    "AND business_id = ?), "
	    "(SELECT name FROM users WHERE id = ? AND business_id = ?)",
	    "iiii", number_id, (long long)business_id, agent_id,
	    (long long)business_id);
}
