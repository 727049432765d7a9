/* page_dashboard.c: the managers' delivery review (/dashboard...): how many
 * texts fail, why, where and since when; the messages behind each figure;
 * the failed ones as CSV; and the last hour's warning */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>

#include "core_reason.h"
#include "core_status.h"
#include "config.h"
#include "core_timezone.h"
#include "db.h"
#include "hdf_json.h"
#include "pages.h"
#include "store_dashboard.h"
#include "util.h"
#include "web.h"

#define MAX_DAYS	366
#define DRILL_PAGE	50
/* who sent the texts no agent wrote (the opt-out confirmations) */
#define RULES_REPLIES	"The rules' own replies"
#define CSV_CHUNK	1000
#define CHART_W		720
#define CHART_H		180
#define MIN_SAMPLE	10	/* texts in the last hour before a warning */
#define MAX_SAMPLE	2000	/* the hour's latest texts a warning reads */
#define HOUR_KEEP_S	10	/* and keeps its counts for the next views */

/* The range asked for, in the business's days. */
struct range {
	long long	 first;	/* days since 1970-01-01, local */
	long long	 last;
	int		 off;	/* the zone's offset now, seconds */
	char		 first_s[11], last_s[11];
	long long	 start_ms, end_ms;	/* [first 00:00, last+1 00:00) UTC */
};

static long long
parse_day(const char *s)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof(tm));
	if ((end = strptime(s, "%Y-%m-%d", &tm)) == NULL || *end != '\0')
		return -1;
	return (long long)timegm(&tm) / 86400;
}

static void
day_str(long long day, char *out, size_t size)
{
	time_t t = (time_t)(day * 86400);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%d", &tm);
}

/*
 * Reads ?from=&to= (YYYY-MM-DD, the business's days; the last 7 days by
 * default). Reversed ranges are turned round, ranges past today or over a
 * year are clamped, each with a notice; 0, or 400 for a malformed date.
 */
static int
range_read(struct req *r, struct range *g)
{
	const char *from, *to;
	long long today, t;
	time_t now = time(NULL);
	int rc_from, rc_to;

	if (tz_offset(r->s.time_zone, now, &g->off) != 0)
		g->off = 0;
	today = ((long long)now + g->off) / 86400;
	g->last = today;
	g->first = today - 6;
	rc_to = web_text(r, "to", 10, &to);
	rc_from = web_text(r, "from", 10, &from);
	if ((rc_to != 0 && rc_to != WEB_MISSING) ||
	    (rc_from != 0 && rc_from != WEB_MISSING))
		return 400;
	if (rc_to == 0 && (g->last = parse_day(to)) < 0)
		return 400;
	if (rc_from == 0) {
		if ((g->first = parse_day(from)) < 0)
			return 400;
	} else if (rc_to == 0)
		g->first = g->last - 6;
	if (g->first > g->last) {
		t = g->first;
		g->first = g->last;
		g->last = t;
		web_set(r, "Range.Notice", "The dates were the wrong way round: "
		    "showing them the right way.");
	}
	if (g->last > today) {
		g->last = today;
		web_set(r, "Range.Notice", "There are no figures after today: "
		    "the range ends today.");
	}
	if (g->first > g->last)
		g->first = g->last;
	if (g->last - g->first + 1 > MAX_DAYS) {
		g->first = g->last - MAX_DAYS + 1;
		web_set(r, "Range.Notice", "A range covers a year at most: "
		    "showing the year up to its last day.");
	}
	day_str(g->first, g->first_s, sizeof(g->first_s));
	day_str(g->last, g->last_s, sizeof(g->last_s));
	g->start_ms = (g->first * 86400 - g->off) * 1000;
	g->end_ms = ((g->last + 1) * 86400 - g->off) * 1000;
	web_set(r, "Range.From", g->first_s);
	web_set(r, "Range.To", g->last_s);
	return 0;
}

/*
 * Counts again the range's days whose counts are not current. *asof_ms:
 * when the oldest count of a day not yet settled was made (0 when every
 * day is settled), which the page states. 0 or -1.
 */
