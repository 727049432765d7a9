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
	int rc;

	if (store_message_row(&row, message_id) != 0)
		return -1;
	rc = row.nrows > 0 ? delivery_apply_row(&row, 0, status, code, rnd) : 0;
	db_res_free(&row);
	return rc;
}

int
delivery_apply_row(struct db_res *row, unsigned i, const char *status,
    int code, uint32_t rnd)
{
	enum status cur, next, merged;
	const char *reason = NULL, *e164;
	long long id, lead, conv;

	cur = status_from_str(db_get(row, i, MROW_STATUS));
	next = status_from_str(status);
	merged = status_merge(cur, next);
	if (merged == cur)
		return 0;	/* late, duplicate or unknown news */
	id = db_get_ll(row, i, MROW_ID, 0);
	if (status_shown(merged) == SHOWN_FAILED)
		reason = reason_str(code != 0 ? reason_from_code(code) :
		    REASON_UNKNOWN);
	if (store_message_set_status(id, status_str(merged), reason, code) != 0)
		return -1;
	lead = db_get_ll(row, i, MROW_LEAD, 0);
	conv = db_get_ll(row, i, MROW_CONVERSATION, 0);
	e164 = db_get(row, i, MROW_TO);
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
	/* a status changes no message's order: only the newest message's
	 * copy on the conversation needs it (one row by its key) */
	return store_conversation_status(conv, id, status_str(merged), reason,
	    code) != 0 ? -1 : 1;
}
