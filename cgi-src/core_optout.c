/* core_optout.c: which inbound texts opt a lead out or back in */
#include <string.h>

#include "core_optout.h"
#include "core_text.h"

/* Longer texts are conversation, not requests: "please stop texting me,
 * I already bought a roof from someone else" is 70 bytes. */
#define MAX_REQUEST_LEN	200

static const char *opt_out_words[] = {
	"stop", "stopall", "stop all", "unsubscribe", "cancel", "end", "quit",
	"revoke", "optout", "opt out", "opt-out",
};
static const char *opt_in_words[] = {
	"start", "unstop", "yes", "subscribe",
};
static const char *help_words[] = {
	"help", "info",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	enum inbound	 kind;
	const char	**words;
	size_t		 n;
} keywords[] = {
	{ INBOUND_OPT_OUT, opt_out_words, NELEM(opt_out_words) },
	{ INBOUND_OPT_IN, opt_in_words, NELEM(opt_in_words) },
	{ INBOUND_HELP, help_words, NELEM(help_words) },
};

/* Whole-message requests, after the polite words are dropped. */
static const char *request_whole[] = {
	"stop it", "stop now", "stop please", "unsubscribe me", "remove me",
	"opt me out", "stop this", "no more", "leave me alone",
	"stop stop", "stop stop stop", "cancel me", "stop messages",
	"stop messaging", "stop texting", "stop texts", "stop sms",
};

/* Requests that stand anywhere in a short text. */
static const char *request_parts[] = {
	"stop texting me", "stop messaging me", "stop sending me",
	"stop contacting me", "stop calling and texting",
	"stop texting this number", "stop sending texts", "stop sending messages",
	"remove me from your list", "remove me from the list",
	"remove me from your contact", "remove me from your mailing",
	"remove me from this list", "remove my number",
	"take me off your list", "take me off the list", "take me off this list",
	"take my number off", "delete my number", "lose my number",
	"unsubscribe me", "opt me out", "do not text me", "don't text me",
	"dont text me", "do not contact me", "don't contact me",
	"dont contact me", "do not message me", "don't message me",
	"dont message me", "no more texts", "no more messages",
	"quit texting me", "quit messaging me", "never text me",
	"i want to unsubscribe", "i'd like to unsubscribe",
	"please unsubscribe", "i do not want these texts",
	"i don't want these texts", "i dont want these texts",
	"wrong number stop",
};

/* Words around a request that change nothing: "please stop texting me
 * thanks". Dropped from both ends before the whole-message match. */
static const char *fillers[] = {
	"please", "pls", "plz", "kindly", "just", "thanks", "thank you",
	"thx", "now", "anymore", "any more", "asap", "immediately", "ok",
};

/* A request turned around: "don't stop texting me". */
static const char *negations[] = {
	"don't ", "dont ", "do not ", "never ", "please don't ",
};

static int
is_word_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' ||
	    c == '-';
}

/*
 * Folds body into out: ASCII lower case, typographic apostrophes as ',
 * runs of anything else as one space, no space at the ends. Returns the
 * length, or -1 when the text is too long or not UTF-8.
 */
static int
fold(const char *body, size_t len, char *out, size_t outsz)
{
	size_t i = 0, o = 0;
	int space = 0;

	if (len > MAX_REQUEST_LEN)
		return -1;
	while (i < len) {
		int32_t c = text_next(body, len, &i);
		if (c < 0)
			return -1;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c == 0x2019 || c == 0x2018)
			c = '\'';
		if (c < 0x80 && is_word_char((int)c)) {
			if (space && o > 0) {
				if (o + 1 >= outsz)
					return -1;
				out[o++] = ' ';
			}
			space = 0;
			if (o + 1 >= outsz)
				return -1;
			out[o++] = (char)c;
		} else
			space = 1;
	}
	/* "STOP-" and "'stop'" are STOP */
	while (o > 0 && (out[o - 1] == '-' || out[o - 1] == '\''))
		o--;
	out[o] = '\0';
	i = 0;
	while (out[i] == '-' || out[i] == '\'')
		i++;
	if (i > 0)
		memmove(out, out + i, o - i + 1);
	return (int)(o - i);
}

