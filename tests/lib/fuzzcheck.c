/* fuzzcheck - checks the fuzz harnesses share; see fuzzcheck.h. */
#include <string.h>

#include "tests/lib/fuzzcheck.h"

/* fuzz_printable - bounded, terminated, printable */
void fuzz_printable(const char *s, size_t max, unsigned char low)
{
	const char *end = memchr(s, '\0', max);

	if (end == NULL)
		__builtin_trap();
	for (; s < end; s++)
		if ((unsigned char) *s < low || (unsigned char) *s > 0x7e)
			__builtin_trap();
}
