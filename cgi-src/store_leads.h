/* store_leads.h: leads staff create, edit, import and mark as spam; their
 * history; message templates. Every query is scoped to one business. */
#ifndef SP_STORE_LEADS_H
#define SP_STORE_LEADS_H

struct db_res;

/* Columns of store_lead_get's row. */
enum {
	LEAD_ID, LEAD_NAME, LEAD_EMAIL, LEAD_PHONE_RAW, LEAD_PHONE,
	LEAD_VALID, LEAD_LINE_TYPE, LEAD_OPTED_OUT, LEAD_SPAM,
	LEAD_COOLDOWN_MS, LEAD_CREATED_MS, LEAD_CONVERSATION, LEAD__COLS
};
/* The lead if it is the business's (else no row), with its latest
 * conversation's id. */
int	 store_lead_get(struct db_res *res, unsigned business_id, long long id);

/* Columns of store_lead_history's rows, newest first. */
enum {
	LH_FIELD, LH_OLD, LH_NEW, LH_AT_MS, LH_BY, LH__COLS
};
int	 store_lead_history(struct db_res *res, unsigned business_id,
	    long long lead_id);
int	 store_lead_change(unsigned business_id, long long lead_id,
	    unsigned user_id, const char *field, const char *old_value,
	    const char *new_value);

/* Creates a lead with a valid number (e164) and its conversation on the
 * business's first sending number: 1 (*lead, *conversation set), 0 when
 * the business has the number already (*lead is that lead), -1. */
int	 store_lead_create(unsigned business_id, const char *name,
	    const char *email, const char *raw, const char *e164,
	    long long *lead, long long *conversation);

/* Changes name and email. 0 or -1. */
int	 store_lead_set_contact(unsigned business_id, long long id,
	    const char *name, const char *email);
/* Changes the number: the look-up, line type, cool-down and the
 * provider's opt-out belong to the old number and are dropped (the next
 * send looks the new one up); a STOP stays. 0, 1 another lead has the
 * number, -1. */
int	 store_lead_set_phone(unsigned business_id, long long id,
	    const char *raw, const char *e164);
int	 store_lead_set_spam(unsigned business_id, long long id, int spam);

/* The business's lead ids with these numbers: for the import's duplicate
 * check. */
int	 store_lead_by_phone(unsigned business_id, const char *e164,
	    long long *id);

/* Message templates. Columns: id, name, body. */
int	 store_templates(struct db_res *res, unsigned business_id);
int	 store_template_get(struct db_res *res, unsigned business_id,
	    long long id);
/* 0, 1 a template of that name exists, -1. */
int	 store_template_save(unsigned business_id, long long id,
	    unsigned user_id, const char *name, const char *body,
	    long long *new_id);
int	 store_template_delete(unsigned business_id, long long id);

#endif
