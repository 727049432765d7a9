/* sim.c: sp-sim, the provider simulator: the provider's HTTP API (send,
 * fetch, list, look-up), signed status callbacks and inbound webhooks,
 * outcomes decided by the destination number, fault injection, and a record
 * of every message it accepted. The one stand-in the project allows. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>
#include <curl/curl.h>
#include <jansson.h>
#include <microhttpd.h>
#include <openssl/evp.h>

#include "core_lint.h"
#include "signature.h"
#include "util.h"
#include "webutil.h"

#define MAX_BODY	(64 * 1024)
#define MAX_PARAMS	32

/* What a destination does, by the last two digits of a North American
 * number (README: "The simulator's outcomes"). */
enum outcome {
	OUT_DELIVERED,		/* 00-49 and anything else */
	OUT_LANDLINE,		/* 50: look-up landline; a send fails 30006 */
	OUT_VOIP,		/* 51: nonFixedVoip, delivered */
	OUT_FILTERED,		/* 52: 30007 carrier filtering */
	OUT_UNREACHABLE,	/* 53: 30003 */
	OUT_UNKNOWN_HANDSET,	/* 54: 30005 */
	OUT_BLOCKED,		/* 55: 30004 */
	OUT_OPTED_OUT,		/* 56: 21610 refused at once */
	OUT_FIXED_VOIP,		/* 57: fixedVoip; a send fails 30006 */
	OUT_CARRIER_ERROR,	/* 58: 30008 */
	OUT_NOT_MOBILE,		/* 59: 21614 refused at once */
	OUT_NO_RECEIPT,		/* 60: stays "sent", no carrier receipt */
	OUT_UNREGISTERED,	/* 61: 30034 */
	OUT_RATE_LIMITED,	/* 62: 30022 */
	OUT_INVALID,		/* 555-01XX: 21211 refused at once */
};

struct msg {
	char		 sid[35];
	char		 to[20];
	char		 from[20];
	char		*body;
	char		 final[16];	/* where it ends */
	int		 error_code;	/* with the final status */
	int64_t		 t_sent;	/* when it turns "sent" */
	int64_t		 t_final;	/* when it reaches `final` */
	int		 segments;
	time_t		 created;
	char		*callback;
	int		 inbound;	/* a lead's text to one of our numbers */
};

struct callback {
	int64_t		 due_ms;
	char		*url;
	char		*form;
	char		 sig[SIG_LEN];
	struct curl_slist *hdrs;	/* while in flight */
};

struct fault {
	double		 p5xx, p429, ptimeout;
	int		 slow_ms;
	int		 duplicate;
	int		 out_of_order;
	int		 delay_ms;	/* between status callbacks */
	int		 hang_ms;	/* how long a "timeout" holds the answer */
	int		 endless;	/* sends answer with a body that never ends */
	int		 hold;		/* callbacks wait, all of them, until 0 */
};

static struct {
	pthread_mutex_t	 lock;
	pthread_cond_t	 wake;
	struct msg	*msgs;
	size_t		 nmsgs, capmsgs;
	struct callback	*cbs;
	size_t		 ncbs, capcbs;
	struct fault	 fault;
	char		 account[64];
	char		 token[128];
	char		 inbound_url[512];
	uint64_t	 rng;
	volatile sig_atomic_t stop;
	unsigned long	 inbound_sent, callbacks_sent, callbacks_failed;
	int64_t		 callbacks_first_ms, callbacks_last_ms;	/* answered */
} S = { .lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER };

static struct msg *record(const struct msg *m);

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* xorshift64*, under S.lock */
static uint64_t
rnd(void)
{
	S.rng ^= S.rng >> 12;
	S.rng ^= S.rng << 25;
	S.rng ^= S.rng >> 27;
	return S.rng * 2685821657736338717ULL;
}

static double
chance(void)
{
	return (double)(rnd() >> 11) / (double)(1ULL << 53);
}

static void
new_sid(char out[35])
{
	unsigned char raw[16];

	if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw))
		for (size_t i = 0; i < sizeof(raw); i++)
			raw[i] = (unsigned char)rnd();
	out[0] = 'S';
	out[1] = 'M';
	sp_hex(raw, sizeof(raw), out + 2);
}

static void
rfc2822(time_t t, char *buf, size_t size)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, size, "%a, %d %b %Y %H:%M:%S +0000", &tm);
}

/* --- form bodies --------------------------------------------------- */

struct form {
	char		*buf;
	struct form_pair pairs[MAX_PARAMS];
	int		 n;	/* -1: malformed */
};

static void
form_parse(struct form *f, const char *body, size_t len)
{
	memset(f, 0, sizeof(*f));
	if ((f->buf = malloc(len + 1)) == NULL) {
		f->n = -1;
		return;
	}
	memcpy(f->buf, body, len);
	f->buf[len] = '\0';
	f->n = webutil_form_parse(f->buf, f->pairs, MAX_PARAMS);
}

static const char *
form_get(const struct form *f, const char *name)
{
	int i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->pairs[i].name, name) == 0)
			return f->pairs[i].value;
	return NULL;
}

/* --- outcomes ------------------------------------------------------ */

