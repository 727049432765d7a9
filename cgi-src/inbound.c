/* inbound.c: a text from a lead, stored once and acted on: STOP and
 * plain-language requests opt out, any later text opts back in, START with
 * a confirmation, HELP gets the help reply. The provider's webhook
 * (hook_inbound.c) and the sender's sweep of the provider's message list
 * (texts whose webhook never got through) both come here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_optout.h"
#include "core_phone.h"
#include "core_text.h"
#include "db.h"
#include "inbound.h"
#include "store_conversations.h"
#include "store_inbound.h"
#include "store_messages.h"
#include "util.h"

/* A text longer than this is kept cut (TEXT holds 65,535 bytes). */
#define INBOUND_MAX	60000

/* The lead's number as the provider gave it, in E.164 when it is one
 * (short codes and alphanumeric senders are kept as they came). */
static void
normalize_from(const char *from, char *out, size_t size)
{
	struct phone ph;

	phone_classify(from, strlen(from), "US", &ph);
	sp_strlcpy(out, ph.e164[0] ? ph.e164 : from, size);
}

int
inbound_receive(const struct inbound_text *t)
{
	const char *opt = t->opt;
	char from[40], reply[400], *body = NULL;
	struct number_owner own;
	struct lead_state lead;
	struct inbound_word w;
	enum inbound kind;
	long long conv, msg = 0;
	size_t blen, cap;
	int rc, later = 0;

	/* kept as it came, as far as UTF-8 allows: invalid bytes become
	 * U+FFFD, NULs go, a huge text is cut */
	blen = strlen(t->body);
	cap = blen * 3 + 1 < INBOUND_MAX ? blen * 3 + 1 : INBOUND_MAX;
	if ((body = malloc(cap)) == NULL)
		return -1;
	text_sanitize(t->body, blen, body, cap);
	normalize_from(t->from, from, sizeof(from));

	if ((rc = store_number_owner(t->to, &own)) <= 0) {
		if (rc == 0 && store_inbound_unrouted(t->sid, from, t->to,
		    body) == 0) {
			sp_log("inbound %s to %s: no business has this number; "
			    "kept in inbound_unrouted", t->sid, t->to);
			free(body);
			return 0;
		}
		free(body);
		return -1;
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
	/* found late (the webhook never got through): a text the lead sent
	 * after this one has already had its say on the opt-out */
	if (t->at_ms > 0 && (later = store_lead_texted_since(lead.id,
	    t->at_ms)) < 0)
		goto rollback;
	if ((rc = store_inbound_message(own.business_id, conv, t->sid, body,
	    t->at_ms, &msg)) < 0)
		goto rollback;
	if (rc == 0) {
		/* the provider delivered it twice: stored once */
		db_rollback();
		free(body);
		return 0;
	}
	if (later) {
		sp_log("inbound %s: found late; a later text from the lead "
		    "already set the opt-out state", t->sid);
		kind = INBOUND_OTHER;
		lead.opted_out = 0;
	}

	if (lead.opted_out) {
		/* the article: any later text from the lead opts them back
		 * in; a second STOP changes nothing and gets no second
		 * confirmation */
		if (kind != INBOUND_OPT_OUT) {
			if (store_lead_opt(lead.id, 0) != 0 ||
			    store_ledger_add(own.business_id, lead.id, from, t->to,
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
		    store_ledger_add(own.business_id, lead.id, from, t->to,
		    "opt_out", w.word, msg, "inbound", 0, "") != 0 ||
		    store_queue_reply(own.business_id, conv, "optout_confirm",
		    reply) != 0)
			goto rollback;
	} else if (kind == INBOUND_OPT_IN && lead.provider_opted_out) {
		/* START lifts the provider's own opt-out too */
		if (store_lead_provider_optout(lead.id, 0) != 0 ||
		    store_ledger_add(own.business_id, lead.id, from, t->to, "opt_in",
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
	return 1;
rollback:
	db_rollback();
fail:
	free(body);
	return -1;
}
