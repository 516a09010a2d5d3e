/*
 * test_spf - check_host() against a zone built here: the processing
 * limits (10 DNS terms across nested includes, 2 void lookups, 10 MX and
 * PTR names), loops, the 4 KB record cap, temperror propagation, both
 * identities, IPv6, explanations and the reasons people read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "policy/spf.h"
#include "tests/lib/zone.h"
#include "tests/lib/tap.h"

static struct zone *z;
static struct dns_client dns;

/* txt - add a TXT record given as a C string */
static void txt(const char *name, const char *text)
{
	if (zone_add_txt(z, name, text, strlen(text)) < 0)
		ok(0, "zone accepts TXT for %s", name);
}

/* addr - add an A or AAAA record */
static void addr(const char *name, const char *ip)
{
	if (zone_add_addr(z, name, ip) < 0)
		ok(0, "zone accepts %s for %s", ip, name);
}

/* request - a request from IP with SENDER and HELO */
static struct spf_request request(const char *ip, const char *sender,
				  const char *helo)
{
	struct spf_request req;

	memset(&req, 0, sizeof(req));
	if (netaddr_parse(ip, &req.ip) != 0)
		ok(0, "test address %s parses", ip);
	req.sender = sender;
	req.helo = helo;
	return req;
}

/* mailfrom - the MAIL FROM check of SENDER from IP */
static enum spf_result mailfrom(const char *ip, const char *sender,
				struct spf_outcome *out)
{
	struct spf_request req = request(ip, sender, "helo.example");

	return spf_check_mailfrom(&dns, &req, out);
}

/* result_is - compare results by name, show the reason on failure */
static void result_is(enum spf_result got, enum spf_result want,
		      const struct spf_outcome *out, const char *what)
{
	if (!is_str(spf_result_name(got), spf_result_name(want), "%s", what))
		diag("  reason: %s", out->reason);
}

/* chain - N nested includes under NAME, the last one passing the client */
static void chain(const char *name, int n)
{
	char owner[64], text[128];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(owner, sizeof(owner), "c%d.%s", i, name);
		snprintf(text, sizeof(text), "v=spf1 include:c%d.%s -all",
			 i + 1, name);
		txt(owner, text);
	}
	snprintf(owner, sizeof(owner), "c%d.%s", n, name);
	txt(owner, "v=spf1 ip4:192.0.2.1 -all");
}

/* test_include_chain - 10 nested includes pass, 11 are a permerror */
static void test_include_chain(void)
{
	struct spf_outcome out;

	chain("ten.example", 10);
	chain("eleven.example", 11);
	result_is(mailfrom("192.0.2.1", "a@c0.ten.example", &out), SPF_PASS,
		  &out, "10 nested includes: pass");
	is_int(out.dns_terms, 10, "10 terms counted");
	result_is(mailfrom("192.0.2.1", "a@c0.eleven.example", &out),
		  SPF_PERMERROR, &out, "11 nested includes: permerror");
	is_str(out.reason, "too many DNS lookups", "reason for 11 includes");
}

/* test_void_limit - the third void lookup is a permerror, anywhere */
static void test_void_limit(void)
{
	struct spf_outcome out;

	txt("v2.example", "v=spf1 a:nx1.example exists:nx2.example +all");
	txt("v3.example",
	    "v=spf1 a:nx1.example exists:nx2.example mx:nx3.example +all");
	txt("v3i.example", "v=spf1 a:nx1.example include:v3inc.example +all");
	txt("v3inc.example", "v=spf1 exists:nx2.example exists:nx3.example -all");
	txt("nodata.example", "v=spf1 a:txtonly.example a:txtonly.example "
	    "a:txtonly.example +all");
	txt("txtonly.example", "just text");
	txt("vexp.example",
	    "v=spf1 a:nx1.example a:nx2.example exp=nx3.example -all");
	result_is(mailfrom("192.0.2.1", "a@v2.example", &out), SPF_PASS, &out,
		  "2 void lookups: pass");
	is_int(out.void_lookups, 2, "2 voids counted");
	result_is(mailfrom("192.0.2.1", "a@v3.example", &out), SPF_PERMERROR,
		  &out, "3 void lookups: permerror");
	is_str(out.reason, "void lookup limit", "reason for 3 voids");
	result_is(mailfrom("192.0.2.1", "a@v3i.example", &out), SPF_PERMERROR,
		  &out, "voids are counted across include");
	result_is(mailfrom("192.0.2.1", "a@nodata.example", &out),
		  SPF_PERMERROR, &out, "NODATA answers are void too");
	result_is(mailfrom("192.0.2.1", "a@vexp.example", &out), SPF_FAIL,
		  &out, "exp= lookup is not a void lookup");
	is_int(out.void_lookups, 2, "exp= not counted");
	is_str(out.explanation, "", "no exp text, no default: empty");
}

