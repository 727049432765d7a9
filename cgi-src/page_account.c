/* page_account.c: one's own account, for every role: who one is, and
 * one's own password (a manager gives a first one; it is theirs to
 * change) */
#include <stdio.h>
#include <string.h>

#include "auth_password.h"
#include "config.h"
#include "pages.h"
#include "store_settings.h"
#include "store_users.h"
#include "web.h"

const char *
page_password_read(struct req *r, const char *field, const char **pw)
{
	int rc = web_text(r, field, PASSWORD_MAX, pw);

	if (rc == WEB_TOO_LONG)
		return "The password is too long.";
	if (rc == WEB_NOT_TEXT)
		return "The password has characters that are not text (a "
		    "control character or invalid UTF-8).";
	if (rc != 0 || strlen(*pw) < PASSWORD_MIN)
		return "A password needs at least 10 characters.";
	return NULL;
}

static const char *
role_name(int role)
{
	switch (role) {
	case ROLE_AGENT:
		return "Agent";
	case ROLE_MANAGER:
		return "Manager";
	case ROLE_SUPPORT:
		return "SalesPartner support";
	default:
		return "SalesPartner administrator";
	}
}

static int
account_show(struct req *r, int status, const char *error)
{
	const struct sp_config *cfg = r->cfg;
	const char *v;
	long long others = 0, last_ms = 0;

	if (store_sessions_others(r->s.user_id, r->s.id,
	    cfg->session_idle_min, cfg->session_absolute_min, &others,
	    &last_ms) != 0)
		return web_db_error(r);
	if (web_set(r, "Page.Title", "Your account") != 0 ||
	    web_set(r, "Account.Role", role_name(r->s.role)) != 0 ||
	    web_set_int(r, "Account.Others", others) != 0 ||
	    (others > 0 && web_set_time(r, "Account.OthersLast", last_ms) !=
	    0) ||
	    (error != NULL && web_set(r, "Form.Error", error) != 0))
		return web_error(r, 500, "Could not build the page.");
	if (error == NULL && web_text(r, "saved", 20, &v) == 0)
		web_set(r, "Page.Saved", v);
	return web_render(r, status, "account.cs");
}

/* 200: the account and the form for a new password. */
int
page_account(struct req *r)
{
	return account_show(r, 200, NULL);
}

/*
 * One's own new password: the current one first (a wrong one counts
 * against the account as a failed sign-in does, so a session left open
 * is no way to guess it), the new one twice. 303 to /account with one's
 * other sessions ended; 422 with nothing changed; 429 while the account
 * is throttled.
 */
int
page_account_password(struct req *r)
{
	const struct sp_config *cfg = r->cfg;
	const char *cur, *pw, *again, *err;
	char hash[256], fresh[256], msg[200];
	long long n = 0, left = 0;
	int rc;

	if (store_login_failures("account", r->s.email,
	    cfg->throttle_window_min, &n, &left) != 0)
		return web_db_error(r);
	if (n >= cfg->throttle_account) {
		snprintf(msg, sizeof(msg), "Too many wrong passwords for this "
		    "account. Try again in %lld minute%s.", left > 0 ? left : 1,
		    left > 1 ? "s" : "");
		return account_show(r, 429, msg);
	}
	if ((rc = web_text(r, "current", PASSWORD_MAX, &cur)) != 0)
		return account_show(r, 422, rc == WEB_MISSING ? "Enter your "
		    "current password." : "That cannot be your current "
		    "password: it is too long or not valid text.");
	if ((rc = store_user_hash(r->s.user_id, hash, sizeof(hash))) < 0)
		return web_db_error(r);
	if (rc == 0 || password_verify(hash, cur) != 1) {
		if (store_login_failure_add("account", r->s.email) != 0)
			return web_db_error(r);
		return account_show(r, 422, "Your current password is not "
		    "right. Nothing was changed.");
	}
	store_login_failures_clear("account", r->s.email);
	if ((err = page_password_read(r, "password", &pw)) != NULL)
		return account_show(r, 422, err);
	if (web_text(r, "again", PASSWORD_MAX, &again) != 0 ||
	    strcmp(pw, again) != 0)
		return account_show(r, 422, "The new password and its repeat "
		    "differ. Nothing was changed.");
	if (password_verify(hash, pw) == 1)
		return account_show(r, 422, "That is the password you have "
		    "now: choose another.");
	if (password_hash(pw, fresh, sizeof(fresh)) != 0)
		return web_error(r, 503, "Could not set the password.");
	if (store_user_password_own(r->s.user_id, fresh, r->s.id) != 0)
		return web_db_error(r);
	if (r->s.business_id != 0)
		store_audit_add(r->s.business_id, r->s.user_id, "team",
		    "changed their own password", "");
	return web_redirect(r, "/account?saved=password");
}

/* Ends one's sessions everywhere but here: 303 to /account. */
int
page_account_sessions(struct req *r)
{
	if (store_sessions_end_others(r->s.user_id, r->s.id) != 0)
		return web_db_error(r);
	return web_redirect(r, "/account?saved=sessions");
}
