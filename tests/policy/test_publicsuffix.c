/*
 * test_publicsuffix - the RFC 7489 organizational domain on libpsl and
 * Debian's list: every checkPublicSuffix() line of the list's own test
 * file (read from CONFORMANCE_DIR), names libpsl would answer for but
 * that are not names, and DMARC evaluation in PSL mode (RFC 7489 6.6.3:
 * two queries at most; pct= sampling with chosen samples; np=, t= and
 * psd= are not RFC 7489 tags).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/dmarc.h"
#include "policy/publicsuffix.h"
#include "tests/lib/zone.h"
#include "tests/lib/tap.h"

static struct publicsuffix *psl;

/* quoted - the next '...' or null argument at *P into OUT; -1 for null */
static int quoted(const char **p, char *out, size_t outlen)
{
	const char *s = *p, *e;

	while (*s == ' ' || *s == ',' || *s == '(')
		s++;
	if (strncmp(s, "null", 4) == 0) {
		*p = s + 4;
		return -1;
	}
	if (*s != '\'' || (e = strchr(s + 1, '\'')) == NULL
	    || (size_t) (e - s) > outlen) {
		*p = s;
		return -2;
	}
	snprintf(out, outlen, "%.*s", (int) (e - s - 1), s + 1);
	*p = e + 1;
	return 0;
}

/* check_line - one checkPublicSuffix(name, expected) line */
static void check_line(const char *line)
{
	const char *p = line + strlen("checkPublicSuffix");
	char name[512], want[512], got[512];
	int nrc, wrc, rc;

	nrc = quoted(&p, name, sizeof(name));
	wrc = quoted(&p, want, sizeof(want));
	if (nrc == -2 || wrc == -2) {
		ok(0, "test_psl line parses: %s", line);
		return;
	}
	got[0] = '\0';
	rc = publicsuffix_orgdomain(psl, nrc == 0 ? name : NULL, got,
				    sizeof(got));
	if (wrc == -1)
		is_int(rc, -1, "%s: null", nrc == 0 ? name : "null");
	else if (is_int(rc, 0, "%s: has an organizational domain", name))
		is_str(got, want, "%s: %s", name, want);
}

/* psl_vectors - test_psl.txt, commented-out lines skipped */
static void psl_vectors(void)
{
	const char *dir = getenv("CONFORMANCE_DIR");
	char path[4096], line[1024], *nl;
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/psl/test_psl.txt",
		 dir ? dir : "tests/conformance/data");
	if ((f = fopen(path, "r")) == NULL) {
		ok(0, "%s can be read", path);
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		if ((nl = strpbrk(line, "\r\n")) != NULL)
			*nl = '\0';
		if (strncmp(line, "checkPublicSuffix(", 18) != 0)
			continue;
		check_line(line);
		n++;
	}
	fclose(f);
	is_int(n, 78, "all 78 active checkPublicSuffix lines were read");
}

/* names - what libpsl alone gets wrong, and the edges of a name */
static void names(void)
{
	static const char *const bad[] = {
		"mac...com", "exa mple.com", "example..com", ".", "",
		"a@b.example.com", "example.com/x", "\xff\xfe.com",
		"\xc0\xae.com", "\xed\xa0\x80.com", "\xe6\x97.com",
	};
	char out[256], longname[300];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(publicsuffix_orgdomain(psl, bad[i], out, sizeof(out)), -1,
		       "not a name (%zu): -1", i);
	if (is_int(publicsuffix_orgdomain(psl, "www.Example.COM.", out,
					  sizeof(out)), 0, "root dot"))
		is_str(out, "example.com", "root dot dropped, lowercased");
	is_int(publicsuffix_orgdomain(psl, "www.example.com", out, 11), -1,
	       "a buffer too small is -1, not a cut name");
	memset(longname, 'a', sizeof(longname));
	for (i = 63; i < 260; i += 64)
		longname[i] = '.';
	snprintf(longname + 250, sizeof(longname) - 250, ".com");
	is_int(publicsuffix_orgdomain(psl, longname, out, sizeof(out)), -1,
	       "254 octets: -1");
	is_int(publicsuffix_orgdomain(NULL, "example.com", out, sizeof(out)),
	       -1, "no list: -1");
}

