/* store_tickets.c: support tickets, their replies and audit trail, and the
 * rows a ticket's snapshot is made of */
#include <stddef.h>
#include <stdio.h>

#include "db.h"
#include "store_tickets.h"

#define UTC(col) "DATE_FORMAT(" col ", '%Y-%m-%d %H:%i:%s UTC')"
#define MS(col) "CAST(UNIX_TIMESTAMP(" col ") * 1000 AS SIGNED)"

int
store_snapshot_head(struct db_res *res, unsigned business_id,
    long long conversation_id)
{
	return db_query(res, "SELECT c.id, l.id, l.name, "
	    "COALESCE(l.phone_e164, l.phone_raw), l.line_type, l.opted_out, "
	    "l.is_spam, l.phone_valid, "
	    UTC("IF(l.cooldown_until > NOW(3), l.cooldown_until, NULL)") ", "
	    "l.provider_opted_out, n.e164, b.name, b.registration_status, "
	    "k.valid, k.line_type, k.carrier, " UTC("k.checked_at") ", k.stale "
	    "FROM conversations c JOIN leads l ON l.id = c.lead_id "
	    "JOIN sending_numbers n ON n.id = c.sending_number_id "
	    "JOIN businesses b ON b.id = c.business_id "
	    "LEFT JOIN number_lookups k ON k.e164 = l.phone_e164 "
	    "WHERE c.id = ? AND c.business_id = ?", "ii", conversation_id,
	    (long long)business_id);
}

int
store_snapshot_messages(struct db_res *res, unsigned business_id,
    long long conversation_id, int limit)
{
	return db_query(res, "SELECT id, direction, body, status, reason, "
	    "error_code, provider_sid, " UTC("created_at") ", " UTC("sent_at")
	    ", lint FROM messages WHERE conversation_id = ? AND business_id = ? "
	    "ORDER BY id DESC LIMIT ?", "iii", conversation_id,
	    (long long)business_id, (long long)limit);
}

int
store_snapshot_events(struct db_res *res, long long conversation_id,
    long long min_id)
{
	return db_query(res, "SELECT e.message_id, e.status, e.error_code, "
	    UTC("e.received_at") " FROM messages m "
	    "JOIN message_events e ON e.message_id = m.id "
	    "WHERE m.conversation_id = ? AND m.id >= ? ORDER BY e.id", "ii",
	    conversation_id, min_id);
}

int
store_snapshot_consent(struct db_res *res, unsigned business_id,
    long long lead_id)
{
	return db_query(res, "SELECT action, keyword, source, note, "
	    UTC("created_at") " FROM consent_ledger WHERE lead_id = ? AND "
	    "business_id = ? ORDER BY id", "ii", lead_id, (long long)business_id);
}

long long
store_message_conversation(unsigned business_id, long long message_id)
{
	struct db_res res;
	long long id;

	if (db_query(&res, "SELECT conversation_id FROM messages WHERE id = ? "
	    "AND business_id = ?", "ii", message_id, (long long)business_id))
		return -1;
	id = res.nrows > 0 ? db_get_ll(&res, 0, 0, 0) : 0;
	db_res_free(&res);
	return id;
}

int
store_ticket_add(unsigned business_id, long long conversation_id,
    long long message_id, unsigned user_id, const char *subject,
    const char *category, const char *description, const char *snapshot,
    const char *nonce, long long *id)
{
	struct db_res res;
	char conv[24], msg[24];
	long long n;

	/* NULL when there is none: an id as text, or SQL NULL */
	snprintf(conv, sizeof(conv), "%lld", conversation_id);
	snprintf(msg, sizeof(msg), "%lld", message_id);
	n = db_exec("INSERT IGNORE INTO tickets (business_id, conversation_id, "
	    "message_id, filed_by, subject, category, description, snapshot, "
	    "client_nonce) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", "ississsss",
	    (long long)business_id, conversation_id ? conv : NULL,
	    message_id ? msg : NULL, (long long)user_id, subject, category,
	    description, snapshot, nonce);
	if (n < 0)
		return -1;
	if (n == 1) {
		*id = (long long)db_insert_id();
		return 1;
	}
	if (db_query(&res, "SELECT id FROM tickets WHERE business_id = ? AND "
	    "client_nonce = ?", "is", (long long)business_id, nonce) != 0)
		return -1;
	*id = db_get_ll(&res, 0, 0, 0);
	db_res_free(&res);
	return *id > 0 ? 0 : -1;
}

