/*
 * array - room in a growable array; see array.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"

/* array_reserve - double until NEED fits, never past MAX */
int array_reserve(void *itemsp, size_t *cap, size_t need, size_t size,
		  size_t first, size_t max)
{
	size_t n = *cap;
	void *items, *grown;

	if (need <= n)
		return ARRAY_OK;
	if (need > max)
		return ARRAY_FULL;
	if (n == 0)
		n = first > 0 ? first : 1;
	while (n < need)
		n = n > max / 2 ? max : n * 2;
	if (n > max)
		n = max;
	if (size == 0 || n > SIZE_MAX / size)
		return ARRAY_NOMEM;
	/* *ITEMSP is a pointer of the caller's type: read and written by
	 * memcpy, which takes it for what it is */
	memcpy(&items, itemsp, sizeof(items));
	if ((grown = realloc(items, n * size)) == NULL)
		return ARRAY_NOMEM;
	memcpy(itemsp, &grown, sizeof(grown));
	*cap = n;
	return ARRAY_OK;
}
