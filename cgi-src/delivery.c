/* delivery.c: what a provider status means for a message, its lead and its
 * conversation; shared by the status webhook and the sender */
#include <stddef.h>
#include <time.h>

#include "core_pacing.h"
#include "core_reason.h"
#include "core_status.h"
#include "db.h"
#include "delivery.h"
#include "store_conversations.h"
#include "store_messages.h"

static long long
wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
delivery_apply(long long message_id, const char *status, int code,
    uint32_t rnd)
{
	struct db_res row;
	enum status cur, next, merged;
	const char *reason = NULL, *e164;
	long long lead, conv;
	int rc = -1;

	if (store_message_row(&row, message_id) != 0)
		return -1;
	if (row.nrows == 0) {
		db_res_free(&row);
		return 0;
	}
	cur = status_from_str(db_get(&row, 0, MROW_STATUS));
	next = status_from_str(status);
	merged = status_merge(cur, next);
	if (merged == cur) {
		rc = 0;	/* late, duplicate or unknown news */
		goto out;
	}
	if (status_shown(merged) == SHOWN_FAILED)
		reason = reason_str(code != 0 ? reason_from_code(code) :
		    REASON_UNKNOWN);
	if (store_message_set_status(message_id, status_str(merged), reason,
	    code) != 0)
		goto out;
	lead = db_get_ll(&row, 0, MROW_LEAD, 0);
	conv = db_get_ll(&row, 0, MROW_CONVERSATION, 0);
	e164 = db_get(&row, 0, MROW_TO);
	if (status_shown(merged) == SHOWN_FAILED) {
		switch (code) {
		case 30007:
			store_lead_cooldown(lead, pacing_cooldown_end(wall_ms(),
			    rnd));
			break;
		case 30003:
			if (e164 != NULL)
				store_lookup_stale(e164, NULL);
			break;
		case 30005:
			if (e164 != NULL)
				store_lookup_stale(e164, NULL);
			store_lead_phone_invalid(lead);
			break;
		case 30006:
			if (e164 != NULL)
				store_lookup_stale(e164, "landline");
			break;
		case 21610:
			store_lead_provider_optout(lead, 1);
			break;
		default:
			break;
		}
	}
	if (store_conversations_sync(conv) != 0)
		goto out;
	rc = 1;
out:
	db_res_free(&row);
	return rc;
}
