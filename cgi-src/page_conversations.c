/* page_conversations.c: the inbox (/conversations) and one thread
 * (/conversations/:id) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>

#include "core_phone.h"
#include "core_reason.h"
#include "core_template.h"
#include "core_status.h"
#include "auth.h"
#include "db.h"
#include "pages.h"
#include "store_conversations.h"
#include "store_leads.h"
#include "store_users.h"
#include "util.h"
#include "web.h"
#include "webutil.h"

#define INBOX_PAGE	50
#define THREAD_PAGE	100

/* Sets Status.Shown ("Sending", ...), Status.Class (its CSS word) and,
 * for failures, Status.Reason in the help article's words under h. */
static int
set_status(HDF *h, const char *status, const char *reason, const char *code)
{
	enum status st = status_from_str(status);
	enum shown sh = status_shown(st);
	long long c = 0;
	static const char *css[SHOWN__MAX] = {
		"sending", "delivered", "failed", "received",
	};

	if (web_put(h, "Status.Shown", shown_str(sh)) != 0 ||
	    web_put(h, "Status.Class", css[sh]) != 0)
		return -1;
	if (sh != SHOWN_FAILED)
		return 0;
	if (code != NULL)
		sp_parse_ll(code, 0, 99999999, &c);
	return web_put(h, "Status.Reason",
	    reason_short(reason_from_str(reason), (int)c));
}

static int compose_from_template(struct req *r, long long id);

/* The thread page's version, the same from the page's own rows and from
 * the poll's query: "<messages>/<lead>". */
static void
thread_version(char *msgs, size_t msz, char *lead, size_t lsz,
    long long max_id, long long max_upd, long long count, long long opted,
    long long spam, long long valid, const char *line, long long prov,
    long long cool_ms, long long lead_upd)
{
	snprintf(msgs, msz, "%lld.%lld.%lld", max_id, max_upd, count);
	snprintf(lead, lsz, "%lld.%lld.%lld.%s.%lld.%lld.%lld", opted, spam,
	    valid, line ? line : "", prov, cool_ms, lead_upd);
}

static const char *filter_names[INBOX__FILTERS] = {
	[INBOX_ALL] = "all",
	[INBOX_REPLY] = "reply",
	[INBOX_FAILED_SENDS] = "failed",
	[INBOX_OPTED_OUT_LEADS] = "optout",
	[INBOX_SPAM_LEADS] = "spam",
};

/* Reads ?filter=&agent=&q= into q (and the page's Filter.*); 0, or -1 with
 * Filter.Error set. */
static int
inbox_filter_read(struct req *r, struct inbox_query *q, struct phone *ph)
{
	const char *v;
	long long agent;
	int rc, i;

	if ((rc = web_text(r, "filter", 16, &v)) == 0 && *v != '\0') {
		for (i = 0; i < INBOX__FILTERS; i++)
			if (strcmp(v, filter_names[i]) == 0)
				break;
		if (i == INBOX__FILTERS) {
			web_set(r, "Filter.Error", "There is no such filter: "
			    "showing all conversations.");
			return -1;
		}
		q->filter = (enum inbox_filter)i;
	} else if (rc != 0 && rc != WEB_MISSING) {
		web_set(r, "Filter.Error", "There is no such filter.");
		return -1;
	}
	if ((rc = web_text(r, "agent", 12, &v)) == 0 && *v != '\0') {
		if (sp_parse_ll(v, 1, UINT32_MAX, &agent) != 0) {
			web_set(r, "Filter.Error", "There is no such agent.");
			return -1;
		}
		q->agent_id = (unsigned)agent;
	} else if (rc != 0 && rc != WEB_MISSING) {
		web_set(r, "Filter.Error", "There is no such agent.");
		return -1;
	}
	if ((rc = web_text(r, "q", 100, &v)) == 0) {
		while (*v == ' ')
			v++;
		if (*v != '\0') {
			web_set(r, "Filter.Q", v);
			phone_classify(v, strlen(v), "US", ph);
			if (ph->e164[0] != '\0' && strchr(v, '@') == NULL)
				q->phone = ph->e164;
			else
				q->text = v;
		}
	} else if (rc != WEB_MISSING) {
		web_set(r, "Filter.Error", "The search is too long (100 "
		    "characters at most) or not text.");
		return -1;
	}
	web_set(r, "Filter.Name", filter_names[q->filter]);
	if (q->agent_id != 0)
		web_set_int(r, "Filter.Agent", q->agent_id);
	return 0;
}

