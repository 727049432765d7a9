/* sender.c: sp-sender, the send daemon: claims due messages from the MariaDB
 * queue, checks each against the rules of delivery before any provider
 * call, paces each sending number, sends many at once, and records the
 * outcome; a message whose outcome is unknown is reconciled through the
 * provider's message list before any resend, so none goes twice. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "core_pacing.h"
#include "core_phone.h"
#include "core_reason.h"
#include "core_status.h"
#include "core_timezone.h"
#include "db.h"
#include "delivery.h"
#include "inbound.h"
#include "provider.h"
#include "store_conversations.h"
#include "store_messages.h"
#include "store_queue.h"
#include "util.h"

#define MAX_BATCH	200
#define EVENTS_BATCH	200
_Static_assert(EVENTS_BATCH <= DELIVERY_MAX, "a round fits one delivery_write");
/* The sweep of received texts leaves this much of the recent past to
 * their webhooks. */
#define SWEEP_MARGIN_MS	15000

static volatile sig_atomic_t stopping;
static struct sp_config cfg;
static struct provider *prov;
static char who[80];
static char callback_url[512];

struct job {
	long long	 id;
	long long	 conversation;
	long long	 lead;
	int		 number;
	int		 attempts;
	char		 to[20];
	char		 from[20];
	char		*body;
};

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static long long
wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint32_t
rnd32(void)
{
	uint32_t r = 0;

	sp_random(&r, sizeof(r));
	return r;
}

/* Backoff with jitter: retry_s, doubling each attempt, +-25%. */
static long long
backoff_ms(int attempts)
{
	long long base = (long long)cfg.sender_retry_s * 1000;
	int i;

	for (i = 1; i < attempts && base < 3600000; i++)
		base *= 2;
	return base * 3 / 4 + (long long)(rnd32() % (uint32_t)(base / 2 + 1));
}

static void
fail(long long id, long long conv, enum reason reason, int code)
{
	if (store_queue_fail(id, reason_str(reason), code) == 0)
		store_conversations_sync(conv);
	sp_log("message %lld failed: %s%s", id, reason_short(reason, code),
	    code ? "" : " (no provider call)");
}

/* Accepted with a sid: still "Sending", so the conversation's summary does
 * not change until the provider's events do (apply_events applies those,
 * also the ones that came first). A batch's sids are recorded together
 * once its sends are done (flush_accepted): one statement, not one a
 * message. */
static long long accepted_ids[MAX_BATCH];
static const char *accepted_sids[MAX_BATCH];
static size_t naccepted;

static void
accepted(long long id, const char *sid)
{
	accepted_ids[naccepted] = id;
	accepted_sids[naccepted++] = sid;
}

static void
flush_accepted(void)
{
	if (naccepted > 0 && store_queue_accepted(accepted_ids, accepted_sids,
	    naccepted) != 0)
		sp_log("could not record %zu sids: their leases bring them "
		    "back to be reconciled", naccepted);
	naccepted = 0;
}

/*
 * The provider's status callbacks, which the webhook only keeps: each
 * round applies up to EVENTS_BATCH waiting events in one transaction, each
 * message once with the merge of its events (never backwards, whatever
 * order they came in). Events whose message has not recorded its sid yet
 * wait for it. Several senders share the work: each locks the rows it
 * takes and skips the others'. Returns how many were applied, or -1.
 */
