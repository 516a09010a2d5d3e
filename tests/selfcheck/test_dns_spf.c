/*
 * test_dns_spf - the SPF analysis against zones built here: each spf.*
 * id from a zone that should raise it and from one that should not; the
 * recursive lookup count as the evaluator counts it (includes, redirect,
 * terms after all ignored, macros); and hostile trees: an 8 KB record, a
 * set of 64 TXT records, an include loop, includes 20 deep, a fan-out
 * that would cost thousands of queries. Timeouts leave the check unrun.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "selfcheck/dns/dns.h"
#include "tests/selfcheck/test_dns_util.h"
#include "tests/lib/tap.h"

#define D "example.com"

static void run(void)
{
	sc_dns_spf(&T.dns, D, &T.r);
}

/* only - one record at D, run, and ID is WANT */
static void only(const char *record, enum sc_id id, int want)
{
	tdu_begin();
	tdu_txt(D, record);
	tdu_addr("host.example.com", "192.0.2.1");
	tdu_mx(D, 10, "host.example.com");
	run();
	tdu_expect(id, want, record);
	tdu_end();
}

static void test_missing_multiple(void)
{
	char junk[64];
	int i;

	tdu_begin();
	run();
	tdu_expect(SC_ID_SPF_MISSING, 1, "NXDOMAIN");
	tdu_end();

	tdu_begin();
	tdu_txt(D, "google-site-verification=abc");
	tdu_txt(D, "v=spf10 -all");
	run();
	tdu_expect(SC_ID_SPF_MISSING, 1, "TXT records, none v=spf1");
	tdu_end();

	only("v=spf1 -all", SC_ID_SPF_MISSING, 0);

	tdu_begin();
	tdu_txt(D, "v=spf1 -all");
	tdu_txt(D, "v=spf1 mx -all");
	run();
	tdu_expect(SC_ID_SPF_MULTIPLE, 1, "two v=spf1 records");
	tdu_evidence_has(SC_ID_SPF_MULTIPLE, "v=spf1 mx -all", "two records");
	tdu_expect(SC_ID_SPF_MISSING, 0, "two v=spf1 records");
	tdu_end();

	tdu_begin();                    /* 63 other TXT records and the SPF */
	for (i = 0; i < 63; i++) {
		snprintf(junk, sizeof(junk), "verification-token-%d=%0*d", i, 30, i);
		tdu_txt(D, junk);
	}
	tdu_txt(D, "v=spf1 -all");
	run();
	tdu_expect(SC_ID_SPF_MULTIPLE, 0, "64-record TXT set, one SPF");
	tdu_expect(SC_ID_SPF_MISSING, 0, "64-record TXT set, one SPF");
	tdu_unrun("", 0, "64-record TXT set");
	tdu_end();

	tdu_begin();                    /* 64 SPF records */
	for (i = 0; i < 64; i++) {
		snprintf(junk, sizeof(junk), "v=spf1 ip4:192.0.2.%d -all", i);
		tdu_txt(D, junk);
	}
	run();
	tdu_expect(SC_ID_SPF_MULTIPLE, 1, "64 SPF records");
	tdu_evidence_has(SC_ID_SPF_MULTIPLE, "more)", "64 SPF records listed in part");
	tdu_end();
}

