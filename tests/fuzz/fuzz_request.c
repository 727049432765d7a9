/* fuzz_request.c: the request parser as the portal drives it: our checks
 * (webutil) and ClearSilver's cgi kit (query string, urlencoded form,
 * cookies) through cgiwrap_init_emu. The input is three parts split at
 * the first two newlines: query string, cookie header, body. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ClearSilver.h>

#include "webutil.h"

struct fake {
	char	*query, *cookie, *body, clen[24];
	size_t	 body_len, pos;
};

static int
cb_read(void *data, char *buf, int len)
{
	struct fake *f = data;
	size_t n = f->body_len - f->pos;

	if ((size_t)len < n)
		n = (size_t)len;
	memcpy(buf, f->body + f->pos, n);
	f->pos += n;
	return (int)n;
}

static int
cb_writef(void *data, const char *fmt, va_list ap)
{
	(void)data; (void)fmt; (void)ap;
	return 0;
}

static int
cb_write(void *data, const char *buf, int len)
{
	(void)data; (void)buf;
	return len;
}

static char *
cb_getenv(void *data, const char *name)
{
	struct fake *f = data;

	if (strcmp(name, "QUERY_STRING") == 0)
		return strdup(f->query);
	if (strcmp(name, "HTTP_COOKIE") == 0)
		return strdup(f->cookie);
	if (strcmp(name, "REQUEST_METHOD") == 0)
		return strdup("POST");
	if (strcmp(name, "CONTENT_TYPE") == 0)
		return strdup("application/x-www-form-urlencoded");
	if (strcmp(name, "CONTENT_LENGTH") == 0)
		return strdup(f->clen);
	return NULL;
}

static int
cb_putenv(void *data, const char *k, const char *v)
{
	(void)data; (void)k; (void)v;
	return 0;
}

static int
cb_iterenv(void *data, int n, char **k, char **v)
{
	struct fake *f = data;

	*k = NULL;
	*v = NULL;
	if (n == 0) {
		*k = strdup("HTTP_COOKIE");
		*v = strdup(f->cookie);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *nl1, *nl2;
	struct fake f;
	CGI *cgi = NULL;
	NEOERR *err;
	long long p[4], ms, id;

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	memset(&f, 0, sizeof(f));
	f.query = copy;
	f.cookie = f.body = copy + size;
	if ((nl1 = memchr(copy, '\n', size)) != NULL) {
		*nl1 = '\0';
		f.cookie = nl1 + 1;
		if ((nl2 = strchr(f.cookie, '\n')) != NULL) {
			*nl2 = '\0';
			f.body = nl2 + 1;
		}
	}
	f.body_len = size - (size_t)(f.body - copy);
	snprintf(f.clen, sizeof(f.clen), "%zu", f.body_len);

	/* the portal's own checks, as route.c runs them */
	webutil_urlencoded_ok(f.query, strlen(f.query));
	webutil_urlencoded_ok(f.body, f.body_len);
	webutil_text_ok(f.body, f.body_len);
	webutil_route_match("/conversations/:id", f.query, p, 4);
	webutil_cursor_parse(f.cookie, &ms, &id);

	cgiwrap_init_emu(&f, cb_read, cb_writef, cb_write, cb_getenv,
	    cb_putenv, cb_iterenv);
	if ((err = cgi_init(&cgi, NULL)) == STATUS_OK) {
		if ((err = cgi_parse(cgi)) != STATUS_OK)
			nerr_ignore(&err);
		cgi_destroy(&cgi);
	} else
		nerr_ignore(&err);
	free(copy);
	return 0;
}
