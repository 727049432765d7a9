/* page_leads.c: a lead created by hand, edited, marked as spam, and leads
 * imported from CSV (/leads/...) */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core_csv.h"
#include "core_phone.h"
#include "config.h"
#include "db.h"
#include "pages.h"
#include "store_leads.h"
#include "util.h"
#include "web.h"
#include "webutil.h"

#define IMPORT_MAX_ROWS	5000
#define IMPORT_SHOWN	200

/* The three fields of the lead form, read and checked; NULL when they are
 * fine, else what to tell the user (the form comes back with them). */
struct lead_form {
	const char	*name;
	const char	*email;		/* NULL when left empty */
	const char	*phone;
	struct phone	 ph;
};

/* Why a number cannot be a lead's, or NULL. */
static const char *
phone_refusal(const struct phone *ph)
{
	if (ph->verdict != PHONE_VALID)
		return phone_verdict_text(ph->verdict);
	if (ph->sms == SMS_NO)
		return ph->line == LINE_FIXED ? "Landline number: texts can't "
		    "be sent to landlines." : "This kind of number cannot "
		    "receive texts.";
	return NULL;
}

static const char *
lead_form_read(struct req *r, struct lead_form *f)
{
	int rc;

	memset(f, 0, sizeof(*f));
	if ((rc = web_text(r, "name", 200, &f->name)) != 0 && rc != WEB_MISSING)
		return "The name is too long (200 characters at most) or has "
		    "characters that are not valid.";
	if ((rc = web_text(r, "email", 254, &f->email)) == WEB_MISSING)
		f->email = NULL;
	else if (rc != 0 || !webutil_email_ok(f->email))
		return "The email address is not valid: write it as "
		    "name@example.com, or leave it empty.";
	if ((rc = web_text(r, "phone", PHONE_MAX_INPUT, &f->phone)) ==
	    WEB_MISSING)
		return "Write the lead's phone number.";
	if (rc != 0)
		return "The phone number is too long or not text.";
	phone_classify(f->phone, strlen(f->phone), "US", &f->ph);
	return phone_refusal(&f->ph);
}

/* The form again with what was typed and the error. */
static int
lead_form_again(struct req *r, int status, const char *tmpl, const char *error)
{
	const char *v;

	web_set(r, "Form.Error", error);
	if (web_text(r, "name", 200, &v) == 0)
		web_set(r, "Form.Name", v);
	if (web_text(r, "email", 254, &v) == 0)
		web_set(r, "Form.Email", v);
	if (web_text(r, "phone", PHONE_MAX_INPUT, &v) == 0)
		web_set(r, "Form.Phone", v);
	return web_render(r, status, tmpl);
}

/* 200: the form for a new lead. */
int
page_lead_new(struct req *r)
{
	web_set(r, "Page.Title", "New lead");
	return web_render(r, 200, "lead_new.cs");
}

/*
 * Creates a lead and its conversation: 303 to the conversation; 422 with
 * the form as typed when a field is wrong; 409 when the business has a lead
 * with that number (the page links to it).
 */
int
page_lead_create(struct req *r)
{
	struct lead_form f;
	const char *err;
	long long lead, conv;
	char loc[64];
	int rc;

	web_set(r, "Page.Title", "New lead");
	if ((err = lead_form_read(r, &f)) != NULL)
		return lead_form_again(r, 422, "lead_new.cs", err);
	if (db_begin() != 0)
		return web_db_error(r);
	rc = store_lead_create(r->s.business_id, f.name, f.email, f.phone,
	    f.ph.e164, &lead, &conv);
	if (rc == 1 && store_lead_change(r->s.business_id, lead, r->s.user_id,
	    "created", NULL, f.ph.e164) != 0)
		rc = -1;
	if (rc < 0 || db_commit() != 0) {
		db_rollback();
		return web_db_error(r);
	}
	if (rc == 0) {
		web_set_int(r, "Form.Existing", lead);
		return lead_form_again(r, 409, "lead_new.cs", "A lead with "
		    "this number exists already.");
	}
	if (conv == 0) {
		snprintf(loc, sizeof(loc), "/leads/%lld", lead);
		return web_redirect(r, loc);
	}
	snprintf(loc, sizeof(loc), "/conversations/%lld", conv);
	return web_redirect(r, loc);
}