/* load_errors - a missing file is an error with its name */
static void load_errors(void)
{
	char err[256] = "";

	ok(publicsuffix_load("/nonexistent/psl.dat", err, sizeof(err)) == NULL,
	   "missing list: NULL");
	ok(strstr(err, "/nonexistent/psl.dat") != NULL, "error names it: %s",
	   err);
}

static struct zone *z;
static struct dns_client dns;

/* txt - add a TXT record given as a C string */
static void txt(const char *name, const char *text)
{
	if (zone_add_txt(z, name, text, strlen(text)) < 0)
		ok(0, "zone accepts TXT for %s", name);
}

/* eval - PSL mode: From FROM, SAMPLE, a passing DKIM signature by DKIM_D
 * (NULL: none); returns the outcome's query count in *Q */
static void eval(const char *from, unsigned sample, const char *dkim_d,
		 struct dmarc_outcome *out, unsigned long *q)
{
	struct dmarc_dkim sig = {dkim_d, 1, 0};
	struct dmarc_request req;
	unsigned long before = zone_queries(z);

	memset(&req, 0, sizeof(req));
	req.from_domain = from;
	req.spf = SPF_NONE;
	req.dkim = &sig;
	req.ndkim = dkim_d ? 1 : 0;
	req.mode = DMARC_ORG_PSL;
	req.psl = psl;
	req.sample = sample;
	dmarc_evaluate(&dns, &req, out);
	*q = zone_queries(z) - before;
}

/* expect - result, policy and disposition */
static void expect(const struct dmarc_outcome *out, enum dmarc_result res,
		   enum dmarc_policy policy, enum dmarc_disposition dis,
		   const char *what)
{
	if (!is_str(dmarc_result_name(out->result), dmarc_result_name(res),
		    "%s: result", what))
		diag("  reason: %s", out->reason);
	is_str(dmarc_policy_name(out->policy), dmarc_policy_name(policy),
	       "%s: policy", what);
	is_str(dmarc_disposition_name(out->disposition),
	       dmarc_disposition_name(dis), "%s: disposition", what);
}

/* pct - RFC 7489 6.6.4: sampled when sample < pct, else one step softer */
static void pct(void)
{
	static const struct {
		const char *from;
		unsigned sample;
		enum dmarc_disposition dis;
	} cases[] = {
		{"pct0.example.com", 0, DMARC_DIS_QUARANTINE},
		{"pct0.example.com", 99, DMARC_DIS_QUARANTINE},
		{"pct50.example.com", 0, DMARC_DIS_REJECT},
		{"pct50.example.com", 49, DMARC_DIS_REJECT},
		{"pct50.example.com", 50, DMARC_DIS_QUARANTINE},
		{"pct50.example.com", 99, DMARC_DIS_QUARANTINE},
		{"pct100.example.com", 0, DMARC_DIS_REJECT},
		{"pct100.example.com", 99, DMARC_DIS_REJECT},
		{"q0.example.com", 0, DMARC_DIS_NONE},
		{"q50.example.com", 10, DMARC_DIS_QUARANTINE},
		{"q50.example.com", 60, DMARC_DIS_NONE},
	};
	struct dmarc_outcome out;
	unsigned long q;
	char what[128];
	size_t i;

	txt("_dmarc.pct0.example.com", "v=DMARC1; p=reject; pct=0");
	txt("_dmarc.pct50.example.com", "v=DMARC1; p=reject; pct=50");
	txt("_dmarc.pct100.example.com", "v=DMARC1; p=reject; pct=100");
	txt("_dmarc.q0.example.com", "v=DMARC1; p=quarantine; pct=0");
	txt("_dmarc.q50.example.com", "v=DMARC1; p=quarantine; pct=50");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(what, sizeof(what), "PSL mode %s sample %u",
			 cases[i].from, cases[i].sample);
		eval(cases[i].from, cases[i].sample, NULL, &out, &q);
		is_str(dmarc_disposition_name(out.disposition),
		       dmarc_disposition_name(cases[i].dis), "%s", what);
	}
	eval("pct0.example.com", 0, "pct0.example.com", &out, &q);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_REJECT, DMARC_DIS_NONE,
	       "pct does not touch a pass");
}