static void test_syntax(void)
{
	char *big;

	only("v=spf1 ip4:192.0.2.300 -all", SC_ID_SPF_SYNTAX, 1);
	only("v=spf1 foo:bar -all", SC_ID_SPF_SYNTAX, 1);
	only("v=spf1 include -all", SC_ID_SPF_SYNTAX, 1);
	only("v=spf1 ip4:192.0.2.0/24 -all", SC_ID_SPF_SYNTAX, 0);

	tdu_begin();                    /* 8 KB record: over 4096 octets */
	big = malloc(8192 + 1);
	memset(big, ' ', 8192);
	memcpy(big, "v=spf1", 6);
	memcpy(big + 8192 - 4, "-all", 4);
	big[8192] = '\0';
	tdu_txt(D, big);
	run();
	tdu_expect(SC_ID_SPF_SYNTAX, 1, "8 KB record");
	tdu_evidence_has(SC_ID_SPF_SYNTAX, "too long", "8 KB record");
	ok(tdu_find(SC_ID_SPF_SYNTAX)
	   && strlen(tdu_find(SC_ID_SPF_SYNTAX)->evidence) < SC_EVIDENCE_MAX,
	   "8 KB record: evidence bounded");
	free(big);
	tdu_end();

	tdu_begin();                    /* NUL inside the record */
	if (zone_add_txt(T.z, D, "v=spf1 a\0 -all", 14) < 0)
		ok(0, "zone takes a NUL");
	run();
	tdu_expect(SC_ID_SPF_SYNTAX, 1, "NUL in the record");
	tdu_evidence_has(SC_ID_SPF_SYNTAX, "\\x00", "NUL shown escaped");
	tdu_end();
}

static void test_all(void)
{
	const struct sc_finding *f;

	only("v=spf1 mx +all", SC_ID_SPF_PLUS_ALL, 1);
	only("v=spf1 mx all", SC_ID_SPF_PLUS_ALL, 1);
	only("v=spf1 mx -all", SC_ID_SPF_PLUS_ALL, 0);
	only("v=spf1 mx ?all", SC_ID_SPF_NEUTRAL_ALL, 1);
	only("v=spf1 mx -all", SC_ID_SPF_NEUTRAL_ALL, 0);
	only("v=spf1 mx ~all", SC_ID_SPF_SOFTFAIL_ALL, 1);
	only("v=spf1 mx -all", SC_ID_SPF_SOFTFAIL_ALL, 0);
	only("v=spf1 mx", SC_ID_SPF_NO_ALL, 1);
	only("v=spf1 mx -all", SC_ID_SPF_NO_ALL, 0);
	only("v=spf1 mx -all +all", SC_ID_SPF_PLUS_ALL, 0);   /* never reached */
	only("v=spf1 -all redirect=gone.example", SC_ID_SPF_INCLUDE_MISSING, 0);

	tdu_begin();
	tdu_txt(D, "v=spf1 mx +all");
	run();
	f = tdu_find(SC_ID_SPF_PLUS_ALL);
	is_str(f ? sc_severity_name(f->severity) : "-", "critical",
	       "spf.plus_all is critical");
	tdu_end();

	tdu_begin();                    /* the redirect's all decides */
	tdu_txt(D, "v=spf1 redirect=_spf.example.net");
	tdu_txt("_spf.example.net", "v=spf1 ip4:192.0.2.0/24 ~all");
	run();
	tdu_expect(SC_ID_SPF_SOFTFAIL_ALL, 1, "redirect to ~all");
	tdu_evidence_has(SC_ID_SPF_SOFTFAIL_ALL, "_spf.example.net", "redirect to ~all");
	tdu_expect(SC_ID_SPF_NO_ALL, 0, "redirect to ~all");
	tdu_end();

	tdu_begin();
	tdu_txt(D, "v=spf1 redirect=_spf.example.net");
	tdu_txt("_spf.example.net", "v=spf1 ip4:192.0.2.0/24");
	run();
	tdu_expect(SC_ID_SPF_NO_ALL, 1, "redirect to a record without all");
	tdu_end();

	tdu_begin();
	tdu_txt(D, "v=spf1 redirect=_spf.example.net");
	tdu_txt("_spf.example.net", "v=spf1 ip4:192.0.2.0/24 -all");
	run();
	is_int((long) tdu_nfindings(), 0, "redirect to -all: no finding");
	tdu_end();
}

