/* page_tickets.c: support tickets (/tickets/...): customers file them from
 * a conversation or a message, with an immutable snapshot of what they saw;
 * support staff work the queue across businesses */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "core_reason.h"
#include "core_status.h"
#include "db.h"
#include "pages.h"
#include "store_tickets.h"
#include "util.h"
#include "web.h"
#include "webutil.h"

#define SUBJECT_MAX		200
#define DESCRIPTION_MAX		20000
#define SNAPSHOT_MESSAGES	50
#define TICKETS_PAGE		50

static const struct { const char *key, *label; } categories[] = {
	{ "not_sending", "Messages not sending" },
	{ "optout", "Opt-out question" },
	{ "number", "Number problem" },
	{ "other", "Other" },
};
static const struct { const char *key, *label; } statuses[] = {
	{ "open", "Open" },
	{ "investigating", "Investigating" },
	{ "waiting", "Waiting on customer" },
	{ "resolved", "Resolved" },
};
static const char *registrations[][2] = {
	{ "not_started", "Not started" }, { "pending", "Pending" },
	{ "approved", "Approved" }, { "rejected", "Rejected" },
};

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

static const char *
category_label(const char *k)
{
	for (size_t i = 0; k != NULL && i < NITEMS(categories); i++)
		if (strcmp(k, categories[i].key) == 0)
			return categories[i].label;
	return NULL;
}

static const char *
status_label(const char *k)
{
	for (size_t i = 0; k != NULL && i < NITEMS(statuses); i++)
		if (strcmp(k, statuses[i].key) == 0)
			return statuses[i].label;
	return NULL;
}