static int
rollup_refresh(struct req *r, const struct range *g, long long *asof_ms)
{
	struct db_res fresh;
	char day[11];
	long long d, now_ms = (long long)time(NULL) * 1000;
	unsigned i;

	*asof_ms = 0;
	if (store_rollup_fresh(&fresh, r->s.business_id, g->first_s, g->last_s,
	    g->off) != 0)
		return -1;
	for (d = g->first; d <= g->last; d++) {
		long long at = now_ms;
		int have = 0;
		day_str(d, day, sizeof(day));
		for (i = 0; i < fresh.nrows && !have; i++) {
			if (strcmp(db_get(&fresh, i, RF_DAY), day) != 0)
				continue;
			have = 1;
			at = db_get_ll(&fresh, i, RF_SETTLED, 0) ? 0 :
			    db_get_ll(&fresh, i, RF_COUNTED_MS, now_ms);
		}
		if (!have && store_rollup_day(r->s.business_id, day,
		    (d * 86400 - g->off) * 1000, ((d + 1) * 86400 - g->off) *
		    1000, g->off) != 0) {
			db_res_free(&fresh);
			return -1;
		}
		/* counted now: settled if two days have passed its end */
		if (!have && now_ms >= ((d + 3) * 86400 - g->off) * 1000)
			at = 0;
		if (at > 0 && (*asof_ms == 0 || at < *asof_ms))
			*asof_ms = at;
	}
	db_res_free(&fresh);
	return 0;
}

static void
put_pct(HDF *h, const char *name, long long part, long long whole)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%.1f", whole > 0 ? 100.0 * (double)part /
	    (double)whole : 0.0);
	web_put(h, name, buf);
}

/* The reason's name as the article says it ("" is a failure with none). */
static const char *
reason_name(const char *reason, long long code)
{
	return reason_short(reason_from_str(reason && *reason ? reason :
	    "unknown"), (int)code);
}

/*
 * The last hour's warning, if the failure rate or the filtered share passes
 * the business's threshold: its likely cause (content, pacing,
 * registration) as Warning.*, and the thresholds as Alerts.*. 0 or -1.
 */
int
dashboard_warning(struct req *r)
{
	struct db_res h;
	long long sent, failed, filtered, unregistered;
	int fail_pct, filt_pct;
	char msg[300], of[64];

	if (store_last_hour(&h, r->s.business_id, MAX_SAMPLE,
	    HOUR_KEEP_S) != 0)
		return -1;
	fail_pct = (int)db_get_ll(&h, 0, LH_FAILURE_PCT, 20);
	filt_pct = (int)db_get_ll(&h, 0, LH_FILTERED_PCT, 10);
	web_set_int(r, "Alerts.Failure", fail_pct);
	web_set_int(r, "Alerts.Filtered", filt_pct);
	sent = db_get_ll(&h, 0, LH_SENT, 0);
	failed = db_get_ll(&h, 0, LH_FAILED, 0);
	filtered = db_get_ll(&h, 0, LH_FILTERED, 0);
	unregistered = db_get_ll(&h, 0, LH_UNREGISTERED, 0);
	db_res_free(&h);
	if (sent < MIN_SAMPLE || (failed * 100 < fail_pct * sent &&
	    filtered * 100 < filt_pct * sent))
		return 0;
	/* a busy hour is judged on its latest texts, and says so */
	if (sent >= MAX_SAMPLE)
		snprintf(of, sizeof(of), "the latest %lld texts of the last "
		    "hour", sent);
	else
		snprintf(of, sizeof(of), "%lld texts in the last hour", sent);
	if (unregistered * 3 >= failed && unregistered > 0)
		snprintf(msg, sizeof(msg), "%lld of %s failed, %lld of them "
		    "blocked as unregistered (30034): the likely cause is "
		    "carrier registration.", failed, of, unregistered);
	else if (filtered * 100 >= filt_pct * sent)
		snprintf(msg, sizeof(msg), "%lld of %s were filtered by "
		    "carriers (30007): the likely cause is content. Review the "
		    "texts below; links, all caps and urgency are often "
		    "filtered.", filtered, of);
	else
		snprintf(msg, sizeof(msg), "%lld of %s failed: the likely "
		    "cause is pacing. Slow the sending numbers' pace, or spread "
		    "the texts over the day.", failed, of);
	web_set(r, "Warning.Text", msg);
	web_set(r, "Warning.Cause", unregistered * 3 >= failed &&
	    unregistered > 0 ? "registration" : filtered * 100 >= filt_pct *
	    sent ? "content" : "pacing");
	return 0;
}

static const char *reason_classes[] = {
	"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7",
};

/* Failures by day, stacked by reason, as SVG geometry in the page data. */
static int
chart_days(struct req *r, const struct range *g, struct db_res *d,
    struct db_res *reasons)
{
	long long ndays = g->last - g->first + 1, max = 1, day;
	unsigned i, k = 0;
	double bw = (double)CHART_W / (double)ndays;

