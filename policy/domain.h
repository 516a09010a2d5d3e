/*
 * domain - the one form in which authmilter judges a domain: the A-label
 * host name (RFC 5890), lowercase, no trailing dot.
 *
 * A mail client shows the From domain as the author wrote it: U-labels,
 * fullwidth letters, an ideographic full stop as the dot. DNS and
 * alignment need the A-label, and RFC 8616 section 6 says to convert
 * before the DMARC lookup. A name that has no A-label form, or that a
 * reader would see as another name, is no domain at all, so that DMARC
 * can never judge one name while the reader sees another. The From
 * domain, SPF's MAIL FROM and HELO identities and DKIM's d= all pass
 * through here, so alignment compares like with like.
 *
 * The rules, in order:
 *  - An all-ASCII name with no "xn--" label is read by RFC 5321's
 *    grammar: labels of letters, digits and inner hyphens, 1 to 63
 *    octets each, 253 in all. Nothing else: "_", "=", "?", a leading or
 *    trailing hyphen, an empty label are refusals, not mappings.
 *  - Otherwise the name is UTF-8 with the same ASCII rule for its ASCII
 *    characters, holds no default-ignorable code point (U+00AD soft
 *    hyphen, zero-width characters, U+034F: invisible, so a reader sees
 *    another name), and is converted by libidn2 with UTS-46
 *    non-transitional processing (fullwidth forms and U+3002 fold to
 *    ASCII); an "xn--" label must be valid punycode. The result is held
 *    to the ASCII rule again.
 * Pure functions; any thread may call them (libidn2 keeps no state).
 */
#ifndef AUTHMILTER_DOMAIN_H
#define AUTHMILTER_DOMAIN_H

#include <stddef.h>

#define DOMAIN_MAX 253               /* octets, without the root dot */
#define DOMAIN_MAX_INPUT 1024        /* longer input is refused unread */

/* domain_is_ascii - no octet of NAME is 0x80 or above */
int domain_is_ascii(const char *name);

/* domain_alabel - NAME (LEN octets, one trailing dot allowed) as an
 * A-label host name into OUT (DOMAIN_MAX + 1 octets). Returns 0, or -1
 * with *WHY (a static string for people) saying what is wrong. */
int domain_alabel(const char *name, size_t len, char *out, const char **why);

#endif
