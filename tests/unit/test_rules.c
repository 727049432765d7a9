/* test_rules.c: phone numbers, inbound words, content lint and pacing, one
 * row a case */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core_csv.h"
#include "core_lint.h"
#include "core_optout.h"
#include "core_pacing.h"
#include "core_phone.h"
#include "core_template.h"
#include "core_timezone.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char		*in;
	const char		*region;
	enum phone_verdict	 verdict;
	const char		*e164;	/* NULL: not checked */
	enum phone_line		 line;
	enum phone_sms		 sms;
} phone_rows[] = {
	{ "(415) 555-2671", "US", PHONE_VALID, "+14155552671", LINE_FIXED_OR_MOBILE, SMS_LOOKUP },
	{ "415.555.2671", "US", PHONE_VALID, "+14155552671", LINE_FIXED_OR_MOBILE, SMS_LOOKUP },
	{ "415 555 2671", "US", PHONE_VALID, "+14155552671", LINE_FIXED_OR_MOBILE, SMS_LOOKUP },
	{ "4155552671", "US", PHONE_VALID, "+14155552671", LINE_FIXED_OR_MOBILE, SMS_LOOKUP },
	{ "1-415-555-2671", "US", PHONE_VALID, "+14155552671", LINE_FIXED_OR_MOBILE, SMS_LOOKUP },
	{ "+1 (415) 555-2671", "GB", PHONE_VALID, "+14155552671", LINE_FIXED_OR_MOBILE, SMS_LOOKUP },
	{ "+14155552671", NULL, PHONE_VALID, "+14155552671", LINE_FIXED_OR_MOBILE, SMS_LOOKUP },
	{ "  +1 212 736 5001  ", "US", PHONE_VALID, "+12127365001", LINE_FIXED_OR_MOBILE, SMS_LOOKUP },
	{ "+1 312 736 5002", "US", PHONE_VALID, "+13127365002", LINE_FIXED_OR_MOBILE, SMS_LOOKUP },
	{ "(212) 736-5001 ext 5", "US", PHONE_VALID, "+12127365001", LINE_FIXED_OR_MOBILE, SMS_LOOKUP },
	{ "+44 7911 123456", "US", PHONE_VALID, "+447911123456", LINE_MOBILE, SMS_YES },
	{ "07911 123456", "GB", PHONE_VALID, "+447911123456", LINE_MOBILE, SMS_YES },
	{ "07400 123456", "GB", PHONE_VALID, "+447400123456", LINE_MOBILE, SMS_YES },
	{ "+44 20 7946 0958", "US", PHONE_VALID, "+442079460958", LINE_FIXED, SMS_NO },
	{ "020 7946 0958", "GB", PHONE_VALID, "+442079460958", LINE_FIXED, SMS_NO },
	{ "+49 900 1234567", "US", PHONE_VALID, "+499001234567", LINE_PREMIUM, SMS_NO },
	{ "+1-800-225-5288", "US", PHONE_VALID, "+18002255288", LINE_TOLL_FREE, SMS_LOOKUP },
	{ "+33 6 12 34 56 78", "US", PHONE_VALID, "+33612345678", LINE_MOBILE, SMS_YES },
	{ "06 12 34 56 78", "FR", PHONE_VALID, "+33612345678", LINE_MOBILE, SMS_YES },
	{ "+61 412 345 678", "US", PHONE_VALID, "+61412345678", LINE_MOBILE, SMS_YES },
	{ "+49 1512 3456789", "US", PHONE_VALID, "+4915123456789", LINE_MOBILE, SMS_YES },
	{ "+52 55 1234 5678", "US", PHONE_VALID, "+525512345678", LINE_FIXED_OR_MOBILE, SMS_LOOKUP },
	{ "\xef\xbc\x94\xef\xbc\x91\xef\xbc\x95 555 2671", "US", PHONE_VALID, "+14155552671", LINE_FIXED_OR_MOBILE, SMS_LOOKUP },
	{ "(212) 555-0123", "US", PHONE_FICTIONAL, "+12125550123", LINE_FIXED_OR_MOBILE, SMS_NO },
	{ "+1 212 555 0100", "US", PHONE_FICTIONAL, "+12125550100", LINE_FIXED_OR_MOBILE, SMS_NO },
	{ "+1 212 555 0199", "US", PHONE_FICTIONAL, "+12125550199", LINE_FIXED_OR_MOBILE, SMS_NO },
	{ "+1-800-555-0199", "US", PHONE_FICTIONAL, "+18005550199", LINE_TOLL_FREE, SMS_NO },
	{ "+1 212 555 0200", "US", PHONE_VALID, "+12125550200", LINE_FIXED_OR_MOBILE, SMS_LOOKUP },
	{ "12", "US", PHONE_TOO_SHORT, NULL, LINE_UNKNOWN, SMS_NO },
	{ "555-2671", "US", PHONE_TOO_SHORT, NULL, LINE_UNKNOWN, SMS_NO },
	{ "+1 415 555 26719", "US", PHONE_TOO_LONG, NULL, LINE_UNKNOWN, SMS_NO },
	{ "1234567890123456789", "US", PHONE_TOO_LONG, NULL, LINE_UNKNOWN, SMS_NO },
	{ "07911 123456", "US", PHONE_TOO_LONG, NULL, LINE_UNKNOWN, SMS_NO },
	{ "+999 1234567", "US", PHONE_INVALID_COUNTRY_CODE, NULL, LINE_UNKNOWN, SMS_NO },
	{ "+1 011 555 2671", "US", PHONE_INVALID, NULL, LINE_UNKNOWN, SMS_NO },
	{ "(123) 456-7890", "US", PHONE_INVALID, NULL, LINE_UNKNOWN, SMS_NO },
	{ "hello", "US", PHONE_NOT_A_NUMBER, NULL, LINE_UNKNOWN, SMS_NO },
	{ "call me", "US", PHONE_NOT_A_NUMBER, NULL, LINE_UNKNOWN, SMS_NO },
	{ "", "US", PHONE_EMPTY, NULL, LINE_UNKNOWN, SMS_NO },
	{ "   ", "US", PHONE_EMPTY, NULL, LINE_UNKNOWN, SMS_NO },
	{ "\xff\xfe 415 555 2671", "US", PHONE_NOT_A_NUMBER, NULL, LINE_UNKNOWN, SMS_NO },
	{ "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", "US", PHONE_NOT_A_NUMBER, NULL, LINE_UNKNOWN, SMS_NO },
	{ "'; DROP TABLE leads; --", "US", PHONE_NOT_A_NUMBER, NULL, LINE_UNKNOWN, SMS_NO },
};