	/* the tallest day sets the scale */
	for (day = g->first; day <= g->last; day++) {
		char ds[11];
		long long sum = 0;
		day_str(day, ds, sizeof(ds));
		for (i = 0; i < d->nrows; i++)
			if (strcmp(db_get(d, i, DD_DAY), ds) == 0)
				sum += db_get_ll(d, i, DD_N, 0);
		if (sum > max)
			max = sum;
	}
	web_set_int(r, "Chart.Max", max);
	web_set_int(r, "Chart.W", CHART_W);
	web_set_int(r, "Chart.H", CHART_H);
	for (day = g->first; day <= g->last; day++, k++) {
		char ds[11], key[16];
		double y = CHART_H;
		unsigned s = 0;
		HDF *h = web_item(r, "Days", k);
		day_str(day, ds, sizeof(ds));
		web_put(h, "Day", ds);
		snprintf(key, sizeof(key), "%.1f", bw * (double)k + bw * 0.1);
		web_put(h, "X", key);
		snprintf(key, sizeof(key), "%.1f", bw * 0.8);
		web_put(h, "W", key);
		/* segments in the legend's order */
		for (unsigned j = 0; j < reasons->nrows; j++) {
			const char *rs = db_get(reasons, j, DR_REASON);
			for (i = 0; i < d->nrows; i++) {
				long long n;
				double hh;
				char seg[24];
				HDF *sh;
				if (strcmp(db_get(d, i, DD_DAY), ds) != 0 ||
				    strcmp(db_get(d, i, DD_REASON), rs) != 0)
					continue;
				n = db_get_ll(d, i, DD_N, 0);
				hh = (double)CHART_H * (double)n / (double)max;
				y -= hh;
				snprintf(seg, sizeof(seg), "Segments.%u", s++);
				sh = hdf_get_obj(h, seg);
				if (sh == NULL && hdf_set_value(h, seg, "") ==
				    STATUS_OK)
					sh = hdf_get_obj(h, seg);
				if (sh == NULL)
					return -1;
				snprintf(key, sizeof(key), "%.1f", y);
				web_put(sh, "Y", key);
				snprintf(key, sizeof(key), "%.1f", hh);
				web_put(sh, "H", key);
				web_put(sh, "Class", reason_classes[j % 8]);
				web_put(sh, "Reason", reason_name(rs,
				    db_get_ll(reasons, j, DR_CODE, 0)));
				web_put_int(sh, "N", n);
				web_put_int(h, "Total", hdf_get_int_value(h,
				    "Total", 0) + n);
			}
		}
	}
	return 0;
}

static int
by_table(struct req *r, const struct range *g, const char *what,
    const char *name)
{
	struct db_res b;
	long long max = 1;

	if (store_dash_by(&b, r->s.business_id, what, g->first_s, g->last_s))
		return -1;
	for (unsigned i = 0; i < b.nrows; i++)
		if (db_get_ll(&b, i, DB_FAILED, 0) > max)
			max = db_get_ll(&b, i, DB_FAILED, 0);
	for (unsigned i = 0; i < b.nrows; i++) {
		HDF *h = web_item(r, name, i);
		const char *label = db_get(&b, i, DB_LABEL);
		long long total = db_get_ll(&b, i, DB_TOTAL, 0);
		long long failed = db_get_ll(&b, i, DB_FAILED, 0);
		web_put(h, "Key", db_get(&b, i, DB_KEY));
		web_put(h, "Label", label && *label ? label :
		    strcmp(what, "carrier") == 0 ? "Not looked up" :
		    strcmp(what, "agent") == 0 ? RULES_REPLIES : "?");
		web_put_int(h, "Total", total);
		web_put_int(h, "Failed", failed);
		put_pct(h, "Rate", failed, total);
		web_put_int(h, "Bar", failed * 100 / max);
	}
	db_res_free(&b);
	return 0;
}

static int
filtered_texts(struct req *r, const struct range *g)
{
	struct db_res f;

	if (store_dash_filtered(&f, r->s.business_id, 30007, g->start_ms,
	    g->end_ms, 5) != 0)
		return -1;
	for (unsigned i = 0; i < f.nrows; i++) {
		HDF *h = web_item(r, "Filtered", i);
		json_error_t err;
		json_t *lint = db_get(&f, i, DF_LINT) ? json_loads(db_get(&f, i,
		    DF_LINT), 0, &err) : NULL, *x;
		size_t k;
		web_put(h, "Body", db_get(&f, i, DF_BODY));
		web_put(h, "N", db_get(&f, i, DF_N));
		json_array_foreach(lint, k, x) {
			char key[32];
			snprintf(key, sizeof(key), "Lint.%zu", k);
			web_put(h, key, json_string_value(json_object_get(x,
			    "message")));
		}
		json_decref(lint);
	}
	db_res_free(&f);
	return 0;
}

