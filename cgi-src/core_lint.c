/* core_lint.c: what in a draft text carriers are likely to filter */
#include <stdio.h>
#include <string.h>

#include "core_lint.h"
#include "core_text.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Carriers' filters key on shouting: at least this many letters, and this
 * share of them in capitals ("OK" or "ASAP" alone is fine). */
#define CAPS_MIN_LETTERS	12
#define CAPS_SHARE_PCT		70
/* Symbols ($ % * # @ ~ ^ | < > ...) beyond this share of the characters,
 * counted once there are a few, read as spam. */
#define SYMBOL_MIN		5
#define SYMBOL_SHARE_PCT	15
/* The same punctuation or emoji this many times in a row ("!!!"). */
#define REPEAT_RUN		3
/* More emoji than this in one text. */
#define EMOJI_MAX		3

/* Link shorteners carriers filter on sight. */
static const char *shorteners[] = {
	"bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly",
	"rebrand.ly", "cutt.ly", "tiny.cc", "rb.gy", "shorturl.at", "bl.ink",
	"t.ly", "v.gd", "shorte.st", "adf.ly", "bit.do", "lnkd.in", "db.tt",
	"qr.ae", "soo.gd", "s.id", "clck.ru", "tiny.one", "short.io", "x.co",
	"po.st", "mcaf.ee", "su.pr", "trib.al", "dlvr.it", "snip.ly",
};

static const struct {
	const char	*topic;
	const char	*words[12];
} topics[] = {
	{ "sexual content", { "sex", "sexy", "xxx", "porn", "nude", "nudes",
	    "escort", "viagra", "onlyfans", NULL } },
	{ "hate speech", { "white power", "racial purity", "hate group",
	    NULL } },
	{ "alcohol", { "beer", "wine", "vodka", "whiskey", "liquor",
	    "alcohol", "tequila", "booze", NULL } },
	{ "firearms", { "gun", "guns", "firearm", "firearms", "rifle",
	    "ammo", "ammunition", "pistol", "handgun", NULL } },
	{ "tobacco", { "cigarette", "cigarettes", "cigar", "vape", "vaping",
	    "tobacco", "nicotine", "e-cig", NULL } },
	{ "cannabis or CBD", { "cannabis", "cbd", "marijuana", "weed", "thc",
	    "dispensary", "edibles", "420", NULL } },
	{ "high-risk lending", { "payday loan", "cash advance",
	    "no credit check", "bad credit", "debt relief", "title loan",
	    "loan approval", "instant loan", NULL } },
	{ "gambling", { "casino", "betting", "poker", "slots", "jackpot",
	    "sportsbook", "lottery", "bet now", NULL } },
};

/* Phrases of mass marketing and spam that filters score. */
static const char *spam_phrases[] = {
	"act now", "limited time", "free gift", "winner", "you have been selected",
	"you've been selected", "congratulations", "click here", "buy now",
	"100% free", "risk free", "risk-free", "cash bonus", "earn money",
	"make money", "call now", "urgent", "order now", "exclusive deal",
	"guaranteed", "lowest price", "once in a lifetime", "special promotion",
	"dear customer", "dear valued customer", "to all our customers",
	"reply yes to claim", "claim your", "you won", "100% guaranteed",
	"no obligation", "apply now", "offer expires", "while supplies last",
};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c;
}

static int
alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* The longest draft the word checks read: past LINT_MAX_CHARS characters a
 * draft is refused anyway, and 4 bytes a character covers them all. */
#define WORDS_MAX_BYTES	(LINT_MAX_CHARS * 4)

/* Search for needle (lower case) in folded (s lowered, NUL-free, NUL-
 * terminated) on word boundaries: its offset, or -1. */
static long
find_word(const char *folded, const char *needle)
{
	size_t nl = strlen(needle);
	const char *p = folded;

	while ((p = strstr(p, needle)) != NULL) {
		if ((p > folded && alnum((unsigned char)p[-1]) &&
		    alnum(needle[0])) || (alnum((unsigned char)p[nl]) &&
		    alnum(needle[nl - 1]))) {
			p++;
			continue;
		}
		return (long)(p - folded);
	}
	return -1;
}

