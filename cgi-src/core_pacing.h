/* core_pacing.h: when the next text may go: natural intervals per sending
 * number, the cool-down after carrier filtering, quiet hours */
#ifndef SP_CORE_PACING_H
#define SP_CORE_PACING_H

#include <stdint.h>

/* A 10DLC number's default pace, texts per minute (low-volume standard
 * campaigns get about 75 a minute on the big carriers; we stay well
 * under it so conversations read as people, not blasts). */
#define PACING_DEFAULT_PER_MINUTE	30
/* Jitter around the interval, in percent either way. */
#define PACING_JITTER_PCT		30
/* The help article: wait 15-30 minutes after carrier filtering. */
#define COOLDOWN_MIN_MS			(15LL * 60 * 1000)
#define COOLDOWN_MAX_MS			(30LL * 60 * 1000)
/* Quiet hours: texts go out from 8:00 to 21:00 the lead's local time. */
#define QUIET_END_MIN			(8 * 60)
#define QUIET_START_MIN			(21 * 60)

/*
 * The time the number's next text may go, given when its previous one was
 * planned (0: never), now, its pace (texts a minute, 1..6000) and a random
 * 32-bit value from the caller (the core keeps no state): one interval
 * after the previous text, give or take the jitter, and never before now.
 */
int64_t	 pacing_next(int64_t prev_ms, int64_t now_ms, unsigned per_minute,
	    uint32_t rnd);
/* When a lead's cool-down ends: a random point 15 to 30 minutes after the
 * filtered text. */
int64_t	 pacing_cooldown_end(int64_t filtered_ms, uint32_t rnd);
/*
 * The first time at or after now that is inside the window
 * [open_min, close_min) of local time (minutes after midnight), for a zone
 * now utc_offset_s seconds from UTC. The caller looks the offset up; across
 * a DST change the answer can be off by the change, so callers check again
 * when it comes.
 */
int64_t	 pacing_window_open(int64_t now_ms, int utc_offset_s, int open_min,
	    int close_min);

#endif