/*
 * Counts the range's figures into the page data (all but the warning):
 * 0, -1 when the database failed, -2 when the chart could not be drawn.
 * *asof_ms as rollup_refresh says.
 */
static int
figures_count(struct req *r, const struct range *g, long long *asof_ms)
{
	struct db_res t, rs, d;
	long long sent = 0, delivered = 0, failed = 0, pending = 0, max = 1;
	HDF *h;
	int rc;

	if (rollup_refresh(r, g, asof_ms) != 0 ||
	    store_dash_totals(&t, r->s.business_id, g->first_s, g->last_s) != 0)
		return -1;
	for (unsigned i = 0; i < t.nrows; i++) {
		const char *o = db_get(&t, i, DT_OUTCOME);
		long long n = db_get_ll(&t, i, DT_N, 0);
		sent += n;
		if (strcmp(o, "delivered") == 0)
			delivered = n;
		else if (strcmp(o, "failed") == 0)
			failed = n;
		else
			pending = n;
	}
	db_res_free(&t);
	web_set_int(r, "Totals.Sent", sent);
	web_set_int(r, "Totals.Delivered", delivered);
	web_set_int(r, "Totals.Failed", failed);
	web_set_int(r, "Totals.Pending", pending);
	h = hdf_get_obj(r->hdf, "Totals");
	put_pct(h, "DeliveredRate", delivered, sent);
	put_pct(h, "FailedRate", failed, sent);
	put_pct(h, "PendingRate", pending, sent);

	if (store_dash_reasons(&rs, r->s.business_id, g->first_s, g->last_s))
		return -1;
	for (unsigned i = 0; i < rs.nrows; i++)
		if (db_get_ll(&rs, i, DR_N, 0) > max)
			max = db_get_ll(&rs, i, DR_N, 0);
	for (unsigned i = 0; i < rs.nrows; i++) {
		HDF *x = web_item(r, "Reasons", i);
		long long n = db_get_ll(&rs, i, DR_N, 0);
		web_put(x, "Key", db_get(&rs, i, DR_REASON));
		web_put(x, "Name", reason_name(db_get(&rs, i, DR_REASON),
		    db_get_ll(&rs, i, DR_CODE, 0)));
		web_put(x, "Class", reason_classes[i % 8]);
		web_put_int(x, "N", n);
		put_pct(x, "Share", n, failed);
		web_put_int(x, "Bar", n * 100 / max);
	}
	if (store_dash_days(&d, r->s.business_id, g->first_s, g->last_s) != 0) {
		db_res_free(&rs);
		return -1;
	}
	rc = chart_days(r, g, &d, &rs) != 0 ? -2 : 0;
	db_res_free(&d);
	db_res_free(&rs);
	if (rc == 0 && (by_table(r, g, "carrier", "ByCarrier") != 0 ||
	    by_table(r, g, "number", "ByNumber") != 0 ||
	    by_table(r, g, "agent", "ByAgent") != 0 ||
	    filtered_texts(r, g) != 0))
		rc = -1;
	return rc;
}

/* What a snapshot keeps of the page data: all figures_count puts there,
 * and Snapshot.AsOfMs (rollup_refresh's asof). */
static const char *const kept[] = {
	"Totals", "Reasons", "Chart", "Days", "ByCarrier", "ByNumber",
	"ByAgent", "Filtered", "Snapshot",
};
#define NKEPT	(sizeof(kept) / sizeof(kept[0]))

/* The counted figures as a snapshot's JSON (malloc'd), or NULL. */
static char *
figures_dump(struct req *r, long long asof_ms)
{
	if (web_set_int(r, "Snapshot.AsOfMs", asof_ms) != 0)
		return NULL;
	return hdf_json_dump(r->hdf, kept, NKEPT);
}

/* A snapshot's figures into the page data; 0, or -1 when it cannot be
 * read (the figures are then counted). */