/* The business's staff, for the "by agent" filter: kept by each worker for
 * 30 s (one business's at a time), so that the inbox costs one statement
 * more only twice a minute; a new teammate shows in the list within that. */
#define AGENTS_TTL_S	30
static struct db_res agents;
static unsigned agents_business;
static time_t agents_at;

static int
inbox_agents(struct req *r)
{
	time_t now = time(NULL);
	unsigned i;

	if (agents_business != r->s.business_id ||
	    now - agents_at >= AGENTS_TTL_S || now < agents_at) {
		db_res_free(&agents);
		agents_business = 0;
		if (store_business_users(&agents, r->s.business_id) != 0)
			return -1;
		agents_business = r->s.business_id;
		agents_at = now;
	}
	for (i = 0; i < agents.nrows; i++) {
		HDF *h = web_item(r, "Agents", i);
		if (h == NULL || web_put(h, "Id", db_get(&agents, i, 0)) != 0 ||
		    web_put(h, "Name", db_get(&agents, i, 1)) != 0)
			return -1;
	}
	return 0;
}

/*
 * 200 with 50 conversations by latest activity; ?filter= (all, reply,
 * failed, optout, spam), ?agent=<user id>, ?q=<name, email or number in
 * any format>, ?after=<cursor> pages on. 400 for a malformed cursor or an
 * unknown filter (the page says which, with the whole inbox).
 */
int
page_conversations_index(struct req *r)
{
	struct db_res res;
	struct inbox_query q;
	struct phone ph;
	unsigned i, shown;
	int status = 200, rc;

	memset(&q, 0, sizeof(q));
	memset(&res, 0, sizeof(res));
	q.limit = INBOX_PAGE + 1;
	if (web_cursor(r, &q.before_ms, &q.before_id) != 0)
		return (rc = route_session(r)) != 0 ? rc :
		    web_error_back(r, 400, "The page link is malformed: go "
		    "back to the first page of the inbox.", "/conversations",
		    "First page of the inbox");
	if (inbox_filter_read(r, &q, &ph) != 0) {
		memset(&q, 0, sizeof(q));
		q.limit = INBOX_PAGE + 1;
		web_set(r, "Filter.Name", "all");
		status = 400;
	}
	/* the lists walked in order read the session with the page (route.c's
	 * JOINED); without a row it is asked for the ordinary way */
	if (r->joined && status == 200 && inbox_joinable(&q) &&
	    (store_inbox(&res, &q, &r->key) != 0 ||
	    auth_session_take(r, &res) != 0)) {
		db_res_free(&res);
		return web_db_error(r);
	}
	if ((rc = route_session(r)) != 0) {
		db_res_free(&res);
		return rc;
	}
	q.business_id = r->s.business_id;
	if (res.nrows == 0) {
		db_res_free(&res);
		if (store_inbox(&res, &q, NULL) != 0)
			return web_db_error(r);
	}
	if (inbox_agents(r) != 0) {
		db_res_free(&res);
		return web_db_error(r);
	}
	/* managers see the last hour's delivery warning in their inbox */
	if (r->s.role == ROLE_MANAGER && dashboard_warning(r) != 0) {
		db_res_free(&res);
		return web_db_error(r);
	}
	shown = res.nrows > INBOX_PAGE ? INBOX_PAGE : res.nrows;
	for (i = 0; i < shown; i++) {
		const char *dir = db_get(&res, i, INBOX_DIRECTION);
		const char *line = db_get(&res, i, INBOX_LINE_TYPE);
		HDF *h = web_item(r, "Conversations", i);
		if (h == NULL ||
		    web_put(h, "Id", db_get(&res, i, INBOX_ID)) != 0 ||
		    web_put(h, "Name", db_get(&res, i, INBOX_NAME)) != 0 ||
		    web_put(h, "Phone", db_get(&res, i, INBOX_PHONE)) != 0 ||
		    web_put(h, "Body", db_get(&res, i, INBOX_BODY)) != 0 ||
		    web_put(h, "Direction", dir) != 0 ||
		    web_put_flag(h, "OptedOut",
		    db_get_ll(&res, i, INBOX_OPTED_OUT, 0)) != 0 ||
		    web_put_flag(h, "Spam", db_get_ll(&res, i, INBOX_SPAM, 0)) ||
		    web_put_flag(h, "Invalid",
		    !db_get_ll(&res, i, INBOX_PHONE_VALID, 1)) != 0 ||
		    web_put_flag(h, "Landline",
		    line != NULL && strcmp(line, "landline") == 0) != 0 ||
		    web_put_flag(h, "Cooldown",
		    db_get_ll(&res, i, INBOX_COOLDOWN, 0)) != 0 ||
		    web_put_flag(h, "Failed",
		    db_get_ll(&res, i, INBOX_FAILED, 0)) != 0 ||
		    web_put_time(r, h, "Time",
		    db_get_ll(&res, i, INBOX_ACTIVITY_MS, 0)) != 0)
			goto fail;
		if (dir != NULL && set_status(h, db_get(&res, i, INBOX_STATUS),
		    db_get(&res, i, INBOX_REASON),
		    db_get(&res, i, INBOX_CODE)) != 0)
			goto fail;
	}
	if (res.nrows > INBOX_PAGE && web_set_cursor(r,
	    db_get_ll(&res, INBOX_PAGE - 1, INBOX_ACTIVITY_MS, 0),
	    db_get_ll(&res, INBOX_PAGE - 1, INBOX_ID, 0)) != 0)
		goto fail;
	db_res_free(&res);
	if (q.before_id != 0)
		web_set_int(r, "Page.NotFirst", 1);
	web_set(r, "Page.Title", "Conversations");
	return web_render(r, status, "conversations.cs");
fail:
	db_res_free(&res);
	return web_error(r, 500, "Could not build the page.");
}