static enum outcome
outcome_of(const char *to)
{
	size_t len = to ? strlen(to) : 0;
	int last2;

	if (len == 12 && strncmp(to, "+1", 2) == 0 &&
	    strncmp(to + 5, "55501", 5) == 0)
		return OUT_INVALID;
	if (len < 3)
		return OUT_DELIVERED;
	last2 = (to[len - 2] - '0') * 10 + (to[len - 1] - '0');
	switch (last2) {
	case 50: return OUT_LANDLINE;
	case 51: return OUT_VOIP;
	case 52: return OUT_FILTERED;
	case 53: return OUT_UNREACHABLE;
	case 54: return OUT_UNKNOWN_HANDSET;
	case 55: return OUT_BLOCKED;
	case 56: return OUT_OPTED_OUT;
	case 57: return OUT_FIXED_VOIP;
	case 58: return OUT_CARRIER_ERROR;
	case 59: return OUT_NOT_MOBILE;
	case 60: return OUT_NO_RECEIPT;
	case 61: return OUT_UNREGISTERED;
	case 62: return OUT_RATE_LIMITED;
	default: return OUT_DELIVERED;
	}
}

static int
e164_ok(const char *s)
{
	size_t i, len = s ? strlen(s) : 0;

	if (len < 8 || len > 16 || s[0] != '+' || s[1] == '0')
		return 0;
	for (i = 1; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Carriers filter shortened links whatever the number: content can also
 * decide a 30007, so lint and filtering can be shown together. */
static int
filtered_content(const char *body)
{
	static const char *hosts[] = { "bit.ly/", "tinyurl.com/", "t.co/",
	    "goo.gl/", "ow.ly/", "is.gd/", "cutt.ly/", "rb.gy/" };
	size_t i;

	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++)
		if (strstr(body, hosts[i]) != NULL)
			return 1;
	return 0;
}

/* --- answers ------------------------------------------------------- */

static enum MHD_Result
reply(struct MHD_Connection *c, unsigned status, const char *ctype,
    const char *body)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body),
	    (void *)body, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;

	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", ctype);
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
reply_json(struct MHD_Connection *c, unsigned status, json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);
	enum MHD_Result rc;

	json_decref(j);
	if (s == NULL)
		return MHD_NO;
	rc = reply(c, status, "application/json", s);
	free(s);
	return rc;
}

static enum MHD_Result
refuse(struct MHD_Connection *c, unsigned status, int code, const char *msg)
{
	char more[128];

	snprintf(more, sizeof(more), "https://www.twilio.com/docs/errors/%d",
	    code);
	return reply_json(c, status, json_pack("{s:i, s:s, s:s, s:i}",
	    "code", code, "message", msg, "more_info", more, "status", status));
}

/* The status a message has now: queued, then sent, then its final one. */
static const char *
status_now(const struct msg *m, int *code)
{
	int64_t t = now_ms();

	*code = 0;
	if (t >= m->t_final) {
		*code = m->error_code;
		return m->final;
	}
	return t >= m->t_sent ? "sent" : "queued";
}

static json_t *
msg_json(const struct msg *m)
{
	char created[64];
	char seg[16];
	int code;
	const char *status = status_now(m, &code);

	rfc2822(m->created, created, sizeof(created));
	snprintf(seg, sizeof(seg), "%d", m->segments);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o,"
	    " s:o, s:s, s:s}",
	    "sid", m->sid, "account_sid", S.account, "to", m->to, "from",
	    m->from, "body", m->body, "status", status, "num_segments", seg,
	    "direction", m->inbound ? "inbound" : "outbound-api",
	    "api_version", "2010-04-01",
	    "error_code", code ? json_integer(code) : json_null(),
	    "error_message", code ? json_string("Message failed") :
	    json_null(),
	    "date_created", created, "date_sent", created);
}

/* --- callbacks ----------------------------------------------------- */

/* The pending callbacks are a min-heap on due_ms: thousands may wait (a
 * long callback delay) without slowing the sends that add to them. */
static void
heap_swap(size_t a, size_t b)
{
	struct callback t = S.cbs[a];

	S.cbs[a] = S.cbs[b];
	S.cbs[b] = t;
}

