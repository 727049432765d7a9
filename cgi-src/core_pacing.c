/* core_pacing.c: when the next text may go: natural intervals per sending
 * number, the cool-down after carrier filtering, quiet hours */
#include "core_pacing.h"

#define DAY_MS	(24LL * 60 * 60 * 1000)

int64_t
pacing_next(int64_t prev_ms, int64_t now_ms, unsigned per_minute,
    uint32_t rnd)
{
	int64_t interval, jitter, next;

	if (per_minute == 0)
		per_minute = 1;
	if (per_minute > 6000)
		per_minute = 6000;
	interval = 60000 / per_minute;
	/* uniform in [-J, +J] percent of the interval */
	jitter = interval * PACING_JITTER_PCT / 100;
	if (jitter > 0)
		interval += (int64_t)(rnd % (uint32_t)(2 * jitter + 1)) - jitter;
	if (prev_ms <= 0)
		return now_ms;
	next = prev_ms + interval;
	return next > now_ms ? next : now_ms;
}

int64_t
pacing_cooldown_end(int64_t filtered_ms, uint32_t rnd)
{
	int64_t span = COOLDOWN_MAX_MS - COOLDOWN_MIN_MS;

	return filtered_ms + COOLDOWN_MIN_MS + (int64_t)(rnd % (uint32_t)(span + 1));
}

int64_t
pacing_window_open(int64_t now_ms, int utc_offset_s, int open_min,
    int close_min)
{
	int64_t local = now_ms + (int64_t)utc_offset_s * 1000;
	int64_t day = local - ((local % DAY_MS) + DAY_MS) % DAY_MS;
	int64_t open = day + (int64_t)open_min * 60000;
	int64_t close = day + (int64_t)close_min * 60000;

	if (open_min < 0 || close_min > 24 * 60 || open_min >= close_min)
		return now_ms;	/* no window configured: always open */
	if (local >= open && local < close)
		return now_ms;
	if (local >= close)
		open += DAY_MS;
	return open - (int64_t)utc_offset_s * 1000;
}
