/* store_users.h: queries on users, sessions and the login throttle */
#ifndef SP_STORE_USERS_H
#define SP_STORE_USERS_H

#include <stddef.h>

struct session;
struct db_res;

/* Finds the live session with this token hash (idle and absolute limits in
 * minutes); 1 found (s filled, *idle_s its seconds since last use), 0 not,
 * -1 on error. */
int	 store_session_find(const unsigned char *hash, int idle_min,
	    int absolute_min, struct session *s, long long *idle_s);
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

#endif
