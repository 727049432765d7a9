/* store_settings.c: a business's profile, carrier registration, sending
 * numbers, quiet hours, team and the audit log of changes to them */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "store_settings.h"
#include "util.h"

int
store_business_get(struct db_res *res, unsigned business_id)
{
	return db_query(res, "SELECT name, website, support_contact, "
	    "time_zone, help_reply, quiet_start, quiet_end, "
	    "registration_status FROM businesses WHERE id = ?", "i",
	    (long long)business_id);
}

int
store_business_profile(unsigned business_id, const char *name,
    const char *website, const char *support, const char *tz,
    const char *help)
{
	return db_exec("UPDATE businesses SET name = ?, website = ?, "
	    "support_contact = ?, time_zone = ?, help_reply = ? WHERE id = ?",
	    "sssssi", name, website, support, tz, help,
	    (long long)business_id) < 0 ? -1 : 0;
}

int
store_business_quiet(unsigned business_id, int start_min, int end_min)
{
	if (db_exec("UPDATE businesses SET quiet_start = ?, quiet_end = ? "
	    "WHERE id = ?", "iii", (long long)start_min, (long long)end_min,
	    (long long)business_id) < 0)
		return -1;
	return db_exec("UPDATE messages SET due_at = NOW(3) "
	    "WHERE business_id = ? AND queue_state = 'waiting' "
	    "AND hold_reason = 'quiet_hours'", "i",
	    (long long)business_id) < 0 ? -1 : 0;
}

int
store_registration_get(struct db_res *res, unsigned business_id)
{
	return db_query(res, "SELECT legal_name, ein, vertical, use_case, "
	    "sample_messages, optin_description, rejection_reason, "
	    "CAST(UNIX_TIMESTAMP(submitted_at) * 1000 AS SIGNED) "
	    "FROM business_registrations WHERE business_id = ?", "i",
	    (long long)business_id);
}

int
store_registration_save(unsigned business_id, const char *legal,
    const char *ein, const char *vertical, const char *use_case,
    const char *samples, const char *optin, int submit)
{
	if (db_exec("INSERT INTO business_registrations (business_id, "
	    "legal_name, ein, vertical, use_case, sample_messages, "
	    "optin_description, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "IF(?, NOW(3), NULL)) ON DUPLICATE KEY UPDATE "
	    "legal_name = VALUES(legal_name), ein = VALUES(ein), "
	    "vertical = VALUES(vertical), use_case = VALUES(use_case), "
	    "sample_messages = VALUES(sample_messages), "
	    "optin_description = VALUES(optin_description), "
	    "submitted_at = IF(?, NOW(3), submitted_at), "
	    "rejection_reason = IF(?, '', rejection_reason), "
	    "updated_at = NOW(3)", "issssssiii", (long long)business_id, legal,
	    ein, vertical, use_case, samples, optin, (long long)submit,
	    (long long)submit, (long long)submit) < 0)
		return -1;
	if (submit && db_exec("UPDATE businesses SET registration_status = "
	    "'pending' WHERE id = ?", "i", (long long)business_id) < 0)
		return -1;
	return 0;
}

int
store_registration_result(unsigned business_id, const char *status,
    const char *reason)
{
	if (db_exec("UPDATE business_registrations SET rejection_reason = ? "
	    "WHERE business_id = ?", "si", reason ? reason : "",
	    (long long)business_id) < 0)
		return -1;
	return db_exec("UPDATE businesses SET registration_status = ? "
	    "WHERE id = ?", "si", status, (long long)business_id) < 0 ? -1 : 0;
}

int
store_numbers(struct db_res *res, unsigned business_id, long long today_ms)
{
	return db_query(res, "SELECT n.id, n.e164, n.label, n.per_minute, "
	    "n.daily_limit, n.paused, "
	    "(SELECT COUNT(*) FROM messages m JOIN conversations c "
	    "ON c.id = m.conversation_id WHERE c.sending_number_id = n.id "
	    "AND m.business_id = n.business_id AND m.direction = 'out' "
	    "AND m.created_at >= FROM_UNIXTIME(? / 1000)), "
	    "(SELECT COUNT(*) FROM messages m JOIN conversations c "
	    "ON c.id = m.conversation_id WHERE c.sending_number_id = n.id "
	    "AND m.business_id = n.business_id AND m.queue_state = 'waiting') "
	    "FROM sending_numbers n WHERE n.business_id = ? "
	    "AND n.removed_at IS NULL ORDER BY n.id", "ii", today_ms,
	    (long long)business_id);
}

int
store_number_owned(unsigned business_id, long long id)
{
	struct db_res res;
	int found;

	if (db_query(&res, "SELECT 1 FROM sending_numbers WHERE id = ? AND "
	    "business_id = ? AND removed_at IS NULL", "ii", id,
	    (long long)business_id) != 0)
		return -1;
	found = res.nrows > 0;
	db_res_free(&res);
	return found;
}

int
store_number_add(unsigned business_id, const char *e164, const char *label,
    int per_minute, int daily)
{
	if (db_exec("INSERT INTO sending_numbers (business_id, e164, label, "
	    "per_minute, daily_limit) VALUES (?, ?, ?, ?, ?)", "issii",
	    (long long)business_id, e164, label, (long long)per_minute,
	    (long long)daily) < 0)
		return db_errno() == DB_ER_DUP_ENTRY ? 0 : -1;
	return 1;
}