/*
 * Fills the page data of a thread: the lead, its banners, the compose box
 * and the messages (the latest 100 before `before`, oldest first). 0, or an
 * HTTP status when the page cannot be shown (the answer is then the
 * caller's to give): 404 when the conversation is not this business's.
 */
int
thread_fill(struct req *r, long long conversation_id, long long before)
{
	struct db_res t;
	unsigned i, n, shown;
	const char *v;
	char nonce[33];
	int rc;

	memset(&t, 0, sizeof(t));
	if (r->joined) {
		/* the session comes with the page (route.c's JOINED), or is
		 * asked for the ordinary way when the statement found none */
		if (store_thread_joined(&t, &r->key, conversation_id, before,
		    THREAD_PAGE + 1) != 0)
			return 503;
		if (auth_session_take(r, &t) != 0) {
			db_res_free(&t);
			return 503;
		}
		if ((rc = route_session(r)) != 0) {
			db_res_free(&t);
			return rc;
		}
	}
	if (t.nrows == 0) {
		db_res_free(&t);
		if (store_thread(&t, r->s.business_id, conversation_id, before,
		    THREAD_PAGE + 1) != 0)
			return 503;
	}
	if (t.nrows == 0) {
		db_res_free(&t);
		return 404;
	}
	/* a fresh token per form: a double click sends one text */
	sp_fast_token(nonce, 16);
	if (web_set(r, "Compose.Nonce", nonce) != 0)
		goto fail;
	if (db_get(&t, 0, CONV_COOLDOWN_MS) != NULL &&
	    web_set_time(r, "Lead.CooldownUntil",
	    db_get_ll(&t, 0, CONV_COOLDOWN_MS, 0)) != 0)
		goto fail;
	if (db_get_ll(&t, 0, CONV_OPTED_OUT, 0)) {
		struct db_res w;
		if (store_optout_word(&w, db_get_ll(&t, 0, CONV_LEAD_ID, 0)) != 0)
			goto fail;
		rc = web_set(r, "Lead.OptOutWord", db_get(&w, 0, 0));
		db_res_free(&w);
		if (rc != 0)
			goto fail;
	}
	if (web_set_int(r, "Lead.ProviderOptOut",
	    db_get_ll(&t, 0, CONV_PROVIDER_OPTOUT, 0)) != 0 ||
	    web_set(r, "Lead.CooldownAdvice",
	    reason_advice(REASON_CARRIER_FILTERED)) != 0)
		goto fail;
	v = db_get(&t, 0, CONV_NAME);
	if (web_set(r, "Page.Title", v != NULL && *v != '\0' ? v :
	    "Conversation") != 0 ||
	    web_set(r, "Lead.Id", db_get(&t, 0, CONV_LEAD_ID)) != 0 ||
	    web_set(r, "Lead.Name", v) != 0 ||
	    web_set(r, "Lead.Phone", (v = db_get(&t, 0, CONV_PHONE)) ? v :
	    db_get(&t, 0, CONV_PHONE_RAW)) != 0 ||
	    web_set(r, "Lead.Email", db_get(&t, 0, CONV_EMAIL)) != 0 ||
	    web_set_int(r, "Lead.OptedOut",
	    db_get_ll(&t, 0, CONV_OPTED_OUT, 0)) != 0 ||
	    web_set_int(r, "Lead.Invalid",
	    !db_get_ll(&t, 0, CONV_PHONE_VALID, 1)) != 0 ||
	    web_set_int(r, "Lead.Landline", (v = db_get(&t, 0,
	    CONV_LINE_TYPE)) != NULL && strcmp(v, "landline") == 0) != 0 ||
	    web_set_int(r, "Lead.Spam", db_get_ll(&t, 0, CONV_SPAM, 0)) != 0 ||
	    web_set(r, "Conversation.Id", db_get(&t, 0, CONV_ID)) != 0 ||
	    web_set(r, "Conversation.From", db_get(&t, 0, CONV_FROM)) != 0)
		goto fail;
	if (db_get(&t, 0, CONV_OPTED_OUT_MS) != NULL &&
	    web_set_time(r, "Lead.OptedOutAt",
	    db_get_ll(&t, 0, CONV_OPTED_OUT_MS, 0)) != 0)
		goto fail;
	if (web_set(r, "Lead.OptOutAdvice", reason_advice(REASON_OPTED_OUT)) ||
	    web_set(r, "Lead.InvalidAdvice",
	    reason_advice(REASON_INVALID_NUMBER)) ||
	    web_set(r, "Lead.LandlineAdvice", reason_advice(REASON_LANDLINE)))
		goto fail;

	/* one row with no message: the conversation is empty */
	shown = db_get(&t, 0, MSG_ID) == NULL ? 0 :
	    t.nrows > THREAD_PAGE ? THREAD_PAGE : t.nrows;
	/* newest first from the store; the page reads oldest first */
	for (n = 0; n < shown; n++) {
		HDF *h = web_item(r, "Messages", n);
		i = shown - 1 - n;
		if (h == NULL ||
		    web_put(h, "Id", db_get(&t, i, MSG_ID)) != 0 ||
		    web_put(h, "Direction", db_get(&t, i, MSG_DIRECTION)) != 0 ||
		    web_put(h, "Body", db_get(&t, i, MSG_BODY)) != 0 ||
		    web_put(h, "Agent", db_get(&t, i, MSG_AGENT)) != 0 ||
		    web_put_flag(h, "Unconfirmed",
		    db_get_ll(&t, i, MSG_UNCONFIRMED, 0)) != 0 ||
		    (db_get(&t, i, MSG_HOLD) != NULL &&
		    (web_put(h, "Hold", db_get(&t, i, MSG_HOLD)) != 0 ||
		    web_put(h, "HoldReason",
		    db_get(&t, i, MSG_HOLD_REASON)) != 0)) ||
		    web_put_time(r, h, "Time",
		    db_get_ll(&t, i, MSG_CREATED_MS, 0)) != 0 ||
		    set_status(h, db_get(&t, i, MSG_STATUS),
		    db_get(&t, i, MSG_REASON), db_get(&t, i, MSG_CODE)) != 0)
			goto fail;
		/* no receipt after the last poll: the article's Delivered,
		 * "reached the carrier network", said as unconfirmed */
		if (db_get_ll(&t, i, MSG_UNCONFIRMED, 0) &&
		    (web_put(h, "Status.Shown", "Delivered") != 0 ||
		    web_put(h, "Status.Class", "delivered") != 0))
			goto fail;
	}
	if (t.nrows > THREAD_PAGE && web_set(r, "Page.Earlier",
	    db_get(&t, THREAD_PAGE - 1, MSG_ID)) != 0)
		goto fail;
	if (before == 0) {
		long long max_upd = 0;
		char mv[80], lv[160];
		for (i = 0; i < shown; i++)
			if (db_get_ll(&t, i, MSG_UPDATED_MS, 0) > max_upd)
				max_upd = db_get_ll(&t, i, MSG_UPDATED_MS, 0);
		thread_version(mv, sizeof(mv), lv, sizeof(lv),
		    shown > 0 ? db_get_ll(&t, 0, MSG_ID, 0) : 0, max_upd,
		    (long long)shown, db_get_ll(&t, 0, CONV_OPTED_OUT, 0),
		    db_get_ll(&t, 0, CONV_SPAM, 0),
		    db_get_ll(&t, 0, CONV_PHONE_VALID, 1),
		    db_get(&t, 0, CONV_LINE_TYPE),
		    db_get_ll(&t, 0, CONV_PROVIDER_OPTOUT, 0),
		    db_get_ll(&t, 0, CONV_COOLDOWN_MS, 0),
		    db_get_ll(&t, 0, CONV_LEAD_UPDATED_MS, 0));
		if (web_set(r, "Thread.Version", mv) != 0 ||
		    web_set(r, "Thread.Lead", lv) != 0)
			goto fail;
	}
	if (before != 0)
		web_set_int(r, "Page.NotLatest", 1);
	db_res_free(&t);
	return 0;
fail:
	db_res_free(&t);
	return 500;
}