static void
add(struct lint_result *out, const char *rule, enum lint_severity sev,
    size_t start, size_t end, const char *fmt, const char *arg, unsigned n)
{
	struct lint_finding *f;

	if (sev == LINT_BLOCK)
		out->blocked = 1;
	if (out->n >= LINT_MAX_FINDINGS)
		return;
	f = &out->f[out->n++];
	f->rule = rule;
	f->severity = sev;
	f->start = start;
	f->end = end;
	/* fmt is always one of this file's literals */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(f->message, sizeof(f->message), fmt, arg ? arg : "", n);
#pragma GCC diagnostic pop
}

/* GSM 03.38: the basic set costs one septet, the extension table two;
 * anything else forces UCS-2. Returns 0 when c is not in GSM-7. */
static unsigned
gsm_septets(int32_t c)
{
	static const char basic_ascii[] =
	    "@$\n\r_ !\"#%&'()*+,-./0123456789:;<=>?"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	static const int32_t basic_other[] = {
		0xa3, 0xa5, 0xe8, 0xe9, 0xf9, 0xec, 0xf2, 0xc7, 0xd8, 0xf8,
		0xc5, 0xe5, 0x394, 0x3a6, 0x393, 0x39b, 0x3a9, 0x3a0, 0x3a8,
		0x3a3, 0x398, 0x39e, 0xc6, 0xe6, 0xdf, 0xc9, 0xa4, 0xa1, 0xc4,
		0xd6, 0xd1, 0xdc, 0xa7, 0xbf, 0xe4, 0xf6, 0xf1, 0xfc, 0xe0,
	};
	size_t i;

	if (c > 0 && c < 0x80) {
		if (strchr("^{}\\[~]|\f", (int)c) != NULL)
			return 2;
		return strchr(basic_ascii, (int)c) != NULL ? 1 : 0;
	}
	if (c == 0x20ac)	/* euro sign, extension table */
		return 2;
	for (i = 0; i < NELEM(basic_other); i++)
		if (basic_other[i] == c)
			return 1;
	return 0;
}

static int
is_emoji(int32_t c)
{
	return (c >= 0x1f000 && c <= 0x1faff) || (c >= 0x2600 && c <= 0x27bf) ||
	    (c >= 0x2b00 && c <= 0x2bff);
}

/* Counts characters, encoding and segments (160/153 GSM-7, 70/67 UCS-2). */
static void
measure(const char *s, size_t len, struct lint_result *out, size_t *ucs_at)
{
	unsigned septets = 0, utf16 = 0, chars = 0;
	size_t i = 0, at;
	int ucs2 = 0;

	*ucs_at = 0;
	while (i < len) {
		int32_t c;
		unsigned g;
		at = i;
		c = text_next(s, len, &i);
		chars++;
		if (c < 0) {
			ucs2 = 1;	/* sent as U+FFFD */
			utf16++;
			continue;
		}
		utf16 += c > 0xffff ? 2 : 1;
		g = gsm_septets(c);
		if (g == 0 && !ucs2) {
			ucs2 = 1;
			*ucs_at = at;
		}
		septets += g;
	}
	out->chars = chars;
	out->encoding = ucs2 ? ENC_UCS2 : ENC_GSM7;
	out->units = ucs2 ? utf16 : septets;
	if (out->units == 0)
		out->segments = 0;
	else if (ucs2)
		out->segments = utf16 <= 70 ? 1 : (utf16 + 66) / 67;
	else
		out->segments = septets <= 160 ? 1 : (septets + 152) / 153;
}

