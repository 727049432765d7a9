/* core_status.c: the provider's statuses, the three the help article shows,
 * and a merge that never moves a message backwards */
#include <stddef.h>
#include <string.h>

#include "core_status.h"

static const struct {
	const char	*name;
	enum shown	 shown;
	int		 rank;	/* a status never gives way to a lower rank */
} statuses[STATUS__MAX] = {
	[STATUS_UNKNOWN] = { "unknown", SHOWN_SENDING, 0 },
	[STATUS_QUEUED] = { "queued", SHOWN_SENDING, 1 },
	[STATUS_ACCEPTED] = { "accepted", SHOWN_SENDING, 1 },
	[STATUS_SCHEDULED] = { "scheduled", SHOWN_SENDING, 2 },
	[STATUS_SENDING] = { "sending", SHOWN_SENDING, 3 },
	[STATUS_SENT] = { "sent", SHOWN_SENDING, 4 },
	/* Final states share the top ranks: the first carrier verdict
	 * stands, and read only refines delivered. */
	[STATUS_DELIVERED] = { "delivered", SHOWN_DELIVERED, 5 },
	[STATUS_READ] = { "read", SHOWN_DELIVERED, 6 },
	[STATUS_UNDELIVERED] = { "undelivered", SHOWN_FAILED, 5 },
	[STATUS_FAILED] = { "failed", SHOWN_FAILED, 5 },
	[STATUS_CANCELED] = { "canceled", SHOWN_FAILED, 5 },
	[STATUS_RECEIVED] = { "received", SHOWN_RECEIVED, 7 },
};

static const char *shown_names[SHOWN__MAX] = {
	"Sending", "Delivered", "Failed", "Received",
};

const char *
status_str(enum status s)
{
	return (unsigned)s < STATUS__MAX ? statuses[s].name : "unknown";
}

enum status
status_from_str(const char *s)
{
	unsigned i;

	if (s == NULL)
		return STATUS_UNKNOWN;
	for (i = 1; i < STATUS__MAX; i++)
		if (strcmp(s, statuses[i].name) == 0)
			return (enum status)i;
	return STATUS_UNKNOWN;
}

enum shown
status_shown(enum status s)
{
	return (unsigned)s < STATUS__MAX ? statuses[s].shown : SHOWN_SENDING;
}

const char *
shown_str(enum shown s)
{
	return (unsigned)s < SHOWN__MAX ? shown_names[s] : "Sending";
}

enum status
status_merge(enum status cur, enum status next)
{
	if ((unsigned)next >= STATUS__MAX || next == STATUS_UNKNOWN)
		return cur;
	if ((unsigned)cur >= STATUS__MAX)
		return next;
	if (statuses[next].rank <= statuses[cur].rank)
		return cur;
	/* read follows delivered only, never a failure */
	if (next == STATUS_READ && statuses[cur].shown == SHOWN_FAILED)
		return cur;
	return next;
}