/* a_terms - "v=spf1" and N a: terms to existing names, then -all */
static void a_terms(const char *owner, int n, const char *prefix)
{
	char rec[2048], name[64];
	size_t len;
	int i;

	len = (size_t) snprintf(rec, sizeof(rec), "v=spf1");
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%s%d.example.com", prefix, i);
		tdu_addr(name, "192.0.2.1");
		len += (size_t) snprintf(rec + len, sizeof(rec) - len, " a:%s", name);
	}
	snprintf(rec + len, sizeof(rec) - len, " -all");
	tdu_txt(owner, rec);
}

static void test_lookups(void)
{
	tdu_begin();
	a_terms(D, 10, "h");
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 0, "10 a: terms");
	tdu_end();

	tdu_begin();
	a_terms(D, 11, "h");
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 1, "11 a: terms");
	tdu_evidence_has(SC_ID_SPF_TOO_MANY_LOOKUPS, "total 11", "11 a: terms");
	tdu_end();

	tdu_begin();                    /* 1 + 6 and 1 + 3: 11 */
	tdu_txt(D, "v=spf1 include:a.example.net include:b.example.net -all");
	a_terms("a.example.net", 6, "a");
	a_terms("b.example.net", 3, "b");
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 1, "includes adding up to 11");
	tdu_evidence_has(SC_ID_SPF_TOO_MANY_LOOKUPS, "include:a.example.net -> 7 lookups",
			 "count path");
	tdu_end();

	tdu_begin();                    /* 1 + 5 and 1 + 3: 10 */
	tdu_txt(D, "v=spf1 include:a.example.net include:b.example.net -all");
	a_terms("a.example.net", 5, "a");
	a_terms("b.example.net", 3, "b");
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 0, "includes adding up to 10");
	tdu_end();

	tdu_begin();                    /* terms after all are never evaluated */
	tdu_txt(D, "v=spf1 -all a a a a a a a a a a a a");
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 0, "12 a after -all");
	tdu_end();

	tdu_begin();                    /* the redirect is ignored with all */
	tdu_txt(D, "v=spf1 -all redirect=r.example.net");
	a_terms("r.example.net", 11, "r");
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 0, "redirect beside all");
	tdu_end();

	tdu_begin();                    /* ... and counted without */
	tdu_txt(D, "v=spf1 redirect=r.example.net");
	a_terms("r.example.net", 10, "r");
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 1, "redirect with 10 more");
	tdu_end();

	tdu_begin();                    /* macro targets count, not followed */
	tdu_txt(D, "v=spf1 exists:%{i}.a.example.net exists:%{i}.b.example.net "
		"a mx ptr a:x.example.com mx:x.example.com a a a a -all");
	tdu_addr(D, "192.0.2.1");
	tdu_addr("x.example.com", "192.0.2.1");
	tdu_mx("x.example.com", 10, "x.example.com");
	tdu_mx(D, 10, "x.example.com");
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 1, "11 terms with macros");
	tdu_expect(SC_ID_SPF_TOO_MANY_VOID, 0, "macro targets are not void");
	tdu_end();
}

