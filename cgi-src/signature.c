/* signature.c: X-Twilio-Signature, computed and checked the provider's way;
 * shared by the portal's webhooks and the simulator */
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "signature.h"

#define SIG_MSG_MAX	(64 * 1024)

static int
by_name(const void *a, const void *b)
{
	const struct sig_param *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	/* a repeated name keeps its values in a stable, comparable order */
	return c != 0 ? c : strcmp(x->value, y->value);
}

int
sig_compute(const char *token, const char *url, struct sig_param *params,
    size_t n, char out[SIG_LEN])
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	unsigned int maclen = 0;
	char *msg;
	size_t len = strlen(url), i, off;
	int rc = -1;

	if (n > 0)
		qsort(params, n, sizeof(*params), by_name);
	for (i = 0; i < n; i++)
		len += strlen(params[i].name) + strlen(params[i].value);
	if (len > SIG_MSG_MAX || (msg = malloc(len + 1)) == NULL)
		return -1;
	off = strlen(url);
	memcpy(msg, url, off);
	for (i = 0; i < n; i++) {
		size_t nl = strlen(params[i].name), vl = strlen(params[i].value);
		memcpy(msg + off, params[i].name, nl);
		off += nl;
		memcpy(msg + off, params[i].value, vl);
		off += vl;
	}
	if (HMAC(EVP_sha1(), token, (int)strlen(token), (unsigned char *)msg,
	    off, mac, &maclen) != NULL && maclen == 20) {
		EVP_EncodeBlock((unsigned char *)out, mac, 20);
		rc = 0;
	}
	free(msg);
	return rc;
}

int
sig_verify(const char *token, const char *url, struct sig_param *params,
    size_t n, const char *sent)
{
	char want[SIG_LEN];

	if (sent == NULL || strlen(sent) != SIG_LEN - 1 ||
	    sig_compute(token, url, params, n, want) != 0)
		return 0;
	return CRYPTO_memcmp(want, sent, SIG_LEN - 1) == 0;
}
