/* web.h: one request: typed input, the session, rendering, redirects and
 * error pages, headers, CSRF */
#ifndef SP_WEB_H
#define SP_WEB_H

#include <stddef.h>
#include <stdio.h>
#include <fcgiapp.h>
#include <ClearSilver.h>

struct sp_config;

/* Roles, as bits so a route can allow several. */
#define ROLE_PUBLIC	0
#define ROLE_AGENT	0x1
#define ROLE_MANAGER	0x2
#define ROLE_SUPPORT	0x4
#define ROLE_ADMIN	0x8
#define ROLES_BUSINESS	(ROLE_AGENT | ROLE_MANAGER)
#define ROLES_ANY	(ROLE_AGENT | ROLE_MANAGER | ROLE_SUPPORT | ROLE_ADMIN)

struct session {
	long long	 id;
	unsigned	 user_id;
	unsigned	 business_id;	/* 0 for SalesPartner staff */
	int		 role;		/* one ROLE_* bit */
	char		 email[255];
	char		 name[201];
	char		 business_name[201];
	char		 time_zone[65];
	char		 registration[16];	/* carrier registration status */
	char		 csrf[65];
};

/* What finds a live session: its token's hash and the idle and absolute
 * limits in minutes. */
struct session_key {
	unsigned char	 hash[32];
	long long	 idle_min;
	long long	 absolute_min;
};

#define WEB_MAX_PARAMS	4

#define WEB_ENV_SLOTS	128

struct req {
	FCGX_Request		*fcgi;	/* NULL when run as plain CGI */
	const struct sp_config	*cfg;
	CGI			*cgi;
	HDF			*hdf;	/* the request's data and the page's */
	char			 method[8];
	char			 path[1024];
	char			 id[17];	/* request id, logged and shown */
	char			*body;
	size_t			 body_len;
	size_t			 body_pos;
	int			 body_refused;
	char			*form_buf;	/* a webhook's decoded body */
	int			 logged_in;
	struct session		 s;
	/* set when the route's page reads the session in its own statement
	 * (route.c's JOINED): key finds it, then route_session decides */
	int			 joined;
	struct session_key	 key;
	int			 roles;		/* the route's */
	long long		 param[WEB_MAX_PARAMS];	/* :id segments */
	STRING			 headers;	/* extra header lines */
	int			 responded;
	int			 status;
	/* the FastCGI environment by name's hash (web_env), built on first
	 * use: the cgi kit alone asks for some 30 variables a request */
	unsigned char		 env_built;
	unsigned char		 env_slot[WEB_ENV_SLOTS];	/* index + 1 */
};

typedef int (*handler_fn)(struct req *);

/* Serves one request (route.c): reads, dispatches, answers. */
void	 web_serve(FCGX_Request *fcgi, const struct sp_config *cfg);
/* For a JOINED route, after its statement (which may have read the session:
 * auth_session_take) or before it, when it answers without one: the session
 * read the ordinary way if it did not come, then the route's roles
 * checked. 0 when the page may be given, else the status of the answer
 * given (to sign in, or 403). 0 for any other route. */
int	 route_session(struct req *r);
/* Prints the route table (sp-portal --routes). */
void	 route_print(FILE *f);

/* Typed input. Each returns 0 with a value, or one of these (and then
 * *out is ""): */
#define WEB_MISSING	(-1)	/* absent or empty */
#define WEB_TOO_LONG	(-2)
#define WEB_NOT_TEXT	(-3)	/* invalid UTF-8, a control byte, repeated */
int	 web_text(struct req *r, const char *name, size_t maxlen,
	    const char **out);
/* The field as typed, however long (a form that comes back keeps it all):
 * 0 with *out, WEB_MISSING (absent or empty) or WEB_NOT_TEXT ("" then). */
int	 web_text_kept(struct req *r, const char *name, const char **out);
/* 1 when the request has the field, even empty ("?carrier="). */
int	 web_field_sent(struct req *r, const char *name);
/* Each single-valued text field of the request but csrf, as Form.<name>:
 * a settings form that comes back keeps what was typed. */
void	 web_keep_typed(struct req *r);
const char *web_cookie(struct req *r, const char *name);
/* A FastCGI parameter (CGI variable) of the request, or NULL. */
const char *web_env(struct req *r, const char *name);
/* The client's address as nginx saw it. */
const char *web_remote_addr(struct req *r);

/* Keyset pages: reads ?after=<ms>.<id> (0 and 0 when absent); -1 when
 * malformed. web_set_cursor sets Page.Next for the page after this one. */
int	 web_cursor(struct req *r, long long *ms, long long *id);
int	 web_set_cursor(struct req *r, long long ms, long long id);

/* Page data, under the request's root or under a node h. Each returns 0
 * or -1 (logged). A NULL value sets "". */
int	 web_put(HDF *h, const char *name, const char *value);
int	 web_put_int(HDF *h, const char *name, long long v);
/* "1" when v is not 0; else nothing is set (the template's if: is false) */
int	 web_put_flag(HDF *h, const char *name, long long v);
/* Sets name to the business's local time for a UTC unix time in ms, and
 * name.Full to the whole stamp. */
int	 web_put_time(struct req *r, HDF *h, const char *name, long long ms);
#define web_set(r, name, v)	 web_put((r)->hdf, (name), (v))
#define web_set_int(r, name, v)	 web_put_int((r)->hdf, (name), (v))
#define web_set_time(r, name, v) web_put_time((r), (r)->hdf, (name), (v))
/* The node list.i (created); NULL when out of memory. */
HDF	*web_item(struct req *r, const char *list, unsigned i);

/* Adds a header line ("Set-Cookie: ..."). */
void	 web_header(struct req *r, const char *name, const char *value);
void	 web_cookie_set(struct req *r, const char *name, const char *value,
	    int max_age);

/* A template rendered alone (not in layout.cs) into out, which the caller
 * frees (string_clear); 0, or -1 (logged). */
int	 web_render_part(struct req *r, const char *tmpl, STRING *out);
/* Answers. Each writes the whole response and returns its status.
 * web_render refuses (500) the page of a JOINED route that has not asked
 * route_session yet: its session has not been checked. */
int	 web_render(struct req *r, int status, const char *tmpl);
int	 web_redirect(struct req *r, const char *location);
int	 web_plain(struct req *r, int status, const char *text);
int	 web_plain_type(struct req *r, int status, const char *ctype,
	    const char *text);
int	 web_json(struct req *r, int status, const char *json);
/* A body streamed as it is made (CSV exports): headers now, then writes;
 * 0 or -1. filename, when set, makes it a download. */
int	 web_stream_begin(struct req *r, const char *ctype, const char *filename);
int	 web_stream_write(struct req *r, const char *buf, size_t len);
/* Appends one CSV field (RFC 4180: quoted when it holds a comma, quote or
 * line break) and a comma, or CRLF when last. */
void	 web_csv_field(STRING *out, const char *s, int last);
/* An error page from error.cs with a fixed message and the request id. */
int	 web_error(struct req *r, int status, const char *message);
int	 web_error_back(struct req *r, int status, const char *message,
	    const char *href, const char *label);
int	 web_neoerr(struct req *r, NEOERR *err);
/* 503 when the database failed under a request. */
int	 web_db_error(struct req *r);

#endif
