/* test_provider.c: the provider client against the simulator: each outcome
 * of the simulator's table, each fault, bad answers, signed callbacks */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <curl/curl.h>

#include "config.h"
#include "provider.h"
#include "signature.h"

static struct sp_config cfg;
static struct provider *prov;
static const char *FROM = "+12127365001";

static size_t
sink(char *p, size_t s, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	return s * n;
}

/* POST /sim/faults with form (the simulator's control endpoint). */
static void
faults(const char *form)
{
	char url[300];
	CURL *c = curl_easy_init();

	snprintf(url, sizeof(url), "%s/sim/faults", cfg.provider_api_base);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
	assert_int_equal(curl_easy_perform(c), CURLE_OK);
	curl_easy_cleanup(c);
}

static void
reset_faults(void)
{
	faults("fail_5xx=0&fail_429=0&timeout=0&slow_ms=0&duplicate=0&"
	    "out_of_order=0&endless=0&callback_delay_ms=30&hang_ms=2500");
}

/* Waits for the message to reach a final status; returns the last fetch. */
static void
settle(const char *sid, struct prov_message *m)
{
	int i;

	for (i = 0; i < 100; i++) {
		provider_fetch(prov, sid, m);
		assert_int_equal(m->result, PROV_OK);
		if (strcmp(m->status, "queued") != 0 &&
		    strcmp(m->status, "sent") != 0)
			return;
		usleep(20000);
	}
}

/* Destination, what the send answers, and where the message ends. */
static const struct {
	const char	*to;
	enum prov_result result;
	int		 sync_code;
	const char	*final;
	int		 final_code;
} outcomes[] = {
	{ "+14155552600", PROV_OK, 0, "delivered", 0 },
	{ "+14155552649", PROV_OK, 0, "delivered", 0 },
	{ "+14155552650", PROV_OK, 0, "undelivered", 30006 },	/* landline */
	{ "+14155552651", PROV_OK, 0, "delivered", 0 },		/* VoIP */
	{ "+14155552652", PROV_OK, 0, "undelivered", 30007 },
	{ "+14155552653", PROV_OK, 0, "undelivered", 30003 },
	{ "+14155552654", PROV_OK, 0, "undelivered", 30005 },
	{ "+14155552655", PROV_OK, 0, "undelivered", 30004 },
	{ "+14155552656", PROV_REFUSED, 21610, NULL, 0 },
	{ "+14155552657", PROV_OK, 0, "undelivered", 30006 },
	{ "+14155552658", PROV_OK, 0, "undelivered", 30008 },
	{ "+14155552659", PROV_REFUSED, 21614, NULL, 0 },
	{ "+14155552661", PROV_OK, 0, "undelivered", 30034 },
	{ "+14155552662", PROV_OK, 0, "undelivered", 30022 },
	{ "+12125550123", PROV_REFUSED, 21211, NULL, 0 },	/* fictional */
	{ "not-a-number", PROV_REFUSED, 21211, NULL, 0 },
};

static void
test_each_outcome_of_the_simulators_table(void **state)
{
	size_t i;

	(void)state;
	reset_faults();
	for (i = 0; i < sizeof(outcomes) / sizeof(outcomes[0]); i++) {
		struct prov_message m, f;
		provider_send(prov, FROM, outcomes[i].to, "Hello from Acme",
		    NULL, &m);
		print_message("%s: result %d code %d %s\n", outcomes[i].to,
		    m.result, m.error_code, m.error_message);
		assert_int_equal(m.result, outcomes[i].result);
		assert_int_equal(m.error_code, outcomes[i].sync_code);
		if (m.result != PROV_OK) {
			assert_true(strlen(m.error_message) > 5);
			assert_int_equal(m.http_status, 400);
			continue;
		}
		assert_int_equal(m.http_status, 201);
		assert_string_equal(m.status, "queued");
		assert_int_equal(strlen(m.sid), 34);
		assert_int_equal(m.num_segments, 1);
		settle(m.sid, &f);
		assert_string_equal(f.sid, m.sid);
		assert_string_equal(f.status, outcomes[i].final);
		assert_int_equal(f.error_code, outcomes[i].final_code);
	}
}

static void
test_a_number_with_no_receipt_stays_sent(void **state)
{
	struct prov_message m, f;

	(void)state;
	reset_faults();
	provider_send(prov, FROM, "+14155552660", "Hello", NULL, &m);
	assert_int_equal(m.result, PROV_OK);
	usleep(200000);
	provider_fetch(prov, m.sid, &f);
	assert_string_equal(f.status, "sent");
}

