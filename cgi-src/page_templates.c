/* page_templates.c: the business's saved texts (/templates/...) and their
 * use in a thread (/conversations/:id/templates) */
#include <stdio.h>
#include <string.h>

#include "core_lint.h"
#include "core_template.h"
#include "db.h"
#include "pages.h"
#include "store_conversations.h"
#include "store_leads.h"
#include "util.h"
#include "web.h"

#define TEMPLATE_BODY_MAX	1600
#define FILLED_MAX		8000

static int
templates_list(struct req *r, const char *lead_name)
{
	struct db_res t;
	char first[201], filled[FILLED_MAX];
	unsigned i;

	if (store_templates(&t, r->s.business_id) != 0)
		return -1;
	if (lead_name != NULL)
		template_first_name(lead_name, first, sizeof(first));
	for (i = 0; i < t.nrows; i++) {
		HDF *h = web_item(r, "Templates", i);
		if (h == NULL || web_put(h, "Id", db_get(&t, i, 0)) != 0 ||
		    web_put(h, "Name", db_get(&t, i, 1)) != 0 ||
		    web_put(h, "Body", db_get(&t, i, 2)) != 0)
			goto fail;
		if (lead_name != NULL) {
			template_fill(db_get(&t, i, 2), first,
			    r->s.business_name, filled, sizeof(filled));
			if (web_put(h, "Filled", filled) != 0)
				goto fail;
		}
	}
	db_res_free(&t);
	return 0;
fail:
	db_res_free(&t);
	return -1;
}

/* 200: the templates, and a form for a new one. */
int
page_templates_index(struct req *r)
{
	if (templates_list(r, NULL) != 0)
		return web_db_error(r);
	web_set(r, "Page.Title", "Message templates");
	return web_render(r, 200, "templates.cs");
}

/* Reads and checks name and body; NULL, or the error to show. */
static const char *
template_read(struct req *r, const char **name, const char **body)
{
	int rc;

	if ((rc = web_text(r, "name", 100, name)) == WEB_MISSING)
		return "Give the template a name.";
	if (rc != 0)
		return "The name is too long (100 characters at most) or not "
		    "text.";
	if ((rc = web_text(r, "body", TEMPLATE_BODY_MAX, body)) == WEB_MISSING)
		return "Write the template's text.";
	if (rc != 0)
		return "The text is too long (1,600 characters at most) or "
		    "has characters that are not valid.";
	return template_check(*body);
}

/* Saves a new template (id 0) or an existing one: 303 to the list; 422
 * with what was typed for a wrong field, 409 for a name in use. */
static int
template_save(struct req *r, long long id)
{
	const char *name = "", *body = "", *err;
	long long new_id;
	int rc, status = 422;

	if ((err = template_read(r, &name, &body)) == NULL) {
		if ((rc = store_template_save(r->s.business_id, id,
		    r->s.user_id, name, body, &new_id)) < 0)
			return web_db_error(r);
		if (rc == 0)
			return web_redirect(r, "/templates");
		err = "A template of that name exists: choose another name.";
		status = 409;
	}
	web_text(r, "name", 100, &name);
	web_text(r, "body", TEMPLATE_BODY_MAX, &body);
	web_set(r, "Form.Error", err);
	web_set(r, "Form.Name", name);
	web_set(r, "Form.Body", body);
	if (id != 0) {
		web_set_int(r, "Form.Id", id);
		web_set(r, "Page.Title", "Edit template");
		return web_render(r, status, "template.cs");
	}
	if (templates_list(r, NULL) != 0)
		return web_db_error(r);
	web_set(r, "Page.Title", "Message templates");
	return web_render(r, status, "templates.cs");
}

int
page_template_create(struct req *r)
{
	return template_save(r, 0);
}

/* 200: one template's form; 404 for another business's. */
int
page_template_show(struct req *r)
{
	struct db_res t;

	if (store_template_get(&t, r->s.business_id, r->param[0]) != 0)
		return web_db_error(r);
	if (t.nrows == 0) {
		db_res_free(&t);
		return web_error(r, 404, "There is no such template in your "
		    "business.");
	}
	web_set(r, "Form.Id", db_get(&t, 0, 0));
	web_set(r, "Form.Name", db_get(&t, 0, 1));
	web_set(r, "Form.Body", db_get(&t, 0, 2));
	db_res_free(&t);
	web_set(r, "Page.Title", "Edit template");
	return web_render(r, 200, "template.cs");
}

/* 0 when the template in the path is the business's; else the answer it
 * got (404, or 503). */
static int
template_owned(struct req *r)
{
	struct db_res t;
	int found;

	if (store_template_get(&t, r->s.business_id, r->param[0]) != 0)
		return web_db_error(r);
	found = t.nrows > 0;
	db_res_free(&t);
	return found ? 0 : web_error(r, 404, "There is no such template in "
	    "your business.");
}

int
page_template_update(struct req *r)
{
	int rc;

	if ((rc = template_owned(r)) != 0)
		return rc;
	return template_save(r, r->param[0]);
}

/* 303 to the list; 404 for another business's template. */
int
page_template_delete(struct req *r)
{
	int rc;

	if ((rc = template_owned(r)) != 0)
		return rc;
	if (store_template_delete(r->s.business_id, r->param[0]) != 0)
		return web_db_error(r);
	return web_redirect(r, "/templates");
}

/* 200: the templates filled in for this conversation's lead, each with its
 * lint findings, to pick one for the compose box; 404 for another
 * business's conversation. */
int
page_conversation_templates(struct req *r)
{
	struct db_res t;
	char name[201], id[24];
	const char *v;
	HDF *h;
	int i;

	if (store_thread(&t, r->s.business_id, r->param[0], 1, 1) != 0)
		return web_db_error(r);
	if (t.nrows == 0) {
		db_res_free(&t);
		return thread_error(r, 404);
	}
	sp_strlcpy(name, (v = db_get(&t, 0, CONV_NAME)) ? v : "", sizeof(name));
	snprintf(id, sizeof(id), "%lld", r->param[0]);
	db_res_free(&t);
	web_set(r, "Conversation.Id", id);
	web_set(r, "Lead.Name", name);
	if (templates_list(r, name) != 0)
		return web_db_error(r);
	/* the lint on each filled-in text, as the compose box would run it */
	for (h = hdf_get_child(r->hdf, "Templates"), i = 0; h != NULL;
	    h = hdf_obj_next(h), i++) {
		struct lint_input in;
		struct lint_result lr;
		int k;
		in.body = hdf_get_value(h, "Filled", "");
		in.len = strlen(in.body);
		in.business_name = r->s.business_name;
		in.first_message = 0;
		lint_check(&in, &lr);
		for (k = 0; k < lr.n; k++) {
			char key[32];
			snprintf(key, sizeof(key), "Findings.%d", k);
			if (web_put(h, key, lr.f[k].message) != 0)
				return web_error(r, 500, "Could not build the "
				    "page.");
		}
	}
	web_set(r, "Page.Title", "Use a template");
	return web_render(r, 200, "conversation_templates.cs");
}
