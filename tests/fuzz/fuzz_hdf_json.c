/* fuzz_hdf_json.c: the dashboard snapshot's reader (hdf_json_load) on any
 * text. It must not crash; on failure it must leave none of the names in
 * the dataset; on success what it read must dump and read back to the
 * same JSON (the snapshot a worker writes is the one the others read). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <ClearSilver.h>

#include "hdf_json.h"

static const char *const names[] = { "Totals", "Days", "Snapshot" };
#define N	(sizeof(names) / sizeof(names[0]))

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	HDF *a = NULL, *b = NULL;
	char *text, *once = NULL, *twice = NULL;
	size_t i;

	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (hdf_init(&a) != STATUS_OK || hdf_init(&b) != STATUS_OK)
		abort();
	if (hdf_json_load(a, text, names, N) != 0) {
		for (i = 0; i < N; i++)
			if (hdf_get_obj(a, names[i]) != NULL)
				abort();	/* a failed read left a part */
	} else if ((once = hdf_json_dump(a, names, N)) != NULL) {
		if (hdf_json_load(b, once, names, N) != 0)
			abort();	/* its own output refused */
		if ((twice = hdf_json_dump(b, names, N)) == NULL ||
		    strcmp(once, twice) != 0)
			abort();	/* not the same page data */
	}
	free(once);
	free(twice);
	hdf_destroy(&a);
	hdf_destroy(&b);
	free(text);
	return 0;
}
