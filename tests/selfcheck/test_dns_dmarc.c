/*
 * test_dns_dmarc - the DMARC analysis against zones built here: each
 * dmarc.* id from a zone that should raise it and from one that should
 * not, the record the milter's RFC 9989 tree walk finds (a parent's, up
 * to the top-level name, with sp=; past names whose records it passes
 * over, which are reported too), hostile
 * records (NULs, 64 records, 8 KB), external report addresses with and
 * without their authorization record, and timeouts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "selfcheck/dns/dns.h"
#include "tests/selfcheck/test_dns_util.h"
#include "tests/lib/tap.h"

#define D "example.com"
#define GOOD "v=DMARC1; p=reject; rua=mailto:d@example.com; ruf=mailto:f@example.com"

static void run_on(const char *domain)
{
	sc_dns_dmarc(&T.dns, domain, &T.r);
}

/* one - RECORD at _dmarc.D; ID is WANT */
static void one(const char *record, enum sc_id id, int want,
		const char *what)
{
	tdu_begin();
	tdu_txt("_dmarc." D, record);
	run_on(D);
	tdu_expect(id, want, what);
	tdu_end();
}

static void test_clean(void)
{
	tdu_begin();
	tdu_txt("_dmarc." D, GOOD);
	tdu_txt("_dmarc." D, "some other TXT record");
	run_on(D);
	is_int((long) tdu_nfindings(), 0, "p=reject with rua and ruf: no finding");
	tdu_unrun("", 0, "clean record");
	tdu_end();
}

static void test_missing(void)
{
	tdu_begin();
	run_on(D);
	tdu_expect(SC_ID_DMARC_MISSING, 1, "no record");
	tdu_end();

	tdu_begin();
	tdu_txt("_dmarc." D, "v=spf1 -all");
	tdu_txt("_dmarc." D, "v=DMARC10; p=reject");
	run_on(D);
	tdu_expect(SC_ID_DMARC_MISSING, 1, "only records that are not DMARC");
	tdu_end();

	tdu_begin();                    /* the parent's record applies */
	tdu_txt("_dmarc." D, GOOD);
	run_on("mail.example.com");
	tdu_expect(SC_ID_DMARC_MISSING, 0, "subdomain under a parent's record");
	is_int((long) tdu_nfindings(), 0, "subdomain under p=reject: no finding");
	tdu_end();

	tdu_begin();
	tdu_txt("_dmarc." D, GOOD);
	run_on("a.b.mail.example.com");
	tdu_expect(SC_ID_DMARC_MISSING, 0, "four labels below the record");
	tdu_end();

	tdu_begin();
	run_on("mail.example.com");
	tdu_evidence_has(SC_ID_DMARC_MISSING,
			 "_dmarc.mail.example.com, _dmarc.example.com, _dmarc.com",
			 "no record: every name the tree walk asked");
	tdu_end();

	/* The milter's tree walk (RFC 9989 4.10) goes up to the top-level
	 * name, and so does the audit now: it reports the record authmilter
	 * enforces (the old two-label climb called this domain unprotected) */
	tdu_begin();
	tdu_txt("_dmarc.com", "v=DMARC1; p=none; rua=mailto:d@example.com");
	run_on("mail.example.com");
	tdu_expect(SC_ID_DMARC_MISSING, 0, "record only at the TLD: it applies");
	tdu_expect(SC_ID_DMARC_POLICY_NONE, 1, "record only at the TLD: its p=none judged");
	tdu_evidence_has(SC_ID_DMARC_POLICY_NONE, "_dmarc.com TXT",
			 "record only at the TLD: the evidence quotes it");
	tdu_evidence_has(SC_ID_DMARC_POLICY_NONE,
			 "the tree walk asked _dmarc.mail.example.com, _dmarc.example.com, _dmarc.com",
			 "record only at the TLD: the evidence says how it was found");
	tdu_end();

	tdu_begin();                    /* 11 labels: the walk jumps to 7 */
	tdu_txt("_dmarc." D, GOOD);
	run_on("a.b.c.d.e.f.g.h.i.example.com");
	tdu_expect(SC_ID_DMARC_MISSING, 0, "11 labels below the record");
	tdu_end();
	tdu_begin();
	run_on("a.b.c.d.e.f.g.h.i.example.com");
	tdu_evidence_has(SC_ID_DMARC_MISSING, "_dmarc.a.b.c.d.e.f.g.h.i.example.com, "
			 "_dmarc.e.f.g.h.i.example.com, _dmarc.f.g.h.i.example.com",
			 "11 labels: the walk's jump to the 7-label name, as the milter's");
	tdu_end();
}

