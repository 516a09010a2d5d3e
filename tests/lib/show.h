/*
 * show - test input as one printable line, for a TAP case's name.
 *
 * Hostile inputs (CR, LF, NUL, 8-bit octets) must not break the TAP
 * stream they are named in: a raw LF would start a line the driver reads
 * as output, a '#' would turn the rest of the name into a directive.
 * CR, LF and TAB are shown as \r \n \t, other controls, 8-bit octets and
 * '#' as \xNN; input too long for the line is cut and its length said.
 * For tests only.
 */
#ifndef AUTHMILTER_TEST_SHOW_H
#define AUTHMILTER_TEST_SHOW_H

#include <stddef.h>

/* show_input - S[0..LEN) rendered; a static buffer, valid until the
 * next call (one call per case name). */
const char *show_input(const char *s, size_t len);

#endif
