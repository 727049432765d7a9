/* fuzz_phone.c: phone_classify on anything */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core_phone.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct phone p;

	phone_classify((const char *)data, size, "US", &p);
	/* the answer is always terminated and consistent */
	if (strlen(p.e164) >= sizeof(p.e164) ||
	    (p.verdict == PHONE_VALID && p.e164[0] != '+'))
		__builtin_trap();
	phone_classify((const char *)data, size, "GB", &p);
	return 0;
}
