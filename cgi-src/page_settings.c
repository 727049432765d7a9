/* page_settings.c: a business's settings, for its managers (/settings/...):
 * profile and quiet hours, carrier registration, sending numbers, the team
 * and the audit log of every change */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth_password.h"
#include "core_phone.h"
#include "core_timezone.h"
#include "db.h"
#include "pages.h"
#include "store_settings.h"
#include "store_users.h"
#include "util.h"
#include "web.h"
#include "webutil.h"

#define RATE_MAX	240	/* texts a minute: natural intervals, not blasts */
#define DAILY_MAX	100000
#define QUIET_EARLIEST	(8 * 60)	/* the law's window: 8:00 to 21:00 */
#define QUIET_LATEST	(21 * 60)

static const char *verticals[] = {
	"Construction", "Real estate", "Healthcare", "Professional services",
	"Retail", "Insurance", "Automotive", "Education", "Other",
};
static const char *use_cases[] = {
	"Customer care", "Mixed", "Account notifications", "Marketing",
	"Low volume mixed",
};

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

static int
one_of(const char *v, const char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return 1;
	return 0;
}

static void
put_list(struct req *r, const char *name, const char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		web_put(web_item(r, name, (unsigned)i), "Name", list[i]);
}

/* A form field: 0 with *out (empty when missing), else the error. */
static const char *
field(struct req *r, const char *name, size_t max, const char *what,
    int required, const char **out)
{
	static char msg[160];
	int rc = web_text(r, name, max, out);

	if (rc == 0 || (rc == WEB_MISSING && !required))
		return NULL;
	if (rc == WEB_MISSING)
		snprintf(msg, sizeof(msg), "%s is required.", what);
	else if (rc == WEB_TOO_LONG)
		snprintf(msg, sizeof(msg), "%s is too long (%zu characters at "
		    "most).", what, max);
	else
		snprintf(msg, sizeof(msg), "%s has characters that are not "
		    "valid.", what);
	return msg;
}


static int
saved(struct req *r)
{
	const char *v;

	if (web_text(r, "saved", 20, &v) == 0)
		web_set(r, "Page.Saved", v);
	return 0;
}

