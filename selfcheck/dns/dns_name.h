/*
 * dns_name - domain-name helpers of the dns group: building query names
 * (SEL._domainkey.DOMAIN, _dmarc.DOMAIN), climbing to parents, the
 * "organizational domain" the way the issue keeps it simple (the last
 * two labels), and which answer statuses mean "could not check".
 *
 * Names are ASCII, compared without case; every output is bounded by
 * the caller's buffer and checked with dns_name_valid().
 */
#ifndef AUTHMILTER_SC_DNS_NAME_H
#define AUTHMILTER_SC_DNS_NAME_H

#include <stddef.h>

#include "policy/dns.h"

/* Room for any name dns_name_valid() accepts, and its NUL. */
#define SC_DNS_NAME_SIZE 256

/* sc_dns_name_norm - NAME lowercased, one trailing dot dropped, into OUT
 * (OUTLEN octets); 0, or -1 if it is not a valid name or does not fit. */
int sc_dns_name_norm(const char *name, char *out, size_t outlen);

/* sc_dns_name_join - "LEFT.RIGHT" into OUT; 0, or -1 if the result does
 * not fit or is not a valid name (too long, empty label). */
int sc_dns_name_join(char *out, size_t outlen, const char *left,
		     const char *right);

/* sc_dns_name_parent - NAME without its first label, or NULL if NAME
 * has only one label. */
const char *sc_dns_name_parent(const char *name);

/* sc_dns_name_labels - how many labels NAME has. */
int sc_dns_name_labels(const char *name);

/* sc_dns_name_org - the last two labels of NAME into OUT (all of NAME
 * if it has fewer), lowercased; cut to OUTLEN. */
void sc_dns_name_org(const char *name, char *out, size_t outlen);

/* sc_dns_name_is_address - 1 if NAME is an IPv4 or IPv6 address, bare
 * or in brackets (an MX that names an address literal). */
int sc_dns_name_is_address(const char *name);

/* sc_dns_failed - 1 for the statuses that leave a check undecided: a
 * timeout, SERVFAIL, or a name that could not be asked at all. */
int sc_dns_failed(enum dns_status st);

#endif
