/* store_users.h: queries on users, sessions and the login throttle */
#ifndef SP_STORE_USERS_H
#define SP_STORE_USERS_H

#include <stddef.h>

struct session;
struct session_key;
struct db_res;

/*
 * A page's own statement may read the session with its rows, in one round
 * trip instead of two: SESSION_COLS first, FROM SESSION_FROM, the page's
 * tables joined on u.business_id (the tenant), WHERE SESSION_WHERE with
 * the key's three parameters ("bii"). The session's tables are const to
 * the optimizer (a unique key), so the page's are read as they would be
 * alone. No row: no live session, or nothing of the page's.
 */
#define SESSION_COLS \
	"s.id, s.csrf_token, u.id, COALESCE(u.business_id, 0), u.role, " \
	"u.email, u.name, COALESCE(b.name, ''), " \
	"COALESCE(b.time_zone, 'UTC'), " \
	"TIMESTAMPDIFF(SECOND, s.last_seen_at, NOW(3)), " \
	"COALESCE(b.registration_status, '') "
#define SESSION_NCOLS	11
#define SESSION_FROM \
	"sessions s JOIN users u ON u.id = s.user_id " \
	"LEFT JOIN businesses b ON b.id = u.business_id "
#define SESSION_WHERE \
	"s.token_hash = ? AND u.active = 1 " \
	"AND s.last_seen_at > NOW(3) - INTERVAL ? MINUTE " \
	"AND s.created_at > NOW(3) - INTERVAL ? MINUTE "

/* Finds the live session; 1 found (s filled, *idle_s its seconds since
 * last use), 0 not, -1 on error. */
int	 store_session_find(const struct session_key *k, struct session *s,
	    long long *idle_s);
/* Takes the session from the first SESSION_NCOLS columns of a statement
 * that read it with a page, and leaves the page's columns alone in res.
 * 1 with a session, 0 without (no row). */
int	 store_session_split(struct db_res *res, struct session *s,
	    long long *idle_s);
int	 store_session_touch(long long id);
int	 store_session_insert(const unsigned char *hash, unsigned user_id,
	    const char *csrf, const char *addr);
int	 store_session_delete(long long id);

struct user_login {
	unsigned	 id;
	int		 active;
	char		 hash[256];
};
/* 1 found, 0 no such email, -1 error. */
int	 store_user_for_login(const char *email, struct user_login *u);
/* Notes a sign-in's time (the team page shows it). 0 or -1. */
int	 store_user_signed_in(unsigned user_id);

/* The active user's password hash into hash: 1, 0 when there is no such
 * active user, -1 on error. */
int	 store_user_hash(unsigned user_id, char *hash, size_t hashsz);
/* One's own new password: the hash set and one's other sessions ended
 * (keep_session stays), in one transaction. 0 or -1. */
int	 store_user_password_own(unsigned user_id, const char *hash,
	    long long keep_session);

/* One's live sessions but keep_session: how many, and the latest use
 * (unix ms, 0 for none). 0 or -1. */
int	 store_sessions_others(unsigned user_id, long long keep_session,
	    int idle_min, int absolute_min, long long *count,
	    long long *last_ms);
/* Ends one's sessions but keep_session. 0 or -1. */
int	 store_sessions_end_others(unsigned user_id, long long keep_session);

/* Failures of kind ("account" or "address") for subject within the last
 * window_min minutes, and the minutes until the oldest leaves the window. */
int	 store_login_failures(const char *kind, const char *subject,
	    int window_min, long long *count, long long *minutes_left);
int	 store_login_failure_add(const char *kind, const char *subject);
int	 store_login_failures_clear(const char *kind, const char *subject);
/* Forgets failures older than the window (housekeeping at each sign-in). */
int	 store_login_failures_expire(int window_min);

/* The business's staff: id, name, role, active, email; active first, by
 * name. 0 or -1. */
int	 store_business_users(struct db_res *res, unsigned business_id);
/* The same with each one's last sign-in (unix ms; NULL for never). */
int	 store_team(struct db_res *res, unsigned business_id);

#endif
