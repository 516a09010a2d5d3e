/*
 * test_array - doubling from the first size, the hard cap, and sizes
 * whose octets would overflow: refused, with the array left as it was.
 */
#include <stdint.h>
#include <stdlib.h>

#include "tests/lib/tap.h"
#include "util/array.h"

struct big {
	char octets[1024];
};

int main(void)
{
	size_t *a = NULL, cap = 0, n, grows = 0, last = 0;
	struct big *b = NULL;
	size_t bcap = 0;
	int rc = ARRAY_OK;

	/* push 100 elements one by one into an array capped at 100 */
	for (n = 0; n < 100 && rc == ARRAY_OK; n++) {
		rc = ARRAY_RESERVE(a, cap, n + 1, 8, 100);
		if (rc == ARRAY_OK) {
			a[n] = n;
			grows += cap != last;
			last = cap;
		}
	}
	is_int(rc, ARRAY_OK, "100 pushes fit under a cap of 100");
	is_int((long) cap, 100, "capacity stops at the cap, not at 128");
	is_int((long) grows, 5, "8, 16, 32, 64, 100: five allocations");
	is_int((long) a[99], 99, "the elements survive the moves");
	is_int(ARRAY_RESERVE(a, cap, 101, 8, 100), ARRAY_FULL, "the 101st is refused");
	is_int((long) cap, 100, "and the capacity is unchanged");
	is_int(ARRAY_RESERVE(a, cap, 50, 8, 100), ARRAY_OK, "room already there");
	free(a);

	/* a first size of 0 still grows; a jump to NEED in one call */
	a = NULL;
	cap = 0;
	is_int(ARRAY_RESERVE(a, cap, 1, 0, 10), ARRAY_OK, "first 0 is taken as 1");
	is_int((long) cap, 1, "capacity 1");
	is_int(ARRAY_RESERVE(a, cap, 9, 0, 10), ARRAY_OK, "need 9 at once");
	is_int((long) cap, 10, "1, 2, 4, 8, then the cap 10");
	free(a);

	/* octets that overflow size_t: refused before any allocation */
	is_int(ARRAY_RESERVE(b, bcap, SIZE_MAX / 512, 4, SIZE_MAX), ARRAY_NOMEM,
	       "count * size over SIZE_MAX is refused");
	ok(b == NULL && bcap == 0, "and the array is untouched");
	is_int(ARRAY_RESERVE(b, bcap, SIZE_MAX / 2 + 2, 4, SIZE_MAX), ARRAY_NOMEM,
	       "doubling past SIZE_MAX does not wrap");
	ok(b == NULL && bcap == 0, "still untouched");
	is_int(ARRAY_RESERVE(b, bcap, 3, 4, 2), ARRAY_FULL, "need over a small cap");
	is_int(ARRAY_RESERVE(b, bcap, 2, 4, 2), ARRAY_OK, "a first size over the cap is cut to it");
	is_int((long) bcap, 2, "capacity 2");
	free(b);
	return tap_done();
}