static void
test_content_can_trigger_carrier_filtering(void **state)
{
	struct prov_message m, f;

	(void)state;
	reset_faults();
	provider_send(prov, FROM, "+14155552600", "Deal: bit.ly/x1", NULL, &m);
	assert_int_equal(m.result, PROV_OK);
	settle(m.sid, &f);
	assert_string_equal(f.status, "undelivered");
	assert_int_equal(f.error_code, 30007);
}

static const struct {
	const char	*number;
	int		 valid;
	const char	*type;
} lookups[] = {
	{ "+14155552600", 1, "mobile" },
	{ "+14155552650", 1, "landline" },
	{ "+14155552651", 1, "nonFixedVoip" },
	{ "+14155552657", 1, "fixedVoip" },
	{ "+14155552659", 1, "landline" },
	{ "+12125550123", 0, "" },
};

static void
test_lookup_tells_the_line_type(void **state)
{
	size_t i;

	(void)state;
	reset_faults();
	for (i = 0; i < sizeof(lookups) / sizeof(lookups[0]); i++) {
		struct prov_lookup l;
		provider_lookup(prov, lookups[i].number, &l);
		assert_int_equal(l.result, PROV_OK);
		assert_int_equal(l.valid, lookups[i].valid);
		assert_string_equal(l.type, lookups[i].type);
		if (l.valid)
			assert_true(strlen(l.carrier) > 2);
	}
}

static void
test_list_finds_messages_by_destination(void **state)
{
	struct prov_message m, list[50];
	size_t n = 0, i;
	int found = 0;
	char today[16];
	time_t t = time(NULL);
	struct tm tm;

	(void)state;
	reset_faults();
	provider_send(prov, FROM, "+14155552611", "Listed", NULL, &m);
	assert_int_equal(m.result, PROV_OK);
	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	assert_int_equal(provider_list(prov, "+14155552611", FROM, today, NULL,
	    list, 50, &n), PROV_OK);
	assert_true(n >= 1);
	for (i = 0; i < n; i++) {
		assert_string_equal(list[i].to, "+14155552611");
		if (strcmp(list[i].sid, m.sid) == 0)
			found = 1;
	}
	assert_true(found);
	assert_int_equal(provider_list(prov, "+14155552611", FROM, today,
	    "Listed", list, 50, &n), PROV_OK);
	assert_true(n >= 1);
	assert_int_equal(provider_list(prov, "+14155552611", FROM, today,
	    "Another body", list, 50, &n), PROV_OK);
	assert_int_equal(n, 0);
	assert_int_equal(provider_list(prov, "+14155552612", FROM, today, NULL,
	    list, 50, &n), PROV_OK);
	assert_int_equal(n, 0);
}

static void
test_faults_leave_the_outcome_known_or_unknown(void **state)
{
	struct prov_message m;
	struct timespec t0, t1;

	(void)state;
	faults("fail_5xx=1");
	provider_send(prov, FROM, "+14155552600", "x", NULL, &m);
	assert_int_equal(m.result, PROV_UNKNOWN);
	assert_int_equal(m.http_status, 503);
	reset_faults();

	faults("fail_429=1");
	provider_send(prov, FROM, "+14155552600", "x", NULL, &m);
	assert_int_equal(m.result, PROV_REFUSED);
	assert_int_equal(m.error_code, 20429);
	reset_faults();

	/* accepted by the provider, but the answer comes too late */
	faults("timeout=1&hang_ms=2500");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	provider_send(prov, FROM, "+14155552600", "x", NULL, &m);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(m.result, PROV_UNKNOWN);
	assert_true(strstr(m.error_message, "imeout") != NULL);
	reset_faults();

	/* an answer that never ends stops at the timeout */
	faults("endless=1");
	provider_send(prov, FROM, "+14155552600", "x", NULL, &m);
	assert_int_equal(m.result, PROV_UNKNOWN);
	reset_faults();

	faults("slow_ms=200");
	provider_send(prov, FROM, "+14155552600", "x", NULL, &m);
	assert_int_equal(m.result, PROV_OK);
	reset_faults();
}

