/* auth.h: sessions, the login form's token and the sign-in throttle */
#ifndef SP_AUTH_H
#define SP_AUTH_H

struct db_res;
struct req;
struct session_key;

#define SESSION_COOKIE	"sp_session"
#define PRE_COOKIE	"sp_pre"	/* keys the login form's CSRF token */

/* Loads the session named by the cookie into r (r->logged_in); 0, or -1
 * when the database failed. */
int	 auth_session_load(struct req *r);
/* The key of the session the cookie names, for a page that reads the
 * session in its own statement (store_users.h's SESSION_*); 1, or 0 when
 * the request has no well-formed session cookie. */
int	 auth_session_key(struct req *r, struct session_key *k);
/* Takes the session from such a statement's first row (leaving the page's
 * columns in res) as auth_session_load would have loaded it, or none
 * without a row; 0, or -1. */
int	 auth_session_take(struct req *r, struct db_res *res);
/* The login form's token for this browser (65 bytes); -1 without cookie. */
int	 auth_login_token(struct req *r, char *out);
/* Gives this browser a pre-session cookie when it has none and puts the
 * form's token in CSRF.Token; 0 or -1. */
int	 auth_login_prepare(struct req *r);

enum auth_result {
	AUTH_OK,
	AUTH_BAD_CREDENTIALS,
	AUTH_THROTTLED_ACCOUNT,
	AUTH_THROTTLED_ADDRESS,
	AUTH_DB_ERROR,
	AUTH__MAX
};

/* Checks email and password against the throttle and the users table and,
 * on success, starts a session (cookie set). */
enum auth_result auth_login(struct req *r, const char *email, const char *pw,
	    int *retry_minutes);
/* Ends the current session and clears its cookie; 0 or -1. */
int	 auth_logout(struct req *r);

#endif