/* mx_host_set - N MX records under NAME; host K has the client address */
static void mx_host_set(const char *name, int n, int k)
{
	char host[64];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(host, sizeof(host), "h%d.%s", i, name);
		zone_add_mx(z, name, i, host);
		addr(host, i == k ? "192.0.2.1" : "198.51.100.1");
	}
	txt(name, "v=spf1 mx -all");
}

/* test_mx_limit - more than 10 MX names is a permerror */
static void test_mx_limit(void)
{
	struct spf_outcome out;
	unsigned long before;

	mx_host_set("mx10.example", 10, 9);
	mx_host_set("mx11.example", 11, 10);
	mx_host_set("mx11first.example", 11, 0);
	result_is(mailfrom("192.0.2.1", "a@mx10.example", &out), SPF_PASS,
		  &out, "10 MX names, the 10th matches: pass");
	before = zone_queries(z);
	result_is(mailfrom("192.0.2.1", "a@mx11.example", &out), SPF_PERMERROR,
		  &out, "11 MX names: permerror");
	ok(zone_queries(z) - before == 2, "no address looked up for 11 MX "
	   "(%lu queries)", zone_queries(z) - before);
	result_is(mailfrom("192.0.2.1", "a@mx11first.example", &out),
		  SPF_PERMERROR, &out, "11 MX names, the 1st matches: permerror");
}

/* test_ptr_limit - only the first 10 PTR names are looked at */
static void test_ptr_limit(void)
{
	struct spf_outcome out;
	char host[64];
	int i;

	/* 192.0.2.7 has 11 names; only the 11th validates */
	for (i = 0; i < 11; i++) {
		snprintf(host, sizeof(host), "p%d.ptr.example", i);
		zone_add_ptr(z, "7.2.0.192.in-addr.arpa", host);
		addr(host, i == 10 ? "192.0.2.7" : "198.51.100.7");
	}
	txt("ptr.example", "v=spf1 ptr -all");
	result_is(mailfrom("192.0.2.7", "a@ptr.example", &out), SPF_FAIL, &out,
		  "the 11th PTR name is not looked at");
	/* 192.0.2.8: the 10th of 11 validates */
	for (i = 0; i < 11; i++) {
		snprintf(host, sizeof(host), "q%d.ptr.example", i);
		zone_add_ptr(z, "8.2.0.192.in-addr.arpa", host);
		addr(host, i == 9 ? "192.0.2.8" : "198.51.100.8");
	}
	result_is(mailfrom("192.0.2.8", "a@ptr.example", &out), SPF_PASS, &out,
		  "the 10th PTR name is");
	/* names outside the target cost no lookup and never match */
	zone_add_ptr(z, "9.2.0.192.in-addr.arpa", "mail.elsewhere.example");
	addr("mail.elsewhere.example", "192.0.2.9");
	result_is(mailfrom("192.0.2.9", "a@ptr.example", &out), SPF_FAIL, &out,
		  "a validated name outside the domain does not match");
}

