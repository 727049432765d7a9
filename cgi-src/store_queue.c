/* store_queue.c: the send queue as the sender sees it: claims with leases,
 * pacing slots, look-ups, results */
#include <stddef.h>

#include "db.h"
#include "store_queue.h"

/* Runs sql for ids in chunks of 50: its placeholders are a string and an
 * int (in that order, or the other when int_first), then DB_IN50. Returns
 * the rows changed, or -1. */
static int
exec_ids(const char *sql, int int_first, const char *s1, long long i1,
    const long long *ids, int n)
{
	struct db_param str = { .type = 's', .p = s1 };
	struct db_param num = { .type = 'i', .i = i1 };
	struct db_param head[2] = { int_first ? num : str,
	    int_first ? str : num };
	struct db_list list = { .type = 'i', .i = ids };

	return (int)db_exec_batch(sql, head, 2, &list, 1, (size_t)n);
}

int
store_queue_claim(const char *who, int n, int lease_s, long long *ids)
{
	struct db_res res;
	unsigned i;
	int got;

	if (n > QUEUE_MAX_CLAIM)
		n = QUEUE_MAX_CLAIM;
	if (db_begin() != 0)
		return -1;
	/* due_at is a waiting message's time or a claim's lease end: one
	 * index range finds both the due and the abandoned */
	if (db_query(&res, "SELECT id FROM messages WHERE due_at <= NOW(3) "
	    "ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED", "i",
	    (long long)n) != 0)
		goto fail;
	for (i = 0; i < res.nrows; i++)
		ids[i] = db_get_ll(&res, i, 0, 0);
	got = (int)res.nrows;
	db_res_free(&res);
	if (got > 0 && exec_ids("UPDATE messages SET claimed_by = ?, "
	    "queue_state = IF(queue_state IN ('inflight', 'unknown'), "
	    "queue_state, 'claimed'), "
	    "due_at = NOW(3) + INTERVAL ? SECOND WHERE id IN " DB_IN50,
	    0, who, lease_s, ids, got) < 0)
		goto fail;
	if (db_commit() != 0)
		return -1;
	return got;
fail:
	db_rollback();
	return -1;
}

int
store_queue_claimed(struct db_res *res, const char *who, int ttl_days,
    const long long *ids, int n)
{
	struct db_param p[52];
	int k;

	p[0] = (struct db_param){ .type = 'i', .i = ttl_days };
	for (k = 0; k < 50; k++)
		p[1 + k] = (struct db_param){ .type = 'i',
		    .i = k < n ? ids[k] : 0 };
	p[51] = (struct db_param){ .type = 's', .p = who };
	/* by the ids just claimed: the messages waiting for a later time
	 * (a paced queue holds thousands) share the due_at index with the
	 * claims, and a scan of it for `who` read them all each round */
	return db_query_list(res,
	    "SELECT m.id, m.conversation_id, m.business_id, m.body, "
	    "m.queue_state, m.attempts, "
	    "CAST(UNIX_TIMESTAMP(m.attempt_started_at) * 1000 AS SIGNED), "
	    "l.id, l.phone_e164, l.phone_raw, l.opted_out, l.is_spam, "
	    "l.phone_valid, l.provider_opted_out, "
	    "CAST(UNIX_TIMESTAMP(l.cooldown_until) * 1000 AS SIGNED), "
	    "n.id, n.e164, n.per_minute, "
	    "CAST(UNIX_TIMESTAMP(m.paced_slot) * 1000 AS SIGNED), "
	    "CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED), k.valid, "
	    "k.line_type, m.kind, n.paused, b.time_zone, b.quiet_start, "
	    "b.quiet_end "
	    "FROM messages m FORCE INDEX (PRIMARY) "
	    "JOIN conversations c ON c.id = m.conversation_id "
	    "JOIN businesses b ON b.id = c.business_id "
	    "JOIN leads l ON l.id = c.lead_id "
	    "JOIN sending_numbers n ON n.id = c.sending_number_id "
	    "LEFT JOIN number_lookups k ON k.e164 = l.phone_e164 "
	    "AND k.stale = 0 AND k.checked_at > NOW(3) - INTERVAL ? DAY "
	    "WHERE m.id IN " DB_IN50 " AND m.claimed_by = ? "
	    "AND m.queue_state IN ('claimed', 'inflight', 'unknown') "
	    "AND m.due_at > NOW(3) ORDER BY m.id", p, 52);
}

