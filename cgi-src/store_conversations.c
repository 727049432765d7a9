/* store_conversations.c: the inbox and the thread, scoped to one business */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "store_conversations.h"
#include "store_users.h"
#include "web.h"

#define INBOX_COLS \
	"c.id, l.name, COALESCE(l.phone_e164, l.phone_raw), " \
	"CAST(UNIX_TIMESTAMP(c.last_activity_at) * 1000 AS SIGNED), " \
	"c.last_preview, c.last_direction, c.last_status, c.last_reason, " \
	"c.last_error_code, l.opted_out, l.is_spam, l.phone_valid, " \
	"l.line_type, IF(l.cooldown_until > NOW(3), 1, 0), c.last_failed "

/* The searches: none, a number, a name or email's start met often enough
 * to walk the inbox in order, or one met seldom (SEARCH_FEW: from the
 * matching leads, then sorted). */
enum { SEARCH_NONE, SEARCH_PHONE, SEARCH_TEXT, SEARCH_FEW, SEARCH__KINDS };

/* One statement per combination of filter, agent, search, cursor and
 * session (read with the page or not), built once per process: the
 * statement cache keys on the text's address. */
#define INBOX_KINDS	(INBOX__FILTERS * 2 * SEARCH__KINDS * 2 * 2)
static char *inbox_sql[INBOX_KINDS];

int
inbox_joinable(const struct inbox_query *q)
{
	return q->phone == NULL && q->text == NULL && q->agent_id == 0 &&
	    (q->filter == INBOX_ALL || q->filter == INBOX_REPLY ||
	    q->filter == INBOX_FAILED_SENDS);
}