static void
heap_push(struct callback cb)
{
	size_t i = S.ncbs++;

	S.cbs[i] = cb;
	while (i > 0 && S.cbs[(i - 1) / 2].due_ms > S.cbs[i].due_ms) {
		heap_swap(i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static struct callback
heap_pop(void)
{
	struct callback top = S.cbs[0];
	size_t i = 0;

	S.cbs[0] = S.cbs[--S.ncbs];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < S.ncbs && S.cbs[l].due_ms < S.cbs[m].due_ms)
			m = l;
		if (r < S.ncbs && S.cbs[r].due_ms < S.cbs[m].due_ms)
			m = r;
		if (m == i)
			break;
		heap_swap(i, m);
		i = m;
	}
	return top;
}

/* Queues a signed POST of params to url at due (under S.lock). */
static void
queue_post(const char *url, struct sig_param *p, size_t n, int64_t due)
{
	struct callback cb;
	size_t i, len = 0, off = 0;
	char *esc;
	CURL *tmp;

	if (S.ncbs == S.capcbs) {
		size_t cap = S.capcbs ? S.capcbs * 2 : 1024;
		struct callback *nc = realloc(S.cbs, cap * sizeof(*nc));
		if (nc == NULL)
			return;
		S.cbs = nc;
		S.capcbs = cap;
	}
	memset(&cb, 0, sizeof(cb));
	if (sig_compute(S.token, url, p, n, cb.sig) != 0)
		return;
	tmp = curl_easy_init();
	for (i = 0; i < n; i++)
		len += strlen(p[i].name) + 3 * strlen(p[i].value) + 2;
	cb.form = malloc(len + 1);
	cb.url = strdup(url);
	if (tmp == NULL || cb.form == NULL || cb.url == NULL) {
		free(cb.form);
		free(cb.url);
		curl_easy_cleanup(tmp);
		return;
	}
	cb.form[0] = '\0';
	for (i = 0; i < n; i++) {
		esc = curl_easy_escape(tmp, p[i].value, 0);
		off += (size_t)snprintf(cb.form + off, len + 1 - off, "%s%s=%s",
		    i ? "&" : "", p[i].name, esc ? esc : "");
		curl_free(esc);
	}
	curl_easy_cleanup(tmp);
	cb.due_ms = due;
	heap_push(cb);
	if (S.cbs[0].due_ms == due)
		pthread_cond_signal(&S.wake);	/* a new earliest */
}

static void
queue_status(const struct msg *m, const char *status, int code, int64_t due)
{
	struct sig_param p[10];
	char codebuf[16];
	char dlr[16];
	time_t t = (time_t)(due / 1000);
	struct tm tm;
	size_t n = 0;

	p[n++] = (struct sig_param){ "MessageSid", m->sid };
	p[n++] = (struct sig_param){ "SmsSid", m->sid };
	p[n++] = (struct sig_param){ "MessageStatus", status };
	p[n++] = (struct sig_param){ "SmsStatus", status };
	p[n++] = (struct sig_param){ "AccountSid", S.account };
	p[n++] = (struct sig_param){ "From", m->from };
	p[n++] = (struct sig_param){ "To", m->to };
	p[n++] = (struct sig_param){ "ApiVersion", "2010-04-01" };
	if (code != 0) {
		snprintf(codebuf, sizeof(codebuf), "%d", code);
		p[n++] = (struct sig_param){ "ErrorCode", codebuf };
	}
	if (strcmp(status, "delivered") == 0 ||
	    strcmp(status, "undelivered") == 0) {
		gmtime_r(&t, &tm);
		strftime(dlr, sizeof(dlr), "%y%m%d%H%M", &tm);
		p[n++] = (struct sig_param){ "RawDlrDoneDate", dlr };
	}
	queue_post(m->callback, p, n, due);
	if (S.fault.duplicate)
		queue_post(m->callback, p, n, due + 5);
}

/* The status callbacks of an accepted message: sent, then the carrier's
 * verdict (under S.lock). */
static void
schedule(struct msg *m, enum outcome o, int content_filtered)
{
	int64_t t = now_ms(), d = S.fault.delay_ms;
	int code = 0;
	const char *final = "delivered";

	switch (o) {
	case OUT_LANDLINE:
	case OUT_FIXED_VOIP: code = 30006; break;
	case OUT_FILTERED: code = 30007; break;
	case OUT_UNREACHABLE: code = 30003; break;
	case OUT_UNKNOWN_HANDSET: code = 30005; break;
	case OUT_BLOCKED: code = 30004; break;
	case OUT_CARRIER_ERROR: code = 30008; break;
	case OUT_UNREGISTERED: code = 30034; break;
	case OUT_RATE_LIMITED: code = 30022; break;
	default: break;
	}
	if (content_filtered && code == 0)
		code = 30007;
	if (code != 0)
		final = "undelivered";
	/* fetch and the record show the status of the moment */
	m->t_sent = t + d;
	if (o == OUT_NO_RECEIPT) {
		sp_strlcpy(m->final, "sent", sizeof(m->final));
		m->t_final = INT64_MAX;
	} else {
		sp_strlcpy(m->final, final, sizeof(m->final));
		m->error_code = code;
		m->t_final = t + 2 * d;
	}
	if (m->callback == NULL)
		return;
	if (S.fault.out_of_order && o != OUT_NO_RECEIPT) {
		queue_status(m, final, code, t + d);
		queue_status(m, "sent", 0, t + 2 * d);
		return;
	}
	queue_status(m, "sent", 0, t + d);
	if (o != OUT_NO_RECEIPT)
		queue_status(m, final, code, t + 2 * d);
}

static size_t
discard(char *p, size_t size, size_t nmemb, void *ctx)
{
	(void)p;
	(void)ctx;
	return size * nmemb;
}

/* Delivers queued callbacks when due, many at once. */
static void *
dispatcher(void *arg)
{
	CURLM *multi = curl_multi_init();
	int inflight = 0;

	(void)arg;
	while (!S.stop || inflight > 0) {
		struct callback due[64];
		size_t n = 0, i;
		int running;
		CURLMsg *msg;
		int left;

		pthread_mutex_lock(&S.lock);
		/* nothing in flight and nothing due: sleep until the earliest
		 * is (50 ms at most, or a new earliest wakes us) */
		if (inflight == 0 && !S.stop && (S.ncbs == 0 || S.fault.hold ||
		    S.cbs[0].due_ms > now_ms())) {
			struct timespec ts;
			int64_t wait = S.ncbs == 0 ? 50 : S.cbs[0].due_ms - now_ms();
			if (wait > 50)
				wait = 50;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += (long)wait * 1000000;
			if (ts.tv_nsec >= 1000000000) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000;
			}
			pthread_cond_timedwait(&S.wake, &S.lock, &ts);
		}
		while (!S.fault.hold && S.ncbs > 0 && n < 64 - (size_t)inflight &&
		    S.cbs[0].due_ms <= now_ms())
			due[n++] = heap_pop();
		pthread_mutex_unlock(&S.lock);
		for (i = 0; i < n; i++) {
			CURL *c = curl_easy_init();
			struct curl_slist *h = NULL;
			char hdr[64];
			struct callback *keep = malloc(sizeof(*keep));
			if (c == NULL || keep == NULL) {
				curl_easy_cleanup(c);
				free(keep);
				free(due[i].url);
				free(due[i].form);
				continue;
			}
			*keep = due[i];
			snprintf(hdr, sizeof(hdr), "X-Twilio-Signature: %s",
			    keep->sig);
			h = curl_slist_append(h, hdr);
			keep->hdrs = h;
			curl_easy_setopt(c, CURLOPT_URL, keep->url);
			curl_easy_setopt(c, CURLOPT_POSTFIELDS, keep->form);
			curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
			curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
			curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
			curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
			curl_easy_setopt(c, CURLOPT_PRIVATE, keep);
			curl_easy_setopt(c, CURLOPT_USERAGENT,
			    "TwilioProxy/1.1 (sp-sim)");
			curl_multi_add_handle(multi, c);
			inflight++;
		}
		curl_multi_perform(multi, &running);
		while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
			struct callback *cb;
			long status = 0;
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    (char **)&cb);
			curl_easy_getinfo(msg->easy_handle,
			    CURLINFO_RESPONSE_CODE, &status);
			pthread_mutex_lock(&S.lock);
			if (msg->data.result == CURLE_OK && status < 300) {
				S.callbacks_sent++;
				S.callbacks_last_ms = now_ms();
				if (S.callbacks_first_ms == 0)
					S.callbacks_first_ms = S.callbacks_last_ms;
			} else {
				S.callbacks_failed++;
				sp_log("callback to %s: %s, HTTP %ld", cb->url,
				    curl_easy_strerror(msg->data.result), status);
			}
			pthread_mutex_unlock(&S.lock);
			curl_multi_remove_handle(multi, msg->easy_handle);
			curl_easy_cleanup(msg->easy_handle);
			curl_slist_free_all(cb->hdrs);
			free(cb->url);
			free(cb->form);
			free(cb);
			inflight--;
		}
		if (inflight > 0)
			curl_multi_poll(multi, NULL, 0, 20, NULL);
	}
	curl_multi_cleanup(multi);
	return NULL;
}