static void
test_phone_numbers_as_people_type_them(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(phone_rows); i++) {
		struct phone p;
		phone_classify(phone_rows[i].in, strlen(phone_rows[i].in),
		    phone_rows[i].region, &p);
		if (p.verdict != phone_rows[i].verdict ||
		    p.sms != phone_rows[i].sms)
			print_message("phone row %zu (%s): %s %s %s\n", i,
			    phone_rows[i].in, phone_verdict_str(p.verdict),
			    phone_line_str(p.line), p.e164);
		assert_string_equal(phone_verdict_str(p.verdict),
		    phone_verdict_str(phone_rows[i].verdict));
		if (phone_rows[i].e164 != NULL)
			assert_string_equal(p.e164, phone_rows[i].e164);
		if (phone_rows[i].verdict == PHONE_VALID ||
		    phone_rows[i].verdict == PHONE_FICTIONAL)
			assert_string_equal(phone_line_str(p.line),
			    phone_line_str(phone_rows[i].line));
		assert_string_equal(phone_sms_str(p.sms),
		    phone_sms_str(phone_rows[i].sms));
		assert_true(strlen(phone_verdict_text(p.verdict)) > 10);
	}
}

static void
test_phone_nul_bytes_and_huge_input_are_not_numbers(void **state)
{
	struct phone p;
	char big[10000];

	(void)state;
	phone_classify("415\0" "5552671", 11, "US", &p);
	assert_int_equal(p.verdict, PHONE_NOT_A_NUMBER);
	memset(big, '7', sizeof(big));
	phone_classify(big, sizeof(big), "US", &p);
	assert_int_equal(p.verdict, PHONE_TOO_LONG);
	memset(big, 'x', sizeof(big));
	phone_classify(big, sizeof(big), "US", &p);
	assert_int_equal(p.verdict, PHONE_NOT_A_NUMBER);
	phone_classify(NULL, 0, NULL, &p);
	assert_int_equal(p.verdict, PHONE_EMPTY);
	phone_classify("4155552671", 10, "ZZ", &p);
	assert_int_not_equal(p.verdict, PHONE_VALID);
}

