/*
 * fuzzcheck - the checks the fuzz harnesses share: a property that does
 * not hold traps (__builtin_trap), so libFuzzer and the corpus replays
 * (tests/fuzz/standalone.c) both stop at the input that broke it.
 *
 * For tests/fuzz only; `make fuzz` compiles fuzzcheck.c into every
 * harness, `make check` links it from libtestsupport.a.
 */
#ifndef AUTHMILTER_TEST_FUZZCHECK_H
#define AUTHMILTER_TEST_FUZZCHECK_H

#include <stddef.h>

/* fuzz_printable - trap unless S is NUL-terminated within MAX octets and
 * every octet before the NUL lies in LOW..'~' (0x20 for text a person
 * reads, 0x21 for a token that may hold no space). */
void fuzz_printable(const char *s, size_t max, unsigned char low);

#endif
