/*
 * test_dns_mx - the MX analysis against zones built here: each mx.* id
 * from a zone that should raise it and from one that should not, a CNAME
 * loop at the exchange, 64 MX records, and timeouts and SERVFAIL, which
 * must leave the check unrun rather than report anything.
 */
#include <stdio.h>
#include <string.h>

#include "selfcheck/dns/dns.h"
#include "tests/selfcheck/test_dns_util.h"
#include "tests/lib/tap.h"

#define D "example.com"

/* run - the MX analysis of D on the current zone */
static void run(void)
{
	sc_dns_mx(&T.dns, D, &T.r);
}

/* two_hosts - MX 10 and 20 with addresses, covered by SPF */
static void two_hosts(void)
{
	tdu_mx(D, 10, "mx1.example.com");
	tdu_mx(D, 20, "mx2.example.com");
	tdu_addr("mx1.example.com", "192.0.2.10");
	tdu_addr("mx2.example.com", "192.0.2.20");
	tdu_txt(D, "v=spf1 mx -all");
}

static void test_clean(void)
{
	tdu_begin();
	two_hosts();
	run();
	is_int((long) tdu_nfindings(), 0, "clean MX set: no finding");
	tdu_unrun("", 0, "clean MX set");
	if (tdu_nfindings() != 0)
		tdu_dump();
	tdu_end();
}

static void test_missing(void)
{
	tdu_begin();
	tdu_addr(D, "192.0.2.1");
	tdu_txt(D, "v=spf1 a -all");
	run();
	tdu_expect(SC_ID_MX_MISSING, 1, "no MX, an A record");
	tdu_evidence_has(SC_ID_MX_MISSING, "192.0.2.1", "no MX");
	tdu_expect(SC_ID_MX_SINGLE, 0, "no MX");
	tdu_end();

	tdu_begin();
	run();
	tdu_expect(SC_ID_MX_MISSING, 1, "domain does not exist");
	tdu_evidence_has(SC_ID_MX_MISSING, "NXDOMAIN", "domain does not exist");
	tdu_end();

	tdu_begin();
	tdu_txt(D, "v=spf1 -all");
	run();
	tdu_evidence_has(SC_ID_MX_MISSING, "cannot receive mail", "no MX, no A");
	tdu_end();
}

static void test_null(void)
{
	const struct sc_finding *f;

	tdu_begin();
	tdu_mx(D, 0, "");
	run();
	tdu_expect(SC_ID_MX_NULL, 1, "null MX");
	f = tdu_find(SC_ID_MX_NULL);
	is_str(f ? sc_severity_name(f->severity) : "-", "info", "mx.null is info");
	tdu_expect(SC_ID_MX_SINGLE, 0, "null MX");
	tdu_expect(SC_ID_MX_UNRESOLVABLE, 0, "null MX");
	tdu_expect(SC_ID_MX_MISSING, 0, "null MX");
	tdu_end();

	tdu_begin();
	two_hosts();
	run();
	tdu_expect(SC_ID_MX_NULL, 0, "two real MX");
	tdu_end();
}

static void test_ip_literal(void)
{
	tdu_begin();
	tdu_mx(D, 10, "192.0.2.5");
	tdu_mx(D, 20, "mx2.example.com");
	tdu_addr("mx2.example.com", "192.0.2.20");
	tdu_txt(D, "v=spf1 mx -all");
	run();
	tdu_expect(SC_ID_MX_IP_LITERAL, 1, "MX names 192.0.2.5");
	tdu_evidence_has(SC_ID_MX_IP_LITERAL, "192.0.2.5", "MX names an address");
	tdu_expect(SC_ID_MX_UNRESOLVABLE, 0, "MX names an address");
	tdu_end();

	tdu_begin();
	two_hosts();
	run();
	tdu_expect(SC_ID_MX_IP_LITERAL, 0, "MX names hosts");
	tdu_end();
}

static void test_cname(void)
{
	tdu_begin();
	tdu_mx(D, 10, "mail.example.com");
	tdu_mx(D, 20, "mx2.example.com");
	tdu_cname("mail.example.com", "real.example.net");
	tdu_addr("real.example.net", "192.0.2.30");
	tdu_addr("mx2.example.com", "192.0.2.20");
	tdu_txt(D, "v=spf1 mx -all");
	run();
	tdu_expect(SC_ID_MX_CNAME_TARGET, 1, "MX is an alias");
	tdu_evidence_has(SC_ID_MX_CNAME_TARGET, "real.example.net", "MX is an alias");
	tdu_expect(SC_ID_MX_UNRESOLVABLE, 0, "MX is an alias that resolves");
	tdu_expect(SC_ID_MX_NOT_IN_SPF, 0, "alias covered by mx");
	tdu_end();

	tdu_begin();
	two_hosts();
	run();
	tdu_expect(SC_ID_MX_CNAME_TARGET, 0, "MX hosts are canonical");
	tdu_end();
}