int
thread_error(struct req *r, int status)
{
	if (r->responded)	/* route_session's answer */
		return status;
	if (status == 404)
		return web_error(r, 404, "There is no such conversation in "
		    "your business.");
	if (status == 503)
		return web_db_error(r);
	return web_error(r, 500, "Could not build the page.");
}

/* 200 with the thread, oldest first (the latest 100; ?before=<id> for
 * earlier ones); 404 when the conversation is not this business's. */
int
page_conversation_show(struct req *r)
{
	long long before = 0;
	const char *v;
	int rc;

	if ((rc = web_text(r, "before", 20, &v)) != WEB_MISSING &&
	    (rc != 0 || sp_parse_ll(v, 1, INT64_MAX, &before) != 0)) {
		char back[48];
		if ((rc = route_session(r)) != 0)
			return rc;
		snprintf(back, sizeof(back), "/conversations/%lld",
		    r->param[0]);
		return web_error_back(r, 400, "The page link is malformed: "
		    "it does not say which earlier messages to show.", back,
		    "Latest messages of this conversation");
	}
	if ((rc = thread_fill(r, r->param[0], before)) != 0)
		return thread_error(r, rc);
	if ((rc = web_text(r, "template", 12, &v)) != WEB_MISSING) {
		long long tid;
		if (rc != 0 || sp_parse_ll(v, 1, UINT32_MAX, &tid) != 0 ||
		    (rc = compose_from_template(r, tid)) == 404)
			return web_error(r, 404, "There is no such template in "
			    "your business.");
		if (rc != 0)
			return web_db_error(r);
	}
	return web_render(r, 200, "conversation.cs");
}