static void
test_wrong_credentials_are_refused(void **state)
{
	struct sp_config bad = cfg;
	struct provider *p;
	struct prov_message m;

	(void)state;
	snprintf(bad.provider_auth_token, sizeof(bad.provider_auth_token),
	    "wrong");
	p = provider_new(&bad);
	assert_non_null(p);
	provider_send(p, FROM, "+14155552600", "x", NULL, &m);
	assert_int_equal(m.result, PROV_REFUSED);
	assert_int_equal(m.error_code, 20003);
	assert_int_equal(m.http_status, 401);
	provider_free(p);
}

static void
test_plain_http_only_on_loopback(void **state)
{
	struct sp_config c = cfg;

	(void)state;
	snprintf(c.provider_api_base, sizeof(c.provider_api_base),
	    "http://api.example.com");
	assert_null(provider_new(&c));
	snprintf(c.provider_api_base, sizeof(c.provider_api_base),
	    "https://api.example.com");
	snprintf(c.provider_lookup_base, sizeof(c.provider_lookup_base),
	    "https://lookups.example.com");
	struct provider *p = provider_new(&c);
	assert_non_null(p);
	provider_free(p);
}

static const struct {
	long		 status;
	const char	*body;
	enum prov_result result;
	int		 code;
} answers[] = {
	{ 201, "{\"sid\": \"SM0123456789abcdef0123456789abcdef\", \"status\": "
	    "\"queued\", \"num_segments\": \"2\"}", PROV_OK, 0 },
	{ 201, "{\"sid\": \"SM0123456789abcdef0123456789abcdef\", \"stat",
	    PROV_UNKNOWN, 0 },				/* truncated */
	{ 200, "<html><body>Bad gateway</body></html>", PROV_UNKNOWN, 0 },
	{ 502, "<html><body>Bad gateway</body></html>", PROV_UNKNOWN, 0 },
	{ 403, "<html>Forbidden by proxy</html>", PROV_UNKNOWN, 0 },
	{ 201, "{\"status\": \"queued\"}", PROV_UNKNOWN, 0 },	/* no sid */
	{ 201, "{\"sid\": \"XX1\", \"status\": \"queued\"}", PROV_UNKNOWN, 0 },
	{ 201, "", PROV_UNKNOWN, 0 },
	{ 201, "[]", PROV_UNKNOWN, 0 },
	{ 400, "{\"code\": 21211, \"message\": \"Invalid To\"}",
	    PROV_REFUSED, 21211 },
	{ 429, "", PROV_REFUSED, 20429 },
	{ 500, "{\"code\": 20500, \"message\": \"oops\"}", PROV_UNKNOWN, 0 },
};

static void
test_bad_answers_are_clear_errors(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
		struct prov_message m;
		provider_parse_message(answers[i].status, answers[i].body,
		    strlen(answers[i].body), &m);
		assert_int_equal(m.result, answers[i].result);
		assert_int_equal(m.error_code, answers[i].code);
		if (m.result != PROV_OK)
			assert_true(strlen(m.error_message) > 3);
	}
}

/* A one-shot HTTP server that keeps the first request it gets. */
struct catcher {
	int	 fd;
	int	 port;
	char	 req[8192];
};

static void *
catch_one(void *arg)
{
	struct catcher *k = arg;
	int c = accept(k->fd, NULL, NULL);
	size_t got = 0;
	const char ok[] = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n"
	    "Connection: close\r\n\r\n";

	while (c >= 0 && got < sizeof(k->req) - 1) {
		ssize_t n = read(c, k->req + got, sizeof(k->req) - 1 - got);
		char *hdr_end, *cl;
		if (n <= 0)
			break;
		got += (size_t)n;
		k->req[got] = '\0';
		hdr_end = strstr(k->req, "\r\n\r\n");
		cl = strcasestr(k->req, "Content-Length: ");
		if (hdr_end && cl && (size_t)(hdr_end + 4 - k->req) +
		    strtoul(cl + 16, NULL, 10) <= got)
			break;
	}
	if (c >= 0) {
		(void)!write(c, ok, sizeof(ok) - 1);
		close(c);
	}
	return NULL;
}

