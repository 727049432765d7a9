/* webutil.h: pure helpers of the web layer (no I/O), unit-tested and fuzzed */
#ifndef SP_WEBUTIL_H
#define SP_WEBUTIL_H

#include <stddef.h>

/* Nonzero when s[0..len) is well-formed UTF-8 with no NUL and no C0
 * control other than tab, newline and carriage return. */
int	 webutil_text_ok(const char *s, size_t len);
/* Nonzero when every % in s[0..len) starts a two-hex-digit escape. */
int	 webutil_urlencoded_ok(const char *s, size_t len);

/*
 * Matches path against a route pattern such as "/conversations/:id"; a
 * ":name" segment matches 1 to 18 decimal digits only. On a match returns
 * the number of parameters stored in params (at most maxparams), else -1.
 */
int	 webutil_route_match(const char *pattern, const char *path,
	    long long *params, int maxparams);

/* Constant-time comparison of two NUL-terminated tokens. */
int	 webutil_token_equal(const char *a, const char *b);

/* A keyset cursor "<unix-ms>.<id>"; 0 or -1 when malformed. */
int	 webutil_cursor_parse(const char *s, long long *ms, long long *id);

/* Nonzero when a local-part@domain address looks deliverable enough to be
 * a login name: one @, no spaces, at most 254 bytes. */
int	 webutil_email_ok(const char *s);

/* One name=value pair of an urlencoded body, decoded in place. */
struct form_pair {
	char	*name;
	char	*value;
};
/*
 * Splits and decodes an application/x-www-form-urlencoded body (buf, NUL-
 * terminated, changed in place) into at most max pairs; the count, or -1
 * when there are more or an escape is malformed.
 */
int	 webutil_form_parse(char *buf, struct form_pair *out, int max);

/* The calendar day before (tm_year, tm_yday) as struct tm counts them
 * (years since 1900, days from 0): the last of the year before on
 * 1 January, 365 when that year was a leap year. */
void	 webutil_yesterday(int year, int yday, int *y_year, int *y_yday);

#endif