static void test_multiple_syntax(void)
{
	char rec[64], *big;
	int i;

	tdu_begin();
	tdu_txt("_dmarc." D, GOOD);
	tdu_txt("_dmarc." D, "v=DMARC1; p=none");
	run_on(D);
	tdu_expect(SC_ID_DMARC_MULTIPLE, 1, "two records");
	tdu_expect(SC_ID_DMARC_POLICY_NONE, 0, "two records: neither is read");
	tdu_end();

	tdu_begin();
	for (i = 0; i < 64; i++) {
		snprintf(rec, sizeof(rec), "v=DMARC1; p=reject; ri=%d", 3600 + i);
		tdu_txt("_dmarc." D, rec);
	}
	run_on(D);
	tdu_expect(SC_ID_DMARC_MULTIPLE, 1, "64 records");
	ok(tdu_find(SC_ID_DMARC_MULTIPLE)
	   && strlen(tdu_find(SC_ID_DMARC_MULTIPLE)->evidence) < SC_EVIDENCE_MAX,
	   "64 records: evidence bounded");
	tdu_end();

	/* several records at the subdomain: the milter passes over them and
	 * enforces the parent's; the audit says both */
	tdu_begin();
	tdu_txt("_dmarc.mail." D, "v=DMARC1; p=reject");
	tdu_txt("_dmarc.mail." D, "v=DMARC1; p=quarantine");
	tdu_txt("_dmarc." D, "v=DMARC1; p=none; rua=mailto:d@example.com");
	run_on("mail." D);
	tdu_expect(SC_ID_DMARC_MULTIPLE, 1, "two records at the subdomain");
	tdu_evidence_has(SC_ID_DMARC_MULTIPLE, "passes over these records",
			 "two records at the subdomain: passed over, says the evidence");
	tdu_expect(SC_ID_DMARC_POLICY_NONE, 1,
		   "two records at the subdomain: the parent's p=none is what applies");
	tdu_end();

	one("v=DMARC1; p=reject; p=none", SC_ID_DMARC_SYNTAX, 1, "p= twice");
	one("v=DMARC1; p=rejected", SC_ID_DMARC_SYNTAX, 1, "p=rejected");
	one("v=DMARC1; p=reject; sp=bogus", SC_ID_DMARC_SYNTAX, 1, "sp=bogus");
	one(GOOD, SC_ID_DMARC_SYNTAX, 0, "valid record");

	tdu_begin();
	if (zone_add_txt(T.z, "_dmarc." D, "v=DMARC1; p=none\0; p=reject", 27) < 0)
		ok(0, "zone takes a NUL");
	run_on(D);
	tdu_expect(SC_ID_DMARC_SYNTAX, 1, "NUL in the record");
	tdu_evidence_has(SC_ID_DMARC_SYNTAX, "\\x00", "NUL shown escaped");
	tdu_expect(SC_ID_DMARC_POLICY_NONE, 0, "NUL: no policy read");
	tdu_end();

	tdu_begin();                    /* 8 KB: over the parser's 4096 */
	big = malloc(8193);
	memset(big, ' ', 8192);
	memcpy(big, "v=DMARC1; p=reject;", 19);
	big[8192] = '\0';
	tdu_txt("_dmarc." D, big);
	free(big);
	run_on(D);
	tdu_expect(SC_ID_DMARC_SYNTAX, 1, "8 KB record");
	tdu_end();
}

static void test_policy(void)
{
	one("v=DMARC1; p=none; rua=mailto:d@example.com", SC_ID_DMARC_POLICY_NONE, 1,
	    "p=none");
	one("v=DMARC1; rua=mailto:d@example.com", SC_ID_DMARC_POLICY_NONE, 1,
	    "no p=");
	one("v=DMARC1; p=quarantine", SC_ID_DMARC_POLICY_NONE, 0, "p=quarantine");
	one(GOOD, SC_ID_DMARC_POLICY_NONE, 0, "p=reject");

	tdu_begin();                    /* sp= is what a subdomain gets */
	tdu_txt("_dmarc." D, "v=DMARC1; p=reject; sp=none; rua=mailto:d@example.com");
	run_on("mail.example.com");
	tdu_expect(SC_ID_DMARC_POLICY_NONE, 1, "subdomain under sp=none");
	tdu_evidence_has(SC_ID_DMARC_POLICY_NONE, "mail.example.com has no record",
			 "says which record applies");
	tdu_end();

	tdu_begin();
	tdu_txt("_dmarc." D, "v=DMARC1; p=none; sp=reject; rua=mailto:d@example.com");
	run_on("mail.example.com");
	tdu_expect(SC_ID_DMARC_POLICY_NONE, 0, "subdomain under sp=reject");
	tdu_end();
}

