/*
 * fuzz_spf_eval - spf_check_mailfrom() with attacker-written records.
 *
 * The input is up to four records separated by newlines, served as TXT at
 * fuzz.example, a.fuzz.example, b.fuzz.example and c.fuzz.example (so
 * include and redirect chains between them are reachable), beside a fixed
 * zone with addresses, MX, PTR, a CNAME loop, a timeout and a SERVFAIL.
 * An odd-length input comes from an IPv6 client. Whatever the records
 * say, the evaluation must end, stay within its limits and leave the
 * outcome printable and bounded.
 */
#include <stdlib.h>
#include <string.h>

#include "policy/spf.h"
#include "tests/lib/zone.h"
#include "tests/lib/fuzzcheck.h"

/* LLVMFuzzerTestOneInput - serve the records, evaluate, check the outcome */
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

/* Generous bound on queries: 10 terms each with 1 + 10 lookups, plus
 * the records, %{p} per level and exp=. */
#define MAX_QUERIES 400

static const char *const owners[] = {
	"fuzz.example", "a.fuzz.example", "b.fuzz.example", "c.fuzz.example",
};

/* fixed_zone - what the fuzzed records can point at */
static int fixed_zone(struct zone *z)
{
	int rc = 0;

	rc |= zone_add_addr(z, "fuzz.example", "192.0.2.1");
	rc |= zone_add_addr(z, "fuzz.example", "2001:db8::1");
	rc |= zone_add_addr(z, "mx.fuzz.example", "192.0.2.2");
	rc |= zone_add_mx(z, "fuzz.example", 10, "mx.fuzz.example");
	rc |= zone_add_mx(z, "a.fuzz.example", 0, "");
	rc |= zone_add_ptr(z, "1.2.0.192.in-addr.arpa", "fuzz.example");
	rc |= zone_add_ptr(z, "1.2.0.192.in-addr.arpa", "loop.fuzz.example");
	rc |= zone_add_ptr(z, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0"
			   ".8.b.d.0.1.0.0.2.ip6.arpa", "fuzz.example");
	rc |= zone_add_cname(z, "loop.fuzz.example", "loop2.fuzz.example");
	rc |= zone_add_cname(z, "loop2.fuzz.example", "loop.fuzz.example");
	rc |= zone_add_timeout(z, "slow.fuzz.example");
	rc |= zone_add_status(z, "broken.fuzz.example", DNS_T_A, DNS_SERVFAIL);
	rc |= zone_add_txt(z, "why.fuzz.example", "%{c} %{p} %{r} %{t} %{S}",
			   24);
	return rc;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *text = (const char *) data, *end = text + size, *nl;
	struct spf_request req;
	struct spf_outcome out;
	struct dns_client dns;
	struct zone *z = zone_new();
	size_t i;

	if (z == NULL || fixed_zone(z) != 0) {
		zone_free(z);
		return 0;
	}
	for (i = 0; i < 4 && text < end; i++, text = nl + 1) {
		if ((nl = memchr(text, '\n', (size_t) (end - text))) == NULL)
			nl = end;
		zone_add_txt(z, owners[i], text, (size_t) (nl - text));
	}
	zone_client(z, &dns);
	memset(&req, 0, sizeof(req));
	netaddr_parse(size % 2 ? "2001:db8::1" : "192.0.2.1", &req.ip);
	req.sender = "user+tag@fuzz.example";
	req.helo = "mx.fuzz.example";
	req.receiver = "mx.receiver.example";
	req.default_explanation = "See %{d}";
	spf_check_mailfrom(&dns, &req, &out);
	CHECK(out.dns_terms <= SPF_MAX_DNS_TERMS + 1);
	CHECK(out.void_lookups <= SPF_MAX_VOID + 1);
	CHECK(zone_queries(z) <= MAX_QUERIES);
	CHECK(strlen(out.explanation) < sizeof(out.explanation));
	fuzz_printable(out.reason, sizeof(out.reason), 0x20);
	zone_free(z);
	return 0;
}
