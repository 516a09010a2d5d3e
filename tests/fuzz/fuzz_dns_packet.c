/*
 * fuzz_dns_packet - dns_packet_records() on an arbitrary answer packet.
 * The first byte picks the asked type (TXT, CNAME, A, MX, modulo 4), the
 * rest is the packet; the asked name is the question's, when it decodes,
 * so that the chain-following code runs. Whatever comes in, every record
 * handed back must lie inside the packet and there are at most DNS_MAX_RR.
 */
#include <arpa/nameser.h>
#include <resolv.h>
#include <stdio.h>
#include <stdlib.h>

#include "policy/dns_packet.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const int types[] = { DNS_T_TXT, DNS_T_CNAME, DNS_T_A, DNS_T_MX };

/* qname - the question's name, or a fixed one */
static void qname(const unsigned char *pkt, size_t len, char *buf, size_t buflen)
{
	if (len < 12 || dn_expand(pkt, pkt + len, pkt + 12, buf, (int) buflen) < 0)
		snprintf(buf, buflen, "example.com");
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct dns_packet_rrs out;
	char name[NS_MAXDNAME];
	size_t i;
	int type;

	if (size == 0)
		return 0;
	type = types[data[0] % (sizeof(types) / sizeof(types[0]))];
	data++;
	size--;
	qname(data, size, name, sizeof(name));
	if (dns_packet_records(data, size, name, type, &out) < 0)
		return 0;
	if (out.count > DNS_MAX_RR)
		abort();
	for (i = 0; i < out.count; i++)
		if (out.len[i] < 0 || out.rr[i] < data
		    || out.rr[i] + out.len[i] > data + size)
			abort();
	return 0;
}
