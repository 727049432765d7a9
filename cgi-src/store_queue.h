/* store_queue.h: the send queue as the sender sees it: claims with leases,
 * pacing slots, look-ups, results */
#ifndef SP_STORE_QUEUE_H
#define SP_STORE_QUEUE_H

#include <stddef.h>

struct db_res;

/* Claims up to n (at most QUEUE_MAX_CLAIM) due messages for `who` (SKIP
 * LOCKED: senders on several hosts share the queue) for lease_s seconds,
 * their ids into ids. Returns how many, or -1. */
#define QUEUE_MAX_CLAIM	50
int	 store_queue_claim(const char *who, int n, int lease_s, long long *ids);

/* Columns of store_queue_claimed's rows. */
enum {
	Q_ID, Q_CONVERSATION, Q_BUSINESS, Q_BODY, Q_STATE, Q_ATTEMPTS,
	Q_STARTED_MS, Q_LEAD, Q_E164, Q_RAW, Q_OPTED_OUT, Q_SPAM, Q_VALID,
	Q_PROVIDER_OPTOUT, Q_COOLDOWN_MS, Q_NUMBER, Q_FROM, Q_PER_MINUTE,
	Q_PACED_MS, Q_NOW_MS, Q_LOOKUP_VALID, Q_LOOKUP_TYPE, Q_KIND, Q_PAUSED,
	Q_BUSINESS_TZ, Q_QUIET_START, Q_QUIET_END, Q__COLS
};
/* Of the n messages ids (a claim's), those `who` still holds, with their
 * numbers' look-ups when fresh (younger than ttl_days and not stale; else
 * NULL). */
int	 store_queue_claimed(struct db_res *res, const char *who, int ttl_days,
	    const long long *ids, int n);

/* Back to waiting until due_ms (paced: the slot is reserved). */
int	 store_queue_wait(long long id, long long due_ms, int paced);
/* Held until due_ms: reason "quiet_hours" or "paused_number" (what lets it
 * go earlier), note what the thread shows ("8:00 the lead's time ..."). */
int	 store_queue_hold(long long id, long long due_ms, const char *reason,
	    const char *note);
/* About to call the provider: inflight, their leases renewed (those `who`
 * still holds). The number marked, or -1. */
int	 store_queue_inflight(const long long *ids, int n, const char *who,
	    int lease_s);
/* The provider's answer is unknown: reconcile at due_ms. */
int	 store_queue_unknown(long long id, long long due_ms);
/* Accepted by the provider: message ids[i] with sid sids[i]; one statement
 * for every 50; 0 or -1. */
int	 store_queue_accepted(const long long *ids, const char *const *sids,
	    size_t n);
/* Failed for good: reason (core_reason's name) and code (0: ours). */
int	 store_queue_fail(long long id, const char *reason, int code);

/* Reserves the number's next send slot: *slot_ms gets it, and the number's
 * next_send_at moves to next_ms(slot). Returns 0 or -1. */
int	 store_pacing_reserve(int number_id, long long now_ms,
	    long long (*next_ms)(long long slot, void *ctx), void *ctx,
	    long long *slot_ms);

int	 store_lookup_put(const char *e164, int valid, const char *type,
	    const char *carrier);
/* The line type on every lead with this number. */
int	 store_leads_line_type(const char *e164, const char *type);

/* Sids this business's messages already have (reconciliation must not take
 * an older message for the lost one): 1 known, 0 not, -1 error. */
int	 store_sid_known(const char *sid);

/* Messages "sent" without a receipt for stuck_s seconds (and as long again
 * after each poll), at most n. */
enum { ST_ID, ST_SID, ST_POLLS, ST__COLS };
int	 store_stuck(struct db_res *res, int stuck_s, int max_polls, int n);
/* One more poll done; unconfirmed when that was the last. */
int	 store_stuck_polled(long long id, int unconfirmed);

/* The provider's events ids[0..n) applied: tied to their messages. */
int	 store_events_done(const long long *ids, int n);

/* The sending numbers due for a sweep of the provider's list (none swept
 * within every_s seconds), at most n. */
enum { SW_ID, SW_E164, SW__COLS };
int	 store_sweep_due(struct db_res *res, int every_s, int n);
/* Takes the number's sweep for this sender: 1 taken, 0 another sender's
 * had it meanwhile, -1. */
int	 store_sweep_take(int number_id, int every_s);

#endif