/* test_loops - include and redirect loops end in permerror, quickly */
static void test_loops(void)
{
	struct spf_outcome out;
	unsigned long before = zone_queries(z);

	txt("la.example", "v=spf1 include:lb.example -all");
	txt("lb.example", "v=spf1 include:la.example -all");
	txt("ra.example", "v=spf1 redirect=rb.example");
	txt("rb.example", "v=spf1 redirect=ra.example");
	txt("self.example", "v=spf1 a include:self.example");
	result_is(mailfrom("192.0.2.1", "a@la.example", &out), SPF_PERMERROR,
		  &out, "include loop: permerror");
	ok(zone_queries(z) - before <= 11, "include loop stops after %lu "
	   "queries", zone_queries(z) - before);
	result_is(mailfrom("192.0.2.1", "a@ra.example", &out), SPF_PERMERROR,
		  &out, "redirect loop: permerror");
	is_str(out.reason, "too many DNS lookups", "loop reason");
	result_is(mailfrom("192.0.2.1", "a@self.example", &out), SPF_PERMERROR,
		  &out, "self include: permerror");
}

/* sized - "v=spf1 -all x=yyy..." of exactly N octets */
static void sized(const char *name, size_t n)
{
	char *text = malloc(n);

	if (text == NULL)
		return;
	memset(text, 'y', n);
	memcpy(text, "v=spf1 -all x=", 14);
	zone_add_txt(z, name, text, n);
	free(text);
}

/* test_record_size - 4096 octets evaluated, 4097 refused */
static void test_record_size(void)
{
	struct spf_outcome out;

	sized("s4096.example", SPF_MAX_RECORD);
	sized("s4097.example", SPF_MAX_RECORD + 1);
	result_is(mailfrom("192.0.2.1", "a@s4096.example", &out), SPF_FAIL,
		  &out, "4096-octet record is evaluated");
	result_is(mailfrom("192.0.2.1", "a@s4097.example", &out), SPF_PERMERROR,
		  &out, "4097-octet record: permerror");
	is_str(out.reason, "SPF record too long (4097 octets) in s4097.example",
	       "size reason");
}

/* test_temperror - DNS failures are temperror and propagate */
static void test_temperror(void)
{
	struct spf_outcome out;

	zone_add_timeout(z, "slow.example");
	zone_add_status(z, "broken.example", DNS_T_A, DNS_SERVFAIL);
	txt("inct.example", "v=spf1 include:slow.example +all");
	txt("aserv.example", "v=spf1 a:broken.example +all");
	txt("ext.example", "v=spf1 exists:slow.example +all");
	txt("mxt.example", "v=spf1 mx +all");
	zone_add_mx(z, "mxt.example", 10, "slow.example");
	txt("ptrt.example", "v=spf1 ptr -all");
	zone_add_status(z, "10.2.0.192.in-addr.arpa", DNS_T_PTR, DNS_SERVFAIL);
	txt("incp.example", "v=spf1 include:bad.example +all");
	txt("bad.example", "v=spf1 ip4:192.0.2.1 moo");
	txt("incn.example", "v=spf1 include:nothing.example +all");
	txt("deep1.example", "v=spf1 include:deep2.example +all");
	txt("deep2.example", "v=spf1 redirect=slow.example");

	result_is(mailfrom("192.0.2.1", "a@slow.example", &out), SPF_TEMPERROR,
		  &out, "TXT timeout: temperror");
	is_str(out.reason, "DNS timeout for slow.example", "timeout reason");
	result_is(mailfrom("192.0.2.1", "a@inct.example", &out), SPF_TEMPERROR,
		  &out, "temperror propagates out of include");
	result_is(mailfrom("192.0.2.1", "a@deep1.example", &out),
		  SPF_TEMPERROR, &out, "through include and redirect");
	result_is(mailfrom("192.0.2.1", "a@aserv.example", &out), SPF_TEMPERROR,
		  &out, "a: SERVFAIL: temperror");
	is_str(out.reason, "DNS error for broken.example", "servfail reason");
	result_is(mailfrom("192.0.2.1", "a@ext.example", &out), SPF_TEMPERROR,
		  &out, "exists: timeout: temperror");
	result_is(mailfrom("192.0.2.1", "a@mxt.example", &out), SPF_TEMPERROR,
		  &out, "MX host timeout: temperror");
	result_is(mailfrom("192.0.2.10", "a@ptrt.example", &out), SPF_FAIL,
		  &out, "PTR SERVFAIL: ptr does not match (5.5)");
	result_is(mailfrom("192.0.2.1", "a@incp.example", &out), SPF_PERMERROR,
		  &out, "permerror propagates out of include");
	is_str(out.reason, "syntax error near 'moo' in bad.example",
	       "syntax reason names the domain");
	result_is(mailfrom("192.0.2.1", "a@incn.example", &out), SPF_PERMERROR,
		  &out, "include of a domain without record: permerror");
	is_str(out.reason, "include:nothing.example has no SPF record",
	       "include none reason");
}