static const char *
field_label(const char *field)
{
	static const struct { const char *k, *v; } labels[] = {
		{ "created", "Created" }, { "name", "Name" },
		{ "phone", "Phone number" }, { "email", "Email" },
		{ "spam", "Spam" }, { "imported", "Imported" },
	};
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(field, labels[i].k) == 0)
			return labels[i].v;
	return field;
}

/* Fills Lead.* and Lead.History; 0, 404 or 503. */
static int
lead_fill(struct req *r, long long id, int form_too)
{
	struct db_res l, h;
	const char *v;
	unsigned i;

	if (store_lead_get(&l, r->s.business_id, id) != 0)
		return 503;
	if (l.nrows == 0) {
		db_res_free(&l);
		return 404;
	}
	v = db_get(&l, 0, LEAD_LINE_TYPE);
	web_set(r, "Lead.Id", db_get(&l, 0, LEAD_ID));
	web_set(r, "Lead.Name", db_get(&l, 0, LEAD_NAME));
	web_set(r, "Lead.Email", db_get(&l, 0, LEAD_EMAIL));
	web_set(r, "Lead.Phone", db_get(&l, 0, LEAD_PHONE) ?
	    db_get(&l, 0, LEAD_PHONE) : db_get(&l, 0, LEAD_PHONE_RAW));
	web_set(r, "Lead.LineType", v);
	web_set_int(r, "Lead.Landline", v != NULL && strcmp(v, "landline") == 0);
	web_set_int(r, "Lead.Invalid", !db_get_ll(&l, 0, LEAD_VALID, 1));
	web_set_int(r, "Lead.OptedOut", db_get_ll(&l, 0, LEAD_OPTED_OUT, 0));
	web_set_int(r, "Lead.Spam", db_get_ll(&l, 0, LEAD_SPAM, 0));
	web_set(r, "Lead.Conversation", db_get(&l, 0, LEAD_CONVERSATION));
	if (db_get(&l, 0, LEAD_COOLDOWN_MS) != NULL)
		web_set_time(r, "Lead.CooldownUntil",
		    db_get_ll(&l, 0, LEAD_COOLDOWN_MS, 0));
	web_set_time(r, "Lead.Created", db_get_ll(&l, 0, LEAD_CREATED_MS, 0));
	v = db_get(&l, 0, LEAD_NAME);
	web_set(r, "Page.Title", v != NULL && *v != '\0' ? v : "Lead");
	if (form_too) {
		web_set(r, "Form.Name", db_get(&l, 0, LEAD_NAME));
		web_set(r, "Form.Email", db_get(&l, 0, LEAD_EMAIL));
		web_set(r, "Form.Phone", db_get(&l, 0, LEAD_PHONE_RAW));
	}
	db_res_free(&l);
	if (store_lead_history(&h, r->s.business_id, id) != 0)
		return 503;
	for (i = 0; i < h.nrows; i++) {
		HDF *n = web_item(r, "History", i);
		if (n == NULL ||
		    web_put(n, "Field", field_label(db_get(&h, i, LH_FIELD))) ||
		    web_put(n, "Old", db_get(&h, i, LH_OLD)) != 0 ||
		    web_put(n, "New", db_get(&h, i, LH_NEW)) != 0 ||
		    web_put(n, "By", db_get(&h, i, LH_BY)) != 0 ||
		    web_put_time(r, n, "At", db_get_ll(&h, i, LH_AT_MS, 0))) {
			db_res_free(&h);
			return 500;
		}
	}
	db_res_free(&h);
	return 0;
}