/* The host part of a URL-like token at s[i]: scheme optional. */
static void
check_urls(const char *s, size_t len, struct lint_result *out)
{
	size_t i = 0;

	while (i < len) {
		size_t start, end, host, hend;
		int scheme = 0, dot = 0;

		while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' ||
		    s[i] == '(' || s[i] == '"'))
			i++;
		start = i;
		while (i < len && s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
			i++;
		end = i;
		/* trailing punctuation is the sentence's, not the link's */
		while (end > start && s[end - 1] != '\0' &&
		    strchr(".,;:!?)\"'", s[end - 1]) != NULL)
			end--;
		if (end <= start)
			continue;
		host = start;
		if (end - start > 8 && strncasecmp(s + start, "https://", 8) == 0) {
			host += 8;
			scheme = 1;
		} else if (end - start > 7 &&
		    strncasecmp(s + start, "http://", 7) == 0) {
			host += 7;
			scheme = 1;
		}
		for (hend = host; hend < end && s[hend] != '/' && s[hend] != '?';
		    hend++)
			if (s[hend] == '.')
				dot = 1;
			else if (!alnum((unsigned char)s[hend]) && s[hend] != '-')
				break;
		if (!dot || (hend < end && s[hend] != '/' && s[hend] != '?'))
			continue;
		/* a host needs letters after its last dot: "3.50" is money */
		{
			size_t d = hend;
			while (d > host && s[d - 1] != '.')
				d--;
			if (d == hend || !((s[d] >= 'a' && s[d] <= 'z') ||
			    (s[d] >= 'A' && s[d] <= 'Z')) || hend - d < 2)
				continue;
		}
		if (hend - host > 4 && strncasecmp(s + host, "www.", 4) == 0)
			host += 4;
		{
			size_t k;
			int shortened = 0;
			for (k = 0; k < NELEM(shorteners); k++) {
				size_t sl = strlen(shorteners[k]);
				if (hend - host == sl &&
				    strncasecmp(s + host, shorteners[k], sl) == 0)
					shortened = 1;
			}
			if (shortened) {
				char h[64];
				size_t hl = hend - host < sizeof(h) - 1 ?
				    hend - host : sizeof(h) - 1;
				memcpy(h, s + host, hl);
				h[hl] = '\0';
				add(out, "short_url", LINT_BLOCK, start, end,
				    "Shortened link (%s): carriers filter these. "
				    "Use your website's full address.", h, 0);
			} else if (!scheme)
				add(out, "url_not_full", LINT_WARN, start, end,
				    "Write the link in full form, starting "
				    "with https://%s", "", 0);
		}
	}
}

static void
check_caps(const char *s, size_t len, struct lint_result *out)
{
	unsigned letters = 0, upper = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z') {
			letters++;
			upper++;
		} else if (c >= 'a' && c <= 'z')
			letters++;
	}
	if (letters >= CAPS_MIN_LETTERS &&
	    upper * 100 >= letters * CAPS_SHARE_PCT)
		add(out, "all_caps", LINT_WARN, 0, len,
		    "ALL CAPS text reads as shouting and is filtered as spam: "
		    "write in normal case.%s", "", 0);
}

static int
repeatable(int32_t c)
{
	return is_emoji(c) || (c > 0 && c < 0x80 && strchr("!?$*.#@~^", (int)c));
}

static void
check_symbols_and_repeats(const char *s, size_t len, struct lint_result *out)
{
	unsigned symbols = 0, chars = 0, emoji = 0, run = 0;
	int32_t prev = -2;
	size_t i = 0, at, run_start = 0;
	int reported = 0;

	while (i < len) {
		int32_t c;
		at = i;
		c = text_next(s, len, &i);
		chars++;
		if (c > 0 && c < 0x80 && strchr("$%*#@~^|<>+=_\\{}[]", (int)c))
			symbols++;
		if (is_emoji(c))
			emoji++;
		if (c == prev)
			run++;
		else {
			run = 1;
			run_start = at;
		}
		prev = c;
		/* "..." is an ellipsis; a fourth dot is a repeat */
		if (!reported && repeatable(c) &&
		    run >= (unsigned)REPEAT_RUN + (c == '.')) {
			reported = 1;
			add(out, "repeated_chars", LINT_WARN, run_start, i,
			    "Repeated punctuation or emoji (like \"!!!\") "
			    "looks like spam.%s", "", 0);
		}
	}
	if (symbols >= SYMBOL_MIN && symbols * 100 > chars * SYMBOL_SHARE_PCT)
		add(out, "special_chars", LINT_WARN, 0, len,
		    "Too many special characters (%s%u): carriers filter "
		    "texts that look like this.", "", symbols);
	if (emoji > EMOJI_MAX)
		add(out, "emoji", LINT_WARN, 0, len,
		    "Too many emoji (%s%u): keep it conversational.", "", emoji);
}