static int
figures_load(struct req *r, const char *text, long long *asof_ms)
{
	const char *v;

	if (hdf_json_load(r->hdf, text, kept, NKEPT) != 0)
		return -1;
	if ((v = hdf_get_value(r->hdf, "Snapshot.AsOfMs", NULL)) == NULL ||
	    sp_parse_ll(v, 0, INT64_MAX, asof_ms) != 0) {
		for (size_t i = 0; i < NKEPT; i++)
			hdf_remove_tree(r->hdf, kept[i]);
		return -1;
	}
	return 0;
}

/*
 * The figures rendered (dashboard_figures.cs) from a snapshot, kept by
 * each worker for a few ranges: a manager's next look within the minute
 * reads one short row and renders nothing of them again. Each is the
 * snapshot's made at made_ms; a newer snapshot replaces it.
 */
#define FRAGMENTS	8
static struct fragment {
	unsigned	 business_id;
	long long	 first, last;
	int		 off;
	long long	 made_ms, asof_ms;
	char		*html;
	unsigned long	 used;
} frags[FRAGMENTS];
static unsigned long frag_clock;

static struct fragment *
frag_find(unsigned business_id, const struct range *g)
{
	for (size_t i = 0; i < FRAGMENTS; i++)
		if (frags[i].html != NULL &&
		    frags[i].business_id == business_id &&
		    frags[i].first == g->first && frags[i].last == g->last &&
		    frags[i].off == g->off)
			return &frags[i];
	return NULL;
}

/* Keeps html (a copy) as the range's, in its old place or the least
 * recently used. */
static void
frag_keep(unsigned business_id, const struct range *g, long long made_ms,
    long long asof_ms, const char *html)
{
	struct fragment *f = frag_find(business_id, g);
	char *copy = strdup(html);

	if (copy == NULL)
		return;
	for (size_t i = 0; f == NULL && i < FRAGMENTS; i++)
		if (frags[i].html == NULL)
			f = &frags[i];
	for (size_t i = 0; f == NULL && i < FRAGMENTS; i++)
		if (f == NULL || frags[i].used < f->used)
			f = &frags[i];
	free(f->html);
	f->business_id = business_id;
	f->first = g->first;
	f->last = g->last;
	f->off = g->off;
	f->made_ms = made_ms;
	f->asof_ms = asof_ms;
	f->html = copy;
	f->used = ++frag_clock;
}

/* Renders the figures now in the page data as Figures.Html (and keeps
 * them as the snapshot made at made_ms, unless 0); 0 or -1. */
static int
figures_render(struct req *r, const struct range *g, long long made_ms,
    long long asof_ms)
{
	STRING out;
	NEOERR *err;

	if (web_render_part(r, "dashboard_figures.cs", &out) != 0)
		return -1;
	if (made_ms > 0)
		frag_keep(r->s.business_id, g, made_ms, asof_ms,
		    out.buf ? out.buf : "");
	if ((err = hdf_set_value(r->hdf, "Figures.Html", out.buf ? out.buf :
	    "")) != STATUS_OK) {
		nerr_ignore(&err);
		string_clear(&out);
		return -1;
	}
	string_clear(&out);
	return 0;
}

/*
 * The range's figures as Figures.Html: a snapshot younger than
 * Dashboard.SnapshotSeconds, or an older one while another worker counts
 * them again; else counted now (and kept). 0, -1 (database), -2 (the
 * chart or the page could not be made).
 */
static int
figures(struct req *r, const struct range *g, long long *asof_ms)
{
	int ttl = r->cfg->dashboard_snapshot_s, rc, show = 0;
	struct fragment *f = frag_find(r->s.business_id, g);
	struct db_res snap;
	long long made;

	if (ttl > 0 && store_dash_snapshot(&snap, r->s.business_id,
	    g->first_s, g->last_s, g->off, ttl, f ? f->made_ms : 0) != 0)
		return -1;
	/* fresh, or stale while another worker counts them again: shown;
	 * else this worker counts them (and so it does if the claim failed) */
	if (ttl > 0 && snap.nrows > 0)
		show = db_get_ll(&snap, 0, DS_FRESH, 0) ||
		    db_get_ll(&snap, 0, DS_MAKING, 0) ||
		    store_dash_snapshot_claim(r->s.business_id, g->first_s,
		    g->last_s, g->off, ttl) == 0;
	if (show) {
		made = db_get_ll(&snap, 0, DS_MADE_MS, 0);
		if (f != NULL && f->made_ms == made) {
			db_res_free(&snap);
			f->used = ++frag_clock;
			*asof_ms = f->asof_ms;
			return web_set(r, "Figures.Html", f->html) != 0 ? -2 : 0;
		}
		if (figures_load(r, db_get(&snap, 0, DS_FIGURES),
		    asof_ms) == 0) {
			db_res_free(&snap);
			return figures_render(r, g, made, *asof_ms) != 0 ? -2 : 0;
		}
	}
	if (ttl > 0)
		db_res_free(&snap);
	if ((rc = figures_count(r, g, asof_ms)) != 0)
		return rc;
	if (ttl > 0) {
		/* the page is right without its snapshot: a failure is logged */
		char *text = figures_dump(r, *asof_ms);
		if (text == NULL || store_dash_snapshot_put(r->s.business_id,
		    g->first_s, g->last_s, g->off, text) != 0)
			sp_log("dashboard: the snapshot was not kept");
		free(text);
	}
	return figures_render(r, g, 0, *asof_ms) != 0 ? -2 : 0;
}