static void test_cname_loop(void)
{
	unsigned long before;

	tdu_begin();
	tdu_mx(D, 10, "loop1.example.com");
	tdu_mx(D, 20, "mx2.example.com");
	tdu_cname("loop1.example.com", "loop2.example.com");
	tdu_cname("loop2.example.com", "loop1.example.com");
	tdu_addr("mx2.example.com", "192.0.2.20");
	/* not "mx": SPF itself would fail on the loop (temperror) */
	tdu_txt(D, "v=spf1 ip4:192.0.2.20 -all");
	before = zone_queries(T.z);
	run();
	tdu_expect(SC_ID_MX_UNRESOLVABLE, 1, "CNAME loop at the MX");
	tdu_evidence_has(SC_ID_MX_UNRESOLVABLE, "CNAME loop", "CNAME loop at the MX");
	tdu_expect(SC_ID_MX_CNAME_TARGET, 1, "CNAME loop at the MX");
	tdu_unrun("", 0, "a loop is a finding, not a failure");
	ok(zone_queries(T.z) - before < 60, "CNAME loop: %lu queries",
	   zone_queries(T.z) - before);
	tdu_end();

	tdu_begin();                    /* a chain longer than resolvers go */
	tdu_mx(D, 10, "c0.example.com");
	{
		char a[64], b[64];
		int i;

		for (i = 0; i < 12; i++) {
			snprintf(a, sizeof(a), "c%d.example.com", i);
			snprintf(b, sizeof(b), "c%d.example.com", i + 1);
			tdu_cname(a, b);
		}
	}
	run();
	tdu_evidence_has(SC_ID_MX_UNRESOLVABLE, "too long", "CNAME chain of 12");
	tdu_end();
}

static void test_unresolvable(void)
{
	tdu_begin();
	tdu_mx(D, 10, "gone.example.com");
	tdu_mx(D, 20, "mx2.example.com");
	tdu_addr("mx2.example.com", "192.0.2.20");
	tdu_txt(D, "v=spf1 mx -all");
	run();
	tdu_expect(SC_ID_MX_UNRESOLVABLE, 1, "MX host NXDOMAIN");
	tdu_evidence_has(SC_ID_MX_UNRESOLVABLE, "gone.example.com: NXDOMAIN",
			 "MX host NXDOMAIN");
	tdu_end();

	tdu_begin();
	tdu_mx(D, 10, "bare.example.com");
	tdu_txt("bare.example.com", "no address here");
	run();
	tdu_evidence_has(SC_ID_MX_UNRESOLVABLE, "no A/AAAA", "MX host without address");
	tdu_end();

	tdu_begin();
	tdu_mx(D, 10, "v6.example.com");
	tdu_addr("v6.example.com", "2001:db8::25");
	tdu_txt(D, "v=spf1 mx -all");
	run();
	tdu_expect(SC_ID_MX_UNRESOLVABLE, 0, "MX host with AAAA only");
	tdu_expect(SC_ID_MX_NOT_IN_SPF, 0, "MX host with AAAA only");
	tdu_end();
}

static void test_single_equal(void)
{
	const struct sc_finding *f;

	tdu_begin();
	tdu_mx(D, 10, "mx1.example.com");
	tdu_addr("mx1.example.com", "192.0.2.10");
	tdu_txt(D, "v=spf1 mx -all");
	run();
	tdu_expect(SC_ID_MX_SINGLE, 1, "one MX");
	tdu_expect(SC_ID_MX_EQUAL_PRIORITY, 0, "one MX");
	tdu_end();

	tdu_begin();
	tdu_mx(D, 10, "mx1.example.com");
	tdu_mx(D, 10, "mx2.example.com");
	tdu_mx(D, 30, "mx3.example.com");
	tdu_addr("mx1.example.com", "192.0.2.10");
	tdu_addr("mx2.example.com", "192.0.2.20");
	tdu_addr("mx3.example.com", "192.0.2.30");
	tdu_txt(D, "v=spf1 mx -all");
	run();
	tdu_expect(SC_ID_MX_EQUAL_PRIORITY, 1, "two MX at 10");
	tdu_evidence_has(SC_ID_MX_EQUAL_PRIORITY, "mx1.example.com mx2.example.com",
			 "two MX at 10");
	f = tdu_find(SC_ID_MX_EQUAL_PRIORITY);
	is_str(f ? sc_severity_name(f->severity) : "-", "info",
	       "mx.equal_priority is info");
	tdu_expect(SC_ID_MX_SINGLE, 0, "three MX");
	tdu_end();

	tdu_begin();
	two_hosts();
	run();
	tdu_expect(SC_ID_MX_EQUAL_PRIORITY, 0, "MX 10 and 20");
	tdu_end();
}

