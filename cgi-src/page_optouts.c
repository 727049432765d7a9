/* page_optouts.c: opt-outs staff record (/conversations/:id/optout) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core_phone.h"
#include "db.h"
#include "pages.h"
#include "store_conversations.h"
#include "store_inbound.h"
#include "util.h"
#include "web.h"
#include "webutil.h"

/*
 * Records an opt-out the lead asked for another way (a call, an email: any
 * reasonable means counts). 303 to the thread; 400 without a note saying
 * how the lead asked (the thread again, with what was typed); 404 for
 * another business's conversation. There is no way to record an opt-in:
 * only the lead's own texts do that.
 */
int
page_optout_record(struct req *r)
{
	struct db_res t;
	const char *note, *e164, *from;
	char loc[64], keyword[64], e[20], f[20];
	long long lead;
	int opted, rc;

	if (store_thread(&t, r->s.business_id, r->param[0], 1, 1) != 0)
		return web_db_error(r);
	if (t.nrows == 0) {
		db_res_free(&t);
		return thread_error(r, 404);
	}
	lead = db_get_ll(&t, 0, CONV_LEAD_ID, 0);
	opted = db_get_ll(&t, 0, CONV_OPTED_OUT, 0) != 0;
	e164 = db_get(&t, 0, CONV_PHONE);
	from = db_get(&t, 0, CONV_FROM);
	sp_strlcpy(e, e164 ? e164 : db_get(&t, 0, CONV_PHONE_RAW), sizeof(e));
	sp_strlcpy(f, from ? from : "", sizeof(f));
	db_res_free(&t);
	snprintf(loc, sizeof(loc), "/conversations/%lld", r->param[0]);
	if ((rc = web_text(r, "note", 300, &note)) != 0) {
		if ((rc = thread_fill(r, r->param[0], 0)) != 0)
			return thread_error(r, rc);
		web_set(r, "OptOut.Error", "Say how the lead asked to stop (a "
		    "phone call, an email, ...): the record needs it.");
		return web_render(r, 400, "conversation.cs");
	}
	if (opted)
		return web_redirect(r, loc);
	snprintf(keyword, sizeof(keyword), "recorded by %.40s", r->s.name);
	if (db_begin() != 0)
		return web_db_error(r);
	if (store_lead_opt(lead, 1) != 0 ||
	    store_ledger_add(r->s.business_id, lead, e, f, "opt_out", keyword,
	    0, "staff", r->s.user_id, note) != 0 ||
	    db_commit() != 0) {
		db_rollback();
		return web_db_error(r);
	}
	return web_redirect(r, loc);
}

#define OPTOUTS_PAGE	50
#define CSV_CHUNK	1000

struct optout_filter {
	long long	 since_ms;
	long long	 until_ms;
	char		 phone[20];
	const char	*name;
	const char	*q;
	const char	*from;
	const char	*to;
};

/* Midnight UTC of YYYY-MM-DD, in ms; -1 when malformed. */
static long long
day_ms(const char *s)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof(tm));
	if ((end = strptime(s, "%Y-%m-%d", &tm)) == NULL || *end != '\0')
		return -1;
	return (long long)timegm(&tm) * 1000;
}

/* Reads ?q=&from=&to=; an HTTP status on bad input (with the reason set
 * as Filter.Error), else 0. q is a number in any format or a name. */
