/*
 * test_dmarc - RFC 9989 evaluation against zones built here: alignment
 * (SPF MAIL FROM and each DKIM pass, strict and relaxed), the tree walk
 * (a policy four labels up, names of more than 8 labels, psd=y and psd=n),
 * sp= against np= for a From domain that does not exist, t=y, several
 * records at one name, other TXT records, an unusable p=, DNS trouble
 * anywhere it can change the answer, From domains that are not domains,
 * and the query budget of the walk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/dmarc.h"
#include "tests/lib/zone.h"
#include "tests/lib/tap.h"

static struct zone *z;
static struct dns_client dns;

/* fresh - a new empty zone for the next group of cases */
static void fresh(void)
{
	zone_free(z);
	if ((z = zone_new()) == NULL)
		abort();
	zone_client(z, &dns);
}

/* txt - add a TXT record given as a C string */
static void txt(const char *name, const char *text)
{
	if (zone_add_txt(z, name, text, strlen(text)) < 0)
		ok(0, "zone accepts TXT for %s", name);
}

/* addr - add an A record */
static void addr(const char *name, const char *ip)
{
	if (zone_add_addr(z, name, ip) < 0)
		ok(0, "zone accepts %s for %s", ip, name);
}

/* request - From FROM, SPF result for SPF_DOMAIN, DKIM signatures */
static struct dmarc_request request(const char *from, enum spf_result spf,
				    const char *spf_domain,
				    const struct dmarc_dkim *dkim, size_t ndkim)
{
	struct dmarc_request req;

	memset(&req, 0, sizeof(req));
	req.from_domain = from;
	req.spf = spf;
	req.spf_domain = spf_domain;
	req.dkim = dkim;
	req.ndkim = ndkim;
	req.mode = DMARC_ORG_TREEWALK;
	return req;
}

/* queries - what an evaluation cost, as the zone counted it */
static unsigned long queries;

/* run - evaluate REQ, remember the zone's query count */
static enum dmarc_result run(const struct dmarc_request *req,
			     struct dmarc_outcome *out)
{
	unsigned long before = zone_queries(z);
	enum dmarc_result r = dmarc_evaluate(&dns, req, out);

	queries = zone_queries(z) - before;
	return r;
}

/* eval - From FROM with an SPF pass for SPF_DOMAIN (NULL: SPF none) and a
 * passing DKIM signature by DKIM_D (NULL: none) */
static enum dmarc_result eval(const char *from, const char *spf_domain,
			      const char *dkim_d, struct dmarc_outcome *out)
{
	struct dmarc_dkim sig = {dkim_d, 1, 0};
	struct dmarc_request req = request(from, spf_domain ? SPF_PASS
					   : SPF_NONE, spf_domain, &sig,
					   dkim_d ? 1 : 0);

	return run(&req, out);
}

/* expect - result, the policy that applies and the disposition */
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

/* comment_as - the policy comment of OUT, showing disposition DIS */
static const char *comment_as(const struct dmarc_outcome *out,
			      enum dmarc_disposition dis)
{
	static char buf[128];

	dmarc_policy_comment(out, dis, buf, sizeof(buf));
	return buf;
}

/* comment - the same with the disposition OUT's policy asks for */
static const char *comment(const struct dmarc_outcome *out)
{
	return comment_as(out, out->disposition);
}

