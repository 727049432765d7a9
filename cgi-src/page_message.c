/* page_message.c: one message's details (/messages/:id) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "core_reason.h"
#include "core_status.h"
#include "db.h"
#include "pages.h"
#include "store_messages.h"
#include "util.h"
#include "web.h"

/* The lint findings kept at send time (JSON) as page data. */
static int
set_lint(struct req *r, const char *json)
{
	json_error_t err;
	json_t *arr = json ? json_loads(json, 0, &err) : NULL, *f;
	size_t i;
	int rc = 0;

	json_array_foreach(arr, i, f) {
		HDF *h = web_item(r, "Message.Lint", (unsigned)i);
		json_t *m = json_object_get(f, "message");
		json_t *s = json_object_get(f, "severity");
		if (h == NULL || web_put(h, "Message", json_string_value(m)) ||
		    web_put(h, "Severity", json_string_value(s))) {
			rc = -1;
			break;
		}
	}
	json_decref(arr);
	return rc;
}

/* 200 with the message, its status in the article's words, the reason and
 * what to do, the provider's events, the number's look-up and the lint at
 * send time; 404 for another business's message. */
int
page_message_show(struct req *r)
{
	struct db_res m, ev;
	enum status st;
	enum shown sh;
	enum reason rs;
	long long code;
	unsigned i;
	static const char *css[SHOWN__MAX] = {
		"sending", "delivered", "failed", "received",
	};

	if (store_message_detail(&m, r->s.business_id, r->param[0]) != 0)
		return web_db_error(r);
	if (m.nrows == 0) {
		db_res_free(&m);
		return web_error(r, 404, "There is no such message in your "
		    "business.");
	}
	if (store_message_events(&ev, r->param[0]) != 0) {
		db_res_free(&m);
		return web_db_error(r);
	}
	st = status_from_str(db_get(&m, 0, MD_STATUS));
	sh = status_shown(st);
	code = db_get_ll(&m, 0, MD_CODE, 0);
	rs = reason_from_str(db_get(&m, 0, MD_REASON));
	if (rs == REASON_NONE && code != 0)
		rs = reason_from_code((int)code);
	if (web_set(r, "Page.Title", "Message") ||
	    web_set(r, "Message.Id", db_get(&m, 0, MD_ID)) ||
	    web_set(r, "Message.Conversation", db_get(&m, 0, MD_CONVERSATION)) ||
	    web_set(r, "Message.Direction", db_get(&m, 0, MD_DIRECTION)) ||
	    web_set(r, "Message.Body", db_get(&m, 0, MD_BODY)) ||
	    web_set(r, "Message.Status.Shown", shown_str(sh)) ||
	    web_set(r, "Message.Status.Class", css[sh]) ||
	    web_set(r, "Message.ProviderStatus", status_str(st)) ||
	    web_set(r, "Message.Sid", db_get(&m, 0, MD_SID)) ||
	    web_set(r, "Message.Agent", db_get(&m, 0, MD_AGENT)) ||
	    web_set(r, "Message.Attempts", db_get(&m, 0, MD_ATTEMPTS)) ||
	    web_set_int(r, "Message.Unconfirmed",
	    db_get_ll(&m, 0, MD_UNCONFIRMED, 0)) ||
	    web_set(r, "Message.QueueState", db_get(&m, 0, MD_QUEUE_STATE)) ||
	    web_set(r, "Message.HoldReason", db_get(&m, 0, MD_HOLD_REASON)) ||
	    web_set(r, "Message.Hold", db_get(&m, 0, MD_HOLD)) ||
	    web_set(r, "Lead.Name", db_get(&m, 0, MD_LEAD_NAME)) ||
	    web_set(r, "Lead.Phone", db_get(&m, 0, MD_PHONE)) ||
	    web_set(r, "Message.From", db_get(&m, 0, MD_FROM)) ||
	    web_set(r, "Lookup.Type", db_get(&m, 0, MD_LINE_TYPE)) ||
	    web_set(r, "Lookup.Carrier", db_get(&m, 0, MD_CARRIER)) ||
	    web_set_time(r, "Message.Created",
	    db_get_ll(&m, 0, MD_CREATED_MS, 0)) ||
	    set_lint(r, db_get(&m, 0, MD_LINT)))
		goto fail;
	if (code != 0 && web_set_int(r, "Message.Code", code))
		goto fail;
	if (sh == SHOWN_FAILED && (web_set(r, "Message.Reason",
	    reason_short(rs, (int)code)) ||
	    web_set(r, "Message.Advice", reason_advice(rs))))
		goto fail;
	if (db_get(&m, 0, MD_SENT_MS) && web_set_time(r, "Message.Sent",
	    db_get_ll(&m, 0, MD_SENT_MS, 0)))
		goto fail;
	if (db_get(&m, 0, MD_CHECKED_MS) && web_set_time(r, "Lookup.Checked",
	    db_get_ll(&m, 0, MD_CHECKED_MS, 0)))
		goto fail;
	if (db_get(&m, 0, MD_DUE_MS) && web_set_time(r, "Message.Due",
	    db_get_ll(&m, 0, MD_DUE_MS, 0)))
		goto fail;
	for (i = 0; i < ev.nrows; i++) {
		HDF *h = web_item(r, "Events", i);
		enum status es = status_from_str(db_get(&ev, i, EV_STATUS));
		long long ec = db_get_ll(&ev, i, EV_CODE, 0);
		if (h == NULL || web_put(h, "Status", db_get(&ev, i, EV_STATUS)) ||
		    web_put(h, "Shown", shown_str(status_shown(es))) ||
		    web_put_time(r, h, "At", db_get_ll(&ev, i, EV_AT_MS, 0)))
			goto fail;
		if (ec != 0 && (web_put_int(h, "Code", ec) ||
		    web_put(h, "Reason", reason_short(reason_from_code((int)ec),
		    (int)ec))))
			goto fail;
	}
	db_res_free(&m);
	db_res_free(&ev);
	return web_render(r, 200, "message.cs");
fail:
	db_res_free(&m);
	db_res_free(&ev);
	return web_error(r, 500, "Could not build the page.");
}