static int
read_filter(struct req *r, struct optout_filter *f)
{
	struct phone ph;
	int rc;

	memset(f, 0, sizeof(*f));
	if ((rc = web_text(r, "q", 100, &f->q)) != 0 && rc != WEB_MISSING) {
		web_set(r, "Filter.Error", "The search is too long or not text.");
		return 400;
	}
	if (*f->q != '\0') {
		phone_classify(f->q, strlen(f->q), "US", &ph);
		if (ph.e164[0] != '\0')
			sp_strlcpy(f->phone, ph.e164, sizeof(f->phone));
		else
			f->name = f->q;
	}
	if (web_text(r, "from", 10, &f->from) == 0 &&
	    (f->since_ms = day_ms(f->from)) < 0) {
		web_set(r, "Filter.Error", "Write dates as YYYY-MM-DD.");
		return 400;
	}
	if (web_text(r, "to", 10, &f->to) == 0) {
		if ((f->until_ms = day_ms(f->to)) < 0) {
			web_set(r, "Filter.Error", "Write dates as YYYY-MM-DD.");
			return 400;
		}
		f->until_ms += 86400000;	/* the whole last day */
	}
	if (f->since_ms > 0 && f->until_ms > 0 && f->until_ms <= f->since_ms) {
		web_set(r, "Filter.Error", "The range ends before it starts.");
		return 400;
	}
	return 0;
}

/*
 * 200 with the business's opted-out leads, newest first, 50 a page
 * (?after= pages on), searchable by name or number in any format and by
 * date (?from=, ?to=); 400 with the form kept for a malformed filter.
 */
int
page_optouts_index(struct req *r)
{
	struct optout_filter f;
	struct db_res res;
	long long ms = 0, id = 0;
	unsigned i, shown;
	int rc;

	web_set(r, "Page.Title", "Opt-outs");
	rc = read_filter(r, &f);
	web_set(r, "Filter.Q", f.q);
	web_set(r, "Filter.From", f.from);
	web_set(r, "Filter.To", f.to);
	if (rc != 0)
		return web_render(r, rc, "optouts.cs");
	if (web_cursor(r, &ms, &id) != 0)
		return web_error_back(r, 400, "The page link is malformed: go "
		    "back to the first page.", "/optouts",
		    "First page of the opt-out list");
	if (store_optouts(&res, r->s.business_id, f.since_ms, f.until_ms,
	    f.phone[0] ? f.phone : NULL, f.name, ms, id, OPTOUTS_PAGE + 1) != 0)
		return web_db_error(r);
	shown = res.nrows > OPTOUTS_PAGE ? OPTOUTS_PAGE : res.nrows;
	for (i = 0; i < shown; i++) {
		HDF *h = web_item(r, "Optouts", i);
		if (h == NULL || web_put(h, "Lead", db_get(&res, i, OO_LEAD)) ||
		    web_put(h, "Name", db_get(&res, i, OO_NAME)) ||
		    web_put(h, "Phone", db_get(&res, i, OO_PHONE)) ||
		    web_put(h, "Word", db_get(&res, i, OO_WORD)) ||
		    web_put(h, "Number", db_get(&res, i, OO_NUMBER)) ||
		    web_put(h, "Source", db_get(&res, i, OO_SOURCE)) ||
		    web_put_time(r, h, "At", db_get_ll(&res, i, OO_AT_MS, 0)))
			goto fail;
	}
	if (res.nrows > OPTOUTS_PAGE && web_set_cursor(r,
	    db_get_ll(&res, OPTOUTS_PAGE - 1, OO_AT_MS, 0),
	    db_get_ll(&res, OPTOUTS_PAGE - 1, OO_LEAD, 0)) != 0)
		goto fail;
	if (id != 0)
		web_set_int(r, "Page.NotFirst", 1);
	db_res_free(&res);
	return web_render(r, 200, "optouts.cs");
fail:
	db_res_free(&res);
	return web_error(r, 500, "Could not build the page.");
}


/*
 * The opt-out list as CSV (RFC 4180, UTF-8), with the page's filters,
 * streamed a thousand rows at a time: 100,000 rows never sit in memory.
 */
