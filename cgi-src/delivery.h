/* delivery.h: what a provider status means for a message, its lead and its
 * conversation; shared by the status webhook and the sender */
#ifndef SP_DELIVERY_H
#define SP_DELIVERY_H

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

#endif
