/* core_timezone.c: the lead's time zone from the number's area code */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core_timezone.h"
#include "phone_shim.h"

/* Each state's and province's main zone (where a state has two, the one
 * most of its people live in). */
static const struct { const char *abbr, *name, *tz; } places[] = {
	{ "AL", "Alabama", "America/Chicago" },
	{ "AK", "Alaska", "America/Anchorage" },
	{ "AZ", "Arizona", "America/Phoenix" },
	{ "AR", "Arkansas", "America/Chicago" },
	{ "CA", "California", "America/Los_Angeles" },
	{ "CO", "Colorado", "America/Denver" },
	{ "CT", "Connecticut", "America/New_York" },
	{ "DE", "Delaware", "America/New_York" },
	{ "DC", "Washington D.C.", "America/New_York" },
	{ "FL", "Florida", "America/New_York" },
	{ "GA", "Georgia", "America/New_York" },
	{ "HI", "Hawaii", "Pacific/Honolulu" },
	{ "ID", "Idaho", "America/Boise" },
	{ "IL", "Illinois", "America/Chicago" },
	{ "IN", "Indiana", "America/Indiana/Indianapolis" },
	{ "IA", "Iowa", "America/Chicago" },
	{ "KS", "Kansas", "America/Chicago" },
	{ "KY", "Kentucky", "America/New_York" },
	{ "LA", "Louisiana", "America/Chicago" },
	{ "ME", "Maine", "America/New_York" },
	{ "MD", "Maryland", "America/New_York" },
	{ "MA", "Massachusetts", "America/New_York" },
	{ "MI", "Michigan", "America/Detroit" },
	{ "MN", "Minnesota", "America/Chicago" },
	{ "MS", "Mississippi", "America/Chicago" },
	{ "MO", "Missouri", "America/Chicago" },
	{ "MT", "Montana", "America/Denver" },
	{ "NE", "Nebraska", "America/Chicago" },
	{ "NV", "Nevada", "America/Los_Angeles" },
	{ "NH", "New Hampshire", "America/New_York" },
	{ "NJ", "New Jersey", "America/New_York" },
	{ "NM", "New Mexico", "America/Denver" },
	{ "NY", "New York", "America/New_York" },
	{ "NC", "North Carolina", "America/New_York" },
	{ "ND", "North Dakota", "America/Chicago" },
	{ "OH", "Ohio", "America/New_York" },
	{ "OK", "Oklahoma", "America/Chicago" },
	{ "OR", "Oregon", "America/Los_Angeles" },
	{ "PA", "Pennsylvania", "America/New_York" },
	{ "RI", "Rhode Island", "America/New_York" },
	{ "SC", "South Carolina", "America/New_York" },
	{ "SD", "South Dakota", "America/Chicago" },
	{ "TN", "Tennessee", "America/Chicago" },
	{ "TX", "Texas", "America/Chicago" },
	{ "UT", "Utah", "America/Denver" },
	{ "VT", "Vermont", "America/New_York" },
	{ "VA", "Virginia", "America/New_York" },
	{ "WA", "Washington", "America/Los_Angeles" },
	{ "WV", "West Virginia", "America/New_York" },
	{ "WI", "Wisconsin", "America/Chicago" },
	{ "WY", "Wyoming", "America/Denver" },
	{ "PR", "Puerto Rico", "America/Puerto_Rico" },
	{ "AB", "Alberta", "America/Edmonton" },
	{ "BC", "British Columbia", "America/Vancouver" },
	{ "MB", "Manitoba", "America/Winnipeg" },
	{ "NB", "New Brunswick", "America/Moncton" },
	{ "NL", "Newfoundland and Labrador", "America/St_Johns" },
	{ "NS", "Nova Scotia", "America/Halifax" },
	{ "ON", "Ontario", "America/Toronto" },
	{ "PE", "Prince Edward Island", "America/Halifax" },
	{ "QC", "Quebec", "America/Toronto" },
	{ "SK", "Saskatchewan", "America/Regina" },
};

const char *
tz_for_place(const char *place)
{
	const char *comma;
	size_t i, len;

	if (place == NULL || *place == '\0')
		return NULL;
	/* "Chicago, IL": the state's abbreviation */
	if ((comma = strrchr(place, ',')) != NULL) {
		const char *a = comma + 1;
		while (*a == ' ')
			a++;
		for (i = 0; i < sizeof(places) / sizeof(places[0]); i++)
			if (strcmp(a, places[i].abbr) == 0)
				return places[i].tz;
		return NULL;
	}
	len = strlen(place);
	for (i = 0; i < sizeof(places) / sizeof(places[0]); i++)
		if (strlen(places[i].name) == len &&
		    strcmp(place, places[i].name) == 0)
			return places[i].tz;
	return NULL;
}

const char *
tz_for_number(const char *e164)
{
	char place[128];

	if (e164 == NULL || strncmp(e164, "+1", 2) != 0 ||
	    phone_shim_place(e164, place, sizeof(place)) != 0)
		return NULL;
	return tz_for_place(place);
}

int
tz_known(const char *name)
{
	char path[160];
	struct stat st;
	size_t i, len = name != NULL ? strlen(name) : 0;

	if (len == 0 || len > 64 || name[0] == '/' || strstr(name, "..") != NULL)
		return 0;
	for (i = 0; i < len; i++)
		if (!((name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= 'a' && name[i] <= 'z') ||
		    (name[i] >= '0' && name[i] <= '9') ||
		    name[i] == '/' || name[i] == '_' || name[i] == '-' ||
		    name[i] == '+'))
			return 0;
	/* a zone, not a directory of them */
	if ((size_t)snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s",
	    name) >= sizeof(path))
		return 0;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    strchr(name, '/') != NULL;
}

int
tz_offset(const char *name, time_t t, int *offset_s)
{
	char *old, saved[128] = "";
	struct tm tm;
	int had;

	if (!tz_known(name))
		return -1;
	old = getenv("TZ");
	had = old != NULL;
	if (had)
		snprintf(saved, sizeof(saved), "%s", old);
	setenv("TZ", name, 1);
	tzset();
	localtime_r(&t, &tm);
	*offset_s = (int)tm.tm_gmtoff;
	if (had)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	return 0;
}
