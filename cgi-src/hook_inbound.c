/* hook_inbound.c: texts from leads (/hooks/provider/inbound) and the opt-out
 * lifecycle they drive: STOP and plain-language requests opt out, any later
 * text opts back in, START with a confirmation, HELP gets the help reply */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_optout.h"
#include "core_phone.h"
#include "core_text.h"
#include "db.h"
#include "pages.h"
#include "store_conversations.h"
#include "store_inbound.h"
#include "store_messages.h"
#include "util.h"
#include "web.h"
#include "webutil.h"

#define HOOK_MAX_PARAMS	64
/* A text longer than this is kept cut (TEXT holds 65,535 bytes). */
#define INBOUND_MAX	60000

static const char empty_twiml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

static int
twiml(struct req *r)
{
	return web_plain_type(r, 200, "text/xml; charset=utf-8", empty_twiml);
}

/* The lead's number as the provider gave it, in E.164 when it is one
 * (short codes and alphanumeric senders are kept as they came). */
static void
normalize_from(const char *from, char *out, size_t size)
{
	struct phone ph;

	phone_classify(from, strlen(from), "US", &ph);
	sp_strlcpy(out, ph.e164[0] ? ph.e164 : from, size);
}

/*
 * 200 with an empty TwiML answer once the text is stored (a text delivered
 * twice, same MessageSid, is stored once; a text to a number no business
 * has is kept aside); 403 with a missing or wrong signature, nothing
 * stored; 400 without From, To or MessageSid; 503 when the database
 * failed (the provider tries again).
 */
int
hook_inbound(struct req *r)
{
	struct form_pair pairs[HOOK_MAX_PARAMS];
	const char *sid, *from_in, *to, *body_in, *opt;
	char from[40], reply[400], *body = NULL;
	struct number_owner own;
	struct lead_state lead;
	struct inbound_word w;
	enum inbound kind;
	long long conv, msg = 0;
	size_t blen;
	int n, rc;

	if (!hook_verify(r, pairs, &n))
		return web_plain(r, 403, "signature missing or wrong\n");
	sid = hook_param(pairs, n, "MessageSid");
	from_in = hook_param(pairs, n, "From");
	to = hook_param(pairs, n, "To");
	body_in = hook_param(pairs, n, "Body");
	opt = hook_param(pairs, n, "OptOutType");
	if (sid == NULL || from_in == NULL || to == NULL || strlen(sid) > 34 ||
	    *from_in == '\0' || strlen(from_in) > 32 || strlen(to) > 32)
		return web_plain(r, 400, "MessageSid, From and To are required\n");
	if (body_in == NULL)
		body_in = "";
	/* kept as it came, as far as UTF-8 allows: invalid bytes become
	 * U+FFFD, NULs go, a huge text is cut */
	blen = strlen(body_in);
	if ((body = malloc(blen * 3 + 1 < INBOUND_MAX ? blen * 3 + 1 :
	    INBOUND_MAX)) == NULL)
		return web_plain(r, 503, "try again\n");
	text_sanitize(body_in, blen, body, blen * 3 + 1 < INBOUND_MAX ?
	    blen * 3 + 1 : INBOUND_MAX);
	normalize_from(from_in, from, sizeof(from));

	if ((rc = store_number_owner(to, &own)) <= 0) {
		if (rc == 0 && store_inbound_unrouted(sid, from, to, body) == 0) {
			sp_log("inbound %s to %s: no business has this number; "
			    "kept in inbound_unrouted", sid, to);
			free(body);
			return twiml(r);
		}
		free(body);
		return web_plain(r, 503, "try again\n");
	}
	kind = inbound_classify(body, strlen(body), &w);
	/* the provider's own keyword detection agrees or adds */
	if (kind == INBOUND_OTHER && opt != NULL) {
		if (strcmp(opt, "STOP") == 0)
			kind = INBOUND_OPT_OUT;
		else if (strcmp(opt, "START") == 0)
			kind = INBOUND_OPT_IN;
		else if (strcmp(opt, "HELP") == 0)
			kind = INBOUND_HELP;
		if (kind != INBOUND_OTHER)
			sp_strlcpy(w.word, opt, sizeof(w.word));
	}

	if (db_begin() != 0)
		goto fail;
	if (store_lead_for_phone(own.business_id, from, &lead) != 0 ||
	    (conv = store_conversation_for(own.business_id, lead.id,
	    own.number_id)) < 0)
		goto rollback;
	if ((rc = store_inbound_message(own.business_id, conv, sid, body,
	    &msg)) < 0)
		goto rollback;
	if (rc == 0) {
		/* the provider delivered it twice: stored once */
		db_rollback();
		free(body);
		return twiml(r);
	}

	if (lead.opted_out) {
		/* the article: any later text from the lead opts them back
		 * in; a second STOP changes nothing and gets no second
		 * confirmation */
		if (kind != INBOUND_OPT_OUT) {
			if (store_lead_opt(lead.id, 0) != 0 ||
			    store_ledger_add(own.business_id, lead.id, from, to,
			    "opt_in", kind == INBOUND_OTHER ? "any text" : w.word,
			    msg, "inbound", 0, "") != 0)
				goto rollback;
			if (kind == INBOUND_OPT_IN) {
				snprintf(reply, sizeof(reply), "You are "
				    "resubscribed to %s. Reply STOP to opt out.",
				    own.business_name);
				if (store_lead_provider_optout(lead.id, 0) != 0 ||
				    store_queue_reply(own.business_id, conv,
				    "optin_confirm", reply) != 0)
					goto rollback;
			}
		}
	} else if (kind == INBOUND_OPT_OUT) {
		snprintf(reply, sizeof(reply), "You are unsubscribed from %s. "
		    "No more messages. Reply START to resubscribe.",
		    own.business_name);
		if (store_lead_opt(lead.id, 1) != 0 ||
		    store_ledger_add(own.business_id, lead.id, from, to,
		    "opt_out", w.word, msg, "inbound", 0, "") != 0 ||
		    store_queue_reply(own.business_id, conv, "optout_confirm",
		    reply) != 0)
			goto rollback;
	} else if (kind == INBOUND_OPT_IN && lead.provider_opted_out) {
		/* START lifts the provider's own opt-out too */
		if (store_lead_provider_optout(lead.id, 0) != 0 ||
		    store_ledger_add(own.business_id, lead.id, from, to, "opt_in",
		    w.word, msg, "inbound", 0, "provider opt-out lifted") != 0)
			goto rollback;
	}
	if (kind == INBOUND_HELP) {
		if (own.help_reply[0] != '\0')
			snprintf(reply, sizeof(reply), "%s", own.help_reply);
		else
			snprintf(reply, sizeof(reply), "%s: reply here to reach "
			    "our team. Reply STOP to opt out. Msg & data rates "
			    "may apply.", own.business_name);
		if (store_queue_reply(own.business_id, conv, "help", reply) != 0)
			goto rollback;
	}
	if (store_conversations_sync(conv) != 0 || db_commit() != 0)
		goto fail;
	free(body);
	return twiml(r);
rollback:
	db_rollback();
fail:
	free(body);
	return web_plain(r, 503, "try again\n");
}