static const struct {
	const char	*text;
	enum inbound	 kind;
	const char	*word;
} inbound_rows[] = {
	{ "STOP", INBOUND_OPT_OUT, "STOP" },
	{ "stop", INBOUND_OPT_OUT, "STOP" },
	{ "Stop.", INBOUND_OPT_OUT, "STOP" },
	{ "  STOP!!  ", INBOUND_OPT_OUT, "STOP" },
	{ "STOP \xf0\x9f\x9b\x91", INBOUND_OPT_OUT, "STOP" },
	{ "\xe2\x80\x9cStop\xe2\x80\x9d", INBOUND_OPT_OUT, "STOP" },
	{ "STOPALL", INBOUND_OPT_OUT, "STOPALL" },
	{ "stop all", INBOUND_OPT_OUT, "STOP ALL" },
	{ "Stop   all", INBOUND_OPT_OUT, "STOP ALL" },
	{ "UNSUBSCRIBE", INBOUND_OPT_OUT, "UNSUBSCRIBE" },
	{ "Cancel", INBOUND_OPT_OUT, "CANCEL" },
	{ "end", INBOUND_OPT_OUT, "END" },
	{ "QUIT", INBOUND_OPT_OUT, "QUIT" },
	{ "Revoke", INBOUND_OPT_OUT, "REVOKE" },
	{ "OPTOUT", INBOUND_OPT_OUT, "OPTOUT" },
	{ "opt out", INBOUND_OPT_OUT, "OPT OUT" },
	{ "Opt-Out", INBOUND_OPT_OUT, "OPT-OUT" },
	{ "stop texting me", INBOUND_OPT_OUT, "stop texting me" },
	{ "Please stop texting me.", INBOUND_OPT_OUT, "stop texting me" },
	{ "please remove me from your list", INBOUND_OPT_OUT, "remove me from your list" },
	{ "Unsubscribe me", INBOUND_OPT_OUT, "unsubscribe me" },
	{ "stop please", INBOUND_OPT_OUT, "stop" },
	{ "Stop it", INBOUND_OPT_OUT, "stop it" },
	{ "take me off your list thanks", INBOUND_OPT_OUT, "take me off your list" },
	{ "Don\xe2\x80\x99t text me anymore", INBOUND_OPT_OUT, "don't text me" },
	{ "do not contact me again", INBOUND_OPT_OUT, "do not contact me" },
	{ "Wrong number, stop", INBOUND_OPT_OUT, "wrong number stop" },
	{ "I'm not interested, please stop messaging me", INBOUND_OPT_OUT, "stop messaging me" },
	{ "No more texts", INBOUND_OPT_OUT, "no more texts" },
	{ "leave me alone", INBOUND_OPT_OUT, "leave me alone" },
	{ "START", INBOUND_OPT_IN, "START" },
	{ "start.", INBOUND_OPT_IN, "START" },
	{ "Unstop", INBOUND_OPT_IN, "UNSTOP" },
	{ "YES", INBOUND_OPT_IN, "YES" },
	{ "subscribe", INBOUND_OPT_IN, "SUBSCRIBE" },
	{ "HELP", INBOUND_HELP, "HELP" },
	{ "help?", INBOUND_HELP, "HELP" },
	{ "Info", INBOUND_HELP, "INFO" },
	{ "I'll stop by tomorrow", INBOUND_OTHER, "" },
	{ "Don't cancel my appointment", INBOUND_OTHER, "" },
	{ "the end of the month works", INBOUND_OTHER, "" },
	{ "Can you stop by at 5?", INBOUND_OTHER, "" },
	{ "don't stop texting me, I like the updates", INBOUND_OTHER, "" },
	{ "Yes please, Tuesday works", INBOUND_OTHER, "" },
	{ "I need help with my roof", INBOUND_OTHER, "" },
	{ "Start the job on Monday?", INBOUND_OTHER, "" },
	{ "stopping by later", INBOUND_OTHER, "" },
	{ "quitting time, talk tomorrow", INBOUND_OTHER, "" },
	{ "\xf0\x9f\x91\x8d", INBOUND_OTHER, "" },
	{ "", INBOUND_OTHER, "" },
	{ "\xff\xfe STOP", INBOUND_OTHER, "" },
};

