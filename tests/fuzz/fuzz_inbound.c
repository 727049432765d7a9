/* fuzz_inbound.c: inbound_classify on anything */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core_optout.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct inbound_word w;
	enum inbound k = inbound_classify((const char *)data, size, &w);

	if ((unsigned)k >= INBOUND__MAX || strlen(w.word) >= sizeof(w.word) ||
	    (k == INBOUND_OTHER) != (w.word[0] == '\0'))
		__builtin_trap();
	return 0;
}