static void
test_status_callbacks_are_signed_the_providers_way(void **state)
{
	struct catcher k;
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	pthread_t th;
	struct prov_message m;
	char url[128], *body, *sig, *p, *save = NULL, *pair;
	struct sig_param params[16];
	char *names[16], *values[16];
	size_t n = 0;
	char sigbuf[64];
	CURL *c = curl_easy_init();

	(void)state;
	reset_faults();
	memset(&k, 0, sizeof(k));
	k.fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(k.fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(k.fd, 4), 0);
	getsockname(k.fd, (struct sockaddr *)&sa, &sl);
	k.port = ntohs(sa.sin_port);
	pthread_create(&th, NULL, catch_one, &k);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/hooks/provider/status",
	    k.port);
	/* 60 stays "sent": the one callback is the "sent" one */
	provider_send(prov, FROM, "+14155552660", "Hello", url, &m);
	assert_int_equal(m.result, PROV_OK);
	pthread_join(th, NULL);
	close(k.fd);

	sig = strcasestr(k.req, "X-Twilio-Signature: ");
	assert_non_null(sig);
	sig += 20;
	snprintf(sigbuf, sizeof(sigbuf), "%.*s", (int)strcspn(sig, "\r\n"), sig);
	body = strstr(k.req, "\r\n\r\n");
	assert_non_null(body);
	body += 4;
	for (p = body; (pair = strtok_r(p, "&", &save)) != NULL && n < 16;
	    p = NULL) {
		char *eq = strchr(pair, '=');
		int len;
		assert_non_null(eq);
		*eq = '\0';
		names[n] = curl_easy_unescape(c, pair, 0, &len);
		values[n] = curl_easy_unescape(c, eq + 1, 0, &len);
		params[n].name = names[n];
		params[n].value = values[n];
		n++;
	}
	assert_true(sig_verify(cfg.provider_auth_token, url, params, n, sigbuf));
	/* a wrong token, URL, parameter or signature does not verify */
	assert_false(sig_verify("other-token", url, params, n, sigbuf));
	assert_false(sig_verify(cfg.provider_auth_token,
	    "http://127.0.0.1:1/hooks/provider/status", params, n, sigbuf));
	assert_false(sig_verify(cfg.provider_auth_token, url, params, n - 1,
	    sigbuf));
	assert_false(sig_verify(cfg.provider_auth_token, url, params, n, NULL));
	assert_false(sig_verify(cfg.provider_auth_token, url, params, n, ""));
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], "MessageStatus") == 0)
			assert_string_equal(values[i], "sent");
		if (strcmp(names[i], "MessageSid") == 0)
			assert_string_equal(values[i], m.sid);
		curl_free(names[i]);
		curl_free(values[i]);
	}
	curl_easy_cleanup(c);
}

static void
test_many_in_flight_each_sent_once(void **state)
{
	enum { N = 400 };
	static struct prov_send reqs[N];
	static char to[N][20];
	size_t i, j;

	(void)state;
	reset_faults();
	for (i = 0; i < N; i++) {
		snprintf(to[i], sizeof(to[i]), "+1646555%04zu", 2000 + i % 40);
		reqs[i] = (struct prov_send){ .from = FROM, .to = to[i],
		    .body = "Batch" };
	}
	provider_send_many(prov, reqs, N, 32);
	for (i = 0; i < N; i++) {
		assert_int_equal(reqs[i].out.result, PROV_OK);
		assert_int_equal(strlen(reqs[i].out.sid), 34);
	}
	for (i = 0; i < N; i++)
		for (j = i + 1; j < N; j++)
			assert_string_not_equal(reqs[i].out.sid, reqs[j].out.sid);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_answers_are_clear_errors),
		cmocka_unit_test(test_plain_http_only_on_loopback),
		cmocka_unit_test(test_each_outcome_of_the_simulators_table),
		cmocka_unit_test(test_a_number_with_no_receipt_stays_sent),
		cmocka_unit_test(test_content_can_trigger_carrier_filtering),
		cmocka_unit_test(test_lookup_tells_the_line_type),
		cmocka_unit_test(test_list_finds_messages_by_destination),
		cmocka_unit_test(test_faults_leave_the_outcome_known_or_unknown),
		cmocka_unit_test(test_wrong_credentials_are_refused),
		cmocka_unit_test(test_status_callbacks_are_signed_the_providers_way),
		cmocka_unit_test(test_many_in_flight_each_sent_once),
	};
	int rc;

	if (argc != 2 || config_load(&cfg, argv[1]) != 0) {
		fprintf(stderr, "usage: test_provider CONFIG (run by "
		    "tests/run-http.sh)\n");
		return 2;
	}
	cfg.provider_timeout_ms = 1000;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if ((prov = provider_new(&cfg)) == NULL)
		return 1;
	rc = cmocka_run_group_tests_name("provider", tests, NULL, NULL);
	reset_faults();
	provider_free(prov);
	return rc;
}