static int
is_support(const struct req *r)
{
	return r->s.role == ROLE_SUPPORT || r->s.role == ROLE_ADMIN;
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/*
 * The conversation's details as support needs them, as JSON: the lead (no
 * email), the sending number and the business's registration, the number's
 * look-up, the latest messages with status, reason, code, sid, their events
 * and the lint at send time, and the lead's consent ledger. NULL when the
 * conversation is not the business's (or on error: *err 1).
 */
static json_t *
snapshot_build(unsigned business_id, long long conv, long long message_id,
    int *err)
{
	struct db_res h, m, e, c;
	json_t *snap, *lead, *msgs, *byid, *consent;
	long long lead_id, min_id;
	unsigned i;

	*err = 1;
	if (store_snapshot_head(&h, business_id, conv) != 0)
		return NULL;
	if (h.nrows == 0) {
		db_res_free(&h);
		*err = 0;
		return NULL;
	}
	lead_id = db_get_ll(&h, 0, SH_LEAD, 0);
	lead = json_pack("{s:o, s:o, s:o, s:b, s:b, s:b, s:o, s:b}",
	    "name", jstr(db_get(&h, 0, SH_NAME)),
	    "phone", jstr(db_get(&h, 0, SH_PHONE)),
	    "line_type", jstr(db_get(&h, 0, SH_LINE_TYPE)),
	    "opted_out", (int)db_get_ll(&h, 0, SH_OPTED_OUT, 0),
	    "spam", (int)db_get_ll(&h, 0, SH_SPAM, 0),
	    "valid_number", (int)db_get_ll(&h, 0, SH_VALID, 1),
	    "cooldown_until", jstr(db_get(&h, 0, SH_COOLDOWN)),
	    "provider_opted_out", (int)db_get_ll(&h, 0, SH_PROVIDER_OPTOUT, 0));
	snap = json_pack("{s:I, s:I, s:o, s:o, s:o, s:o}",
	    "conversation_id", (json_int_t)conv,
	    "message_id", (json_int_t)message_id,
	    "lead", lead,
	    "sending_number", jstr(db_get(&h, 0, SH_FROM)),
	    "business", jstr(db_get(&h, 0, SH_BUSINESS)),
	    "registration", jstr(db_get(&h, 0, SH_REGISTRATION)));
	for (i = 0; i < NITEMS(registrations); i++)
		if (db_get(&h, 0, SH_REGISTRATION) != NULL &&
		    strcmp(db_get(&h, 0, SH_REGISTRATION),
		    registrations[i][0]) == 0)
			json_object_set_new(snap, "registration_shown",
			    json_string(registrations[i][1]));
	if (db_get(&h, 0, SH_LK_AT) != NULL)
		json_object_set_new(snap, "lookup", json_pack(
		    "{s:b, s:o, s:o, s:o, s:b}",
		    "valid", (int)db_get_ll(&h, 0, SH_LK_VALID, 0),
		    "line_type", jstr(db_get(&h, 0, SH_LK_LINE)),
		    "carrier", jstr(db_get(&h, 0, SH_LK_CARRIER)),
		    "checked_at", jstr(db_get(&h, 0, SH_LK_AT)),
		    "stale", (int)db_get_ll(&h, 0, SH_LK_STALE, 0)));
	db_res_free(&h);

	if (store_snapshot_messages(&m, business_id, conv,
	    SNAPSHOT_MESSAGES) != 0) {
		json_decref(snap);
		return NULL;
	}
	msgs = json_array();
	byid = json_object();
	min_id = m.nrows > 0 ? db_get_ll(&m, m.nrows - 1, SM_ID, 0) : 0;
	for (i = m.nrows; i-- > 0;) {
		const char *st = db_get(&m, i, SM_STATUS);
		const char *rs = db_get(&m, i, SM_REASON);
		long long code = db_get_ll(&m, i, SM_CODE, 0);
		enum shown sh = status_shown(status_from_str(st));
		json_error_t jerr;
		json_t *lint = db_get(&m, i, SM_LINT) ? json_loads(db_get(&m, i,
		    SM_LINT), 0, &jerr) : NULL;
		json_t *o = json_pack("{s:I, s:o, s:o, s:o, s:s, s:o, s:I, "
		    "s:o, s:o, s:o, s:o, s:o}",
		    "id", (json_int_t)db_get_ll(&m, i, SM_ID, 0),
		    "direction", jstr(db_get(&m, i, SM_DIRECTION)),
		    "body", jstr(db_get(&m, i, SM_BODY)),
		    "status", jstr(st),
		    "shown", shown_str(sh),
		    "reason", jstr(rs),
		    "error_code", (json_int_t)code,
		    "reason_shown", sh == SHOWN_FAILED ? json_string(
		    reason_short(reason_from_str(rs), (int)code)) : json_null(),
		    "sid", jstr(db_get(&m, i, SM_SID)),
		    "created_at", jstr(db_get(&m, i, SM_CREATED)),
		    "sent_at", jstr(db_get(&m, i, SM_SENT)),
		    "lint", lint != NULL ? lint : json_array());
		char key[24];
		json_object_set_new(o, "events", json_array());
		snprintf(key, sizeof(key), "%lld", db_get_ll(&m, i, SM_ID, 0));
		json_object_set(byid, key, o);
		json_array_append_new(msgs, o);
	}
	db_res_free(&m);
	if (min_id > 0 && store_snapshot_events(&e, conv, min_id) == 0) {
		for (i = 0; i < e.nrows; i++) {
			json_t *o = json_object_get(byid, db_get(&e, i,
			    SE_MESSAGE));
			if (o != NULL)
				json_array_append_new(json_object_get(o,
				    "events"), json_pack("{s:o, s:I, s:o}",
				    "status", jstr(db_get(&e, i, SE_STATUS)),
				    "error_code", (json_int_t)db_get_ll(&e, i,
				    SE_CODE, 0),
				    "at", jstr(db_get(&e, i, SE_AT))));
		}
		db_res_free(&e);
	}
	json_decref(byid);
	json_object_set_new(snap, "messages", msgs);
	consent = json_array();
	if (store_snapshot_consent(&c, business_id, lead_id) == 0) {
		for (i = 0; i < c.nrows; i++)
			json_array_append_new(consent, json_pack(
			    "{s:o, s:o, s:o, s:o, s:o}",
			    "action", jstr(db_get(&c, i, SC_ACTION)),
			    "keyword", jstr(db_get(&c, i, SC_KEYWORD)),
			    "source", jstr(db_get(&c, i, SC_SOURCE)),
			    "note", jstr(db_get(&c, i, SC_NOTE)),
			    "at", jstr(db_get(&c, i, SC_AT))));
		db_res_free(&c);
	}
	json_object_set_new(snap, "consent", consent);
	*err = 0;
	return snap;
}

/* JSON as page data under name: objects by key, arrays by index. */
static int
json_to_hdf(HDF *hdf, const char *name, json_t *j)
{
	char key[256];
	const char *k;
	json_t *v;
	size_t i;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		json_object_foreach(j, k, v) {
			snprintf(key, sizeof(key), "%s.%s", name, k);
			if (json_to_hdf(hdf, key, v) != 0)
				return -1;
		}
		return 0;
	case JSON_ARRAY:
		json_array_foreach(j, i, v) {
			snprintf(key, sizeof(key), "%s.%zu", name, i);
			if (json_to_hdf(hdf, key, v) != 0)
				return -1;
		}
		return 0;
	case JSON_STRING:
		return web_put(hdf, name, json_string_value(j));
	case JSON_INTEGER:
		return web_put_int(hdf, name, json_integer_value(j));
	case JSON_TRUE:
		return web_put(hdf, name, "1");
	case JSON_FALSE:
		return web_put(hdf, name, "0");
	default:
		return 0;
	}
}

