/* core_reason.h: why a message failed, in the help article's words */
#ifndef SP_CORE_REASON_H
#define SP_CORE_REASON_H

enum reason {
	REASON_NONE,
	REASON_OPTED_OUT,
	REASON_INVALID_NUMBER,
	REASON_LANDLINE,
	REASON_CARRIER_FILTERED,
	REASON_RATE_LIMITED,
	REASON_UNREGISTERED,
	REASON_UNREACHABLE,
	REASON_BLOCKED,
	REASON_ACCOUNT,
	REASON_SPAM,
	REASON_UNKNOWN,
	REASON__MAX
};

enum retry {
	RETRY_NO,		/* final */
	RETRY_LATER_ONCE,	/* one more try after a delay */
	RETRY_PACED,		/* again, at the number's pace */
	RETRY_AFTER_COOLDOWN,	/* after the lead's 15-30 minute cool-down */
	RETRY__MAX
};

/* The stable name stored in messages.reason ("opted_out", ...). */
const char	*reason_str(enum reason r);
/* REASON_NONE for NULL or an unknown name. */
enum reason	 reason_from_str(const char *s);
/* The class of a provider error code; REASON_UNKNOWN for codes not known. */
enum reason	 reason_from_code(int code);
/* What a thread shows: the code's own text when it has one, else the
 * class's ("Invalid phone number"). code 0 means no provider code. */
const char	*reason_short(enum reason r, int code);
/* The help article's "what you can do" for the class. */
const char	*reason_advice(enum reason r);
enum retry	 reason_retry(int code);

#endif