static void
test_inbound_words_and_requests(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(inbound_rows); i++) {
		struct inbound_word w;
		enum inbound k;
		k = inbound_classify(inbound_rows[i].text,
		    strlen(inbound_rows[i].text), &w);
		if (k != inbound_rows[i].kind ||
		    strcmp(w.word, inbound_rows[i].word) != 0)
			print_message("inbound row %zu (%s): %s %s\n", i,
			    inbound_rows[i].text, inbound_str(k), w.word);
		assert_string_equal(inbound_str(k),
		    inbound_str(inbound_rows[i].kind));
		assert_string_equal(w.word, inbound_rows[i].word);
	}
}

static void
test_inbound_long_or_binary_text_is_other(void **state)
{
	char big[10000];

	(void)state;
	memset(big, 'a', sizeof(big));
	memcpy(big, "STOP ", 5);
	assert_int_equal(inbound_classify(big, sizeof(big), NULL), INBOUND_OTHER);
	assert_int_equal(inbound_classify("ST\0OP", 5, NULL), INBOUND_OTHER);
	assert_int_equal(inbound_classify(NULL, 0, NULL), INBOUND_OTHER);
}

/* A row: the draft, whether it is the first message, the rule expected
 * (NULL: no finding at all) and its severity. */
static const struct {
	const char		*body;
	int			 first;
	const char		*rule;
	enum lint_severity	 sev;
} lint_rows[] = {
	{ "Hi Sam, Acme Roofing here. Does Thursday at 10am work?", 1, NULL, LINT_WARN },
	{ "Thanks, see you Thursday.", 0, NULL, LINT_WARN },
	{ "Your quote: https://acme.example/quotes/12", 0, NULL, LINT_WARN },
	{ "It costs $3.50 a foot.", 0, NULL, LINT_WARN },
	{ "Wait... ok", 0, NULL, LINT_WARN },
	{ "Caf\xc3\xa9 at 5?", 0, NULL, LINT_WARN },
	{ "OK, ASAP then", 0, NULL, LINT_WARN },
	{ "See bit.ly/abc123", 0, "short_url", LINT_BLOCK },
	{ "See https://bit.ly/abc123 today", 0, "short_url", LINT_BLOCK },
	{ "See http://tinyurl.com/x", 0, "short_url", LINT_BLOCK },
	{ "See t.co/xyz", 0, "short_url", LINT_BLOCK },
	{ "goo.gl/maps/abc", 0, "short_url", LINT_BLOCK },
	{ "ow.ly/x1", 0, "short_url", LINT_BLOCK },
	{ "is.gd/x1", 0, "short_url", LINT_BLOCK },
	{ "buff.ly/x1", 0, "short_url", LINT_BLOCK },
	{ "rebrand.ly/x1", 0, "short_url", LINT_BLOCK },
	{ "cutt.ly/x1", 0, "short_url", LINT_BLOCK },
	{ "tiny.cc/x1", 0, "short_url", LINT_BLOCK },
	{ "rb.gy/x1", 0, "short_url", LINT_BLOCK },
	{ "shorturl.at/x1", 0, "short_url", LINT_BLOCK },
	{ "www.bit.ly/x1", 0, "short_url", LINT_BLOCK },
	{ "Visit acme.example/quotes", 0, "url_not_full", LINT_WARN },
	{ "Visit www.acme.example", 0, "url_not_full", LINT_WARN },
	{ "CALL US TODAY ABOUT YOUR ROOF", 0, "all_caps", LINT_WARN },
	{ "Wow!!! Great news", 0, "repeated_chars", LINT_WARN },
	{ "Really???", 0, "repeated_chars", LINT_WARN },
	{ "Hmm.... ok", 0, "repeated_chars", LINT_WARN },
	{ "Great \xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 0, "repeated_chars", LINT_WARN },
	{ "\xf0\x9f\x8f\xa0\xf0\x9f\x94\xa8\xf0\x9f\x9a\xa7\xf0\x9f\x8c\xa7 roof", 0, "emoji", LINT_WARN },
	{ "$$ ## ** @@ ~~ deal", 0, "special_chars", LINT_WARN },
	{ "We also sell wine", 0, "restricted_topic", LINT_WARN },
	{ "CBD gummies in stock", 0, "restricted_topic", LINT_WARN },
	{ "No credit check needed", 0, "restricted_topic", LINT_WARN },
	{ "Visit our casino", 0, "restricted_topic", LINT_WARN },
	{ "We now sell guns", 0, "restricted_topic", LINT_WARN },
	{ "Vape sale", 0, "restricted_topic", LINT_WARN },
	{ "Act now to save", 0, "spam_phrase", LINT_WARN },
	{ "Congratulations, you won", 0, "spam_phrase", LINT_WARN },
	{ "Dear customer, our sale", 0, "spam_phrase", LINT_WARN },
	{ "Limited time offer on shingles", 0, "spam_phrase", LINT_WARN },
	{ "Hi Sam, does Thursday work?", 1, "no_business_name", LINT_WARN },
	{ "Hi Sam, Acme here. Thursday?", 1, "no_business_name", LINT_WARN },
	{ "Hi Sam, ACME ROOFING here, Thursday?", 1, NULL, LINT_WARN },
	{ "See you soon \xf0\x9f\x98\x80", 0, "ucs2", LINT_WARN },
	{ "Price in \xe2\x82\xac is fine", 0, NULL, LINT_WARN },
	{ "", 0, "empty", LINT_BLOCK },
	{ "   \n ", 0, "empty", LINT_BLOCK },
	{ "bad \xff bytes", 0, "invalid_text", LINT_BLOCK },
	{ "I'll stop by the bank.com office", 0, "url_not_full", LINT_WARN },
	{ "sex", 0, "restricted_topic", LINT_WARN },
	{ "Essex county job", 0, NULL, LINT_WARN },
};

static int
has_rule(const struct lint_result *r, const char *rule,
    enum lint_severity sev)
{
	int i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->f[i].rule, rule) == 0 && r->f[i].severity == sev)
			return 1;
	return 0;
}

