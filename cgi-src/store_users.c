/* store_users.c: queries on users, sessions and the login throttle */
#include <string.h>

#include "db.h"
#include "store_users.h"
#include "util.h"
#include "web.h"

static int
role_bit(const char *role)
{
	if (role == NULL)
		return 0;
	if (strcmp(role, "agent") == 0)
		return ROLE_AGENT;
	if (strcmp(role, "manager") == 0)
		return ROLE_MANAGER;
	if (strcmp(role, "support") == 0)
		return ROLE_SUPPORT;
	if (strcmp(role, "admin") == 0)
		return ROLE_ADMIN;
	return 0;
}

/* Reads the session of SESSION_COLS from the first row. */
static void
session_row(const struct db_res *res, struct session *s, long long *idle_s)
{
	const char *v;

	s->id = db_get_ll(res, 0, 0, 0);
	sp_strlcpy(s->csrf, (v = db_get(res, 0, 1)) ? v : "", sizeof(s->csrf));
	s->user_id = (unsigned)db_get_ll(res, 0, 2, 0);
	s->business_id = (unsigned)db_get_ll(res, 0, 3, 0);
	s->role = role_bit(db_get(res, 0, 4));
	sp_strlcpy(s->email, (v = db_get(res, 0, 5)) ? v : "", sizeof(s->email));
	sp_strlcpy(s->name, (v = db_get(res, 0, 6)) ? v : "", sizeof(s->name));
	sp_strlcpy(s->business_name, (v = db_get(res, 0, 7)) ? v : "",
	    sizeof(s->business_name));
	sp_strlcpy(s->time_zone, (v = db_get(res, 0, 8)) ? v : "UTC",
	    sizeof(s->time_zone));
	*idle_s = db_get_ll(res, 0, 9, 0);
	sp_strlcpy(s->registration, (v = db_get(res, 0, 10)) ? v : "",
	    sizeof(s->registration));
}

int
store_session_find(const struct session_key *k, struct session *s,
    long long *idle_s)
{
	struct db_res res;

	if (db_query(&res, "SELECT " SESSION_COLS "FROM " SESSION_FROM
	    "WHERE " SESSION_WHERE, "bii", k->hash, sizeof(k->hash),
	    k->idle_min, k->absolute_min) != 0)
		return -1;
	if (res.nrows == 0) {
		db_res_free(&res);
		return 0;
	}
	session_row(&res, s, idle_s);
	db_res_free(&res);
	return 1;
}

int
store_session_split(struct db_res *res, struct session *s, long long *idle_s)
{
	if (res->nrows == 0 || res->ncols < SESSION_NCOLS)
		return 0;
	session_row(res, s, idle_s);
	db_res_drop_cols(res, SESSION_NCOLS);
	return 1;
}

int
store_session_touch(long long id)
{
	return db_exec("UPDATE sessions SET last_seen_at = NOW(3) WHERE id = ?",
	    "i", id) < 0 ? -1 : 0;
}

int
store_session_insert(const unsigned char *hash, unsigned user_id,
    const char *csrf, const char *addr)
{
	return db_exec("INSERT INTO sessions (token_hash, user_id, csrf_token, "
	    "created_at, last_seen_at, address) "
	    "VALUES (?, ?, ?, NOW(3), NOW(3), ?)",
	    "biss", hash, (size_t)32, (long long)user_id, csrf, addr) < 0 ?
	    -1 : 0;
}

int
store_session_delete(long long id)
{
	return db_exec("DELETE FROM sessions WHERE id = ?", "i", id) < 0 ?
	    -1 : 0;
}

int
store_user_hash(unsigned user_id, char *hash, size_t hashsz)
{
	struct db_res res;
	const char *v;
	int found;

	if (db_query(&res, "SELECT password_hash FROM users WHERE id = ? "
	    "AND active = 1", "i", (long long)user_id) != 0)
		return -1;
	found = res.nrows > 0;
	sp_strlcpy(hash, found && (v = db_get(&res, 0, 0)) ? v : "", hashsz);
	db_res_free(&res);
	return found;
}

int
store_user_password_own(unsigned user_id, const char *hash,
    long long keep_session)
{
	if (db_begin() != 0)
		return -1;
	if (db_exec("UPDATE users SET password_hash = ? WHERE id = ?", "si",
	    hash, (long long)user_id) < 0 ||
	    store_sessions_end_others(user_id, keep_session) != 0) {
		db_rollback();
		return -1;
	}
	return db_commit();
}

