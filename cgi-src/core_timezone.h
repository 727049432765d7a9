/* core_timezone.h: the lead's time zone from the number's area code, for
 * quiet hours */
#ifndef SP_CORE_TIMEZONE_H
#define SP_CORE_TIMEZONE_H

#include <stddef.h>
#include <time.h>

/* The IANA time zone of a North American number's place (the geocoder's
 * "New York, NY", "Texas", "British Columbia"), the state's or province's
 * main zone; NULL when the place names none (then the business's zone). */
const char	*tz_for_place(const char *place);

/* The zone for an E.164 number, or NULL. */
const char	*tz_for_number(const char *e164);

/* Whether name is a time zone this machine knows ("America/Chicago"). */
int		 tz_known(const char *name);

/* The zone's offset from UTC at t, in seconds; -1 for an unknown zone. Not
 * thread-safe (it sets TZ for a moment). */
int		 tz_offset(const char *name, time_t t, int *offset_s);

#endif
