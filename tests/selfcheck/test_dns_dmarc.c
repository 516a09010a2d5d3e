/*
 * test_dns_dmarc - the DMARC analysis against zones built here: each
 * dmarc.* id from a zone that should raise it and from one that should
 * not, the parent's record applying to a subdomain (with sp=), hostile
 * records (NULs, 64 records, 8 KB), external report addresses with and
 * without their authorization record, and timeouts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns_checks.h"
#include "tests/selfcheck/test_dns_util.h"
#include "tests/lib/tap.h"

#define D "example.com"
#define GOOD "v=DMARC1; p=reject; rua=mailto:d@example.com; ruf=mailto:f@example.com"

static void run_on(const char *domain)
{
	sc_dns_dmarc(&T.dns, domain, &T.r);
}

/* one - RECORD at _dmarc.D; ID is WANT */
static void one(const char *record, const char *id, int want,
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
	tdu_expect("dmarc.missing", 1, "no record");
	tdu_end();

	tdu_begin();
	tdu_txt("_dmarc." D, "v=spf1 -all");
	tdu_txt("_dmarc." D, "v=DMARC10; p=reject");
	run_on(D);
	tdu_expect("dmarc.missing", 1, "only records that are not DMARC");
	tdu_end();

	tdu_begin();                    /* the parent's record applies */
	tdu_txt("_dmarc." D, GOOD);
	run_on("mail.example.com");
	tdu_expect("dmarc.missing", 0, "subdomain under a parent's record");
	is_int((long) tdu_nfindings(), 0, "subdomain under p=reject: no finding");
	tdu_end();

	tdu_begin();
	tdu_txt("_dmarc." D, GOOD);
	run_on("a.b.mail.example.com");
	tdu_expect("dmarc.missing", 0, "four labels below the record");
	tdu_end();

	tdu_begin();
	tdu_txt("_dmarc.com", GOOD);    /* not climbed to: two labels stop */
	run_on("mail.example.com");
	tdu_expect("dmarc.missing", 1, "record only at the TLD");
	tdu_evidence_has("dmarc.missing", "_dmarc.mail.example.com, _dmarc.example.com",
			 "both names tried");
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
	tdu_expect("dmarc.multiple", 1, "two records");
	tdu_expect("dmarc.policy_none", 0, "two records: neither is read");
	tdu_end();

	tdu_begin();
	for (i = 0; i < 64; i++) {
		snprintf(rec, sizeof(rec), "v=DMARC1; p=reject; ri=%d", 3600 + i);
		tdu_txt("_dmarc." D, rec);
	}
	run_on(D);
	tdu_expect("dmarc.multiple", 1, "64 records");
	ok(tdu_find("dmarc.multiple")
	   && strlen(tdu_find("dmarc.multiple")->evidence) < SC_EVIDENCE_MAX,
	   "64 records: evidence bounded");
	tdu_end();

	one("v=DMARC1; p=reject; p=none", "dmarc.syntax", 1, "p= twice");
	one("v=DMARC1; p=rejected", "dmarc.syntax", 1, "p=rejected");
	one("v=DMARC1; p=reject; sp=bogus", "dmarc.syntax", 1, "sp=bogus");
	one(GOOD, "dmarc.syntax", 0, "valid record");

	tdu_begin();
	if (zone_add_txt(T.z, "_dmarc." D, "v=DMARC1; p=none\0; p=reject", 27) < 0)
		ok(0, "zone takes a NUL");
	run_on(D);
	tdu_expect("dmarc.syntax", 1, "NUL in the record");
	tdu_evidence_has("dmarc.syntax", "\\x00", "NUL shown escaped");
	tdu_expect("dmarc.policy_none", 0, "NUL: no policy read");
	tdu_end();

	tdu_begin();                    /* 8 KB: over the parser's 4096 */
	big = malloc(8193);
	memset(big, ' ', 8192);
	memcpy(big, "v=DMARC1; p=reject;", 19);
	big[8192] = '\0';
	tdu_txt("_dmarc." D, big);
	free(big);
	run_on(D);
	tdu_expect("dmarc.syntax", 1, "8 KB record");
	tdu_end();
}

