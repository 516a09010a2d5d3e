/*
 * tap - a few TAP producers for the C unit tests.
 *
 * Every test program prints "ok N - ..." / "not ok N - ..." lines and a
 * plan, so automake's TAP driver counts each case, and a program that dies
 * half way shows as a failure, not as fewer passes.
 */
#ifndef AUTHMILTER_TAP_H
#define AUTHMILTER_TAP_H

#include <stddef.h>

/* ok - one case; returns COND so callers can print details on failure. */
int tap_ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* is_str / is_int - compare and show both sides on failure. */
int tap_is_str(const char *got, const char *want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int tap_is_int(long got, long want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* diag - a "# ..." line. */
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* done - print the plan; returns the exit status (0 if all passed). */
int tap_done(void);

#define ok tap_ok
#define is_str tap_is_str
#define is_int tap_is_int
#define diag tap_diag

#endif