/* test_alignment - SPF and DKIM, relaxed and strict */
static void test_alignment(void)
{
	struct dmarc_outcome out;

	fresh();
	txt("_dmarc.al.example", "v=DMARC1; p=reject; rua=mailto:d@al.example");
	txt("_dmarc.strict.example", "v=DMARC1; p=reject; adkim=s; aspf=s");
	txt("_dmarc.other.example", "v=DMARC1; p=none");
	eval("al.example", "bounce.al.example", NULL, &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_REJECT, DMARC_DIS_NONE,
	       "relaxed SPF pass for a subdomain");
	ok(out.spf_aligned && !out.dkim_aligned, "SPF aligned, DKIM not");
	is_str(out.org_domain, "al.example", "organizational domain");
	is_str(out.policy_domain, "al.example", "policy domain");
	eval("al.example", NULL, "AL.Example", &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_REJECT, DMARC_DIS_NONE,
	       "DKIM pass for the From domain (any case)");
	ok(out.dkim_aligned && !out.spf_aligned, "DKIM aligned, SPF not");
	eval("mail.al.example", NULL, "al.example", &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_REJECT, DMARC_DIS_NONE,
	       "relaxed DKIM pass for the parent of the From domain");
	eval("al.example", "other.example", "other.example", &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "SPF and DKIM pass for an unrelated domain");
	is_str(comment(&out), "p=reject sp=reject dis=reject",
	       "AR comment of a reject");
	is_str(comment_as(&out, DMARC_DIS_NONE), "p=reject sp=reject dis=none",
	       "the comment shows the disposition applied (ReportOnly), not the policy's");
	is_str(out.reason, "no aligned SPF or DKIM pass", "reason for fail");
	eval("al.example", "xal.example", "l.example", &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "look-alike names are not subdomains");
	eval("strict.example", "strict.example", NULL, &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_REJECT, DMARC_DIS_NONE,
	       "strict SPF pass for the same name");
	eval("strict.example", "bounce.strict.example",
	     "mail.strict.example", &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "strict: subdomains do not align");
	is_int((long) queries, 1, "strict alignment walks no identifier");
}

/* test_spf_results - only an SPF pass counts, whatever the domain */
static void test_spf_results(void)
{
	static const enum spf_result notpass[] = {
		SPF_NONE, SPF_NEUTRAL, SPF_FAIL, SPF_SOFTFAIL, SPF_PERMERROR,
	};
	struct dmarc_outcome out;
	struct dmarc_request req;
	size_t i;

	fresh();
	txt("_dmarc.sr.example", "v=DMARC1; p=quarantine");
	for (i = 0; i < sizeof(notpass) / sizeof(notpass[0]); i++) {
		req = request("sr.example", notpass[i], "sr.example", NULL, 0);
		run(&req, &out);
		expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
		       DMARC_DIS_QUARANTINE, spf_result_name(notpass[i]));
	}
	req = request("sr.example", SPF_PASS, NULL, NULL, 0);
	run(&req, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_QUARANTINE, "SPF pass without a domain");
}

/* test_dkim_list - any passing signature may align; failing ones never */
static void test_dkim_list(void)
{
	struct dmarc_dkim sigs[3] = {
		{"dl.example", 0, 0},           /* failed */
		{"evil.example", 1, 0},
		{"mail.dl.example", 1, 0},
	};
	struct dmarc_outcome out;
	struct dmarc_request req;

	fresh();
	txt("_dmarc.dl.example", "v=DMARC1; p=reject");
	req = request("dl.example", SPF_FAIL, "dl.example", sigs, 3);
	run(&req, &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_REJECT, DMARC_DIS_NONE,
	       "the third signature aligns");
	req = request("dl.example", SPF_FAIL, "dl.example", sigs, 2);
	run(&req, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "a failed signature for the From domain does not count");
}

/* test_deep - the policy four labels up, and names of more than 8 labels
 * (RFC 9989 4.10 steps 3-4 and its example) */