/* test_helo - the HELO identity and postmaster@HELO */
static void test_helo(void)
{
	struct spf_outcome out;
	struct spf_request req;
	static const char *not_names[] = {
		"[192.0.2.1]", "192.0.2.1", "2001:db8::1", "", "localhost",
		"a..example", NULL,
	};
	size_t i;

	txt("mail.helo.example", "v=spf1 a -all");
	addr("mail.helo.example", "192.0.2.1");
	txt("mail2.helo.example",
	    "v=spf1 exists:%{l}.%{o}.chk.example -all");
	addr("postmaster.mail2.helo.example.chk.example", "127.0.0.2");
	req = request("192.0.2.1", "x@elsewhere.example", "mail.helo.example");
	result_is(spf_check_helo(&dns, &req, &out), SPF_PASS, &out,
		  "HELO identity: pass");
	is_str(out.domain, "mail.helo.example", "HELO domain reported");
	req = request("192.0.2.2", "", "mail.helo.example");
	result_is(spf_check_helo(&dns, &req, &out), SPF_FAIL, &out,
		  "HELO identity: fail");
	for (i = 0; i < sizeof(not_names) / sizeof(not_names[0]); i++) {
		req = request("192.0.2.1", "", not_names[i]);
		result_is(spf_check_helo(&dns, &req, &out), SPF_NONE, &out,
			  not_names[i] ? not_names[i] : "(null HELO)");
	}
	req = request("192.0.2.1", "", "mail2.helo.example");
	result_is(spf_check_helo(&dns, &req, &out), SPF_PASS, &out,
		  "HELO check uses postmaster@HELO");
	result_is(spf_check_mailfrom(&dns, &req, &out), SPF_PASS, &out,
		  "null sender: postmaster@HELO");
	is_str(out.domain, "mail2.helo.example", "null sender domain is HELO");
	req = request("192.0.2.1", "@mail2.helo.example", "other.example");
	result_is(spf_check_mailfrom(&dns, &req, &out), SPF_PASS, &out,
		  "no local part: postmaster");
	req = request("192.0.2.1", "", "");
	result_is(spf_check_mailfrom(&dns, &req, &out), SPF_NONE, &out,
		  "null sender and no HELO: none");
}

/* test_idn - an SMTPUTF8 identity is checked as its A-label (RFC 8616
 * section 4); one without an A-label form is no domain (4.3: none) */