#define TICKET_COLS \
	"t.id, t.business_id, b.name, t.conversation_id, t.message_id, " \
	"u.name, t.subject, t.category, t.description, t.status, "

int
store_ticket_get(struct db_res *res, unsigned business_id, long long id)
{
	return db_query(res, "SELECT " TICKET_COLS "t.snapshot, "
	    MS("t.created_at") ", " MS("t.updated_at") ", "
	    "(SELECT COUNT(*) FROM ticket_replies r WHERE r.ticket_id = t.id) "
	    "FROM tickets t JOIN businesses b ON b.id = t.business_id "
	    "JOIN users u ON u.id = t.filed_by "
	    "WHERE t.id = ? AND (? = 0 OR t.business_id = ?)", "iii", id,
	    (long long)business_id, (long long)business_id);
}

int
store_tickets(struct db_res *res, unsigned business_id, const char *status,
    const char *category, long long after_id, int limit)
{
	if (business_id != 0)
		return db_query(res, "SELECT " TICKET_COLS "NULL, "
		    MS("t.created_at") ", " MS("t.updated_at") ", "
		    "(SELECT COUNT(*) FROM ticket_replies r "
		    "WHERE r.ticket_id = t.id) "
		    "FROM tickets t JOIN businesses b ON b.id = t.business_id "
		    "JOIN users u ON u.id = t.filed_by "
		    "WHERE t.business_id = ? AND (? IS NULL OR t.status = ?) "
		    "AND (? IS NULL OR t.category = ?) AND (? = 0 OR t.id < ?) "
		    "ORDER BY t.id DESC LIMIT ?", "issssiii",
		    (long long)business_id, status, status, category, category,
		    after_id, after_id, (long long)limit);
	/* the support queue: oldest first, every business */
	return db_query(res, "SELECT " TICKET_COLS "NULL, "
	    MS("t.created_at") ", " MS("t.updated_at") ", "
	    "(SELECT COUNT(*) FROM ticket_replies r WHERE r.ticket_id = t.id) "
	    "FROM tickets t JOIN businesses b ON b.id = t.business_id "
	    "JOIN users u ON u.id = t.filed_by "
	    "WHERE (? IS NULL OR t.status = ?) AND (? IS NULL OR t.category = ?) "
	    "AND t.id > ? ORDER BY t.id LIMIT ?", "ssssii", status, status,
	    category, category, after_id, (long long)limit);
}

int
store_ticket_replies(struct db_res *res, long long ticket_id)
{
	return db_query(res, "SELECT r.body, r.from_support, u.name, "
	    MS("r.created_at") " FROM ticket_replies r "
	    "JOIN users u ON u.id = r.user_id WHERE r.ticket_id = ? "
	    "ORDER BY r.id", "i", ticket_id);
}

int
store_ticket_reply(long long ticket_id, unsigned user_id, int from_support,
    const char *body, const char *nonce)
{
	long long n = db_exec("INSERT IGNORE INTO ticket_replies (ticket_id, "
	    "user_id, from_support, body, client_nonce) VALUES (?, ?, ?, ?, ?)",
	    "iiiss", ticket_id, (long long)user_id, (long long)from_support,
	    body, nonce);

	if (n < 0)
		return -1;
	if (n == 1 && db_exec("UPDATE tickets SET updated_at = NOW(3) "
	    "WHERE id = ?", "i", ticket_id) < 0)
		return -1;
	return n == 1;
}

int
store_ticket_events(struct db_res *res, long long ticket_id)
{
	return db_query(res, "SELECT e.old_status, e.new_status, u.name, "
	    MS("e.created_at") " FROM ticket_events e "
	    "JOIN users u ON u.id = e.user_id WHERE e.ticket_id = ? "
	    "ORDER BY e.id", "i", ticket_id);
}

int
store_ticket_status(long long ticket_id, unsigned user_id, const char *status)
{
	long long n;

	if (db_begin() != 0)
		return -1;
	if (db_exec("INSERT INTO ticket_events (ticket_id, user_id, "
	    "old_status, new_status) SELECT id, ?, status, ? FROM tickets "
	    "WHERE id = ? AND status <> ?", "isis", (long long)user_id, status,
	    ticket_id, status) < 0 ||
	    (n = db_exec("UPDATE tickets SET status = ?, updated_at = NOW(3) "
	    "WHERE id = ? AND status <> ?", "sis", status, ticket_id,
	    status)) < 0 || db_commit() != 0) {
		db_rollback();
		return -1;
	}
	return n > 0;
}
