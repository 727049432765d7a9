/* provider.c: the SMS provider's REST API (Twilio's Messaging 2010-04-01 and
 * Lookup v2 shape) over libcurl: send, fetch, list, look up. The only file
 * that includes curl. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <curl/curl.h>
#include <jansson.h>

#include "config.h"
#include "provider.h"
#include "util.h"

#define MAX_ANSWER	(1024 * 1024)	/* an answer longer than this is cut off */
#define CONNECT_MS	3000L
#define POOL		64		/* easy handles kept for the multi path */

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
	int	 overflow;
};

struct provider {
	CURL	*easy;
	CURLM	*multi;
	CURL	*pool[POOL];
	struct buf pool_buf[POOL];
	char	 api[256];
	char	 lookup[256];
	char	 sid[64];
	char	 token[128];
	int	 plain_http_ok;
	long	 timeout_ms;
};

static size_t
on_data(char *p, size_t size, size_t nmemb, void *ctx)
{
	struct buf *b = ctx;
	size_t n = size * nmemb;

	if (b->len + n > MAX_ANSWER) {
		b->overflow = 1;
		return 0;	/* curl stops: "an answer that never ends" */
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *d;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((d = realloc(b->data, cap)) == NULL)
			return 0;
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return n;
}

static int
loopback_http(const char *url)
{
	static const char *ok[] = { "http://127.", "http://localhost:",
	    "http://localhost/", "http://[::1]" };
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strncmp(url, ok[i], strlen(ok[i])) == 0)
			return 1;
	return 0;
}

static int
base_ok(const char *url)
{
	return strncmp(url, "https://", 8) == 0 || loopback_http(url);
}

/* The options every request shares. */
static void
setup(struct provider *p, CURL *c, struct buf *b)
{
	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR,
	    p->plain_http_ok ? "http,https" : "https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, CONNECT_MS);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, p->timeout_ms);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPAUTH, (long)CURLAUTH_BASIC);
	curl_easy_setopt(c, CURLOPT_USERNAME, p->sid);
	curl_easy_setopt(c, CURLOPT_PASSWORD, p->token);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "salespartner/1");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
	curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	b->len = 0;
	b->overflow = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

struct provider *
provider_new(const struct sp_config *cfg)
{
	struct provider *p;
	static int global;

	if (!base_ok(cfg->provider_api_base) ||
	    !base_ok(cfg->provider_lookup_base)) {
		sp_log("provider: base URLs must be https (plain http only on "
		    "loopback): %s %s", cfg->provider_api_base,
		    cfg->provider_lookup_base);
		return NULL;
	}
	if (!global) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		global = 1;
	}
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	sp_strlcpy(p->api, cfg->provider_api_base, sizeof(p->api));
	sp_strlcpy(p->lookup, cfg->provider_lookup_base, sizeof(p->lookup));
	sp_strlcpy(p->sid, cfg->provider_account_sid, sizeof(p->sid));
	sp_strlcpy(p->token, cfg->provider_auth_token, sizeof(p->token));
	p->plain_http_ok = loopback_http(p->api) || loopback_http(p->lookup);
	p->timeout_ms = cfg->provider_timeout_ms > 0 ? cfg->provider_timeout_ms :
	    10000;
	if ((p->easy = curl_easy_init()) == NULL ||
	    (p->multi = curl_multi_init()) == NULL) {
		provider_free(p);
		return NULL;
	}
	curl_multi_setopt(p->multi, CURLMOPT_MAX_HOST_CONNECTIONS, 256L);
	return p;
}

void
provider_free(struct provider *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < POOL; i++) {
		if (p->pool[i] != NULL)
			curl_easy_cleanup(p->pool[i]);
		free(p->pool_buf[i].data);
	}
	if (p->easy != NULL)
		curl_easy_cleanup(p->easy);
	if (p->multi != NULL)
		curl_multi_cleanup(p->multi);
	free(p);
}

