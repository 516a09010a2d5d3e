/*
 * test_dns_other - CAA (and its RDATA decoder on hostile input),
 * MTA-STS, TLS-RPT and DNSBL against zones built here, then the whole
 * dns group through sc_dns_run: the clean domain must give no
 * finding above info and nothing unrun; no domain, a bad one, and a
 * zone that times out everywhere must give unrun entries and no finding.
 */
#include <stdio.h>
#include <string.h>

#include "policy/dns_rdata.h"
#include "selfcheck/dns/dns.h"
#include "selfcheck/core/selfcheck.h"
#include "tests/selfcheck/test_dns_util.h"
#include "tests/lib/tap.h"

#define D "example.com"

static void caa(const char *name, const char *tag, const char *value)
{
	if (zone_add_caa(T.z, name, 0, tag, value) < 0)
		ok(0, "zone takes CAA at %s", name);
}

static void test_caa(void)
{
	tdu_begin();
	sc_dns_caa(&T.dns, "mail.example.com", &T.r);
	tdu_expect(SC_ID_CAA_MISSING, 1, "no CAA anywhere");
	tdu_evidence_has(SC_ID_CAA_MISSING, "mail.example.com, example.com, com",
			 "every name up to the TLD tried");
	tdu_end();

	tdu_begin();
	caa(D, "issue", "letsencrypt.org");
	sc_dns_caa(&T.dns, D, &T.r);
	tdu_expect(SC_ID_CAA_MISSING, 0, "CAA at the domain");
	tdu_end();

	tdu_begin();
	caa(D, "issue", ";");
	sc_dns_caa(&T.dns, "mail.example.com", &T.r);
	tdu_expect(SC_ID_CAA_MISSING, 0, "CAA at the parent");
	tdu_end();

	tdu_begin();
	tdu_status(D, DNS_T_CAA, DNS_TIMEOUT);
	sc_dns_caa(&T.dns, D, &T.r);
	tdu_expect(SC_ID_CAA_MISSING, 0, "CAA timeout");
	tdu_unrun("dns.caa", 1, "CAA timeout");
	tdu_end();
}

struct caa_case {
	const char *rdata;
	size_t len;
	const char *want;           /* decoded text, or NULL: refused */
	const char *what;
};

static const struct caa_case caa_cases[] = {
	{ "\x00\x05issueletsencrypt.org", 22, "0 issue letsencrypt.org", "issue" },
	{ "\x80\x03tbsUnknown", 13, "128 tbs Unknown", "critical flag" },
	{ "\x00\x05issue", 7, "0 issue ", "empty value" },
	{ "\x00\x05iss\x00e", 7, NULL, "NUL in the tag" },
	{ "\x00\x00", 2, NULL, "empty tag" },
	{ "\x00\x10issueissueissuei", 18, "0 issueissueissuei ", "16-octet tag" },
	{ "\x00\x09issue", 7, NULL, "tag runs past the end" },
	{ "\x00", 1, NULL, "one octet" },
	{ "", 0, NULL, "nothing" },
	{ "\x00\x05iss.e;", 8, NULL, "dot in the tag" },
};

static void test_caa_rdata(void)
{
	struct dns_rr rr;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(caa_cases) / sizeof(caa_cases[0]); i++) {
		rc = dns_rdata_decode(DNS_T_CAA, (const unsigned char *) caa_cases[i].rdata,
				      caa_cases[i].len, &rr);
		if (caa_cases[i].want == NULL) {
			ok(rc < 0 && rr.text == NULL, "CAA rdata refused: %s",
			   caa_cases[i].what);
			continue;
		}
		is_str(rc == 0 ? rr.text : "(refused)", caa_cases[i].want,
		       "CAA rdata: %s", caa_cases[i].what);
		dns_rr_clear(&rr);
	}
	{                               /* a value with a NUL keeps its length */
		static const unsigned char v[] = { 0, 5, 'i', 's', 's', 'u', 'e',
						   'a', 0, 'b' };

		rc = dns_rdata_decode(DNS_T_CAA, v, sizeof(v), &rr);
		ok(rc == 0 && rr.textlen == 11 && rr.text[11] == '\0',
		   "CAA rdata: NUL in the value, length kept");
		dns_rr_clear(&rr);
	}
}