/* 200: the dashboard for ?from=&to= (the last 7 days by default); 400 for
 * a malformed date (with the form). Managers only. */
int
page_dashboard(struct req *r)
{
	struct range g;
	long long asof;
	int rc;

	web_set(r, "Page.Title", "Delivery");
	if (web_text(r, "saved", 10, &(const char *){ NULL }) == 0)
		web_set(r, "Page.Saved", "1");
	if (range_read(r, &g) != 0) {
		web_set(r, "Range.Error", "Write the dates as YYYY-MM-DD.");
		return web_render(r, 400, "dashboard.cs");
	}
	if ((rc = figures(r, &g, &asof)) == -2)
		return web_error(r, 500, "Could not make the page.");
	if (rc != 0)
		return web_db_error(r);
	if (asof > 0) {
		/* the oldest count of a recent day, in the business's time */
		time_t at = (time_t)(asof / 1000);
		struct tm tm;
		char hm[8];
		int off;
		if (tz_offset(r->s.time_zone, at, &off) != 0)
			off = 0;
		at += off;
		gmtime_r(&at, &tm);
		strftime(hm, sizeof(hm), "%H:%M", &tm);
		web_set(r, "Range.AsOf", hm);
	}
	if (dashboard_warning(r) != 0)
		return web_db_error(r);
	return web_render(r, 200, "dashboard.cs");
}

/* The sending number and the agent a drill-down is filtered by, named as
 * the list names them; 404 for one the business does not have. */
static int
drill_names(struct req *r, const struct dash_filter *f)
{
	struct db_res res;
	const char *number, *agent;
	int rc = 0;

	if (f->agent_id == -1)
		web_set(r, "Filter.AgentName", RULES_REPLIES);
	if (f->number_id == 0 && f->agent_id <= 0)
		return 0;
	if (store_dash_filter_names(&res, f->business_id, f->number_id,
	    f->agent_id > 0 ? f->agent_id : 0) != 0) {
		web_set(r, "Filter.Error", "The texts could not be read: "
		    "try again in a moment.");
		return 503;
	}
	number = db_get(&res, 0, 0);
	agent = db_get(&res, 0, 1);
	if (f->number_id != 0 && number == NULL) {
		web_set(r, "Filter.Error", "There is no such number.");
		rc = 404;
	} else if (f->agent_id > 0 && agent == NULL) {
		web_set(r, "Filter.Error", "There is no such agent.");
		rc = 404;
	} else {
		if (number != NULL)
			web_set(r, "Filter.NumberName", number);
		if (agent != NULL)
			web_set(r, "Filter.AgentName", agent);
	}
	db_res_free(&res);
	return rc;
}