static void
test_lint_findings(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NELEM(lint_rows); i++) {
		struct lint_input in = { lint_rows[i].body,
		    strlen(lint_rows[i].body), "Acme Roofing",
		    lint_rows[i].first };
		struct lint_result r;
		lint_check(&in, &r);
		if ((lint_rows[i].rule == NULL) != (r.n == 0) || (r.n > 0 &&
		    lint_rows[i].rule != NULL && !has_rule(&r,
		    lint_rows[i].rule, lint_rows[i].sev)))
			print_message("lint row %zu (%s): %d findings, first "
			    "%s\n", i, lint_rows[i].body, r.n,
			    r.n ? r.f[0].rule : "-");
		if (lint_rows[i].rule == NULL) {
			assert_int_equal(r.n, 0);
			assert_false(r.blocked);
			continue;
		}
		assert_true(has_rule(&r, lint_rows[i].rule, lint_rows[i].sev));
		assert_int_equal(r.blocked, lint_rows[i].sev == LINT_BLOCK);
		assert_true(r.f[0].end <= in.len);
		assert_true(strlen(r.f[0].message) > 10);
	}
}

static void
test_lint_counts_segments_as_carriers_bill(void **state)
{
	char buf[2000];
	struct lint_input in = { buf, 0, NULL, 0 };
	struct lint_result r;
	size_t i;

	(void)state;
	memset(buf, 'a', sizeof(buf));
	for (i = 0; i < 8; i++)
		buf[20 * i + 5] = ' ';
	in.len = 160;
	lint_check(&in, &r);
	assert_int_equal(r.encoding, ENC_GSM7);
	assert_int_equal(r.segments, 1);
	in.len = 161;
	lint_check(&in, &r);
	assert_int_equal(r.segments, 2);
	in.len = 306;
	lint_check(&in, &r);
	assert_int_equal(r.segments, 2);
	in.len = 307;
	lint_check(&in, &r);
	assert_int_equal(r.segments, 3);
	/* the extension table costs two septets: 80 braces fill one segment */
	memset(buf, '{', 81);
	in.len = 80;
	lint_check(&in, &r);
	assert_int_equal(r.units, 160);
	assert_int_equal(r.segments, 1);
	in.len = 81;
	lint_check(&in, &r);
	assert_int_equal(r.segments, 2);
	/* UCS-2: 70 in one, then 67 a segment; an emoji is two units */
	memset(buf, 'a', sizeof(buf));
	memcpy(buf, "\xc4\x80", 2);	/* U+0100, not in GSM-7 */
	in.len = 71;			/* 70 characters */
	lint_check(&in, &r);
	assert_int_equal(r.encoding, ENC_UCS2);
	assert_int_equal(r.units, 70);
	assert_int_equal(r.segments, 1);
	in.len = 72;
	lint_check(&in, &r);
	assert_int_equal(r.segments, 2);
	assert_true(has_rule(&r, "ucs2", LINT_WARN));
	/* over 1600 characters is refused */
	memset(buf, 'a', sizeof(buf));
	for (i = 0; i < sizeof(buf); i += 7)
		buf[i] = ' ';
	in.len = 1601;
	lint_check(&in, &r);
	assert_true(has_rule(&r, "too_long", LINT_BLOCK));
	in.len = 1600;
	lint_check(&in, &r);
	assert_false(r.blocked);
}