static int
lead_error(struct req *r, int rc)
{
	if (rc == 404)
		return web_error(r, 404, "There is no such lead in your "
		    "business.");
	if (rc == 503)
		return web_db_error(r);
	return web_error(r, 500, "Could not build the page.");
}

/* 200: the lead, its edit form and its history; 404 for another
 * business's lead. */
int
page_lead_show(struct req *r)
{
	const char *v;
	int rc;

	if ((rc = lead_fill(r, r->param[0], 1)) != 0)
		return lead_error(r, rc);
	if (web_text(r, "saved", 1, &v) == 0)
		web_set_int(r, "Form.Saved", 1);
	return web_render(r, 200, "lead.cs");
}

/*
 * Saves name, email and number: 303 back to the lead; 422 with what was
 * typed when a field is wrong; 409 when another lead has the number. Each
 * change is kept in the lead's history.
 */
int
page_lead_update(struct req *r)
{
	struct db_res l;
	struct lead_form f;
	const char *err, *old_name, *old_email, *old_phone;
	char on[201], oe[255], op[20], loc[64];
	long long id = r->param[0];
	int rc, changed_phone;

	if (store_lead_get(&l, r->s.business_id, id) != 0)
		return web_db_error(r);
	if (l.nrows == 0) {
		db_res_free(&l);
		return lead_error(r, 404);
	}
	old_name = db_get(&l, 0, LEAD_NAME);
	old_email = db_get(&l, 0, LEAD_EMAIL);
	old_phone = db_get(&l, 0, LEAD_PHONE);
	sp_strlcpy(on, old_name ? old_name : "", sizeof(on));
	sp_strlcpy(oe, old_email ? old_email : "", sizeof(oe));
	sp_strlcpy(op, old_phone ? old_phone : "", sizeof(op));
	db_res_free(&l);

	if ((err = lead_form_read(r, &f)) != NULL) {
		if ((rc = lead_fill(r, id, 0)) != 0)
			return lead_error(r, rc);
		return lead_form_again(r, 422, "lead.cs", err);
	}
	changed_phone = strcmp(op, f.ph.e164) != 0;
	if (db_begin() != 0)
		return web_db_error(r);
	if (changed_phone) {
		rc = store_lead_set_phone(r->s.business_id, id, f.phone,
		    f.ph.e164);
		if (rc == 1) {
			db_rollback();
			if ((rc = lead_fill(r, id, 0)) != 0)
				return lead_error(r, rc);
			return lead_form_again(r, 409, "lead.cs", "Another lead "
			    "of your business has this number.");
		}
		if (rc != 0 || store_lead_change(r->s.business_id, id,
		    r->s.user_id, "phone", op, f.ph.e164) != 0)
			goto fail;
	}
	if (store_lead_set_contact(r->s.business_id, id, f.name, f.email) != 0)
		goto fail;
	if (strcmp(on, f.name) != 0 && store_lead_change(r->s.business_id, id,
	    r->s.user_id, "name", on, f.name) != 0)
		goto fail;
	if (strcmp(oe, f.email ? f.email : "") != 0 &&
	    store_lead_change(r->s.business_id, id, r->s.user_id, "email",
	    oe, f.email) != 0)
		goto fail;
	if (db_commit() != 0)
		goto fail;
	snprintf(loc, sizeof(loc), "/leads/%lld?saved=1", id);
	return web_redirect(r, loc);
fail:
	db_rollback();
	return web_db_error(r);
}

/* Marks (spam=1) or unmarks (spam=0) the lead as spam: 303 back to where
 * the form was (the lead or its conversation); 404 for another business's
 * lead. Spam leads leave the inbox and cannot be texted. */
