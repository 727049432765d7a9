/* bench_core.c: how long the core rules take per call (make bench) */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core_lint.h"
#include "core_optout.h"
#include "core_phone.h"

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int
main(void)
{
	static const char *numbers[] = {
		"(415) 555-2671", "+44 7911 123456", "212.736.5001",
		"+1-800-225-5288", "+33 6 12 34 56 78", "(212) 555-0123",
		"12", "+49 900 1234567",
	};
	static const char *texts[] = {
		"STOP", "please stop texting me", "I'll stop by tomorrow",
		"Sounds good, see you Thursday at 10", "START", "help",
	};
	const char *draft = "Hi Sam, this is Alex from Acme Roofing. Your "
	    "quote is ready at https://acme.example/quotes/12 - does Thursday "
	    "at 10am work for the inspection? Reply here!!";
	struct phone p;
	struct lint_result r;
	struct lint_input in = { draft, 160, "Acme Roofing", 1 };
	double t0, t;
	int i, n;
	volatile int sink = 0;

	phone_classify("4155552671", 10, "US", &p);	/* loads metadata */
	n = 20000;
	t0 = now_us();
	for (i = 0; i < n; i++) {
		const char *s = numbers[i % 8];
		phone_classify(s, strlen(s), "US", &p);
		sink += p.verdict;
	}
	t = (now_us() - t0) / n;
	printf("core: phone classification %.2f us/number (target < 30)\n", t);

	n = 200000;
	t0 = now_us();
	for (i = 0; i < n; i++) {
		lint_check(&in, &r);
		sink += r.n;
	}
	t = (now_us() - t0) / n;
	printf("core: lint %.2f us per 160-character draft (target < 20)\n", t);

	n = 2000000;
	t0 = now_us();
	for (i = 0; i < n; i++) {
		const char *s = texts[i % 6];
		sink += inbound_classify(s, strlen(s), NULL);
	}
	t = (now_us() - t0) / n;
	printf("core: inbound classification %.3f us/text (target < 2)\n", t);
	return sink == -1;
}
