/*
 * dns_packet - the records of one type that answer a name, read from a
 * DNS answer packet in wire format (libresolv's ns_parserr does the
 * framing and name decompression; every length is bounded by it).
 *
 * Why: libunbound 1.17 reports SERVFAIL for an answer holding a TXT
 * record with no string at all (rdlength 0: RFC 1035 forbids it, the
 * RFC 7208 suite's null-text publishes it beside the real SPF record),
 * because copying an empty rdata out fails in its result code, although
 * the answer packet it hands over beside the result is whole. resolver.c
 * then reads the records from that packet. Only the answer section
 * counts, class IN; the owner must be the asked name or the target of a
 * CNAME reached from it in that section (at most DNS_PACKET_MAX_CHAIN
 * hops), so nothing but what libunbound itself would have returned is
 * taken. Pure functions, any thread.
 */
#ifndef AUTHMILTER_DNS_PACKET_H
#define AUTHMILTER_DNS_PACKET_H

#include <stddef.h>

#include "dns.h"

#define DNS_PACKET_MAX_CHAIN 8

struct dns_packet_rrs {
	int rcode;                          /* of the packet's header */
	size_t count;                       /* records found (<= DNS_MAX_RR) */
	const unsigned char *rr[DNS_MAX_RR];/* their rdata, inside the packet */
	int len[DNS_MAX_RR];
	unsigned ttl;                       /* lowest TTL of them and of the
	                                     * CNAMEs followed to them */
};

/* dns_packet_records - the RRTYPE records for QNAME (any case, trailing
 * dot or not) in the answer packet PKT (LEN octets). Returns 0, or -1 if
 * the packet is malformed, is not a response, or a CNAME chain loops or
 * runs past DNS_PACKET_MAX_CHAIN. Records past DNS_MAX_RR are left out,
 * as resolver.c caps any answer. */
int dns_packet_records(const unsigned char *pkt, size_t len,
		       const char *qname, int rrtype,
		       struct dns_packet_rrs *out);

#endif