int
store_number_update(unsigned business_id, long long id, const char *label,
    int per_minute, int daily)
{
	long long n = db_exec("UPDATE sending_numbers SET label = ?, "
	    "per_minute = ?, daily_limit = ? WHERE id = ? AND business_id = ? "
	    "AND removed_at IS NULL", "siiii", label, (long long)per_minute,
	    (long long)daily, id, (long long)business_id);

	return n < 0 ? -1 : 1;
}

int
store_number_pause(unsigned business_id, long long id, int paused)
{
	if (db_exec("UPDATE sending_numbers SET paused = ? WHERE id = ? AND "
	    "business_id = ?", "iii", (long long)(paused != 0), id,
	    (long long)business_id) < 0)
		return -1;
	if (paused)
		return 0;
	/* what waited for the number goes now */
	return db_exec("UPDATE messages m JOIN conversations c "
	    "ON c.id = m.conversation_id SET m.due_at = NOW(3) "
	    "WHERE c.sending_number_id = ? AND m.business_id = ? "
	    "AND m.queue_state = 'waiting' AND m.hold_reason = 'paused_number'",
	    "ii", id, (long long)business_id) < 0 ? -1 : 0;
}

int
store_number_remove(unsigned business_id, long long id)
{
	struct db_res res;
	long long waiting;

	if (db_query(&res, "SELECT COUNT(*) FROM messages m "
	    "JOIN conversations c ON c.id = m.conversation_id "
	    "WHERE c.sending_number_id = ? AND m.business_id = ? "
	    "AND m.queue_state IS NOT NULL AND m.queue_state <> 'done'", "ii",
	    id, (long long)business_id) != 0)
		return -1;
	waiting = db_get_ll(&res, 0, 0, 0);
	db_res_free(&res);
	if (waiting > 0)
		return 2;
	return db_exec("UPDATE sending_numbers SET removed_at = NOW(3), "
	    "paused = 1 WHERE id = ? AND business_id = ? AND removed_at IS NULL",
	    "ii", id, (long long)business_id) > 0 ? 1 : 0;
}

int
store_user_add(unsigned business_id, const char *email, const char *name,
    const char *role, const char *hash, long long *id)
{
	if (db_exec("INSERT INTO users (business_id, email, name, role, "
	    "password_hash) VALUES (?, ?, ?, ?, ?)", "issss",
	    (long long)business_id, email, name, role, hash) < 0)
		return db_errno() == DB_ER_DUP_ENTRY ? 0 : -1;
	*id = (long long)db_insert_id();
	return 1;
}

int
store_user_get(struct db_res *res, unsigned business_id, long long id)
{
	return db_query(res, "SELECT name, email, role, active FROM users "
	    "WHERE id = ? AND business_id = ?", "ii", id,
	    (long long)business_id);
}

int
store_user_update(unsigned business_id, long long id, const char *name,
    const char *email, const char *role)
{
	if (db_exec("UPDATE users SET name = ?, email = ?, role = ? "
	    "WHERE id = ? AND business_id = ?", "sssii", name, email, role,
	    id, (long long)business_id) < 0)
		return db_errno() == DB_ER_DUP_ENTRY ? 0 : -1;
	return 1;
}

int
store_user_active(unsigned business_id, long long id, int active)
{
	if (db_exec("UPDATE users SET active = ? WHERE id = ? AND "
	    "business_id = ?", "iii", (long long)(active != 0), id,
	    (long long)business_id) < 0)
		return -1;
	if (active)
		return 0;
	return db_exec("DELETE s FROM sessions s JOIN users u ON u.id = "
	    "s.user_id WHERE u.id = ? AND u.business_id = ?", "ii", id,
	    (long long)business_id) < 0 ? -1 : 0;
}

int
store_user_password(unsigned business_id, long long id, const char *hash)
{
	if (db_exec("UPDATE users SET password_hash = ? WHERE id = ? AND "
	    "business_id = ?", "sii", hash, id, (long long)business_id) < 0)
		return -1;
	return db_exec("DELETE s FROM sessions s JOIN users u ON u.id = "
	    "s.user_id WHERE u.id = ? AND u.business_id = ?", "ii", id,
	    (long long)business_id) < 0 ? -1 : 0;
}

int
store_audit_add(unsigned business_id, unsigned user_id, const char *area,
    const char *action, const char *detail)
{
	return db_exec("INSERT INTO settings_audit (business_id, user_id, "
	    "area, action, detail) VALUES (?, ?, ?, ?, LEFT(?, 500))", "iisss",
	    (long long)business_id, (long long)user_id, area, action,
	    detail ? detail : "") < 0 ? -1 : 0;
}

int
store_audit(struct db_res *res, unsigned business_id, long long before_id,
    int limit)
{
	return db_query(res, "SELECT a.area, a.action, a.detail, u.name, "
	    "CAST(UNIX_TIMESTAMP(a.created_at) * 1000 AS SIGNED), a.id "
	    "FROM settings_audit a JOIN users u ON u.id = a.user_id "
	    "WHERE a.business_id = ? AND (? = 0 OR a.id < ?) "
	    "ORDER BY a.id DESC LIMIT ?", "iiii", (long long)business_id,
	    before_id, before_id, (long long)limit);
}
