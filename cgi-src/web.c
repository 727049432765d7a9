/* web.c: one request: typed input, the session, rendering, redirects and
 * error pages, headers, CSRF */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "util.h"
#include "web.h"
#include "webutil.h"

extern char **environ;

/* Content-Security-Policy: no inline script or style, nothing from
 * elsewhere, no framing. */
static const char csp[] = "default-src 'self'; script-src 'self'; "
    "style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

static int
out_write(struct req *r, const char *buf, size_t len)
{
	if (r->fcgi != NULL)
		return FCGX_PutStr(buf, (int)len, r->fcgi->out) == (int)len ?
		    0 : -1;
	return fwrite(buf, 1, len, stdout) == len ? 0 : -1;
}

const char *
web_cookie(struct req *r, const char *name)
{
	HDF *c = hdf_get_obj(r->hdf, "Cookie");

	return c ? hdf_get_value(c, name, NULL) : NULL;
}

static unsigned
env_hash(const char *s, size_t len)
{
	unsigned h = 5381;
	size_t i;

	for (i = 0; i < len; i++)
		h = h * 33 + (unsigned char)s[i];
	return h % WEB_ENV_SLOTS;
}

/* Open addressing over the request's NAME=value strings: a slot holds the
 * string's index + 1 (the first 64 are indexed; any more are found by
 * FCGX_GetParam's scan). */
static void
env_build(struct req *r)
{
	char **e = r->fcgi->envp;
	unsigned i, h;

	r->env_built = 1;
	/* the table is kept at most half full */
	for (i = 0; e[i] != NULL && i < WEB_ENV_SLOTS / 2; i++) {
		const char *eq = strchr(e[i], '=');
		if (eq == NULL)
			continue;
		h = env_hash(e[i], (size_t)(eq - e[i]));
		while (r->env_slot[h] != 0)
			h = (h + 1) % WEB_ENV_SLOTS;
		r->env_slot[h] = (unsigned char)(i + 1);
	}
	if (e[i] != NULL)
		r->env_built = 2;	/* more than indexed */
}

const char *
web_env(struct req *r, const char *name)
{
	size_t len;
	unsigned h;

	if (r->fcgi == NULL)
		return getenv(name);
	if (!r->env_built)
		env_build(r);
	len = strlen(name);
	for (h = env_hash(name, len); r->env_slot[h] != 0;
	    h = (h + 1) % WEB_ENV_SLOTS) {
		const char *e = r->fcgi->envp[r->env_slot[h] - 1];
		if (strncmp(e, name, len) == 0 && e[len] == '=')
			return e + len + 1;
	}
	return r->env_built == 2 ? FCGX_GetParam(name, r->fcgi->envp) : NULL;
}

const char *
web_remote_addr(struct req *r)
{
	return hdf_get_value(r->hdf, "CGI.RemoteAddress", "");
}

int
web_text(struct req *r, const char *name, size_t maxlen, const char **out)
{
	HDF *q = hdf_get_obj(r->hdf, "Query");
	const char *v = q ? hdf_get_value(q, name, NULL) : NULL;
	size_t len;

	*out = "";
	if (v == NULL || (len = strlen(v)) == 0)
		return WEB_MISSING;
	if (len > maxlen)
		return WEB_TOO_LONG;
	/* A repeated field shows as a node with children: take none. */
	if (!webutil_text_ok(v, len) || hdf_obj_child(hdf_get_obj(q, name)))
		return WEB_NOT_TEXT;
	*out = v;
	return 0;
}

int
web_text_kept(struct req *r, const char *name, const char **out)
{
	HDF *q = hdf_get_obj(r->hdf, "Query");
	const char *v = q ? hdf_get_value(q, name, NULL) : NULL;

	*out = "";
	if (v == NULL || *v == '\0')
		return WEB_MISSING;
	if (!webutil_text_ok(v, strlen(v)) || hdf_obj_child(hdf_get_obj(q,
	    name)))
		return WEB_NOT_TEXT;
	*out = v;
	return 0;
}

