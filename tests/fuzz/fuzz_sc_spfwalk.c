/*
 * fuzz_sc_spfwalk - the selfcheck SPF and DMARC analyses on a zone built
 * from the input. Each line of the input is a TXT record, served in turn
 * at example.com, a.example.com, b.example.com, c.example.com (so
 * include and redirect chains and loops between them are reachable) and
 * _dmarc.example.com, beside a fixed zone with addresses, MX, a CNAME
 * loop, a timeout and a SERVFAIL. Whatever the records say, the walk
 * must end within its query budget, and every finding must be a catalog
 * id with printable, bounded evidence.
 */
#include <string.h>

#include "selfcheck/core/catalog.h"
#include "selfcheck/dns/dns.h"
#include "tests/lib/zone.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

/* The walk's budget, the DMARC climb and the report-domain checks. */
#define MAX_QUERIES 200

static const char *const owners[] = {
	"example.com", "a.example.com", "b.example.com", "c.example.com",
	"_dmarc.example.com",
};

/* fixed_zone - what the fuzzed records can point at */
static int fixed_zone(struct zone *z)
{
	int rc = 0;

	rc |= zone_add_addr(z, "example.com", "192.0.2.1");
	rc |= zone_add_addr(z, "mx.example.com", "192.0.2.2");
	rc |= zone_add_addr(z, "v6.example.com", "2001:db8::1");
	rc |= zone_add_mx(z, "example.com", 10, "mx.example.com");
	rc |= zone_add_mx(z, "a.example.com", 0, "");
	rc |= zone_add_cname(z, "loop.example.com", "loop2.example.com");
	rc |= zone_add_cname(z, "loop2.example.com", "loop.example.com");
	rc |= zone_add_timeout(z, "slow.example.com");
	rc |= zone_add_status(z, "broken.example.com", DNS_T_TXT, DNS_SERVFAIL);
	rc |= zone_add_txt(z, "example.com._report._dmarc.example.net",
			   "v=DMARC1", 8);
	return rc;
}

/* report_sane - catalog ids, printable bounded text */
static void report_sane(const struct sc_report *r)
{
	const unsigned char *p;
	size_t i;

	CHECK(!r->nomem);
	for (i = 0; i < r->n; i++) {
		CHECK((unsigned) r->f[i].id < SC_ID_COUNT
		      && r->f[i].name == sc_catalog[r->f[i].id].name);
		CHECK(strlen(r->f[i].evidence) < SC_EVIDENCE_MAX);
		for (p = (const unsigned char *) r->f[i].evidence; *p; p++)
			CHECK((*p >= 0x20 && *p < 0x7f) || *p == '\n'
			      || *p == '\t');
	}
	for (i = 0; i < r->nu; i++)
		CHECK(strlen(r->u[i].why) < SC_EVIDENCE_MAX);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *text = (const char *) data, *end = text + size, *nl;
	struct sc_report r;
	struct dns_client dns;
	struct zone *z = zone_new();
	unsigned long before;
	size_t i;

	if (z == NULL || fixed_zone(z) != 0) {
		zone_free(z);
		return 0;
	}
	for (i = 0; i < 16 && text < end; i++, text = nl + 1) {
		if ((nl = memchr(text, '\n', (size_t) (end - text))) == NULL)
			nl = end;
		zone_add_txt(z, owners[i % 5], text, (size_t) (nl - text));
	}
	zone_client(z, &dns);
	sc_report_init(&r);
	before = zone_queries(z);
	sc_dns_spf(&dns, "example.com", &r);
	CHECK(zone_queries(z) - before <= MAX_QUERIES);
	before = zone_queries(z);
	sc_dns_dmarc(&dns, "example.com", &r);
	CHECK(zone_queries(z) - before <= MAX_QUERIES);
	report_sane(&r);
	sc_report_free(&r);
	zone_free(z);
	return 0;
}
