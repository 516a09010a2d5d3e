/*
 * dnsname - domain names in text form: the syntax check (lengths, what a
 * label may hold), a lowercased copy, and "is under" between two names.
 *
 * Every check counts octets as RFC 1035 2.3.4 does: labels of 1..63
 * octets, at most 253 in all without the root dot (255 on the wire),
 * no empty label, one trailing dot allowed unless the mode refuses it.
 * What a label may hold depends on the caller (the DNS carries any
 * octet; a host name is letters, digits and hyphens; "_" appears in
 * service names), so the caller says it with a mode. Only ASCII letters
 * fold, whatever the locale. Pure functions; any thread may call.
 */
#ifndef AUTHMILTER_DNSNAME_H
#define AUTHMILTER_DNSNAME_H

#include <stddef.h>

#define DNSNAME_MAX        253  /* octets, without the root dot */
#define DNSNAME_LABEL_MAX  63

/* Modes, or-ed together; 0 is the DNS's own rule (any octet but '.'). */
#define DNSNAME_LDH        (1 << 0) /* labels: ASCII letters, digits, '-' */
#define DNSNAME_UNDERSCORE (1 << 1) /* with LDH: '_' too */
#define DNSNAME_8BIT       (1 << 2) /* with LDH: octets >= 0x80 too */
#define DNSNAME_HYPHENS    (1 << 3) /* no label starts or ends with '-' */
#define DNSNAME_NOTNUMERIC (1 << 4) /* the last label is not all digits */
#define DNSNAME_NOROOT     (1 << 5) /* a trailing dot is refused */

/* The first problem found, scanning from the left. */
enum dnsname_error {
	DNSNAME_OK = 0,
	DNSNAME_EMPTY,              /* nothing, or only the root dot */
	DNSNAME_TOOLONG,            /* over DNSNAME_MAX octets */
	DNSNAME_EMPTYLABEL,         /* ".x", "x..y", "x.." */
	DNSNAME_BADCHAR,            /* an octet the mode does not allow */
	DNSNAME_HYPHENSTART,
	DNSNAME_HYPHENEND,
	DNSNAME_LONGLABEL,          /* a label over DNSNAME_LABEL_MAX */
	DNSNAME_NUMERIC,            /* an all-digit last label */
};

/* dnsname_check - S (N octets) against MODE */
enum dnsname_error dnsname_check(const char *s, size_t n, int mode);

/* dnsname_valid - 1 when the string S passes dnsname_check (NULL: 0) */
int dnsname_valid(const char *s, int mode);

/* dnsname_lower - when S (N octets) passes MODE, its lowercase copy
 * without the root dot into OUT (OUTLEN octets, DNSNAME_MAX + 1 is
 * always enough); DNSNAME_TOOLONG if OUT is too small. OUT is not
 * written unless the result is DNSNAME_OK. */
enum dnsname_error dnsname_lower(const char *s, size_t n, int mode,
				 char *out, size_t outlen);

/* dnsname_why - the problem in words, for messages */
const char *dnsname_why(enum dnsname_error e);

/* dnsname_under - 1 if NAME is DOMAIN (DLEN octets) or below it, ASCII
 * case ignored and one trailing dot on either ignored; an empty DOMAIN
 * has nothing under it. */
int dnsname_under(const char *name, const char *domain, size_t dlen);

#endif