/* Reads the attachment (?conversation= or ?message=) and sets Attach.*;
 * 0, 404 (not the business's), 400 or 503. */
static int
attachment_read(struct req *r, long long *conv, long long *msg)
{
	const char *v;
	int rc;

	*conv = *msg = 0;
	if ((rc = web_text(r, "message", 20, &v)) == 0) {
		if (sp_parse_ll(v, 1, INT64_MAX, msg) != 0)
			return 400;
		if ((*conv = store_message_conversation(r->s.business_id,
		    *msg)) < 0)
			return 503;
		if (*conv == 0)
			return 404;
	} else if (rc != WEB_MISSING)
		return 400;
	else if ((rc = web_text(r, "conversation", 20, &v)) == 0) {
		if (sp_parse_ll(v, 1, INT64_MAX, conv) != 0)
			return 400;
	} else if (rc != WEB_MISSING)
		return 400;
	if (*conv != 0) {
		struct db_res h;
		if (store_snapshot_head(&h, r->s.business_id, *conv) != 0)
			return 503;
		if (h.nrows == 0) {
			db_res_free(&h);
			return 404;
		}
		web_set_int(r, "Attach.Conversation", *conv);
		web_set(r, "Attach.Name", db_get(&h, 0, SH_NAME));
		web_set(r, "Attach.Phone", db_get(&h, 0, SH_PHONE));
		db_res_free(&h);
	}
	if (*msg != 0)
		web_set_int(r, "Attach.Message", *msg);
	return 0;
}

static void
form_lists(struct req *r)
{
	for (size_t i = 0; i < NITEMS(categories); i++) {
		HDF *h = web_item(r, "Categories", (unsigned)i);
		web_put(h, "Key", categories[i].key);
		web_put(h, "Label", categories[i].label);
	}
	for (size_t i = 0; i < NITEMS(statuses); i++) {
		HDF *h = web_item(r, "Statuses", (unsigned)i);
		web_put(h, "Key", statuses[i].key);
		web_put(h, "Label", statuses[i].label);
	}
}

static void
new_nonce(struct req *r, const char *name)
{
	char nonce[33];

	sp_fast_token(nonce, 16);
	web_set(r, name, nonce);
}

/* The subject the form starts with: what the ticket is about, from
 * Attach.* (the lead's name, else its number; the message's or the
 * conversation's number alone where the name would not fit whole). */
static void
subject_start(struct req *r, long long conv, long long msg)
{
	const char *who = hdf_get_value(r->hdf, "Attach.Name", "");
	char subject[1024];

	if (*who == '\0')
		who = hdf_get_value(r->hdf, "Attach.Phone", "");
	if (msg != 0)
		snprintf(subject, sizeof(subject), "Message #%lld, "
		    "conversation with %s", msg, who);
	else
		snprintf(subject, sizeof(subject), "Conversation with %s",
		    who);
	if (strlen(subject) > SUBJECT_MAX)
		snprintf(subject, sizeof(subject), "%s #%lld", msg != 0 ?
		    "Message" : "Conversation", msg != 0 ? msg : conv);
	web_set(r, "Form.Subject", subject);
}

/* 200: the form, with the conversation or message it is about; 404 when
 * that is not the business's. */
int
page_ticket_new(struct req *r)
{
	long long conv, msg;
	int rc;

	if ((rc = attachment_read(r, &conv, &msg)) == 404)
		return web_error(r, 404, "There is no such conversation or "
		    "message in your business.");
	if (rc == 400)
		return web_error(r, 400, "The link is malformed.");
	if (rc != 0)
		return web_db_error(r);
	form_lists(r);
	new_nonce(r, "Form.Nonce");
	if (msg != 0 || conv != 0) {
		subject_start(r, conv, msg);
		web_set(r, "Form.Category", "not_sending");
	}
	web_set(r, "Page.Title", "Contact support");
	return web_render(r, 200, "ticket_new.cs");
}