/* --- the API ------------------------------------------------------- */

static int
authorized(struct MHD_Connection *c)
{
	const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "Authorization");
	unsigned char dec[256];
	char want[256];
	int n;
	size_t len;

	if (h == NULL || strncmp(h, "Basic ", 6) != 0)
		return 0;
	len = strlen(h + 6);
	if (len == 0 || len > 300 || len % 4 != 0)
		return 0;
	n = EVP_DecodeBlock(dec, (const unsigned char *)h + 6, (int)len);
	if (n < 0)
		return 0;
	while (n > 0 && len > 0 && h[6 + --len] == '=')
		n--;
	dec[n] = '\0';
	snprintf(want, sizeof(want), "%s:%s", S.account, S.token);
	return strcmp((char *)dec, want) == 0;
}

static void
maybe_slow(void)
{
	int ms;

	pthread_mutex_lock(&S.lock);
	ms = S.fault.slow_ms;
	pthread_mutex_unlock(&S.lock);
	if (ms > 0)
		usleep((useconds_t)ms * 1000);
}

/* An answer that never ends: a JSON object whose string goes on. */
static ssize_t
endless_chunk(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)cls;
	if (S.stop)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (pos == 0 && max > 20) {
		memcpy(buf, "{\"sid\": \"SM", 11);
		return 11;
	}
	usleep(10000);
	memset(buf, 'a', max < 512 ? max : 512);
	return (ssize_t)(max < 512 ? max : 512);
}

