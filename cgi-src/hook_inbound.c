/* hook_inbound.c: texts from leads (/hooks/provider/inbound): the signed
 * webhook, handed to inbound.c, which stores it once and applies the
 * opt-out rules */
#include <string.h>

#include "inbound.h"
#include "pages.h"
#include "web.h"
#include "webutil.h"

#define HOOK_MAX_PARAMS	64

static const char empty_twiml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

/*
 * 200 with an empty TwiML answer once the text is stored (a text delivered
 * twice, same MessageSid, is stored once; a text to a number no business
 * has is kept aside); 403 with a missing or wrong signature, nothing
 * stored; 400 without From, To or MessageSid; 503 when the database
 * failed: the provider keeps the text, and the sender's sweep of its
 * message list (sender.c) stores it later.
 */
int
hook_inbound(struct req *r)
{
	struct form_pair pairs[HOOK_MAX_PARAMS];
	struct inbound_text t;
	int n;

	if (!hook_verify(r, pairs, &n))
		return web_plain(r, 403, "signature missing or wrong\n");
	memset(&t, 0, sizeof(t));
	t.sid = hook_param(pairs, n, "MessageSid");
	t.from = hook_param(pairs, n, "From");
	t.to = hook_param(pairs, n, "To");
	t.body = hook_param(pairs, n, "Body");
	t.opt = hook_param(pairs, n, "OptOutType");
	if (t.sid == NULL || t.from == NULL || t.to == NULL ||
	    strlen(t.sid) > 34 || *t.from == '\0' || strlen(t.from) > 32 ||
	    strlen(t.to) > 32)
		return web_plain(r, 400, "MessageSid, From and To are required\n");
	if (t.body == NULL)
		t.body = "";
	if (inbound_receive(&t) < 0)
		return web_plain(r, 503, "try again\n");
	return web_plain_type(r, 200, "text/xml; charset=utf-8", empty_twiml);
}
