/* core_phone.h: what people type as a phone number, to E.164 and a verdict */
#ifndef SP_CORE_PHONE_H
#define SP_CORE_PHONE_H

#include <stddef.h>

enum phone_verdict {
	PHONE_VALID,
	PHONE_EMPTY,
	PHONE_NOT_A_NUMBER,
	PHONE_INVALID_COUNTRY_CODE,
	PHONE_TOO_SHORT,
	PHONE_TOO_LONG,
	PHONE_INVALID,		/* the right length, but no such number */
	PHONE_FICTIONAL,	/* reserved for fiction: 555-0100..0199 */
	PHONE__MAX
};

/* The line type libphonenumber reads off the number itself (offline). */
enum phone_line {
	LINE_UNKNOWN,
	LINE_MOBILE,
	LINE_FIXED,
	LINE_FIXED_OR_MOBILE,	/* all of North America: ask the provider */
	LINE_TOLL_FREE,
	LINE_PREMIUM,
	LINE_SHARED_COST,
	LINE_VOIP,
	LINE_PERSONAL,
	LINE_PAGER,
	LINE_UAN,
	LINE_VOICEMAIL,
	LINE__MAX
};

/* Can the number receive texts, as far as the number itself tells? */
enum phone_sms {
	SMS_YES,
	SMS_NO,			/* fixed line, premium, shared cost, ... */
	SMS_LOOKUP,		/* only the provider's look-up can tell */
	SMS__MAX
};

struct phone {
	enum phone_verdict	 verdict;
	enum phone_line		 line;
	enum phone_sms		 sms;
	char			 e164[20];	/* "" unless the number parsed */
	char			 national[40];
	char			 region[4];	/* "US", "GB", ... */
};

/* Longest input considered; longer is PHONE_TOO_LONG without parsing. */
#define PHONE_MAX_INPUT	64

/* Classifies text (len bytes; NULs and invalid UTF-8 are NOT_A_NUMBER),
 * reading national numbers in default_region ("US" when NULL). Always fills
 * out. */
void		 phone_classify(const char *text, size_t len,
		    const char *default_region, struct phone *out);
const char	*phone_verdict_str(enum phone_verdict v);
/* A sentence for staff: "The number is too short." */
const char	*phone_verdict_text(enum phone_verdict v);
const char	*phone_line_str(enum phone_line l);
const char	*phone_sms_str(enum phone_sms s);

#endif
