/* delivery.h: what a provider status means for a message, its lead and its
 * conversation; shared by the status webhook and the sender */
#ifndef SP_DELIVERY_H
#define SP_DELIVERY_H

#include <stddef.h>
#include <stdint.h>

/*
 * Merges status (the provider's word) and code into the message (never
 * backwards), sets the failure reason from the code, and acts on it: 30007
 * starts the lead's 15-30 minute cool-down (rnd picks the point), 30003 and
 * 30005 and 30006 make the number's look-up stale (30005: the number is
 * invalid; 30006: a landline), 21610 records the provider's opt-out.
 * 1 changed, 0 nothing to change, -1 on error.
 */
int	 delivery_apply(long long message_id, const char *status, int code,
	    uint32_t rnd);
struct db_res;
/* The same for a message row already read (store_messages' MROW_ columns). */
int	 delivery_apply_row(struct db_res *row, unsigned i, const char *status,
	    int code, uint32_t rnd);

/* delivery_apply_row in two steps, so that many messages' changes are
 * written in a few statements: delivery_plan_row merges and acts on the
 * lead and the look-up at once (1 ch filled, 0 nothing to change, -1 on
 * error); delivery_write then writes up to DELIVERY_MAX changes to the
 * messages and their conversations, one statement each per status, reason
 * and code (0 or -1). */
#define DELIVERY_MAX	200
struct delivery_change {
	long long	 message;
	long long	 conversation;
	const char	*status;	/* status_str's */
	const char	*reason;	/* reason_str's, NULL unless failed */
	int		 code;
};
int	 delivery_plan_row(struct db_res *row, unsigned i, const char *status,
	    int code, uint32_t rnd, struct delivery_change *ch);
int	 delivery_write(const struct delivery_change *ch, size_t n);

#endif