int
page_lead_spam(struct req *r)
{
	struct db_res l;
	const char *v, *back;
	char loc[64];
	long long id = r->param[0], conv;
	int spam, was;

	if (web_text(r, "spam", 1, &v) != 0 || (v[0] != '0' && v[0] != '1'))
		return web_error(r, 400, "The form is malformed: say whether "
		    "the lead is spam.");
	spam = v[0] == '1';
	if (store_lead_get(&l, r->s.business_id, id) != 0)
		return web_db_error(r);
	if (l.nrows == 0) {
		db_res_free(&l);
		return lead_error(r, 404);
	}
	was = (int)db_get_ll(&l, 0, LEAD_SPAM, 0);
	conv = db_get_ll(&l, 0, LEAD_CONVERSATION, 0);
	db_res_free(&l);
	if (was != spam) {
		if (db_begin() != 0)
			return web_db_error(r);
		if (store_lead_set_spam(r->s.business_id, id, spam) != 0 ||
		    store_lead_change(r->s.business_id, id, r->s.user_id,
		    "spam", was ? "yes" : "no", spam ? "yes" : "no") != 0 ||
		    db_commit() != 0) {
			db_rollback();
			return web_db_error(r);
		}
	}
	if (web_text(r, "back", 16, &back) == 0 &&
	    strcmp(back, "conversation") == 0 && conv != 0)
		snprintf(loc, sizeof(loc), "/conversations/%lld", conv);
	else
		snprintf(loc, sizeof(loc), "/leads/%lld", id);
	return web_redirect(r, loc);
}

/* 200: the import form. */
int
page_lead_import_form(struct req *r)
{
	web_set(r, "Page.Title", "Import leads");
	return web_render(r, 200, "lead_import.cs");
}

enum { COL_NAME, COL_PHONE, COL_EMAIL, COL_FIRST, COL_LAST, COL__MAX };

/* Maps a header row's cells to columns: 1 a header, 0 a first lead (the
 * columns are then name, phone, email), -1 a header without a phone
 * column. */
static int
header_map(char **f, int n, int *col)
{
	static const struct { const char *name; int col; } names[] = {
		{ "name", COL_NAME }, { "full name", COL_NAME },
		{ "phone", COL_PHONE }, { "phone number", COL_PHONE },
		{ "mobile", COL_PHONE }, { "number", COL_PHONE },
		{ "cell", COL_PHONE }, { "email", COL_EMAIL },
		{ "e-mail", COL_EMAIL }, { "email address", COL_EMAIL },
		{ "first name", COL_FIRST }, { "first_name", COL_FIRST },
		{ "last name", COL_LAST }, { "last_name", COL_LAST },
	};
	int i, is_header = 0, named = 0;
	size_t k;

	for (i = 0; i < COL__MAX; i++)
		col[i] = -1;
	for (i = 0; i < n && i < 16; i++) {
		char cell[32];
		size_t len = strlen(f[i]);
		while (len > 0 && isspace((unsigned char)f[i][len - 1]))
			len--;
		if (len >= sizeof(cell))
			continue;
		memcpy(cell, f[i], len);
		cell[len] = '\0';
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (strcasecmp(cell, names[k].name) == 0 &&
			    col[names[k].col] < 0) {
				col[names[k].col] = i;
				named = 1;
				if (names[k].col == COL_PHONE)
					is_header = 1;
			}
	}
	if (!is_header && named && n > 0)
		return -1;
	if (!is_header) {
		col[COL_NAME] = 0;
		col[COL_PHONE] = 1;
		col[COL_EMAIL] = 2;
		col[COL_FIRST] = col[COL_LAST] = -1;
	}
	return is_header;
}

static const char *
cell(char **f, int n, int c)
{
	const char *v;

	if (c < 0 || c >= n || c >= 16)
		return "";
	v = f[c];
	while (isspace((unsigned char)*v))
		v++;
	return v;
}

static void
trim_end(char *s)
{
	size_t len = strlen(s);

	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
}

struct import_seen {
	char		 e164[20];
	int		 line;
};

/* Reads the CSV (a file sent with the form, or pasted text) into a buffer
 * of its own; NULL with *err set. */