/* Reads the drill-down's filters; 0, 400 or 404 (Filter.Error set). */
static int
drill_read(struct req *r, struct dash_filter *f, struct range *g)
{
	static const char *outcomes[] = { "delivered", "failed", "pending" };
	static const enum shown outcome_shown[] = {
		SHOWN_DELIVERED, SHOWN_FAILED, SHOWN_SENDING,
	};
	const char *v;
	int rc;

	memset(f, 0, sizeof(*f));
	if (range_read(r, g) != 0) {
		web_set(r, "Filter.Error", "Write the dates as YYYY-MM-DD.");
		return 400;
	}
	f->business_id = r->s.business_id;
	f->start_ms = g->start_ms;
	f->end_ms = g->end_ms;
	if (web_text(r, "outcome", 16, &v) == 0) {
		size_t i;
		for (i = 0; i < 3 && strcmp(v, outcomes[i]) != 0; i++)
			;
		if (i == 3) {
			web_set(r, "Filter.Error", "There is no such outcome.");
			return 400;
		}
		f->outcome = outcomes[i];
		/* named as the page names a status */
		web_set(r, "Filter.OutcomeName", shown_str(outcome_shown[i]));
	}
	if ((rc = web_text(r, "reason", 32, &v)) == 0 || rc == WEB_MISSING) {
		if (web_field_sent(r, "reason")) {
			if (*v != '\0' && reason_from_str(v) == REASON_NONE) {
				web_set(r, "Filter.Error", "There is no such "
				    "reason.");
				return 400;
			}
			f->reason = v;
			web_set(r, "Filter.Reason", v);
			web_set(r, "Filter.ReasonName", reason_name(v, 0));
			web_set_int(r, "Filter.HasReason", 1);
		}
	} else {
		web_set(r, "Filter.Error", "There is no such reason.");
		return 400;
	}
	if ((rc = web_text(r, "carrier", 80, &v)) == 0 ||
	    (rc == WEB_MISSING && web_field_sent(r, "carrier"))) {
		f->carrier = v;
		web_set(r, "Filter.Carrier", v);
		web_set_int(r, "Filter.HasCarrier", 1);
	} else if (rc != WEB_MISSING) {
		web_set(r, "Filter.Error", "The carrier is not valid text.");
		return 400;
	}
	if (web_text(r, "number", 12, &v) == 0 &&
	    sp_parse_ll(v, 1, UINT32_MAX, &f->number_id) != 0) {
		web_set(r, "Filter.Error", "There is no such number.");
		return 400;
	}
	if (web_text(r, "agent", 12, &v) == 0 &&
	    sp_parse_ll(v, 0, UINT32_MAX, &f->agent_id) != 0) {
		web_set(r, "Filter.Error", "There is no such agent.");
		return 400;
	}
	if (web_text(r, "agent", 12, &v) == 0 && f->agent_id == 0)
		f->agent_id = -1;	/* the rules' own replies */
	return drill_names(r, f);
}

/* The list's query without its page (before=), for the links to the next
 * page and to the CSV: appending to the whole query repeated before=, which
 * the third page then refused as malformed. */
static int
drill_query(struct req *r)
{
	const char *p = hdf_get_value(r->hdf, "CGI.QueryString", "");
	STRING out;
	NEOERR *err = STATUS_OK;
	int rc;

	string_init(&out);
	while (*p != '\0' && err == STATUS_OK) {
		size_t n = strcspn(p, "&");
		int page = (n >= 7 && strncmp(p, "before=", 7) == 0) ||
		    (n == 6 && strncmp(p, "before", 6) == 0);
		if (n > 0 && !page) {
			if (out.len > 0)
				err = string_append_char(&out, '&');
			if (err == STATUS_OK)
				err = string_appendn(&out, p, (int)n);
		}
		p += n;
		if (*p == '&')
			p++;
	}
	rc = err == STATUS_OK ? web_set(r, "Page.Query", out.buf ? out.buf :
	    "") : -1;
	nerr_ignore(&err);
	string_clear(&out);
	return rc;
}

/* 200: the messages behind a figure, newest first (?before=<id>). */
int
page_dashboard_messages(struct req *r)
{
	struct dash_filter f;
	struct range g;
	struct db_res m;
	const char *v;
	int rc, status = 200;

	web_set(r, "Page.Title", "Delivery: messages");
	if (drill_query(r) != 0)
		return web_db_error(r);
	if ((rc = drill_read(r, &f, &g)) != 0)
		return web_render(r, rc, "dashboard_messages.cs");
	/* a broken page link shows the first page, saying so */
	if ((rc = web_text(r, "before", 20, &v)) != WEB_MISSING &&
	    (rc != 0 || sp_parse_ll(v, 1, INT64_MAX, &f.before_id) != 0)) {
		f.before_id = 0;
		web_set(r, "Filter.Error", "The page link is malformed: "
		    "showing the first page of these messages.");
		status = 400;
	}
	f.limit = DRILL_PAGE + 1;
	if (store_dash_messages(&m, &f) != 0)
		return web_db_error(r);
	for (unsigned i = 0; i < m.nrows && i < DRILL_PAGE; i++) {
		HDF *h = web_item(r, "Messages", i);
		enum shown sh = status_shown(status_from_str(db_get(&m, i,
		    DM_STATUS)));
		web_put(h, "Id", db_get(&m, i, DM_ID));
		web_put(h, "Conversation", db_get(&m, i, DM_CONV));
		web_put(h, "Body", db_get(&m, i, DM_BODY));
		web_put(h, "Shown", shown_str(sh));
		if (sh == SHOWN_FAILED)
			web_put(h, "Reason", reason_name(db_get(&m, i,
			    DM_REASON), db_get_ll(&m, i, DM_CODE, 0)));
		web_put(h, "Code", db_get(&m, i, DM_CODE));
		web_put(h, "Carrier", db_get(&m, i, DM_CARRIER));
		web_put(h, "Number", db_get(&m, i, DM_NUMBER));
		web_put(h, "Agent", db_get(&m, i, DM_AGENT));
		web_put(h, "Lead", db_get(&m, i, DM_LEAD));
		web_put(h, "Phone", db_get(&m, i, DM_PHONE));
		web_put_time(r, h, "At", db_get_ll(&m, i, DM_AT_MS, 0));
	}
	if (m.nrows > DRILL_PAGE)
		web_set(r, "Page.Next", db_get(&m, DRILL_PAGE - 1, DM_ID));
	db_res_free(&m);
	return web_render(r, status, "dashboard_messages.cs");
}