int
store_queue_wait(long long id, long long due_ms, int paced)
{
	return db_exec("UPDATE messages SET queue_state = 'waiting', "
	    "claimed_by = NULL, due_at = FROM_UNIXTIME(? / 1000), "
	    "paced_slot = IF(?, FROM_UNIXTIME(? / 1000), NULL) WHERE id = ?",
	    "iiii", due_ms, (long long)paced, due_ms, id) < 0 ? -1 : 0;
}

int
store_queue_hold(long long id, long long due_ms, const char *reason,
    const char *note)
{
	return db_exec("UPDATE messages SET queue_state = 'waiting', "
	    "claimed_by = NULL, due_at = FROM_UNIXTIME(? / 1000), "
	    "paced_slot = NULL, hold_reason = ?, hold_note = ?, "
	    "updated_at = IF(hold_note <=> ?, updated_at, NOW(3)) WHERE id = ?",
	    "isssi", due_ms, reason, note, note, id) < 0 ? -1 : 0;
}

int
store_queue_inflight(const long long *ids, int n, const char *who, int lease_s)
{
	return exec_ids("UPDATE messages SET queue_state = 'inflight', "
	    "attempts = attempts + 1, attempt_started_at = NOW(3), "
	    "hold_reason = NULL, hold_note = NULL, "
	    "due_at = NOW(3) + INTERVAL ? SECOND "
	    "WHERE claimed_by = ? AND id IN " DB_IN50, 1, who, lease_s, ids,
	    n);
}

int
store_queue_unknown(long long id, long long due_ms)
{
	return db_exec("UPDATE messages SET queue_state = 'unknown', "
	    "claimed_by = NULL, due_at = FROM_UNIXTIME(? / 1000) WHERE id = ?",
	    "ii", due_ms, id) < 0 ? -1 : 0;
}

int
store_queue_accepted(const long long *ids, const char *const *sids, size_t n)
{
	struct db_list lists[3] = {
		{ .type = 'i', .i = ids }, { .type = 's', .s = sids },
		{ .type = 'i', .i = ids },
	};

	/* "queued" or "accepted": Sending either way, so only the sid */
	return db_exec_batch("UPDATE messages SET provider_sid = "
	    "ELT(FIELD(id, " DB_Q50 "), " DB_Q50 "), "
	    "queue_state = 'done', due_at = NULL, claimed_by = NULL, "
	    "updated_at = NOW(3) WHERE id IN " DB_IN50, NULL, 0, lists, 3,
	    n) < 0 ? -1 : 0;
}

int
store_queue_fail(long long id, const char *reason, int code)
{
	return db_exec("UPDATE messages SET status = 'failed', reason = ?, "
	    "error_code = IF(? = 0, NULL, ?), queue_state = 'done', "
	    "due_at = NULL, hold_reason = NULL, hold_note = NULL, "
	    "claimed_by = NULL, "
	    "updated_at = NOW(3) "
	    "WHERE id = ?", "siii", reason, (long long)code, (long long)code,
	    id) < 0 ? -1 : 0;
}

