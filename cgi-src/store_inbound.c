/* store_inbound.c: inbound texts, leads found or created by number, the
 * consent ledger and the rules' own replies */
#include <stddef.h>
#include <stdio.h>

#include "db.h"
#include "store_inbound.h"
#include "util.h"

int
store_number_owner(const char *e164, struct number_owner *o)
{
	struct db_res res;
	const char *v;

	if (db_query(&res, "SELECT n.business_id, n.id, b.name, b.help_reply FROM "
	    "sending_numbers n JOIN businesses b ON b.id = n.business_id "
	    "WHERE n.e164 = ?", "s", e164) != 0)
		return -1;
	if (res.nrows == 0) {
		db_res_free(&res);
		return 0;
	}
	o->business_id = (unsigned)db_get_ll(&res, 0, 0, 0);
	o->number_id = (int)db_get_ll(&res, 0, 1, 0);
	sp_strlcpy(o->business_name, (v = db_get(&res, 0, 2)) ? v : "",
	    sizeof(o->business_name));
	sp_strlcpy(o->help_reply, (v = db_get(&res, 0, 3)) ? v : "",
	    sizeof(o->help_reply));
	db_res_free(&res);
	return 1;
}

int
store_lead_for_phone(unsigned business_id, const char *e164,
    struct lead_state *l)
{
	struct db_res res;

	if (db_exec("INSERT IGNORE INTO leads (business_id, phone_raw, "
	    "phone_e164) VALUES (?, ?, ?)", "iss", (long long)business_id,
	    e164, e164) < 0)
		return -1;
	if (db_query(&res, "SELECT id, opted_out, provider_opted_out FROM leads "
	    "WHERE business_id = ? AND phone_e164 = ? FOR UPDATE", "is",
	    (long long)business_id, e164) != 0)
		return -1;
	if (res.nrows == 0) {
		db_res_free(&res);
		return -1;
	}
	l->id = db_get_ll(&res, 0, 0, 0);
	l->opted_out = (int)db_get_ll(&res, 0, 1, 0);
	l->provider_opted_out = (int)db_get_ll(&res, 0, 2, 0);
	db_res_free(&res);
	return 0;
}

long long
store_conversation_for(unsigned business_id, long long lead_id, int number_id)
{
	struct db_res res;
	long long id;

	if (db_exec("INSERT IGNORE INTO conversations (business_id, lead_id, "
	    "sending_number_id) VALUES (?, ?, ?)", "iii", (long long)business_id,
	    lead_id, (long long)number_id) < 0)
		return -1;
	if (db_query(&res, "SELECT id FROM conversations WHERE lead_id = ? "
	    "AND sending_number_id = ?", "ii", lead_id,
	    (long long)number_id) != 0)
		return -1;
	id = res.nrows > 0 ? db_get_ll(&res, 0, 0, -1) : -1;
	db_res_free(&res);
	return id;
}

int
store_inbound_message(unsigned business_id, long long conversation_id,
    const char *sid, const char *body, long long at_ms, long long *id)
{
	if (db_exec("INSERT INTO messages (business_id, conversation_id, "
	    "direction, body, status, provider_sid, created_at) "
	    "VALUES (?, ?, 'in', ?, 'received', ?, "
	    "IF(? > 0, FROM_UNIXTIME(? / 1000), NOW(3)))", "iissii",
	    (long long)business_id, conversation_id, body, sid, at_ms,
	    at_ms) < 0)
		return db_errno() == DB_ER_DUP_ENTRY ? 0 : -1;
	*id = (long long)db_insert_id();
	return 1;
}

int
store_lead_texted_since(long long lead_id, long long at_ms)
{
	struct db_res res;
	int found;

	/* the provider's times are whole seconds: "after" is a later
	 * second, so that within one second a STOP is never overridden */
	if (db_query(&res, "SELECT 1 FROM conversations c JOIN messages m "
	    "ON m.conversation_id = c.id AND m.direction = 'in' "
	    "WHERE c.lead_id = ? AND m.created_at >= "
	    "FROM_UNIXTIME(FLOOR(? / 1000) + 1) LIMIT 1", "ii", lead_id,
	    at_ms) != 0)
		return -1;
	found = res.nrows > 0;
	db_res_free(&res);
	return found;
}

int
store_inbound_unrouted(const char *sid, const char *from, const char *to,
    const char *body)
{
	return db_exec("INSERT IGNORE INTO inbound_unrouted (provider_sid, "
	    "from_e164, to_e164, body) VALUES (?, ?, ?, ?)", "ssss", sid, from,
	    to, body) < 0 ? -1 : 0;
}

