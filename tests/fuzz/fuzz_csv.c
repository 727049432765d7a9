/* fuzz_csv.c: csv_row on anything; every field stays inside the copy */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core_csv.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	char *fields[8];
	struct csv c;
	int n, rc, rows = 0;

	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	csv_init(&c, buf, size);
	while ((rc = csv_row(&c, fields, 8, &n)) == 1) {
		if (n < 1 || ++rows > (int)size + 1)
			__builtin_trap();
		for (int i = 0; i < n && i < 8; i++)
			if (fields[i] < buf || fields[i] > buf + size ||
			    fields[i] + strlen(fields[i]) > buf + size)
				__builtin_trap();
	}
	free(buf);
	return 0;
}
