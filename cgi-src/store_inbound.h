/* store_inbound.h: inbound texts, leads found or created by number, the
 * consent ledger and the rules' own replies */
#ifndef SP_STORE_INBOUND_H
#define SP_STORE_INBOUND_H

struct number_owner {
	unsigned	 business_id;
	int		 number_id;
	char		 business_name[201];
	char		 help_reply[321];	/* "" for the default */
};
/* The business that owns the sending number e164: 1, 0 (none), -1. */
int	 store_number_owner(const char *e164, struct number_owner *o);

struct lead_state {
	long long	 id;
	int		 opted_out;
	int		 provider_opted_out;
};
/* The business's lead with this number, created when new; 0 or -1. */
int	 store_lead_for_phone(unsigned business_id, const char *e164,
	    struct lead_state *l);
/* The lead's conversation on this number, created when new; id or -1. */
long long store_conversation_for(unsigned business_id, long long lead_id,
	    int number_id);
/* Stores an inbound text once per sid, received at at_ms (unix ms; 0 for
 * now): 1 new (*id set), 0 seen, -1. */
int	 store_inbound_message(unsigned business_id, long long conversation_id,
	    const char *sid, const char *body, long long at_ms, long long *id);
/* Whether the lead sent a text in a second after at_ms's (unix ms): 1, 0,
 * -1. */
int	 store_lead_texted_since(long long lead_id, long long at_ms);
/* Keeps a text to a number no business has. */
int	 store_inbound_unrouted(const char *sid, const char *from,
	    const char *to, const char *body);

int	 store_lead_opt(long long lead_id, int out);
/* Appends to the consent ledger (action "opt_out" or "opt_in"; source
 * "inbound", "staff" or "provider"; user 0 for none). */
int	 store_ledger_add(unsigned business_id, long long lead_id,
	    const char *e164, const char *number, const char *action,
	    const char *keyword, long long message_id, const char *source,
	    unsigned user_id, const char *note);
/* Queues one of the rules' own replies (kind: optout_confirm, ...). */
int	 store_queue_reply(unsigned business_id, long long conversation_id,
	    const char *kind, const char *body);

/* Columns of store_optouts' rows. */
enum {
	OO_LEAD, OO_NAME, OO_PHONE, OO_AT_MS, OO_WORD, OO_NUMBER, OO_SOURCE,
	OO__COLS
};
/*
 * The business's opted-out leads, newest first, strictly before the cursor
 * (before_id 0: from the top): since/until (unix ms, 0 for none) bound the
 * opt-out date; phone (E.164) or name_prefix (NULL for none) narrow it.
 */
int	 store_optouts(struct db_res *res, unsigned business_id,
	    long long since_ms, long long until_ms, const char *phone,
	    const char *name_prefix, long long before_ms, long long before_id,
	    int limit);
/* Columns of store_ledger_for_lead's rows, oldest first. */
enum {
	LG_ACTION, LG_KEYWORD, LG_SOURCE, LG_NOTE, LG_NUMBER, LG_AT_MS, LG_BY,
	LG_MESSAGE, LG__COLS
};
/* The lead's consent history if the lead is the business's (no rows
 * otherwise); *name gets the lead's name and number in `lead`. */
int	 store_ledger_for_lead(struct db_res *res, unsigned business_id,
	    long long lead_id);
int	 store_lead_brief(struct db_res *res, unsigned business_id,
	    long long lead_id);

#endif