static void
test_lint_survives_hostile_input(void **state)
{
	static char big[10000];
	struct lint_input in = { big, sizeof(big), "Acme", 1 };
	struct lint_result r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 131 + 7);
	lint_check(&in, &r);
	assert_true(r.blocked);
	assert_true(r.n <= LINT_MAX_FINDINGS);
	for (i = 0; i + 4 <= sizeof(big); i += 4)
		memcpy(big + i, "\xf0\x9f\x98\x80", 4);
	lint_check(&in, &r);
	assert_int_equal(r.encoding, ENC_UCS2);
	assert_true(has_rule(&r, "too_long", LINT_BLOCK));
}

static void
test_pacing_spaces_sends_with_jitter(void **state)
{
	int64_t now = 1700000000000LL, prev = now - 100, next;
	uint32_t rnd;

	(void)state;
	/* 30 a minute: 2 s apart, give or take 30% */
	for (rnd = 0; rnd < 100000; rnd += 997) {
		next = pacing_next(prev, now, 30, rnd);
		assert_true(next >= prev + 1400 && next <= prev + 2600);
		assert_true(next >= now);
	}
	assert_int_not_equal(pacing_next(prev, now, 30, 1),
	    pacing_next(prev, now, 30, 2));
	/* the first send goes now; a long-idle number goes now */
	assert_true(pacing_next(0, now, 30, 5) == now);
	assert_true(pacing_next(now - 60000, now, 30, 5) == now);
	/* absurd rates are clamped, never divided by */
	assert_true(pacing_next(prev, now, 0, 5) >= prev + 42000);
	assert_true(pacing_next(prev, now, 1000000, 5) >= now);
}

static void
test_cooldown_lasts_15_to_30_minutes(void **state)
{
	int64_t t = 1700000000000LL, end;
	uint32_t rnd;
	int64_t lo = INT64_MAX, hi = 0;

	(void)state;
	for (rnd = 0; rnd < 4000000000U; rnd += 7919777) {
		end = pacing_cooldown_end(t, rnd);
		assert_true(end >= t + 15 * 60000 && end <= t + 30 * 60000);
		lo = end < lo ? end : lo;
		hi = end > hi ? end : hi;
	}
	assert_true(hi - lo > 10 * 60000);	/* spread, not fixed */
}

