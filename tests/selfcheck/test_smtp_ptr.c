/* test_smtp_ptr - the server's addresses and reverse DNS against an
 * in-process zone: resolving --smtp through the DNS client (never
 * getaddrinfo), reverse names, and each smtp.ptr_missing /
 * smtp.ptr_mismatch case, with DNS failures that must make the check
 * "could not run" rather than a finding either way. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "tests/lib/tap.h"
#include "tests/lib/zone.h"
#include "selfcheck/smtp/smtp_addr.h"
#include "selfcheck/smtp/smtp_ptr.h"

static struct netaddr addr(const char *s)
{
	struct netaddr a;

	if (netaddr_parse(s, &a) != 0)
		diag("bad test address %s", s);
	return a;
}

static void forms(void)
{
	struct netaddr a = addr("192.0.2.1"), b = addr("2001:db8::1");
	struct netaddr lo = addr("127.0.0.1"), lo6 = addr("::1");
	struct netaddr mapped = addr("::ffff:127.0.0.1"), other = addr("192.0.2.6");
	char buf[SMTP_ADDR_REVERSE_MAX];

	smtp_addr_reverse_name(&a, buf, sizeof(buf));
	is_str(buf, "1.2.0.192.in-addr.arpa", "IPv4 reverse name");
	smtp_addr_reverse_name(&b, buf, sizeof(buf));
	is_str(buf, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
	       "IPv6 reverse name");
	smtp_addr_literal(&a, buf, sizeof(buf));
	is_str(buf, "[192.0.2.1]", "IPv4 address literal");
	smtp_addr_literal(&b, buf, sizeof(buf));
	is_str(buf, "[IPv6:2001:db8::1]", "IPv6 address literal");
	ok(smtp_addr_is_local(&lo, &a), "127.0.0.1 is a trusted source");
	ok(smtp_addr_is_local(&lo6, &b), "::1 is a trusted source");
	ok(smtp_addr_is_local(&mapped, &a), "::ffff:127.0.0.1 is a trusted source");
	ok(smtp_addr_is_local(&a, &a), "the server's own address is a trusted source");
	ok(!smtp_addr_is_local(&other, &a), "another address is an outsider");
	ok(smtp_addr_same_host("MX.Example.org.", "mx.example.org"), "same host: case, dot");
	ok(!smtp_addr_same_host("mx.example.org", "mx.example.org.evil"), "longer name");
	ok(!smtp_addr_same_host("", ""), "empty names never match");
}

static void resolve(void)
{
	struct zone *z = zone_new();
	struct dns_client c;
	struct netaddr out[SMTP_ADDR_MAX];
	char why[200], ip[32], text[NETADDR_STRLEN];
	int temp, i;

	zone_client(z, &c);
	zone_add_addr(z, "mx.example.org", "2001:db8::25");
	zone_add_addr(z, "mx.example.org", "192.0.2.25");
	zone_add_timeout(z, "slow.example.org");
	for (i = 0; i < 20; i++) {
		snprintf(ip, sizeof(ip), "192.0.2.%d", 100 + i);
		zone_add_addr(z, "many.example.org", ip);
	}
	is_int((long) smtp_addr_resolve(&c, "192.0.2.7", 1, out, SMTP_ADDR_MAX,
					why, sizeof(why), &temp), 1, "a literal is itself");
	is_int((long) smtp_addr_resolve(&c, "mx.example.org", 0, out, SMTP_ADDR_MAX,
					why, sizeof(why), &temp), 2, "A and AAAA");
	is_str(netaddr_format(&out[0], text, sizeof(text)), "192.0.2.25", "A first");
	is_str(netaddr_format(&out[1], text, sizeof(text)), "2001:db8::25", "then AAAA");
	is_int((long) smtp_addr_resolve(&c, "many.example.org", 0, out, SMTP_ADDR_MAX,
					why, sizeof(why), &temp), SMTP_ADDR_MAX,
	       "20 addresses: %d tried", SMTP_ADDR_MAX);
	is_int((long) smtp_addr_resolve(&c, "none.example.org", 0, out, SMTP_ADDR_MAX,
					why, sizeof(why), &temp), 0, "no such name");
	ok(!temp, "no such name is not a DNS failure");
	is_str(why, "resolve none.example.org: A nxdomain, AAAA nxdomain", "and says so");
	is_int((long) smtp_addr_resolve(&c, "slow.example.org", 0, out, SMTP_ADDR_MAX,
					why, sizeof(why), &temp), 0, "timeout");
	ok(temp, "a timeout is a DNS failure");
	is_int((long) smtp_addr_resolve(&c, "not an address", 1, out, SMTP_ADDR_MAX,
					why, sizeof(why), &temp), 0, "a bad literal");
	zone_free(z);
}

/* The records of one PTR case. */
struct ptr_case {
	const char *name;
	const char *ip;
	const char *ptr[6];		/* PTR targets */
	const char *fwd_name, *fwd_ip;	/* one A/AAAA record */
	const char *timeout;		/* a name whose lookups time out */
	int nodata;			/* the reverse name exists, no PTR */
	const char *greeting, *ehlo;
	enum smtp_ptr_verdict v;
};

