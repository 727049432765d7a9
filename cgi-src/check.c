/* check.c: sp-check, the core rules for operators and managers: one item a
 * line on stdin, one tab-separated verdict a line on stdout */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_lint.h"
#include "core_optout.h"
#include "core_phone.h"

#define LINE_MAX_BYTES	(64 * 1024)

static void
usage(void)
{
	fprintf(stderr,
	    "usage: sp-check phone [--region CC]     verdict, reason, E.164, "
	    "national, region, line type, can text\n"
	    "       sp-check inbound                 OPT_OUT/OPT_IN/HELP/OTHER, "
	    "keyword\n"
	    "       sp-check lint [--business NAME] [--first]\n"
	    "                                        ok/warn/block, encoding, "
	    "segments, findings\n"
	    "Reads one item per line on stdin.\n");
	exit(2);
}

/* Tabs and newlines inside a field would break the columns. */
static void
put_field(const char *s)
{
	for (; *s != '\0'; s++)
		putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void
do_phone(const char *line, size_t len, const char *region)
{
	struct phone p;

	phone_classify(line, len, region, &p);
	printf("%s\t", phone_verdict_str(p.verdict));
	put_field(phone_verdict_text(p.verdict));
	printf("\t%s\t", p.e164);
	put_field(p.national);
	printf("\t%s\t%s\t%s\n", p.region, phone_line_str(p.line),
	    phone_sms_str(p.sms));
}

static void
do_inbound(const char *line, size_t len)
{
	struct inbound_word w;

	printf("%s\t", inbound_str(inbound_classify(line, len, &w)));
	put_field(w.word);
	putchar('\n');
}

static void
do_lint(const char *line, size_t len, const char *business, int first)
{
	struct lint_input in = { line, len, business, first };
	struct lint_result r;
	int i;

	lint_check(&in, &r);
	printf("%s\t%s\t%u\t", r.blocked ? "block" : r.n > 0 ? "warn" : "ok",
	    lint_encoding_str(r.encoding), r.segments);
	for (i = 0; i < r.n; i++) {
		printf("%s%s:%s:%zu-%zu:", i ? "; " : "", r.f[i].rule,
		    lint_severity_str(r.f[i].severity), r.f[i].start,
		    r.f[i].end);
		put_field(r.f[i].message);
	}
	putchar('\n');
}

int
main(int argc, char **argv)
{
	const char *mode, *region = "US", *business = NULL;
	char *line;
	int i, first = 0;

	if (argc < 2)
		usage();
	mode = argv[1];
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--region") == 0 && i + 1 < argc)
			region = argv[++i];
		else if (strcmp(argv[i], "--business") == 0 && i + 1 < argc)
			business = argv[++i];
		else if (strcmp(argv[i], "--first") == 0)
			first = 1;
		else
			usage();
	}
	if (strcmp(mode, "phone") != 0 && strcmp(mode, "inbound") != 0 &&
	    strcmp(mode, "lint") != 0)
		usage();
	if ((line = malloc(LINE_MAX_BYTES)) == NULL)
		return 1;
	while (fgets(line, LINE_MAX_BYTES, stdin) != NULL) {
		size_t len = strcspn(line, "\n");
		if (len > 0 && line[len - 1] == '\r')
			len--;
		line[len] = '\0';
		if (mode[0] == 'p')
			do_phone(line, len, region);
		else if (mode[0] == 'i')
			do_inbound(line, len);
		else
			do_lint(line, len, business, first);
	}
	free(line);
	return 0;
}