static int
in_list(const char *s, const char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return (int)i;
	return -1;
}

/* Drops filler words from both ends of s (in place). */
static char *
trim_fillers(char *s)
{
	size_t i, n = NELEM(fillers);
	int changed = 1;

	while (changed) {
		changed = 0;
		for (i = 0; i < n; i++) {
			size_t fl = strlen(fillers[i]), sl = strlen(s);
			if (sl > fl && strncmp(s, fillers[i], fl) == 0 &&
			    s[fl] == ' ') {
				s += fl + 1;
				changed = 1;
			}
			sl = strlen(s);
			if (sl > fl && strcmp(s + sl - fl, fillers[i]) == 0 &&
			    s[sl - fl - 1] == ' ') {
				s[sl - fl - 1] = '\0';
				changed = 1;
			}
		}
	}
	return s;
}

/* Finds phrase in s on word boundaries; its offset or -1. */
static int
find_phrase(const char *s, const char *phrase)
{
	size_t pl = strlen(phrase);
	const char *p = s;

	while ((p = strstr(p, phrase)) != NULL) {
		if ((p == s || p[-1] == ' ') && (p[pl] == '\0' || p[pl] == ' '))
			return (int)(p - s);
		p++;
	}
	return -1;
}

static int
negated(const char *s, int at)
{
	size_t i, nl;

	for (i = 0; i < NELEM(negations); i++) {
		nl = strlen(negations[i]);
		if ((size_t)at >= nl && strncmp(s + at - nl, negations[i], nl) == 0)
			return 1;
	}
	return 0;
}

static enum inbound
found(struct inbound_word *out, enum inbound kind, const char *word)
{
	if (out != NULL) {
		out->kind = kind;
		strncpy(out->word, word, sizeof(out->word) - 1);
		out->word[sizeof(out->word) - 1] = '\0';
	}
	return kind;
}

enum inbound
inbound_classify(const char *body, size_t len, struct inbound_word *out)
{
	char buf[MAX_REQUEST_LEN * 2 + 2];
	char upper[48];
	char *s;
	size_t i, k;

	if (out != NULL) {
		out->kind = INBOUND_OTHER;
		out->word[0] = '\0';
	}
	if (body == NULL || fold(body, len, buf, sizeof(buf)) <= 0)
		return INBOUND_OTHER;

	/* the carriers' keywords: the whole message, named in capitals */
	for (k = 0; k < NELEM(keywords); k++) {
		if (in_list(buf, keywords[k].words, keywords[k].n) < 0)
			continue;
		for (i = 0; buf[i] != '\0' && i + 1 < sizeof(upper); i++)
			upper[i] = (char)(buf[i] >= 'a' && buf[i] <= 'z' ?
			    buf[i] - 'a' + 'A' : buf[i]);
		upper[i] = '\0';
		return found(out, keywords[k].kind, upper);
	}

	/* plain-language requests */
	s = trim_fillers(buf);
	if (in_list(s, opt_out_words, NELEM(opt_out_words)) >= 0 ||
	    in_list(s, request_whole, NELEM(request_whole)) >= 0)
		return found(out, INBOUND_OPT_OUT, s);
	for (i = 0; i < NELEM(request_parts); i++) {
		int at = find_phrase(s, request_parts[i]);
		if (at >= 0 && !negated(s, at))
			return found(out, INBOUND_OPT_OUT, request_parts[i]);
	}
	return INBOUND_OTHER;
}

const char *
inbound_str(enum inbound k)
{
	static const char *names[INBOUND__MAX] = {
		"OTHER", "OPT_OUT", "OPT_IN", "HELP",
	};

	return (unsigned)k < INBOUND__MAX ? names[k] : "OTHER";
}