static void test_mtasts_tlsrpt(void)
{
	tdu_begin();
	sc_dns_mtasts(&T.dns, D, &T.r);
	sc_dns_tlsrpt(&T.dns, D, &T.r);
	tdu_expect(SC_ID_MTASTS_MISSING, 1, "no _mta-sts");
	tdu_expect(SC_ID_TLSRPT_MISSING, 1, "no _smtp._tls");
	tdu_end();

	tdu_begin();
	tdu_txt("_mta-sts." D, "v=STSv1; id=1");
	tdu_txt("_smtp._tls." D, "v=TLSRPTv1; rua=mailto:t@example.com");
	sc_dns_mtasts(&T.dns, D, &T.r);
	sc_dns_tlsrpt(&T.dns, D, &T.r);
	tdu_expect(SC_ID_MTASTS_MISSING, 0, "_mta-sts v=STSv1");
	tdu_expect(SC_ID_TLSRPT_MISSING, 0, "_smtp._tls v=TLSRPTv1");
	tdu_end();

	tdu_begin();
	tdu_txt("_mta-sts." D, "v=STSv10; id=1");
	tdu_txt("_mta-sts." D, "id=1; v=STSv1");
	tdu_txt("_smtp._tls." D, "v=tlsrptv1; rua=mailto:t@example.com");
	sc_dns_mtasts(&T.dns, D, &T.r);
	sc_dns_tlsrpt(&T.dns, D, &T.r);
	tdu_expect(SC_ID_MTASTS_MISSING, 1, "v=STSv10, or not first");
	tdu_expect(SC_ID_TLSRPT_MISSING, 1, "v=tlsrptv1 (case)");
	tdu_end();

	tdu_begin();
	tdu_status("_mta-sts." D, DNS_T_TXT, DNS_SERVFAIL);
	tdu_status("_smtp._tls." D, DNS_T_TXT, DNS_TIMEOUT);
	sc_dns_mtasts(&T.dns, D, &T.r);
	sc_dns_tlsrpt(&T.dns, D, &T.r);
	is_int((long) tdu_nfindings(), 0, "SERVFAIL and timeout: no finding");
	tdu_unrun("dns.mtasts", 1, "_mta-sts SERVFAIL");
	tdu_unrun("dns.tlsrpt", 1, "_smtp._tls timeout");
	tdu_end();
}

static void test_dnsbl(void)
{
	static const char *const zones[] = { "bl.example.net", "other.example.org" };
	const struct sc_finding *f;

	tdu_begin();
	tdu_addr("10.2.0.192.bl.example.net", "127.0.0.2");
	tdu_txt("10.2.0.192.bl.example.net", "listed: see https://bl.example.net/");
	sc_dns_dnsbl(&T.dns, "192.0.2.10", 1, zones, 2, &T.r);
	tdu_expect(SC_ID_DNSBL_LISTED, 1, "address listed");
	tdu_evidence_has(SC_ID_DNSBL_LISTED, "192.0.2.10 is listed in bl.example.net",
			 "names address and zone");
	tdu_evidence_has(SC_ID_DNSBL_LISTED, "see https://bl.example.net/", "gives the reason");
	f = tdu_find(SC_ID_DNSBL_LISTED);
	ok(f && !strstr(f->evidence, "other.example.org"), "one zone named");
	tdu_unrun("", 0, "address listed");
	tdu_end();

	tdu_begin();                    /* by name, two addresses */
	tdu_addr("mail.example.com", "192.0.2.10");
	tdu_addr("mail.example.com", "192.0.2.11");
	tdu_addr("11.2.0.192.bl.example.net", "127.0.0.4");
	sc_dns_dnsbl(&T.dns, "mail.example.com", 0, zones, 1, &T.r);
	tdu_evidence_has(SC_ID_DNSBL_LISTED, "192.0.2.11", "second address of the host");
	tdu_end();

	tdu_begin();
	sc_dns_dnsbl(&T.dns, "192.0.2.10", 1, zones, 2, &T.r);
	tdu_expect(SC_ID_DNSBL_LISTED, 0, "not listed");
	tdu_unrun("", 0, "not listed");
	tdu_end();

	tdu_begin();
	tdu_addr("10.2.0.192.bl.example.net", "127.255.255.254");
	sc_dns_dnsbl(&T.dns, "192.0.2.10", 1, zones, 1, &T.r);
	tdu_expect(SC_ID_DNSBL_LISTED, 0, "list refuses the query");
	tdu_unrun("dns.dnsbl", 1, "list refuses the query");
	tdu_end();

	tdu_begin();
	tdu_addr("10.2.0.192.bl.example.net", "192.0.2.99");
	sc_dns_dnsbl(&T.dns, "192.0.2.10", 1, zones, 1, &T.r);
	tdu_expect(SC_ID_DNSBL_LISTED, 0, "answer outside 127/8");
	tdu_unrun("dns.dnsbl", 1, "answer outside 127/8");
	tdu_end();

	tdu_begin();
	tdu_status("10.2.0.192.bl.example.net", DNS_T_A, DNS_TIMEOUT);
	sc_dns_dnsbl(&T.dns, "192.0.2.10", 1, zones, 1, &T.r);
	tdu_expect(SC_ID_DNSBL_LISTED, 0, "DNSBL timeout");
	tdu_unrun("dns.dnsbl", 1, "DNSBL timeout");
	tdu_end();

	tdu_begin();
	sc_dns_dnsbl(&T.dns, "2001:db8::25", 1, zones, 1, &T.r);
	tdu_unrun("dns.dnsbl", 1, "IPv6 server address");
	tdu_end();

	tdu_begin();
	sc_dns_dnsbl(&T.dns, "192.0.2.10", 1, zones, 0, &T.r);
	is_int((long) (tdu_nfindings() + T.r.nu), 0, "no zones: nothing");
	tdu_end();
}