int
page_optouts_csv(struct req *r)
{
	struct optout_filter f;
	struct db_res res;
	long long ms = 0, id = 0;
	char at[40];
	unsigned i;
	int rc;

	if ((rc = read_filter(r, &f)) != 0)
		return web_error(r, rc, hdf_get_value(r->hdf, "Filter.Error",
		    "Bad filter."));
	if (web_stream_begin(r, "text/csv; charset=utf-8", "optouts.csv") != 0)
		return 500;
	{
		static const char hdr[] = "lead_id,name,phone,"
		    "opted_out_at_utc,keyword,number_texted,source\r\n";
		web_stream_write(r, hdr, sizeof(hdr) - 1);
	}
	for (;;) {
		STRING out;
		if (store_optouts(&res, r->s.business_id, f.since_ms, f.until_ms,
		    f.phone[0] ? f.phone : NULL, f.name, ms, id, CSV_CHUNK) != 0) {
			/* headers are gone: say so in the file */
			static const char err[] = "error: the export stopped; "
			    "try again\r\n";
			web_stream_write(r, err, sizeof(err) - 1);
			break;
		}
		string_init(&out);
		for (i = 0; i < res.nrows; i++) {
			time_t t = (time_t)(db_get_ll(&res, i, OO_AT_MS, 0) / 1000);
			struct tm tm;
			gmtime_r(&t, &tm);
			strftime(at, sizeof(at), "%Y-%m-%d %H:%M:%S", &tm);
			web_csv_field(&out, db_get(&res, i, OO_LEAD), 0);
			web_csv_field(&out, db_get(&res, i, OO_NAME), 0);
			web_csv_field(&out, db_get(&res, i, OO_PHONE), 0);
			web_csv_field(&out, at, 0);
			web_csv_field(&out, db_get(&res, i, OO_WORD), 0);
			web_csv_field(&out, db_get(&res, i, OO_NUMBER), 0);
			web_csv_field(&out, db_get(&res, i, OO_SOURCE), 1);
		}
		if (out.len > 0)
			web_stream_write(r, out.buf, (size_t)out.len);
		string_clear(&out);
		if (res.nrows < CSV_CHUNK) {
			db_res_free(&res);
			break;
		}
		ms = db_get_ll(&res, res.nrows - 1, OO_AT_MS, 0);
		id = db_get_ll(&res, res.nrows - 1, OO_LEAD, 0);
		db_res_free(&res);
	}
	return 200;
}

/* 200 with one lead's consent history from the ledger; 404 for another
 * business's lead. */
int
page_optout_history(struct req *r)
{
	struct db_res lead, g;
	unsigned i;

	if (store_lead_brief(&lead, r->s.business_id, r->param[0]) != 0)
		return web_db_error(r);
	if (lead.nrows == 0) {
		db_res_free(&lead);
		return web_error(r, 404, "There is no such lead in your "
		    "business.");
	}
	if (store_ledger_for_lead(&g, r->s.business_id, r->param[0]) != 0) {
		db_res_free(&lead);
		return web_db_error(r);
	}
	web_set(r, "Page.Title", "Consent history");
	if (web_set(r, "Lead.Name", db_get(&lead, 0, 0)) ||
	    web_set(r, "Lead.Phone", db_get(&lead, 0, 1)) ||
	    web_set(r, "Lead.OptedOut", db_get(&lead, 0, 2)) ||
	    web_set(r, "Lead.Conversation", db_get(&lead, 0, 3)))
		goto fail;
	for (i = 0; i < g.nrows; i++) {
		HDF *h = web_item(r, "Ledger", i);
		if (h == NULL || web_put(h, "Action", db_get(&g, i, LG_ACTION)) ||
		    web_put(h, "Keyword", db_get(&g, i, LG_KEYWORD)) ||
		    web_put(h, "Source", db_get(&g, i, LG_SOURCE)) ||
		    web_put(h, "Note", db_get(&g, i, LG_NOTE)) ||
		    web_put(h, "Number", db_get(&g, i, LG_NUMBER)) ||
		    web_put(h, "By", db_get(&g, i, LG_BY)) ||
		    web_put(h, "Message", db_get(&g, i, LG_MESSAGE)) ||
		    web_put_time(r, h, "At", db_get_ll(&g, i, LG_AT_MS, 0)))
			goto fail;
	}
	db_res_free(&lead);
	db_res_free(&g);
	return web_render(r, 200, "optout_history.cs");
fail:
	db_res_free(&lead);
	db_res_free(&g);
	return web_error(r, 500, "Could not build the page.");
}
