/* auth.c: sessions, the login form's token and the sign-in throttle */
#include <ctype.h>
#include <string.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include "auth.h"
#include "auth_password.h"
#include "config.h"
#include "store_users.h"
#include "util.h"
#include "web.h"

/* last_seen_at is written at most once a minute: a write per page view
 * would cost more than the page. */
#define TOUCH_AFTER_S	60

static int
token_ok(const char *t)
{
	size_t i;

	if (strlen(t) != 64)
		return 0;
	for (i = 0; i < 64; i++)
		if (!isxdigit((unsigned char)t[i]))
			return 0;
	return 1;
}

int
auth_session_key(struct req *r, struct session_key *k)
{
	const char *tok = web_cookie(r, SESSION_COOKIE);

	if (tok == NULL || !token_ok(tok))
		return 0;
	SHA256((const unsigned char *)tok, strlen(tok), k->hash);
	k->idle_min = r->cfg->session_idle_min;
	k->absolute_min = r->cfg->session_absolute_min;
	return 1;
}

/* The session found (or not) as the request's: its page data, and its
 * last use noted at most once a minute. 0 or -1. */
static int
session_use(struct req *r, int found, long long idle_s)
{
	r->logged_in = found;
	if (!found)
		return 0;
	if (idle_s >= TOUCH_AFTER_S)
		store_session_touch(r->s.id);
	if (web_set(r, "Session.Name", r->s.name) != 0 ||
	    web_set(r, "Session.Email", r->s.email) != 0 ||
	    web_set(r, "Session.Business", r->s.business_name) != 0 ||
	    web_set_int(r, "Session.IsManager", r->s.role == ROLE_MANAGER) != 0 ||
	    web_set_int(r, "Session.IsStaff",
	    (r->s.role & (ROLE_SUPPORT | ROLE_ADMIN)) != 0) != 0 ||
	    web_set(r, "Session.Registration", r->s.registration) != 0 ||
	    web_set(r, "CSRF.Token", r->s.csrf) != 0)
		return -1;
	return 0;
}

int
auth_session_load(struct req *r)
{
	struct session_key k;
	long long idle_s = 0;
	int found;

	r->logged_in = 0;
	if (!auth_session_key(r, &k))
		return 0;
	if ((found = store_session_find(&k, &r->s, &idle_s)) < 0)
		return -1;
	return session_use(r, found, idle_s);
}

int
auth_session_take(struct req *r, struct db_res *res)
{
	long long idle_s = 0;

	return session_use(r, store_session_split(res, &r->s, &idle_s),
	    idle_s);
}

int
auth_login_token(struct req *r, char *out)
{
	const char *pre = web_cookie(r, PRE_COOKIE);
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	const char *key = r->cfg->session_secret;

	if (pre == NULL || !token_ok(pre))
		return -1;
	if (HMAC(EVP_sha256(), key, (int)strlen(key),
	    (const unsigned char *)pre, strlen(pre), mac, &maclen) == NULL ||
	    maclen < 32)
		return -1;
	sp_hex(mac, 32, out);
	return 0;
}

int
auth_login_prepare(struct req *r)
{
	char pre[65], token[65];
	const char *have = web_cookie(r, PRE_COOKIE);

	if (have == NULL || !token_ok(have)) {
		if (sp_token(pre, 32) != 0)
			return -1;
		web_cookie_set(r, PRE_COOKIE, pre, 0);
		/* make it visible to auth_login_token in this request */
		if (web_set(r, "Cookie." PRE_COOKIE, pre) != 0)
			return -1;
	}
	if (auth_login_token(r, token) != 0)
		return -1;
	return web_set(r, "CSRF.Token", token);
}

static int
start_session(struct req *r, unsigned user_id)
{
	char tok[65], csrf[65];
	unsigned char hash[SHA256_DIGEST_LENGTH];

	if (sp_token(tok, 32) != 0 || sp_token(csrf, 32) != 0)
		return -1;
	SHA256((const unsigned char *)tok, strlen(tok), hash);
	if (store_session_insert(hash, user_id, csrf, web_remote_addr(r)) != 0)
		return -1;
	web_cookie_set(r, SESSION_COOKIE, tok, 0);
	return 0;
}

enum auth_result
auth_login(struct req *r, const char *email, const char *pw,
    int *retry_minutes)
{
	const struct sp_config *cfg = r->cfg;
	const char *addr = web_remote_addr(r);
	struct user_login u;
	long long n, left;
	int found, ok;

	*retry_minutes = 0;
	store_login_failures_expire(cfg->throttle_window_min);
	if (store_login_failures("address", addr, cfg->throttle_window_min,
	    &n, &left) != 0)
		return AUTH_DB_ERROR;
	if (n >= cfg->throttle_address) {
		*retry_minutes = left > 0 ? (int)left : 1;
		return AUTH_THROTTLED_ADDRESS;
	}
	if (store_login_failures("account", email, cfg->throttle_window_min,
	    &n, &left) != 0)
		return AUTH_DB_ERROR;
	if (n >= cfg->throttle_account) {
		*retry_minutes = left > 0 ? (int)left : 1;
		return AUTH_THROTTLED_ACCOUNT;
	}
	if ((found = store_user_for_login(email, &u)) < 0)
		return AUTH_DB_ERROR;
	if (found == 0) {
		/* the same time as a wrong password: no account oracle */
		password_waste_time(pw);
		ok = 0;
	} else
		ok = password_verify(u.hash, pw) == 1 && u.active;
	if (!ok) {
		if (store_login_failure_add("account", email) != 0 ||
		    store_login_failure_add("address", addr) != 0)
			return AUTH_DB_ERROR;
		return AUTH_BAD_CREDENTIALS;
	}
	store_login_failures_clear("account", email);
	if (start_session(r, u.id) != 0)
		return AUTH_DB_ERROR;
	store_user_signed_in(u.id);
	return AUTH_OK;
}

int
auth_logout(struct req *r)
{
	web_cookie_set(r, SESSION_COOKIE, "", -1);
	if (!r->logged_in)
		return 0;
	return store_session_delete(r->s.id);
}
