/* core_reason.c: why a message failed, in the help article's words */
#include <stddef.h>
#include <string.h>

#include "core_reason.h"

static const struct {
	const char	*name;
	const char	*short_text;
	const char	*advice;
} classes[REASON__MAX] = {
	[REASON_NONE] = { "", "", "" },
	[REASON_OPTED_OUT] = { "opted_out", "Lead opted out",
	    "The lead replied STOP. This is required by law and cannot be "
	    "overridden: if the lead texts you again (any message) they are "
	    "opted back in, or ask them to text START to your number." },
	[REASON_INVALID_NUMBER] = { "invalid_number", "Invalid phone number",
	    "Double-check the phone number in the conversation details, try "
	    "reaching the lead through another channel if you have their "
	    "email, and mark spam leads to keep your list clean." },
	[REASON_LANDLINE] = { "landline",
	    "Landline number: texts can't be sent to landlines",
	    "If you have the lead's mobile number, update their contact "
	    "information; otherwise reach them by email or a phone call." },
	[REASON_CARRIER_FILTERED] = { "carrier_filtered",
	    "Carrier filtering",
	    "Wait 15-30 minutes before sending to this lead again: the "
	    "message may have been delayed rather than blocked. Avoid "
	    "shortened URLs, ALL CAPS and mass-marketing wording." },
	[REASON_RATE_LIMITED] = { "rate_limited", "Sent too quickly",
	    "Messages are sent at natural intervals; this one will go out "
	    "again at the number's pace." },
	[REASON_UNREGISTERED] = { "unregistered",
	    "Business not registered with carriers",
	    "Complete your business's carrier registration in Settings "
	    "before sending from this number." },
	[REASON_UNREACHABLE] = { "unreachable",
	    "Phone off or out of coverage",
	    "This may be temporary: the lead's phone is off or out of "
	    "coverage. Try again later or reach them another way." },
	[REASON_BLOCKED] = { "blocked", "Blocked by the recipient or carrier",
	    "The recipient or their carrier blocked the message. Reach the "
	    "lead through another channel." },
	[REASON_ACCOUNT] = { "account", "Account problem: contact support",
	    "Contact support with the conversation details." },
	[REASON_SPAM] = { "spam", "Lead marked as spam",
	    "Spam leads cannot be texted. Unmark the lead if this was a "
	    "mistake." },
	[REASON_UNKNOWN] = { "unknown", "Unknown carrier error",
	    "Contact support with the conversation details and we can "
	    "investigate." },
};

/* The provider's codes (../shared/docs/provider-api.md), with the text the
 * thread shows for each. */
static const struct {
	int		 code;
	enum reason	 cls;
	enum retry	 retry;
	const char	*short_text;
} codes[] = {
	{ 21610, REASON_OPTED_OUT, RETRY_NO,
	    "Lead opted out: they must text START" },
	{ 21211, REASON_INVALID_NUMBER, RETRY_NO, "Invalid phone number" },
	{ 21614, REASON_LANDLINE, RETRY_NO, "Landline or invalid number" },
	{ 21408, REASON_ACCOUNT, RETRY_NO, "Sending number not enabled" },
	{ 21606, REASON_ACCOUNT, RETRY_NO, "Sending number not enabled" },
	{ 20003, REASON_ACCOUNT, RETRY_NO,
	    "Provider authentication failed: contact support" },
	{ 20429, REASON_RATE_LIMITED, RETRY_PACED, "Sent too quickly" },
	{ 30001, REASON_RATE_LIMITED, RETRY_PACED, "Sent too quickly" },
	{ 30002, REASON_ACCOUNT, RETRY_NO,
	    "Account suspended: contact support" },
	{ 30003, REASON_UNREACHABLE, RETRY_LATER_ONCE,
	    "Phone off or out of coverage; may be temporary" },
	{ 30004, REASON_BLOCKED, RETRY_NO,
	    "Blocked by the recipient or carrier" },
	{ 30005, REASON_INVALID_NUMBER, RETRY_NO,
	    "Invalid or disconnected number" },
	{ 30006, REASON_LANDLINE, RETRY_NO,
	    "Landline number: texts can't be sent to landlines" },
	{ 30007, REASON_CARRIER_FILTERED, RETRY_AFTER_COOLDOWN,
	    "Carrier filtering: wait 15-30 minutes, review content" },
	{ 30008, REASON_UNKNOWN, RETRY_LATER_ONCE, "Unknown carrier error" },
	{ 30022, REASON_RATE_LIMITED, RETRY_PACED, "Sent too quickly" },
	{ 30034, REASON_UNREGISTERED, RETRY_NO,
	    "Business not registered with carriers" },
};

const char *
reason_str(enum reason r)
{
	return (unsigned)r < REASON__MAX ? classes[r].name : "";
}

enum reason
reason_from_str(const char *s)
{
	unsigned i;

	if (s == NULL || *s == '\0')
		return REASON_NONE;
	for (i = 1; i < REASON__MAX; i++)
		if (strcmp(s, classes[i].name) == 0)
			return (enum reason)i;
	return REASON_NONE;
}

static int
code_index(int code)
{
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i].code == code)
			return (int)i;
	return -1;
}

enum reason
reason_from_code(int code)
{
	int i = code_index(code);

	return i < 0 ? REASON_UNKNOWN : codes[i].cls;
}

const char *
reason_short(enum reason r, int code)
{
	int i = code != 0 ? code_index(code) : -1;

	if (i >= 0)
		return codes[i].short_text;
	if (r == REASON_NONE && code != 0)
		r = REASON_UNKNOWN;
	return (unsigned)r < REASON__MAX ? classes[r].short_text : "";
}

const char *
reason_advice(enum reason r)
{
	return (unsigned)r < REASON__MAX ? classes[r].advice : "";
}

enum retry
reason_retry(int code)
{
	int i = code_index(code);

	return i < 0 ? RETRY_NO : codes[i].retry;
}
