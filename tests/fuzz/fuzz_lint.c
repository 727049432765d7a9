/* fuzz_lint.c: lint_check on anything; every span stays in the draft */
#include <stddef.h>
#include <stdint.h>

#include "core_lint.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lint_input in = { (const char *)data, size, "Acme Roofing",
	    (int)(size & 1) };
	struct lint_result r;
	int i;

	lint_check(&in, &r);
	if (r.n < 0 || r.n > LINT_MAX_FINDINGS)
		__builtin_trap();
	for (i = 0; i < r.n; i++)
		if (r.f[i].start > r.f[i].end || r.f[i].end > size)
			__builtin_trap();
	return 0;
}