int
web_field_sent(struct req *r, const char *name)
{
	HDF *q = hdf_get_obj(r->hdf, "Query");

	return q != NULL && hdf_get_obj(q, name) != NULL;
}

void
web_keep_typed(struct req *r)
{
	HDF *q = hdf_get_obj(r->hdf, "Query");
	const char *v;
	char key[80];

	for (HDF *c = q ? hdf_obj_child(q) : NULL; c; c = hdf_obj_next(c)) {
		const char *name = hdf_obj_name(c);
		if (strcmp(name, "csrf") == 0 ||
		    web_text_kept(r, name, &v) != 0)
			continue;
		snprintf(key, sizeof(key), "Form.%s", name);
		web_set(r, key, v);
	}
}

int
web_cursor(struct req *r, long long *ms, long long *id)
{
	const char *cur;
	int rc;

	*ms = *id = 0;
	if ((rc = web_text(r, "after", 64, &cur)) == WEB_MISSING)
		return 0;
	if (rc != 0 || webutil_cursor_parse(cur, ms, id) != 0)
		return -1;
	return 0;
}

int
web_set_cursor(struct req *r, long long ms, long long id)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%lld.%lld", ms, id);
	return web_set(r, "Page.Next", buf);
}

int
web_put(HDF *h, const char *name, const char *value)
{
	NEOERR *err = hdf_set_value(h, name, value ? value : "");

	if (err != STATUS_OK) {
		nerr_ignore(&err);
		sp_log("hdf: cannot set %s", name);
		return -1;
	}
	return 0;
}

int
web_put_int(HDF *h, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	return web_put(h, name, buf);
}

/* A true flag as "1"; a false one is not set (a row of many flags stays
 * under ClearSilver's FORCE_HASH_AT children: no hash table of its own). */
int
web_put_flag(HDF *h, const char *name, long long v)
{
	return v ? web_put(h, name, "1") : 0;
}

HDF *
web_item(struct req *r, const char *list, unsigned i)
{
	char name[128];
	HDF *h = NULL;
	NEOERR *err;

	snprintf(name, sizeof(name), "%s.%u", list, i);
	if ((err = hdf_get_node(r->hdf, name, &h)) != STATUS_OK) {
		nerr_ignore(&err);
		return NULL;
	}
	return h;
}

static void
use_zone(const char *tz)
{
	static char current[65];

	if (strcmp(current, tz) == 0)
		return;
	sp_strlcpy(current, tz, sizeof(current));
	setenv("TZ", tz[0] ? tz : "UTC", 1);
	tzset();
}

int
web_put_time(struct req *r, HDF *h, const char *name, long long unix_ms)
{
	char buf[64];
	char node[256];
	time_t t = (time_t)(unix_ms / 1000);
	struct tm tm, now_tm;
	time_t now = time(NULL);
	int y_year, y_yday;

	use_zone(r->logged_in ? r->s.time_zone : "UTC");
	localtime_r(&t, &tm);
	localtime_r(&now, &now_tm);
	/* yesterday by the calendar, not 24 hours back (a day of 23 or 25
	 * hours is still one day) */
	webutil_yesterday(now_tm.tm_year, now_tm.tm_yday, &y_year, &y_yday);
	/* Today shows the time; yesterday says so; this year the day too;
	 * else the year. */
	if (tm.tm_year == now_tm.tm_year && tm.tm_yday == now_tm.tm_yday)
		strftime(buf, sizeof(buf), "%H:%M", &tm);
	else if (tm.tm_year == y_year && tm.tm_yday == y_yday)
		strftime(buf, sizeof(buf), "Yesterday, %H:%M", &tm);
	else if (tm.tm_year == now_tm.tm_year)
		strftime(buf, sizeof(buf), "%b %e, %H:%M", &tm);
	else
		strftime(buf, sizeof(buf), "%b %e %Y, %H:%M", &tm);
	if (web_put(h, name, buf) != 0)
		return -1;
	/* the full stamp for a tooltip */
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %Z", &tm);
	snprintf(node, sizeof(node), "%s.Full", name);
	return web_put(h, node, buf);
}