static void test_loops(void)
{
	char owner[64], rec[128];
	unsigned long before;
	int i;

	tdu_begin();                    /* a -> b -> a */
	tdu_txt(D, "v=spf1 include:a.example.net -all");
	tdu_txt("a.example.net", "v=spf1 include:b.example.net -all");
	tdu_txt("b.example.net", "v=spf1 include:a.example.net -all");
	before = zone_queries(T.z);
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 1, "include loop");
	tdu_evidence_has(SC_ID_SPF_TOO_MANY_LOOKUPS,
			 "example.com -> a.example.net -> b.example.net -> a.example.net",
			 "include loop");
	ok(zone_queries(T.z) - before < 10, "include loop: %lu queries",
	   zone_queries(T.z) - before);
	tdu_end();

	tdu_begin();                    /* including itself */
	tdu_txt(D, "v=spf1 include:example.com -all");
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 1, "include of itself");
	tdu_end();

	tdu_begin();                    /* 20 deep */
	tdu_txt(D, "v=spf1 include:c0.example.net -all");
	for (i = 0; i < 20; i++) {
		snprintf(owner, sizeof(owner), "c%d.example.net", i);
		snprintf(rec, sizeof(rec), "v=spf1 include:c%d.example.net -all", i + 1);
		tdu_txt(owner, rec);
	}
	tdu_txt("c20.example.net", "v=spf1 ip4:192.0.2.1 -all");
	before = zone_queries(T.z);
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 1, "includes 20 deep");
	ok(zone_queries(T.z) - before <= 13, "includes 20 deep: %lu queries",
	   zone_queries(T.z) - before);
	tdu_end();

	tdu_begin();                    /* fan-out: 10 x 10 x 10 includes */
	{
		char r2[1024];
		size_t len;
		int k;

		for (i = 0; i < 3; i++) {
			snprintf(owner, sizeof(owner), "%s",
				 i == 0 ? D : i == 1 ? "f1.example.net" : "f2.example.net");
			len = (size_t) snprintf(r2, sizeof(r2), "v=spf1");
			for (k = 0; k < 10; k++)
				len += (size_t) snprintf(r2 + len, sizeof(r2) - len,
							 " include:f%d.example.net", i + 1);
			snprintf(r2 + len, sizeof(r2) - len, " -all");
			tdu_txt(owner, r2);
		}
		tdu_txt("f3.example.net", "v=spf1 a a a a a a a a a a -all");
		tdu_addr("f3.example.net", "192.0.2.1");
	}
	before = zone_queries(T.z);
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 1, "fan-out of 1000 includes");
	ok(zone_queries(T.z) - before <= 151, "fan-out: %lu queries",
	   zone_queries(T.z) - before);
	tdu_end();
}

static void test_void(void)
{
	const char *rec = "v=spf1 a:nx1.example.net a:nx2.example.net "
	    "mx:nx3.example.net -all";

	only(rec, SC_ID_SPF_TOO_MANY_VOID, 1);
	only("v=spf1 a:nx1.example.net mx:nx2.example.net -all",
	     SC_ID_SPF_TOO_MANY_VOID, 0);

	tdu_begin();
	tdu_txt(D, rec);
	run();
	tdu_evidence_has(SC_ID_SPF_TOO_MANY_VOID, "mx:nx3.example.net in example.com (NXDOMAIN)",
			 "void path");
	tdu_end();

	tdu_begin();                    /* voids add up across includes */
	tdu_txt(D, "v=spf1 a:nx1.example.net include:i.example.net -all");
	tdu_txt("i.example.net", "v=spf1 exists:nx2.example.net a:e.example.net -all");
	tdu_txt("e.example.net", "exists, no address");
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_VOID, 1, "3 voids over an include");
	tdu_end();

	tdu_begin();                    /* AAAA only is not void */
	tdu_txt(D, "v=spf1 a:v6.example.net a:v6.example.net a:v6.example.net -all");
	tdu_addr("v6.example.net", "2001:db8::1");
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_VOID, 0, "a: with AAAA only");
	tdu_end();
}