/* Fills the compose box with the template, filled in for this lead; 0, 404
 * or 503. */
static int
compose_from_template(struct req *r, long long id)
{
	struct db_res t;
	char first[201], filled[8000];

	if (store_template_get(&t, r->s.business_id, id) != 0)
		return 503;
	if (t.nrows == 0) {
		db_res_free(&t);
		return 404;
	}
	template_first_name(hdf_get_value(r->hdf, "Lead.Name", ""), first,
	    sizeof(first));
	template_fill(db_get(&t, 0, 2), first, r->s.business_name, filled,
	    sizeof(filled));
	db_res_free(&t);
	return web_set(r, "Compose.Body", filled) != 0 ? 503 : 0;
}

/* 200 with {"version": "..."}: what the thread's page shows has changed
 * when the version has (the page polls it to update itself); 404 for
 * another business's conversation. */
int
page_conversation_poll(struct req *r)
{
	struct db_res v;
	char mv[80], lv[160];
	char *out;
	json_t *j;
	int rc;

	if (store_thread_version(&v, r->s.business_id, r->param[0],
	    THREAD_PAGE) != 0)
		return web_json(r, 503, "{\"error\": \"database unavailable\"}");
	if (v.nrows == 0) {
		db_res_free(&v);
		return web_json(r, 404, "{\"error\": \"no such conversation\"}");
	}
	thread_version(mv, sizeof(mv), lv, sizeof(lv),
	    db_get_ll(&v, 0, TV_MAX_ID, 0), db_get_ll(&v, 0, TV_MAX_UPD, 0),
	    db_get_ll(&v, 0, TV_COUNT, 0), db_get_ll(&v, 0, TV_OPTED_OUT, 0),
	    db_get_ll(&v, 0, TV_SPAM, 0), db_get_ll(&v, 0, TV_VALID, 1),
	    db_get(&v, 0, TV_LINE), db_get_ll(&v, 0, TV_PROVIDER_OPTOUT, 0),
	    db_get_ll(&v, 0, TV_COOLDOWN_MS, 0), db_get_ll(&v, 0, TV_LEAD_UPD, 0));
	j = json_pack("{s:s, s:s, s:I}", "version", mv, "lead", lv, "latest",
	    (json_int_t)db_get_ll(&v, 0, TV_MAX_ID, 0));
	db_res_free(&v);
	out = j != NULL ? json_dumps(j, JSON_COMPACT) : NULL;
	json_decref(j);
	if (out == NULL)
		return web_json(r, 500, "{\"error\": \"could not answer\"}");
	rc = web_json(r, 200, out);
	free(out);
	return rc;
}