static void test_idn(void)
{
	struct spf_outcome out;
	struct spf_request req;
	unsigned long before;

	txt("xn--bcher-kva.example", "v=spf1 ip4:192.0.2.0/24 -all");
	txt("mail.xn--bcher-kva.example", "v=spf1 exists:%{l}.%{o}.idn.example -all");
	addr("postmaster.mail.xn--bcher-kva.example.idn.example", "127.0.0.2");
	result_is(mailfrom("192.0.2.1", "a@b\xc3\xbc" "cher.example", &out), SPF_PASS,
		  &out, "U-label MAIL FROM: its A-label's record, pass");
	is_str(out.domain, "xn--bcher-kva.example", "  and the A-label is what was checked");
	result_is(mailfrom("198.51.100.1", "a@B\xc3\x9c" "CHER.example", &out), SPF_FAIL,
		  &out, "U-label MAIL FROM in upper case: same record, fail");
	req = request("192.0.2.1", "", "mail.b\xc3\xbc" "cher.example");
	result_is(spf_check_helo(&dns, &req, &out), SPF_PASS, &out,
		  "U-label HELO: %{o} expands to the A-label");
	before = zone_queries(z);
	result_is(mailfrom("192.0.2.1", "a@ba\xc2\xad" "nk.example", &out), SPF_NONE,
		  &out, "soft hyphen in the MAIL FROM domain: none");
	ok(strncmp(out.reason, "not a domain name (invisible", 28) == 0, "  reason: %s", out.reason);
	result_is(mailfrom("192.0.2.1", "a@b\xff" "ank.example", &out), SPF_NONE,
		  &out, "MAIL FROM domain not UTF-8: none");
	is_int((long) (zone_queries(z) - before), 0, "  and no raw octets sent to DNS");
}

/* test_ipv6 - ip6, mapped clients, dual CIDR, nibble macros */
static void test_ipv6(void)
{
	struct spf_outcome out;

	txt("six.example", "v=spf1 ip6:2001:db8::/32 -all");
	txt("four.example", "v=spf1 ip4:192.0.2.0/24 -all");
	txt("dual.example", "v=spf1 a:host.dual.example/24//64 -all");
	addr("host.dual.example", "192.0.2.200");
	addr("host.dual.example", "2001:db8:1:2::99");
	txt("v6x.example", "v=spf1 exists:%{ir}.v6.example -all "
	    "exp=v6why.example");
	txt("v6why.example", "%{i} via %{v}");
	addr("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
	     ".v6.example", "127.0.0.2");
	result_is(mailfrom("2001:db8::1", "a@six.example", &out), SPF_PASS, &out,
		  "ip6 match");
	result_is(mailfrom("::ffff:192.0.2.1", "a@six.example", &out), SPF_FAIL,
		  &out, "IPv4-mapped client does not match ip6");
	result_is(mailfrom("::ffff:192.0.2.1", "a@four.example", &out),
		  SPF_PASS, &out, "IPv4-mapped client matches ip4");
	result_is(mailfrom("192.0.2.7", "a@dual.example", &out), SPF_PASS, &out,
		  "dual cidr: ip4 /24");
	result_is(mailfrom("2001:db8:1:2::1", "a@dual.example", &out), SPF_PASS,
		  &out, "dual cidr: ip6 /64");
	result_is(mailfrom("2001:db8:1:3::1", "a@dual.example", &out), SPF_FAIL,
		  &out, "dual cidr: outside the ip6 /64");
	result_is(mailfrom("2001:db8::1", "a@v6x.example", &out), SPF_PASS,
		  &out, "%%{ir} nibbles reach the right name");
	result_is(mailfrom("2001:db8::2", "a@v6x.example", &out), SPF_FAIL,
		  &out, "another address does not");
	is_str(out.explanation, "2.0.0.1.0.D.B.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0"
	       ".0.0.0.0.0.0.0.2 via ip6", "%%{i} and %%{v} for IPv6");
}