static const char *
inbox_statement(const struct inbox_query *q, int search, int joined,
    int *kind)
{
	static const char *filter_sql[INBOX__FILTERS] = {
		[INBOX_ALL] = "",
		[INBOX_REPLY] = "AND c.last_direction = 'in' ",
		[INBOX_FAILED_SENDS] = "AND c.last_failed = 1 ",
		[INBOX_OPTED_OUT_LEADS] = "AND l.opted_out = 1 ",
		[INBOX_SPAM_LEADS] = "AND l.is_spam = 1 ",
	};
#define NAME_LIKE \
	"AND (l.name LIKE ? OR l.name_last LIKE ? OR l.email LIKE ?) "
	static const char *search_sql[SEARCH__KINDS] = {
		[SEARCH_NONE] = "", [SEARCH_PHONE] = "AND l.phone_e164 = ? ",
		[SEARCH_TEXT] = NAME_LIKE, [SEARCH_FEW] = NAME_LIKE,
	};
#undef NAME_LIKE
	int k = ((((int)q->filter * 2 + (q->agent_id != 0)) * SEARCH__KINDS +
	    search) * 2 + (q->before_id != 0)) * 2 + joined;
	char *sql;

	*kind = k;
	if (inbox_sql[k] != NULL)
		return inbox_sql[k];
	/* spam leaves the default inbox, but a search finds it (badged) */
	/*
	 * The join's order is chosen here, not left to the optimizer (which,
	 * seeing ORDER BY ... LIMIT, walks the inbox index even for one
	 * number): a number's search, and a name's that few leads match,
	 * start from the leads (the name's three indexes merged) and sort
	 * what they find; opted-out leads (a few in a hundred) and a common
	 * name are met soon enough walking the inbox in order; the rest read
	 * their own index in order.
	 */
	/*
	 * The plain lists name their index too: the optimizer would weigh
	 * the four that begin with business_id on every page (a tenth of the
	 * query's time) to pick the same one.
	 */
	static const char *walk_index[INBOX__FILTERS] = {
		[INBOX_ALL] = "conversations_inbox",
		[INBOX_REPLY] = "conversations_reply",
		[INBOX_FAILED_SENDS] = "conversations_failed",
	};
	const char *walk = inbox_joinable(q) ? walk_index[q->filter] : NULL;
	/*
	 * A common name's search walks the inbox in order testing each
	 * conversation's lead: it reads the inbox index alone (which holds
	 * lead_id: migration 019) for the page's ids, then only their rows,
	 * not those of the conversations passed over (1,672 for a name 5,000
	 * of 100,000 leads have). The opted-out filter, which meets its page
	 * sooner, is faster without the second step.
	 */
	int ids_first = !joined && q->agent_id == 0 &&
	    search == SEARCH_TEXT && q->filter == INBOX_ALL;
	const char *from = search == SEARCH_PHONE || search == SEARCH_FEW ?
	    "FROM leads l STRAIGHT_JOIN conversations c ON c.lead_id = l.id "
	    "WHERE l.business_id = c.business_id AND c.business_id = ? " :
	    q->filter == INBOX_OPTED_OUT_LEADS || ids_first ?
	    "FROM conversations c FORCE INDEX (conversations_inbox) "
	    "STRAIGHT_JOIN leads l ON l.id = c.lead_id "
	    "WHERE c.business_id = ? " :
	    "FROM conversations c JOIN leads l ON l.id = c.lead_id "
	    "WHERE c.business_id = ? ";
	char walk_from[512];

	if (joined && walk == NULL)
		return NULL;	/* only the lists walked in order read it */
	if (walk != NULL) {
		if (snprintf(walk_from, sizeof(walk_from), joined ?
		    "FROM " SESSION_FROM "JOIN conversations c "
		    "FORCE INDEX (%s) ON c.business_id = u.business_id "
		    "STRAIGHT_JOIN leads l ON l.id = c.lead_id "
		    "WHERE " SESSION_WHERE :
		    "FROM conversations c FORCE INDEX (%s) "
		    "STRAIGHT_JOIN leads l ON l.id = c.lead_id "
		    "WHERE c.business_id = ? ", walk) >=
		    (int)sizeof(walk_from))
			return NULL;
		from = walk_from;
	}
	if (asprintf(&sql, "%s%s%s%s%s%s"
	    "ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ?",
	    joined ? "SELECT " SESSION_COLS ", " INBOX_COLS :
	    ids_first ? "SELECT c.id " : "SELECT " INBOX_COLS, from,
	    filter_sql[q->filter],
	    q->filter == INBOX_ALL && search == SEARCH_NONE ?
	    "AND l.is_spam = 0 " :
	    q->filter != INBOX_SPAM_LEADS && q->filter != INBOX_ALL ?
	    "AND l.is_spam = 0 " : "",
	    q->agent_id != 0 ? "AND c.agent_id = ? " : "",
	    search_sql[search]) < 0)
		return NULL;
	if (q->before_id != 0) {
		char *with;
		/* the cursor goes before ORDER BY */
		char *order = strstr(sql, "ORDER BY");
		if (asprintf(&with, "%.*s"
		    "AND (c.last_activity_at < FROM_UNIXTIME(? / 1000) "
		    "OR (c.last_activity_at = FROM_UNIXTIME(? / 1000) "
		    "AND c.id < ?)) %s", (int)(order - sql), sql, order) < 0) {
			free(sql);
			return NULL;
		}
		free(sql);
		sql = with;
	}
	if (ids_first) {
		char *outer;
		if (asprintf(&outer, "SELECT " INBOX_COLS "FROM (%s) x "
		    "STRAIGHT_JOIN conversations c ON c.id = x.id "
		    "STRAIGHT_JOIN leads l ON l.id = c.lead_id "
		    "ORDER BY c.last_activity_at DESC, c.id DESC", sql) < 0) {
			free(sql);
			return NULL;
		}
		free(sql);
		sql = outer;
	}
	inbox_sql[k] = sql;
	return sql;
}

/* Escapes LIKE's wildcards and appends '%': a prefix pattern. */
static void
like_prefix(char *dst, size_t size, const char *src)
{
	size_t o = 0;

	for (; *src != '\0' && o + 3 < size; src++) {
		if (*src == '%' || *src == '_' || *src == '\\')
			dst[o++] = '\\';
		dst[o++] = *src;
	}
	dst[o++] = '%';
	dst[o] = '\0';
}

