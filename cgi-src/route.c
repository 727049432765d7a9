/* route.c: the page table, the only map from method + path to code, and the
 * dispatcher that alone answers 404, 405, 303-to-login, 403 and 413 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "config.h"
#include "db.h"
#include "pages.h"
#include "util.h"
#include "web.h"
#include "webutil.h"

extern char **environ;

/* A webhook has no session and no CSRF token: its handler checks the
 * provider's signature instead. A bare route (a health check, nginx's
 * error pages) reads nothing of the user: no session is looked up. */
#define WEBHOOK	(-1)
#define BARE	(-2)

/* With the roles: the page reads the session in its own statement, one
 * round trip to MariaDB instead of two (store_users.h's SESSION_*), and
 * then asks route_session; only pages asked for all day are (GET only). */
#define JOINED	0x100

struct route {
	const char	*method;
	const char	*pattern;
	handler_fn	 fn;
	int		 roles;	/* ROLE_PUBLIC: no session needed */
};

static const struct route routes[] = {
	{ "GET",  "/",			page_home,		ROLES_ANY },
	{ "GET",  "/login",		page_login_form,	ROLE_PUBLIC },
	{ "POST", "/login",		page_login_submit,	ROLE_PUBLIC },
	{ "POST", "/logout",		page_logout,		ROLES_ANY },
	{ "GET",  "/account",		page_account,		ROLES_ANY },
	{ "POST", "/account/password",	page_account_password,	ROLES_ANY },
	{ "POST", "/account/sessions",	page_account_sessions,	ROLES_ANY },
	{ "GET",  "/conversations",	page_conversations_index, ROLES_BUSINESS | JOINED },
	{ "GET",  "/conversations/:id",	page_conversation_show,	ROLES_BUSINESS | JOINED },
	{ "POST", "/conversations/:id/messages", page_compose_send, ROLES_BUSINESS },
	{ "GET",  "/conversations/:id/lint", page_compose_lint,	ROLES_BUSINESS },
	{ "GET",  "/conversations/:id/poll", page_conversation_poll, ROLES_BUSINESS },
	{ "GET",  "/conversations/:id/templates", page_conversation_templates, ROLES_BUSINESS },
	{ "GET",  "/messages/:id",	page_message_show,	ROLES_BUSINESS },
	{ "GET",  "/leads/new",		page_lead_new,		ROLES_BUSINESS },
	{ "POST", "/leads",		page_lead_create,	ROLES_BUSINESS },
	{ "GET",  "/leads/import",	page_lead_import_form,	ROLES_BUSINESS },
	{ "POST", "/leads/import",	page_lead_import,	ROLES_BUSINESS },
	{ "GET",  "/leads/:id",		page_lead_show,		ROLES_BUSINESS },
	{ "POST", "/leads/:id",		page_lead_update,	ROLES_BUSINESS },
	{ "POST", "/leads/:id/spam",	page_lead_spam,		ROLES_BUSINESS },
	{ "GET",  "/templates",		page_templates_index,	ROLES_BUSINESS },
	{ "POST", "/templates",		page_template_create,	ROLES_BUSINESS },
	{ "GET",  "/templates/:id",	page_template_show,	ROLES_BUSINESS },
	{ "POST", "/templates/:id",	page_template_update,	ROLES_BUSINESS },
	{ "POST", "/templates/:id/delete", page_template_delete, ROLES_BUSINESS },
	{ "POST", "/conversations/:id/optout", page_optout_record, ROLES_BUSINESS },
	{ "GET",  "/optouts",		page_optouts_index,	ROLES_BUSINESS },
	{ "GET",  "/optouts.csv",	page_optouts_csv,	ROLES_BUSINESS },
	{ "GET",  "/optouts/:id",	page_optout_history,	ROLES_BUSINESS },
	{ "GET",  "/tickets",		page_tickets_index,	ROLES_ANY },
	{ "GET",  "/tickets/new",	page_ticket_new,	ROLES_BUSINESS },
	{ "POST", "/tickets",		page_ticket_create,	ROLES_BUSINESS },
	{ "GET",  "/tickets/:id",	page_ticket_show,	ROLES_ANY },
	{ "POST", "/tickets/:id/replies", page_ticket_reply,	ROLES_ANY },
	{ "POST", "/tickets/:id/status", page_ticket_status,	ROLE_SUPPORT | ROLE_ADMIN },
	{ "GET",  "/dashboard",		page_dashboard,		ROLE_MANAGER },
	{ "GET",  "/dashboard/messages", page_dashboard_messages, ROLE_MANAGER },
	{ "GET",  "/dashboard/failed.csv", page_dashboard_csv,	ROLE_MANAGER },
	{ "POST", "/dashboard/alerts",	page_dashboard_alerts,	ROLE_MANAGER },
	{ "GET",  "/settings",		page_settings,		ROLE_MANAGER },
	{ "POST", "/settings/profile",	page_settings_profile,	ROLE_MANAGER },
	{ "POST", "/settings/quiet-hours", page_settings_quiet,	ROLE_MANAGER },
	{ "GET",  "/settings/registration", page_settings_registration, ROLE_MANAGER },
	{ "POST", "/settings/registration", page_settings_registration_save, ROLE_MANAGER },
	{ "GET",  "/settings/numbers",	page_settings_numbers,	ROLE_MANAGER },
	{ "POST", "/settings/numbers",	page_settings_number_add, ROLE_MANAGER },
	{ "POST", "/settings/numbers/:id", page_settings_number_update, ROLE_MANAGER },
	{ "POST", "/settings/numbers/:id/pause", page_settings_number_pause, ROLE_MANAGER },
	{ "POST", "/settings/numbers/:id/remove", page_settings_number_remove, ROLE_MANAGER },
	{ "GET",  "/settings/team",	page_settings_team,	ROLE_MANAGER },
	{ "POST", "/settings/team",	page_settings_team_add,	ROLE_MANAGER },
	{ "GET",  "/settings/team/:id",	page_settings_member,	ROLE_MANAGER },
	{ "POST", "/settings/team/:id",	page_settings_member_save, ROLE_MANAGER },
	{ "POST", "/settings/team/:id/active", page_settings_team_active, ROLE_MANAGER },
	{ "POST", "/settings/team/:id/password", page_settings_team_password, ROLE_MANAGER },
	{ "GET",  "/settings/audit",	page_settings_audit,	ROLE_MANAGER },
	{ "POST", "/hooks/provider/status", hook_status,	WEBHOOK },
	{ "POST", "/hooks/provider/inbound", hook_inbound,	WEBHOOK },
	{ "GET",  "/ping",		page_ping,		BARE },
	{ "GET",  "/_error/:code",	page_error_code,	BARE },
};

