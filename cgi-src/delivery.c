/* delivery.c: what a provider status means for a message, its lead and its
 * conversation; shared by the status webhook and the sender */
#include <stddef.h>
#include <string.h>
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
	struct delivery_change ch;
	int rc;

	if ((rc = delivery_plan_row(row, i, status, code, rnd, &ch)) <= 0)
		return rc;
	return delivery_write(&ch, 1) != 0 ? -1 : 1;
}

int
delivery_plan_row(struct db_res *row, unsigned i, const char *status,
    int code, uint32_t rnd, struct delivery_change *ch)
{
	enum status cur, next, merged;
	const char *e164;
	long long lead;

	cur = status_from_str(db_get(row, i, MROW_STATUS));
	next = status_from_str(status);
	merged = status_merge(cur, next);
	if (merged == cur)
		return 0;	/* late, duplicate or unknown news */
	ch->message = db_get_ll(row, i, MROW_ID, 0);
	ch->conversation = db_get_ll(row, i, MROW_CONVERSATION, 0);
	ch->status = status_str(merged);
	ch->reason = NULL;
	ch->code = code;
	if (status_shown(merged) != SHOWN_FAILED)
		return 1;
	ch->reason = reason_str(code != 0 ? reason_from_code(code) :
	    REASON_UNKNOWN);
	lead = db_get_ll(row, i, MROW_LEAD, 0);
	e164 = db_get(row, i, MROW_TO);
	switch (code) {
	case 30007:
		if (store_lead_cooldown(lead, pacing_cooldown_end(wall_ms(),
		    rnd)) != 0)
			return -1;
		break;
	case 30003:
		if (e164 != NULL && store_lookup_stale(e164, NULL) != 0)
			return -1;
		break;
	case 30005:
		if ((e164 != NULL && store_lookup_stale(e164, NULL) != 0) ||
		    store_lead_phone_invalid(lead) != 0)
			return -1;
		break;
	case 30006:
		if (e164 != NULL && store_lookup_stale(e164, "landline") != 0)
			return -1;
		break;
	case 21610:
		if (store_lead_provider_optout(lead, 1) != 0)
			return -1;
		break;
	default:
		break;
	}
	return 1;
}

static int
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

int
delivery_write(const struct delivery_change *ch, size_t n)
{
	long long msgs[DELIVERY_MAX], convs[DELIVERY_MAX];
	char done[DELIVERY_MAX];
	size_t i, k, m;

	if (n > DELIVERY_MAX)
		return -1;
	memset(done, 0, n);
	/* one group for each status, reason and code: most rounds have two
	 * or three (sent, delivered, a failure) */
	for (i = 0; i < n; i++) {
		if (done[i])
			continue;
		for (k = i, m = 0; k < n; k++) {
			if (done[k] || !same(ch[k].status, ch[i].status) ||
			    !same(ch[k].reason, ch[i].reason) ||
			    ch[k].code != ch[i].code)
				continue;
			done[k] = 1;
			msgs[m] = ch[k].message;
			convs[m++] = ch[k].conversation;
		}
		/* a status changes no message's order: only the newest
		 * message's copy on its conversation needs it */
		if (store_messages_set_status(msgs, m, ch[i].status,
		    ch[i].reason, ch[i].code) != 0 ||
		    store_conversations_status(convs, msgs, m, ch[i].status,
		    ch[i].reason, ch[i].code) != 0)
			return -1;
	}
	return 0;
}
