/* hook_status.c: the provider's status callbacks (/hooks/provider/status) */
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "pages.h"
#include "signature.h"
#include "store_messages.h"
#include "util.h"
#include "web.h"
#include "webutil.h"

#define HOOK_MAX_PARAMS	64

int
hook_verify(struct req *r, struct form_pair *pairs, int *n)
{
	struct sig_param params[HOOK_MAX_PARAMS];
	const char *sent = web_env(r, "HTTP_X_TWILIO_SIGNATURE");
	const char *uri = web_env(r, "REQUEST_URI");
	char url[2048];
	char *copy;
	int i;

	*n = 0;
	if (sent == NULL || r->body == NULL)
		return 0;
	/* the URL the provider called: our public URL, never the Host */
	snprintf(url, sizeof(url), "%s%s", r->cfg->public_url,
	    uri ? uri : r->path);
	if ((copy = strdup(r->body)) == NULL)
		return 0;
	*n = webutil_form_parse(copy, pairs, HOOK_MAX_PARAMS);
	for (i = 0; i < *n; i++) {
		params[i].name = pairs[i].name;
		params[i].value = pairs[i].value;
	}
	if (*n < 0 || !sig_verify(r->cfg->provider_auth_token, url, params,
	    (size_t)*n, sent)) {
		free(copy);
		*n = 0;
		return 0;
	}
	r->form_buf = copy;	/* pairs point into it; freed with the request */
	return 1;
}

const char *
hook_param(const struct form_pair *pairs, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(pairs[i].name, name) == 0)
			return pairs[i].value;
	return NULL;
}

/*
 * 200 once the event is kept (a duplicate is kept once); 403 with a missing
 * or wrong signature, and nothing stored; 400 without MessageSid or
 * MessageStatus; 503 when the database failed (the provider tries again).
 * One insert: the senders apply the events in batches (sender.c), merged
 * so that a status never moves backwards; an event for a sid no message
 * has yet waits for it, and one for a sid that is never ours changes
 * nothing.
 */
int
hook_status(struct req *r)
{
	struct form_pair pairs[HOOK_MAX_PARAMS];
	const char *sid, *status, *code_s, *dlr;
	long long code = 0;
	int n;

	if (!hook_verify(r, pairs, &n))
		return web_plain(r, 403, "signature missing or wrong\n");
	sid = hook_param(pairs, n, "MessageSid");
	status = hook_param(pairs, n, "MessageStatus");
	if (status == NULL)
		status = hook_param(pairs, n, "SmsStatus");
	code_s = hook_param(pairs, n, "ErrorCode");
	dlr = hook_param(pairs, n, "RawDlrDoneDate");
	if (sid == NULL || status == NULL || strlen(sid) != 34 ||
	    strlen(status) > 15)
		return web_plain(r, 400, "MessageSid and MessageStatus are "
		    "required\n");
	if (code_s != NULL && *code_s != '\0' &&
	    sp_parse_ll(code_s, 0, 99999999, &code) != 0)
		code = 0;
	if (store_events_add(sid, status, (int)code, dlr) < 0)
		return web_plain(r, 503, "try again\n");
	return web_plain(r, 200, "");
}