static void test_deep(void)
{
	struct dmarc_outcome out;

	fresh();
	txt("_dmarc.org4.example", "v=DMARC1; p=quarantine; sp=reject");
	eval("a.b.c.d.org4.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "policy four labels up: sp= applies");
	is_str(out.policy_domain, "org4.example", "policy domain four up");
	is_str(out.org_domain, "org4.example", "organizational domain");
	is_int((long) queries, 6, "six queries, to _dmarc.example");
	is_int(out.dns_queries, 6, "the outcome counts the same");
	eval("a.b.c.d.org4.example", NULL, "org4.example", &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_REJECT, DMARC_DIS_NONE,
	       "DKIM by the organizational domain aligns four labels down");
	eval("a.b.c.d.org4.example", NULL, "x.b.c.d.org4.example", &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_REJECT, DMARC_DIS_NONE,
	       "DKIM by a cousin under the same organizational domain");

	/* 13 labels: a.b.c.d.e.f then g.h.i.j.mail.long.example (7) ... */
	txt("_dmarc.long.example", "v=DMARC1; p=reject");
	/* an 8-label name the walk must skip: psd=n would end it there */
	txt("_dmarc.f.g.h.i.j.mail.long.example",
	    "v=DMARC1; p=none; psd=n");
	eval("a.b.c.d.e.f.g.h.i.j.mail.long.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "13 labels: the walk jumps to 7 and finds long.example");
	is_str(out.policy_domain, "long.example", "8-label name skipped");
	is_int((long) queries, 8, "13 labels: 8 queries");
	txt("_dmarc.g.h.i.j.mail.long2.example",
	    "v=DMARC1; p=quarantine; psd=n");
	txt("_dmarc.long2.example", "v=DMARC1; p=reject");
	eval("a.b.c.d.e.f.g.h.i.j.mail.long2.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_QUARANTINE, "13 labels: the 7-label suffix is asked");
	is_str(out.policy_domain, "g.h.i.j.mail.long2.example",
	       "psd=n at the 7-label suffix");
	is_int((long) queries, 2, "the start, then the 7-label suffix");
	/* exactly 8 labels: one label off, as for shorter names */
	txt("_dmarc.b.c.d.e.f.eight.example", "v=DMARC1; p=none; psd=n");
	eval("a.b.c.d.e.f.eight.example", NULL, NULL, &out);
	is_str(out.policy_domain, "b.c.d.e.f.eight.example",
	       "8 labels: the next name has 7");
	is_int((long) queries, 2, "8 labels: two queries to find it");
}

/* test_budget - never more than 8 queries for one walk, whatever the depth */
static void test_budget(void)
{
	struct dmarc_outcome out;
	char name[300];
	size_t depth, o;
	int worst = 0;

	fresh();
	for (depth = 1; depth <= 60; depth++) {
		for (o = 0; o < depth && o * 2 + 10 < sizeof(name); o++)
			memcpy(name + o * 2, "x.", 2);
		snprintf(name + o * 2, sizeof(name) - o * 2, "budget.example");
		eval(name, "bounce.budget.example", "x.budget.example", &out);
		if (out.result != DMARC_RESULT_NONE
		    && out.result != DMARC_RESULT_PERMERROR)
			ok(0, "depth %zu: none or permerror, got %s", depth,
			   dmarc_result_name(out.result));
		if ((int) queries > worst)
			worst = (int) queries;
	}
	is_int(worst, 8, "no records anywhere, 1 to 62 labels: at most 8 "
	       "queries");
	eval("a.b.c.d.e.f.g.h.i.j.k.budget.example", NULL, NULL, &out);
	is_str(dmarc_result_name(out.result), "none", "no record: none");
	is_str(out.reason, "no DMARC record", "reason for none");
	is_int((long) queries, 8, "13 labels, no record: exactly 8 queries");
}

/* test_psd - psd=y ends the walk and sets the organizational domain one
 * label below it (RFC 9989 4.10.2 rule 2, example B.4.3); psd=n ends it
 * at itself (rule 1) */
static void test_psd(void)
{
	struct dmarc_outcome out;

	fresh();
	txt("_dmarc.bank.example", "v=DMARC1; p=reject; sp=quarantine; psd=y");
	txt("_dmarc.giant.bank.example", "v=DMARC1; p=none");
	eval("giant.bank.example", "mail.giant.bank.example",
	     "mail.mega.bank.example", &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_NONE, DMARC_DIS_NONE,
	       "B.4.3: SPF aligns under the PSD");
	ok(out.spf_aligned && !out.dkim_aligned,
	   "B.4.3: DKIM by mega.bank.example does not");
	is_str(out.org_domain, "giant.bank.example", "B.4.3: organizational");
	eval("shop.tiny.bank.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_QUARANTINE, "no org record: the PSD's sp= applies");
	is_str(out.policy_domain, "bank.example", "PSD is the policy domain");
	is_str(out.org_domain, "tiny.bank.example", "one label below psd=y");
	is_int((long) queries, 3, "psd=y ends the walk before _dmarc.example");
	eval("shop.tiny.bank.example", NULL, "tiny.bank.example", &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_NONE, "DKIM by the organizational domain");
	eval("shop.tiny.bank.example", NULL, "bank.example", &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_QUARANTINE, "DKIM by the PSD itself does not align");
	eval("shop.tiny.bank.example", "x.other.bank.example", NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_QUARANTINE, "a sibling registrant does not align");
	eval("bank.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "mail from the PSD itself: its p=");
	is_str(out.org_domain, "bank.example", "a PSD is its own org domain");

	txt("_dmarc.dept.corp.example", "v=DMARC1; p=quarantine; psd=n");
	txt("_dmarc.corp.example", "v=DMARC1; p=reject");
	eval("x.dept.corp.example", NULL, "corp.example", &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_QUARANTINE, "psd=n: the walk stops at dept");
	is_str(out.org_domain, "dept.corp.example", "psd=n org domain");
	is_int((long) queries, 2, "corp.example cannot share dept's org "
	       "domain: no walk for it");
	eval("x.dept.corp.example", NULL, "mail.dept.corp.example", &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_NONE, "psd=n: DKIM under dept aligns");
	/* without psd=, the record with the fewest labels is the org */
	txt("_dmarc.sub.corp.example", "v=DMARC1; p=none; sp=none");
	eval("x.sub.corp.example", NULL, "corp.example", &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_REJECT, DMARC_DIS_NONE,
	       "psd=u: corp.example is the org, DKIM aligns");
	is_str(out.policy_domain, "corp.example",
	       "psd=u: the org's record applies, not sub's");
	eval("sub.corp.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_NONE, DMARC_DIS_NONE,
	       "a record at the From domain itself wins");
	is_str(out.org_domain, "", "nothing needed its org domain");
	is_int((long) queries, 1, "so one query was enough");
	eval("sub.corp.example", NULL, "x.corp.example", &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_NONE, DMARC_DIS_NONE,
	       "relaxed DKIM by a sibling under corp.example");
	is_str(out.org_domain, "corp.example", "its org domain is corp");
	is_int((long) queries, 4, "walks: sub.corp, corp, example; x.corp");
}

/* test_np - np= for a From domain that does not exist, sp= for one that
 * does (RFC 9989 4.7, 4.10.1, 3.2.13) */
static void test_np(void)
{
	struct dmarc_outcome out;

	fresh();
	txt("_dmarc.np.example",
	    "v=DMARC1; p=none; sp=quarantine; np=reject");
	addr("np.example", "192.0.2.1");
	addr("real.np.example", "192.0.2.2");
	zone_add_name(z, "_dmarc.named.np.example");
	eval("ghost.np.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "NXDOMAIN From subdomain: np=");
	is_int((long) queries, 4, "walk of 3, then one A query");
	eval("real.np.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_QUARANTINE, "existing From subdomain: sp=");
	eval("named.np.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_QUARANTINE, "_dmarc.<name> exists, so <name> does");
	is_int((long) queries, 3, "no A query needed then");
	eval("np.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_NONE, DMARC_DIS_NONE,
	       "the domain itself: p=");
	eval("ghost.np.example", NULL, "np.example", &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_NONE, "pass: no existence test, policy shows sp=");
	is_int((long) queries, 3, "pass costs no A query");
	zone_add_status(z, "slow.np.example", DNS_T_A, DNS_TIMEOUT);
	eval("slow.np.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_TEMPERROR, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_NONE, "existence test times out: temperror");
	txt("_dmarc.nonp.example", "v=DMARC1; p=reject; sp=quarantine");
	eval("ghost.nonp.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_QUARANTINE, "no np=: sp= for a missing subdomain");
	is_int((long) queries, 3, "no np=: no A query");
	txt("_dmarc.onlynp.example", "v=DMARC1; p=quarantine; np=reject");
	eval("ghost.onlynp.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "np= without sp=: np= for a missing subdomain");
	addr("real.onlynp.example", "192.0.2.3");
	eval("real.onlynp.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_QUARANTINE, "np= without sp=: p= for an existing one");
}

/* test_testing - t=y: one step softer (RFC 9989 4.7) */
static void test_testing(void)
{
	struct dmarc_outcome out;

	fresh();
	txt("_dmarc.treject.example", "v=DMARC1; p=reject; t=y");
	txt("_dmarc.tquar.example", "v=DMARC1; p=quarantine; t=y");
	txt("_dmarc.tnone.example", "v=DMARC1; p=none; t=y");
	txt("_dmarc.tsub.example", "v=DMARC1; p=none; sp=reject; t=y");
	eval("treject.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT,
	       DMARC_DIS_QUARANTINE, "t=y: reject becomes quarantine");
	is_str(comment(&out), "p=reject sp=reject dis=quarantine",
	       "AR comment under t=y");
	eval("tquar.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_NONE, "t=y: quarantine becomes none");
	eval("tnone.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_NONE, DMARC_DIS_NONE,
	       "t=y: none stays none");
	eval("a.tsub.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT,
	       DMARC_DIS_QUARANTINE, "t=y softens sp= too");
	txt("_dmarc.pct.example", "v=DMARC1; p=reject; pct=0");
	eval("pct.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "pct=0 means nothing under RFC 9989 (A.6)");
}

/* test_records - several records, other TXT, unusable p=, bad records */
static void test_records(void)
{
	struct dmarc_outcome out;

	fresh();
	txt("_dmarc.sub.multi.example", "v=DMARC1; p=none");
	txt("_dmarc.sub.multi.example", "v=DMARC1; p=reject");
	txt("_dmarc.multi.example", "v=DMARC1; p=quarantine");
	eval("sub.multi.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_QUARANTINE, "two records discarded, the walk goes on");
	is_str(out.policy_domain, "multi.example", "the parent's record");
	txt("_dmarc.twice.example", "v=DMARC1; p=none");
	txt("_dmarc.twice.example", "v=DMARC1; p=none");
	eval("twice.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_NONE, DMARC_POLICY_UNSET, DMARC_DIS_NONE,
	       "two records and nothing above: none");
	ok(strstr(out.reason, "2 DMARC records") != NULL,
	   "reason names the discarded records: %s", out.reason);
	txt("_dmarc.txt.example", "google-site-verification=abc");
	txt("_dmarc.txt.example", "v=spf1 -all");
	txt("_dmarc.txt.example", "v=DMARC1; p=reject");
	eval("txt.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "other TXT records beside the DMARC one are ignored");
	txt("_dmarc.onlytxt.example", "hello");
	eval("onlytxt.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_NONE, DMARC_POLICY_UNSET, DMARC_DIS_NONE,
	       "only a non-DMARC TXT record: none");
	txt("_dmarc.badp.example",
	    "v=DMARC1; p=bogus; sp=reject; rua=mailto:d@badp.example");
	eval("badp.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_NONE, DMARC_DIS_NONE,
	       "invalid p with rua: p=none (4.10.1)");
	is_str(comment(&out), "p=none sp=none dis=none",
	       "AR comment: everything none");
	eval("x.badp.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_NONE, DMARC_DIS_NONE,
	       "invalid p with rua: its sp=reject is gone too");
	txt("_dmarc.badp2.example", "v=DMARC1; p=bogus; sp=reject");
	eval("badp2.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_NONE, DMARC_POLICY_UNSET, DMARC_DIS_NONE,
	       "invalid p without rua: no DMARC processing (4.10.1)");
	ok(!out.found, "no record applied");
	txt("_dmarc.nop.example", "v=DMARC1; rua=mailto:d@nop.example");
	eval("nop.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_NONE, DMARC_DIS_NONE,
	       "a record without p is p=none (4.7)");
	txt("_dmarc.dup.example", "v=DMARC1; p=none; p=reject");
	eval("dup.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_PERMERROR, DMARC_POLICY_UNSET,
	       DMARC_DIS_NONE, "an unreadable record and nothing above");
	ok(strstr(out.reason, "given twice") != NULL, "reason: %s",
	   out.reason);
	txt("_dmarc.dupsub.multi.example", "v=DMARC1; p=none; p=reject");
	eval("dupsub.multi.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_QUARANTINE,
	       DMARC_DIS_QUARANTINE, "an unreadable record, the parent's "
	       "applies");
}

/* test_dns_trouble - temperror wherever DNS trouble could change it */
static void test_dns_trouble(void)
{
	struct dmarc_dkim sigs[2] = {{"evil.example", 1, 0}, {NULL, 0, 1}};
	struct dmarc_outcome out;
	struct dmarc_request req;

	fresh();
	zone_add_status(z, "_dmarc.sf.example", DNS_T_TXT, DNS_SERVFAIL);
	eval("a.sf.example", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_TEMPERROR, DMARC_POLICY_UNSET,
	       DMARC_DIS_NONE, "SERVFAIL during the walk");
	is_str(out.reason, "DNS error for _dmarc.sf.example",
	       "reason names the query");
	zone_add_timeout(z, "_dmarc.to.example");
	eval("to.example", "to.example", NULL, &out);
	expect(&out, DMARC_RESULT_TEMPERROR, DMARC_POLICY_UNSET,
	       DMARC_DIS_NONE, "timeout on the From domain's own query");
	/* the From domain's record is found, the TLD query fails */
	zone_add_status(z, "_dmarc.flaky", DNS_T_TXT, DNS_SERVFAIL);
	txt("_dmarc.rec.flaky", "v=DMARC1; p=reject");
	eval("rec.flaky", NULL, "rec.flaky", &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_REJECT, DMARC_DIS_NONE,
	       "DKIM for the From domain itself needs no org domain");
	eval("rec.flaky", NULL, "mail.rec.flaky", &out);
	expect(&out, DMARC_RESULT_TEMPERROR, DMARC_POLICY_REJECT,
	       DMARC_DIS_NONE, "relaxed alignment left open by DNS");
	eval("rec.flaky", "other.example", NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "another TLD cannot align whatever DNS says");
	/* an identifier's own walk fails */
	txt("_dmarc.idw.example", "v=DMARC1; p=reject");
	zone_add_status(z, "_dmarc.mail.idw.example", DNS_T_TXT, DNS_TIMEOUT);
	eval("idw.example", NULL, "mail.idw.example", &out);
	expect(&out, DMARC_RESULT_TEMPERROR, DMARC_POLICY_REJECT,
	       DMARC_DIS_NONE, "the DKIM domain's walk times out");
	eval("idw.example", "idw.example", "mail.idw.example", &out);
	expect(&out, DMARC_RESULT_PASS, DMARC_POLICY_REJECT, DMARC_DIS_NONE,
	       "unless something else aligns");
	/* SPF or DKIM temperror for a domain that would align */
	req = request("idw.example", SPF_TEMPERROR, "idw.example", sigs, 1);
	run(&req, &out);
	expect(&out, DMARC_RESULT_TEMPERROR, DMARC_POLICY_REJECT,
	       DMARC_DIS_NONE, "SPF temperror for the From domain");
	req = request("idw.example", SPF_TEMPERROR, "spf.other.example", sigs,
		      1);
	run(&req, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "SPF temperror for an unrelated domain is a fail");
	sigs[1].domain = "idw.example";
	req = request("idw.example", SPF_FAIL, "idw.example", sigs, 2);
	run(&req, &out);
	expect(&out, DMARC_RESULT_TEMPERROR, DMARC_POLICY_REJECT,
	       DMARC_DIS_NONE, "DKIM key temperror for the From domain");
	sigs[1].domain = "evil2.example";
	run(&req, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "DKIM key temperror for an unrelated domain is a fail");
}

/* test_bad_from - a From domain that is not a host name: permerror, no
 * query (none would claim there is no policy, which was never asked) */
static void test_bad_from(void)
{
	static const char *const bad[] = {
		"b\xc3\xbc" "cher.example", "exa mple.example", ".example.com",
		"example..com", "", "a_b@c.example", "ex\x01" "ample.com",
		"[192.0.2.1]",
	};
	struct dmarc_outcome out;
	char longname[300];
	size_t i;

	fresh();
	txt("_dmarc.example.com", "v=DMARC1; p=reject");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		eval(bad[i], NULL, NULL, &out);
		is_str(dmarc_result_name(out.result), "permerror",
		       "From domain %zu is not a host name: permerror", i);
		is_int((long) queries, 0, "From domain %zu: no query", i);
	}
	memset(longname, 'a', sizeof(longname));
	for (i = 63; i < 260; i += 64)
		longname[i] = '.';
	snprintf(longname + 250, sizeof(longname) - 250, ".com");
	eval(longname, NULL, NULL, &out);
	is_str(dmarc_result_name(out.result), "permerror",
	       "254-octet From domain: permerror");
	snprintf(longname + 249, sizeof(longname) - 249, ".com");
	eval(longname, NULL, NULL, &out);
	is_str(dmarc_result_name(out.result), "none",
	       "253-octet From domain is a name (no record there)");
	eval("EXAMPLE.com.", NULL, NULL, &out);
	expect(&out, DMARC_RESULT_FAIL, DMARC_POLICY_REJECT, DMARC_DIS_REJECT,
	       "upper case and the root dot are the same domain");
	is_str(out.policy_domain, "example.com", "normalized policy domain");
}

/* asked - the names D asked, "a b c" */
static const char *asked(const struct dmarc_discovery *d)
{
	static char buf[1024];
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < d->nasked && o < sizeof(buf); i++)
		o += (size_t) snprintf(buf + o, sizeof(buf) - o, "%s%s%s",
				       i ? " " : "", d->asked[i].domain,
				       d->asked[i].several ? "(several)" : "");
	return buf;
}

/* test_discover - policy discovery alone finds what the evaluation
 * enforces, and says which names it asked on the way */
static void test_discover(void)
{
	struct dmarc_discovery d;
	struct dmarc_outcome out;

	fresh();
	txt("_dmarc.example.com", "v=DMARC1; p=reject; sp=quarantine");
	txt("_dmarc.b.example.com", "v=DMARC1; p=none");
	txt("_dmarc.b.example.com", "v=DMARC1; p=none; rua=mailto:x@b.example.com");
	addr("a.b.example.com", "192.0.2.1");
	ok(dmarc_discover(&dns, DMARC_ORG_TREEWALK, NULL, "A.b.example.com", &d)
	   == 0 && d.outcome.found, "discover: a record applies");
	is_str(d.outcome.policy_domain, "example.com",
	       "discover: several records at b.example.com are passed over, "
	       "the walk goes on to example.com");
	is_str(dmarc_policy_name(d.outcome.policy), "quarantine",
	       "discover: sp= applies to the subdomain");
	is_str(asked(&d), "a.b.example.com b.example.com(several) example.com com",
	       "discover: the names asked, in order");
	eval("a.b.example.com", NULL, NULL, &out);
	ok(out.found && strcmp(out.policy_domain, d.outcome.policy_domain) == 0
	   && out.policy == d.outcome.policy,
	   "discover: the evaluation of a failing message uses the same record");

	fresh();
	txt("_dmarc.example.org", "v=DMARC1; p=reject");
	dmarc_discover(&dns, DMARC_ORG_TREEWALK, NULL,
		       "a.b.c.d.e.f.g.h.i.example.org", &d);
	is_str(asked(&d), "a.b.c.d.e.f.g.h.i.example.org e.f.g.h.i.example.org "
	       "f.g.h.i.example.org g.h.i.example.org "
	       "h.i.example.org i.example.org example.org org",
	       "discover: a 11-label name jumps to its 7-label suffix (4.10)");
	is_str(d.outcome.policy_domain, "example.org", "discover: found up the tree");

	fresh();
	txt("_dmarc.example.net", "v=DMARC1; p=reject");
	zone_add_timeout(z, "_dmarc.sub.example.net");
	dmarc_discover(&dns, DMARC_ORG_TREEWALK, NULL, "sub.example.net", &d);
	ok(!d.outcome.found && d.outcome.result == DMARC_RESULT_TEMPERROR
	   && d.nasked == 1 && d.asked[0].status == DNS_TIMEOUT,
	   "discover: a timeout on the way is temperror, not the parent's record");

	fresh();
	dmarc_discover(&dns, DMARC_ORG_TREEWALK, NULL, "none.example", &d);
	ok(!d.outcome.found && d.outcome.result == DMARC_RESULT_NONE,
	   "discover: no record anywhere is none");
	is_str(asked(&d), "none.example example", "discover: both names asked");
	dmarc_discover(&dns, DMARC_ORG_TREEWALK, NULL, "not a domain", &d);
	ok(d.outcome.result == DMARC_RESULT_PERMERROR && d.nasked == 0,
	   "discover: a name that is not a host name is permerror, nothing asked");
}

int main(void)
{
	test_alignment();
	test_spf_results();
	test_dkim_list();
	test_deep();
	test_budget();
	test_psd();
	test_np();
	test_testing();
	test_records();
	test_dns_trouble();
	test_bad_from();
	test_discover();
	zone_free(z);
	return tap_done();
}
