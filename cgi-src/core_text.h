/* core_text.h: UTF-8 decoding shared by the rules that read text */
#ifndef SP_CORE_TEXT_H
#define SP_CORE_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s[*i] (len bytes in all) and advances *i past
 * it; -1 (and *i past one byte) for an invalid sequence. */
int32_t	 text_next(const char *s, size_t len, size_t *i);
/* Nonzero when s[0..len) is well-formed UTF-8. */
int	 text_utf8_valid(const char *s, size_t len);

/* Copies s[0..len) to out (outsz bytes, always NUL-terminated) as valid
 * UTF-8: an invalid sequence becomes U+FFFD, a NUL is dropped. Returns the
 * bytes written (not counting the NUL). */
size_t	 text_sanitize(const char *s, size_t len, char *out, size_t outsz);

#endif