void
web_header(struct req *r, const char *name, const char *value)
{
	/* No header value may carry a line break (response splitting). */
	if (strpbrk(value, "\r\n") != NULL || strpbrk(name, "\r\n:") != NULL) {
		sp_log("refused a header with a line break: %s", name);
		return;
	}
	string_append(&r->headers, name);
	string_append(&r->headers, ": ");
	string_append(&r->headers, value);
	string_append(&r->headers, "\r\n");
}

void
web_cookie_set(struct req *r, const char *name, const char *value,
    int max_age)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s",
	    name, value, config_secure(r->cfg) ? "; Secure" : "",
	    max_age < 0 ? "; Max-Age=0" : "");
	web_header(r, "Set-Cookie", buf);
}

static const char *
status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return status >= 500 ? "Internal Server Error" : "Error";
	}
}

/* Writes the status line and headers; len < 0: no Content-Length (a
 * streamed body follows). */
static int
head(struct req *r, int status, const char *ctype, long long len)
{
	char h[1024], cl[48] = "";
	int n;

	if (r->responded) {
		sp_log("second answer to one request (status %d)", status);
		return -1;
	}
	r->responded = 1;
	r->status = status;
	if (len >= 0)
		snprintf(cl, sizeof(cl), "Content-Length: %lld\r\n",
		    strcmp(r->method, "HEAD") == 0 ? 0 : len);
	n = snprintf(h, sizeof(h),
	    "Status: %d %s\r\n"
	    "Content-Type: %s\r\n"
	    "%s"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: same-origin\r\n"
	    "Content-Security-Policy: %s\r\n"
	    "Cache-Control: no-store\r\n"
	    "X-Request-Id: %s\r\n",
	    status, status_text(status), ctype, cl, csp, r->id);
	if (n < 0 || (size_t)n >= sizeof(h))
		return -1;
	out_write(r, h, (size_t)n);
	if (r->headers.buf != NULL)
		out_write(r, r->headers.buf, (size_t)r->headers.len);
	out_write(r, "\r\n", 2);
	return 0;
}

static int
respond(struct req *r, int status, const char *ctype, const char *body,
    size_t len)
{
	if (head(r, status, ctype, (long long)len) != 0)
		return r->status;
	if (len > 0 && strcmp(r->method, "HEAD") != 0)
		out_write(r, body, len);
	return status;
}

int
web_stream_begin(struct req *r, const char *ctype, const char *filename)
{
	char disp[200];

	if (filename != NULL) {
		snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"",
		    filename);
		web_header(r, "Content-Disposition", disp);
	}
	return head(r, 200, ctype, -1);
}

int
web_stream_write(struct req *r, const char *buf, size_t len)
{
	if (strcmp(r->method, "HEAD") == 0)
		return 0;
	return out_write(r, buf, len);
}

static NEOERR *
render_cb(void *ctx, char *s)
{
	return string_append((STRING *)ctx, s);
}

/*
 * Parsed templates, one per page, kept for the life of the worker: parsing
 * opens and reads three files, rendering a cached parse does not. Each is
 * parsed against a bootstrap HDF that fixes what parse time reads (the
 * escaping mode, the load path and which page layout.cs includes) and is
 * rendered against the request's HDF.
 */
#define TMPL_SLOTS	32

static struct {
	char	 name[64];
	int	 part;	/* parsed alone, not in layout.cs */
	HDF	*boot;
	CSPARSE	*cs;
} tmpl_cache[TMPL_SLOTS];

