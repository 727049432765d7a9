/* core_text.c: UTF-8 decoding shared by the rules that read text */
#include <string.h>

#include "core_text.h"

int32_t
text_next(const char *s, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s + *i;
	size_t left = len - *i, n, k;
	uint32_t cp;
	unsigned c = p[0];

	if (c < 0x80) {
		*i += 1;
		return (int32_t)c;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 1;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 2;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 3;
		cp = c & 0x07;
	} else
		goto bad;
	if (left <= n)
		goto bad;
	for (k = 1; k <= n; k++) {
		if ((p[k] & 0xc0) != 0x80)
			goto bad;
		cp = (cp << 6) | (p[k] & 0x3f);
	}
	/* overlong forms, surrogates and beyond U+10FFFF */
	if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		goto bad;
	*i += n + 1;
	return (int32_t)cp;
bad:
	*i += 1;
	return -1;
}

int
text_utf8_valid(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len)
		if (text_next(s, len, &i) < 0)
			return 0;
	return 1;
}

size_t
text_sanitize(const char *s, size_t len, char *out, size_t outsz)
{
	size_t i = 0, o = 0;

	if (outsz == 0)
		return 0;
	while (i < len) {
		size_t at = i;
		int32_t c = text_next(s, len, &i);
		size_t n = c < 0 ? 3 : i - at;
		if (c == 0)
			continue;
		if (o + n + 1 > outsz)
			break;
		if (c < 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);	/* U+FFFD */
		} else
			memcpy(out + o, s + at, n);
		o += n;
	}
	out[o] = '\0';
	return o;
}