static void test_ptr_include(void)
{
	only("v=spf1 ptr -all", SC_ID_SPF_PTR_MECHANISM, 1);
	only("v=spf1 ptr:example.com -all", SC_ID_SPF_PTR_MECHANISM, 1);
	only("v=spf1 a -all", SC_ID_SPF_PTR_MECHANISM, 0);

	tdu_begin();
	tdu_txt(D, "v=spf1 include:i.example.net -all");
	tdu_txt("i.example.net", "v=spf1 ptr ~all");
	run();
	tdu_expect(SC_ID_SPF_PTR_MECHANISM, 1, "ptr in an include");
	tdu_evidence_has(SC_ID_SPF_PTR_MECHANISM, "i.example.net", "ptr in an include");
	tdu_end();

	tdu_begin();
	tdu_txt(D, "v=spf1 include:gone.example.net include:empty.example.net -all");
	tdu_txt("empty.example.net", "not spf");
	run();
	tdu_expect(SC_ID_SPF_INCLUDE_MISSING, 1, "include targets without SPF");
	tdu_evidence_has(SC_ID_SPF_INCLUDE_MISSING, "include:gone.example.net in example.com: NXDOMAIN",
			 "NXDOMAIN target");
	tdu_evidence_has(SC_ID_SPF_INCLUDE_MISSING, "empty.example.net in example.com: no SPF",
			 "target without SPF");
	tdu_end();

	tdu_begin();
	tdu_txt(D, "v=spf1 redirect=gone.example.net");
	run();
	tdu_expect(SC_ID_SPF_INCLUDE_MISSING, 1, "redirect without target");
	ok(tdu_find(SC_ID_SPF_INCLUDE_MISSING)
	   && strstr(tdu_find(SC_ID_SPF_INCLUDE_MISSING)->fix, "redirect=") != NULL,
	   "redirect without target: the fix speaks of redirect=");
	tdu_expect(SC_ID_SPF_NO_ALL, 0, "redirect without target");
	tdu_end();

	tdu_begin();
	tdu_txt(D, "v=spf1 include:i.example.net -all");
	tdu_txt("i.example.net", "v=spf1 -all");
	run();
	tdu_expect(SC_ID_SPF_INCLUDE_MISSING, 0, "include with a record");
	tdu_end();

	tdu_begin();                    /* nested trouble is reported too */
	tdu_txt(D, "v=spf1 include:i.example.net include:j.example.net -all");
	tdu_txt("i.example.net", "v=spf1 ip4:bad -all");
	tdu_txt("j.example.net", "v=spf1 -all");
	tdu_txt("j.example.net", "v=spf1 ~all");
	run();
	tdu_evidence_has(SC_ID_SPF_SYNTAX, "include:i.example.net", "include with bad syntax");
	tdu_evidence_has(SC_ID_SPF_MULTIPLE, "include:j.example.net", "include with two records");
	tdu_end();
}

static void test_failures(void)
{
	tdu_begin();
	tdu_status(D, DNS_T_TXT, DNS_TIMEOUT);
	run();
	is_int((long) tdu_nfindings(), 0, "TXT timeout: no finding");
	tdu_unrun("dns.spf", 1, "TXT timeout");
	tdu_end();

	tdu_begin();
	tdu_status(D, DNS_T_TXT, DNS_SERVFAIL);
	run();
	is_int((long) tdu_nfindings(), 0, "TXT SERVFAIL: no finding");
	tdu_unrun("dns.spf", 1, "TXT SERVFAIL");
	tdu_end();

	tdu_begin();
	tdu_txt(D, "v=spf1 include:slow.example.net a:x.example.com -all");
	tdu_status("slow.example.net", DNS_T_TXT, DNS_TIMEOUT);
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 0, "include timeout");
	tdu_expect(SC_ID_SPF_INCLUDE_MISSING, 0, "include timeout");
	tdu_unrun("dns.spf", 1, "include timeout");
	tdu_end();

	tdu_begin();                    /* a void check that times out */
	tdu_txt(D, "v=spf1 a:nx1.example.net a:nx2.example.net a:slow.example.net -all");
	tdu_status("slow.example.net", DNS_T_A, DNS_SERVFAIL);
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_VOID, 0, "void check SERVFAIL");
	tdu_unrun("dns.spf", 1, "void check SERVFAIL");
	tdu_end();

	tdu_begin();                    /* already over: certain despite that */
	a_terms(D, 11, "h");
	tdu_status("h3.example.com", DNS_T_A, DNS_TIMEOUT);
	run();
	tdu_expect(SC_ID_SPF_TOO_MANY_LOOKUPS, 1, "11 terms, one timing out");
	tdu_end();
}

int main(void)
{
	test_missing_multiple();
	test_syntax();
	test_all();
	test_lookups();
	test_loops();
	test_void();
	test_ptr_include();
	test_failures();
	return tap_done();
}