static void test_not_in_spf(void)
{
	tdu_begin();
	tdu_mx(D, 10, "mx1.example.com");
	tdu_mx(D, 20, "mx2.example.com");
	tdu_addr("mx1.example.com", "192.0.2.10");
	tdu_addr("mx2.example.com", "198.51.100.20");
	tdu_txt(D, "v=spf1 ip4:192.0.2.0/24 -all");
	run();
	tdu_expect(SC_ID_MX_NOT_IN_SPF, 1, "second MX outside SPF");
	tdu_evidence_has(SC_ID_MX_NOT_IN_SPF, "mx2.example.com (198.51.100.20): fail",
			 "second MX outside SPF");
	{
		const struct sc_finding *f = tdu_find(SC_ID_MX_NOT_IN_SPF);

		ok(f && strstr(f->evidence, "mx1.example.com") == NULL,
		   "the covered MX is not named");
	}
	tdu_end();

	tdu_begin();
	tdu_mx(D, 10, "mx1.example.com");
	tdu_addr("mx1.example.com", "192.0.2.10");
	tdu_addr("mx1.example.com", "2001:db8::10");
	tdu_txt(D, "v=spf1 ip4:192.0.2.10 ~all");
	run();
	tdu_evidence_has(SC_ID_MX_NOT_IN_SPF, "2001:db8::10", "IPv6 of MX uncovered");
	tdu_end();

	tdu_begin();                    /* SPF lookups failing: undecided */
	tdu_mx(D, 10, "mx1.example.com");
	tdu_mx(D, 20, "mx2.example.com");
	tdu_addr("mx1.example.com", "192.0.2.10");
	tdu_addr("mx2.example.com", "192.0.2.20");
	tdu_txt(D, "v=spf1 include:slow.example.net -all");
	tdu_status("slow.example.net", DNS_T_TXT, DNS_TIMEOUT);
	run();
	tdu_expect(SC_ID_MX_NOT_IN_SPF, 0, "SPF temperror");
	tdu_unrun("dns.mx", 1, "SPF temperror");
	tdu_end();
}

static void test_failures(void)
{
	tdu_begin();
	tdu_status(D, DNS_T_MX, DNS_TIMEOUT);
	run();
	is_int((long) tdu_nfindings(), 0, "MX timeout: no finding");
	tdu_unrun("dns.mx", 1, "MX timeout");
	tdu_end();

	tdu_begin();
	tdu_status(D, DNS_T_MX, DNS_SERVFAIL);
	run();
	is_int((long) tdu_nfindings(), 0, "MX SERVFAIL: no finding");
	tdu_unrun("dns.mx", 1, "MX SERVFAIL");
	tdu_end();

	tdu_begin();
	two_hosts();
	tdu_status("mx2.example.com", DNS_T_A, DNS_SERVFAIL);
	tdu_status("mx2.example.com", DNS_T_AAAA, DNS_SERVFAIL);
	run();
	tdu_expect(SC_ID_MX_UNRESOLVABLE, 0, "MX host SERVFAIL");
	tdu_unrun("dns.mx", 1, "MX host SERVFAIL");
	tdu_end();

	tdu_begin();
	two_hosts();
	tdu_status("mx1.example.com", DNS_T_CNAME, DNS_TIMEOUT);
	run();
	tdu_expect(SC_ID_MX_CNAME_TARGET, 0, "CNAME query timeout");
	tdu_expect(SC_ID_MX_UNRESOLVABLE, 0, "CNAME query timeout");
	tdu_unrun("dns.mx", 1, "CNAME query timeout");
	tdu_end();
}

static void test_many(void)
{
	char host[64];
	unsigned long before;
	int i;

	tdu_begin();
	for (i = 0; i < 64; i++) {
		snprintf(host, sizeof(host), "mx%d.example.com", i);
		tdu_mx(D, 64 - i, host);
		tdu_addr(host, "192.0.2.10");
	}
	tdu_txt(D, "v=spf1 ip4:192.0.2.10 -all");
	before = zone_queries(T.z);
	run();
	ok(zone_queries(T.z) - before < 400, "64 MX: %lu queries",
	   zone_queries(T.z) - before);
	tdu_expect(SC_ID_MX_EQUAL_PRIORITY, 0, "64 MX of distinct preference");
	tdu_unrun("", 0, "64 MX");
	tdu_end();
}

int main(void)
{
	test_clean();
	test_missing();
	test_null();
	test_ip_literal();
	test_cname();
	test_cname_loop();
	test_unresolvable();
	test_single_equal();
	test_not_in_spf();
	test_failures();
	test_many();
	return tap_done();
}