static void
check_words(const char *s, size_t len, struct lint_result *out)
{
	char folded[WORDS_MAX_BYTES + 1];
	size_t t, w, i, n = len < WORDS_MAX_BYTES ? len : WORDS_MAX_BYTES;
	long at;

	for (i = 0; i < n; i++)
		folded[i] = s[i] == '\0' ? ' ' : (char)lower((unsigned char)s[i]);
	folded[n] = '\0';
	for (t = 0; t < NELEM(topics); t++) {
		for (w = 0; w < NELEM(topics[t].words) && topics[t].words[w];
		    w++) {
			at = find_word(folded, topics[t].words[w]);
			if (at < 0)
				continue;
			add(out, "restricted_topic", LINT_WARN, (size_t)at,
			    (size_t)at + strlen(topics[t].words[w]),
			    "Restricted topic (%s): carriers filter it unless "
			    "your registration covers it.", topics[t].topic, 0);
			break;
		}
	}
	for (w = 0; w < NELEM(spam_phrases); w++) {
		at = find_word(folded, spam_phrases[w]);
		if (at < 0)
			continue;
		add(out, "spam_phrase", LINT_WARN, (size_t)at,
		    (size_t)at + strlen(spam_phrases[w]),
		    "\"%s\" sounds like mass marketing: keep it personal.",
		    spam_phrases[w], 0);
	}
}

static int
contains_ci(const char *s, size_t len, const char *needle)
{
	size_t nl = strlen(needle), i, k;

	for (i = 0; nl > 0 && i + nl <= len; i++) {
		for (k = 0; k < nl; k++)
			if (lower((unsigned char)s[i + k]) !=
			    lower((unsigned char)needle[k]))
				break;
		if (k == nl)
			return 1;
	}
	return 0;
}

/* The draft is not NUL-terminated: no str* function may read it. */
static int
blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

void
lint_check(const struct lint_input *in, struct lint_result *out)
{
	const char *s = in->body ? in->body : "";
	size_t len = in->body ? in->len : 0;
	size_t ucs_at;
	char seg[16];

	memset(out, 0, sizeof(*out));
	measure(s, len, out, &ucs_at);
	if (out->chars == 0 || blank(s, len)) {
		add(out, "empty", LINT_BLOCK, 0, len,
		    "Write a message first.%s", "", 0);
		return;
	}
	if (!text_utf8_valid(s, len) || memchr(s, '\0', len) != NULL)
		add(out, "invalid_text", LINT_BLOCK, 0, len,
		    "The text has bytes that are not valid characters.%s", "",
		    0);
	if (out->chars > LINT_MAX_CHARS) {
		add(out, "too_long", LINT_BLOCK, 0, len,
		    "Too long: %s%u characters; the limit is 1600.", "",
		    out->chars);
	}
	check_urls(s, len, out);
	check_caps(s, len, out);
	check_symbols_and_repeats(s, len, out);
	check_words(s, len, out);
	if (in->first_message && in->business_name != NULL &&
	    in->business_name[0] != '\0' &&
	    !contains_ci(s, len, in->business_name))
		add(out, "no_business_name", LINT_WARN, 0, 0,
		    "Say who is writing: a first message should include your "
		    "business name (%s).", in->business_name, 0);
	if (out->encoding == ENC_UCS2) {
		snprintf(seg, sizeof(seg), "%u", out->segments);
		add(out, "ucs2", LINT_WARN, ucs_at, ucs_at,
		    "A character here (emoji or accent) switches the text to "
		    "UCS-2: 70 characters a segment, %s segment(s) in all.",
		    seg, 0);
	}
}

const char *
lint_severity_str(enum lint_severity s)
{
	return s == LINT_BLOCK ? "block" : "warn";
}

const char *
lint_encoding_str(enum lint_encoding e)
{
	return e == ENC_UCS2 ? "UCS-2" : "GSM-7";
}