/* The form again, with everything typed and the error. */
static int
ticket_form_again(struct req *r, int status, const char *error)
{
	const char *v;

	form_lists(r);
	web_set(r, "Form.Error", error);
	/* all of it, however long: nothing typed is lost */
	if (web_text_kept(r, "subject", &v) == 0)
		web_set(r, "Form.Subject", v);
	if (web_text_kept(r, "category", &v) == 0 && category_label(v) != NULL)
		web_set(r, "Form.Category", v);
	if (web_text_kept(r, "description", &v) == 0)
		web_set(r, "Form.Description", v);
	if (web_text_kept(r, "nonce", &v) == 0 && strlen(v) == 32)
		web_set(r, "Form.Nonce", v);
	else
		new_nonce(r, "Form.Nonce");
	web_set(r, "Page.Title", "Contact support");
	return web_render(r, status, "ticket_new.cs");
}

/* A long text field: 0 with *out set, or the error to show. */
static const char *
long_text(struct req *r, const char *name, size_t max, const char *what,
    const char **out)
{
	static char msg[160];
	const char *v;
	int rc = web_text_kept(r, name, &v);
	size_t len = strlen(v);

	*out = "";
	if (rc == WEB_NOT_TEXT) {
		snprintf(msg, sizeof(msg), "The %s has characters that are not "
		    "valid text.", what);
		return msg;
	}
	if (rc == WEB_MISSING || strspn(v, " \t\r\n") == len) {
		snprintf(msg, sizeof(msg), "Write the %s.", what);
		return msg;
	}
	if (len > max) {
		snprintf(msg, sizeof(msg), "The %s is too long: %zu characters "
		    "where %zu fit. Shorten it and send again.", what, len, max);
		return msg;
	}
	*out = v;
	return NULL;
}

/*
 * Files a ticket: 303 to it; 422 with everything typed kept when a field
 * is wrong or the conversation is not the business's (nothing filed). The
 * form's nonce makes a double submit file one ticket.
 */
int
page_ticket_create(struct req *r)
{
	const char *subject, *category, *description, *nonce, *err;
	json_t *snap = NULL;
	char *snap_text = NULL, loc[48];
	long long conv, msg, id;
	int rc, dberr;

	if ((rc = attachment_read(r, &conv, &msg)) == 404 || rc == 400)
		return ticket_form_again(r, 422, "The conversation or message "
		    "attached is not one of your business's. Nothing was "
		    "filed; file the ticket from the conversation's own page.");
	if (rc != 0)
		return web_db_error(r);
	if ((err = long_text(r, "subject", SUBJECT_MAX, "subject",
	    &subject)) != NULL)
		return ticket_form_again(r, 422, err);
	if (web_text(r, "category", 16, &category) != 0 ||
	    category_label(category) == NULL)
		return ticket_form_again(r, 422, "Choose what the ticket is "
		    "about.");
	if ((err = long_text(r, "description", DESCRIPTION_MAX,
	    "description", &description)) != NULL)
		return ticket_form_again(r, 422, err);
	if (web_text(r, "nonce", 32, &nonce) != 0 || strlen(nonce) != 32)
		return ticket_form_again(r, 400, "The form is out of date: "
		    "send it again.");
	if (conv != 0) {
		snap = snapshot_build(r->s.business_id, conv, msg, &dberr);
		if (snap == NULL)
			return dberr ? web_db_error(r) : ticket_form_again(r,
			    422, "The conversation is not one of your "
			    "business's.");
		snap_text = json_dumps(snap, JSON_COMPACT);
		json_decref(snap);
		if (snap_text == NULL)
			return web_error(r, 500, "Could not record the "
			    "conversation's details.");
	}
	rc = store_ticket_add(r->s.business_id, conv, msg, r->s.user_id,
	    subject, category, description, snap_text, nonce, &id);
	free(snap_text);
	if (rc < 0)
		return web_db_error(r);
	snprintf(loc, sizeof(loc), "/tickets/%lld", id);
	return web_redirect(r, loc);
}

