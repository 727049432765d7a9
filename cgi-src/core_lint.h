/* core_lint.h: what in a draft text carriers are likely to filter */
#ifndef SP_CORE_LINT_H
#define SP_CORE_LINT_H

#include <stddef.h>

enum lint_severity {
	LINT_WARN,	/* the agent confirms with a second click */
	LINT_BLOCK,	/* the text cannot be sent as it is */
	LINT__MAX
};

enum lint_encoding {
	ENC_GSM7,
	ENC_UCS2,
	ENC__MAX
};

struct lint_finding {
	const char		*rule;		/* a stable id: "short_url" */
	enum lint_severity	 severity;
	size_t			 start;		/* byte span in the draft */
	size_t			 end;
	char			 message[200];	/* for staff */
};

#define LINT_MAX_FINDINGS	16

struct lint_result {
	struct lint_finding	 f[LINT_MAX_FINDINGS];
	int			 n;
	int			 blocked;	/* any finding blocks */
	enum lint_encoding	 encoding;
	unsigned		 units;		/* septets or UTF-16 units */
	unsigned		 segments;	/* what the carrier bills */
	unsigned		 chars;		/* code points */
};

struct lint_input {
	const char	*body;
	size_t		 len;
	const char	*business_name;	/* NULL: no first-message check */
	int		 first_message;	/* the first text to this lead */
};

/* The provider's hard limit on a body, in characters. */
#define LINT_MAX_CHARS	1600

void		 lint_check(const struct lint_input *in, struct lint_result *out);
const char	*lint_severity_str(enum lint_severity s);
const char	*lint_encoding_str(enum lint_encoding e);

#endif