static void
test_quiet_hours_hold_until_eight_local(void **state)
{
	/* 2026-11-27 02:00 UTC is 21:00 in New York (UTC-5) */
	int64_t t = 1795744800000LL;
	int ny = -5 * 3600;

	(void)state;
	assert_int_equal(pacing_window_open(t, ny, QUIET_END_MIN,
	    QUIET_START_MIN), t + 11 * 3600000LL);
	/* 13:00 UTC is 08:00 in New York: open */
	t = 1795784400000LL;
	assert_int_equal(pacing_window_open(t, ny, QUIET_END_MIN,
	    QUIET_START_MIN), t);
	/* 12:59 UTC: a minute to wait */
	assert_int_equal(pacing_window_open(t - 60000, ny, QUIET_END_MIN,
	    QUIET_START_MIN), t);
	/* 01:59 UTC is 20:59 in New York: still open */
	assert_int_equal(pacing_window_open(1795744740000LL, ny,
	    QUIET_END_MIN, QUIET_START_MIN), 1795744740000LL);
	/* no window configured */
	assert_int_equal(pacing_window_open(t, ny, 0, 0), t);
}

/* CSV as spreadsheets write it: quotes, doubled quotes, commas and line
 * breaks inside quotes, CRLF, LF and CR line ends, a byte order mark. */