static int
ticket_rows(struct req *r, struct db_res *t)
{
	for (unsigned i = 0; i < t->nrows; i++) {
		HDF *h = web_item(r, "Tickets", i);
		if (h == NULL ||
		    web_put(h, "Id", db_get(t, i, TK_ID)) != 0 ||
		    web_put(h, "Business", db_get(t, i, TK_BUSINESS)) != 0 ||
		    web_put(h, "Subject", db_get(t, i, TK_SUBJECT)) != 0 ||
		    web_put(h, "Category", category_label(db_get(t, i,
		    TK_CATEGORY))) != 0 ||
		    web_put(h, "Status", db_get(t, i, TK_STATUS)) != 0 ||
		    web_put(h, "StatusShown", status_label(db_get(t, i,
		    TK_STATUS))) != 0 ||
		    web_put(h, "By", db_get(t, i, TK_BY)) != 0 ||
		    web_put(h, "Replies", db_get(t, i, TK_REPLIES)) != 0 ||
		    web_put_time(r, h, "Created", db_get_ll(t, i,
		    TK_CREATED_MS, 0)) != 0 ||
		    web_put_time(r, h, "Updated", db_get_ll(t, i,
		    TK_UPDATED_MS, 0)) != 0)
			return -1;
	}
	return 0;
}

/*
 * 200: a business's tickets, newest first; for support staff the queue of
 * every business's tickets, oldest first, by ?status= and ?category=
 * (?after=<id> pages on). 400 for an unknown filter value.
 */
int
page_tickets_index(struct req *r)
{
	struct db_res t;
	const char *status = NULL, *category = NULL, *v;
	long long after = 0;
	int rc;

	if ((rc = web_text(r, "status", 16, &v)) == 0) {
		if (status_label(v) == NULL)
			return web_error(r, 400, "There is no such status.");
		status = v;
		web_set(r, "Filter.Status", v);
	}
	if ((rc = web_text(r, "category", 16, &v)) == 0) {
		if (category_label(v) == NULL)
			return web_error(r, 400, "There is no such category.");
		category = v;
		web_set(r, "Filter.Category", v);
	}
	if ((rc = web_text(r, "after", 20, &v)) == 0 &&
	    sp_parse_ll(v, 1, INT64_MAX, &after) != 0)
		return web_error(r, 400, "The page link is malformed.");
	if (store_tickets(&t, is_support(r) ? 0 : r->s.business_id, status,
	    category, after, TICKETS_PAGE + 1) != 0)
		return web_db_error(r);
	if (t.nrows > TICKETS_PAGE) {
		t.nrows = TICKETS_PAGE;	/* the extra row only says there is more */
		web_set(r, "Page.Next", db_get(&t, TICKETS_PAGE - 1, TK_ID));
	}
	rc = ticket_rows(r, &t);
	db_res_free(&t);
	if (rc != 0)
		return web_error(r, 500, "Could not build the page.");
	form_lists(r);
	if (is_support(r))
		web_set_int(r, "Page.Support", 1);
	web_set(r, "Page.Title", is_support(r) ? "Support queue" : "Support");
	return web_render(r, 200, "tickets.cs");
}

/* Fills the ticket's page data: 0, 404 or 503. */
static int
ticket_fill(struct req *r, long long id)
{
	struct db_res t, x;
	json_t *snap;
	json_error_t jerr;
	const char *v;
	unsigned i;

	if (store_ticket_get(&t, is_support(r) ? 0 : r->s.business_id,
	    id) != 0)
		return 503;
	if (t.nrows == 0) {
		db_res_free(&t);
		return 404;
	}
	if (ticket_rows(r, &t) != 0) {
		db_res_free(&t);
		return 500;
	}
	web_set(r, "Ticket.Description", db_get(&t, 0, TK_DESCRIPTION));
	web_set(r, "Ticket.Conversation", db_get(&t, 0, TK_CONV));
	web_set(r, "Ticket.Message", db_get(&t, 0, TK_MESSAGE));
	web_set(r, "Page.Title", db_get(&t, 0, TK_SUBJECT));
	if ((v = db_get(&t, 0, TK_SNAPSHOT)) != NULL &&
	    (snap = json_loads(v, 0, &jerr)) != NULL) {
		json_to_hdf(r->hdf, "Snapshot", snap);
		json_decref(snap);
	}
	/* support sees the conversation as it is now beside the snapshot */
	if (is_support(r) && db_get(&t, 0, TK_CONV) != NULL) {
		int err;
		json_t *now = snapshot_build((unsigned)db_get_ll(&t, 0,
		    TK_BUSINESS_ID, 0), db_get_ll(&t, 0, TK_CONV, 0),
		    db_get_ll(&t, 0, TK_MESSAGE, 0), &err);
		if (now != NULL) {
			json_to_hdf(r->hdf, "Now", now);
			json_decref(now);
		}
	}
	db_res_free(&t);
	if (store_ticket_replies(&x, id) != 0)
		return 503;
	for (i = 0; i < x.nrows; i++) {
		HDF *h = web_item(r, "Replies", i);
		web_put(h, "Body", db_get(&x, i, TR_BODY));
		web_put(h, "Support", db_get(&x, i, TR_SUPPORT));
		web_put(h, "By", db_get(&x, i, TR_BY));
		web_put_time(r, h, "At", db_get_ll(&x, i, TR_AT_MS, 0));
	}
	db_res_free(&x);
	if (store_ticket_events(&x, id) != 0)
		return 503;
	for (i = 0; i < x.nrows; i++) {
		HDF *h = web_item(r, "Audit", i);
		web_put(h, "Old", status_label(db_get(&x, i, TE_OLD)));
		web_put(h, "New", status_label(db_get(&x, i, TE_NEW)));
		web_put(h, "By", db_get(&x, i, TE_BY));
		web_put_time(r, h, "At", db_get_ll(&x, i, TE_AT_MS, 0));
	}
	db_res_free(&x);
	form_lists(r);
	new_nonce(r, "Reply.Nonce");
	if (is_support(r))
		web_set_int(r, "Page.Support", 1);
	return 0;
}