/* test_explanation - exp= text, its rules, the default */
static void test_explanation(void)
{
	struct spf_outcome out;
	struct spf_request req;
	char *big;

	txt("e.example", "v=spf1 -all exp=why.e.example");
	txt("why.e.example", "%{c} not allowed for %{d} (%{s})");
	txt("two.example", "v=spf1 -all exp=twowhy.example");
	txt("twowhy.example", "one");
	txt("twowhy.example", "two");
	txt("inc.example", "v=spf1 include:e.example -all exp=incwhy.example");
	txt("incwhy.example", "outer");
	txt("red.example", "v=spf1 exp=incwhy.example redirect=e.example");
	txt("soft.example", "v=spf1 ~all exp=incwhy.example");
	txt("long.example", "v=spf1 -all exp=longwhy.example");
	big = malloc(3001);
	if (big) {
		memset(big, 'w', 3000);
		zone_add_txt(z, "longwhy.example", big, 3000);
		free(big);
	}
	result_is(mailfrom("192.0.2.1", "bob@e.example", &out), SPF_FAIL, &out,
		  "exp: fail");
	is_str(out.explanation,
	       "192.0.2.1 not allowed for e.example (bob@e.example)",
	       "exp text with macros");
	mailfrom("192.0.2.1", "bob@two.example", &out);
	is_str(out.explanation, "", "two exp records: none used");
	mailfrom("192.0.2.1", "bob@inc.example", &out);
	is_str(out.explanation, "outer", "include's exp= is not used");
	mailfrom("192.0.2.1", "bob@red.example", &out);
	is_str(out.explanation,
	       "192.0.2.1 not allowed for e.example (bob@red.example)",
	       "redirect: the target's exp=, its %%{d}");
	result_is(mailfrom("192.0.2.1", "bob@soft.example", &out), SPF_SOFTFAIL,
		  &out, "softfail");
	is_str(out.explanation, "", "no explanation unless fail");
	mailfrom("192.0.2.1", "bob@long.example", &out);
	is_int((long) strlen(out.explanation), SPF_EXPLAIN_MAX - 1,
	       "long explanation cut to the buffer");
	req = request("192.0.2.1", "bob@two.example", "helo.example");
	req.default_explanation = "See http://%{d}/why?s=%{S}";
	spf_check_mailfrom(&dns, &req, &out);
	is_str(out.explanation, "See http://two.example/why?s=bob%40two.example",
	       "default explanation, macros expanded");
	req.default_explanation = "100%";
	spf_check_mailfrom(&dns, &req, &out);
	is_str(out.explanation, "100%", "default that is not a macro string");
}

/* test_reasons - the texts a person reads */
static void test_reasons(void)
{
	struct spf_outcome out;

	txt("r1.example", "v=spf1 ip4:192.0.2.0/24 -all");
	txt("r2.example", "v=spf1 ip4:198.51.100.0/24");
	txt("r3.example", "v=spf1 -all");
	txt("r3.example", "v=spf1 +all");
	txt("r4.example", "not spf");
	mailfrom("192.0.2.1", "a@r1.example", &out);
	is_str(out.reason, "matched ip4:192.0.2.0/24", "matched reason");
	result_is(mailfrom("192.0.2.1", "a@r2.example", &out), SPF_NEUTRAL,
		  &out, "no match: neutral");
	is_str(out.reason, "default (no mechanism matched)", "default reason");
	result_is(mailfrom("192.0.2.1", "a@r3.example", &out), SPF_PERMERROR,
		  &out, "two records: permerror");
	is_str(out.reason, "multiple SPF records for r3.example",
	       "multiple reason");
	result_is(mailfrom("192.0.2.1", "a@r4.example", &out), SPF_NONE, &out,
		  "only other TXT: none");
	is_str(out.reason, "no SPF record", "none reason");
	result_is(mailfrom("192.0.2.1", "a@absent.example", &out), SPF_NONE,
		  &out, "NXDOMAIN: none");
}