/* cgiwrap callbacks: ClearSilver's cgi kit reads the current request
 * through these (one request at a time per process). */

static int
cb_read(void *data, char *buf, int len)
{
	struct req *r = data;
	size_t left = r->body_len - r->body_pos;
	size_t n = (size_t)len < left ? (size_t)len : left;

	if (n > 0)
		memcpy(buf, r->body + r->body_pos, n);
	r->body_pos += n;
	return (int)n;
}

static int
cb_writef(void *data, const char *fmt, va_list ap)
{
	(void)data;
	(void)fmt;
	(void)ap;
	return 0; /* we write answers ourselves (web.c) */
}

static int
cb_write(void *data, const char *buf, int len)
{
	(void)data;
	(void)buf;
	return len;
}

static char *
cb_getenv(void *data, const char *name)
{
	struct req *r = data;
	const char *v = web_env(r, name);

	/* a refused body is not there for the cgi kit to read */
	if (r->body_refused && strcmp(name, "CONTENT_LENGTH") == 0)
		return NULL;

	return v ? strdup(v) : NULL;
}

static int
cb_putenv(void *data, const char *k, const char *v)
{
	(void)data;
	(void)k;
	(void)v;
	return 0;
}

static int
cb_iterenv(void *data, int n, char **k, char **v)
{
	struct req *r = data;
	char **env = r->fcgi ? r->fcgi->envp : environ;
	const char *eq;
	int i;

	*k = NULL;
	*v = NULL;
	for (i = 0; i < n && env[i] != NULL; i++)
		;
	if (env[i] == NULL || (eq = strchr(env[i], '=')) == NULL)
		return 0;
	*k = strndup(env[i], (size_t)(eq - env[i]));
	*v = strdup(eq + 1);
	return 0;
}