int
store_lead_opt(long long lead_id, int out)
{
	return db_exec("UPDATE leads SET opted_out = ?, "
	    "opted_out_at = IF(?, NOW(3), NULL) WHERE id = ?", "iii",
	    (long long)out, (long long)out, lead_id) < 0 ? -1 : 0;
}

int
store_ledger_add(unsigned business_id, long long lead_id, const char *e164,
    const char *number, const char *action, const char *keyword,
    long long message_id, const char *source, unsigned user_id,
    const char *note)
{
	char msg[24], user[24];

	snprintf(msg, sizeof(msg), "%lld", message_id);
	snprintf(user, sizeof(user), "%u", user_id);
	return db_exec("INSERT INTO consent_ledger (business_id, lead_id, e164, "
	    "sending_number, action, keyword, message_id, source, recorded_by, "
	    "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", "iissssssss",
	    (long long)business_id, lead_id, e164, number ? number : "", action,
	    keyword, message_id > 0 ? msg : NULL, source,
	    user_id > 0 ? user : NULL, note ? note : "") < 0 ? -1 : 0;
}

int
store_queue_reply(unsigned business_id, long long conversation_id,
    const char *kind, const char *body)
{
	return db_exec("INSERT INTO messages (business_id, conversation_id, "
	    "direction, kind, body, status, queue_state, due_at) "
	    "VALUES (?, ?, 'out', ?, ?, 'queued', 'waiting', NOW(3))", "iiss",
	    (long long)business_id, conversation_id, kind, body) < 0 ? -1 : 0;
}

/* the list's statement around its FROM */
#define OPTOUTS_SELECT \
	"SELECT l.id, l.name, COALESCE(l.phone_e164, l.phone_raw), " \
	"CAST(UNIX_TIMESTAMP(l.opted_out_at) * 1000 AS SIGNED), " \
	"g.keyword, g.sending_number, g.source "
#define OPTOUTS_REST \
	"LEFT JOIN consent_ledger g ON g.id = l.optout_ledger_id " \
	"WHERE l.business_id = ? AND l.opted_out = 1 " \
	"AND (? = 0 OR l.opted_out_at >= FROM_UNIXTIME(? / 1000)) " \
	"AND (? = 0 OR l.opted_out_at < FROM_UNIXTIME(? / 1000)) " \
	"AND (? IS NULL OR l.phone_e164 = ?) " \
	"AND (? IS NULL OR l.name LIKE CONCAT(?, '%')) " \
	"AND (? = 0 OR l.opted_out_at < FROM_UNIXTIME(? / 1000) OR " \
	"(l.opted_out_at = FROM_UNIXTIME(? / 1000) AND l.id < ?)) " \
	"ORDER BY l.opted_out_at DESC, l.id DESC LIMIT ?"

int
store_optouts(struct db_res *res, unsigned business_id, long long since_ms,
    long long until_ms, const char *phone, const char *name_prefix,
    long long before_ms, long long before_id, int limit)
{
	/*
	 * The latest opt-out's ledger row by the lead's pointer into it
	 * (017_optout_list.sql). The list by date names its index, or the
	 * optimizer weighs the seven that begin with business_id at every
	 * page; a search by number or name is left to it (leads_phone and
	 * leads_optout_name find a few leads where the date's index may walk
	 * them all).
	 */
	return db_query(res, phone != NULL || name_prefix != NULL ?
	    OPTOUTS_SELECT "FROM leads l " OPTOUTS_REST :
	    OPTOUTS_SELECT "FROM leads l FORCE INDEX (leads_optouts) "
	    OPTOUTS_REST,
	    "iiiiissssiiiii", (long long)business_id, since_ms, since_ms,
	    until_ms, until_ms, phone, phone, name_prefix, name_prefix,
	    before_id, before_ms, before_ms, before_id, (long long)limit);
}

int
store_ledger_for_lead(struct db_res *res, unsigned business_id,
    long long lead_id)
{
	return db_query(res,
	    "SELECT g.action, g.keyword, g.source, g.note, g.sending_number, "
	    "CAST(UNIX_TIMESTAMP(g.created_at) * 1000 AS SIGNED), u.name, "
	    "g.message_id FROM consent_ledger g "
	    "LEFT JOIN users u ON u.id = g.recorded_by "
	    "WHERE g.lead_id = ? AND g.business_id = ? ORDER BY g.id",
	    "ii", lead_id, (long long)business_id);
}

int
store_lead_brief(struct db_res *res, unsigned business_id, long long lead_id)
{
	return db_query(res, "SELECT l.name, COALESCE(l.phone_e164, "
	    "l.phone_raw), l.opted_out, (SELECT MIN(id) FROM conversations "
	    "WHERE lead_id = l.id) FROM leads l WHERE l.id = ? "
	    "AND l.business_id = ?", "ii", lead_id, (long long)business_id);
}
