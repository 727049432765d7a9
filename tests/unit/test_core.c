/* test_core.c: the pure rules of delivery (core_*), table by table */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core_reason.h"
#include "core_status.h"

/* One row per provider code of ../shared/docs/provider-api.md. */
static const struct {
	int		 code;
	const char	*cls;
	const char	*text;
	enum retry	 retry;
} code_rows[] = {
	{ 21610, "opted_out", "Lead opted out: they must text START", RETRY_NO },
	{ 21211, "invalid_number", "Invalid phone number", RETRY_NO },
	{ 21614, "landline", "Landline or invalid number", RETRY_NO },
	{ 30003, "unreachable", "Phone off or out of coverage; may be temporary",
	    RETRY_LATER_ONCE },
	{ 30004, "blocked", "Blocked by the recipient or carrier", RETRY_NO },
	{ 30005, "invalid_number", "Invalid or disconnected number", RETRY_NO },
	{ 30006, "landline", "Landline number: texts can't be sent to landlines",
	    RETRY_NO },
	{ 30007, "carrier_filtered",
	    "Carrier filtering: wait 15-30 minutes, review content",
	    RETRY_AFTER_COOLDOWN },
	{ 30008, "unknown", "Unknown carrier error", RETRY_LATER_ONCE },
	{ 30022, "rate_limited", "Sent too quickly", RETRY_PACED },
	{ 30034, "unregistered", "Business not registered with carriers",
	    RETRY_NO },
	{ 30001, "rate_limited", "Sent too quickly", RETRY_PACED },
	{ 30002, "account", "Account suspended: contact support", RETRY_NO },
	{ 20429, "rate_limited", "Sent too quickly", RETRY_PACED },
	{ 20003, "account", "Provider authentication failed: contact support",
	    RETRY_NO },
	{ 21408, "account", "Sending number not enabled", RETRY_NO },
	{ 21606, "account", "Sending number not enabled", RETRY_NO },
};

static void
test_each_provider_code_has_its_reason_text_and_retry(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(code_rows) / sizeof(code_rows[0]); i++) {
		enum reason r = reason_from_code(code_rows[i].code);
		assert_string_equal(reason_str(r), code_rows[i].cls);
		assert_string_equal(reason_short(r, code_rows[i].code),
		    code_rows[i].text);
		assert_int_equal(reason_retry(code_rows[i].code),
		    code_rows[i].retry);
		assert_true(strlen(reason_advice(r)) > 20);
	}
}

static void
test_unknown_code_is_unknown_and_final(void **state)
{
	(void)state;
	assert_int_equal(reason_from_code(12345), REASON_UNKNOWN);
	assert_int_equal(reason_retry(12345), RETRY_NO);
	assert_string_equal(reason_short(REASON_NONE, 12345),
	    "Unknown carrier error");
}

static void
test_local_failures_use_the_articles_words(void **state)
{
	(void)state;
	assert_string_equal(reason_short(REASON_LANDLINE, 0),
	    "Landline number: texts can't be sent to landlines");
	assert_string_equal(reason_short(REASON_INVALID_NUMBER, 0),
	    "Invalid phone number");
	assert_string_equal(reason_short(REASON_OPTED_OUT, 0), "Lead opted out");
}

static void
test_reason_names_round_trip(void **state)
{
	int r;

	(void)state;
	for (r = 1; r < REASON__MAX; r++)
		assert_int_equal(reason_from_str(reason_str(r)), r);
	assert_int_equal(reason_from_str(NULL), REASON_NONE);
	assert_int_equal(reason_from_str("nonsense"), REASON_NONE);
}

static const struct {
	const char	*status;
	const char	*shown;
} shown_rows[] = {
	{ "queued", "Sending" }, { "accepted", "Sending" },
	{ "scheduled", "Sending" }, { "sending", "Sending" },
	{ "sent", "Sending" }, { "delivered", "Delivered" },
	{ "read", "Delivered" }, { "undelivered", "Failed" },
	{ "failed", "Failed" }, { "canceled", "Failed" },
	{ "received", "Received" }, { "bogus", "Sending" },
};

static void
test_statuses_show_as_the_article_names_them(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(shown_rows) / sizeof(shown_rows[0]); i++)
		assert_string_equal(
		    shown_str(status_shown(status_from_str(shown_rows[i].status))),
		    shown_rows[i].shown);
}

/* Progress order of the outbound statuses: a merge may only move up. */
static int
rank(enum status s)
{
	switch (s) {
	case STATUS_UNKNOWN: return 0;
	case STATUS_QUEUED: case STATUS_ACCEPTED: return 1;
	case STATUS_SCHEDULED: return 2;
	case STATUS_SENDING: return 3;
	case STATUS_SENT: return 4;
	case STATUS_READ: return 6;
	case STATUS_RECEIVED: return 7;
	default: return 5;
	}
}

static void
test_status_merge_never_moves_backwards_over_every_pair(void **state)
{
	int a, b;

	(void)state;
	for (a = 0; a < STATUS__MAX; a++) {
		for (b = 0; b < STATUS__MAX; b++) {
			enum status m = status_merge(a, b);
			/* the result is one of the two, never lower than cur */
			assert_true(m == (enum status)a || m == (enum status)b);
			assert_true(rank(m) >= rank(a));
			/* a duplicate changes nothing */
			if (a == b)
				assert_int_equal(m, a);
			/* a final verdict is never replaced by another
			 * final verdict (the first carrier answer stands) */
			if (rank(a) == 5 && rank(b) == 5)
				assert_int_equal(m, a);
			/* forward news from a non-final state is taken */
			if (rank(a) < 5 && rank(b) > rank(a) &&
			    b != STATUS_UNKNOWN)
				assert_int_equal(m, b);
		}
	}
	assert_int_equal(status_merge(STATUS_DELIVERED, STATUS_SENT),
	    STATUS_DELIVERED);
	assert_int_equal(status_merge(STATUS_UNDELIVERED, STATUS_SENT),
	    STATUS_UNDELIVERED);
	assert_int_equal(status_merge(STATUS_UNDELIVERED, STATUS_READ),
	    STATUS_UNDELIVERED);
	assert_int_equal(status_merge(STATUS_SENT, STATUS_DELIVERED),
	    STATUS_DELIVERED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_provider_code_has_its_reason_text_and_retry),
		cmocka_unit_test(test_unknown_code_is_unknown_and_final),
		cmocka_unit_test(test_local_failures_use_the_articles_words),
		cmocka_unit_test(test_reason_names_round_trip),
		cmocka_unit_test(test_statuses_show_as_the_article_names_them),
		cmocka_unit_test(test_status_merge_never_moves_backwards_over_every_pair),
	};

	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
