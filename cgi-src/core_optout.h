/* core_optout.h: which inbound texts opt a lead out or back in */
#ifndef SP_CORE_OPTOUT_H
#define SP_CORE_OPTOUT_H

#include <stddef.h>

enum inbound {
	INBOUND_OTHER,
	INBOUND_OPT_OUT,
	INBOUND_OPT_IN,
	INBOUND_HELP,
	INBOUND__MAX
};

/* The keyword or request that decided, for the consent ledger. */
struct inbound_word {
	enum inbound	 kind;
	char		 word[48];	/* "STOP", "stop texting me", ... */
};

/*
 * Classifies one inbound text. An opt-out is a whole message that is one of
 * the carriers' keywords (after folding case, spaces and punctuation at the
 * ends), or a plain-language request to stop texting (FCC 2025: consent may
 * be revoked by any reasonable means). A text that only contains a keyword
 * ("I'll stop by tomorrow") is not one. The article's rule that any later
 * text opts an opted-out lead back in is the caller's: this names the word.
 */
enum inbound	 inbound_classify(const char *body, size_t len,
		    struct inbound_word *out);
const char	*inbound_str(enum inbound k);

#endif
