/* provider.h: the SMS provider's REST API (Twilio's Messaging 2010-04-01 and
 * Lookup v2 shape) over libcurl: send, fetch, list, look up */
#ifndef SP_PROVIDER_H
#define SP_PROVIDER_H

#include <stddef.h>

struct sp_config;

enum prov_result {
	PROV_OK,	/* the provider answered and accepted */
	PROV_REFUSED,	/* the provider said no: code and message kept */
	PROV_UNKNOWN,	/* no usable answer (5xx, timeout, garbage): the
			 * request may or may not have taken effect */
	PROV_LOCAL,	/* we never sent it (bad arguments, out of memory) */
	PROV__MAX
};

struct prov_message {
	enum prov_result result;
	long		 http_status;
	int		 error_code;		/* the provider's code, or 0 */
	char		 error_message[256];	/* its words, or ours */
	char		 sid[40];
	char		 status[16];
	char		 to[20];
	char		 from[20];
	int		 num_segments;
	char		 date_created[40];
	char		 date_sent[40];
};

struct prov_lookup {
	enum prov_result result;
	long		 http_status;
	int		 error_code;
	char		 error_message[256];
	int		 valid;
	char		 phone_number[20];
	char		 type[24];		/* mobile, landline, nonFixedVoip, ... */
	char		 carrier[80];
};

struct provider;

/* A client for the configured provider; NULL on error (logged). The base
 * URLs must be https, or http on a loopback address (the simulator). */
struct provider	*provider_new(const struct sp_config *cfg);
void		 provider_free(struct provider *p);

/* One request each, on a connection the client keeps open. */
void	 provider_send(struct provider *p, const char *from, const char *to,
	    const char *body, const char *status_callback,
	    struct prov_message *out);
void	 provider_fetch(struct provider *p, const char *sid,
	    struct prov_message *out);
/* Messages to `to` from `from` sent on or after date (YYYY-MM-DD, or NULL)
 * and, when body is not NULL, with that body; newest first, at most max;
 * *n gets how many. Returns the result. */
enum prov_result provider_list(struct provider *p, const char *to,
	    const char *from, const char *date, const char *body,
	    struct prov_message *out, size_t max, size_t *n);
/* A text a lead sent to one of our numbers, as the provider's list has it. */
struct prov_received {
	char		 sid[40];
	char		 from[40];
	char		 to[20];
	char		 date_sent[40];	/* RFC 2822 */
	const char	*body;		/* valid during the call */
};
/* The texts received on `to` on or after date (YYYY-MM-DD), newest first,
 * each to fn: how texts whose webhook never got through are found. */
enum prov_result provider_list_received(struct provider *p, const char *to,
	    const char *date, void (*fn)(const struct prov_received *, void *),
	    void *ctx);
void	 provider_lookup(struct provider *p, const char *e164,
	    struct prov_lookup *out);

/* Many sends in flight at once (the curl multi interface). */
struct prov_send {
	const char		*from;
	const char		*to;
	const char		*body;
	const char		*status_callback;
	struct prov_message	 out;
	char			*form;	/* the client's, while in flight */
};
/* Sends each of reqs[0..n) with at most `parallel` in flight; fills each
 * one's out. */
void	 provider_send_many(struct provider *p, struct prov_send *reqs,
	    size_t n, int parallel);

/* Looks up numbers[0..n) with at most `parallel` in flight. */
void	 provider_lookup_many(struct provider *p, const char **numbers,
	    struct prov_lookup *out, size_t n, int parallel);

/* Exposed for tests: parse a send/fetch answer body. */
void	 provider_parse_message(long http_status, const char *body, size_t len,
	    struct prov_message *out);

#endif
