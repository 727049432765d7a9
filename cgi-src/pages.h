/* pages.h: every handler the route table names, one file per URL area */
#ifndef SP_PAGES_H
#define SP_PAGES_H

#include "web.h"

/* page_login.c */
int	 page_login_form(struct req *);
int	 page_login_submit(struct req *);
int	 page_logout(struct req *);
/* page_conversations.c */
int	 page_conversations_index(struct req *);
int	 page_conversation_show(struct req *);
/* page_misc.c */
int	 page_home(struct req *);
int	 page_ping(struct req *);
int	 page_error_code(struct req *);

#endif
