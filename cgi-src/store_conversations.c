/* store_conversations.c: the inbox and the thread, scoped to one business */
#include <stdint.h>

#include "db.h"
#include "store_conversations.h"

#define INBOX_SELECT \
	"SELECT c.id, l.name, COALESCE(l.phone_e164, l.phone_raw), " \
	"CAST(UNIX_TIMESTAMP(c.last_activity_at) * 1000 AS SIGNED), " \
	"c.last_preview, c.last_direction, c.last_status, c.last_reason, " \
	"c.last_error_code, l.opted_out " \
	"FROM conversations c JOIN leads l ON l.id = c.lead_id " \
	"WHERE c.business_id = ? "

int
store_inbox(struct db_res *res, unsigned business_id, long long before_ms,
    long long before_id, int limit)
{
	if (before_id == 0)
		return db_query(res, INBOX_SELECT
		    "ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ?",
		    "ii", (long long)business_id, (long long)limit);
	return db_query(res, INBOX_SELECT
	    "AND (c.last_activity_at < FROM_UNIXTIME(? / 1000) "
	    "OR (c.last_activity_at = FROM_UNIXTIME(? / 1000) AND c.id < ?)) "
	    "ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ?",
	    "iiiii", (long long)business_id, before_ms, before_ms, before_id,
	    (long long)limit);
}

#define THREAD_HEAD \
	"SELECT c.id, l.id, l.name, l.phone_e164, l.phone_raw, l.email, " \
	"l.opted_out, CAST(UNIX_TIMESTAMP(l.opted_out_at) * 1000 AS SIGNED), " \
	"l.phone_valid, l.line_type, l.is_spam, n.e164, " \
	"IF(l.cooldown_until > NOW(3), " \
	"CAST(UNIX_TIMESTAMP(l.cooldown_until) * 1000 AS SIGNED), NULL), " \
	"l.provider_opted_out, "

int
store_thread(struct db_res *res, unsigned business_id,
    long long conversation_id, long long before_id, int limit)
{
	/* Messages first, driven by their (conversation_id, id) index: an
	 * outer join here would sort in a temporary table. */
	if (db_query(res, THREAD_HEAD
	    "m.id, m.direction, m.body, m.status, m.reason, m.error_code, "
	    "CAST(UNIX_TIMESTAMP(m.created_at) * 1000 AS SIGNED), u.name, "
	    "m.unconfirmed "
	    "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
	    "JOIN leads l ON l.id = c.lead_id "
	    "JOIN sending_numbers n ON n.id = c.sending_number_id "
	    "LEFT JOIN users u ON u.id = m.agent_id "
	    "WHERE m.conversation_id = ? AND m.business_id = ? AND m.id < ? "
	    "AND c.business_id = ? ORDER BY m.id DESC LIMIT ?",
	    "iiiii", conversation_id, (long long)business_id,
	    before_id > 0 ? before_id : (long long)INT64_MAX,
	    (long long)business_id, (long long)limit) != 0)
		return -1;
	if (res->nrows > 0)
		return 0;
	/* no message to show: the conversation alone, if it is ours */
	db_res_free(res);
	return db_query(res, THREAD_HEAD
	    "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL "
	    "FROM conversations c JOIN leads l ON l.id = c.lead_id "
	    "JOIN sending_numbers n ON n.id = c.sending_number_id "
	    "WHERE c.id = ? AND c.business_id = ?",
	    "ii", conversation_id, (long long)business_id);
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