/* The failed messages of the range (and filters) as CSV, streamed. */
int
page_dashboard_csv(struct req *r)
{
	struct dash_filter f;
	struct range g;
	struct db_res m;
	int rc;

	if ((rc = drill_read(r, &f, &g)) != 0)
		return web_error(r, rc, hdf_get_value(r->hdf, "Filter.Error",
		    "Bad filter."));
	f.outcome = "failed";
	f.limit = CSV_CHUNK;
	if (web_stream_begin(r, "text/csv; charset=utf-8", "failed.csv") != 0)
		return 500;
	{
		static const char hdr[] = "message_id,sent_at_utc,reason,code,"
		    "carrier,sending_number,agent,lead,lead_phone,text\r\n";
		web_stream_write(r, hdr, sizeof(hdr) - 1);
	}
	for (;;) {
		STRING out;
		if (store_dash_messages(&m, &f) != 0) {
			static const char err[] = "error: the export stopped; "
			    "try again\r\n";
			web_stream_write(r, err, sizeof(err) - 1);
			break;
		}
		string_init(&out);
		for (unsigned i = 0; i < m.nrows; i++) {
			char at[32];
			time_t t = (time_t)(db_get_ll(&m, i, DM_AT_MS, 0) / 1000);
			struct tm tm;
			gmtime_r(&t, &tm);
			strftime(at, sizeof(at), "%Y-%m-%d %H:%M:%S", &tm);
			web_csv_field(&out, db_get(&m, i, DM_ID), 0);
			web_csv_field(&out, at, 0);
			web_csv_field(&out, reason_name(db_get(&m, i, DM_REASON),
			    db_get_ll(&m, i, DM_CODE, 0)), 0);
			web_csv_field(&out, db_get(&m, i, DM_CODE), 0);
			web_csv_field(&out, db_get(&m, i, DM_CARRIER), 0);
			web_csv_field(&out, db_get(&m, i, DM_NUMBER), 0);
			web_csv_field(&out, db_get(&m, i, DM_AGENT), 0);
			web_csv_field(&out, db_get(&m, i, DM_LEAD), 0);
			web_csv_field(&out, db_get(&m, i, DM_PHONE), 0);
			web_csv_field(&out, db_get(&m, i, DM_BODY), 1);
		}
		if (out.len > 0)
			web_stream_write(r, out.buf, (size_t)out.len);
		string_clear(&out);
		if (m.nrows < CSV_CHUNK) {
			db_res_free(&m);
			break;
		}
		f.before_id = db_get_ll(&m, m.nrows - 1, DM_ID, 0);
		db_res_free(&m);
	}
	return 200;
}

/* Sets the warning thresholds (1-100 %): 303, or 422. */
int
page_dashboard_alerts(struct req *r)
{
	const char *a, *b;
	long long fail, filt;

	if (web_text(r, "failure", 3, &a) != 0 || web_text(r, "filtered", 3,
	    &b) != 0 || sp_parse_ll(a, 1, 100, &fail) != 0 ||
	    sp_parse_ll(b, 1, 100, &filt) != 0)
		return web_error(r, 422, "The thresholds are percentages from 1 "
		    "to 100. Nothing was changed.");
	if (store_alert_thresholds_set(r->s.business_id, (int)fail,
	    (int)filt) != 0)
		return web_db_error(r);
	return web_redirect(r, "/dashboard?saved=alerts");
}
