/* store_dashboard.h: the managers' delivery review: the daily rollup and
 * the figures read from it, the drill-down, the last hour's warning */
#ifndef SP_STORE_DASHBOARD_H
#define SP_STORE_DASHBOARD_H

struct db_res;

/* The outcome words as SQL: the article's three states of a text. */
#define OUTCOME_SQL \
	"CASE WHEN m.status IN ('failed','undelivered','canceled') " \
	"THEN 'failed' WHEN m.status IN ('delivered','read') OR " \
	"m.unconfirmed = 1 THEN 'delivered' ELSE 'pending' END"

/* The days in [first, last] ("YYYY-MM-DD") whose counts are current for
 * this offset: settled (two days past their end) or counted in the last
 * five minutes: the day, 1 if settled, when counted (ms). */
enum { RF_DAY, RF_SETTLED, RF_COUNTED_MS };
int	 store_rollup_fresh(struct db_res *res, unsigned business_id,
	    const char *first, const char *last, int utc_offset);
/* Counts one day again: [start_ms, end_ms) is the day in UTC. 0 or -1. */
int	 store_rollup_day(unsigned business_id, const char *day,
	    long long start_ms, long long end_ms, int utc_offset);

/* Figures over [first, last] from the rollup. Each: rows of a key (or two)
 * and counts. */
enum { DT_OUTCOME, DT_N };
int	 store_dash_totals(struct db_res *res, unsigned business_id,
	    const char *first, const char *last);
enum { DR_REASON, DR_CODE, DR_N };
int	 store_dash_reasons(struct db_res *res, unsigned business_id,
	    const char *first, const char *last);
enum { DD_DAY, DD_REASON, DD_N };
int	 store_dash_days(struct db_res *res, unsigned business_id,
	    const char *first, const char *last);
/* by "carrier", "number" or "agent": key, label, total, failed */
enum { DB_KEY, DB_LABEL, DB_TOTAL, DB_FAILED };
int	 store_dash_by(struct db_res *res, unsigned business_id,
	    const char *what, const char *first, const char *last);
/* The texts most often failing with code among the latest 2,000 such
 * failures in [start_ms, end_ms): body, count, the lint findings of the
 * latest (JSON). */
enum { DF_BODY, DF_N, DF_LINT };
int	 store_dash_filtered(struct db_res *res, unsigned business_id, int code,
	    long long start_ms, long long end_ms, int limit);

/* The last hour's outbound texts (its latest `sample` at most), failed,
 * 30007 and 30034, with the business's warning thresholds (failure %,
 * filtered %): one row. The counts are those kept (sql/016) if younger
 * than keep_s seconds, else counted now and kept. */
enum {
	LH_SENT, LH_FAILED, LH_FILTERED, LH_UNREGISTERED, LH_FAILURE_PCT,
	LH_FILTERED_PCT, LH__COLS
};
int	 store_last_hour(struct db_res *res, unsigned business_id,
	    int sample, int keep_s);
int	 store_alert_thresholds_set(unsigned business_id, int failure_pct,
	    int filtered_pct);

/* A range's snapshot (sql/015): when it was made (ms), whether it is
 * younger than ttl_s seconds, whether a worker is making a new one, and
 * the page data it keeps (JSON), NULL when it was made at have_ms (the
 * asker has it). No row when there is none. 0 or -1. */
enum { DS_MADE_MS, DS_FRESH, DS_MAKING, DS_FIGURES };
int	 store_dash_snapshot(struct db_res *res, unsigned business_id,
	    const char *first, const char *last, int utc_offset, int ttl_s,
	    long long have_ms);
/* Takes the making of a new snapshot in place of a stale one, for 30 s at
 * most: 1 taken, 0 when another worker has it (or it is fresh), -1. */
int	 store_dash_snapshot_claim(unsigned business_id, const char *first,
	    const char *last, int utc_offset, int ttl_s);
/* Keeps the snapshot made now, and forgets the business's snapshots of an
 * hour ago and more. 0 or -1. */
int	 store_dash_snapshot_put(unsigned business_id, const char *first,
	    const char *last, int utc_offset, const char *figures);

struct dash_filter {
	unsigned	 business_id;
	long long	 start_ms, end_ms;
	const char	*outcome;	/* NULL: any */
	const char	*reason;
	const char	*carrier;	/* "" is "not looked up" */
	long long	 number_id;	/* 0: any */
	long long	 agent_id;	/* 0: any; -1: none (the rules' own) */
	long long	 before_id;	/* keyset: 0 from the newest */
	int		 limit;
};
/* The messages behind a figure, newest first. */
enum {
	DM_ID, DM_CONV, DM_BODY, DM_STATUS, DM_REASON, DM_CODE, DM_AT_MS,
	DM_CARRIER, DM_NUMBER, DM_AGENT, DM_LEAD, DM_PHONE, DM__COLS
};
int	 store_dash_messages(struct db_res *res, const struct dash_filter *f);
/* The filter's sending number and agent by name, in the business: one row,
 * (e164, name), NULL for one it does not have (or was not asked). */
int	 store_dash_filter_names(struct db_res *res, unsigned business_id,
	    long long number_id, long long agent_id);

#endif