/* Reads the whole body (at most cfg->max_body bytes); an HTTP status on
 * failure, else 0. */
static int
read_body(struct req *r)
{
	const char *cl = web_env(r, "CONTENT_LENGTH");
	long long len;
	size_t got = 0;

	if (cl == NULL || *cl == '\0')
		return 0;
	if (sp_parse_ll(cl, 0, (long long)1 << 40, &len) != 0)
		return 400;
	if (len > r->cfg->max_body)
		return 413;
	if ((r->body = malloc((size_t)len + 1)) == NULL)
		return 503;
	while (got < (size_t)len) {
		int n;
		if (r->fcgi != NULL)
			n = FCGX_GetStr(r->body + got, (int)((size_t)len - got),
			    r->fcgi->in);
		else
			n = (int)fread(r->body + got, 1, (size_t)len - got,
			    stdin);
		if (n <= 0)
			return 400;
		got += (size_t)n;
	}
	r->body[got] = '\0';
	r->body_len = got;
	return 0;
}

static int
form_urlencoded(struct req *r)
{
	const char *ct = web_env(r, "CONTENT_TYPE");

	return ct != NULL && strncasecmp(ct,
	    "application/x-www-form-urlencoded", 33) == 0;
}

static int
csrf_ok(struct req *r)
{
	const char *sent;
	char want[65];

	if (web_text(r, "csrf", 128, &sent) != 0)
		return 0;
	if (r->logged_in)
		return webutil_token_equal(sent, r->s.csrf);
	if (auth_login_token(r, want) != 0)
		return 0;
	return webutil_token_equal(sent, want);
}

/* After the session is read: 0 when its role may have the page, else the
 * status of the answer given (to sign in, or 403). */
static int
route_admit(struct req *r)
{
	if (r->roles != ROLE_PUBLIC && !r->logged_in) {
		char next[1200];
		char *esc = NULL;
		if ((strcmp(r->method, "GET") == 0 ||
		    strcmp(r->method, "HEAD") == 0) &&
		    cgi_url_escape(r->path, &esc) == STATUS_OK && esc) {
			snprintf(next, sizeof(next), "/login?next=%s", esc);
			free(esc);
			return web_redirect(r, next);
		}
		free(esc);
		return web_redirect(r, "/login");
	}
	if (r->roles != ROLE_PUBLIC && !(r->roles & r->s.role))
		return web_error(r, 403, "Your role does not give access to "
		    "this page.");
	return 0;
}

int
route_session(struct req *r)
{
	if (!r->joined)
		return 0;
	r->joined = 0;
	if (!r->logged_in && auth_session_load(r) != 0)
		return web_db_error(r);
	return route_admit(r);
}

static int
dispatch(struct req *r)
{
	const struct route *match = NULL;
	size_t i;
	int path_known = 0, rc;
	char allow[64] = "";
	const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		long long p[WEB_MAX_PARAMS];
		if (webutil_route_match(routes[i].pattern, r->path, p,
		    WEB_MAX_PARAMS) < 0)
			continue;
		path_known = 1;
		if (strlen(allow) + strlen(routes[i].method) + 3 < sizeof(allow)) {
			if (allow[0] != '\0')
				strncat(allow, ", ", sizeof(allow) - strlen(allow) - 1);
			strncat(allow, routes[i].method,
			    sizeof(allow) - strlen(allow) - 1);
		}
		if (strcmp(routes[i].method, method) == 0 && match == NULL) {
			match = &routes[i];
			memcpy(r->param, p, sizeof(p));
		}
	}
	if (!path_known)
		return web_error(r, 404, "There is no page at this address.");
	if (match == NULL) {
		web_header(r, "Allow", allow);
		return web_error(r, 405, "This page does not accept that kind "
		    "of request.");
	}
	if (match->roles == WEBHOOK || match->roles == BARE)
		return match->fn(r);
	r->roles = match->roles & ~JOINED;
	if ((match->roles & JOINED) && strcmp(method, "GET") == 0 &&
	    auth_session_key(r, &r->key)) {
		r->joined = 1;
		return match->fn(r);
	}
	if ((rc = auth_session_load(r)) != 0)
		return web_db_error(r);
	if ((rc = route_admit(r)) != 0)
		return rc;
	if (strcmp(method, "POST") == 0 && !csrf_ok(r))
		return web_error(r, 403, "This form has expired or did not "
		    "come from this site. Go back, reload the page and submit "
		    "it again.");
	return match->fn(r);
}

