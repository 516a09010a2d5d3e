/*
 * dns_dnsbl - the server's IPv4 addresses against the DNS blocklists the
 * admin names; see dns.h.
 *
 * RFC 5782 2.1: the query is the address's octets reversed under the
 * list's zone; an A answer in 127.0.0.0/8 means listed, and the TXT
 * record at the same name says why. Spamhaus-style lists answer
 * 127.255.255.0/24 when they refuse the asker (a public resolver, a
 * quota): that is "could not check", not a listing.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "policy/netaddr.h"
#include "dns.h"
#include "dns_name.h"
#include "dns_text.h"

#define MAX_ADDRS 8

/* addresses - HOST's IPv4 addresses into OUT; how many, or -1 (said) */
static int addresses(const struct dns_client *dns, const char *host,
		     int host_is_addr, unsigned char out[][4],
		     struct sc_report *r)
{
	struct netaddr na;
	struct dns_answer a;
	size_t i;
	int n = 0;

	if (host_is_addr) {
		if (netaddr_parse(host, &na) < 0 || na.family != AF_INET) {
			sc_unrun(r, "dns.dnsbl", "%s is not an IPv4 address "
				 "(DNS blocklists list IPv4 addresses)", host);
			return -1;
		}
		memcpy(out[0], na.bytes, 4);
		return 1;
	}
	dns_lookup(dns, host, DNS_T_A, &a);
	if (a.status != DNS_OK) {
		sc_unrun(r, "dns.dnsbl", "%s A: %s", host,
			 sc_dns_failed(a.status) ? dns_status_name(a.status)
			 : "no IPv4 address to look up");
		dns_answer_free(&a);
		return -1;
	}
	for (i = 0; i < a.count && n < MAX_ADDRS; i++)
		memcpy(out[n++], a.rr[i].addr, 4);
	dns_answer_free(&a);
	return n;
}

/* reason - the list's TXT record at NAME, quoted, if it has one */
static void reason(const struct dns_client *dns, const char *name,
		   struct sc_dns_text *t)
{
	struct dns_answer a;

	dns_lookup(dns, name, DNS_T_TXT, &a);
	if (a.status == DNS_OK && a.rr[0].text != NULL) {
		sc_dns_text_add(t, ": ");
		sc_dns_text_quote(t, a.rr[0].text, a.rr[0].textlen, 300);
	}
	dns_answer_free(&a);
}

/* judge - the A answer for one address in one zone */
static void judge(const struct dns_client *dns, const char *name,
		  const char *ip, const char *zone, const struct dns_answer *a,
		  struct sc_report *r)
{
	struct sc_dns_text t;
	size_t i, listed = 0, refused = 0;
	const unsigned char *b;

	sc_dns_text_init(&t);
	sc_dns_text_add(&t, "%s is listed in %s (%s A", ip, zone, name);
	for (i = 0; i < a->count; i++) {
		b = a->rr[i].addr;
		if (b[0] != 127)
			continue;
		if (b[1] == 255 && b[2] == 255) {
			refused++;
			continue;
		}
		sc_dns_text_add(&t, " %u.%u.%u.%u", b[0], b[1], b[2], b[3]);
		listed++;
	}
	sc_dns_text_add(&t, ")");
	if (listed > 0) {
		reason(dns, name, &t);
		sc_found(r, SC_ID_DNSBL_LISTED, "%s", t.s);
	} else if (refused > 0) {
		sc_unrun(r, "dns.dnsbl",
			 "%s refused the query (127.255.255.x): ask it "
			 "through a resolver of your own", zone);
	} else {
		sc_unrun(r, "dns.dnsbl", "%s answered %s outside 127.0.0.0/8: "
			 "not a DNSBL answer", zone, name);
	}
}

/* one - one address in one zone */
static void one(const struct dns_client *dns, const unsigned char *b,
		const char *zone, struct sc_report *r)
{
	char name[SC_DNS_NAME_SIZE], ip[20];
	struct dns_answer a;

	snprintf(ip, sizeof(ip), "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	if (snprintf(name, sizeof(name), "%u.%u.%u.%u.%s", b[3], b[2], b[1],
		     b[0], zone) >= (int) sizeof(name)
	    || !dns_name_valid(name)) {
		sc_unrun(r, "dns.dnsbl", "%s: zone name too long to ask", zone);
		return;
	}
	dns_lookup(dns, name, DNS_T_A, &a);
	if (sc_dns_failed(a.status))
		sc_unrun(r, "dns.dnsbl", "%s A: %s", name,
			 dns_status_name(a.status));
	else if (a.status == DNS_OK)
		judge(dns, name, ip, zone, &a, r);
	dns_answer_free(&a);
}

/* sc_dns_dnsbl - every address in every zone */
void sc_dns_dnsbl(const struct dns_client *dns, const char *host,
		  int host_is_addr, const char *const *zones, size_t n,
		  struct sc_report *r)
{
	unsigned char addr[MAX_ADDRS][4];
	char zone[SC_DNS_NAME_SIZE];
	size_t z;
	int i, naddr;

	if (n == 0)
		return;
	if ((naddr = addresses(dns, host, host_is_addr, addr, r)) < 0)
		return;
	for (z = 0; z < n; z++) {
		if (sc_dns_name_norm(zones[z], zone, sizeof(zone)) < 0) {
			sc_unrun(r, "dns.dnsbl", "%.64s: not a zone name",
				 zones[z]);
			continue;
		}
		for (i = 0; i < naddr; i++)
			one(dns, addr[i], zone, r);
	}
}
