/*
 * dns_rdata - decode the RDATA of one resource record into a struct dns_rr.
 *
 * The bytes come from whatever server answers for a name the sender
 * chose, so every length is checked against the end of the data before it
 * is used. Names must be uncompressed (libunbound hands rdata over that
 * way); a compression pointer, a label over 63 octets, a name over 255
 * octets, a string running past the end or trailing bytes make the record
 * malformed. Label bytes outside printable ASCII, and '.' or '\' inside a
 * label, are written as RFC 1035 escapes (\DDD, \., \\), so a NUL or a dot
 * in a label cannot turn one name into another. Pure functions: policy/
 * resolver calls them, and so may any thread.
 */
#ifndef AUTHMILTER_DNS_RDATA_H
#define AUTHMILTER_DNS_RDATA_H

#include <stddef.h>

#include "dns.h"

/* Room for the longest escaped name: 255 wire octets, each label octet
 * at most 4 characters (\DDD), plus the NUL. */
#define DNS_RDATA_NAMEBUF (4 * DNS_MAX_NAME + 1)

/* dns_rdata_decode - decode RDATA (LEN octets) of record TYPE into OUT,
 * allocating OUT->name or OUT->text. Returns 0, or -1 if the rdata is
 * malformed (a CAA tag must be letters and digits), is a TXT record
 * or a CAA value longer than DNS_MAX_TXT, the type is not one
 * dns_type names, or memory ran out; OUT is then left empty (nothing to
 * free). The root name (a null MX, RFC 7505) decodes to "". */
int dns_rdata_decode(int type, const unsigned char *rdata, size_t len,
		     struct dns_rr *out);

/* dns_rdata_name - decode the uncompressed wire name at the start of
 * WIRE (LEN octets) into BUF (BUFLEN octets, at least DNS_RDATA_NAMEBUF
 * to hold any name): lowercase, escaped, no trailing dot. Returns the
 * number of wire octets the name used, or -1 if malformed or BUF too
 * small. */
int dns_rdata_name(const unsigned char *wire, size_t len, char *buf,
		   size_t buflen);

/* dns_rr_clear - free what dns_rdata_decode allocated in RR. */
void dns_rr_clear(struct dns_rr *rr);

#endif