/* "HH:MM" to minutes after midnight, -1 when malformed. */
static int
hhmm(const char *s)
{
	int h, m;
	char end;

	if (sscanf(s, "%2d:%2d%c", &h, &m, &end) != 2 || h < 0 || h > 24 ||
	    m < 0 || m > 59 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

static void
set_hhmm(struct req *r, const char *name, int min)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%02d:%02d", min / 60, min % 60);
	web_set(r, name, buf);
}

static int
settings_fill(struct req *r)
{
	struct db_res b;

	if (store_business_get(&b, r->s.business_id) != 0)
		return -1;
	if (b.nrows == 0) {
		db_res_free(&b);
		return -1;
	}
	web_set(r, "Business.Name", db_get(&b, 0, BZ_NAME));
	web_set(r, "Business.Website", db_get(&b, 0, BZ_WEBSITE));
	web_set(r, "Business.Support", db_get(&b, 0, BZ_SUPPORT));
	web_set(r, "Business.TimeZone", db_get(&b, 0, BZ_TZ));
	web_set(r, "Business.Help", db_get(&b, 0, BZ_HELP));
	web_set(r, "Business.Registration", db_get(&b, 0, BZ_REGISTRATION));
	set_hhmm(r, "Business.QuietStart", (int)db_get_ll(&b, 0,
	    BZ_QUIET_START, 480));
	set_hhmm(r, "Business.QuietEnd", (int)db_get_ll(&b, 0, BZ_QUIET_END,
	    1260));
	db_res_free(&b);
	web_set(r, "Page.Title", "Settings");
	return 0;
}

/* 200: the profile and quiet hours. */
int
page_settings(struct req *r)
{
	if (settings_fill(r) != 0)
		return web_db_error(r);
	saved(r);
	return web_render(r, 200, "settings.cs");
}

static int
settings_again(struct req *r, const char *area, const char *error)
{
	if (settings_fill(r) != 0)
		return web_db_error(r);
	web_keep_typed(r);
	web_set(r, area, error);
	return web_render(r, 422, "settings.cs");
}

/* Saves the profile: 303; 422 with what was typed for a wrong field. */
int
page_settings_profile(struct req *r)
{
	const char *name, *web, *sup, *tz, *help, *err;
	char detail[500];

	if ((err = field(r, "name", 200, "The business's full name", 1,
	    &name)) != NULL ||
	    (err = field(r, "website", 200, "The website", 0, &web)) != NULL ||
	    (err = field(r, "support", 200, "The support contact", 0,
	    &sup)) != NULL ||
	    (err = field(r, "tz", 64, "The time zone", 1, &tz)) != NULL ||
	    (err = field(r, "help", 320, "The HELP reply", 0, &help)) != NULL)
		return settings_again(r, "Profile.Error", err);
	if (strlen(name) < 3)
		return settings_again(r, "Profile.Error", "Use the business's "
		    "full name, as carriers know it: texts sign with it.");
	if (*web != '\0' && strncmp(web, "https://", 8) != 0 &&
	    strncmp(web, "http://", 7) != 0)
		return settings_again(r, "Profile.Error", "Write the website "
		    "as an address: https://example.com.");
	if (!tz_known(tz))
		return settings_again(r, "Profile.Error", "There is no such "
		    "time zone: write it as Region/City, like America/Chicago.");
	if (store_business_profile(r->s.business_id, name, web, sup, tz,
	    help) != 0)
		return web_db_error(r);
	snprintf(detail, sizeof(detail), "name \"%.150s\", time zone %s",
	    name, tz);
	store_audit_add(r->s.business_id, r->s.user_id, "profile", "saved",
	    detail);
	return web_redirect(r, "/settings?saved=profile");
}

/* Saves quiet hours (within the law's 8:00 to 21:00): 303 or 422. */
int
page_settings_quiet(struct req *r)
{
	const char *a, *b;
	int start, end;
	char detail[64];

	if (web_text(r, "start", 5, &a) != 0 || web_text(r, "end", 5, &b) != 0 ||
	    (start = hhmm(a)) < 0 || (end = hhmm(b)) < 0)
		return settings_again(r, "Quiet.Error", "Write the times as "
		    "HH:MM, like 08:00 and 21:00.");
	if (start < QUIET_EARLIEST || end > QUIET_LATEST)
		return settings_again(r, "Quiet.Error", "Texts may go only "
		    "between 08:00 and 21:00 in the lead's time: choose times "
		    "inside that window.");
	if (end - start < 60)
		return settings_again(r, "Quiet.Error", "The sending window "
		    "must end at least an hour after it starts.");
	if (store_business_quiet(r->s.business_id, start, end) != 0)
		return web_db_error(r);
	snprintf(detail, sizeof(detail), "texts go %s to %s the lead's time",
	    a, b);
	store_audit_add(r->s.business_id, r->s.user_id, "quiet_hours",
	    "saved", detail);
	return web_redirect(r, "/settings?saved=quiet");
}

static int
registration_fill(struct req *r, int form_too)
{
	struct db_res g;

	if (settings_fill(r) != 0 ||
	    store_registration_get(&g, r->s.business_id) != 0)
		return -1;
	if (g.nrows > 0) {
		web_set(r, "Registration.Rejection", db_get(&g, 0, RG_REJECTION));
		if (db_get(&g, 0, RG_SUBMITTED_MS) != NULL)
			web_set_time(r, "Registration.Submitted",
			    db_get_ll(&g, 0, RG_SUBMITTED_MS, 0));
		if (form_too) {
			web_set(r, "Form.legal", db_get(&g, 0, RG_LEGAL));
			web_set(r, "Form.ein", db_get(&g, 0, RG_EIN));
			web_set(r, "Form.vertical", db_get(&g, 0, RG_VERTICAL));
			web_set(r, "Form.use_case", db_get(&g, 0, RG_USE_CASE));
			web_set(r, "Form.samples", db_get(&g, 0, RG_SAMPLES));
			web_set(r, "Form.optin", db_get(&g, 0, RG_OPTIN));
		}
	}
	db_res_free(&g);
	put_list(r, "Verticals", verticals, NITEMS(verticals));
	put_list(r, "UseCases", use_cases, NITEMS(use_cases));
	web_set(r, "Page.Title", "Carrier registration");
	return 0;
}

/* 200: the A2P 10DLC record and its status. */
int
page_settings_registration(struct req *r)
{
	if (registration_fill(r, 1) != 0)
		return web_db_error(r);
	saved(r);
	return web_render(r, 200, "settings_registration.cs");
}

static int
ein_ok(const char *s)
{
	/* NN-NNNNNNN */
	if (strlen(s) != 10 || s[2] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* Saves the record (submit=1 also sends it for review: every field is
 * needed then): 303; 422 with what was typed. */
int
page_settings_registration_save(struct req *r)
{
	const char *legal, *ein, *vert, *use, *samples, *optin, *sub, *err;
	int submit = web_text(r, "submit", 1, &sub) == 0 && sub[0] == '1';

	if ((err = field(r, "legal", 200, "The legal name", submit,
	    &legal)) != NULL ||
	    (err = field(r, "ein", 10, "The EIN", submit, &ein)) != NULL ||
	    (err = field(r, "vertical", 64, "The vertical", submit,
	    &vert)) != NULL ||
	    (err = field(r, "use_case", 64, "The use case", submit,
	    &use)) != NULL ||
	    (err = field(r, "samples", 2000, "Sample messages", submit,
	    &samples)) != NULL ||
	    (err = field(r, "optin", 2000, "How leads opt in", submit,
	    &optin)) != NULL)
		goto again;
	if (*ein != '\0' && !ein_ok(ein)) {
		err = "Write the EIN as nine digits: 12-3456789.";
		goto again;
	}
	if ((*vert != '\0' && !one_of(vert, verticals, NITEMS(verticals))) ||
	    (*use != '\0' && !one_of(use, use_cases, NITEMS(use_cases)))) {
		err = "Choose the vertical and the use case from the lists.";
		goto again;
	}
	if (store_registration_save(r->s.business_id, legal, ein, vert, use,
	    samples, optin, submit) != 0)
		return web_db_error(r);
	store_audit_add(r->s.business_id, r->s.user_id, "registration",
	    submit ? "submitted for review" : "saved", legal);
	return web_redirect(r, submit ? "/settings/registration?saved=submitted"
	    : "/settings/registration?saved=draft");
again:
	if (registration_fill(r, 0) != 0)
		return web_db_error(r);
	web_keep_typed(r);
	web_set(r, "Form.Error", err);
	return web_render(r, 422, "settings_registration.cs");
}

/* Midnight today in the business's zone, in ms. */
static long long
today_ms(const char *tz)
{
	time_t now = time(NULL);
	int off = 0;
	long long local;

	if (tz_offset(tz, now, &off) != 0)
		off = 0;
	local = (long long)now + off;
	return (local - local % 86400 - off) * 1000;
}

static int
numbers_fill(struct req *r)
{
	struct db_res n;

	if (store_numbers(&n, r->s.business_id, today_ms(r->s.time_zone)) != 0)
		return -1;
	for (unsigned i = 0; i < n.nrows; i++) {
		HDF *h = web_item(r, "Numbers", i);
		web_put(h, "Id", db_get(&n, i, NB_ID));
		web_put(h, "E164", db_get(&n, i, NB_E164));
		web_put(h, "Label", db_get(&n, i, NB_LABEL));
		web_put(h, "PerMinute", db_get(&n, i, NB_PER_MINUTE));
		web_put(h, "Daily", db_get(&n, i, NB_DAILY));
		web_put(h, "Paused", db_get(&n, i, NB_PAUSED));
		web_put(h, "Today", db_get(&n, i, NB_TODAY));
		web_put(h, "Waiting", db_get(&n, i, NB_WAITING));
		web_put_int(h, "Percent", db_get_ll(&n, i, NB_DAILY, 1) > 0 ?
		    db_get_ll(&n, i, NB_TODAY, 0) * 100 /
		    db_get_ll(&n, i, NB_DAILY, 1) : 0);
	}
	db_res_free(&n);
	web_set(r, "Page.Title", "Sending numbers");
	web_set(r, "Business.Registration", r->s.registration);
	return 0;
}

/* 200: the numbers with today's volume against the limit. */
int
page_settings_numbers(struct req *r)
{
	if (numbers_fill(r) != 0)
		return web_db_error(r);
	saved(r);
	return web_render(r, 200, "settings_numbers.cs");
}

static int
numbers_again(struct req *r, int status, const char *error)
{
	if (numbers_fill(r) != 0)
		return web_db_error(r);
	web_keep_typed(r);
	web_set(r, "Form.Error", error);
	return web_render(r, status, "settings_numbers.cs");
}

/* Reads label, rate and daily limit; NULL or the error. */
static const char *
rates_read(struct req *r, const char **label, long long *rate,
    long long *daily)
{
	const char *v, *err;

	if ((err = field(r, "label", 100, "The label", 0, label)) != NULL)
		return err;
	if (web_text(r, "per_minute", 12, &v) != 0 ||
	    sp_parse_ll(v, 1, RATE_MAX, rate) != 0)
		return "The pace is texts a minute, from 1 to 240 (a 10DLC "
		    "number: 30).";
	if (web_text(r, "daily", 12, &v) != 0 ||
	    sp_parse_ll(v, 1, DAILY_MAX, daily) != 0)
		return "The daily limit is from 1 to 100,000 texts (a 10DLC "
		    "number: 2,000).";
	return NULL;
}

/* Adds a number: 303; 422 for an invalid number or rate, 409 for a number
 * that is taken (by any business: not said whose). */
int
page_settings_number_add(struct req *r)
{
	const char *num, *label, *err;
	struct phone ph;
	long long rate, daily;
	int rc;

	if (web_text(r, "number", PHONE_MAX_INPUT, &num) != 0)
		return numbers_again(r, 422, "Write the number to add.");
	phone_classify(num, strlen(num), "US", &ph);
	if (ph.verdict != PHONE_VALID)
		return numbers_again(r, 422, phone_verdict_text(ph.verdict));
	if ((err = rates_read(r, &label, &rate, &daily)) != NULL)
		return numbers_again(r, 422, err);
	if ((rc = store_number_add(r->s.business_id, ph.e164, label, (int)rate,
	    (int)daily)) < 0)
		return web_db_error(r);
	if (rc == 0)
		return numbers_again(r, 409, "That number is already in use on "
		    "SalesPartner. If it is yours, contact support.");
	store_audit_add(r->s.business_id, r->s.user_id, "numbers", "added",
	    ph.e164);
	return web_redirect(r, "/settings/numbers?saved=added");
}

static int
number_mine(struct req *r)
{
	return store_number_owned(r->s.business_id, r->param[0]);
}

/* Changes a number's label, pace and daily limit: 303; 422; 404. */
int
page_settings_number_update(struct req *r)
{
	const char *label, *err;
	long long rate, daily;
	char detail[128];
	int mine = number_mine(r);

	if (mine < 0)
		return web_db_error(r);
	if (!mine)
		return web_error(r, 404, "There is no such number in your "
		    "business.");
	if ((err = rates_read(r, &label, &rate, &daily)) != NULL)
		return numbers_again(r, 422, err);
	if (store_number_update(r->s.business_id, r->param[0], label, (int)rate,
	    (int)daily) < 0)
		return web_db_error(r);
	snprintf(detail, sizeof(detail), "number %lld: %lld a minute, %lld a "
	    "day", r->param[0], rate, daily);
	store_audit_add(r->s.business_id, r->s.user_id, "numbers", "changed",
	    detail);
	return web_redirect(r, "/settings/numbers?saved=changed");
}


/* Pauses (paused=1) or resumes (0) a number: 303; 404. */
int
page_settings_number_pause(struct req *r)
{
	const char *v;
	char detail[64];
	int mine = number_mine(r), paused;

	if (mine < 0)
		return web_db_error(r);
	if (!mine)
		return web_error(r, 404, "There is no such number in your "
		    "business.");
	if (web_text(r, "paused", 1, &v) != 0 || (v[0] != '0' && v[0] != '1'))
		return web_error(r, 400, "The form is malformed.");
	paused = v[0] == '1';
	if (store_number_pause(r->s.business_id, r->param[0], paused) != 0)
		return web_db_error(r);
	snprintf(detail, sizeof(detail), "number %lld", r->param[0]);
	store_audit_add(r->s.business_id, r->s.user_id, "numbers",
	    paused ? "paused" : "resumed", detail);
	return web_redirect(r, paused ? "/settings/numbers?saved=paused" :
	    "/settings/numbers?saved=resumed");
}

/* Removes a number: 303; 409 while texts still wait on it; 404. */
int
page_settings_number_remove(struct req *r)
{
	char detail[64];
	int rc;

	if ((rc = store_number_remove(r->s.business_id, r->param[0])) < 0)
		return web_db_error(r);
	if (rc == 0)
		return web_error(r, 404, "There is no such number in your "
		    "business.");
	if (rc == 2)
		return numbers_again(r, 409, "Texts are still waiting to go "
		    "from this number: pause it, or remove it when they have "
		    "gone.");
	snprintf(detail, sizeof(detail), "number %lld", r->param[0]);
	store_audit_add(r->s.business_id, r->s.user_id, "numbers", "removed",
	    detail);
	return web_redirect(r, "/settings/numbers?saved=removed");
}

static int
team_fill(struct req *r)
{
	struct db_res u;

	if (store_team(&u, r->s.business_id) != 0)
		return -1;
	for (unsigned i = 0; i < u.nrows; i++) {
		HDF *h = web_item(r, "Team", i);
		web_put(h, "Id", db_get(&u, i, 0));
		if (db_get(&u, i, 5) != NULL)
			web_put_time(r, h, "SignedIn", db_get_ll(&u, i, 5, 0));
		web_put(h, "Name", db_get(&u, i, 1));
		web_put(h, "Role", db_get(&u, i, 2));
		web_put(h, "Active", db_get(&u, i, 3));
		web_put(h, "Email", db_get(&u, i, 4));
		web_put_int(h, "Me", db_get_ll(&u, i, 0, 0) == r->s.user_id);
	}
	db_res_free(&u);
	web_set(r, "Page.Title", "Team");
	return 0;
}

/* 200: the team. */
int
page_settings_team(struct req *r)
{
	if (team_fill(r) != 0)
		return web_db_error(r);
	saved(r);
	return web_render(r, 200, "settings_team.cs");
}

static int
team_again(struct req *r, int status, const char *error)
{
	if (team_fill(r) != 0)
		return web_db_error(r);
	web_keep_typed(r);
	web_set(r, "Form.password", "");
	web_set(r, "Form.Error", error);
	return web_render(r, status, "settings_team.cs");
}

/* Adds an agent or a manager with a first password: 303; 422; 409 for an
 * email that has an account. */
int
page_settings_team_add(struct req *r)
{
	const char *email, *name, *role, *pw, *err;
	char hash[256], detail[300];
	long long id;
	int rc;

	if (web_text(r, "email", 254, &email) != 0 || !webutil_email_ok(email))
		return team_again(r, 422, "Write the person's email address.");
	if ((err = field(r, "name", 200, "The name", 1, &name)) != NULL)
		return team_again(r, 422, err);
	if (web_text(r, "role", 10, &role) != 0 ||
	    (strcmp(role, "agent") != 0 && strcmp(role, "manager") != 0))
		return team_again(r, 422, "Choose agent or manager.");
	if ((err = page_password_read(r, "password", &pw)) != NULL)
		return team_again(r, 422, err);
	if (password_hash(pw, hash, sizeof(hash)) != 0)
		return web_error(r, 503, "Could not set the password.");
	if ((rc = store_user_add(r->s.business_id, email, name, role, hash,
	    &id)) < 0)
		return web_db_error(r);
	if (rc == 0)
		return team_again(r, 409, "That email address has an account "
		    "already.");
	snprintf(detail, sizeof(detail), "%.200s (%s, %s)", name, email, role);
	store_audit_add(r->s.business_id, r->s.user_id, "team", "added",
	    detail);
	return web_redirect(r, "/settings/team?saved=added");
}

/* The member the path names into u: 0, or the status of the error page
 * answered (404 when not the business's). */
static int
member_find(struct req *r, struct db_res *u)
{
	if (store_user_get(u, r->s.business_id, r->param[0]) != 0)
		return web_db_error(r);
	if (u->nrows > 0)
		return 0;
	db_res_free(u);
	return web_error(r, 404, "There is no such person in your team.");
}

/* A member's page from u (freed here): the name, email and role as
 * saved, or as typed when error says why they were not. */
static int
member_show(struct req *r, struct db_res *u, int status, const char *error)
{
	web_set_int(r, "Member.Id", r->param[0]);
	web_set(r, "Member.Name", db_get(u, 0, 0));
	web_set(r, "Member.Email", db_get(u, 0, 1));
	web_set(r, "Member.Role", db_get(u, 0, 2));
	web_put_flag(r->hdf, "Member.Active", db_get_ll(u, 0, 3, 0));
	web_put_flag(r->hdf, "Member.Me", r->param[0] == r->s.user_id);
	db_res_free(u);
	if (error != NULL) {
		web_keep_typed(r);
		web_set(r, "Form.Error", error);
	}
	web_set(r, "Page.Title", "Team");
	return web_render(r, status, "settings_member.cs");
}

/* 200: a member's name, email and role, to correct them. */
int
page_settings_member(struct req *r)
{
	struct db_res u;
	int rc;

	if ((rc = member_find(r, &u)) != 0)
		return rc;
	return member_show(r, &u, 200, NULL);
}

/* Appends ", what: now" to the audit line buf when now is not was. */
static void
audit_change(char *buf, size_t sz, const char *what, const char *was,
    const char *now)
{
	size_t n = strlen(buf);

	if (strcmp(was != NULL ? was : "", now) != 0 && n < sz)
		snprintf(buf + n, sz - n, ", %s: %.200s", what, now);
}

/* Saves a member's name, email and role: 303 to the team; 422; 404; 409
 * for an email that has an account, or one's own role (another manager
 * changes it, so a business never loses its last manager). */
int
page_settings_member_save(struct req *r)
{
	const char *email, *name, *role, *err, *was_role;
	char detail[520];
	struct db_res u;
	int rc;

	if ((rc = member_find(r, &u)) != 0)
		return rc;
	err = field(r, "name", 200, "The name", 1, &name);
	if (err == NULL && (web_text(r, "email", 254, &email) != 0 ||
	    !webutil_email_ok(email)))
		err = "Write the person's email address.";
	if (err == NULL && (web_text(r, "role", 10, &role) != 0 ||
	    (strcmp(role, "agent") != 0 && strcmp(role, "manager") != 0)))
		err = "Choose agent or manager.";
	if (err != NULL)
		return member_show(r, &u, 422, err);
	was_role = db_get(&u, 0, 2);
	if (r->param[0] == r->s.user_id &&
	    strcmp(was_role != NULL ? was_role : "", role) != 0)
		return member_show(r, &u, 409, "You cannot change your own "
		    "role: ask another manager.");
	snprintf(detail, sizeof(detail), "%.200s", db_get(&u, 0, 0));
	audit_change(detail, sizeof(detail), "name", db_get(&u, 0, 0), name);
	audit_change(detail, sizeof(detail), "email", db_get(&u, 0, 1),
	    email);
	audit_change(detail, sizeof(detail), "role", was_role, role);
	if ((rc = store_user_update(r->s.business_id, r->param[0], name,
	    email, role)) < 0) {
		db_res_free(&u);
		return web_db_error(r);
	}
	if (rc == 0)
		return member_show(r, &u, 409, "That email address has an "
		    "account already.");
	db_res_free(&u);
	store_audit_add(r->s.business_id, r->s.user_id, "team", "changed",
	    detail);
	return web_redirect(r, "/settings/team?saved=changed");
}

/* Deactivates (active=0: their sessions end at once) or reactivates a
 * member: 303; 404; 409 for oneself. */
int
page_settings_team_active(struct req *r)
{
	const char *v;
	char detail[260];
	struct db_res u;
	int active, rc;

	if (web_text(r, "active", 1, &v) != 0 || (v[0] != '0' && v[0] != '1'))
		return web_error(r, 400, "The form is malformed.");
	active = v[0] == '1';
	if ((rc = member_find(r, &u)) != 0)
		return rc;
	snprintf(detail, sizeof(detail), "%.200s", db_get(&u, 0, 0));
	db_res_free(&u);
	if (r->param[0] == r->s.user_id)
		return team_again(r, 409, "You cannot deactivate yourself: ask "
		    "another manager.");
	if (store_user_active(r->s.business_id, r->param[0], active) != 0)
		return web_db_error(r);
	store_audit_add(r->s.business_id, r->s.user_id, "team",
	    active ? "reactivated" : "deactivated", detail);
	return web_redirect(r, "/settings/team?saved=changed");
}

/* Sets a member's new password (their sessions end): 303; 422; 404; 409
 * for oneself (the account page, which asks for the current one). */
int
page_settings_team_password(struct req *r)
{
	const char *pw, *err;
	char hash[256], detail[260];
	struct db_res u;
	int rc;

	if ((rc = member_find(r, &u)) != 0)
		return rc;
	snprintf(detail, sizeof(detail), "%.200s", db_get(&u, 0, 0));
	db_res_free(&u);
	if (r->param[0] == r->s.user_id)
		return team_again(r, 409, "Change your own password on your "
		    "account page: it asks for the current one.");
	if ((err = page_password_read(r, "password", &pw)) != NULL)
		return team_again(r, 422, err);
	if (password_hash(pw, hash, sizeof(hash)) != 0)
		return web_error(r, 503, "Could not set the password.");
	if (store_user_password(r->s.business_id, r->param[0], hash) != 0)
		return web_db_error(r);
	store_audit_add(r->s.business_id, r->s.user_id, "team",
	    "reset the password of", detail);
	return web_redirect(r, "/settings/team?saved=password");
}

/* 200: every change to settings and team, newest first (?before=<id>). */
int
page_settings_audit(struct req *r)
{
	struct db_res a;
	const char *v;
	long long before = 0;

	if (web_text(r, "before", 20, &v) == 0 &&
	    sp_parse_ll(v, 1, INT64_MAX, &before) != 0)
		return web_error(r, 400, "The page link is malformed.");
	if (store_audit(&a, r->s.business_id, before, 101) != 0)
		return web_db_error(r);
	for (unsigned i = 0; i < a.nrows && i < 100; i++) {
		HDF *h = web_item(r, "Audit", i);
		web_put(h, "Area", db_get(&a, i, AU_AREA));
		web_put(h, "Action", db_get(&a, i, AU_ACTION));
		web_put(h, "Detail", db_get(&a, i, AU_DETAIL));
		web_put(h, "By", db_get(&a, i, AU_BY));
		web_put_time(r, h, "At", db_get_ll(&a, i, AU_AT_MS, 0));
	}
	if (a.nrows > 100)
		web_set(r, "Page.Next", db_get(&a, 99, 5));
	db_res_free(&a);
	web_set(r, "Page.Title", "Audit log");
	return web_render(r, 200, "settings_audit.cs");
}
