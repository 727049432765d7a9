/* core_status.h: the provider's statuses, the three the help article shows,
 * and a merge that never moves a message backwards */
#ifndef SP_CORE_STATUS_H
#define SP_CORE_STATUS_H

enum status {
	STATUS_UNKNOWN,
	STATUS_QUEUED,
	STATUS_ACCEPTED,
	STATUS_SCHEDULED,
	STATUS_SENDING,
	STATUS_SENT,
	STATUS_DELIVERED,
	STATUS_READ,
	STATUS_UNDELIVERED,
	STATUS_FAILED,
	STATUS_CANCELED,
	STATUS_RECEIVED,	/* an inbound text */
	STATUS__MAX
};

/* What a person sees. */
enum shown {
	SHOWN_SENDING,
	SHOWN_DELIVERED,
	SHOWN_FAILED,
	SHOWN_RECEIVED,
	SHOWN__MAX
};

const char	*status_str(enum status s);
enum status	 status_from_str(const char *s);
enum shown	 status_shown(enum status s);
/* "Sending", "Delivered", "Failed", "Received". */
const char	*shown_str(enum shown s);
/* The status to keep when `next` arrives for a message at `cur`: `next`
 * when it moves forward, else `cur` (late, duplicate or unknown news). */
enum status	 status_merge(enum status cur, enum status next);

#endif