/*
 * Below this many leads matching a name's start (counted in its three
 * indexes, each up to this many), the search starts from them and sorts
 * what it finds (about 15 us a lead); above, it walks the inbox in order
 * until a page is found (about 5 us a conversation, a page every
 * conversations / matches * 50). A name no lead has walked the whole
 * inbox: 0.5 s for 100,000 conversations.
 */
#define SEARCH_FEW_BELOW	2000

/* 1 when fewer than SEARCH_FEW_BELOW of the business's leads have a name,
 * last name or email starting with the pattern; 0 when more; -1. */
static int
search_few(unsigned business_id, const char *like)
{
	struct db_res res;
	long long n;

	if (db_query(&res, "SELECT "
	    "(SELECT COUNT(*) FROM (SELECT 1 FROM leads FORCE INDEX "
	    "(leads_name) WHERE business_id = ? AND name LIKE ? LIMIT ?) a) + "
	    "(SELECT COUNT(*) FROM (SELECT 1 FROM leads FORCE INDEX "
	    "(leads_name_last) WHERE business_id = ? AND name_last LIKE ? "
	    "LIMIT ?) b) + "
	    "(SELECT COUNT(*) FROM (SELECT 1 FROM leads FORCE INDEX "
	    "(leads_email) WHERE business_id = ? AND email LIKE ? LIMIT ?) e)",
	    "isiisiisi", (long long)business_id, like,
	    (long long)SEARCH_FEW_BELOW, (long long)business_id, like,
	    (long long)SEARCH_FEW_BELOW, (long long)business_id, like,
	    (long long)SEARCH_FEW_BELOW) != 0 || res.nrows != 1) {
		db_res_free(&res);
		return -1;
	}
	n = db_get_ll(&res, 0, 0, SEARCH_FEW_BELOW);
	db_res_free(&res);
	return n < SEARCH_FEW_BELOW;
}

int
store_inbox(struct db_res *res, const struct inbox_query *q,
    const struct session_key *k)
{
	struct db_param p[14];
	char like[2 * 100 + 2];
	const char *sql;
	size_t n = 0;
	int search = q->phone != NULL ? SEARCH_PHONE :
	    q->text != NULL ? SEARCH_TEXT : SEARCH_NONE, kind, few;

	memset(res, 0, sizeof(*res));
	if ((unsigned)q->filter >= INBOX__FILTERS ||
	    (q->text != NULL && strlen(q->text) > 100))
		return -1;
	if (search == SEARCH_TEXT) {
		like_prefix(like, sizeof(like), q->text);
		/* a search never reads the session with the page */
		if (k != NULL || (few = search_few(q->business_id, like)) < 0)
			return -1;
		if (few)
			search = SEARCH_FEW;
	}
	if ((sql = inbox_statement(q, search, k != NULL, &kind)) == NULL)
		return -1;
	memset(p, 0, sizeof(p));
	if (k != NULL) {
		/* the session's where the business would be */
		p[n].type = 'b';
		p[n].p = k->hash;
		p[n++].len = sizeof(k->hash);
		p[n].type = 'i';
		p[n++].i = k->idle_min;
		p[n].type = 'i';
		p[n++].i = k->absolute_min;
	} else {
		p[n].type = 'i';
		p[n++].i = q->business_id;
	}
	if (q->agent_id != 0) {
		p[n].type = 'i';
		p[n++].i = q->agent_id;
	}
	if (search == SEARCH_PHONE) {
		p[n].type = 's';
		p[n++].p = q->phone;
	} else if (search == SEARCH_TEXT || search == SEARCH_FEW) {
		for (int i = 0; i < 3; i++) {
			p[n].type = 's';
			p[n++].p = like;
		}
	}
	if (q->before_id != 0) {
		p[n].type = 'i';
		p[n++].i = q->before_ms;
		p[n].type = 'i';
		p[n++].i = q->before_ms;
		p[n].type = 'i';
		p[n++].i = q->before_id;
	}
	p[n].type = 'i';
	p[n++].i = q->limit;
	return db_query_list(res, sql, p, n);
}