static int
start(struct req *r)
{
	const char *m = web_env(r, "REQUEST_METHOD");
	const char *path = web_env(r, "PATH_INFO");
	const char *qs = web_env(r, "QUERY_STRING");
	NEOERR *err;
	int body_rc;

	sp_strlcpy(r->method, m ? m : "GET", sizeof(r->method));
	if (path == NULL || *path == '\0')
		path = web_env(r, "DOCUMENT_URI");
	if (sp_strlcpy(r->path, path ? path : "/", sizeof(r->path)) >=
	    sizeof(r->path))
		r->path[0] = '\0';

	/* The body is read (and capped) before the cgi kit sees it. */
	if ((body_rc = read_body(r)) != 0)
		r->body_refused = 1;
	cgiwrap_init_emu(r, cb_read, cb_writef, cb_write, cb_getenv,
	    cb_putenv, cb_iterenv);
	if ((err = cgi_init(&r->cgi, NULL)) != STATUS_OK) {
		nerr_ignore(&err);
		return 400;
	}
	r->hdf = r->cgi->hdf;
	if (hdf_set_value(r->hdf, "Config.VarEscapeMode", "html") != STATUS_OK ||
	    hdf_set_value(r->hdf, "hdf.loadpaths.0", r->cfg->templates) !=
	    STATUS_OK || hdf_set_value(r->hdf, "Request.Id", r->id) != STATUS_OK)
		return 503;
	if (r->path[0] != '/')
		return 404;
	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0 &&
	    strcmp(r->method, "POST") != 0)
		return 405;
	if (body_rc != 0)
		return body_rc;
	if ((qs != NULL && !webutil_urlencoded_ok(qs, strlen(qs))) ||
	    (form_urlencoded(r) && !webutil_urlencoded_ok(r->body, r->body_len)))
		return 400;
	if ((err = cgi_parse(r->cgi)) != STATUS_OK) {
		nerr_ignore(&err);
		return 400;
	}
	return 0;
}

void
web_serve(FCGX_Request *fcgi, const struct sp_config *cfg)
{
	struct req r;
	int rc;

	memset(&r, 0, sizeof(r));
	r.fcgi = fcgi;
	r.cfg = cfg;
	string_init(&r.headers);
	sp_fast_token(r.id, 8);
	sp_log_set_request(r.id);
	db_check();

	if ((rc = start(&r)) == 0)
		dispatch(&r);
	else if (r.hdf == NULL) {
		/* no HDF to render with: a plain answer */
		const char msg[] = "Status: 400 Bad Request\r\n"
		    "Content-Type: text/plain\r\n\r\nBad request\n";
		if (fcgi != NULL)
			FCGX_PutStr(msg, (int)sizeof(msg) - 1, fcgi->out);
		else
			fwrite(msg, 1, sizeof(msg) - 1, stdout);
	} else if (rc == 405)
		web_error(&r, 405, "This page does not accept that kind of "
		    "request.");
	else if (rc == 413)
		web_error(&r, 413, "What you sent is larger than this site "
		    "accepts. Nothing was saved.");
	else if (rc == 404)
		web_error(&r, 404, "There is no page at this address.");
	else if (rc == 400)
		web_error(&r, 400, "The request was malformed (bad form or "
		    "address encoding). Nothing was saved.");
	else
		web_error(&r, 503, "The server is short of resources; please "
		    "try again.");

	if (r.cgi != NULL)
		cgi_destroy(&r.cgi);
	string_clear(&r.headers);
	free(r.body);
	free(r.form_buf);
	sp_log_set_request(NULL);
}

/* Prints the route table, a row a line: the tests walk every route. */
void
route_print(FILE *f)
{
	size_t i;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++)
		fprintf(f, "%s %s %s\n", routes[i].method, routes[i].pattern,
		    routes[i].roles == WEBHOOK ? "webhook" :
		    routes[i].roles == BARE ? "bare" :
		    routes[i].roles == ROLE_PUBLIC ? "public" : "session");
}