static void
copy_str(json_t *obj, const char *key, char *dst, size_t size)
{
	json_t *v = json_object_get(obj, key);

	dst[0] = '\0';
	if (json_is_string(v))
		sp_strlcpy(dst, json_string_value(v), size);
}

static int
get_int(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (json_is_integer(v))
		return (int)json_integer_value(v);
	if (json_is_string(v)) {	/* num_segments comes as "1" */
		long long n;
		if (sp_parse_ll(json_string_value(v), -1, 1000000000, &n) == 0)
			return (int)n;
	}
	return 0;
}

static void
unknown(struct prov_message *out, const char *what)
{
	out->result = PROV_UNKNOWN;
	sp_strlcpy(out->error_message, what, sizeof(out->error_message));
}

static void
fill_message(json_t *o, struct prov_message *out)
{
	copy_str(o, "sid", out->sid, sizeof(out->sid));
	copy_str(o, "status", out->status, sizeof(out->status));
	copy_str(o, "to", out->to, sizeof(out->to));
	copy_str(o, "from", out->from, sizeof(out->from));
	copy_str(o, "date_created", out->date_created, sizeof(out->date_created));
	copy_str(o, "date_sent", out->date_sent, sizeof(out->date_sent));
	out->num_segments = get_int(o, "num_segments");
	out->error_code = get_int(o, "error_code");
	copy_str(o, "error_message", out->error_message,
	    sizeof(out->error_message));
}

static int
sid_ok(const char *sid)
{
	size_t i;

	if (strlen(sid) != 34 || (strncmp(sid, "SM", 2) != 0 &&
	    strncmp(sid, "MM", 2) != 0))
		return 0;
	for (i = 2; i < 34; i++)
		if (!((sid[i] >= '0' && sid[i] <= '9') ||
		    (sid[i] >= 'a' && sid[i] <= 'f')))
			return 0;
	return 1;
}

/* An error body: {"code": N, "message": "...", ...}. */
static int
parse_refusal(long status, const char *body, size_t len, int *code,
    char *msg, size_t msgsz)
{
	json_error_t jerr;
	json_t *o = json_loadb(body, len, 0, &jerr);
	int ok = 0;

	if (json_is_object(o) && json_is_integer(json_object_get(o, "code"))) {
		*code = (int)json_integer_value(json_object_get(o, "code"));
		copy_str(o, "message", msg, msgsz);
		ok = 1;
	}
	json_decref(o);
	(void)status;
	return ok;
}

void
provider_parse_message(long status, const char *body, size_t len,
    struct prov_message *out)
{
	json_error_t jerr;
	json_t *o;
	char msg[256];

	memset(out, 0, sizeof(*out));
	out->http_status = status;
	if (status >= 200 && status < 300) {
		o = json_loadb(body ? body : "", len, 0, &jerr);
		if (!json_is_object(o)) {
			json_decref(o);
			snprintf(msg, sizeof(msg), "HTTP %ld with an answer that "
			    "is not JSON (%.80s)", status, jerr.text);
			unknown(out, msg);
			return;
		}
		fill_message(o, out);
		json_decref(o);
		if (!sid_ok(out->sid)) {
			snprintf(msg, sizeof(msg), "HTTP %ld without a message "
			    "sid", status);
			unknown(out, msg);
			return;
		}
		out->result = PROV_OK;
		return;
	}
	if (status >= 400 && status < 500 && parse_refusal(status, body ? body :
	    "", len, &out->error_code, out->error_message,
	    sizeof(out->error_message))) {
		out->result = PROV_REFUSED;
		return;
	}
	if (status == 429) {
		out->result = PROV_REFUSED;
		out->error_code = 20429;
		sp_strlcpy(out->error_message, "Too many requests",
		    sizeof(out->error_message));
		return;
	}
	/* 5xx, or a 4xx that is not the provider's (a proxy's HTML page):
	 * nobody can say whether the message went */
	snprintf(msg, sizeof(msg), "HTTP %ld without the provider's answer",
	    status);
	unknown(out, msg);
}

