/* page_compose.c: sending a text from a thread, and the compose box's live
 * lint (/conversations/:id/messages, /conversations/:id/lint) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "core_lint.h"
#include "db.h"
#include "pages.h"
#include "store_conversations.h"
#include "store_messages.h"
#include "util.h"
#include "web.h"

/* What the form accepts; the lint refuses past 1,600 characters with a
 * clear finding, so a longer paste comes back with its text kept. */
#define BODY_MAX_BYTES	8000

static int
lint_draft(struct req *r, long long conv, const char *body,
    struct lint_result *lr)
{
	struct lint_input in;
	int has = store_messages_has_outbound(conv);

	if (has < 0)
		return -1;
	in.body = body;
	in.len = strlen(body);
	in.business_name = r->s.business_name;
	in.first_message = !has;
	lint_check(&in, lr);
	return 0;
}

static json_t *
findings_json(const struct lint_result *lr)
{
	json_t *arr = json_array();
	int i;

	for (i = 0; i < lr->n; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:I, s:I}",
		    "rule", lr->f[i].rule,
		    "severity", lint_severity_str(lr->f[i].severity),
		    "message", lr->f[i].message,
		    "start", (json_int_t)lr->f[i].start,
		    "end", (json_int_t)lr->f[i].end));
	return arr;
}

static int
set_findings(struct req *r, const struct lint_result *lr)
{
	int i;

	for (i = 0; i < lr->n; i++) {
		HDF *h = web_item(r, "Compose.Findings", (unsigned)i);
		if (h == NULL ||
		    web_put(h, "Rule", lr->f[i].rule) != 0 ||
		    web_put(h, "Severity", lint_severity_str(lr->f[i].severity)) ||
		    web_put(h, "Message", lr->f[i].message) != 0)
			return -1;
	}
	return web_set_int(r, "Compose.Chars", (long long)lr->chars) ||
	    web_set_int(r, "Compose.Segments", lr->segments) ||
	    web_set(r, "Compose.Encoding", lint_encoding_str(lr->encoding)) ||
	    web_set_int(r, "Compose.Blocked", lr->blocked);
}

/* The thread again, with what was typed and why it did not go. */
static int
again(struct req *r, int status, const char *body, const char *error,
    const struct lint_result *lr)
{
	int rc;

	if ((rc = thread_fill(r, r->param[0], 0)) != 0)
		return thread_error(r, rc);
	if (web_set(r, "Compose.Body", body) != 0 ||
	    (error != NULL && web_set(r, "Compose.Error", error) != 0) ||
	    (lr != NULL && set_findings(r, lr) != 0))
		return web_error(r, 500, "Could not build the page.");
	if (lr != NULL && !lr->blocked && lr->n > 0)
		web_set_int(r, "Compose.NeedConfirm", 1);
	return web_render(r, status, "conversation.cs");
}

/*
 * 303 to the thread with the text queued ("Sending"); 409 when the lead
 * opted out or is marked spam (nothing queued); 422 when the lint blocks
 * the text, and 200 asking for a second click when it only warns, both with
 * the text kept; 404 for another business's conversation. A repeated nonce
 * (a double click) queues nothing more.
 */
int
page_compose_send(struct req *r)
{
	struct db_res t;
	struct lint_result lr;
	const char *body, *nonce, *confirm;
	char *lint_json;
	json_t *j;
	long long id, conv = r->param[0];
	int rc, opted, spam;

	if (store_thread(&t, r->s.business_id, conv, 1, 1) != 0)
		return web_db_error(r);
	if (t.nrows == 0) {
		db_res_free(&t);
		return thread_error(r, 404);
	}
	opted = db_get_ll(&t, 0, CONV_OPTED_OUT, 0) != 0;
	spam = db_get_ll(&t, 0, CONV_SPAM, 0) != 0;
	db_res_free(&t);

	rc = web_text(r, "body", BODY_MAX_BYTES, &body);
	if (opted)
		return again(r, 409, rc == 0 ? body : "", "This lead opted out: "
		    "texts to them are blocked until they text you again. "
		    "Nothing was sent.", NULL);
	if (spam)
		return again(r, 409, rc == 0 ? body : "", "This lead is marked "
		    "as spam and cannot be texted. Nothing was sent.", NULL);
	if (rc == WEB_MISSING)
		return again(r, 422, "", "Write a message first.", NULL);
	if (rc == WEB_TOO_LONG)
		return again(r, 422, "", "The text is far over the 1,600 "
		    "character limit. Nothing was sent.", NULL);
	if (rc != 0)
		return again(r, 422, "", "The text has characters that are not "
		    "valid. Nothing was sent.", NULL);
	if (web_text(r, "nonce", 64, &nonce) != 0 || strlen(nonce) != 32)
		return again(r, 400, body, "The form is out of date: send "
		    "again.", NULL);
	if (lint_draft(r, conv, body, &lr) != 0)
		return web_db_error(r);
	if (lr.blocked)
		return again(r, 422, body, "This text cannot be sent as it is:",
		    &lr);
	if (lr.n > 0 && (web_text(r, "confirm", 1, &confirm) != 0 ||
	    strcmp(confirm, "1") != 0))
		return again(r, 200, body, "Carriers may filter this text. Send "
		    "it anyway, or change it:", &lr);

	j = findings_json(&lr);
	lint_json = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	rc = store_messages_queue(r->s.business_id, conv, r->s.user_id, body,
	    nonce, lint_json ? lint_json : "[]", &id);
	free(lint_json);
	if (rc < 0 || (rc == 1 && (store_conversations_sync(conv) != 0 ||
	    store_conversation_agent(conv, r->s.user_id) != 0)))
		return web_db_error(r);
	{
		char loc[96];
		snprintf(loc, sizeof(loc), "/conversations/%lld#m%lld", conv, id);
		return web_redirect(r, loc);
	}
}

/* 200 with the draft's lint as JSON (the compose box asks as the agent
 * types); 404 for another business's conversation. */
int
page_compose_lint(struct req *r)
{
	struct db_res t;
	struct lint_result lr;
	const char *body;
	char *out;
	json_t *j;
	int rc, found;

	if (store_thread(&t, r->s.business_id, r->param[0], 1, 1) != 0)
		return web_db_error(r);
	found = t.nrows > 0;
	db_res_free(&t);
	if (!found)
		return web_json(r, 404, "{\"error\": \"no such conversation\"}");
	if ((rc = web_text(r, "body", BODY_MAX_BYTES, &body)) != 0 &&
	    rc != WEB_MISSING)
		return web_json(r, 400, "{\"error\": \"the draft is too long or "
		    "not valid text\"}");
	if (lint_draft(r, r->param[0], body, &lr) != 0)
		return web_db_error(r);
	j = json_pack("{s:I, s:s, s:I, s:I, s:b, s:o}",
	    "segments", (json_int_t)lr.segments,
	    "encoding", lint_encoding_str(lr.encoding),
	    "chars", (json_int_t)lr.chars,
	    "units", (json_int_t)lr.units,
	    "blocked", lr.blocked, "findings", findings_json(&lr));
	out = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	if (out == NULL)
		return web_error(r, 500, "Could not build the answer.");
	rc = web_json(r, 200, out);
	free(out);
	return rc;
}