/* psl_mode - discovery and alignment by RFC 7489 */
static void psl_mode(void)
{
	struct dmarc_outcome out;
	unsigned long q;

	txt("_dmarc.example.co.uk", "v=DMARC1; p=reject; sp=quarantine");
	txt("_dmarc.co.uk", "v=DMARC1; p=none; psd=y");
	eval("mail.shop.example.co.uk", 0, NULL, &out, &q);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_QUARANTINE, "record at the PSL org domain: sp=");
	is_str(out.org_domain, "example.co.uk", "PSL org domain");
	is_str(out.policy_domain, "example.co.uk", "policy domain");
	is_int((long) q, 2, "two queries, no tree walk");
	eval("mail.shop.example.co.uk", 0, "example.co.uk", &out, &q);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_NONE, "DKIM by the PSL org domain aligns");
	eval("example.co.uk", 0, "other.co.uk", &out, &q);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "DKIM by another registrant does not");
	eval("example.co.uk", 0, "co.uk", &out, &q);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "DKIM by the public suffix does not");
	eval("unlisted.co.uk", 0, NULL, &out, &q);
	expect(&out, DMARC_RESULT_NONE, DMARC_POLICY_UNSET, DMARC_DIS_NONE,
	       "no record at the name or its org domain: none (no PSD walk)");
	is_int((long) q, 1, "an org domain equal to the name is asked once");

	txt("_dmarc.npdomain.com",
	    "v=DMARC1; p=reject; sp=none; np=reject; t=y");
	eval("ghost.npdomain.com", 0, NULL, &out, &q);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_NONE, DMARC_DIS_NONE,
	       "np= is not an RFC 7489 tag");
	is_int((long) q, 2, "so no existence query");
	eval("npdomain.com", 0, NULL, &out, &q);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "t=y is not an RFC 7489 tag");

	txt("_dmarc.sub.twodomain.com", "v=DMARC1; p=none");
	txt("_dmarc.sub.twodomain.com", "v=DMARC1; p=none");
	txt("_dmarc.twodomain.com", "v=DMARC1; p=reject");
	eval("sub.twodomain.com", 0, NULL, &out, &q);
	expect(&out, DMARC_RESULT_NONE, DMARC_POLICY_UNSET, DMARC_DIS_NONE,
	       "several records end RFC 7489 discovery (6.6.3 step 5)");
	txt("_dmarc.nop.example.com", "v=DMARC1; sp=reject");
	eval("nop.example.com", 0, NULL, &out, &q);
	expect(&out, DMARC_RESULT_NONE, DMARC_POLICY_UNSET, DMARC_DIS_NONE,
	       "RFC 7489 requires p=; without rua: none");
	txt("_dmarc.nopr.example.com", "v=DMARC1; rua=mailto:d@example.com");
	eval("nopr.example.com", 0, NULL, &out, &q);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_NONE, DMARC_DIS_NONE,
	       "RFC 7489 without p= but with rua: p=none");
	zone_add_status(z, "_dmarc.flakydomain.com", DNS_T_TXT, DNS_SERVFAIL);
	eval("x.flakydomain.com", 0, NULL, &out, &q);
	expect(&out, DMARC_RESULT_TEMPERROR, DMARC_POLICY_UNSET,
	       DMARC_DIS_NONE, "SERVFAIL at the org domain: temperror");
	eval("b\xc3\xbc" "cher.example.com", 0, NULL, &out, &q);
	is_str(dmarc_result_name(out.result), "permerror",
	       "U-label From domain: permerror in PSL mode too");
}

/* no_list - PSL mode without a list cannot decide */
static void no_list(void)
{
	struct dmarc_request req;
	struct dmarc_outcome out;

	memset(&req, 0, sizeof(req));
	req.from_domain = "example.co.uk";
	req.mode = DMARC_ORG_PSL;
	is_str(dmarc_result_name(dmarc_evaluate(&dns, &req, &out)),
	       "temperror", "PSL mode without a list: temperror, not none");
}

int main(void)
{
	char err[256];

	if ((psl = publicsuffix_load(NULL, err, sizeof(err))) == NULL) {
		ok(0, "the default list loads: %s", err);
		return tap_done();
	}
	psl_vectors();
	names();
	load_errors();
	if ((z = zone_new()) == NULL)
		abort();
	zone_client(z, &dns);
	pct();
	psl_mode();
	no_list();
	zone_free(z);
	publicsuffix_free(psl);
	return tap_done();
}