static enum MHD_Result
endless(struct MHD_Connection *c)
{
	struct MHD_Response *r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN,
	    4096, endless_chunk, NULL, NULL);
	enum MHD_Result rc;

	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "application/json");
	rc = MHD_queue_response(c, 201, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
api_send(struct MHD_Connection *c, const struct form *f)
{
	const char *to = form_get(f, "To"), *from = form_get(f, "From");
	const char *body = form_get(f, "Body");
	const char *cb = form_get(f, "StatusCallback");
	const char *svc = form_get(f, "MessagingServiceSid");
	struct lint_input li;
	struct lint_result lr;
	struct msg m, *rec;
	enum outcome o;
	double roll;
	int timeout = 0;
	json_t *j;

	pthread_mutex_lock(&S.lock);
	roll = chance();
	if (roll < S.fault.p5xx) {
		pthread_mutex_unlock(&S.lock);
		return refuse(c, 503, 20503, "Service unavailable");
	}
	if (roll < S.fault.p5xx + S.fault.p429) {
		pthread_mutex_unlock(&S.lock);
		return refuse(c, 429, 20429, "Too Many Requests");
	}
	timeout = roll < S.fault.p5xx + S.fault.p429 + S.fault.ptimeout;
	if (S.fault.endless) {
		pthread_mutex_unlock(&S.lock);
		return endless(c);
	}
	pthread_mutex_unlock(&S.lock);

	if (to == NULL || *to == '\0')
		return refuse(c, 400, 21604, "A 'To' phone number is required.");
	if ((from == NULL || *from == '\0') && (svc == NULL || *svc == '\0'))
		return refuse(c, 400, 21603, "A 'From' phone number is "
		    "required.");
	if (body == NULL || *body == '\0')
		return refuse(c, 400, 21602, "Message body is required.");
	if (!e164_ok(to) || (o = outcome_of(to)) == OUT_INVALID)
		return refuse(c, 400, 21211, "The 'To' number is not a valid "
		    "phone number.");
	if (from != NULL && *from != '\0' && !e164_ok(from))
		return refuse(c, 400, 21606, "The 'From' phone number provided "
		    "is not a valid message-capable phone number for this "
		    "destination.");
	li = (struct lint_input){ body, strlen(body), NULL, 0 };
	lint_check(&li, &lr);
	if (lr.chars > 1600)
		return refuse(c, 400, 21617, "The concatenated message body "
		    "exceeds the 1600 character limit.");
	if (o == OUT_OPTED_OUT)
		return refuse(c, 400, 21610, "Attempt to send to unsubscribed "
		    "recipient");
	if (o == OUT_NOT_MOBILE)
		return refuse(c, 400, 21614, "'To' number is not a valid "
		    "mobile number");

	memset(&m, 0, sizeof(m));
	new_sid(m.sid);
	sp_strlcpy(m.to, to, sizeof(m.to));
	sp_strlcpy(m.from, from ? from : "", sizeof(m.from));
	m.body = strdup(body);
	m.callback = cb && *cb ? strdup(cb) : NULL;
	m.created = time(NULL);
	m.segments = (int)lr.segments;
	m.t_sent = m.t_final = INT64_MAX;
	pthread_mutex_lock(&S.lock);
	if ((rec = record(&m)) == NULL) {
		pthread_mutex_unlock(&S.lock);
		free(m.body);
		free(m.callback);
		return refuse(c, 500, 20500, "Internal error");
	}
	j = msg_json(rec);	/* the answer says "queued" */
	schedule(rec, o, filtered_content(body));
	pthread_mutex_unlock(&S.lock);
	if (timeout) {
		/* accepted, but the answer never comes in time: the client
		 * cannot know the message went */
		int hang;
		pthread_mutex_lock(&S.lock);
		hang = S.fault.hang_ms;
		pthread_mutex_unlock(&S.lock);
		usleep((useconds_t)hang * 1000);
	}
	return reply_json(c, 201, j);
}

/* Appends m to the record (under S.lock); NULL when out of memory. */
static struct msg *
record(const struct msg *m)
{
	if (S.nmsgs == S.capmsgs) {
		size_t cap = S.capmsgs ? S.capmsgs * 2 : 4096;
		struct msg *nm = realloc(S.msgs, cap * sizeof(*nm));
		if (nm == NULL)
			return NULL;
		S.msgs = nm;
		S.capmsgs = cap;
	}
	S.msgs[S.nmsgs] = *m;
	return &S.msgs[S.nmsgs++];
}

static enum MHD_Result
api_fetch(struct MHD_Connection *c, const char *sid)
{
	size_t i;
	json_t *j = NULL;

	pthread_mutex_lock(&S.lock);
	for (i = S.nmsgs; i-- > 0;)
		if (strcmp(S.msgs[i].sid, sid) == 0) {
			j = msg_json(&S.msgs[i]);
			break;
		}
	pthread_mutex_unlock(&S.lock);
	if (j == NULL)
		return refuse(c, 404, 20404, "The requested resource was not "
		    "found");
	return reply_json(c, 200, j);
}

static enum MHD_Result
api_list(struct MHD_Connection *c)
{
	const char *to = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
	    "To");
	const char *from = MHD_lookup_connection_value(c,
	    MHD_GET_ARGUMENT_KIND, "From");
	const char *date = MHD_lookup_connection_value(c,
	    MHD_GET_ARGUMENT_KIND, "DateSent>");
	json_t *arr = json_array();
	time_t since = 0;
	size_t i;
	struct tm tm;

	if (date != NULL) {
		memset(&tm, 0, sizeof(tm));
		if (strptime(date, "%Y-%m-%d", &tm) == NULL)
			return refuse(c, 400, 20001, "Invalid DateSent");
		since = timegm(&tm);
	}
	pthread_mutex_lock(&S.lock);
	for (i = S.nmsgs; i-- > 0 && json_array_size(arr) < 1000;) {
		const struct msg *m = &S.msgs[i];
		if ((to && strcmp(m->to, to) != 0) ||
		    (from && strcmp(m->from, from) != 0) || m->created < since)
			continue;
		json_array_append_new(arr, msg_json(m));
	}
	pthread_mutex_unlock(&S.lock);
	return reply_json(c, 200, json_pack("{s:o, s:i, s:i}", "messages", arr,
	    "page", 0, "page_size", 1000));
}