static char *
import_text(struct req *r, size_t *len, const char **err)
{
	FILE *fp = cgi_filehandle(r->cgi, "file");
	const char *pasted;
	char *buf;
	int rc;

	*err = NULL;
	if (fp != NULL) {
		long max = r->cfg->max_body;
		size_t got;
		if ((buf = malloc((size_t)max + 1)) == NULL) {
			*err = "The server is short of memory: try a smaller file.";
			return NULL;
		}
		rewind(fp);
		got = fread(buf, 1, (size_t)max, fp);
		buf[got] = '\0';
		*len = got;
		if (got > 0)
			return buf;
		free(buf);
	}
	if ((rc = web_text(r, "csv", (size_t)r->cfg->max_body, &pasted)) != 0) {
		*err = rc == WEB_MISSING ? "Choose a CSV file, or paste the "
		    "leads as CSV." : "The CSV has characters that are not "
		    "valid text (is it saved as UTF-8?).";
		return NULL;
	}
	*len = strlen(pasted);
	return strdup(pasted);
}

/*
 * Imports leads from CSV (name, phone, email; a header row may name them in
 * any order): 200 with a report of each row imported or refused and why
 * (an invalid number, a landline by the number's type, a number already a
 * lead or twice in the file, a bad email); 422 when there is no CSV or it
 * cannot be read. All or nothing is written per row; the rows that pass are
 * kept even when others are refused.
 */
