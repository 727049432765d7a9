/* core_template.c: saved texts with {first_name} and {business_name} */
#include <stdio.h>
#include <string.h>

#include "core_template.h"

static const char *fields[] = { "{first_name}", "{business_name}" };

const char *
template_check(const char *body)
{
	static char msg[120];
	const char *p = body, *close;
	size_t i;

	while ((p = strchr(p, '{')) != NULL) {
		for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			if (strncmp(p, fields[i], strlen(fields[i])) == 0)
				break;
		if (i < sizeof(fields) / sizeof(fields[0])) {
			p += strlen(fields[i]);
			continue;
		}
		close = strchr(p, '}');
		snprintf(msg, sizeof(msg), "Unknown field %.*s: the fields are "
		    "{first_name} and {business_name}.",
		    close != NULL && close - p < 40 ? (int)(close - p + 1) : 1, p);
		return msg;
	}
	return NULL;
}

void
template_first_name(const char *name, char *out, size_t size)
{
	size_t n;

	while (name != NULL && *name == ' ')
		name++;
	n = name != NULL ? strcspn(name, " ") : 0;
	if (n == 0)
		snprintf(out, size, "there");
	else
		snprintf(out, size, "%.*s", (int)n, name);
}

int
template_fill(const char *body, const char *first_name,
    const char *business_name, char *out, size_t size)
{
	size_t o = 0;
	const char *p = body;

	if (size == 0)
		return -1;
	while (*p != '\0') {
		const char *v = NULL;
		size_t skip = 1, n;
		if (strncmp(p, fields[0], strlen(fields[0])) == 0) {
			v = first_name;
			skip = strlen(fields[0]);
		} else if (strncmp(p, fields[1], strlen(fields[1])) == 0) {
			v = business_name;
			skip = strlen(fields[1]);
		}
		if (v == NULL) {
			v = p;
			n = 1;
		} else
			n = strlen(v);
		if (o + n >= size) {
			out[o] = '\0';
			return -1;
		}
		memcpy(out + o, v, n);
		o += n;
		p += skip;
	}
	out[o] = '\0';
	return 0;
}
