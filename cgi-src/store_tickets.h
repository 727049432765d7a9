/* store_tickets.h: support tickets, their replies and audit trail, and the
 * rows a ticket's snapshot is made of */
#ifndef SP_STORE_TICKETS_H
#define SP_STORE_TICKETS_H

struct db_res;

/* Columns of store_snapshot_head's row: the conversation, its lead, number,
 * business and look-up, if the conversation is the business's. */
enum {
	SH_CONV, SH_LEAD, SH_NAME, SH_PHONE, SH_LINE_TYPE, SH_OPTED_OUT, SH_SPAM,
	SH_VALID, SH_COOLDOWN, SH_PROVIDER_OPTOUT, SH_FROM, SH_BUSINESS,
	SH_REGISTRATION, SH_LK_VALID, SH_LK_LINE, SH_LK_CARRIER, SH_LK_AT,
	SH_LK_STALE, SH__COLS
};
int	 store_snapshot_head(struct db_res *res, unsigned business_id,
	    long long conversation_id);
/* The conversation's latest messages (at most limit), newest first. */
enum {
	SM_ID, SM_DIRECTION, SM_BODY, SM_STATUS, SM_REASON, SM_CODE, SM_SID,
	SM_CREATED, SM_SENT, SM_LINT, SM__COLS
};
int	 store_snapshot_messages(struct db_res *res, unsigned business_id,
	    long long conversation_id, int limit);
/* The provider's events of the conversation's messages from min_id on. */
enum { SE_MESSAGE, SE_STATUS, SE_CODE, SE_AT, SE__COLS };
int	 store_snapshot_events(struct db_res *res, long long conversation_id,
	    long long min_id);
/* The lead's consent ledger, oldest first. */
enum { SC_ACTION, SC_KEYWORD, SC_SOURCE, SC_NOTE, SC_AT, SC__COLS };
int	 store_snapshot_consent(struct db_res *res, unsigned business_id,
	    long long lead_id);
/* The conversation a message of the business is in: id, or 0 (none). */
long long store_message_conversation(unsigned business_id, long long message_id);

/* Files a ticket: 1 new, 0 the same nonce filed it already; *id either
 * way. conversation/message 0 for none. */
int	 store_ticket_add(unsigned business_id, long long conversation_id,
	    long long message_id, unsigned user_id, const char *subject,
	    const char *category, const char *description,
	    const char *snapshot, const char *nonce, long long *id);

/* Columns of store_ticket_get's row and store_tickets' rows. */
enum {
	TK_ID, TK_BUSINESS_ID, TK_BUSINESS, TK_CONV, TK_MESSAGE, TK_BY,
	TK_SUBJECT, TK_CATEGORY, TK_DESCRIPTION, TK_STATUS, TK_SNAPSHOT,
	TK_CREATED_MS, TK_UPDATED_MS, TK_REPLIES, TK__COLS
};
/* One ticket: the business's (business_id > 0), or any (0: support). */
int	 store_ticket_get(struct db_res *res, unsigned business_id,
	    long long id);
/*
 * Tickets: the business's newest first (business_id > 0), or the support
 * queue oldest first (0), narrowed by status and category (NULL: any),
 * after the keyset cursor (0: from the start). The snapshot column is NULL
 * in lists.
 */
int	 store_tickets(struct db_res *res, unsigned business_id,
	    const char *status, const char *category, long long after_id,
	    int limit);

enum { TR_BODY, TR_SUPPORT, TR_BY, TR_AT_MS, TR__COLS };
int	 store_ticket_replies(struct db_res *res, long long ticket_id);
/* 1 added, 0 a repeated nonce, -1. */
int	 store_ticket_reply(long long ticket_id, unsigned user_id,
	    int from_support, const char *body, const char *nonce);

enum { TE_OLD, TE_NEW, TE_BY, TE_AT_MS, TE__COLS };
int	 store_ticket_events(struct db_res *res, long long ticket_id);
/* Sets the status and keeps the change in the audit trail; 1 changed, 0
 * it was that already, -1. */
int	 store_ticket_status(long long ticket_id, unsigned user_id,
	    const char *status);

#endif