static int
ticket_error(struct req *r, int rc)
{
	if (rc == 404)
		return web_error(r, 404, "There is no such ticket.");
	if (rc == 503)
		return web_db_error(r);
	return web_error(r, 500, "Could not build the page.");
}

/* 200: the ticket, its snapshot, replies and audit trail; 404 for another
 * business's ticket (support staff see every ticket filed to them). */
int
page_ticket_show(struct req *r)
{
	int rc;

	if ((rc = ticket_fill(r, r->param[0])) != 0)
		return ticket_error(r, rc);
	return web_render(r, 200, "ticket.cs");
}

/* Adds a reply: 303 to the ticket; 422 with the text kept when it is empty
 * or too long; 404 for another business's ticket. A customer's reply to a
 * ticket waiting on them opens it again. */
int
page_ticket_reply(struct req *r)
{
	const char *body, *nonce, *err, *status;
	struct db_res t;
	char loc[48];
	int rc;

	if (store_ticket_get(&t, is_support(r) ? 0 : r->s.business_id,
	    r->param[0]) != 0)
		return web_db_error(r);
	if (t.nrows == 0) {
		db_res_free(&t);
		return ticket_error(r, 404);
	}
	status = db_get(&t, 0, TK_STATUS);
	rc = !is_support(r) && status != NULL && strcmp(status, "waiting") == 0;
	db_res_free(&t);
	if ((err = long_text(r, "body", DESCRIPTION_MAX, "reply", &body)) !=
	    NULL) {
		const char *typed;
		web_text_kept(r, "body", &typed);
		int frc = ticket_fill(r, r->param[0]);
		if (frc != 0)
			return ticket_error(r, frc);
		web_set(r, "Reply.Error", err);
		web_set(r, "Reply.Body", typed);
		return web_render(r, 422, "ticket.cs");
	}
	if (web_text(r, "nonce", 32, &nonce) != 0 || strlen(nonce) != 32)
		return web_error(r, 400, "The form is out of date: go back, "
		    "reload the page and send again.");
	if (store_ticket_reply(r->param[0], r->s.user_id, is_support(r), body,
	    nonce) < 0)
		return web_db_error(r);
	if (rc && store_ticket_status(r->param[0], r->s.user_id, "open") < 0)
		return web_db_error(r);
	snprintf(loc, sizeof(loc), "/tickets/%lld#replies", r->param[0]);
	return web_redirect(r, loc);
}

/* Support staff change the status (kept in the audit trail): 303 to the
 * ticket; 400 for an unknown status; 404 for no such ticket. */
int
page_ticket_status(struct req *r)
{
	struct db_res t;
	const char *status;
	char loc[48];
	int found;

	if (web_text(r, "status", 16, &status) != 0 ||
	    status_label(status) == NULL)
		return web_error(r, 400, "There is no such status.");
	if (store_ticket_get(&t, 0, r->param[0]) != 0)
		return web_db_error(r);
	found = t.nrows > 0;
	db_res_free(&t);
	if (!found)
		return ticket_error(r, 404);
	if (store_ticket_status(r->param[0], r->s.user_id, status) < 0)
		return web_db_error(r);
	snprintf(loc, sizeof(loc), "/tickets/%lld", r->param[0]);
	return web_redirect(r, loc);
}
