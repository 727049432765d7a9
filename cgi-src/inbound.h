/* inbound.h: a text from a lead, stored once and acted on (opt-out, opt-in,
 * HELP): the webhook's and the sender's sweep's common path */
#ifndef SP_INBOUND_H
#define SP_INBOUND_H

struct inbound_text {
	const char	*sid;	/* the provider's MessageSid */
	const char	*from;	/* as the provider gave it */
	const char	*to;	/* our number, E.164 */
	const char	*body;	/* as it came (sanitized here) */
	const char	*opt;	/* the provider's OptOutType, or NULL */
	long long	 at_ms;	/* when the provider got it (unix ms) for a
				 * text found late; 0: it is arriving now */
};

/* Stores the text once per sid and applies the opt-out rules: 1 stored,
 * 0 stored before (or kept aside: no business has the number), -1 the
 * database failed (nothing stored). */
int	 inbound_receive(const struct inbound_text *t);

#endif