#define THREAD_COLS \
	"c.id, l.id, l.name, l.phone_e164, l.phone_raw, l.email, " \
	"l.opted_out, CAST(UNIX_TIMESTAMP(l.opted_out_at) * 1000 AS SIGNED), " \
	"l.phone_valid, l.line_type, l.is_spam, n.e164, " \
	"IF(l.cooldown_until > NOW(3), " \
	"CAST(UNIX_TIMESTAMP(l.cooldown_until) * 1000 AS SIGNED), NULL), " \
	"l.provider_opted_out, " \
	"CAST(UNIX_TIMESTAMP(l.updated_at) * 1000 AS SIGNED), "
/* a thread's messages (MSG_ID .. MSG_UPDATED_MS), the writer as mu */
#define THREAD_MSG_COLS \
	"m.id, m.direction, m.body, m.status, m.reason, m.error_code, " \
	"CAST(UNIX_TIMESTAMP(m.created_at) * 1000 AS SIGNED), mu.name, " \
	"m.unconfirmed, IF(m.queue_state = 'waiting', m.hold_note, NULL), " \
	"IF(m.queue_state = 'waiting', m.hold_reason, NULL), " \
	"CAST(UNIX_TIMESTAMP(m.updated_at) * 1000 AS SIGNED) "

int
store_thread(struct db_res *res, unsigned business_id,
    long long conversation_id, long long before_id, int limit)
{
	/* Messages first, driven by their (conversation_id, id) index: an
	 * outer join here would sort in a temporary table. */
	if (db_query(res, "SELECT " THREAD_COLS
	    THREAD_MSG_COLS
	    "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
	    "JOIN leads l ON l.id = c.lead_id "
	    "JOIN sending_numbers n ON n.id = c.sending_number_id "
	    "LEFT JOIN users mu ON mu.id = m.agent_id "
	    "WHERE m.conversation_id = ? AND m.business_id = ? AND m.id < ? "
	    "AND c.business_id = ? ORDER BY m.id DESC LIMIT ?",
	    "iiiii", conversation_id, (long long)business_id,
	    before_id > 0 ? before_id : (long long)INT64_MAX,
	    (long long)business_id, (long long)limit) != 0)
		return -1;
	if (res->nrows > 0)
		return 0;
	/* no message to show: the conversation alone, if it is ours (a NULL
	 * for each of THREAD_MSG_COLS) */
	db_res_free(res);
	return db_query(res, "SELECT " THREAD_COLS
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
	    "NULL "
	    "FROM conversations c JOIN leads l ON l.id = c.lead_id "
	    "JOIN sending_numbers n ON n.id = c.sending_number_id "
	    "WHERE c.id = ? AND c.business_id = ?",
	    "ii", conversation_id, (long long)business_id);
}

int
store_thread_joined(struct db_res *res, const struct session_key *k,
    long long conversation_id, long long before_id, int limit)
{
	/* the session's tables, the conversation, its lead and number are
	 * const to the optimizer (unique keys), so the messages are read in
	 * their index's order as in store_thread; the order is fixed
	 * (STRAIGHT_JOIN) and the index named: MariaDB plans a prepared
	 * statement again at each execution, and weighing eight tables and
	 * the messages' five indexes cost more than reading the rows */
	return db_query(res, "SELECT STRAIGHT_JOIN " SESSION_COLS ", "
	    THREAD_COLS
	    THREAD_MSG_COLS
	    "FROM " SESSION_FROM
	    "JOIN conversations c ON c.id = ? "
	    "AND c.business_id = u.business_id "
	    "JOIN leads l ON l.id = c.lead_id "
	    "JOIN sending_numbers n ON n.id = c.sending_number_id "
	    "JOIN messages m FORCE INDEX (messages_thread) "
	    "ON m.conversation_id = c.id AND m.business_id = u.business_id "
	    "AND m.id < ? "
	    "LEFT JOIN users mu ON mu.id = m.agent_id "
	    "WHERE " SESSION_WHERE "ORDER BY m.id DESC LIMIT ?",
	    "iibiii", conversation_id,
	    before_id > 0 ? before_id : (long long)INT64_MAX,
	    k->hash, sizeof(k->hash), k->idle_min, k->absolute_min,
	    (long long)limit);
}

