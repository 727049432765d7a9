/* hdf_json.c: named subtrees of an HDF dataset as one JSON object, and
 * back (the dashboard's snapshots keep their page data so) */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "hdf_json.h"

/* An HDF node's children as a JSON object. */
static json_t *
node_json(HDF *h)
{
	json_t *o = json_object();

	for (HDF *c = hdf_obj_child(h); c != NULL && o != NULL;
	    c = hdf_obj_next(c)) {
		const char *v = hdf_obj_value(c);
		json_t *x;
		if (hdf_obj_child(c) == NULL)
			x = json_string(v ? v : "");
		else if ((x = node_json(c)) != NULL && v != NULL &&
		    json_object_set_new(x, "", json_string(v)) != 0) {
			json_decref(x);
			x = NULL;
		}
		if (x == NULL || json_object_set_new(o, hdf_obj_name(c), x)) {
			json_decref(o);
			o = NULL;
		}
	}
	return o;
}

/* The inverse of node_json, as node `name` of parent; 0 or -1. Names
 * must be plain (HDF reads a dot as a path). */
static int
json_node(HDF *parent, const char *name, json_t *v)
{
	NEOERR *err = STATUS_OK;
	const char *k;
	json_t *x;
	HDF *node;

	if (*name == '\0' || strchr(name, '.') != NULL)
		return -1;
	if (json_is_string(v))
		err = hdf_set_value(parent, name, json_string_value(v));
	else if (!json_is_object(v))
		return -1;
	else if ((err = hdf_get_node(parent, name, &node)) == STATUS_OK) {
		json_object_foreach(v, k, x) {
			if (*k == '\0' ? !json_is_string(x) ||
			    json_node(parent, name, x) != 0 :
			    json_node(node, k, x) != 0)
				return -1;
		}
	}
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return -1;
	}
	return 0;
}

char *
hdf_json_dump(HDF *root, const char *const *names, size_t n)
{
	json_t *o = json_object(), *x;
	char *text = NULL;
	size_t i;

	if (o == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		HDF *h = hdf_get_obj(root, names[i]);
		if (h == NULL)
			continue;
		if ((x = node_json(h)) == NULL ||
		    json_object_set_new(o, names[i], x) != 0)
			goto out;
	}
	text = json_dumps(o, JSON_COMPACT);
out:
	json_decref(o);
	return text;
}

int
hdf_json_load(HDF *root, const char *text, const char *const *names,
    size_t n)
{
	json_error_t jerr;
	json_t *o = text ? json_loads(text, 0, &jerr) : NULL, *x;
	size_t i;
	int rc = -1;

	if (!json_is_object(o))
		goto out;
	for (i = 0; i < n; i++)
		if ((x = json_object_get(o, names[i])) != NULL &&
		    (!json_is_object(x) || json_node(root, names[i], x) != 0))
			goto out;
	rc = 0;
out:
	for (i = 0; rc != 0 && i < n; i++)
		hdf_remove_tree(root, names[i]);
	json_decref(o);
	return rc;
}