static void
test_csv_rows(void **state)
{
	static const struct {
		const char	*in;
		int		 rows;
		const char	*want;	/* rows joined by '/', fields by '|' */
		int		 rc_end;	/* 0 the end, -1 an error */
	} cases[] = {
		{ "a,b,c\r\n1,2,3\r\n", 2, "a|b|c/1|2|3", 0 },
		{ "a,b\n1,2", 2, "a|b/1|2", 0 },
		{ "a,b\r1,2\r", 2, "a|b/1|2", 0 },
		{ "\xEF\xBB\xBFname,phone\n", 1, "name|phone", 0 },
		{ "\"Smith, Jr\",\"say \"\"hi\"\"\"\n", 1, "Smith, Jr|say \"hi\"", 0 },
		{ "\"two\nlines\",x\n", 1, "two\nlines|x", 0 },
		{ ",,\n", 1, "||", 0 },
		{ "\"\"\n", 1, "", 0 },
		{ "a\n\nb\n", 3, "a//b", 0 },
		{ "\"never closed,1\n", 0, "", -1 },
		{ "\"x\"y,1\n", 0, "", -1 },
		{ "", 0, "", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[128], got[256] = "";
		char *f[8];
		struct csv c;
		int n, rc, rows = 0;
		size_t len = strlen(cases[i].in);

		memcpy(buf, cases[i].in, len + 1);
		csv_init(&c, buf, len);
		while ((rc = csv_row(&c, f, 8, &n)) == 1) {
			size_t o = strlen(got);
			snprintf(got + o, sizeof(got) - o, "%s", rows++ > 0 ?
			    "/" : "");
			for (int k = 0; k < n; k++) {
				o = strlen(got);
				snprintf(got + o, sizeof(got) - o, "%s%s",
				    k > 0 ? "|" : "", f[k]);
			}
		}
		if (rows != cases[i].rows || rc != cases[i].rc_end ||
		    (rc == 0 && strcmp(got, cases[i].want) != 0))
			fail_msg("case %zu: %d rows \"%s\" rc %d", i, rows, got, rc);
	}
}

static void
test_csv_more_fields_than_room(void **state)
{
	char buf[] = "1,2,3,4,5\n";
	char *f[2];
	struct csv c;
	int n;

	(void)state;
	csv_init(&c, buf, strlen(buf));
	assert_int_equal(csv_row(&c, f, 2, &n), 1);
	assert_int_equal(n, 5);
	assert_string_equal(f[0], "1");
	assert_string_equal(f[1], "2");
	assert_int_equal(csv_row(&c, f, 2, &n), 0);
}

static void
test_templates_fill_and_check(void **state)
{
	char out[64], first[32];

	(void)state;
	assert_null(template_check("Hi {first_name}, {business_name} here"));
	assert_null(template_check("no fields at all"));
	assert_non_null(template_check("Hi {firstname}"));
	assert_non_null(strstr(template_check("Hi {firstname}"), "{firstname}"));
	assert_non_null(template_check("a { b"));
	template_first_name("Olivia Smith", first, sizeof(first));
	assert_string_equal(first, "Olivia");
	template_first_name("  Cher", first, sizeof(first));
	assert_string_equal(first, "Cher");
	template_first_name("", first, sizeof(first));
	assert_string_equal(first, "there");
	template_first_name(NULL, first, sizeof(first));
	assert_string_equal(first, "there");
	assert_int_equal(template_fill("Hi {first_name}, {business_name}.",
	    "Olivia", "Acme Roofing", out, sizeof(out)), 0);
	assert_string_equal(out, "Hi Olivia, Acme Roofing.");
	assert_int_equal(template_fill("{first_name}{first_name}", "x", "y",
	    out, sizeof(out)), 0);
	assert_string_equal(out, "xx");
	/* a field's value is never read as a field */
	assert_int_equal(template_fill("{first_name}", "{business_name}", "B",
	    out, sizeof(out)), 0);
	assert_string_equal(out, "{business_name}");
	assert_int_equal(template_fill("{business_name}", "x",
	    "a very long business name that does not fit in 64 bytes at all",
	    out, 16), -1);
	assert_true(strlen(out) < 16);
}

/* Quiet hours need the lead's zone: the number's area code tells it. */
static void
test_time_zones_from_numbers(void **state)
{
	static const struct { const char *e164, *tz; } cases[] = {
		{ "+12127365001", "America/New_York" },
		{ "+13127365002", "America/Chicago" },
		{ "+14155552600", "America/Los_Angeles" },
		{ "+17135551234", "America/Chicago" },
		{ "+16025551234", "America/Phoenix" },
		{ "+18085551234", "Pacific/Honolulu" },
		{ "+19075551234", "America/Anchorage" },
		{ "+16045551234", "America/Vancouver" },
		{ "+14165551234", "America/Toronto" },
		{ "+447946095800", NULL },
		{ "not a number", NULL },
	};
	int off;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *tz = tz_for_number(cases[i].e164);
		if ((tz == NULL) != (cases[i].tz == NULL) ||
		    (tz != NULL && strcmp(tz, cases[i].tz) != 0))
			fail_msg("%s: %s, wanted %s", cases[i].e164,
			    tz ? tz : "none", cases[i].tz ? cases[i].tz : "none");
	}
	assert_string_equal(tz_for_place("Chicago, IL"), "America/Chicago");
	assert_null(tz_for_place("Atlantis, XX"));
	assert_null(tz_for_place(""));
	assert_true(tz_known("America/Chicago"));
	assert_false(tz_known("America"));
	assert_false(tz_known("Mars/Olympus_Mons"));
	assert_false(tz_known("../../etc/passwd"));
	assert_false(tz_known("/etc/localtime"));
	assert_false(tz_known(""));
	/* 2026-01-15 12:00 UTC: Chicago is at -6, and at -5 on 2026-07-15 */
	assert_int_equal(tz_offset("America/Chicago", 1768478400, &off), 0);
	assert_int_equal(off, -6 * 3600);
	assert_int_equal(tz_offset("America/Chicago", 1784116800, &off), 0);
	assert_int_equal(off, -5 * 3600);
	assert_int_equal(tz_offset("Nowhere/City", 0, &off), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone_numbers_as_people_type_them),
		cmocka_unit_test(test_phone_nul_bytes_and_huge_input_are_not_numbers),
		cmocka_unit_test(test_inbound_words_and_requests),
		cmocka_unit_test(test_inbound_long_or_binary_text_is_other),
		cmocka_unit_test(test_lint_findings),
		cmocka_unit_test(test_lint_counts_segments_as_carriers_bill),
		cmocka_unit_test(test_lint_survives_hostile_input),
		cmocka_unit_test(test_pacing_spaces_sends_with_jitter),
		cmocka_unit_test(test_cooldown_lasts_15_to_30_minutes),
		cmocka_unit_test(test_quiet_hours_hold_until_eight_local),
		cmocka_unit_test(test_csv_rows),
		cmocka_unit_test(test_csv_more_fields_than_room),
		cmocka_unit_test(test_templates_fill_and_check),
		cmocka_unit_test(test_time_zones_from_numbers),
	};

	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