static void
transport_error(CURLcode rc, struct buf *b, struct prov_message *out)
{
	char msg[256];

	memset(out, 0, sizeof(*out));
	snprintf(msg, sizeof(msg), "%s%s", b->overflow ?
	    "answer too long: " : "", curl_easy_strerror(rc));
	unknown(out, msg);
}

static char *
form(CURL *c, const char *const *kv, size_t n)
{
	size_t i, len = 0, off = 0;
	char *out, *esc[16];

	if (n > 16)
		return NULL;
	for (i = 0; i < n; i++) {
		esc[i] = kv[i] ? curl_easy_escape(c, kv[i], 0) : NULL;
		len += (esc[i] ? strlen(esc[i]) : 0) + 2;
	}
	if ((out = malloc(len + 1)) != NULL) {
		for (i = 0; i + 1 < n; i += 2) {
			if (esc[i + 1] == NULL)
				continue;
			off += (size_t)snprintf(out + off, len + 1 - off,
			    "%s%s=%s", off ? "&" : "", kv[i], esc[i + 1]);
		}
		out[off] = '\0';
	}
	for (i = 0; i < n; i++)
		curl_free(esc[i]);
	return out;
}

/* Prepares c to send one message; the form is returned for the caller to
 * free after the transfer. */
static char *
prepare_send(struct provider *p, CURL *c, struct buf *b, const char *from,
    const char *to, const char *body, const char *cb)
{
	char url[512];
	const char *kv[] = { "To", to, "From", from, "Body", body,
	    "StatusCallback", cb };
	char *f;

	setup(p, c, b);
	snprintf(url, sizeof(url), "%s/2010-04-01/Accounts/%s/Messages.json",
	    p->api, p->sid);
	if ((f = form(c, kv, 8)) == NULL)
		return NULL;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, f);
	return f;
}

