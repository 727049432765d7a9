/* hdf_json.h: named subtrees of an HDF dataset as one JSON object, and
 * back (the dashboard's snapshots keep their page data so) */
#ifndef SP_HDF_JSON_H
#define SP_HDF_JSON_H

#include <stddef.h>
#include <ClearSilver.h>

/* The subtrees of root named in names (absent ones left out) as compact
 * JSON: a leaf as its string, a node with children as an object (its own
 * value, if any, under ""). malloc'd, or NULL (out of memory, or a value
 * that is not UTF-8). */
char	*hdf_json_dump(HDF *root, const char *const *names, size_t n);
/* Puts text's subtrees named in names back under root; 0, or -1 when
 * text is not such an object (what was put of it is then removed again,
 * so root holds none of names). */
int	 hdf_json_load(HDF *root, const char *text, const char *const *names,
	    size_t n);

#endif
