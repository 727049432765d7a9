/* core_csv.h: RFC 4180 CSV, read in place (lead imports) */
#ifndef SP_CORE_CSV_H
#define SP_CORE_CSV_H

#include <stddef.h>

struct csv {
	char	*p;	/* the next byte to read */
	char	*end;
	int	 line;	/* the line the next row starts on, from 1 */
};

/* Reads buf[0..len) (which it rewrites as it unquotes; buf[len] must be
 * writable too: the last field's NUL may go there); a leading UTF-8 byte
 * order mark is skipped. */
void	 csv_init(struct csv *c, char *buf, size_t len);

/*
 * The next row: fields[0..*n) point into the buffer, NUL-terminated (a row
 * with more than max fields keeps the first max and *n says how many there
 * were). 1 a row, 0 the end, -1 a quote never closed or text after a
 * closing quote (the rest of the input is not read).
 */
int	 csv_row(struct csv *c, char **fields, int max, int *n);

#endif