static enum MHD_Result
api_lookup(struct MHD_Connection *c, const char *raw)
{
	char num[64];
	const char *type = "mobile", *carrier = "Verizon Wireless";
	enum outcome o;

	/* libmicrohttpd has decoded the path already */
	sp_strlcpy(num, raw, sizeof(num));
	if (!e164_ok(num) || (o = outcome_of(num)) == OUT_INVALID)
		return reply_json(c, 200, json_pack("{s:s, s:n, s:n, s:n, "
		    "s:b, s:[s], s:n}", "phone_number", num, "national_format",
		    "country_code", "calling_country_code", "valid", 0,
		    "validation_errors", e164_ok(num) ? "INVALID_BUT_POSSIBLE" :
		    "NOT_A_NUMBER", "line_type_intelligence"));
	switch (o) {
	case OUT_LANDLINE:
		type = "landline";
		carrier = "Verizon";
		break;
	case OUT_VOIP:
		type = "nonFixedVoip";
		carrier = "Google (Grand Central) - SVR";
		break;
	case OUT_FIXED_VOIP:
		type = "fixedVoip";
		carrier = "Vonage";
		break;
	case OUT_NOT_MOBILE:
		type = "landline";
		carrier = "AT&T Local";
		break;
	default:
		if (num[strlen(num) - 1] % 3 == 0)
			carrier = "T-Mobile USA, Inc.";
		else if (num[strlen(num) - 1] % 3 == 1)
			carrier = "AT&T Wireless";
		break;
	}
	maybe_slow();
	return reply_json(c, 200, json_pack("{s:s, s:s, s:s, s:s, s:b, s:[],"
	    " s:{s:s, s:s, s:s, s:s, s:n}}", "phone_number", num,
	    "national_format", num, "country_code", strncmp(num, "+1", 2) == 0 ?
	    "US" : "ZZ", "calling_country_code", "1", "valid", 1,
	    "validation_errors", "line_type_intelligence", "type", type,
	    "carrier_name", carrier, "mobile_country_code", "311",
	    "mobile_network_code", "480", "error_code"));
}

/* POST /sim/inbound From, To, Body: deliver a signed inbound webhook now,
 * as if a lead had texted; answers with the portal's status. */