static void test_policy(void)
{
	one("v=DMARC1; p=none; rua=mailto:d@example.com", "dmarc.policy_none", 1,
	    "p=none");
	one("v=DMARC1; rua=mailto:d@example.com", "dmarc.policy_none", 1,
	    "no p=");
	one("v=DMARC1; p=quarantine", "dmarc.policy_none", 0, "p=quarantine");
	one(GOOD, "dmarc.policy_none", 0, "p=reject");

	tdu_begin();                    /* sp= is what a subdomain gets */
	tdu_txt("_dmarc." D, "v=DMARC1; p=reject; sp=none; rua=mailto:d@example.com");
	run_on("mail.example.com");
	tdu_expect("dmarc.policy_none", 1, "subdomain under sp=none");
	tdu_evidence_has("dmarc.policy_none", "mail.example.com has no record",
			 "says which record applies");
	tdu_end();

	tdu_begin();
	tdu_txt("_dmarc." D, "v=DMARC1; p=none; sp=reject; rua=mailto:d@example.com");
	run_on("mail.example.com");
	tdu_expect("dmarc.policy_none", 0, "subdomain under sp=reject");
	tdu_end();
}

static void test_reports(void)
{
	one("v=DMARC1; p=reject; ruf=mailto:f@example.com", "dmarc.no_rua", 1, "no rua");
	one("v=DMARC1; p=reject; rua=ftp:x; ruf=mailto:f@example.com", "dmarc.no_rua",
	    1, "rua not a URI list");
	one(GOOD, "dmarc.no_rua", 0, "rua given");
	one("v=DMARC1; p=reject; rua=mailto:d@example.com", "dmarc.no_ruf", 1, "no ruf");
	one(GOOD, "dmarc.no_ruf", 0, "ruf given");
}

static void test_weaker_partial(void)
{
	one("v=DMARC1; p=reject; sp=quarantine", "dmarc.subdomain_weaker", 1,
	    "sp weaker");
	one("v=DMARC1; p=quarantine; np=none", "dmarc.subdomain_weaker", 1,
	    "np weaker");
	one("v=DMARC1; p=quarantine; sp=reject; np=quarantine",
	    "dmarc.subdomain_weaker", 0, "sp and np as strict");
	one("v=DMARC1; p=none; sp=none", "dmarc.subdomain_weaker", 0,
	    "all none");
	one("v=DMARC1; p=reject; pct=50", "dmarc.partial", 1, "pct=50");
	one("v=DMARC1; p=reject; t=y", "dmarc.partial", 1, "t=y");
	one("v=DMARC1; p=reject; pct=100; t=n", "dmarc.partial", 0, "pct=100 t=n");
}

static void test_external(void)
{
	tdu_begin();
	tdu_txt("_dmarc." D, "v=DMARC1; p=reject; rua=mailto:d@reports.example.net,"
		"mailto:x@example.com; ruf=mailto:f@example.org");
	tdu_txt("example.com._report._dmarc.example.org", "v=DMARC1");
	run_on(D);
	tdu_expect("dmarc.rua_unauthorized", 1, "rua at another domain");
	tdu_evidence_has("dmarc.rua_unauthorized",
			 "example.com._report._dmarc.reports.example.net",
			 "names the record that is missing");
	ok(tdu_find("dmarc.rua_unauthorized")
	   && !strstr(tdu_find("dmarc.rua_unauthorized")->evidence, "example.org"),
	   "the authorized ruf domain is not named");
	tdu_end();

	tdu_begin();
	tdu_txt("_dmarc." D, "v=DMARC1; p=reject; rua=mailto:d@reports.example.net");
	tdu_txt("example.com._report._dmarc.reports.example.net", "v=DMARC1;");
	run_on(D);
	tdu_expect("dmarc.rua_unauthorized", 0, "rua domain authorizes");
	tdu_end();

	tdu_begin();                    /* same organization: nothing asked */
	tdu_txt("_dmarc." D, "v=DMARC1; p=reject; rua=mailto:d@reports.example.com");
	run_on(D);
	tdu_expect("dmarc.rua_unauthorized", 0, "rua in a subdomain of the org");
	tdu_end();

	tdu_begin();
	tdu_txt("_dmarc." D, "v=DMARC1; p=reject; rua=mailto:d@reports.example.net");
	tdu_status("example.com._report._dmarc.reports.example.net", DNS_T_TXT,
		   DNS_TIMEOUT);
	run_on(D);
	tdu_expect("dmarc.rua_unauthorized", 0, "authorization lookup times out");
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
	tdu_expect("dmarc.missing", 0, "parent SERVFAIL");
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
