/* test_conf_policy - the DKIM and DMARC keys: defaults, values, hostile
 * lines, ExemptDomains and the PolicyOverrides file with its own
 * FILE:LINE errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/lib/tap.h"
#include "conf/conf.h"

/* parse - TEXT as a config; ERRS gets the messages */
static struct conf *parse(const char *text, struct conf_errors *errs)
{
	conf_errors_clear(errs);
	return conf_parse("t.conf", text, strlen(text), errs);
}

/* refused - TEXT gives exactly the error WANT */
static void refused(const char *text, const char *want)
{
	struct conf_errors e = { NULL, 0 };
	struct conf *c = parse(text, &e);

	ok(c == NULL && e.count == 1, "refused: %s", want);
	if (e.count > 0)
		is_str(e.msg[0], want, "message for %.30s", text);
	conf_free(c);
	conf_errors_clear(&e);
}

static void test_defaults(void)
{
	struct conf *c = conf_defaults();

	is_int(c->max_dkim_signatures, 8, "MaxDKIMSignatures defaults to 8");
	is_int(c->min_key_bits, 1024, "MinimumKeyBits defaults to 1024");
	is_int(c->multiple_from, VERDICT_MULTIFROM_REJECT, "MultipleFrom defaults to reject");
	is_int(c->dmarc_orgdomain, DMARC_ORG_TREEWALK, "DMARCOrgDomain defaults to treewalk");
	is_str(c->psl_file, "/usr/share/publicsuffix/public_suffix_list.dat", "PublicSuffixList default");
	ok(c->reject_failures && !c->report_only && c->tempfail_on_dns_error,
	   "RejectFailures yes, ReportOnly no, TempfailOnDNSError yes");
	is_int(c->quarantine_action, VERDICT_Q_HOLD, "QuarantineAction defaults to hold");
	ok(c->forwarders.count == 0 && c->exempt_domains == NULL && c->noverrides == 0,
	   "no forwarders, exemptions or overrides by default");
	conf_free(c);
}

static void test_values(void)
{
	struct conf_errors e = { NULL, 0 };
	struct conf *c = parse("MultipleFrom evaluate-all\nDMARCOrgDomain PSL\n"
			       "QuarantineAction header\nReportOnly yes\n"
			       "TrustedForwarders 192.0.2.0/24\nTrustedForwarders 2001:db8::1\n"
			       "ExemptDomains Partner.EXAMPLE. other.example\n"
			       "ExemptDomains third.example\nMinimumKeyBits 2048\n", &e);
	struct netaddr a;

	if (!ok(c != NULL, "policy keys parse"))
		return;
	is_int(c->multiple_from, VERDICT_MULTIFROM_EVALUATE_ALL, "MultipleFrom evaluate-all");
	is_int(c->dmarc_orgdomain, DMARC_ORG_PSL, "DMARCOrgDomain psl, any case");
	is_int(c->quarantine_action, VERDICT_Q_HEADER, "QuarantineAction header");
	is_int((long) c->forwarders.count, 2, "TrustedForwarders lines append");
	netaddr_parse("192.0.2.9", &a);
	ok(conf_netlist_match(&c->forwarders, &a), "forwarder network matches");
	is_str(c->exempt_domains, "partner.example other.example third.example",
	       "ExemptDomains lowercased, trailing dot dropped, lines appended");
	ok(conf_domain_exempt(c, "partner.example"), "exempt: the domain itself");
	ok(conf_domain_exempt(c, "mail.Partner.example"), "exempt: a subdomain");
	ok(!conf_domain_exempt(c, "notpartner.example"), "not exempt: a name that only ends alike");
	ok(!conf_domain_exempt(c, "example"), "not exempt: a parent");
	is_int(c->min_key_bits, 2048, "MinimumKeyBits 2048");
	conf_free(c);
	conf_errors_clear(&e);
}

/* test_brackets - IPv6 networks as Postfix's mynetworks writes them */
static void test_brackets(void)
{
	struct conf_errors e = { NULL, 0 };
	struct netaddr a;
	struct conf *c = parse("TrustedNetworks [::1]/128 [2001:db8::]/32 [::1]\n", &e);

	if (!ok(c != NULL && c->trusted.count == 3, "TrustedNetworks [::1]/128 [2001:db8::]/32 [::1]"))
		diag("%s", e.count ? e.msg[0] : "");
	netaddr_parse("2001:db8::7", &a);
	ok(c != NULL && conf_is_trusted(c, &a), "  2001:db8::7 is in [2001:db8::]/32");
	netaddr_parse("2001:db9::7", &a);
	ok(c != NULL && !conf_is_trusted(c, &a), "  2001:db9::7 is not");
	conf_free(c);
	conf_errors_clear(&e);
}

