/* store_leads.c: leads staff create, edit, import and mark as spam; their
 * history; message templates */
#include <string.h>

#include "db.h"
#include "store_leads.h"

int
store_lead_get(struct db_res *res, unsigned business_id, long long id)
{
	return db_query(res, "SELECT l.id, l.name, l.email, l.phone_raw, "
	    "l.phone_e164, l.phone_valid, l.line_type, l.opted_out, "
	    "l.is_spam, IF(l.cooldown_until > NOW(3), "
	    "CAST(UNIX_TIMESTAMP(l.cooldown_until) * 1000 AS SIGNED), NULL), "
	    "CAST(UNIX_TIMESTAMP(l.created_at) * 1000 AS SIGNED), "
	    "(SELECT MAX(c.id) FROM conversations c WHERE c.lead_id = l.id) "
	    "FROM leads l WHERE l.id = ? AND l.business_id = ?", "ii", id,
	    (long long)business_id);
}

int
store_lead_history(struct db_res *res, unsigned business_id,
    long long lead_id)
{
	return db_query(res, "SELECT h.field, h.old_value, h.new_value, "
	    "CAST(UNIX_TIMESTAMP(h.created_at) * 1000 AS SIGNED), u.name "
	    "FROM lead_changes h LEFT JOIN users u ON u.id = h.user_id "
	    "WHERE h.lead_id = ? AND h.business_id = ? ORDER BY h.id DESC "
	    "LIMIT 200", "ii", lead_id, (long long)business_id);
}

int
store_lead_change(unsigned business_id, long long lead_id, unsigned user_id,
    const char *field, const char *old_value, const char *new_value)
{
	return db_exec("INSERT INTO lead_changes (business_id, lead_id, "
	    "user_id, field, old_value, new_value) VALUES (?, ?, ?, ?, "
	    "LEFT(?, 254), LEFT(?, 254))", "iiisss", (long long)business_id,
	    lead_id, user_id ? (long long)user_id : 0, field, old_value,
	    new_value) < 0 ? -1 : 0;
}

int
store_lead_by_phone(unsigned business_id, const char *e164, long long *id)
{
	struct db_res res;
	int found;

	if (db_query(&res, "SELECT id FROM leads WHERE business_id = ? AND "
	    "phone_e164 = ?", "is", (long long)business_id, e164) != 0)
		return -1;
	found = res.nrows > 0;
	*id = found ? db_get_ll(&res, 0, 0, 0) : 0;
	db_res_free(&res);
	return found;
}

int
store_lead_create(unsigned business_id, const char *name, const char *email,
    const char *raw, const char *e164, long long *lead,
    long long *conversation)
{
	struct db_res res;
	long long n;

	*lead = *conversation = 0;
	n = db_exec("INSERT IGNORE INTO leads (business_id, name, email, "
	    "phone_raw, phone_e164) VALUES (?, ?, ?, ?, ?)", "issss",
	    (long long)business_id, name, email, raw, e164);
	if (n < 0)
		return -1;
	if (n == 0) {
		if (store_lead_by_phone(business_id, e164, lead) < 0)
			return -1;
		return 0;
	}
	*lead = (long long)db_insert_id();
	if (db_exec("INSERT INTO conversations (business_id, lead_id, "
	    "sending_number_id) SELECT ?, ?, MIN(id) FROM sending_numbers "
	    "WHERE business_id = ? AND removed_at IS NULL "
	    "HAVING MIN(id) IS NOT NULL", "iii",
	    (long long)business_id, *lead, (long long)business_id) < 0)
		return -1;
	if (db_query(&res, "SELECT MAX(id) FROM conversations WHERE "
	    "lead_id = ?", "i", *lead) != 0)
		return -1;
	*conversation = db_get_ll(&res, 0, 0, 0);
	db_res_free(&res);
	return 1;
}

int
store_lead_set_contact(unsigned business_id, long long id, const char *name,
    const char *email)
{
	return db_exec("UPDATE leads SET name = ?, email = ?, "
	    "updated_at = NOW(3) WHERE id = ? AND business_id = ?", "ssii",
	    name, email, id, (long long)business_id) < 0 ? -1 : 0;
}

int
store_lead_set_phone(unsigned business_id, long long id, const char *raw,
    const char *e164)
{
	if (db_exec("UPDATE leads SET phone_raw = ?, phone_e164 = ?, "
	    "phone_valid = 1, line_type = NULL, cooldown_until = NULL, "
	    "provider_opted_out = 0, updated_at = NOW(3) "
	    "WHERE id = ? AND business_id = ?", "ssii", raw, e164, id,
	    (long long)business_id) < 0)
		return db_errno() == DB_ER_DUP_ENTRY ? 1 : -1;
	/* the next send asks the provider afresh */
	return db_exec("UPDATE number_lookups SET stale = 1 WHERE e164 = ?",
	    "s", e164) < 0 ? -1 : 0;
}

int
store_lead_set_spam(unsigned business_id, long long id, int spam)
{
	return db_exec("UPDATE leads SET is_spam = ?, updated_at = NOW(3) "
	    "WHERE id = ? AND business_id = ?", "iii", (long long)(spam != 0),
	    id, (long long)business_id) < 0 ? -1 : 0;
}

int
store_templates(struct db_res *res, unsigned business_id)
{
	return db_query(res, "SELECT id, name, body FROM message_templates "
	    "WHERE business_id = ? ORDER BY name", "i", (long long)business_id);
}

int
store_template_get(struct db_res *res, unsigned business_id, long long id)
{
	return db_query(res, "SELECT id, name, body FROM message_templates "
	    "WHERE id = ? AND business_id = ?", "ii", id,
	    (long long)business_id);
}

int
store_template_save(unsigned business_id, long long id, unsigned user_id,
    const char *name, const char *body, long long *new_id)
{
	long long n;

	if (id == 0)
		n = db_exec("INSERT INTO message_templates (business_id, name, "
		    "body, created_by) VALUES (?, ?, ?, ?)", "issi",
		    (long long)business_id, name, body, (long long)user_id);
	else
		n = db_exec("UPDATE message_templates SET name = ?, body = ?, "
		    "updated_at = NOW(3) WHERE id = ? AND business_id = ?",
		    "ssii", name, body, id, (long long)business_id);
	if (n < 0)
		return db_errno() == DB_ER_DUP_ENTRY ? 1 : -1;
	*new_id = id == 0 ? (long long)db_insert_id() : id;
	return 0;
}

int
store_template_delete(unsigned business_id, long long id)
{
	return db_exec("DELETE FROM message_templates WHERE id = ? AND "
	    "business_id = ?", "ii", id, (long long)business_id) < 0 ? -1 : 0;
}