static NEOERR *
tmpl_get(struct req *r, const char *tmpl, int part, CSPARSE **out)
{
	HDF *boot = NULL;
	CSPARSE *cs = NULL;
	NEOERR *err;
	size_t i;

	for (i = 0; i < TMPL_SLOTS && tmpl_cache[i].cs != NULL; i++) {
		if (strcmp(tmpl_cache[i].name, tmpl) == 0 &&
		    tmpl_cache[i].part == part) {
			*out = tmpl_cache[i].cs;
			return STATUS_OK;
		}
	}
	if ((err = hdf_init(&boot)) != STATUS_OK)
		return err;
	if ((err = hdf_set_value(boot, "Config.VarEscapeMode", "html")) ||
	    (err = hdf_set_value(boot, "hdf.loadpaths.0", r->cfg->templates)) ||
	    (err = hdf_set_value(boot, "Page.Template", tmpl)) ||
	    (err = cs_init(&cs, boot)) ||
	    (err = cgi_register_strfuncs(cs)) ||
	    (err = cs_parse_file(cs, part ? tmpl : "layout.cs"))) {
		cs_destroy(&cs);
		hdf_destroy(&boot);
		return err;
	}
	if (i < TMPL_SLOTS && sp_strlcpy(tmpl_cache[i].name, tmpl,
	    sizeof(tmpl_cache[i].name)) < sizeof(tmpl_cache[i].name)) {
		tmpl_cache[i].part = part;
		tmpl_cache[i].boot = boot;
		tmpl_cache[i].cs = cs;
	} else
		sp_log("template cache full: %s is parsed each time", tmpl);
	*out = cs;
	return STATUS_OK;
}

/* The main menu's entry a page is under (layout.cs marks it), from the
 * first segment of its path; NULL for none. */
static const char *
nav_section(const char *path)
{
	static const struct {
		const char	*prefix;
		const char	*section;
	} map[] = {
		{ "/conversations", "conversations" },
		{ "/leads", "conversations" },
		{ "/messages", "conversations" },
		{ "/templates", "templates" },
		{ "/optouts", "optouts" },
		{ "/dashboard", "dashboard" },
		{ "/settings", "settings" },
		{ "/tickets", "tickets" },
	};
	size_t i, n;

	for (i = 0; path != NULL && i < sizeof(map) / sizeof(map[0]); i++) {
		n = strlen(map[i].prefix);
		if (strncmp(path, map[i].prefix, n) == 0 &&
		    (path[n] == '\0' || path[n] == '/'))
			return map[i].section;
	}
	return NULL;
}

static NEOERR *
render(struct req *r, const char *tmpl, int part, STRING *out)
{
	CSPARSE *cs;
	HDF *boot;
	NEOERR *err;
	const char *section;
	int cached;

	if (!part &&
	    (err = hdf_set_value(r->hdf, "Page.Template", tmpl)) != STATUS_OK)
		return err;
	if (!part && (section = nav_section(r->path)) != NULL &&
	    (err = hdf_set_value(r->hdf, "Page.Section", section)) !=
	    STATUS_OK)
		return err;
	if ((err = tmpl_get(r, tmpl, part, &cs)) != STATUS_OK)
		return err;
	boot = cs->hdf;
	cs->hdf = r->hdf;
	err = cs_render(cs, out, render_cb);
	cs->hdf = boot;
	cached = 0;
	for (size_t i = 0; i < TMPL_SLOTS; i++)
		if (tmpl_cache[i].cs == cs)
			cached = 1;
	if (!cached) {
		cs_destroy(&cs);
		hdf_destroy(&boot);
	}
	return err;
}

/* The 500 page's words when the fault is ours. */
static const char our_fault[] = "Something went wrong on our side. "
    "Nothing was changed; please try again.";

/* Logs a template error's traceback, with what failed, and frees it. */
static void
neoerr_log(const char *what, NEOERR *err)
{
	STRING msg;

	string_init(&msg);
	nerr_error_traceback(err, &msg);
	sp_log("%s: %s", what, msg.buf ? msg.buf : "error");
	string_clear(&msg);
	nerr_ignore(&err);
}