static int
apply_events(void)
{
	static long long ids[EVENTS_BATCH];
	static char done[EVENTS_BATCH];
	static struct delivery_change ch[EVENTS_BATCH];
	struct db_res ev;
	unsigned i, k;
	int n = 0, nch = 0, rc;

	/* read committed: no gap locks, so the webhooks' inserts of new
	 * events never wait for this transaction */
	if (db_exec("SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "") < 0 ||
	    db_begin() != 0)
		return -1;
	if (store_events_pending(&ev, EVENTS_BATCH) != 0) {
		db_rollback();
		return -1;
	}
	memset(done, 0, sizeof(done));
	for (i = 0; i < ev.nrows; i++) {
		long long msg = db_get_ll(&ev, i, MROW_ID, 0);
		enum status merged = status_from_str(db_get(&ev, i,
		    MROW_STATUS));
		const char *status = NULL;
		int code = 0;

		ids[n++] = db_get_ll(&ev, i, PE_ID, 0);
		if (done[i])
			continue;
		/* this message's events in this batch, folded */
		for (k = i; k < ev.nrows; k++) {
			enum status next;
			if (done[k] || db_get_ll(&ev, k, MROW_ID, 0) != msg)
				continue;
			done[k] = 1;
			next = status_merge(merged, status_from_str(db_get(&ev,
			    k, PE_STATUS)));
			if (next != merged) {
				merged = next;
				status = db_get(&ev, k, PE_STATUS);
				code = (int)db_get_ll(&ev, k, PE_CODE, 0);
			}
		}
		if (status != NULL && (rc = delivery_plan_row(&ev, i, status,
		    code, rnd32(), &ch[nch])) != 0) {
			if (rc < 0)
				goto fail;
			nch++;
		}
	}
	db_res_free(&ev);
	/* the round's changes in a few statements, not two a message */
	if (delivery_write(ch, (size_t)nch) != 0) {
		db_rollback();
		return -1;
	}
	if (n > 0 && store_events_done(ids, n) != 0) {
		db_rollback();
		return -1;
	}
	return db_commit() == 0 ? n : -1;
fail:
	db_res_free(&ev);
	db_rollback();
	return -1;
}

/*
 * A message that may have reached the provider: looks for it in the
 * provider's list (same To, From and body, sent since the attempt began,
 * with a sid no message of ours has). 1 found and recorded, 0 not there
 * (safe to send), -1 the provider could not tell (try later).
 */
static int
reconcile(const struct job *j, const char *body, long long started_ms)
{
	struct prov_message *list;
	char date[16];
	time_t t = (time_t)((started_ms > 0 ? started_ms : wall_ms()) / 1000 -
	    86400);
	struct tm tm;
	size_t n = 0, i;
	int rc = 0;

	if ((list = calloc(200, sizeof(*list))) == NULL)
		return -1;
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	if (provider_list(prov, j->to, j->from, date, body, list, 200, &n) !=
	    PROV_OK) {
		free(list);
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++) {
		int known = list[i].sid[0] ? store_sid_known(list[i].sid) : 1;
		if (known < 0)
			rc = -1;
		else if (!known) {
			const char *sid = list[i].sid;
			sp_log("message %lld: found as %s at the provider; not "
			    "sent again", j->id, sid);
			rc = store_queue_accepted(&j->id, &sid, 1) == 0 ? 1 : -1;
		}
	}
	free(list);
	return rc;
}

/* The look-ups fetched for this batch (numbers with none fresh). */
static char batch_numbers[MAX_BATCH][20];
static const char *batch_list[MAX_BATCH];
static struct prov_lookup batch_out[MAX_BATCH];
static size_t batch_n;

/* Whether the number can take texts: the core rules, then the look-up
 * (the row's cached one, or this batch's). REASON_NONE when it can, or when
 * only the provider's refusal can tell (the look-up failed). */
static enum reason
line_check(struct db_res *q, unsigned row)
{
	const char *e164 = db_get(q, row, Q_E164), *type;
	struct phone ph;
	int valid;
	size_t k;

	if (e164 == NULL || *e164 == '\0')
		e164 = db_get(q, row, Q_RAW);
	if (e164 == NULL)
		return REASON_INVALID_NUMBER;
	phone_classify(e164, strlen(e164), "US", &ph);
	if (ph.verdict != PHONE_VALID)
		return REASON_INVALID_NUMBER;
	if (ph.sms == SMS_NO)
		return REASON_LANDLINE;
	if (ph.sms == SMS_YES)
		return REASON_NONE;
	if (db_get(q, row, Q_LOOKUP_VALID) != NULL) {
		valid = (int)db_get_ll(q, row, Q_LOOKUP_VALID, 1);
		type = db_get(q, row, Q_LOOKUP_TYPE);
	} else {
		for (k = 0; k < batch_n && strcmp(batch_numbers[k], ph.e164); k++)
			;
		if (k == batch_n || batch_out[k].result != PROV_OK)
			return REASON_NONE;
		valid = batch_out[k].valid;
		type = batch_out[k].type;
	}
	if (!valid)
		return REASON_INVALID_NUMBER;
	/* non-fixed VoIP (Google Voice) takes texts; landlines and fixed
	 * VoIP do not */
	if (type != NULL && (strcmp(type, "landline") == 0 ||
	    strcmp(type, "fixedVoip") == 0))
		return REASON_LANDLINE;
	return REASON_NONE;
}

/* Looks up, all at once, the numbers of the batch that only the provider
 * can tell and that have no fresh look-up: one per number, not per message. */
static void
look_up_batch(struct db_res *q)
{
	size_t i, k;
	unsigned row;

	batch_n = 0;
	for (row = 0; row < q->nrows && batch_n < MAX_BATCH; row++) {
		const char *e = db_get(q, row, Q_E164);
		struct phone ph;
		if (e == NULL || db_get(q, row, Q_LOOKUP_VALID) != NULL)
			continue;
		phone_classify(e, strlen(e), "US", &ph);
		if (ph.verdict != PHONE_VALID || ph.sms != SMS_LOOKUP)
			continue;
		for (k = 0; k < batch_n && strcmp(batch_numbers[k], ph.e164); k++)
			;
		if (k < batch_n)
			continue;
		sp_strlcpy(batch_numbers[batch_n], ph.e164,
		    sizeof(batch_numbers[batch_n]));
		batch_list[batch_n] = batch_numbers[batch_n];
		batch_n++;
	}
	if (batch_n == 0)
		return;
	provider_lookup_many(prov, batch_list, batch_out, batch_n,
	    cfg.sender_parallel);
	for (i = 0; i < batch_n; i++) {
		if (batch_out[i].result != PROV_OK)
			continue;
		store_lookup_put(batch_numbers[i], batch_out[i].valid,
		    batch_out[i].type, batch_out[i].carrier);
		if (batch_out[i].type[0] != '\0')
			store_leads_line_type(batch_numbers[i], batch_out[i].type);
	}
}

struct pace_ctx {
	unsigned per_minute;
};

static long long
pace_next(long long slot, void *ctx)
{
	struct pace_ctx *pc = ctx;

	return pacing_next(slot, slot, pc->per_minute, rnd32());
}

/*
 * Decides one claimed message. Returns 1 when it should go to the provider
 * now (j filled), 0 when it was settled or put back to wait.
 */
/*
 * Quiet hours: an agent's text goes only between the business's opening
 * and closing minutes in the lead's time zone (the number's area code, else
 * the business's zone). 1 when held until the window opens.
 */
static int
quiet_hold(struct db_res *q, unsigned row, struct job *j, long long now)
{
	const char *kind = db_get(q, row, Q_KIND);
	const char *tz = tz_for_number(j->to);
	int open_min = (int)db_get_ll(q, row, Q_QUIET_START, 480);
	int close_min = (int)db_get_ll(q, row, Q_QUIET_END, 1260);
	int off;
	long long at;
	char note[100];

	/* the rules' own replies answer the lead's text at once */
	if (kind != NULL && strcmp(kind, "agent") != 0)
		return 0;
	if (open_min <= 0 && close_min >= 1440)
		return 0;
	if (tz == NULL || !tz_known(tz))
		tz = db_get(q, row, Q_BUSINESS_TZ);
	if (tz == NULL || !tz_known(tz))
		tz = "America/New_York";
	if (tz_offset(tz, (time_t)(now / 1000), &off) != 0)
		return 0;
	if ((at = pacing_window_open(now, off, open_min, close_min)) <= now)
		return 0;
	snprintf(note, sizeof(note), "%d:%02d the lead's time (%s)",
	    open_min / 60, open_min % 60, tz);
	store_queue_hold(j->id, at, "quiet_hours", note);
	return 1;
}

static int
decide(struct db_res *q, unsigned row, struct job *j)
{
	const char *state = db_get(q, row, Q_STATE);
	long long now = db_get_ll(q, row, Q_NOW_MS, wall_ms());
	long long cool = db_get_ll(q, row, Q_COOLDOWN_MS, 0);
	long long paced = db_get_ll(q, row, Q_PACED_MS, 0);
	const char *e164 = db_get(q, row, Q_E164);
	enum reason why;
	int rc;

	memset(j, 0, sizeof(*j));
	j->id = db_get_ll(q, row, Q_ID, 0);
	j->conversation = db_get_ll(q, row, Q_CONVERSATION, 0);
	j->lead = db_get_ll(q, row, Q_LEAD, 0);
	j->number = (int)db_get_ll(q, row, Q_NUMBER, 0);
	j->attempts = (int)db_get_ll(q, row, Q_ATTEMPTS, 0);
	sp_strlcpy(j->to, e164 ? e164 : "", sizeof(j->to));
	sp_strlcpy(j->from, db_get(q, row, Q_FROM), sizeof(j->from));

	/* it may have gone already: the provider says */
	if (state != NULL && (strcmp(state, "inflight") == 0 ||
	    strcmp(state, "unknown") == 0) && j->to[0] != '\0') {
		rc = reconcile(j, db_get(q, row, Q_BODY),
		    db_get_ll(q, row, Q_STARTED_MS, 0));
		if (rc == 1)
			return 0;
		if (rc < 0) {
			if (j->attempts >= cfg.sender_max_attempts) {
				fail(j->id, j->conversation, REASON_UNKNOWN, 0);
				return 0;
			}
			store_queue_unknown(j->id, now + backoff_ms(j->attempts));
			return 0;
		}
	}
	if (j->attempts >= cfg.sender_max_attempts) {
		fail(j->id, j->conversation, REASON_UNKNOWN, 0);
		return 0;
	}
	/* the rules of delivery, in the article's order, before any call */
	if (db_get_ll(q, row, Q_SPAM, 0)) {
		fail(j->id, j->conversation, REASON_SPAM, 0);
		return 0;
	}
	/* the opt-out's confirmation is the one text an opted-out lead
	 * gets */
	if (db_get_ll(q, row, Q_OPTED_OUT, 0) && (db_get(q, row, Q_KIND) == NULL ||
	    strcmp(db_get(q, row, Q_KIND), "optout_confirm") != 0)) {
		fail(j->id, j->conversation, REASON_OPTED_OUT, 0);
		return 0;
	}
	if (db_get_ll(q, row, Q_PROVIDER_OPTOUT, 0)) {
		fail(j->id, j->conversation, REASON_OPTED_OUT, 21610);
		return 0;
	}
	if (!db_get_ll(q, row, Q_VALID, 1) || j->to[0] == '\0') {
		fail(j->id, j->conversation, REASON_INVALID_NUMBER, 0);
		return 0;
	}
	if ((why = line_check(q, row)) != REASON_NONE) {
		fail(j->id, j->conversation, why, 0);
		return 0;
	}
	if (cool > now) {
		store_queue_wait(j->id, cool, 0);
		return 0;
	}
	if (db_get_ll(q, row, Q_PAUSED, 0)) {
		/* looked at again each minute, and at once when unpaused */
		store_queue_hold(j->id, now + 60000, "paused_number",
		    "the sending number is paused");
		return 0;
	}
	if (quiet_hold(q, row, j, now))
		return 0;
	if (cfg.sender_pacing && (paced == 0 || paced > now + 50)) {
		struct pace_ctx pc;
		long long slot;
		pc.per_minute = (unsigned)db_get_ll(q, row, Q_PER_MINUTE,
		    PACING_DEFAULT_PER_MINUTE);
		if (pc.per_minute > 0) {
			if (store_pacing_reserve(j->number, now, pace_next, &pc,
			    &slot) != 0)
				return 0;	/* the lease brings it back */
			if (slot > now + 50) {
				store_queue_wait(j->id, slot, 1);
				return 0;
			}
		}
	}
	j->attempts++;
	j->body = strdup(db_get(q, row, Q_BODY));
	return j->body != NULL;
}

static void
record(const struct job *j, const struct prov_message *m)
{
	enum retry rt;

	switch (m->result) {
	case PROV_OK:
		accepted(j->id, m->sid);
		return;
	case PROV_REFUSED:
		rt = reason_retry(m->error_code);
		if ((rt == RETRY_PACED || rt == RETRY_LATER_ONCE) &&
		    j->attempts < cfg.sender_max_attempts &&
		    (rt != RETRY_LATER_ONCE || j->attempts < 2)) {
			/* refused: nothing went, so it simply waits */
			store_queue_wait(j->id, wall_ms() +
			    backoff_ms(j->attempts), 0);
			return;
		}
		if (m->error_code == 21610)
			store_lead_provider_optout(j->lead, 1);
		fail(j->id, j->conversation, reason_from_code(m->error_code),
		    m->error_code);
		return;
	case PROV_UNKNOWN:
		sp_log("message %lld: outcome unknown (%s); reconciling before "
		    "any retry", j->id, m->error_message);
		/* the provider may still be working on the request we gave
		 * up on: the list is read once it would have landed */
		store_queue_unknown(j->id, wall_ms() + (backoff_ms(j->attempts) >
		    2 * cfg.provider_timeout_ms ? backoff_ms(j->attempts) :
		    2 * cfg.provider_timeout_ms));
		return;
	default:
		fail(j->id, j->conversation, REASON_UNKNOWN, 0);
		return;
	}
}

static int
send_batch(void)
{
	static struct job jobs[MAX_BATCH];
	static struct prov_send reqs[MAX_BATCH];
	static long long ids[MAX_BATCH];
	long long claims[QUEUE_MAX_CLAIM];
	struct db_res q;
	int claimed, n = 0, i, marked;
	unsigned row;

	if ((claimed = store_queue_claim(who, cfg.sender_batch,
	    cfg.sender_lease_s, claims)) <= 0)
		return claimed;
	if (store_queue_claimed(&q, who, cfg.sender_lookup_ttl_days, claims,
	    claimed) != 0)
		return -1;
	look_up_batch(&q);
	for (row = 0; row < q.nrows && n < MAX_BATCH; row++) {
		if (decide(&q, row, &jobs[n]) == 1) {
			reqs[n] = (struct prov_send){ .from = jobs[n].from,
			    .to = jobs[n].to, .body = jobs[n].body,
			    .status_callback = callback_url };
			ids[n] = jobs[n].id;
			n++;
		}
	}
	db_res_free(&q);
	/* inflight before any call: a crash from here on is reconciled */
	marked = n > 0 ? store_queue_inflight(ids, n, who, cfg.sender_lease_s) : 0;
	if (marked != n) {
		/* a lease ran out under us: send nothing this round; the
		 * claims expire and the next claimer reconciles */
		sp_log("batch of %d: %d still ours; leaving it to the leases",
		    n, marked);
		n = -n;
	}
	if (n > 0)
		provider_send_many(prov, reqs, (size_t)n, cfg.sender_parallel);
	if (n > 0) {
		for (i = 0; i < n; i++)
			record(&jobs[i], &reqs[i].out);
		flush_accepted();
	}
	for (i = 0; i < (n < 0 ? -n : n); i++)
		free(jobs[i].body);
	return claimed;
}

/* Messages "sent" long without a receipt: ask the provider. */
static void
poll_stuck(void)
{
	struct db_res res;
	unsigned i;

	if (store_stuck(&res, cfg.sender_stuck_s, cfg.sender_stuck_polls,
	    100) != 0)
		return;
	for (i = 0; i < res.nrows && !stopping; i++) {
		struct prov_message m;
		long long id = db_get_ll(&res, i, ST_ID, 0);
		int polls = (int)db_get_ll(&res, i, ST_POLLS, 0) + 1;
		provider_fetch(prov, db_get(&res, i, ST_SID), &m);
		if (m.result != PROV_OK)
			continue;
		delivery_apply(id, m.status, m.error_code, rnd32());
		store_stuck_polled(id, strcmp(m.status, "sent") == 0 &&
		    polls >= cfg.sender_stuck_polls);
	}
	db_res_free(&res);
}

/* A text in the provider's list: stored unless it is already (its webhook
 * got through, or an earlier sweep found it). */
static void
sweep_one(const struct prov_received *in, void *ctx)
{
	struct inbound_text t;
	struct tm tm;
	int *found = ctx;

	if (stopping || store_sid_known(in->sid) != 0)
		return;
	memset(&t, 0, sizeof(t));
	memset(&tm, 0, sizeof(tm));
	t.sid = in->sid;
	t.from = in->from;
	t.to = in->to;
	t.body = in->body;
	/* RFC 2822, as the provider writes it */
	if (strptime(in->date_sent, "%a, %d %b %Y %H:%M:%S", &tm) != NULL)
		t.at_ms = (long long)timegm(&tm) * 1000;
	if (t.at_ms <= 0)
		t.at_ms = wall_ms();
	/* the last seconds are the webhook's: it may be on its way, or
	 * waiting for the database (DB.WaitMs) */
	if (t.at_ms > wall_ms() - SWEEP_MARGIN_MS)
		return;
	if (inbound_receive(&t) == 1) {
		sp_log("inbound %s from %s to %s: its webhook never got "
		    "through; found in the provider's list and stored", in->sid,
		    in->from, in->to);
		(*found)++;
	}
}

/*
 * Texts whose webhook never got through (the portal or the database was
 * down: the provider tries once or twice, then gives up) are still in the
 * provider's message list: every Sender.InboundSweepSeconds each sending
 * number's texts since yesterday are listed and the missing ones stored
 * (in the list's order: a text found late never overrides the opt-out
 * state a later text set). Several senders share the numbers
 * (store_sweep_take).
 */
static void
sweep_inbound(void)
{
	struct db_res res;
	char date[16];
	time_t t = time(NULL) - 86400;
	struct tm tm;
	unsigned i;
	int found = 0;

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	if (store_sweep_due(&res, cfg.sender_sweep_s, 50) != 0)
		return;
	for (i = 0; i < res.nrows && !stopping; i++) {
		if (store_sweep_take((int)db_get_ll(&res, i, SW_ID, 0),
		    cfg.sender_sweep_s) != 1)
			continue;
		provider_list_received(prov, db_get(&res, i, SW_E164), date,
		    sweep_one, &found);
	}
	db_res_free(&res);
}

int
main(int argc, char **argv)
{
	const char *path = getenv("SP_CONFIG");
	char host[64];
	struct sigaction sa;
	time_t last_poll = 0, last_sweep = 0;
	int opt;

	sp_log_set_prog("sp-sender");
	while ((opt = getopt(argc, argv, "c:")) != -1) {
		if (opt == 'c')
			path = optarg;
		else {
			fprintf(stderr, "usage: sp-sender [-c config.hdf]\n");
			return 2;
		}
	}
	if (config_load(&cfg, path ? path : "var/sp.hdf") != 0)
		return 1;
	if (gethostname(host, sizeof(host)) != 0)
		sp_strlcpy(host, "host", sizeof(host));
	host[sizeof(host) - 1] = '\0';
	snprintf(who, sizeof(who), "%.40s:%d", host, (int)getpid());
	snprintf(callback_url, sizeof(callback_url), "%s/hooks/provider/status",
	    cfg.public_url);
	if ((prov = provider_new(&cfg)) == NULL)
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	db_connect(&cfg);
	sp_log("sending as %s", who);
	while (!stopping) {
		int n, applied;
		db_check();
		n = send_batch();
		applied = apply_events();
		if (time(NULL) - last_poll >= cfg.sender_poll_s) {
			poll_stuck();
			store_events_unmatched();
			last_poll = time(NULL);
		}
		if (cfg.sender_sweep_s > 0 &&
		    time(NULL) - last_sweep >= cfg.sender_sweep_s) {
			sweep_inbound();
			last_sweep = time(NULL);
		}
		/* a backlog (a full batch claimed or applied) goes at full
		 * speed; a trickle (paced sends, a few callbacks) is taken
		 * every Sender.RoundMs, so that each round's dozen statements
		 * serve several messages and callbacks, not one (every 20 ms,
		 * a paced 100 texts/s cost MariaDB a fifth of this machine) */
		if (n < 0)
			usleep(500000);
		else if (n < cfg.sender_batch && applied < EVENTS_BATCH)
			usleep((useconds_t)cfg.sender_round_ms * 1000);
	}
	provider_free(prov);
	db_disconnect();
	sp_log("stopped");
	return 0;
}
