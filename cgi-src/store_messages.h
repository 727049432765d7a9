/* store_messages.h: queries on messages, their events and look-ups */
#ifndef SP_STORE_MESSAGES_H
#define SP_STORE_MESSAGES_H

#include <stddef.h>

struct db_res;

/* Puts an outbound text in the send queue, due now. A second call with the
 * same nonce (a double click) finds the first: *id gets it either way.
 * 1 queued, 0 already there, -1 on error. */
int	 store_messages_queue(unsigned business_id, long long conversation_id,
	    unsigned agent_id, const char *body, const char *nonce,
	    const char *lint_json, long long *id);

/* Whether the conversation already has an outbound text (the lint's
 * first-message check); 1, 0, or -1. */
int	 store_messages_has_outbound(long long conversation_id);

/* The provider's events: once each (sid, status and code), waiting for
 * the sender's applier. 1 new, 0 a duplicate, -1 error. */
int	 store_events_add(const char *sid, const char *status, int code,
	    const char *dlr);

/* Columns of store_message_row's row, and the first of
 * store_events_pending's. */
enum {
	MROW_ID, MROW_BUSINESS, MROW_CONVERSATION, MROW_LEAD, MROW_STATUS,
	MROW_ERROR_CODE, MROW_TO, MROW_SID, MROW__COLS
};
/* Events waiting whose message knows its sid, oldest first, at most n,
 * locked for this transaction (others skip them): each row a message's
 * MROW_ columns, then the event's. */
enum { PE_ID = MROW__COLS, PE_STATUS, PE_CODE, PE__COLS };
int	 store_events_pending(struct db_res *res, int n);
/* Events that never matched a message, a day on: set aside. */
int	 store_events_unmatched(void);
int	 store_message_row(struct db_res *res, long long id);
/* Sets the merged status (and, for failures, reason and code) on the n
 * messages ids: one statement for every 50; 0 or -1. */
int	 store_messages_set_status(const long long *ids, size_t n,
	    const char *status, const char *reason, int code);

/* Columns of store_message_detail's row. */
enum {
	MD_ID, MD_CONVERSATION, MD_DIRECTION, MD_BODY, MD_STATUS, MD_REASON,
	MD_CODE, MD_SID, MD_CREATED_MS, MD_SENT_MS, MD_AGENT, MD_LINT,
	MD_ATTEMPTS, MD_UNCONFIRMED, MD_LEAD_NAME, MD_PHONE, MD_FROM,
	MD_LINE_TYPE, MD_CARRIER, MD_CHECKED_MS, MD_QUEUE_STATE, MD_DUE_MS,
	MD_HOLD_REASON, MD_HOLD,
	MD__COLS
};
/* The message if it belongs to the business (no row otherwise). */
int	 store_message_detail(struct db_res *res, unsigned business_id,
	    long long id);
/* Columns of store_message_events's rows, oldest first. */
enum { EV_STATUS, EV_CODE, EV_AT_MS, EV__COLS };
int	 store_message_events(struct db_res *res, long long message_id);

/* The lead's and its number's state the sender and the hooks act on. */
int	 store_lead_cooldown(long long lead_id, long long until_ms);
int	 store_lead_provider_optout(long long lead_id, int on);
int	 store_lead_phone_invalid(long long lead_id);
/* Marks the number's look-up stale (and, for a landline, says so). */
int	 store_lookup_stale(const char *e164, const char *line_type);

#endif
