/* store_conversations.h: the inbox and the thread, scoped to one business */
#ifndef SP_STORE_CONVERSATIONS_H
#define SP_STORE_CONVERSATIONS_H

#include <stddef.h>

struct db_res;
struct session_key;

/* Columns of store_inbox's rows. */
enum {
	INBOX_ID, INBOX_NAME, INBOX_PHONE, INBOX_ACTIVITY_MS, INBOX_BODY,
	INBOX_DIRECTION, INBOX_STATUS, INBOX_REASON, INBOX_CODE,
	INBOX_OPTED_OUT, INBOX_SPAM, INBOX_PHONE_VALID, INBOX_LINE_TYPE,
	INBOX_COOLDOWN, INBOX_FAILED, INBOX__COLS
};

/* The inbox's filters. All leaves spam out, unless searching. */
enum inbox_filter {
	INBOX_ALL, INBOX_REPLY, INBOX_FAILED_SENDS, INBOX_OPTED_OUT_LEADS,
	INBOX_SPAM_LEADS, INBOX__FILTERS
};

struct inbox_query {
	unsigned		 business_id;
	enum inbox_filter	 filter;
	unsigned		 agent_id;	/* 0: any agent */
	const char		*phone;		/* E.164: that number's lead */
	const char		*text;		/* a name or email's start */
	long long		 before_ms;	/* the cursor (before_id 0: */
	long long		 before_id;	/* from the top) */
	int			 limit;
};

/* Conversations by latest activity, newest first, strictly before the
 * cursor; at most limit rows. 0 or -1. With k, the session it finds comes
 * first in each row (store_users.h's SESSION_*), q->business_id unused:
 * only for the lists walked in order (inbox_joinable), and no row when
 * there is no live session or nothing to show. */
int	 store_inbox(struct db_res *res, const struct inbox_query *q,
	    const struct session_key *k);
/* 1 when store_inbox can read q's list with the session. */
int	 inbox_joinable(const struct inbox_query *q);

/* Columns of store_thread's rows: the conversation and its lead on every
 * row, then one message (all NULL when there is none to show). */
enum {
	CONV_ID, CONV_LEAD_ID, CONV_NAME, CONV_PHONE, CONV_PHONE_RAW,
	CONV_EMAIL, CONV_OPTED_OUT, CONV_OPTED_OUT_MS, CONV_PHONE_VALID,
	CONV_LINE_TYPE, CONV_SPAM, CONV_FROM, CONV_COOLDOWN_MS,
	CONV_PROVIDER_OPTOUT, CONV_LEAD_UPDATED_MS,
	MSG_ID, MSG_DIRECTION, MSG_BODY, MSG_STATUS, MSG_REASON, MSG_CODE,
	MSG_CREATED_MS, MSG_AGENT, MSG_UNCONFIRMED, MSG_HOLD,
	MSG_HOLD_REASON, MSG_UPDATED_MS,
	THREAD__COLS
};
/* The conversation, if it belongs to the business (else no row), with its
 * messages newest first whose ids are below before_id (0: the newest),
 * at most limit: one statement, one round trip. */
int	 store_thread(struct db_res *res, unsigned business_id,
	    long long conversation_id, long long before_id, int limit);
/* The same with the session k finds first (store_users.h's SESSION_*),
 * when there are messages to show: no row without a live session, nor
 * when the conversation is not the session's business's or has no message
 * below before_id (ask again the ordinary way). */
int	 store_thread_joined(struct db_res *res, const struct session_key *k,
	    long long conversation_id, long long before_id, int limit);

/* The word of the lead's last opt-out (asked only for opted-out leads: a
 * subquery in store_thread cost every thread page 15%). */
int	 store_optout_word(struct db_res *res, long long lead_id);

/* What changes when anything on the thread's page changes, over the latest
 * `window` messages (the page's): the newest id, the latest update, the
 * count, then the lead's opted_out, is_spam, phone_valid, line_type,
 * provider_opted_out, cool-down end (ms, 0 for none) and last update (ms).
 * No row for another business's conversation. */
enum {
	TV_MAX_ID, TV_MAX_UPD, TV_COUNT, TV_OPTED_OUT, TV_SPAM, TV_VALID,
	TV_LINE, TV_PROVIDER_OPTOUT, TV_COOLDOWN_MS, TV_LEAD_UPD, TV__COLS
};
int	 store_thread_version(struct db_res *res, unsigned business_id,
	    long long conversation_id, int window);

/* The messages' new status, copied to their conversations' last_* columns
 * where the message is the conversation's newest (messages[i] belongs to
 * conversations[i]); one statement for every 50; 0 or -1. */
int	 store_conversations_status(const long long *conversations,
	    const long long *messages, size_t n, const char *status,
	    const char *reason, int code);

/* Sets the agent who last texted in the conversation. */
int	 store_conversation_agent(long long conversation_id, unsigned agent_id);

/* Recomputes the conversation's last_* columns from its newest message:
 * call after adding a message or changing one's status; 0 or -1. */
int	 store_conversations_sync(long long conversation_id);

#endif