static void
finish(CURL *c, CURLcode rc, struct buf *b, struct prov_message *out)
{
	long status = 0;

	if (rc != CURLE_OK) {
		transport_error(rc, b, out);
		return;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	provider_parse_message(status, b->data, b->len, out);
}

void
provider_send(struct provider *p, const char *from, const char *to,
    const char *body, const char *cb, struct prov_message *out)
{
	struct buf b = { 0 };
	char *f;

	memset(out, 0, sizeof(*out));
	if ((f = prepare_send(p, p->easy, &b, from, to, body, cb)) == NULL) {
		out->result = PROV_LOCAL;
		sp_strlcpy(out->error_message, "out of memory",
		    sizeof(out->error_message));
		return;
	}
	finish(p->easy, curl_easy_perform(p->easy), &b, out);
	if (out->result != PROV_OK)
		sp_log("provider: send to %s: %s (code %d)", to,
		    out->error_message, out->error_code);
	free(f);
	free(b.data);
}

static int
get(struct provider *p, const char *url, struct buf *b, long *status,
    CURLcode *rc)
{
	setup(p, p->easy, b);
	curl_easy_setopt(p->easy, CURLOPT_URL, url);
	curl_easy_setopt(p->easy, CURLOPT_HTTPGET, 1L);
	*rc = curl_easy_perform(p->easy);
	*status = 0;
	curl_easy_getinfo(p->easy, CURLINFO_RESPONSE_CODE, status);
	return *rc == CURLE_OK ? 0 : -1;
}

void
provider_fetch(struct provider *p, const char *sid, struct prov_message *out)
{
	struct buf b = { 0 };
	char url[512];
	long status;
	CURLcode rc;

	memset(out, 0, sizeof(*out));
	if (!sid_ok(sid)) {
		out->result = PROV_LOCAL;
		sp_strlcpy(out->error_message, "not a message sid",
		    sizeof(out->error_message));
		return;
	}
	snprintf(url, sizeof(url), "%s/2010-04-01/Accounts/%s/Messages/%s.json",
	    p->api, p->sid, sid);
	if (get(p, url, &b, &status, &rc) != 0)
		transport_error(rc, &b, out);
	else
		provider_parse_message(status, b.data, b.len, out);
	free(b.data);
}

/* Messages to `to` from `from` sent on or after date, newest first: each
 * one, as the provider's JSON object, to each(). */
static enum prov_result
list_each(struct provider *p, const char *to, const char *from,
    const char *date, int (*each)(json_t *, void *), void *ctx)
{
	struct buf b = { 0 };
	char url[1024];
	const char *kv[] = { "To", to, "From", from, "DateSent%3E", date,
	    "PageSize", "1000" };
	char *q = NULL;
	long status;
	CURLcode rc;
	json_error_t jerr;
	json_t *o = NULL, *arr;
	enum prov_result res = PROV_UNKNOWN;
	size_t i;

	if ((q = form(p->easy, kv, 8)) == NULL)
		return PROV_LOCAL;
	/* DateSent>=YYYY-MM-DD: the '>' is part of the name */
	snprintf(url, sizeof(url), "%s/2010-04-01/Accounts/%s/Messages.json?%s",
	    p->api, p->sid, q);
	free(q);
	if (get(p, url, &b, &status, &rc) != 0) {
		sp_log("provider: list: %s", curl_easy_strerror(rc));
		goto out;
	}
	if (status == 200) {
		o = json_loadb(b.data ? b.data : "", b.len, 0, &jerr);
		arr = json_object_get(o, "messages");
		if (!json_is_array(arr)) {
			sp_log("provider: list: no messages array");
			goto out;
		}
		for (i = 0; i < json_array_size(arr); i++) {
			json_t *m = json_array_get(arr, i);
			if (json_is_object(m) && each(m, ctx) != 0)
				break;
		}
		res = PROV_OK;
	} else {
		sp_log("provider: list: HTTP %ld", status);
		res = status >= 400 && status < 500 && status != 429 ?
		    PROV_REFUSED : PROV_UNKNOWN;
	}
out:
	json_decref(o);
	free(b.data);
	return res;
}

struct list_ctx {
	const char		*body;
	struct prov_message	*out;
	size_t			 max, *n;
};

static int
list_one(json_t *m, void *ctx)
{
	struct list_ctx *l = ctx;
	json_t *b = json_object_get(m, "body");

	if (*l->n >= l->max)
		return 1;
	if (l->body != NULL && (!json_is_string(b) ||
	    strcmp(json_string_value(b), l->body) != 0))
		return 0;
	memset(&l->out[*l->n], 0, sizeof(l->out[*l->n]));
	fill_message(m, &l->out[*l->n]);
	l->out[*l->n].result = PROV_OK;
	l->out[*l->n].http_status = 200;
	(*l->n)++;
	return 0;
}

enum prov_result
provider_list(struct provider *p, const char *to, const char *from,
    const char *date, const char *body, struct prov_message *out, size_t max,
    size_t *n)
{
	struct list_ctx l = { body, out, max, n };

	*n = 0;
	return list_each(p, to, from, date, list_one, &l);
}

struct received_ctx {
	void	(*fn)(const struct prov_received *, void *);
	void	 *ctx;
};

static int
received_one(json_t *m, void *ctx)
{
	struct received_ctx *r = ctx;
	struct prov_received in;
	json_t *d = json_object_get(m, "direction");
	json_t *b = json_object_get(m, "body");

	if (!json_is_string(d) || strcmp(json_string_value(d), "inbound") != 0)
		return 0;
	memset(&in, 0, sizeof(in));
	copy_str(m, "sid", in.sid, sizeof(in.sid));
	copy_str(m, "from", in.from, sizeof(in.from));
	copy_str(m, "to", in.to, sizeof(in.to));
	copy_str(m, "date_sent", in.date_sent, sizeof(in.date_sent));
	in.body = json_is_string(b) ? json_string_value(b) : "";
	if (in.sid[0] != '\0' && in.from[0] != '\0')
		r->fn(&in, r->ctx);
	return 0;
}

enum prov_result
provider_list_received(struct provider *p, const char *to, const char *date,
    void (*fn)(const struct prov_received *, void *), void *ctx)
{
	struct received_ctx r = { fn, ctx };

	return list_each(p, to, NULL, date, received_one, &r);
}

static int
prepare_lookup(struct provider *p, CURL *c, struct buf *b, const char *e164)
{
	char url[512], *esc;

	setup(p, c, b);
	if ((esc = curl_easy_escape(c, e164, 0)) == NULL)
		return -1;
	snprintf(url, sizeof(url),
	    "%s/v2/PhoneNumbers/%s?Fields=line_type_intelligence", p->lookup, esc);
	curl_free(esc);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	return 0;
}

static void
finish_lookup(CURL *c, CURLcode rc, struct buf *b, const char *e164,
    struct prov_lookup *out)
{
	long status = 0;
	json_error_t jerr;
	json_t *o = NULL, *lti;

	memset(out, 0, sizeof(*out));
	out->result = PROV_UNKNOWN;
	if (rc != CURLE_OK) {
		snprintf(out->error_message, sizeof(out->error_message), "%s",
		    curl_easy_strerror(rc));
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	out->http_status = status;
	o = json_loadb(b->data ? b->data : "", b->len, 0, &jerr);
	if (status != 200) {
		if (status >= 400 && status < 500 && status != 429 &&
		    parse_refusal(status, b->data ? b->data : "", b->len,
		    &out->error_code, out->error_message,
		    sizeof(out->error_message)))
			out->result = PROV_REFUSED;
		else
			snprintf(out->error_message, sizeof(out->error_message),
			    "HTTP %ld", status);
		goto out;
	}
	if (!json_is_object(o) || !json_is_boolean(json_object_get(o, "valid"))) {
		sp_strlcpy(out->error_message, "look-up answer is not JSON",
		    sizeof(out->error_message));
		goto out;
	}
	out->valid = json_is_true(json_object_get(o, "valid"));
	copy_str(o, "phone_number", out->phone_number, sizeof(out->phone_number));
	lti = json_object_get(o, "line_type_intelligence");
	if (json_is_object(lti)) {
		copy_str(lti, "type", out->type, sizeof(out->type));
		copy_str(lti, "carrier_name", out->carrier, sizeof(out->carrier));
		out->error_code = get_int(lti, "error_code");
	}
	out->result = PROV_OK;
out:
	if (out->result != PROV_OK)
		sp_log("provider: look-up %s: %s", e164, out->error_message);
	json_decref(o);
}

void
provider_lookup(struct provider *p, const char *e164, struct prov_lookup *out)
{
	struct buf b = { 0 };

	if (prepare_lookup(p, p->easy, &b, e164) != 0) {
		memset(out, 0, sizeof(*out));
		out->result = PROV_LOCAL;
		return;
	}
	finish_lookup(p->easy, curl_easy_perform(p->easy), &b, e164, out);
	free(b.data);
}

/*
 * Runs n requests with at most `parallel` in flight on the multi handle:
 * prepare(i) sets up pool handle `slot` for request i (0, or -1 to skip it
 * with its result left for prepare to fill), done(i) reads the answer.
 */
struct many_ops {
	int	(*prepare)(struct provider *, size_t i, CURL *, struct buf *,
		    void *ctx);
	void	(*done)(struct provider *, size_t i, CURL *, CURLcode,
		    struct buf *, void *ctx);
	void	(*cleanup)(size_t i, void *ctx);
};

static void
run_many(struct provider *p, size_t n, int parallel,
    const struct many_ops *ops, void *ctx)
{
	int busy[POOL] = { 0 };
	size_t slot_req[POOL];
	size_t next = 0, done = 0, i;
	int running = 0, active = 0;

	if (parallel < 1)
		parallel = 1;
	if (parallel > POOL)
		parallel = POOL;
	for (i = 0; i < (size_t)parallel; i++)
		if (p->pool[i] == NULL && (p->pool[i] = curl_easy_init()) == NULL)
			parallel = (int)i;
	if (parallel == 0)
		return;
	while (done < n) {
		CURLMsg *msg;
		int left;

		for (i = 0; i < (size_t)parallel && next < n; i++) {
			if (busy[i])
				continue;
			if (ops->prepare(p, next, p->pool[i], &p->pool_buf[i],
			    ctx) != 0) {
				next++;
				done++;
				continue;
			}
			curl_easy_setopt(p->pool[i], CURLOPT_PRIVATE, (void *)i);
			curl_multi_add_handle(p->multi, p->pool[i]);
			slot_req[i] = next++;
			busy[i] = 1;
			active++;
		}
		if (active == 0)
			break;
		curl_multi_perform(p->multi, &running);
		while ((msg = curl_multi_info_read(p->multi, &left)) != NULL) {
			void *priv;
			size_t sl;
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
			sl = (size_t)priv;
			ops->done(p, slot_req[sl], p->pool[sl], msg->data.result,
			    &p->pool_buf[sl], ctx);
			curl_multi_remove_handle(p->multi, p->pool[sl]);
			if (ops->cleanup != NULL)
				ops->cleanup(slot_req[sl], ctx);
			busy[sl] = 0;
			active--;
			done++;
		}
		if (running > 0)
			curl_multi_poll(p->multi, NULL, 0, 100, NULL);
	}
}

struct lookup_ctx {
	const char		**numbers;
	struct prov_lookup	*out;
};

static int
lk_prepare(struct provider *p, size_t i, CURL *c, struct buf *b, void *ctx)
{
	struct lookup_ctx *lc = ctx;

	if (prepare_lookup(p, c, b, lc->numbers[i]) != 0) {
		memset(&lc->out[i], 0, sizeof(lc->out[i]));
		lc->out[i].result = PROV_LOCAL;
		return -1;
	}
	return 0;
}

static void
lk_done(struct provider *p, size_t i, CURL *c, CURLcode rc, struct buf *b,
    void *ctx)
{
	struct lookup_ctx *lc = ctx;

	(void)p;
	finish_lookup(c, rc, b, lc->numbers[i], &lc->out[i]);
}

void
provider_lookup_many(struct provider *p, const char **numbers,
    struct prov_lookup *out, size_t n, int parallel)
{
	struct lookup_ctx lc = { numbers, out };
	static const struct many_ops ops = { lk_prepare, lk_done, NULL };

	run_many(p, n, parallel, &ops, &lc);
}

struct send_ctx {
	struct prov_send	*reqs;
};

static int
sd_prepare(struct provider *p, size_t i, CURL *c, struct buf *b, void *ctx)
{
	struct prov_send *r = &((struct send_ctx *)ctx)->reqs[i];

	memset(&r->out, 0, sizeof(r->out));
	r->form = prepare_send(p, c, b, r->from, r->to, r->body,
	    r->status_callback);
	if (r->form == NULL) {
		r->out.result = PROV_LOCAL;
		sp_strlcpy(r->out.error_message, "out of memory",
		    sizeof(r->out.error_message));
		return -1;
	}
	return 0;
}

static void
sd_done(struct provider *p, size_t i, CURL *c, CURLcode rc, struct buf *b,
    void *ctx)
{
	struct prov_send *r = &((struct send_ctx *)ctx)->reqs[i];

	(void)p;
	finish(c, rc, b, &r->out);
}

static void
sd_cleanup(size_t i, void *ctx)
{
	struct prov_send *r = &((struct send_ctx *)ctx)->reqs[i];

	free(r->form);
	r->form = NULL;
}

void
provider_send_many(struct provider *p, struct prov_send *reqs, size_t n,
    int parallel)
{
	struct send_ctx sc;
	static const struct many_ops ops = { sd_prepare, sd_done, sd_cleanup };

	sc.reqs = reqs;
	run_many(p, n, parallel, &ops, &sc);
}
