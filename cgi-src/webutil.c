/* webutil.c: pure helpers of the web layer (no I/O), unit-tested and fuzzed */
#include <stdint.h>
#include <string.h>

#include "core_text.h"
#include "util.h"
#include "webutil.h"

int
webutil_text_ok(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		int32_t c = text_next(s, len, &i);
		if (c < 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f)
			return 0;
	}
	return 1;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
webutil_urlencoded_ok(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\0')
			return 0;
		if (s[i] != '%')
			continue;
		if (len - i < 3 || hexval(s[i + 1]) < 0 || hexval(s[i + 2]) < 0)
			return 0;
		/* an encoded NUL would cut the value short where it lands */
		if (hexval(s[i + 1]) == 0 && hexval(s[i + 2]) == 0)
			return 0;
		i += 2;
	}
	return 1;
}

int
webutil_route_match(const char *pattern, const char *path,
    long long *params, int maxparams)
{
	const char *p = pattern, *q = path;
	int n = 0;

	while (*p != '\0') {
		if (*p == ':') {
			long long v = 0;
			int digits = 0;
			while (*p != '\0' && *p != '/')
				p++;
			while (*q >= '0' && *q <= '9' && digits < 19) {
				v = v * 10 + (*q - '0');
				q++;
				digits++;
			}
			if (digits == 0 || digits > 18 ||
			    (*q != '\0' && *q != '/'))
				return -1;
			if (n >= maxparams)
				return -1;
			params[n++] = v;
			continue;
		}
		if (*p != *q)
			return -1;
		p++;
		q++;
	}
	return *q == '\0' ? n : -1;
}

int
webutil_token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i;
	unsigned char diff = 0;

	if (la != lb || la == 0)
		return 0;
	for (i = 0; i < la; i++)
		diff |= (unsigned char)(a[i] ^ b[i]);
	return diff == 0;
}

int
webutil_cursor_parse(const char *s, long long *ms, long long *id)
{
	char buf[48];
	char *dot;

	if (s == NULL || sp_strlcpy(buf, s, sizeof(buf)) >= sizeof(buf))
		return -1;
	if ((dot = strchr(buf, '.')) == NULL)
		return -1;
	*dot = '\0';
	if (sp_parse_ll(buf, 0, 253402300799999LL, ms) != 0 ||
	    sp_parse_ll(dot + 1, 1, INT64_MAX, id) != 0)
		return -1;
	return 0;
}

int
webutil_email_ok(const char *s)
{
	const char *at;
	size_t len = strlen(s), i;

	if (len < 3 || len > 254)
		return 0;
	if ((at = strchr(s, '@')) == NULL || at == s || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL)
		return 0;
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '<' || s[i] == '>')
			return 0;
	return 1;
}

/* Decodes s in place; -1 on a malformed escape or an encoded NUL. */
static int
decode(char *s)
{
	char *o = s;

	for (; *s != '\0'; s++) {
		if (*s == '+')
			*o++ = ' ';
		else if (*s == '%') {
			int hi = hexval(s[1]), lo = hi >= 0 ? hexval(s[2]) : -1;
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return -1;
			*o++ = (char)(hi * 16 + lo);
			s += 2;
		} else
			*o++ = *s;
	}
	*o = '\0';
	return 0;
}

int
webutil_form_parse(char *buf, struct form_pair *out, int max)
{
	char *p = buf;
	int n = 0;

	while (*p != '\0') {
		char *amp = strchr(p, '&'), *eq;
		if (amp != NULL)
			*amp = '\0';
		if (*p != '\0') {
			if (n >= max)
				return -1;
			eq = strchr(p, '=');
			if (eq != NULL)
				*eq = '\0';
			out[n].name = p;
			out[n].value = eq ? eq + 1 : p + strlen(p);
			if (decode(out[n].name) != 0 ||
			    (eq != NULL && decode(out[n].value) != 0))
				return -1;
			n++;
		}
		if (amp == NULL)
			break;
		p = amp + 1;
	}
	return n;
}

void
webutil_yesterday(int year, int yday, int *y_year, int *y_yday)
{
	int y;

	*y_year = year;
	if ((*y_yday = yday - 1) >= 0)
		return;
	y = 1900 + --*y_year;
	*y_yday = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 365 : 364;
}