int
page_lead_import(struct req *r)
{
	struct csv c;
	struct import_seen *seen = NULL;
	char *buf, *f[16];
	const char *err;
	size_t len;
	int col[COL__MAX], n, rc, line, imported = 0, refused = 0;
	int nseen = 0;

	web_set(r, "Page.Title", "Import leads");
	if ((buf = import_text(r, &len, &err)) == NULL) {
		web_set(r, "Form.Error", err);
		return web_render(r, 422, "lead_import.cs");
	}
	if (!webutil_text_ok(buf, len)) {
		free(buf);
		web_set(r, "Form.Error", "The file is not UTF-8 text: save it "
		    "as CSV (UTF-8) and try again.");
		return web_render(r, 422, "lead_import.cs");
	}
	if ((seen = calloc(IMPORT_MAX_ROWS, sizeof(*seen))) == NULL) {
		free(buf);
		return web_error(r, 503, "The server is short of memory.");
	}
	/* A first pass over a copy (reading unquotes in place): the header,
	 * the rows' count and the file's syntax. A file that cannot be read
	 * whole is refused whole: nothing half-imported. */
	{
		char *copy = malloc(len + 1), msg[200];
		int header = 0, rows_in = 0, bad_line = 0;
		if (copy == NULL) {
			free(buf);
			free(seen);
			return web_error(r, 503, "The server is short of memory.");
		}
		memcpy(copy, buf, len + 1);
		csv_init(&c, copy, len);
		header_map(f, 0, col);
		for (int first = 1;; first = 0) {
			line = c.line;
			if ((rc = csv_row(&c, f, 16, &n)) == 0)
				break;
			if (rc < 0) {
				bad_line = line;
				break;
			}
			if (first && (header = header_map(f, n, col)) != 0)
				continue;
			if (!(n == 1 && *cell(f, n, 0) == '\0'))
				rows_in++;
		}
		free(copy);
		msg[0] = '\0';
		if (bad_line)
			snprintf(msg, sizeof(msg), "Line %d: a quoted field never "
			    "ends, or text follows its closing quote. Nothing was "
			    "imported: correct the file and send it again.",
			    bad_line);
		else if (header < 0)
			snprintf(msg, sizeof(msg), "The first line names the "
			    "columns, but none of them is the phone number: call "
			    "it phone (or mobile). Nothing was imported.");
		else if (rows_in > IMPORT_MAX_ROWS)
			snprintf(msg, sizeof(msg), "The file has %d rows: import "
			    "at most 5,000 at a time. Nothing was imported.",
			    rows_in);
		else if (rows_in == 0)
			snprintf(msg, sizeof(msg), "The file has no leads in it.");
		if (msg[0] != '\0') {
			free(buf);
			free(seen);
			web_set(r, "Form.Error", msg);
			return web_render(r, 422, "lead_import.cs");
		}
		csv_init(&c, buf, len);
		if (header > 0)
			csv_row(&c, f, 16, &n);	/* past the header */
	}
	if (db_begin() != 0)
		goto dberr;
	for (;;) {
		struct phone ph;
		const char *name, *phone, *email, *why = NULL;
		char full[201];
		long long lead, conv;
		int i;

		line = c.line;
		if ((rc = csv_row(&c, f, 16, &n)) == 0)
			break;
		if (rc < 0)
			break;	/* the first pass found none */
		if (n == 1 && *cell(f, n, 0) == '\0')
			continue;	/* a blank line */
		if (col[COL_NAME] >= 0)
			sp_strlcpy(full, cell(f, n, col[COL_NAME]), sizeof(full));
		else
			snprintf(full, sizeof(full), "%.99s %.99s",
			    cell(f, n, col[COL_FIRST]), cell(f, n, col[COL_LAST]));
		trim_end(full);
		name = full;
		phone = cell(f, n, col[COL_PHONE]);
		email = cell(f, n, col[COL_EMAIL]);
		if (col[COL_PHONE] < n && col[COL_PHONE] < 16)
			trim_end(f[col[COL_PHONE]]);
		if (col[COL_EMAIL] >= 0 && col[COL_EMAIL] < n &&
		    col[COL_EMAIL] < 16)
			trim_end(f[col[COL_EMAIL]]);
		phone_classify(phone, strlen(phone), "US", &ph);
		if (*phone == '\0')
			why = "No phone number.";
		else if ((why = phone_refusal(&ph)) != NULL)
			;
		else if (*email != '\0' && !webutil_email_ok(email))
			why = "The email address is not valid.";
		else if (strlen(name) > 200)
			why = "The name is longer than 200 characters.";
		if (why == NULL) {
			for (i = 0; i < nseen; i++)
				if (strcmp(seen[i].e164, ph.e164) == 0)
					break;
			if (i < nseen) {
				static char dup[64];
				snprintf(dup, sizeof(dup), "The same number as "
				    "line %d of the file.", seen[i].line);
				why = dup;
			}
		}
		if (why == NULL) {
			rc = store_lead_create(r->s.business_id, name,
			    *email ? email : NULL, phone, ph.e164, &lead, &conv);
			if (rc < 0)
				goto dberr;
			if (rc == 0)
				why = "Already a lead of your business.";
			else if (store_lead_change(r->s.business_id, lead,
			    r->s.user_id, "imported", NULL, ph.e164) != 0)
				goto dberr;
		}
		{
			HDF *h;
			if (why != NULL) {
				h = web_item(r, "Import.Refused",
				    (unsigned)refused++);
				if (h != NULL)
					web_put(h, "Reason", why);
			} else {
				sp_strlcpy(seen[nseen].e164, ph.e164,
				    sizeof(seen[nseen].e164));
				seen[nseen++].line = line;
				h = imported < IMPORT_SHOWN ? web_item(r,
				    "Import.Done", (unsigned)imported) : NULL;
				imported++;
				if (h != NULL) {
					web_put_int(h, "Lead", lead);
					web_put_int(h, "Conversation", conv);
				}
			}
			if (h != NULL && (web_put_int(h, "Line", line) != 0 ||
			    web_put(h, "Name", name) != 0 ||
			    web_put(h, "Phone", phone) != 0 ||
			    web_put(h, "E164", ph.e164) != 0))
				goto dberr;
		}
	}
	if (db_commit() != 0)
		goto dberr;
	free(buf);
	free(seen);
	web_set_int(r, "Import.Imported", imported);
	web_set_int(r, "Import.RefusedCount", refused);
	web_set_int(r, "Import.Ran", 1);
	return web_render(r, 200, "lead_import.cs");
dberr:
	db_rollback();
	free(buf);
	free(seen);
	return web_db_error(r);
}
