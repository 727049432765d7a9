/* store_settings.h: a business's profile, carrier registration, sending
 * numbers, quiet hours, team and the audit log of changes to them */
#ifndef SP_STORE_SETTINGS_H
#define SP_STORE_SETTINGS_H

struct db_res;

enum {
	BZ_NAME, BZ_WEBSITE, BZ_SUPPORT, BZ_TZ, BZ_HELP, BZ_QUIET_START,
	BZ_QUIET_END, BZ_REGISTRATION, BZ__COLS
};
int	 store_business_get(struct db_res *res, unsigned business_id);
int	 store_business_profile(unsigned business_id, const char *name,
	    const char *website, const char *support, const char *tz,
	    const char *help);
/* Sets the window and lets texts held for quiet hours be looked at again
 * now (the new window may already be open). */
int	 store_business_quiet(unsigned business_id, int start_min, int end_min);

enum {
	RG_LEGAL, RG_EIN, RG_VERTICAL, RG_USE_CASE, RG_SAMPLES, RG_OPTIN,
	RG_REJECTION, RG_SUBMITTED_MS, RG__COLS
};
int	 store_registration_get(struct db_res *res, unsigned business_id);
/* Saves the record; submit moves the status to pending. */
int	 store_registration_save(unsigned business_id, const char *legal,
	    const char *ein, const char *vertical, const char *use_case,
	    const char *samples, const char *optin, int submit);
/* The carrier's answer (sp-admin): approved, or rejected with a reason. */
int	 store_registration_result(unsigned business_id, const char *status,
	    const char *reason);

enum {
	NB_ID, NB_E164, NB_LABEL, NB_PER_MINUTE, NB_DAILY, NB_PAUSED,
	NB_TODAY, NB_WAITING, NB__COLS
};
/* The business's numbers (not removed), with today's outbound texts (since
 * today_ms, midnight in the business's zone) and the texts waiting. */
int	 store_numbers(struct db_res *res, unsigned business_id,
	    long long today_ms);
/* 1 the number is the business's (and not removed), 0 not, -1. */
int	 store_number_owned(unsigned business_id, long long id);
/* 1 added, 0 the number is taken (by any business), -1. */
int	 store_number_add(unsigned business_id, const char *e164,
	    const char *label, int per_minute, int daily);
/* 1 changed, 0 no such number of the business, -1. */
int	 store_number_update(unsigned business_id, long long id,
	    const char *label, int per_minute, int daily);
int	 store_number_pause(unsigned business_id, long long id, int paused);
/* 1 removed, 0 not the business's, 2 texts still wait on it, -1. */
int	 store_number_remove(unsigned business_id, long long id);

/* 1 added (*id), 0 the email has an account, -1. */
int	 store_user_add(unsigned business_id, const char *email,
	    const char *name, const char *role, const char *hash,
	    long long *id);
/* A member of the business: name, email, role, active (no row when not
 * ours). 0 or -1. */
int	 store_user_get(struct db_res *res, unsigned business_id, long long id);
/* A member's name, email and role: 1, 0 when the email has an account
 * already, -1 on error. */
int	 store_user_update(unsigned business_id, long long id,
	    const char *name, const char *email, const char *role);
/* Deactivating ends the user's sessions at once. */
int	 store_user_active(unsigned business_id, long long id, int active);
/* A new password ends the user's sessions. */
int	 store_user_password(unsigned business_id, long long id,
	    const char *hash);

int	 store_audit_add(unsigned business_id, unsigned user_id,
	    const char *area, const char *action, const char *detail);
enum { AU_AREA, AU_ACTION, AU_DETAIL, AU_BY, AU_AT_MS, AU__COLS };
int	 store_audit(struct db_res *res, unsigned business_id,
	    long long before_id, int limit);

#endif
