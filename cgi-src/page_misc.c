/* page_misc.c: the home redirect, the no-op ping and nginx's error pages */
#include <stdio.h>

#include "pages.h"
#include "web.h"

/* 303 to the inbox for a business's staff, to the ticket queue for
 * SalesPartner's support staff. */
int
page_home(struct req *r)
{
	if (r->s.role & ROLES_BUSINESS)
		return web_redirect(r, "/conversations");
	return web_redirect(r, "/tickets?status=open");
}

/* 200 "ok": a route that does no work, the benchmark's floor and a health
 * check for load balancers. */
int
page_ping(struct req *r)
{
	return web_plain(r, 200, "ok\n");
}

/* nginx sends its own errors here (error_page) so that they look like
 * ours: /_error/413 for a body over the cap, and so on. */
int
page_error_code(struct req *r)
{
	switch (r->param[0]) {
	case 413:
		return web_error(r, 413, "What you sent is larger than this "
		    "site accepts. Nothing was saved.");
	case 502:
	case 503:
	case 504:
		return web_error(r, 503, "The portal is restarting or busy. "
		    "Nothing was lost; please try again in a moment.");
	default:
		return web_error(r, 404, "There is no page at this address.");
	}
}