/* test_counters_and_macros - counters, hostile macro names */
static void test_counters_and_macros(void)
{
	struct spf_outcome out;
	struct spf_request req;
	char local[400];

	txt("cnt.example", "v=spf1 a mx include:cntinc.example "
	    "ip4:192.0.2.1 -all");
	addr("cnt.example", "198.51.100.50");
	zone_add_mx(z, "cnt.example", 10, "cnt.example");
	txt("cntinc.example", "v=spf1 a:nx.example -all");
	txt("long.local.example", "v=spf1 exists:%{l}%{l}.x.example "
	    "a:%{l}.x.example -all");
	txt("long3.local.example", "v=spf1 exists:%{l}%{l}.x.example "
	    "exists:%{l}.%{l}.x.example a:%{l}.x.example +all");
	result_is(mailfrom("192.0.2.1", "a@cnt.example", &out), SPF_PASS, &out,
		  "counter record: pass");
	is_int(out.dns_terms, 4, "a, mx, include, its a: 4 terms");
	is_int(out.void_lookups, 1, "one void: nx.example");
	memset(local, 'L', 100);
	local[100] = '\0';
	strcat(local, "@long.local.example");
	result_is(mailfrom("192.0.2.1", local, &out), SPF_FAIL, &out,
		  "100-octet labels: no match, no crash");
	is_int(out.void_lookups, 2, "names DNS cannot carry are void");
	memcpy(local + 100, "@long3.local.example", 21);
	result_is(mailfrom("192.0.2.1", local, &out), SPF_PERMERROR, &out,
		  "three of them: void lookup limit");
	memset(&req, 0, sizeof(req));
	result_is(spf_check_mailfrom(&dns, &req, &out), SPF_PERMERROR, &out,
		  "no client address: permerror");
}

/* test_limit_per_mechanism - the 11th term is refused whatever it is */
static void test_limit_per_mechanism(void)
{
	static const char *last[] = {
		"a", "mx", "ptr", "exists:%{d}", "include:r1.example",
		"redirect=r1.example",
	};
	struct spf_outcome out;
	char name[64], text[256];
	size_t i;

	addr("lim.example", "198.51.100.99");
	zone_add_mx(z, "lim.example", 1, "lim.example");
	for (i = 0; i < sizeof(last) / sizeof(last[0]); i++) {
		snprintf(name, sizeof(name), "l%zu.lim.example", i);
		snprintf(text, sizeof(text), "v=spf1 a:lim.example "
			 "a:lim.example a:lim.example a:lim.example a:lim.example "
			 "a:lim.example a:lim.example a:lim.example a:lim.example "
			 "mx:lim.example %s", last[i]);
		txt(name, text);
		snprintf(text, sizeof(text), "a@%s", name);
		result_is(mailfrom("192.0.2.1", text, &out), SPF_PERMERROR,
			  &out, last[i]);
		is_str(out.reason, "too many DNS lookups", "reason after 10");
	}
}

/* test_odd_names - trailing dots, names too long to expand */
static void test_odd_names(void)
{
	struct spf_outcome out;
	char sender[400];

	txt("rlong.example", "v=spf1 redirect=%{l}");
	txt("along.example", "v=spf1 a:%{l} ?all");
	result_is(mailfrom("192.0.2.1", "a@r1.example.", &out), SPF_PASS, &out,
		  "a trailing dot on the sender domain is ignored");
	memset(sender, 'x', 300);
	memcpy(sender + 300, "@rlong.example", 15);
	result_is(mailfrom("192.0.2.1", sender, &out), SPF_PERMERROR, &out,
		  "redirect to a name that cannot be expanded");
	memcpy(sender + 300, "@along.example", 15);
	result_is(mailfrom("192.0.2.1", sender, &out), SPF_NEUTRAL, &out,
		  "a: on a name that cannot be expanded: no match");
	is_int(out.void_lookups, 1, "and a void lookup");
}

/* test_names - result names of RFC 8601 */
static void test_names(void)
{
	is_str(spf_result_name(SPF_NONE), "none", "none");
	is_str(spf_result_name(SPF_NEUTRAL), "neutral", "neutral");
	is_str(spf_result_name(SPF_PASS), "pass", "pass");
	is_str(spf_result_name(SPF_FAIL), "fail", "fail");
	is_str(spf_result_name(SPF_SOFTFAIL), "softfail", "softfail");
	is_str(spf_result_name(SPF_TEMPERROR), "temperror", "temperror");
	is_str(spf_result_name(SPF_PERMERROR), "permerror", "permerror");
}