int
web_render_part(struct req *r, const char *tmpl, STRING *out)
{
	NEOERR *err;

	string_init(out);
	if ((err = render(r, tmpl, 1, out)) != STATUS_OK) {
		string_clear(out);
		neoerr_log(tmpl, err);
		return -1;
	}
	return 0;
}

int
web_render(struct req *r, int status, const char *tmpl)
{
	STRING out;
	NEOERR *err;
	int rc;

	if (r->joined) {
		/* a JOINED route's page before route_session let it be seen */
		sp_log("%s %s: rendered before its session was checked",
		    r->method, r->path);
		return web_error(r, 500, our_fault);
	}
	string_init(&out);
	if ((err = render(r, tmpl, 0, &out)) != STATUS_OK) {
		string_clear(&out);
		return web_neoerr(r, err);
	}
	rc = respond(r, status, "text/html; charset=utf-8", out.buf,
	    (size_t)out.len);
	string_clear(&out);
	return rc;
}

int
web_plain(struct req *r, int status, const char *text)
{
	return respond(r, status, "text/plain; charset=utf-8", text,
	    strlen(text));
}

int
web_plain_type(struct req *r, int status, const char *ctype, const char *text)
{
	return respond(r, status, ctype, text, strlen(text));
}

int
web_json(struct req *r, int status, const char *json)
{
	return respond(r, status, "application/json", json, strlen(json));
}

int
web_redirect(struct req *r, const char *location)
{
	/* Only our own paths: never an open redirect. */
	if (location[0] != '/' || location[1] == '/' || location[1] == '\\')
		location = "/";
	web_header(r, "Location", location);
	return respond(r, 303, "text/plain; charset=utf-8", "", 0);
}

int
web_error(struct req *r, int status, const char *message)
{
	STRING out;
	NEOERR *err;
	int rc;

	sp_log("%d %s %s: %s", status, r->method, r->path, message);
	web_set_int(r, "Error.Status", status);
	web_set(r, "Error.Title", status_text(status));
	web_set(r, "Error.Message", message);
	web_set(r, "Error.RequestId", r->id);
	string_init(&out);
	if ((err = render(r, "error.cs", 0, &out)) != STATUS_OK) {
		neoerr_log("error page failed", err);
		string_clear(&out);
		return respond(r, status, "text/plain; charset=utf-8",
		    message, strlen(message));
	}
	rc = respond(r, status, "text/html; charset=utf-8", out.buf,
	    (size_t)out.len);
	string_clear(&out);
	return rc;
}

/* web_error with a way back under the message: the page the link came
 * from, where it makes sense again (href is the app's own path). */
int
web_error_back(struct req *r, int status, const char *message,
    const char *href, const char *label)
{
	web_set(r, "Error.Back.Href", href);
	web_set(r, "Error.Back.Label", label);
	return web_error(r, status, message);
}

int
web_neoerr(struct req *r, NEOERR *err)
{
	neoerr_log("template", err);
	return web_error(r, 500, our_fault);
}

int
web_db_error(struct req *r)
{
	return web_error(r, 503, "The database is not answering right now. "
	    "Nothing was lost; please try again in a moment.");
}

/* RFC 4180: a field with a comma, quote or line break is quoted, its
 * quotes doubled. */
void
web_csv_field(STRING *out, const char *s, int last)
{
	char *q;
	const char *p;
	size_t n = 0;

	if (s == NULL || strpbrk(s, ",\"\r\n") == NULL) {
		string_append(out, s ? s : "");
		string_append(out, last ? "\r\n" : ",");
		return;
	}
	for (p = s; *p != '\0'; p++)
		n += *p == '"' ? 2 : 1;
	if ((q = malloc(n + 1)) == NULL)
		return;
	for (n = 0, p = s; *p != '\0'; p++) {
		q[n++] = *p;
		if (*p == '"')
			q[n++] = '"';
	}
	q[n] = '\0';
	string_append(out, "\"");
	string_append(out, q);
	string_append(out, last ? "\"\r\n" : "\",");
	free(q);
}
