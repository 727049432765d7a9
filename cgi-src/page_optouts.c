/* page_optouts.c: opt-outs staff record (/conversations/:id/optout) */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "pages.h"
#include "store_conversations.h"
#include "store_inbound.h"
#include "util.h"
#include "web.h"

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