static void test_hostile(void)
{
	refused("MinimumKeyBits 512\n",
		"t.conf:1: MinimumKeyBits: '512' is out of range (1024..16384 bits)");
	refused("MaxDKIMSignatures 0\n",
		"t.conf:1: MaxDKIMSignatures: '0' is out of range (1..64 signatures)");
	refused("MultipleFrom first\n",
		"t.conf:1: MultipleFrom: 'first' is not one of reject, evaluate-all");
	refused("ExemptDomains ok.example bad_domain!\n",
		"t.conf:1: ExemptDomains: 'bad_domain!' is not a domain name");
	refused("TrustedForwarders 192.0.2.0/40\n",
		"t.conf:1: TrustedForwarders: '192.0.2.0/40': prefix length must be 0..32");
	refused("PolicyOverrides relative/path\n",
		"t.conf:1: PolicyOverrides: 'relative/path' is not an absolute path");
	refused("PolicyOverrides /nonexistent/overrides\n",
		"/nonexistent/overrides: cannot open: No such file or directory");
	refused("PublicSuffixList /nonexistent/psl.dat\n",
		"t.conf:1: PublicSuffixList: /nonexistent/psl.dat cannot be read: "
		"No such file or directory");
	refused("DMARCOrgDomain psl\nPublicSuffixList /nonexistent/psl.dat\n",
		"t.conf:2: PublicSuffixList: /nonexistent/psl.dat cannot be read: "
		"No such file or directory");
}

/* write_file - a temporary file with TEXT; PATH gets its name */
static void write_file(char *path, size_t len, const char *text)
{
	FILE *f;
	int fd;

	snprintf(path, len, "/tmp/authmilter-ovr.XXXXXX");
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL) {
		ok(0, "temporary file");
		return;
	}
	fputs(text, f);
	fclose(f);
}

static void test_overrides(void)
{
	struct conf_errors e = { NULL, 0 };
	char path[64], conf[128], want[160];
	const struct conf_override *o;
	struct conf *c;

	write_file(path, sizeof(path), "# overrides\nexample.com reject\n"
		   "Lists.Example.COM none   # a mailing list\n\nshop.example quarantine\n");
	snprintf(conf, sizeof(conf), "PolicyOverrides %s\n", path);
	c = parse(conf, &e);
	if (ok(c != NULL && c->noverrides == 3, "override file with comments and blank lines")) {
		o = conf_override_for(c, "mail.lists.example.com");
		ok(o != NULL && o->policy == DMARC_DIS_NONE,
		   "closest listed parent wins (lists.example.com none)");
		o = conf_override_for(c, "example.com");
		ok(o != NULL && o->policy == DMARC_DIS_REJECT, "exact domain");
		ok(conf_override_for(c, "badexample.com") == NULL, "no match on a name that ends alike");
	}
	conf_free(c);
	unlink(path);
	write_file(path, sizeof(path), "good.example reject\nbad.example maybe\n"
		   "-bad-.example none\nthree.example reject extra\n");
	snprintf(conf, sizeof(conf), "PolicyOverrides %s\n", path);
	c = parse(conf, &e);
	ok(c == NULL && e.count == 3, "three bad override lines, three errors");
	snprintf(want, sizeof(want), "%s:2: expected \"DOMAIN none|quarantine|reject\"", path);
	if (e.count > 0)
		is_str(e.msg[0], want, "override error names its file and line 2");
	snprintf(want, sizeof(want), "%s:3: '-bad-.example' is not a domain name", path);
	if (e.count > 1)
		is_str(e.msg[1], want, "override error names line 3");
	conf_free(c);
	conf_errors_clear(&e);
	unlink(path);
	write_file(path, sizeof(path), "dup.example reject\nother.example none\n"
		   "DUP.example. none\n");
	snprintf(conf, sizeof(conf), "PolicyOverrides %s\n", path);
	c = parse(conf, &e);
	ok(c == NULL && e.count == 1, "a domain given twice in the override file is an error");
	snprintf(want, sizeof(want), "%s:3: 'dup.example' already given on line 1", path);
	if (e.count > 0)
		is_str(e.msg[0], want, "  naming both lines");
	conf_free(c);
	conf_errors_clear(&e);
	unlink(path);
}

int main(void)
{
	test_defaults();
	test_values();
	test_hostile();
	test_brackets();
	test_overrides();
	return tap_done();
}
