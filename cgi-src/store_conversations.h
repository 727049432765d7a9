/* store_conversations.h: the inbox and the thread, scoped to one business */
#ifndef SP_STORE_CONVERSATIONS_H
#define SP_STORE_CONVERSATIONS_H

struct db_res;

/* Columns of store_inbox's rows. */
enum {
	INBOX_ID, INBOX_NAME, INBOX_PHONE, INBOX_ACTIVITY_MS, INBOX_BODY,
	INBOX_DIRECTION, INBOX_STATUS, INBOX_REASON, INBOX_CODE,
	INBOX_OPTED_OUT, INBOX__COLS
};
/* Conversations by latest activity, newest first, strictly before the
 * cursor (before_id 0: from the top); limit rows. 0 or -1. */
int	 store_inbox(struct db_res *res, unsigned business_id,
	    long long before_ms, long long before_id, int limit);

/* Columns of store_thread's rows: the conversation and its lead on every
 * row, then one message (all NULL when there is none to show). */
enum {
	CONV_ID, CONV_LEAD_ID, CONV_NAME, CONV_PHONE, CONV_PHONE_RAW,
	CONV_EMAIL, CONV_OPTED_OUT, CONV_OPTED_OUT_MS, CONV_PHONE_VALID,
	CONV_LINE_TYPE, CONV_SPAM, CONV_FROM, CONV_COOLDOWN_MS,
	CONV_PROVIDER_OPTOUT,
	MSG_ID, MSG_DIRECTION, MSG_BODY, MSG_STATUS, MSG_REASON, MSG_CODE,
	MSG_CREATED_MS, MSG_AGENT, MSG_UNCONFIRMED, THREAD__COLS
};
/* The conversation, if it belongs to the business (else no row), with its
 * messages newest first whose ids are below before_id (0: the newest),
 * at most limit: one statement, one round trip. */
int	 store_thread(struct db_res *res, unsigned business_id,
	    long long conversation_id, long long before_id, int limit);

/* The word of the lead's last opt-out (asked only for opted-out leads: a
 * subquery in store_thread cost every thread page 15%). */
int	 store_optout_word(struct db_res *res, long long lead_id);

/* Recomputes the conversation's last_* columns from its newest message:
 * call after adding a message or changing one's status; 0 or -1. */
int	 store_conversations_sync(long long conversation_id);

#endif