/* run_group - sc_dns_run for DOMAIN on the current zone */
static void run_group(const char *domain)
{
	struct sc_options opt;
	struct sc_ctx ctx;

	memset(&opt, 0, sizeof(opt));
	memset(&ctx, 0, sizeof(ctx));
	snprintf(opt.smtp_host, sizeof(opt.smtp_host), "127.0.0.1");
	opt.smtp_host_is_addr = 1;
	opt.smtp_port = 25;
	opt.domain = domain;
	ctx.opt = &opt;
	ctx.dns = T.dns;
	ctx.report = &T.r;
	sc_dns_run(&ctx);
}

static void test_group(void)
{
	size_t i, above = 0;

	tdu_begin();
	tdu_clean(D);
	run_group("Example.COM.");
	for (i = 0; i < T.r.n; i++)
		above += T.r.f[i].severity > SC_INFO;
	if (!is_int((long) above, 0, "clean domain: no finding above info"))
		tdu_dump();
	tdu_unrun("", 0, "clean domain");
	tdu_end();

	tdu_begin();
	run_group(NULL);
	tdu_unrun("dns", 1, "no domain");
	is_int((long) tdu_nfindings(), 0, "no domain: no finding");
	tdu_end();

	tdu_begin();
	run_group("192.0.2.1");
	tdu_unrun("dns", 1, "an address for a domain");
	tdu_end();

	tdu_begin();
	run_group("bad..example");
	tdu_unrun("dns", 1, "empty label");
	tdu_end();

	tdu_begin();                    /* the whole zone times out */
	zone_add_timeout(T.z, D);
	{
		static const char *const n[] = {
			"_dmarc." D, "_mta-sts." D, "_smtp._tls." D,
			"default._domainkey." D, "dkim._domainkey." D,
			"mail._domainkey." D, "selector1._domainkey." D,
			"selector2._domainkey." D, "google._domainkey." D,
			"k1._domainkey." D, "k2._domainkey." D, "s1._domainkey." D,
			"s2._domainkey." D, "smtp._domainkey." D, "key1._domainkey." D,
		};

		for (i = 0; i < sizeof(n) / sizeof(n[0]); i++)
			zone_add_timeout(T.z, n[i]);
	}
	run_group(D);
	is_int((long) tdu_nfindings(), 0, "zone timing out: no finding");
	{
		static const char *const groups[] = {
			"dns.mx", "dns.spf", "dns.dkim", "dns.dmarc", "dns.caa",
			"dns.mtasts", "dns.tlsrpt",
		};

		for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
			tdu_unrun(groups[i], 1, "zone timing out");
	}
	tdu_end();
}

int main(void)
{
	test_caa();
	test_caa_rdata();
	test_mtasts_tlsrpt();
	test_dnsbl();
	test_group();
	return tap_done();
}
