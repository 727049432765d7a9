/* page_login.c: /login and /logout */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "auth_password.h"
#include "pages.h"
#include "util.h"
#include "web.h"
#include "webutil.h"

/* Where to go after signing in: our own path from ?next=, else home. */
static const char *
next_path(struct req *r)
{
	const char *next;

	if (web_text(r, "next", 1000, &next) != 0 || next[0] != '/' ||
	    next[1] == '/' || next[1] == '\\')
		return "/";
	return next;
}

static int
show_form(struct req *r, int status, const char *error)
{
	if (auth_login_prepare(r) != 0)
		return web_db_error(r);
	if (web_set(r, "Page.Title", "Sign in") != 0 ||
	    web_set(r, "Login.Next", next_path(r)) != 0 ||
	    (error != NULL && web_set(r, "Login.Error", error) != 0))
		return web_error(r, 500, "Could not build the page.");
	return web_render(r, status, "login.cs");
}

/* 200 with the form; 303 home when already signed in. */
int
page_login_form(struct req *r)
{
	if (r->logged_in)
		return web_redirect(r, next_path(r));
	return show_form(r, 200, NULL);
}

/* 303 to ?next= on success; 401 with the form (email kept) on a wrong
 * email or password; 429 when the account or address is throttled. */
int
page_login_submit(struct req *r)
{
	const char *email_in, *pw;
	char email[255], msg[256];
	enum auth_result ar;
	size_t i;
	int mins, rc;

	if ((rc = web_text(r, "email", 254, &email_in)) != 0) {
		return show_form(r, 400, rc == WEB_MISSING ? "Enter your email "
		    "address." : rc == WEB_TOO_LONG ? "That email address is "
		    "too long." : "The email address has characters that are "
		    "not valid text.");
	}
	web_set(r, "Login.Email", email_in);
	if ((rc = web_text(r, "password", PASSWORD_MAX, &pw)) != 0)
		return show_form(r, 400, rc == WEB_MISSING ? "Enter your "
		    "password." : "That password cannot be right: it is too "
		    "long or not valid text.");
	sp_strlcpy(email, email_in, sizeof(email));
	for (i = 0; email[i] != '\0'; i++)
		email[i] = (char)tolower((unsigned char)email[i]);
	if (!webutil_email_ok(email))
		return show_form(r, 400, "That is not an email address.");

	ar = auth_login(r, email, pw, &mins);
	switch (ar) {
	case AUTH_OK:
		return web_redirect(r, next_path(r));
	case AUTH_BAD_CREDENTIALS:
		return show_form(r, 401, "Wrong email or password.");
	case AUTH_THROTTLED_ACCOUNT:
		snprintf(msg, sizeof(msg), "Too many failed sign-ins for this "
		    "account. Try again in %d minute%s, or ask your manager to "
		    "reset your password.", mins, mins == 1 ? "" : "s");
		return show_form(r, 429, msg);
	case AUTH_THROTTLED_ADDRESS:
		snprintf(msg, sizeof(msg), "Too many failed sign-ins from your "
		    "network. Try again in %d minute%s.", mins,
		    mins == 1 ? "" : "s");
		return show_form(r, 429, msg);
	default:
		return web_db_error(r);
	}
}

/* 303 to /login, the session ended. */
int
page_logout(struct req *r)
{
	if (auth_logout(r) != 0)
		return web_db_error(r);
	return web_redirect(r, "/login");
}
