/* store_conversations.c: the inbox and the thread, scoped to one business */
#include <stdint.h>

#include "db.h"
#include "store_conversations.h"

#define INBOX_SELECT \
	"SELECT c.id, l.name, COALESCE(l.phone_e164, l.phone_raw), " \
	"CAST(UNIX_TIMESTAMP(c.last_activity_at) * 1000 AS SIGNED), " \
	"m.body, m.direction, m.status, m.reason, m.error_code, l.opted_out " \
	"FROM conversations c JOIN leads l ON l.id = c.lead_id " \
	"LEFT JOIN messages m ON m.id = c.last_message_id " \
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

int
store_conversation(struct db_res *res, unsigned business_id, long long id)
{
	return db_query(res,
	    "SELECT c.id, l.id, l.name, l.phone_e164, l.phone_raw, l.email, "
	    "l.opted_out, CAST(UNIX_TIMESTAMP(l.opted_out_at) * 1000 AS SIGNED), "
	    "l.phone_valid, l.line_type, l.is_spam, n.e164 "
	    "FROM conversations c JOIN leads l ON l.id = c.lead_id "
	    "JOIN sending_numbers n ON n.id = c.sending_number_id "
	    "WHERE c.id = ? AND c.business_id = ?",
	    "ii", id, (long long)business_id);
}

int
store_thread(struct db_res *res, unsigned business_id,
    long long conversation_id, long long before_id, int limit)
{
	return db_query(res,
	    "SELECT m.id, m.direction, m.body, m.status, m.reason, "
	    "m.error_code, CAST(UNIX_TIMESTAMP(m.created_at) * 1000 AS SIGNED), "
	    "u.name "
	    "FROM messages m LEFT JOIN users u ON u.id = m.agent_id "
	    "WHERE m.conversation_id = ? AND m.business_id = ? AND m.id < ? "
	    "ORDER BY m.id DESC LIMIT ?",
	    "iiii", conversation_id, (long long)business_id,
	    before_id > 0 ? before_id : (long long)INT64_MAX, (long long)limit);
}