int
store_pacing_reserve(int number_id, long long now_ms,
    long long (*next_ms)(long long, void *), void *ctx, long long *slot_ms)
{
	struct db_res res;
	long long slot, next;

	if (db_begin() != 0)
		return -1;
	if (db_query(&res, "SELECT CAST(UNIX_TIMESTAMP(next_send_at) * 1000 "
	    "AS SIGNED) FROM sending_numbers WHERE id = ? FOR UPDATE", "i",
	    (long long)number_id) != 0)
		goto fail;
	slot = db_get_ll(&res, 0, 0, 0);
	db_res_free(&res);
	if (slot < now_ms)
		slot = now_ms;
	next = next_ms(slot, ctx);
	if (db_exec("UPDATE sending_numbers SET next_send_at = "
	    "FROM_UNIXTIME(? / 1000) WHERE id = ?", "ii", next,
	    (long long)number_id) < 0)
		goto fail;
	if (db_commit() != 0)
		return -1;
	*slot_ms = slot;
	return 0;
fail:
	db_rollback();
	return -1;
}

int
store_lookup_put(const char *e164, int valid, const char *type,
    const char *carrier)
{
	return db_exec("INSERT INTO number_lookups (e164, valid, line_type, "
	    "carrier, checked_at, stale) VALUES (?, ?, ?, ?, NOW(3), 0) "
	    "ON DUPLICATE KEY UPDATE valid = VALUES(valid), "
	    "line_type = VALUES(line_type), carrier = VALUES(carrier), "
	    "checked_at = VALUES(checked_at), stale = 0", "siss", e164,
	    (long long)valid, type, carrier) < 0 ? -1 : 0;
}

int
store_leads_line_type(const char *e164, const char *type)
{
	return db_exec("UPDATE leads SET line_type = ? WHERE phone_e164 = ?",
	    "ss", type, e164) < 0 ? -1 : 0;
}

int
store_sid_known(const char *sid)
{
	struct db_res res;
	int known;

	if (db_query(&res, "SELECT 1 FROM messages WHERE provider_sid = ?",
	    "s", sid) != 0)
		return -1;
	known = res.nrows > 0;
	db_res_free(&res);
	return known;
}

int
store_stuck(struct db_res *res, int stuck_s, int max_polls, int n)
{
	return db_query(res, "SELECT id, provider_sid, polls FROM messages "
	    "WHERE status = 'sent' "
	    "AND sent_at < NOW(3) - INTERVAL (? * (polls + 1)) SECOND "
	    "AND unconfirmed = 0 AND polls < ? AND provider_sid IS NOT NULL "
	    "ORDER BY sent_at LIMIT ?", "iii", (long long)stuck_s,
	    (long long)max_polls, (long long)n);
}

int
store_stuck_polled(long long id, int unconfirmed)
{
	return db_exec("UPDATE messages SET polls = polls + 1, "
	    "unconfirmed = ? WHERE id = ?", "ii",
	    (long long)unconfirmed, id) < 0 ? -1 : 0;
}

int
store_sweep_due(struct db_res *res, int every_s, int n)
{
	return db_query(res, "SELECT id, e164 FROM sending_numbers "
	    "WHERE removed_at IS NULL AND (inbound_swept_at IS NULL OR "
	    "inbound_swept_at < NOW(3) - INTERVAL ? SECOND) "
	    "ORDER BY inbound_swept_at LIMIT ?", "ii", (long long)every_s,
	    (long long)n);
}

int
store_sweep_take(int number_id, int every_s)
{
	long long n = db_exec("UPDATE sending_numbers SET inbound_swept_at = "
	    "NOW(3) WHERE id = ? AND (inbound_swept_at IS NULL OR "
	    "inbound_swept_at < NOW(3) - INTERVAL ? SECOND)", "ii",
	    (long long)number_id, (long long)every_s);

	return n < 0 ? -1 : n > 0;
}

int
store_events_done(const long long *ids, int n)
{
	/* only events still waiting, each tied to its message */
	return exec_ids("UPDATE message_events e JOIN messages m "
	    "ON m.provider_sid = e.provider_sid "
	    "SET e.applied = 1, e.message_id = m.id "
	    "WHERE e.provider_sid <> ? AND e.applied = ? AND e.id IN " DB_IN50,
	    0, "", 0, ids, n) < 0 ? -1 : 0;
}
