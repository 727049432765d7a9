/* test_web.c: the web layer's pure helpers (webutil), table by table */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "signature.h"
#include "webutil.h"

static const struct {
	const char	*s;
	size_t		 len;	/* 0: strlen */
	int		 ok;
} text_rows[] = {
	{ "plain ascii", 0, 1 },
	{ "caf\xc3\xa9", 0, 1 },
	{ "emoji \xf0\x9f\x98\x80", 0, 1 },
	{ "tab\tnewline\ncr\r", 0, 1 },
	{ "", 0, 1 },
	{ "\xc3", 0, 0 },			/* truncated */
	{ "\xc0\xaf", 0, 0 },			/* overlong '/' */
	{ "\xe0\x80\xaf", 0, 0 },		/* overlong */
	{ "\xed\xa0\x80", 0, 0 },		/* surrogate */
	{ "\xf4\x90\x80\x80", 0, 0 },		/* beyond U+10FFFF */
	{ "\xff", 0, 0 },
	{ "bell\x07", 0, 0 },			/* control */
	{ "del\x7f", 0, 0 },
	{ "nul\0after", 9, 0 },
};

static void
test_text_must_be_utf8_without_controls(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(text_rows) / sizeof(text_rows[0]); i++) {
		size_t len = text_rows[i].len ? text_rows[i].len :
		    strlen(text_rows[i].s);
		assert_int_equal(webutil_text_ok(text_rows[i].s, len),
		    text_rows[i].ok);
	}
}

static void
test_urlencoding_escapes_must_be_whole(void **state)
{
	(void)state;
	assert_true(webutil_urlencoded_ok("a=1&b=%20x+y", 12));
	assert_true(webutil_urlencoded_ok("", 0));
	assert_false(webutil_urlencoded_ok("a=%", 3));
	assert_false(webutil_urlencoded_ok("name=a%00b", 10));
	assert_false(webutil_urlencoded_ok("a=%2", 4));
	assert_false(webutil_urlencoded_ok("a=%zz", 5));
	assert_false(webutil_urlencoded_ok("a=\0", 3));
}

static const struct {
	const char	*pattern;
	const char	*path;
	int		 n;
	long long	 p0;
} route_rows[] = {
	{ "/conversations", "/conversations", 0, 0 },
	{ "/conversations", "/conversations/", -1, 0 },
	{ "/conversations/:id", "/conversations/42", 1, 42 },
	{ "/conversations/:id", "/conversations/", -1, 0 },
	{ "/conversations/:id", "/conversations/abc", -1, 0 },
	{ "/conversations/:id", "/conversations/4a", -1, 0 },
	{ "/conversations/:id", "/conversations/-1", -1, 0 },
	{ "/conversations/:id", "/conversations/1234567890123456789", -1, 0 },
	{ "/conversations/:id", "/conversations/123456789012345678", 1,
	    123456789012345678LL },
	{ "/conversations/:id", "/conversations/42/x", -1, 0 },
	{ "/", "/", 0, 0 },
	{ "/", "/x", -1, 0 },
	{ "/login", "/log", -1, 0 },
};

static void
test_routes_match_whole_paths_and_numeric_ids(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(route_rows) / sizeof(route_rows[0]); i++) {
		long long p[4] = { 0 };
		int n = webutil_route_match(route_rows[i].pattern,
		    route_rows[i].path, p, 4);
		assert_int_equal(n, route_rows[i].n);
		if (n > 0)
			assert_int_equal(p[0], route_rows[i].p0);
	}
}

static void
test_tokens_compare_whole(void **state)
{
	(void)state;
	assert_true(webutil_token_equal("abc", "abc"));
	assert_false(webutil_token_equal("abc", "abd"));
	assert_false(webutil_token_equal("abc", "ab"));
	assert_false(webutil_token_equal("", ""));
}

static void
test_cursors_parse_or_refuse(void **state)
{
	long long ms, id;

	(void)state;
	assert_int_equal(webutil_cursor_parse("1700000000000.42", &ms, &id), 0);
	assert_int_equal(ms, 1700000000000LL);
	assert_int_equal(id, 42);
	assert_int_equal(webutil_cursor_parse("1700000000000", &ms, &id), -1);
	assert_int_equal(webutil_cursor_parse("x.1", &ms, &id), -1);
	assert_int_equal(webutil_cursor_parse("1.0", &ms, &id), -1);
	assert_int_equal(webutil_cursor_parse("1.2.3", &ms, &id), -1);
	assert_int_equal(webutil_cursor_parse(NULL, &ms, &id), -1);
}

