/* core_csv.c: RFC 4180 CSV, read in place */
#include <string.h>

#include "core_csv.h"

void
csv_init(struct csv *c, char *buf, size_t len)
{
	c->p = buf;
	c->end = buf + len;
	c->line = 1;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		c->p += 3;
}

int
csv_row(struct csv *c, char **fields, int max, int *n)
{
	char *w;

	*n = 0;
	if (c->p >= c->end)
		return 0;
	for (;;) {
		char *start = w = c->p;
		if (c->p < c->end && *c->p == '"') {
			c->p++;
			for (;;) {
				if (c->p >= c->end)
					return -1;
				if (*c->p == '"') {
					if (c->p + 1 < c->end && c->p[1] == '"') {
						*w++ = '"';
						c->p += 2;
						continue;
					}
					c->p++;
					break;
				}
				if (*c->p == '\n')
					c->line++;
				*w++ = *c->p++;
			}
			if (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
			    *c->p != '\r')
				return -1;
		} else {
			while (c->p < c->end && *c->p != ',' && *c->p != '\n' &&
			    *c->p != '\r')
				c->p++;
			w = c->p;
		}
		if (*n < max)
			fields[*n] = start;
		(*n)++;
		if (c->p >= c->end) {
			*w = '\0';	/* at most buf[len] */
			return 1;
		}
		if (*c->p == ',') {
			c->p++;
			*w = '\0';
			continue;
		}
		/* end of row: \n, \r\n or \r */
		if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n') {
			*w = '\0';
			c->p += 2;
		} else {
			*w = '\0';
			c->p++;
		}
		c->line++;
		return 1;
	}
}
