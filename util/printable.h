/*
 * printable - make text that came from outside (a client, a DNS record,
 * a configuration file) safe to show in a log line, a header field or a
 * terminal.
 *
 * A byte outside printable ASCII (0x20..0x7e) is replaced, never passed:
 * as '?' (one for one, so a copy in place keeps its length) or as \xhh.
 * The mode says which, and which bytes count as printable. One function
 * for every place, so that a log line, a header and an error message
 * cannot disagree about what an escape sequence becomes.
 */
#ifndef AUTHMILTER_PRINTABLE_H
#define AUTHMILTER_PRINTABLE_H

#include <stddef.h>

#include "textbuf.h"

/* Modes, or-ed together. */
#define PRINTABLE_QMARK     0        /* unprintable byte -> '?' */
#define PRINTABLE_HEX       (1 << 0) /* unprintable byte -> \xhh */
#define PRINTABLE_NOSPACE   (1 << 1) /* space is unprintable too */
#define PRINTABLE_KEEPWS    (1 << 2) /* tab and newline are printable */
#define PRINTABLE_BACKSLASH (1 << 3) /* '\\' is unprintable too, so that
                                      * every \xhh in the output is ours */
#define PRINTABLE_DOTS      (1 << 4) /* printable(): a cut copy ends "..." */

/* printable_ok - 1 when byte C stays as it is under MODE */
int printable_ok(int c, int mode);

/* printable_char - C, or '?' when MODE does not let it stay (the '?'
 * modes; for single bytes) */
int printable_char(int c, int mode);

/* printable_put - append S (N octets) to TB as MODE says */
void printable_put(struct textbuf *tb, const char *s, size_t n, int mode);

/* printable_n - S (N octets) copied into BUF (LEN octets, NUL included)
 * as MODE says: whole when it fits, else cut at a whole escape; with
 * PRINTABLE_DOTS a cut copy ends in "...", room for which is kept (so a
 * cut copy in a BUF of under 4 octets is ""). In a '?' mode BUF may be S
 * (a copy in place). Returns BUF. */
char *printable_n(const char *s, size_t n, char *buf, size_t len, int mode);

/* printable - the same for the string S; NULL is "" */
char *printable(const char *s, char *buf, size_t len, int mode);

#endif