static enum MHD_Result
sim_inbound(struct MHD_Connection *c, const struct form *f)
{
	const char *from = form_get(f, "From"), *to = form_get(f, "To");
	const char *body = form_get(f, "Body");
	const char *url_over = form_get(f, "Url");
	char sid[35], sig[SIG_LEN], hdr[64], url[512];
	struct sig_param p[8];
	size_t n = 0, i, len = 0, off = 0;
	char *payload, *esc;
	const char *opt = NULL;
	CURL *cu;
	long status = 0;
	CURLcode rc;
	struct curl_slist *h = NULL;
	char upper[16];
	struct msg in;

	if (from == NULL || to == NULL || body == NULL)
		return refuse(c, 400, 20001, "From, To and Body are required");
	sp_strlcpy(url, url_over && *url_over ? url_over : S.inbound_url,
	    sizeof(url));
	if (url[0] == '\0')
		return refuse(c, 400, 20001, "no inbound URL configured");
	new_sid(sid);
	/* the provider keeps the text whether or not the webhook gets
	 * through: its message list shows it (direction "inbound") */
	memset(&in, 0, sizeof(in));
	sp_strlcpy(in.sid, sid, sizeof(in.sid));
	sp_strlcpy(in.from, from, sizeof(in.from));
	sp_strlcpy(in.to, to, sizeof(in.to));
	sp_strlcpy(in.final, "received", sizeof(in.final));
	in.inbound = 1;
	in.segments = 1;
	in.created = time(NULL);
	in.t_sent = in.t_final = now_ms();
	if ((in.body = strdup(body)) == NULL)
		return refuse(c, 500, 20500, "out of memory");
	pthread_mutex_lock(&S.lock);
	if (record(&in) == NULL) {
		pthread_mutex_unlock(&S.lock);
		free(in.body);
		return refuse(c, 500, 20500, "out of memory");
	}
	pthread_mutex_unlock(&S.lock);
	/* the provider's own keyword detection: the standard words only */
	for (i = 0; body[i] != '\0' && i + 1 < sizeof(upper); i++)
		upper[i] = (char)(body[i] >= 'a' && body[i] <= 'z' ?
		    body[i] - 32 : body[i]);
	upper[i] = '\0';
	if (strlen(body) < sizeof(upper)) {
		if (!strcmp(upper, "STOP") || !strcmp(upper, "STOPALL") ||
		    !strcmp(upper, "UNSUBSCRIBE") || !strcmp(upper, "CANCEL") ||
		    !strcmp(upper, "END") || !strcmp(upper, "QUIT"))
			opt = "STOP";
		else if (!strcmp(upper, "START") || !strcmp(upper, "YES") ||
		    !strcmp(upper, "UNSTOP"))
			opt = "START";
		else if (!strcmp(upper, "HELP") || !strcmp(upper, "INFO"))
			opt = "HELP";
	}
	p[n++] = (struct sig_param){ "MessageSid", sid };
	p[n++] = (struct sig_param){ "SmsMessageSid", sid };
	p[n++] = (struct sig_param){ "AccountSid", S.account };
	p[n++] = (struct sig_param){ "From", from };
	p[n++] = (struct sig_param){ "To", to };
	p[n++] = (struct sig_param){ "Body", body };
	p[n++] = (struct sig_param){ "NumMedia", "0" };
	if (opt != NULL)
		p[n++] = (struct sig_param){ "OptOutType", opt };
	if (sig_compute(S.token, url, p, n, sig) != 0 ||
	    (cu = curl_easy_init()) == NULL)
		return refuse(c, 500, 20500, "cannot sign");
	for (i = 0; i < n; i++)
		len += strlen(p[i].name) + 3 * strlen(p[i].value) + 2;
	if ((payload = malloc(len + 1)) == NULL) {
		curl_easy_cleanup(cu);
		return refuse(c, 500, 20500, "out of memory");
	}
	payload[0] = '\0';
	for (i = 0; i < n; i++) {
		esc = curl_easy_escape(cu, p[i].value, 0);
		off += (size_t)snprintf(payload + off, len + 1 - off, "%s%s=%s",
		    i ? "&" : "", p[i].name, esc ? esc : "");
		curl_free(esc);
	}
	snprintf(hdr, sizeof(hdr), "X-Twilio-Signature: %s", sig);
	h = curl_slist_append(h, hdr);
	curl_easy_setopt(cu, CURLOPT_URL, url);
	curl_easy_setopt(cu, CURLOPT_POSTFIELDS, payload);
	curl_easy_setopt(cu, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(cu, CURLOPT_TIMEOUT_MS, 10000L);
	curl_easy_setopt(cu, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(cu, CURLOPT_WRITEFUNCTION, discard);
	rc = curl_easy_perform(cu);
	curl_easy_getinfo(cu, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(cu);
	free(payload);
	pthread_mutex_lock(&S.lock);
	S.inbound_sent++;
	pthread_mutex_unlock(&S.lock);
	return reply_json(c, rc == CURLE_OK ? 200 : 502, json_pack(
	    "{s:s, s:i, s:s}", "sid", sid, "portal_status", (int)status,
	    "error", rc == CURLE_OK ? "" : curl_easy_strerror(rc)));
}

static enum MHD_Result
sim_messages(struct MHD_Connection *c)
{
	json_t *arr = json_array();
	size_t i;

	pthread_mutex_lock(&S.lock);
	for (i = 0; i < S.nmsgs; i++)
		json_array_append_new(arr, msg_json(&S.msgs[i]));
	pthread_mutex_unlock(&S.lock);
	return reply_json(c, 200, json_pack("{s:o}", "messages", arr));
}

/* Sets the faults named in f (under S.lock, or before the server starts). */
static void
set_faults(const struct form *f)
{
	const char *v;

	if ((v = form_get(f, "fail_5xx")) != NULL)
		S.fault.p5xx = strtod(v, NULL);
	if ((v = form_get(f, "fail_429")) != NULL)
		S.fault.p429 = strtod(v, NULL);
	if ((v = form_get(f, "timeout")) != NULL)
		S.fault.ptimeout = strtod(v, NULL);
	if ((v = form_get(f, "slow_ms")) != NULL)
		S.fault.slow_ms = (int)strtol(v, NULL, 10);
	if ((v = form_get(f, "duplicate")) != NULL)
		S.fault.duplicate = (int)strtol(v, NULL, 10);
	if ((v = form_get(f, "out_of_order")) != NULL)
		S.fault.out_of_order = (int)strtol(v, NULL, 10);
	if ((v = form_get(f, "callback_delay_ms")) != NULL)
		S.fault.delay_ms = (int)strtol(v, NULL, 10);
	if ((v = form_get(f, "hang_ms")) != NULL)
		S.fault.hang_ms = (int)strtol(v, NULL, 10);
	if ((v = form_get(f, "endless")) != NULL)
		S.fault.endless = (int)strtol(v, NULL, 10);
	if ((v = form_get(f, "hold_callbacks")) != NULL)
		S.fault.hold = (int)strtol(v, NULL, 10);
}

static enum MHD_Result
sim_faults(struct MHD_Connection *c, const struct form *f)
{
	json_t *j;

	pthread_mutex_lock(&S.lock);
	if (f != NULL)
		set_faults(f);
	j = json_pack("{s:f, s:f, s:f, s:i, s:i, s:i, s:i, s:i, s:i, s:i,"
	    " s:i, s:i, s:i, s:i, s:I, s:I}",
	    "fail_5xx", S.fault.p5xx, "fail_429", S.fault.p429,
	    "timeout", S.fault.ptimeout, "slow_ms", S.fault.slow_ms,
	    "duplicate", S.fault.duplicate, "out_of_order", S.fault.out_of_order,
	    "callback_delay_ms", S.fault.delay_ms, "hang_ms", S.fault.hang_ms,
	    "endless", S.fault.endless, "hold_callbacks", S.fault.hold,
	    "messages", (int)S.nmsgs,
	    "callbacks_pending", (int)S.ncbs,
	    "callbacks_sent", (int)S.callbacks_sent,
	    "callbacks_failed", (int)S.callbacks_failed,
	    "callbacks_first_ms", (json_int_t)S.callbacks_first_ms,
	    "callbacks_last_ms", (json_int_t)S.callbacks_last_ms);
	pthread_mutex_unlock(&S.lock);
	return reply_json(c, 200, j);
}

struct conn {
	char	*body;
	size_t	 len;
	int	 too_big;
};

static void
completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct conn *k = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (k != NULL) {
		free(k->body);
		free(k);
	}
	*con_cls = NULL;
}

static enum MHD_Result
handler(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct conn *k = *con_cls;
	char prefix[160], rest[160];
	struct form f;
	enum MHD_Result rc;
	size_t pl;
	int post = strcmp(method, "POST") == 0;

	(void)cls;
	(void)version;
	if (k == NULL) {
		if ((k = calloc(1, sizeof(*k))) == NULL)
			return MHD_NO;
		*con_cls = k;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (k->len + *upload_size > MAX_BODY)
			k->too_big = 1;
		else {
			char *nb = realloc(k->body, k->len + *upload_size + 1);
			if (nb == NULL)
				return MHD_NO;
			k->body = nb;
			memcpy(k->body + k->len, upload, *upload_size);
			k->len += *upload_size;
			k->body[k->len] = '\0';
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (k->too_big)
		return refuse(c, 413, 20413, "Request entity too large");

	if (strncmp(url, "/sim/", 5) == 0) {
		form_parse(&f, k->body ? k->body : "", k->len);
		if (post && strcmp(url, "/sim/inbound") == 0)
			rc = sim_inbound(c, &f);
		else if (strcmp(url, "/sim/messages") == 0)
			rc = sim_messages(c);
		else if (strcmp(url, "/sim/faults") == 0)
			rc = sim_faults(c, post ? &f : NULL);
		else
			rc = refuse(c, 404, 20404, "no such sim endpoint");
		free(f.buf);
		return rc;
	}
	if (strncmp(url, "/v2/PhoneNumbers/", 17) == 0 && !post) {
		if (!authorized(c))
			return refuse(c, 401, 20003, "Authenticate");
		return api_lookup(c, url + 17);
	}
	pl = (size_t)snprintf(prefix, sizeof(prefix),
	    "/2010-04-01/Accounts/%s/Messages", S.account);
	if (strncmp(url, "/2010-04-01/Accounts/", 21) == 0 &&
	    !authorized(c))
		return refuse(c, 401, 20003, "Authenticate");
	if (strncmp(url, prefix, pl) != 0)
		return refuse(c, 404, 20404, "The requested resource was not "
		    "found");
	sp_strlcpy(rest, url + pl, sizeof(rest));
	if (strcmp(rest, ".json") == 0) {
		if (post) {
			maybe_slow();
			form_parse(&f, k->body ? k->body : "", k->len);
			rc = api_send(c, &f);
			free(f.buf);
			return rc;
		}
		return api_list(c);
	}
	if (!post && rest[0] == '/' && strlen(rest) == 1 + 34 + 5 &&
	    strcmp(rest + 35, ".json") == 0) {
		rest[35] = '\0';
		return api_fetch(c, rest + 1);
	}
	return refuse(c, 404, 20404, "The requested resource was not found");
}

static void
on_stop(int sig)
{
	(void)sig;
	S.stop = 1;
}

int
main(int argc, char **argv)
{
	struct MHD_Daemon *d;
	pthread_t disp;
	int port = 8099, opt;
	long long v;
	const char *bind_ip = "127.0.0.1", *start_faults = NULL;
	struct sockaddr_in sa;
	uint64_t seed;

	sp_log_set_prog("sp-sim");
	sp_strlcpy(S.account, "ACsimulator", sizeof(S.account));
	sp_strlcpy(S.token, "sim-token", sizeof(S.token));
	S.fault.delay_ms = 200;
	S.fault.hang_ms = 15000;
	while ((opt = getopt(argc, argv, "p:a:t:i:d:f:")) != -1) {
		switch (opt) {
		case 'p':
			if (sp_parse_ll(optarg, 1, 65535, &v) != 0)
				goto usage;
			port = (int)v;
			break;
		case 'a': sp_strlcpy(S.account, optarg, sizeof(S.account)); break;
		case 't': sp_strlcpy(S.token, optarg, sizeof(S.token)); break;
		case 'i': sp_strlcpy(S.inbound_url, optarg,
		    sizeof(S.inbound_url)); break;
		case 'd':
			if (sp_parse_ll(optarg, 0, 3600000, &v) != 0)
				goto usage;
			S.fault.delay_ms = (int)v;
			break;
		case 'f': start_faults = optarg; break;
		default:
usage:
			fprintf(stderr, "usage: sp-sim [-p port] [-a account-sid] "
			    "[-t auth-token] [-i inbound-url] [-d callback-delay-ms]"
			    "\n              [-f faults, as POST /sim/faults takes "
			    "them: fail_5xx=0.1&fail_429=0.05&...]\n");
			return 2;
		}
	}
	if (start_faults != NULL) {
		struct form f;
		form_parse(&f, start_faults, strlen(start_faults));
		set_faults(&f);
		free(f.buf);
	}
	if (getrandom(&seed, sizeof(seed), 0) != (ssize_t)sizeof(seed))
		seed = (uint64_t)time(NULL);
	S.rng = seed | 1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	signal(SIGTERM, on_stop);
	signal(SIGINT, on_stop);
	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, bind_ip, &sa.sin_addr);
	/* a thread per connection: an answer held back (the timeout fault)
	 * holds its own request only, as at the real provider, never the
	 * requests that happen to share a pool thread with it */
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_POLL | MHD_USE_ERROR_LOG,
	    (uint16_t)port, NULL, NULL, handler, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)4000,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_END);
	if (d == NULL) {
		sp_log("cannot listen on %s:%d", bind_ip, port);
		return 1;
	}
	if (pthread_create(&disp, NULL, dispatcher, NULL) != 0)
		return 1;
	sp_log("listening on %s:%d (account %s)", bind_ip, port, S.account);
	while (!S.stop)
		pause();
	MHD_stop_daemon(d);
	pthread_join(disp, NULL);
	sp_log("stopped: %zu messages accepted, %lu callbacks sent, %lu failed",
	    S.nmsgs, S.callbacks_sent, S.callbacks_failed);
	return 0;
}
