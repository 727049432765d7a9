/* core_phone.c: what people type as a phone number, to E.164 and a verdict */
#include <string.h>

#include "core_phone.h"
#include "core_text.h"
#include "phone_shim.h"

/* libphonenumber's enums (phonenumberutil.h), in their order. */
enum { PE_NONE, PE_INVALID_CC, PE_NOT_A_NUMBER, PE_TOO_SHORT_AFTER_IDD,
    PE_TOO_SHORT_NSN, PE_TOO_LONG_NSN };
enum { PV_IS_POSSIBLE, PV_LOCAL_ONLY, PV_INVALID_CC, PV_TOO_SHORT,
    PV_INVALID_LENGTH, PV_TOO_LONG };

static const enum phone_line lib_types[] = {
	LINE_FIXED, LINE_MOBILE, LINE_FIXED_OR_MOBILE, LINE_TOLL_FREE,
	LINE_PREMIUM, LINE_SHARED_COST, LINE_VOIP, LINE_PERSONAL, LINE_PAGER,
	LINE_UAN, LINE_VOICEMAIL, LINE_UNKNOWN,
};

/* North America's 555-0100 to 555-0199 are reserved for fiction (films,
 * examples, test data): libphonenumber calls them valid; we do not. */
static int
fictional(int country_code, const char *nsn)
{
	return country_code == 1 && strlen(nsn) == 10 &&
	    strncmp(nsn + 3, "55501", 5) == 0;
}

static int
has_digit(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

void
phone_classify(const char *text, size_t len, const char *default_region,
    struct phone *out)
{
	char buf[PHONE_MAX_INPUT + 1];
	struct phone_shim sh;
	size_t i;

	memset(out, 0, sizeof(*out));
	out->line = LINE_UNKNOWN;
	out->sms = SMS_NO;
	if (text == NULL || len == 0) {
		out->verdict = PHONE_EMPTY;
		return;
	}
	for (i = 0; i < len && (text[i] == ' ' || text[i] == '\t'); i++)
		;
	if (i == len) {
		out->verdict = PHONE_EMPTY;
		return;
	}
	if (len > PHONE_MAX_INPUT) {
		out->verdict = has_digit(text, len) ? PHONE_TOO_LONG :
		    PHONE_NOT_A_NUMBER;
		return;
	}
	if (memchr(text, '\0', len) != NULL || !text_utf8_valid(text, len) ||
	    !has_digit(text, len)) {
		out->verdict = PHONE_NOT_A_NUMBER;
		return;
	}
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (phone_shim_parse(buf, default_region ? default_region : "US",
	    &sh) != 0) {
		out->verdict = PHONE_NOT_A_NUMBER;
		return;
	}
	switch (sh.parse_error) {
	case PE_NONE:
		break;
	case PE_INVALID_CC:
		out->verdict = PHONE_INVALID_COUNTRY_CODE;
		return;
	case PE_TOO_SHORT_AFTER_IDD:
	case PE_TOO_SHORT_NSN:
		out->verdict = PHONE_TOO_SHORT;
		return;
	case PE_TOO_LONG_NSN:
		out->verdict = PHONE_TOO_LONG;
		return;
	default:
		out->verdict = PHONE_NOT_A_NUMBER;
		return;
	}
	memcpy(out->e164, sh.e164, sizeof(out->e164));
	memcpy(out->national, sh.national, sizeof(out->national));
	memcpy(out->region, sh.region, sizeof(out->region));
	if (sh.type >= 0 && (size_t)sh.type < sizeof(lib_types) /
	    sizeof(lib_types[0]))
		out->line = lib_types[sh.type];

	switch (sh.possible) {
	case PV_INVALID_CC:
		out->verdict = PHONE_INVALID_COUNTRY_CODE;
		return;
	case PV_TOO_SHORT:
	case PV_LOCAL_ONLY:
		out->verdict = PHONE_TOO_SHORT;
		return;
	case PV_TOO_LONG:
		out->verdict = PHONE_TOO_LONG;
		return;
	default:
		break;
	}
	if (!sh.valid) {
		out->verdict = PHONE_INVALID;
		return;
	}
	if (fictional(sh.country_code, sh.national_digits)) {
		out->verdict = PHONE_FICTIONAL;
		return;
	}
	out->verdict = PHONE_VALID;
	switch (out->line) {
	case LINE_MOBILE:
	case LINE_VOIP:
	case LINE_PERSONAL:
		out->sms = SMS_YES;
		break;
	case LINE_FIXED_OR_MOBILE:
	case LINE_TOLL_FREE:	/* toll-free numbers can be text-enabled */
	case LINE_UNKNOWN:
		out->sms = SMS_LOOKUP;
		break;
	default:
		out->sms = SMS_NO;
		break;
	}
}

const char *
phone_verdict_str(enum phone_verdict v)
{
	static const char *names[PHONE__MAX] = {
		"valid", "empty", "not_a_number", "invalid_country_code",
		"too_short", "too_long", "invalid", "fictional",
	};

	return (unsigned)v < PHONE__MAX ? names[v] : "invalid";
}

const char *
phone_verdict_text(enum phone_verdict v)
{
	static const char *texts[PHONE__MAX] = {
		"The number is valid.",
		"Enter a phone number.",
		"That is not a phone number.",
		"The country code is not one in use.",
		"The number is too short.",
		"The number is too long.",
		"No phone number has these digits: check for a typo.",
		"The number is in a range reserved for fiction and test data "
		    "(555-0100 to 555-0199).",
	};

	return (unsigned)v < PHONE__MAX ? texts[v] : texts[PHONE_INVALID];
}

const char *
phone_line_str(enum phone_line l)
{
	static const char *names[LINE__MAX] = {
		"unknown", "mobile", "fixed_line", "fixed_line_or_mobile",
		"toll_free", "premium", "shared_cost", "voip", "personal",
		"pager", "uan", "voicemail",
	};

	return (unsigned)l < LINE__MAX ? names[l] : "unknown";
}

const char *
phone_sms_str(enum phone_sms s)
{
	static const char *names[SMS__MAX] = { "yes", "no", "lookup" };

	return (unsigned)s < SMS__MAX ? names[s] : "no";
}