static void test_reports(void)
{
	one("v=DMARC1; p=reject; ruf=mailto:f@example.com", SC_ID_DMARC_NO_RUA, 1, "no rua");
	one("v=DMARC1; p=reject; rua=ftp:x; ruf=mailto:f@example.com", SC_ID_DMARC_NO_RUA,
	    1, "rua not a URI list");
	one(GOOD, SC_ID_DMARC_NO_RUA, 0, "rua given");
	one("v=DMARC1; p=reject; rua=mailto:d@example.com", SC_ID_DMARC_NO_RUF, 1, "no ruf");
	one(GOOD, SC_ID_DMARC_NO_RUF, 0, "ruf given");
}

static void test_weaker_partial(void)
{
	one("v=DMARC1; p=reject; sp=quarantine", SC_ID_DMARC_SUBDOMAIN_WEAKER, 1,
	    "sp weaker");
	one("v=DMARC1; p=quarantine; np=none", SC_ID_DMARC_SUBDOMAIN_WEAKER, 1,
	    "np weaker");
	one("v=DMARC1; p=quarantine; sp=reject; np=quarantine",
	    SC_ID_DMARC_SUBDOMAIN_WEAKER, 0, "sp and np as strict");
	one("v=DMARC1; p=none; sp=none", SC_ID_DMARC_SUBDOMAIN_WEAKER, 0,
	    "all none");
	one("v=DMARC1; p=reject; pct=50", SC_ID_DMARC_PARTIAL, 1, "pct=50");
	one("v=DMARC1; p=reject; t=y", SC_ID_DMARC_PARTIAL, 1, "t=y");
	one("v=DMARC1; p=reject; pct=100; t=n", SC_ID_DMARC_PARTIAL, 0, "pct=100 t=n");
}

static void test_external(void)
{
	tdu_begin();
	tdu_txt("_dmarc." D, "v=DMARC1; p=reject; rua=mailto:d@reports.example.net,"
		"mailto:x@example.com; ruf=mailto:f@example.org");
	tdu_txt("example.com._report._dmarc.example.org", "v=DMARC1");
	run_on(D);
	tdu_expect(SC_ID_DMARC_RUA_UNAUTHORIZED, 1, "rua at another domain");
	tdu_evidence_has(SC_ID_DMARC_RUA_UNAUTHORIZED,
			 "example.com._report._dmarc.reports.example.net",
			 "names the record that is missing");
	ok(tdu_find(SC_ID_DMARC_RUA_UNAUTHORIZED)
	   && !strstr(tdu_find(SC_ID_DMARC_RUA_UNAUTHORIZED)->evidence, "example.org"),
	   "the authorized ruf domain is not named");
	tdu_end();

	tdu_begin();
	tdu_txt("_dmarc." D, "v=DMARC1; p=reject; rua=mailto:d@reports.example.net");
	tdu_txt("example.com._report._dmarc.reports.example.net", "v=DMARC1;");
	run_on(D);
	tdu_expect(SC_ID_DMARC_RUA_UNAUTHORIZED, 0, "rua domain authorizes");
	tdu_end();

	tdu_begin();                    /* same organization: nothing asked */
	tdu_txt("_dmarc." D, "v=DMARC1; p=reject; rua=mailto:d@reports.example.com");
	run_on(D);
	tdu_expect(SC_ID_DMARC_RUA_UNAUTHORIZED, 0, "rua in a subdomain of the org");
	tdu_end();

	tdu_begin();
	tdu_txt("_dmarc." D, "v=DMARC1; p=reject; rua=mailto:d@reports.example.net");
	tdu_status("example.com._report._dmarc.reports.example.net", DNS_T_TXT,
		   DNS_TIMEOUT);
	run_on(D);
	tdu_expect(SC_ID_DMARC_RUA_UNAUTHORIZED, 0, "authorization lookup times out");
	tdu_unrun("dns.dmarc", 1, "authorization lookup times out");
	tdu_end();
}

static void test_failures(void)
{
	tdu_begin();
	tdu_status("_dmarc." D, DNS_T_TXT, DNS_TIMEOUT);
	run_on(D);
	is_int((long) tdu_nfindings(), 0, "timeout: no finding");
	tdu_unrun("dns.dmarc", 1, "timeout");
	tdu_end();

	tdu_begin();                    /* own name fine, the parent fails */
	tdu_status("_dmarc." D, DNS_T_TXT, DNS_SERVFAIL);
	run_on("mail.example.com");
	tdu_expect(SC_ID_DMARC_MISSING, 0, "parent SERVFAIL");
	tdu_unrun("dns.dmarc", 1, "parent SERVFAIL");
	tdu_end();
}

int main(void)
{
	test_clean();
	test_missing();
	test_multiple_syntax();
	test_policy();
	test_reports();
	test_weaker_partial();
	test_external();
	test_failures();
	return tap_done();
}
