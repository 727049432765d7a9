/* signature.h: X-Twilio-Signature, computed and checked the provider's way;
 * shared by the portal's webhooks and the simulator */
#ifndef SP_SIGNATURE_H
#define SP_SIGNATURE_H

#include <stddef.h>

struct sig_param {
	const char	*name;
	const char	*value;
};

/* Base64 of a 20-byte HMAC-SHA1, with its NUL. */
#define SIG_LEN	29

/*
 * Base64(HMAC-SHA1(key = auth token, message = url followed by each POST
 * parameter's name and value, sorted by name, no separators)). url is the
 * full URL the provider called, query string included: behind nginx the
 * configured public URL plus the path, never the Host header. params is
 * sorted in place. 0, or -1 when the message would exceed 64 KiB.
 */
int	 sig_compute(const char *token, const char *url, struct sig_param *params,
	    size_t n, char out[SIG_LEN]);
/* 1 when sent is the right signature (constant-time), else 0. */
int	 sig_verify(const char *token, const char *url, struct sig_param *params,
	    size_t n, const char *sent);

#endif