int
store_conversations_sync(long long conversation_id)
{
	return db_exec("UPDATE conversations c "
	    "JOIN messages m ON m.id = (SELECT MAX(id) FROM messages "
	    "WHERE conversation_id = c.id) "
	    "SET c.last_message_id = m.id, c.last_direction = m.direction, "
	    "c.last_preview = LEFT(m.body, 160), c.last_status = m.status, "
	    "c.last_reason = m.reason, c.last_error_code = m.error_code, "
	    "c.last_activity_at = GREATEST(c.last_activity_at, m.created_at) "
	    "WHERE c.id = ?", "i", conversation_id) < 0 ? -1 : 0;
}

int
store_optout_word(struct db_res *res, long long lead_id)
{
	return db_query(res, "SELECT keyword FROM consent_ledger "
	    "WHERE lead_id = ? AND action = 'opt_out' ORDER BY id DESC LIMIT 1",
	    "i", lead_id);
}

int
store_thread_version(struct db_res *res, unsigned business_id,
    long long conversation_id, int window)
{
	/* the same messages the page shows: the latest `window` */
	return db_query(res, "SELECT COALESCE(MAX(x.id), 0), "
	    "COALESCE(MAX(x.upd), 0), COUNT(x.id), l.opted_out, l.is_spam, "
	    "l.phone_valid, l.line_type, l.provider_opted_out, "
	    "IF(l.cooldown_until > NOW(3), "
	    "CAST(UNIX_TIMESTAMP(l.cooldown_until) * 1000 AS SIGNED), 0), "
	    "CAST(UNIX_TIMESTAMP(l.updated_at) * 1000 AS SIGNED) "
	    "FROM conversations c JOIN leads l ON l.id = c.lead_id "
	    "LEFT JOIN (SELECT id, "
	    "CAST(UNIX_TIMESTAMP(updated_at) * 1000 AS SIGNED) AS upd "
	    "FROM messages WHERE conversation_id = ? AND business_id = ? "
	    "ORDER BY id DESC LIMIT ?) x ON 1 "
	    "WHERE c.id = ? AND c.business_id = ? GROUP BY c.id, l.id",
	    "iiiii", conversation_id, (long long)business_id, (long long)window,
	    conversation_id, (long long)business_id);
}

int
store_conversation_agent(long long conversation_id, unsigned agent_id)
{
	return db_exec("UPDATE conversations SET agent_id = ? WHERE id = ? "
	    "AND (agent_id IS NULL OR agent_id <> ?)", "iii",
	    (long long)agent_id, conversation_id, (long long)agent_id) < 0 ?
	    -1 : 0;
}

int
store_conversations_status(const long long *conversations,
    const long long *messages, size_t n, const char *status,
    const char *reason, int code)
{
	struct db_param head[4] = {
		{ .type = 's', .p = status }, { .type = 's', .p = reason },
		{ .type = 'i', .i = code }, { .type = 'i', .i = code },
	};
	struct db_list lists[2] = {
		{ .type = 'i', .i = conversations },
		{ .type = 'i', .i = messages },
	};

	/* the same values store_messages_set_status wrote on the messages.
	 * Two lists, not pairs: a conversation's last_message_id is one of
	 * its own messages, so it can match no other conversation's */
	return db_exec_batch("UPDATE conversations SET last_status = ?, "
	    "last_reason = COALESCE(?, last_reason), "
	    "last_error_code = IF(? = 0, last_error_code, ?) "
	    "WHERE id IN " DB_IN50 " AND last_message_id IN " DB_IN50,
	    head, 4, lists, 2, n) < 0 ? -1 : 0;
}
