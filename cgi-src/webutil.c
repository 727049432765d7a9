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
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
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
		if (len - i < 3 || !is_hex(s[i + 1]) || !is_hex(s[i + 2]))
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
