/*
 * array - room in a growable array: capacity doubles from a first size
 * up to a hard cap on elements, and the size in octets is checked for
 * overflow before anything is allocated.
 *
 * The caller keeps the pointer, the count and the capacity in its own
 * struct (typed, as the code reading them wants); this module only
 * decides how much to allocate and when to refuse. On any failure the
 * array is left as it was, so the caller's error path frees one thing.
 */
#ifndef AUTHMILTER_ARRAY_H
#define AUTHMILTER_ARRAY_H

#include <stddef.h>

#define ARRAY_OK      0   /* room for NEED elements */
#define ARRAY_FULL    1   /* NEED is over MAX: refused by the cap */
#define ARRAY_NOMEM (-1)  /* out of memory, or octets overflow size_t */

/* array_reserve - room for NEED elements of SIZE octets in the array
 * *ITEMSP (a pointer to the caller's element pointer) of capacity *CAP:
 * the capacity grows by doubling from FIRST, and stops at MAX. */
int array_reserve(void *itemsp, size_t *cap, size_t need, size_t size,
		  size_t first, size_t max);

/* ARRAY_RESERVE - the same, for a typed pointer P and capacity CAP */
#define ARRAY_RESERVE(p, cap, need, first, max) \
	array_reserve(&(p), &(cap), (need), sizeof(*(p)), (first), (max))

#endif