/* test_ptr_macro - %{p} validates and prefers the domain */
static void test_ptr_macro(void)
{
	struct spf_outcome out;

	txt("pm.example", "v=spf1 -all exp=pmwhy.example");
	txt("pmwhy.example", "from %{p}");
	zone_add_ptr(z, "11.2.0.192.in-addr.arpa", "other.example");
	zone_add_ptr(z, "11.2.0.192.in-addr.arpa", "mx.pm.example");
	zone_add_ptr(z, "11.2.0.192.in-addr.arpa", "fake.pm.example");
	addr("other.example", "192.0.2.11");
	addr("mx.pm.example", "192.0.2.11");
	mailfrom("192.0.2.11", "a@pm.example", &out);
	is_str(out.explanation, "from mx.pm.example",
	       "%%{p} prefers a validated subdomain");
	txt("pm2.example", "v=spf1 -all exp=pm2why.example");
	txt("pm2why.example", "%{p} and again %{p2}");
	zone_add_ptr(z, "13.2.0.192.in-addr.arpa", "mx.pm2.example");
	zone_add_ptr(z, "13.2.0.192.in-addr.arpa", "pm2.example");
	addr("mx.pm2.example", "192.0.2.13");
	addr("pm2.example", "192.0.2.13");
	mailfrom("192.0.2.13", "a@pm2.example", &out);
	is_str(out.explanation, "pm2.example and again pm2.example",
	       "%%{p} prefers the domain itself, looked up once");
	mailfrom("192.0.2.12", "a@pm.example", &out);
	is_str(out.explanation, "from unknown", "%%{p} without PTR: unknown");
}

/* main - one shared zone, every group of cases */
/* slow_query - the zone, 30 ms a query, like a far-away server */
static int slow_query(void *ctx, const char *name, enum dns_type type,
		      struct dns_answer *out)
{
	usleep(30000);
	return zone_query(ctx, name, type, out);
}

/* test_deadline - DNS errors inside ptr do not end an evaluation (RFC 7208
 * 5.5), so only the overall bound keeps a hostile record from holding us:
 * 9 ptr terms x (1 PTR + 10 timed-out A) would be 99 queries */
static void test_deadline(void)
{
	struct dns_client slow = { slow_query, z };
	struct spf_request req = request("192.0.2.77", "x@deadline.example", "h");
	struct spf_outcome out;
	unsigned long before;
	char name[64];
	int i;

	txt("deadline.example", "v=spf1 ptr:a.example ptr:b.example ptr:c.example "
	    "ptr:d.example ptr:e.example ptr:f.example ptr:g.example "
	    "ptr:h.example ptr:i.example -all");
	for (i = 0; i < 10; i++) {
		snprintf(name, sizeof(name), "h%d.slow.example", i);
		zone_add_ptr(z, "77.2.0.192.in-addr.arpa", name);
		zone_add_timeout(z, name);
	}
	req.max_ms = 100;
	before = zone_queries(z);
	result_is(spf_check_mailfrom(&slow, &req, &out), SPF_TEMPERROR, &out,
		  "evaluation past max_ms is temperror, not fail");
	ok(strstr(out.reason, "longer than 100 ms") != NULL,
	   "deadline reason: %s", out.reason);
	ok(zone_queries(z) - before < 20,
	   "no query sent past the deadline (%lu of 99 sent)", zone_queries(z) - before);
}

int main(void)
{
	if ((z = zone_new()) == NULL)
		return 1;
	zone_client(z, &dns);
	test_include_chain();
	test_void_limit();
	test_mx_limit();
	test_ptr_limit();
	test_loops();
	test_record_size();
	test_temperror();
	test_helo();
	test_idn();
	test_ipv6();
	test_explanation();
	test_reasons();
	test_counters_and_macros();
	test_limit_per_mechanism();
	test_odd_names();
	test_names();
	test_ptr_macro();
	test_deadline();
	zone_free(z);
	return tap_done();
}
