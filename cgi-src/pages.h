/* pages.h: every handler the route table names, one file per URL area */
#ifndef SP_PAGES_H
#define SP_PAGES_H

#include "web.h"

/* page_login.c */
int	 page_login_form(struct req *);
int	 page_login_submit(struct req *);
int	 page_logout(struct req *);
/* page_account.c */
int	 page_account(struct req *);
int	 page_account_password(struct req *);
int	 page_account_sessions(struct req *);
/* A new password from field: NULL, or why it will not do. */
const char *page_password_read(struct req *, const char *field,
	    const char **pw);
/* page_conversations.c */
int	 page_conversations_index(struct req *);
int	 page_conversation_show(struct req *);
int	 page_conversation_poll(struct req *);
/* The thread's page data (0), or the status to answer with. */
int	 thread_fill(struct req *, long long conversation_id, long long before);
int	 thread_error(struct req *, int status);
/* page_leads.c */
int	 page_lead_new(struct req *);
int	 page_lead_create(struct req *);
int	 page_lead_show(struct req *);
int	 page_lead_update(struct req *);
int	 page_lead_spam(struct req *);
int	 page_lead_import_form(struct req *);
int	 page_lead_import(struct req *);
/* page_templates.c */
int	 page_templates_index(struct req *);
int	 page_template_create(struct req *);
int	 page_template_show(struct req *);
int	 page_template_update(struct req *);
int	 page_template_delete(struct req *);
int	 page_conversation_templates(struct req *);
/* page_tickets.c */
int	 page_tickets_index(struct req *);
int	 page_ticket_new(struct req *);
int	 page_ticket_create(struct req *);
int	 page_ticket_show(struct req *);
int	 page_ticket_reply(struct req *);
int	 page_ticket_status(struct req *);
/* page_dashboard.c */
int	 page_dashboard(struct req *);
int	 page_dashboard_messages(struct req *);
int	 page_dashboard_csv(struct req *);
int	 page_dashboard_alerts(struct req *);
/* The last hour's delivery warning as Warning.* (managers' pages). */
int	 dashboard_warning(struct req *);
/* page_settings.c */
int	 page_settings(struct req *);
int	 page_settings_profile(struct req *);
int	 page_settings_quiet(struct req *);
int	 page_settings_registration(struct req *);
int	 page_settings_registration_save(struct req *);
int	 page_settings_numbers(struct req *);
int	 page_settings_number_add(struct req *);
int	 page_settings_number_update(struct req *);
int	 page_settings_number_pause(struct req *);
int	 page_settings_number_remove(struct req *);
int	 page_settings_team(struct req *);
int	 page_settings_team_add(struct req *);
int	 page_settings_member(struct req *);
int	 page_settings_member_save(struct req *);
int	 page_settings_team_active(struct req *);
int	 page_settings_team_password(struct req *);
int	 page_settings_audit(struct req *);
/* page_compose.c */
int	 page_compose_send(struct req *);
int	 page_compose_lint(struct req *);
/* page_message.c */
int	 page_message_show(struct req *);
/* hook_inbound.c */
int	 hook_inbound(struct req *);
/* page_optouts.c */
int	 page_optout_record(struct req *);
int	 page_optouts_index(struct req *);
int	 page_optouts_csv(struct req *);
int	 page_optout_history(struct req *);
/* hook_status.c */
int	 hook_status(struct req *);
struct form_pair;
/* Checks the provider's signature over the body; 1 with the decoded
 * parameters in pairs (*n of them), else 0. */
int	 hook_verify(struct req *, struct form_pair *pairs, int *n);
const char *hook_param(const struct form_pair *pairs, int n,
	    const char *name);
/* page_misc.c */
int	 page_home(struct req *);
int	 page_ping(struct req *);
int	 page_error_code(struct req *);

#endif