static const struct ptr_case cases[] = {
	{ "PTR names the greeting, A confirms", "192.0.2.1", { "mx.example.org" },
	  "mx.example.org", "192.0.2.1", NULL, 0, "mx.example.org", "mx.example.org",
	  SMTP_PTR_OK },
	{ "PTR names the EHLO name only", "192.0.2.1", { "mx.example.org" },
	  "mx.example.org", "192.0.2.1", NULL, 0, "other.example", "MX.Example.org.",
	  SMTP_PTR_OK },
	{ "IPv6, AAAA confirms", "2001:db8::1", { "mx.example.org" },
	  "mx.example.org", "2001:db8::1", NULL, 0, "mx.example.org", "",
	  SMTP_PTR_OK },
	{ "second PTR matches", "192.0.2.1", { "host-1.isp.example", "mx.example.org" },
	  "mx.example.org", "192.0.2.1", NULL, 0, "mx.example.org", "mx.example.org",
	  SMTP_PTR_OK },
	{ "no PTR: NXDOMAIN", "192.0.2.1", { NULL }, NULL, NULL, NULL, 0,
	  "mx.example.org", "mx.example.org", SMTP_PTR_MISSING },
	{ "no PTR: NODATA", "192.0.2.1", { NULL }, NULL, NULL, NULL, 1,
	  "mx.example.org", "mx.example.org", SMTP_PTR_MISSING },
	{ "PTR names another host", "192.0.2.1", { "host-1.isp.example" },
	  "host-1.isp.example", "192.0.2.1", NULL, 0, "mx.example.org",
	  "mx.example.org", SMTP_PTR_MISMATCH },
	{ "PTR name's A is another address", "192.0.2.1", { "mx.example.org" },
	  "mx.example.org", "192.0.2.99", NULL, 0, "mx.example.org",
	  "mx.example.org", SMTP_PTR_MISMATCH },
	{ "PTR name has no A", "192.0.2.1", { "mx.example.org" }, NULL, NULL,
	  NULL, 0, "mx.example.org", "mx.example.org", SMTP_PTR_MISMATCH },
	{ "IPv4 address only in AAAA form", "192.0.2.1", { "mx.example.org" },
	  "mx.example.org", "::ffff:192.0.2.1", NULL, 0, "mx.example.org", "",
	  SMTP_PTR_MISMATCH },
	{ "server announces no name", "192.0.2.1", { "mx.example.org" },
	  "mx.example.org", "192.0.2.1", NULL, 0, "", "", SMTP_PTR_MISMATCH },
	{ "PTR lookup times out", "192.0.2.1", { NULL }, NULL, NULL,
	  "1.2.0.192.in-addr.arpa", 0, "mx.example.org", "mx.example.org",
	  SMTP_PTR_UNKNOWN },
	{ "forward lookup times out", "192.0.2.1", { "mx.example.org" }, NULL,
	  NULL, "mx.example.org", 0, "mx.example.org", "mx.example.org",
	  SMTP_PTR_UNKNOWN },
	{ "forward lookup of another name times out", "192.0.2.1",
	  { "slow.example" }, NULL, NULL, "slow.example", 0, "mx.example.org",
	  "mx.example.org", SMTP_PTR_MISMATCH },
	{ "the matching name past the bound", "192.0.2.1",
	  { "a.example", "b.example", "c.example", "d.example", "mx.example.org" },
	  "mx.example.org", "192.0.2.1", NULL, 0, "mx.example.org", "",
	  SMTP_PTR_MISMATCH },
};

static const char *verdict(enum smtp_ptr_verdict v)
{
	static const char *const n[] = { "ok", "missing", "mismatch", "unknown" };

	return (unsigned) v < 4 ? n[v] : "?";
}

static void ptr_case(const struct ptr_case *k, char *ev, size_t len)
{
	struct zone *z = zone_new();
	struct netaddr a = addr(k->ip);
	char rev[SMTP_ADDR_REVERSE_MAX];
	struct dns_client c;
	size_t i;

	zone_client(z, &c);
	smtp_addr_reverse_name(&a, rev, sizeof(rev));
	for (i = 0; i < 6 && k->ptr[i] != NULL; i++)
		zone_add_ptr(z, rev, k->ptr[i]);
	if (k->nodata)
		zone_add_name(z, rev);
	if (k->fwd_name != NULL)
		zone_add_addr(z, k->fwd_name, k->fwd_ip);
	if (k->timeout != NULL)
		zone_add_timeout(z, k->timeout);
	is_str(verdict(smtp_ptr_check(&c, &a, k->greeting, k->ehlo, ev, len)),
	       verdict(k->v), "%s", k->name);
	zone_free(z);
}

int main(void)
{
	char ev[2048];
	size_t i;

	forms();
	resolve();
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ptr_case(&cases[i], ev, sizeof(ev));
	ptr_case(&cases[6], ev, sizeof(ev));
	ok(strstr(ev, "PTR 1.2.0.192.in-addr.arpa (192.0.2.1): host-1.isp.example") != NULL,
	   "evidence: the PTR record");
	ok(strstr(ev, "A host-1.isp.example: 192.0.2.1") != NULL,
	   "evidence: its forward lookup");
	ok(strstr(ev, "server announces: greeting mx.example.org, EHLO mx.example.org")
	   != NULL, "evidence: the names announced");
	ptr_case(&cases[0], ev, 10);
	is_int((long) strlen(ev), 9, "evidence cut to its buffer");
	return tap_done();
}