int
store_sessions_others(unsigned user_id, long long keep_session,
    int idle_min, int absolute_min, long long *count, long long *last_ms)
{
	struct db_res res;

	if (db_query(&res, "SELECT COUNT(*), COALESCE(CAST(UNIX_TIMESTAMP("
	    "MAX(last_seen_at)) * 1000 AS SIGNED), 0) FROM sessions "
	    "WHERE user_id = ? AND id <> ? "
	    "AND last_seen_at > NOW(3) - INTERVAL ? MINUTE "
	    "AND created_at > NOW(3) - INTERVAL ? MINUTE", "iiii",
	    (long long)user_id, keep_session, (long long)idle_min,
	    (long long)absolute_min) != 0)
		return -1;
	*count = db_get_ll(&res, 0, 0, 0);
	*last_ms = db_get_ll(&res, 0, 1, 0);
	db_res_free(&res);
	return 0;
}

int
store_sessions_end_others(unsigned user_id, long long keep_session)
{
	return db_exec("DELETE FROM sessions WHERE user_id = ? AND id <> ?",
	    "ii", (long long)user_id, keep_session) < 0 ? -1 : 0;
}

int
store_user_signed_in(unsigned user_id)
{
	return db_exec("UPDATE users SET last_sign_in_at = NOW(3) WHERE id = ?",
	    "i", (long long)user_id) < 0 ? -1 : 0;
}

int
store_user_for_login(const char *email, struct user_login *u)
{
	struct db_res res;
	const char *v;

	if (db_query(&res, "SELECT id, active, password_hash FROM users "
	    "WHERE email = ?", "s", email) != 0)
		return -1;
	if (res.nrows == 0) {
		db_res_free(&res);
		return 0;
	}
	u->id = (unsigned)db_get_ll(&res, 0, 0, 0);
	u->active = (int)db_get_ll(&res, 0, 1, 0);
	sp_strlcpy(u->hash, (v = db_get(&res, 0, 2)) ? v : "", sizeof(u->hash));
	db_res_free(&res);
	return 1;
}

int
store_login_failures(const char *kind, const char *subject, int window_min,
    long long *count, long long *minutes_left)
{
	struct db_res res;

	if (db_query(&res, "SELECT COUNT(*), COALESCE(CEILING(TIMESTAMPDIFF("
	    "SECOND, NOW(3), MIN(at) + INTERVAL ? MINUTE) / 60), 0) "
	    "FROM login_failures WHERE kind = ? AND subject = ? "
	    "AND at > NOW(3) - INTERVAL ? MINUTE",
	    "issi", (long long)window_min, kind, subject,
	    (long long)window_min) != 0)
		return -1;
	*count = db_get_ll(&res, 0, 0, 0);
	*minutes_left = db_get_ll(&res, 0, 1, 0);
	db_res_free(&res);
	return 0;
}

int
store_login_failure_add(const char *kind, const char *subject)
{
	return db_exec("INSERT INTO login_failures (kind, subject, at) "
	    "VALUES (?, ?, NOW(3))", "ss", kind, subject) < 0 ? -1 : 0;
}

int
store_login_failures_clear(const char *kind, const char *subject)
{
	return db_exec("DELETE FROM login_failures WHERE kind = ? "
	    "AND subject = ?", "ss", kind, subject) < 0 ? -1 : 0;
}

int
store_login_failures_expire(int window_min)
{
	return db_exec("DELETE FROM login_failures "
	    "WHERE at < NOW(3) - INTERVAL ? MINUTE", "i",
	    (long long)window_min) < 0 ? -1 : 0;
}

int
store_team(struct db_res *res, unsigned business_id)
{
	return db_query(res, "SELECT id, name, role, active, email, "
	    "CAST(UNIX_TIMESTAMP(last_sign_in_at) * 1000 AS SIGNED) "
	    "FROM users WHERE business_id = ? ORDER BY active DESC, name, id",
	    "i", (long long)business_id);
}

int
store_business_users(struct db_res *res, unsigned business_id)
{
	return db_query(res, "SELECT id, name, role, active, email FROM users "
	    "WHERE business_id = ? ORDER BY active DESC, name, id", "i",
	    (long long)business_id);
}
