/* store_messages.c: queries on messages, their events and look-ups */
#include <stddef.h>
#include <stdio.h>

#include "db.h"
#include "store_messages.h"

int
store_messages_queue(unsigned business_id, long long conversation_id,
    unsigned agent_id, const char *body, const char *nonce,
    const char *lint_json, long long *id)
{
	struct db_res res;

	if (db_exec("INSERT INTO messages (business_id, conversation_id, "
	    "direction, body, status, queue_state, due_at, agent_id, "
	    "client_nonce, lint) VALUES (?, ?, 'out', ?, 'queued', 'waiting', "
	    "NOW(3), ?, ?, ?)", "iisiss", (long long)business_id,
	    conversation_id, body, (long long)agent_id, nonce, lint_json) >= 0) {
		*id = (long long)db_insert_id();
		return 1;
	}
	if (db_errno() != DB_ER_DUP_ENTRY)
		return -1;
	if (db_query(&res, "SELECT id FROM messages WHERE conversation_id = ? "
	    "AND client_nonce = ?", "is", conversation_id, nonce) != 0)
		return -1;
	*id = db_get_ll(&res, 0, 0, 0);
	db_res_free(&res);
	return 0;
}

int
store_messages_has_outbound(long long conversation_id)
{
	struct db_res res;
	int has;

	if (db_query(&res, "SELECT 1 FROM messages WHERE conversation_id = ? "
	    "AND direction = 'out' LIMIT 1", "i", conversation_id) != 0)
		return -1;
	has = res.nrows > 0;
	db_res_free(&res);
	return has;
}

int
store_events_add(const char *sid, const char *status, int code,
    const char *dlr)
{
	long long n = db_exec("INSERT IGNORE INTO message_events (provider_sid, "
	    "status, error_code, raw_dlr_done) VALUES (?, ?, ?, ?)", "ssis",
	    sid, status, (long long)code, dlr);

	return n < 0 ? -1 : n > 0;
}

int
store_events_pending(struct db_res *res, int n)
{
	return db_query(res, "SELECT m.id, m.business_id, m.conversation_id, "
	    "c.lead_id, m.status, m.error_code, l.phone_e164, m.provider_sid, "
	    "e.id, e.status, e.error_code FROM message_events e "
	    "JOIN messages m ON m.provider_sid = e.provider_sid "
	    "JOIN conversations c ON c.id = m.conversation_id "
	    "JOIN leads l ON l.id = c.lead_id "
	    "WHERE e.applied = 0 ORDER BY e.id LIMIT ? FOR UPDATE SKIP LOCKED",
	    "i", (long long)n);
}

int
store_events_unmatched(void)
{
	return db_exec("UPDATE message_events SET applied = 2 WHERE applied = 0 "
	    "AND received_at < NOW(3) - INTERVAL 1 DAY", "") < 0 ? -1 : 0;
}

#define MROW_SELECT \
	"SELECT m.id, m.business_id, m.conversation_id, c.lead_id, m.status, " \
	"m.error_code, l.phone_e164, m.provider_sid FROM messages m " \
	"JOIN conversations c ON c.id = m.conversation_id " \
	"JOIN leads l ON l.id = c.lead_id "

int
store_message_row(struct db_res *res, long long id)
{
	return db_query(res, MROW_SELECT "WHERE m.id = ?", "i", id);
}

int
store_messages_set_status(const long long *ids, size_t n, const char *status,
    const char *reason, int code)
{
	struct db_param head[5] = {
		{ .type = 's', .p = status }, { .type = 's', .p = reason },
		{ .type = 'i', .i = code }, { .type = 'i', .i = code },
		{ .type = 's', .p = status },
	};
	struct db_list list = { .type = 'i', .i = ids };

	return db_exec_batch("UPDATE messages SET status = ?, "
	    "reason = COALESCE(?, reason), "
	    "error_code = IF(? = 0, error_code, ?), updated_at = NOW(3), "
	    "sent_at = IF(? = 'sent' AND sent_at IS NULL, NOW(3), sent_at) "
	    "WHERE id IN " DB_IN50, head, 5, &list, 1, n) < 0 ? -1 : 0;
}

int
store_message_detail(struct db_res *res, unsigned business_id, long long id)
{
	return db_query(res,
	    "SELECT m.id, m.conversation_id, m.direction, m.body, m.status, "
	    "m.reason, m.error_code, m.provider_sid, "
	    "CAST(UNIX_TIMESTAMP(m.created_at) * 1000 AS SIGNED), "
	    "CAST(UNIX_TIMESTAMP(m.sent_at) * 1000 AS SIGNED), u.name, m.lint, "
	    "m.attempts, m.unconfirmed, l.name, "
	    "COALESCE(l.phone_e164, l.phone_raw), n.e164, k.line_type, "
	    "k.carrier, CAST(UNIX_TIMESTAMP(k.checked_at) * 1000 AS SIGNED), "
	    "m.queue_state, CAST(UNIX_TIMESTAMP(m.due_at) * 1000 AS SIGNED), "
	    "m.hold_reason, m.hold_note "
	    "FROM messages m JOIN conversations c ON c.id = m.conversation_id "
	    "JOIN leads l ON l.id = c.lead_id "
	    "JOIN sending_numbers n ON n.id = c.sending_number_id "
	    "LEFT JOIN users u ON u.id = m.agent_id "
	    "LEFT JOIN number_lookups k ON k.e164 = l.phone_e164 "
	    "WHERE m.id = ? AND m.business_id = ?",
	    "ii", id, (long long)business_id);
}

int
store_message_events(struct db_res *res, long long message_id)
{
	return db_query(res, "SELECT status, error_code, "
	    "CAST(UNIX_TIMESTAMP(received_at) * 1000 AS SIGNED) "
	    "FROM message_events WHERE message_id = ? ORDER BY id", "i",
	    message_id);
}

int
store_lead_cooldown(long long lead_id, long long until_ms)
{
	/* a later filtering never shortens a running cool-down */
	return db_exec("UPDATE leads SET cooldown_until = "
	    "IF(cooldown_until > FROM_UNIXTIME(? / 1000), cooldown_until, "
	    "FROM_UNIXTIME(? / 1000)) WHERE id = ?", "iii", until_ms, until_ms,
	    lead_id) < 0 ? -1 : 0;
}

int
store_lead_provider_optout(long long lead_id, int on)
{
	return db_exec("UPDATE leads SET provider_opted_out = ? WHERE id = ?",
	    "ii", (long long)on, lead_id) < 0 ? -1 : 0;
}

int
store_lead_phone_invalid(long long lead_id)
{
	return db_exec("UPDATE leads SET phone_valid = 0 WHERE id = ?", "i",
	    lead_id) < 0 ? -1 : 0;
}

int
store_lookup_stale(const char *e164, const char *line_type)
{
	if (line_type != NULL && db_exec("UPDATE leads SET line_type = ? "
	    "WHERE phone_e164 = ?", "ss", line_type, e164) < 0)
		return -1;
	return db_exec("UPDATE number_lookups SET stale = 1 WHERE e164 = ?",
	    "s", e164) < 0 ? -1 : 0;
}
