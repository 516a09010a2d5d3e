/*
 * test_dns_cache - the answer cache in front of libunbound: what it keeps,
 * for how long, what it refuses to keep (DNS trouble must always be asked
 * again), and that hostile input cannot make it grow past its bounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns_cache.h"
#include "tests/lib/tap.h"

static struct dns_cache_answer *txt_answer(int rcode, const char *txt)
{
	char *rr[1];
	int len[1];

	rr[0] = (char *) txt;
	len[0] = (int) strlen(txt);
	return dns_cache_answer_new(rcode, txt != NULL && *txt, 0, *txt ? 1 : 0, rr, len,
				    "PACKET", 6);
}

/* rr0 - the first record of A as a string, or "(none)" */
static const char *rr0(const struct dns_cache_answer *a, char *buf, size_t n)
{
	size_t len;
	const unsigned char *p;

	if (a == NULL || a->nrr == 0)
		return "(none)";
	p = dns_cache_answer_rr(a, 0, &len);
	snprintf(buf, n, "%.*s", (int) len, (const char *) p);
	return buf;
}

static void roundtrip(struct dns_cache *c)
{
	struct dns_cache_answer *a = txt_answer(0, "v=spf1 -all"), *g;
	char buf[64];
	size_t plen;
	const unsigned char *pk;

	dns_cache_put(c, "Example.ORG.", 16, a, 300, 1000);
	g = dns_cache_get(c, "example.org", 16, 1000);
	is_str(rr0(g, buf, sizeof(buf)), "v=spf1 -all", "kept: same record back, any case, trailing dot or not");
	pk = g ? dns_cache_answer_packet(g, &plen) : NULL;
	ok(pk != NULL && plen == 6 && memcmp(pk, "PACKET", 6) == 0, "  and the answer packet");
	ok(g != NULL && g != a, "  a copy, the caller's to free");
	free(g);
	ok(dns_cache_get(c, "example.org", 1, 1000) == NULL, "another type is another question");
	ok(dns_cache_get(c, "www.example.org", 16, 1000) == NULL, "another name likewise");
	free(g = dns_cache_get(c, "example.org", 16, 1299));
	ok(g != NULL, "fresh one second before the TTL runs out");
	ok(dns_cache_get(c, "example.org", 16, 1300) == NULL, "gone when the TTL has run out");
	free(a);
}

static void refused(struct dns_cache *c)
{
	struct dns_cache_answer *a;
	char big[DNS_CACHE_MAX_ENTRY + 1];

	a = txt_answer(2, "x");
	dns_cache_put(c, "servfail.example", 16, a, 300, 0);
	ok(dns_cache_get(c, "servfail.example", 16, 1) == NULL, "SERVFAIL is never kept");
	free(a);
	a = txt_answer(5, "x");
	dns_cache_put(c, "refused.example", 16, a, 300, 0);
	ok(dns_cache_get(c, "refused.example", 16, 1) == NULL, "REFUSED is never kept");
	free(a);
	a = txt_answer(0, "x");
	a->bogus = 1;
	dns_cache_put(c, "bogus.example", 16, a, 300, 0);
	ok(dns_cache_get(c, "bogus.example", 16, 1) == NULL, "a DNSSEC-bogus answer is never kept");
	free(a);
	a = txt_answer(0, "x");
	dns_cache_put(c, "ttl0.example", 16, a, 0, 0);
	ok(dns_cache_get(c, "ttl0.example", 16, 0) == NULL, "TTL 0 means not kept");
	free(a);
	a = txt_answer(3, "");
	dns_cache_put(c, "nx.example", 16, a, 60, 0);
	free(a);
	ok((a = dns_cache_get(c, "nx.example", 16, 1)) != NULL && a->rcode == 3,
	   "NXDOMAIN is kept (with its TTL)");
	free(a);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	a = txt_answer(0, big);
	dns_cache_put(c, "big.example", 16, a, 300, 0);
	ok(dns_cache_get(c, "big.example", 16, 1) == NULL, "an answer over %d octets is not kept",
	   DNS_CACHE_MAX_ENTRY);
	free(a);
	memset(big, 'a', 300);
	big[300] = '\0';
	a = txt_answer(0, "x");
	dns_cache_put(c, big, 16, a, 300, 0);
	ok(dns_cache_get(c, big, 16, 1) == NULL, "a name over 255 octets is neither kept nor asked");
	dns_cache_put(c, "", 16, a, 300, 0);
	ok(dns_cache_get(c, "", 16, 1) == NULL, "nor an empty name");
	dns_cache_put(c, "long.example", 16, a, 4000000000u, 0);
	ok(dns_cache_get(c, "long.example", 16, DNS_CACHE_MAX_TTL) == NULL,
	   "a TTL is capped at %d s", DNS_CACHE_MAX_TTL);
	free(a);
}

/* flood - a million names with answers near the entry limit: the cache
 * stays within its bytes, and keeps working */
static void flood(struct dns_cache *c)
{
	char name[64], payload[3000], buf[64];
	struct dns_cache_answer *a, *g;
	size_t most = 0;
	long i;

	memset(payload, 'p', sizeof(payload) - 1);
	payload[sizeof(payload) - 1] = '\0';
	a = txt_answer(0, payload);
	for (i = 0; i < 200000; i++) {
		snprintf(name, sizeof(name), "d%ld.flood.example", i);
		dns_cache_put(c, name, 16, a, 3600, 10);
		if (dns_cache_bytes(c) > most)
			most = dns_cache_bytes(c);
	}
	free(a);
	ok(most <= DNS_CACHE_MAX_BYTES, "200,000 answers of 3 KB: never over %u octets (most %zu)",
	   DNS_CACHE_MAX_BYTES, most);
	a = txt_answer(0, "after");
	dns_cache_put(c, "after.flood.example", 16, a, 3600, 10);
	free(a);
	g = dns_cache_get(c, "after.flood.example", 16, 11);
	is_str(rr0(g, buf, sizeof(buf)), "after", "  and a new answer still finds room (the old give way)");
	free(g);
}

int main(void)
{
	struct dns_cache *c = dns_cache_new();

	ok(c != NULL, "a cache");
	roundtrip(c);
	refused(c);
	flood(c);
	dns_cache_free(c);
	return tap_done();
}