static void
test_email_shapes(void **state)
{
	(void)state;
	assert_true(webutil_email_ok("agent@acme.example"));
	assert_false(webutil_email_ok("agent"));
	assert_false(webutil_email_ok("@acme"));
	assert_false(webutil_email_ok("a@"));
	assert_false(webutil_email_ok("a@b@c"));
	assert_false(webutil_email_ok("a b@c"));
	assert_false(webutil_email_ok("<a>@c"));
}

/* Computed by hand from the documented algorithm (Python's hmac over the
 * URL and the sorted name+value pairs); the first is the provider's own
 * documentation example. */
static void
test_signature_vectors(void **state)
{
	char out[SIG_LEN];
	struct sig_param doc[] = {
		{ "To", "+18005551212" }, { "From", "+12349013030" },
		{ "Digits", "1234" }, { "Caller", "+12349013030" },
		{ "CallSid", "CA1234567890ABCDE" },
	};
	struct sig_param status[] = {
		{ "MessageStatus", "delivered" }, { "ErrorCode", "" },
		{ "MessageSid", "SM0123456789abcdef0123456789abcdef" },
	};
	struct sig_param utf8[] = {
		{ "From", "+14155552671" },
		{ "Body", "Caf\xc3\xa9 \xf0\x9f\x98\x80 & <b>" },
	};

	(void)state;
	assert_int_equal(sig_compute("12345",
	    "https://mycompany.com/myapp.php?foo=1&bar=2", doc, 5, out), 0);
	assert_string_equal(out, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
	assert_int_equal(sig_compute("secret-token",
	    "https://portal.example/hooks/provider/status", status, 3, out), 0);
	assert_string_equal(out, "llIA0lY5uI2EWf7vDn4OkfXNaAI=");
	assert_int_equal(sig_compute("tok",
	    "http://127.0.0.1:8080/hooks/provider/inbound", NULL, 0, out), 0);
	assert_string_equal(out, "2ymPIO+XuubrGe4qgUUHylCFQhY=");
	assert_int_equal(sig_compute("tok", "http://x/y", utf8, 2, out), 0);
	assert_string_equal(out, "+s11aYJpZkSkeHnH0udrJkKvnb8=");
	assert_true(sig_verify("tok", "http://x/y", utf8, 2,
	    "+s11aYJpZkSkeHnH0udrJkKvnb8="));
	assert_false(sig_verify("tok", "http://x/y", utf8, 2,
	    "+s11aYJpZkSkeHnH0udrJkKvnb9="));
	assert_false(sig_verify("tok", "http://x/y", utf8, 2, NULL));
	assert_false(sig_verify("tok", "http://x/y", utf8, 2, ""));
	assert_false(sig_verify("tok", "http://x/y?", utf8, 2,
	    "+s11aYJpZkSkeHnH0udrJkKvnb8="));
}

static void
test_yesterday_by_the_calendar(void **state)
{
	static const struct {
		int year, yday, y_year, y_yday;
	} rows[] = {
		{ 126, 337, 126, 336 },	/* 4 Dec 2026 */
		{ 126, 1, 126, 0 },	/* 2 Jan 2026 */
		{ 126, 0, 125, 364 },	/* 1 Jan 2026: 31 Dec 2025 */
		{ 125, 0, 124, 365 },	/* 1 Jan 2025: 31 Dec 2024, a leap year */
		{ 101, 0, 100, 365 },	/* 1 Jan 2001: 2000 leapt (400) */
		{ 1, 0, 0, 364 },	/* 1 Jan 1901: 1900 did not (100) */
	};
	size_t i;
	int y, d;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		webutil_yesterday(rows[i].year, rows[i].yday, &y, &d);
		assert_int_equal(y, rows[i].y_year);
		assert_int_equal(d, rows[i].y_yday);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_must_be_utf8_without_controls),
		cmocka_unit_test(test_urlencoding_escapes_must_be_whole),
		cmocka_unit_test(test_routes_match_whole_paths_and_numeric_ids),
		cmocka_unit_test(test_tokens_compare_whole),
		cmocka_unit_test(test_cursors_parse_or_refuse),
		cmocka_unit_test(test_email_shapes),
		cmocka_unit_test(test_signature_vectors),
		cmocka_unit_test(test_yesterday_by_the_calendar),
	};

	return cmocka_run_group_tests_name("web", tests, NULL, NULL);
}
