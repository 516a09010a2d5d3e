/*
 * dns_packet - records of one type for a name, out of a wire answer.
 * See dns_packet.h for why the resolver needs it.
 */
#include <arpa/nameser.h>
#include <limits.h>
#include <resolv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dns_packet.h"

/* name_len - NAME's length without one trailing dot (an escaped dot,
 * "\.", is part of the last label and stays) */
static size_t name_len(const char *name)
{
	size_t n = strlen(name);

	if (n > 0 && name[n - 1] == '.' && (n < 2 || name[n - 2] != '\\'))
		n--;
	return n;
}

/* same_name - A and B name the same node (DNS names ignore case) */
static int same_name(const char *a, const char *b)
{
	size_t la = name_len(a);

	return la == name_len(b) && strncasecmp(a, b, la) == 0;
}

/* take - add the record RR to OUT, keeping the lowest TTL */
static void take(struct dns_packet_rrs *out, const ns_rr *rr)
{
	if (out->count < DNS_MAX_RR) {
		out->rr[out->count] = ns_rr_rdata(*rr);
		out->len[out->count] = (int) ns_rr_rdlen(*rr);
		out->count++;
	}
	if (ns_rr_ttl(*rr) < out->ttl)
		out->ttl = ns_rr_ttl(*rr);
}

/* cname_target - the CNAME's target into BUF; -1 if it does not fill
 * its rdata exactly */
static int cname_target(const ns_msg *msg, const ns_rr *rr, char *buf,
			size_t buflen)
{
	int used = ns_name_uncompress(ns_msg_base(*msg), ns_msg_end(*msg),
				      ns_rr_rdata(*rr), buf, buflen);

	return used < 0 || used != (int) ns_rr_rdlen(*rr) ? -1 : 0;
}

/* scan - one pass over the answer section for NAME: its RRTYPE records
 * go to OUT; a CNAME at NAME puts its target in NEXT (NEXT[0] stays NUL
 * otherwise). Returns -1 on a malformed record or two CNAMEs at NAME. */
static int scan(ns_msg *msg, const char *name, int rrtype,
		struct dns_packet_rrs *out, char *next, size_t nextlen,
		unsigned *cname_ttl)
{
	int i, n = ns_msg_count(*msg, ns_s_an);
	ns_rr rr;

	next[0] = '\0';
	for (i = 0; i < n; i++) {
		if (ns_parserr(msg, ns_s_an, i, &rr) < 0)
			return -1;
		if (ns_rr_class(rr) != ns_c_in || !same_name(ns_rr_name(rr), name))
			continue;
		if ((int) ns_rr_type(rr) == rrtype) {
			take(out, &rr);
		} else if (ns_rr_type(rr) == ns_t_cname) {
			if (next[0] != '\0'
			    || cname_target(msg, &rr, next, nextlen) < 0)
				return -1;
			*cname_ttl = ns_rr_ttl(rr);
		}
	}
	return 0;
}

/* dns_packet_records - follow QNAME through the answer section */
int dns_packet_records(const unsigned char *pkt, size_t len,
		       const char *qname, int rrtype,
		       struct dns_packet_rrs *out)
{
	char name[NS_MAXDNAME], next[NS_MAXDNAME];
	unsigned chain_ttl = UINT_MAX, cname_ttl;
	ns_msg msg;
	int hops;

	memset(out, 0, sizeof(*out));
	out->ttl = UINT_MAX;
	if (len > 65535 || ns_initparse(pkt, (int) len, &msg) < 0
	    || !ns_msg_getflag(msg, ns_f_qr)
	    || snprintf(name, sizeof(name), "%s", qname) >= (int) sizeof(name))
		return -1;
	out->rcode = ns_msg_getflag(msg, ns_f_rcode);
	for (hops = 0; hops <= DNS_PACKET_MAX_CHAIN; hops++) {
		cname_ttl = UINT_MAX;
		if (scan(&msg, name, rrtype, out, next, sizeof(next), &cname_ttl) < 0)
			return -1;
		if (out->count > 0 || next[0] == '\0') {
			if (out->count > 0 && chain_ttl < out->ttl)
				out->ttl = chain_ttl;
			if (out->count == 0)
				out->ttl = 0;
			return 0;
		}
		if (cname_ttl < chain_ttl)
			chain_ttl = cname_ttl;
		memcpy(name, next, sizeof(name));
	}
	return -1;
}
