/* test_netaddr - address parsing, CIDR matching, hostile forms. */
#include <sys/socket.h>
#include <string.h>

#include "tests/lib/tap.h"
#include "policy/netaddr.h"

static void test_parse(void)
{
	struct netaddr a;
	char buf[NETADDR_STRLEN];

	ok(netaddr_parse("192.0.2.1", &a) == 0 && a.family == AF_INET, "ipv4 parses");
	is_str(netaddr_format(&a, buf, sizeof(buf)), "192.0.2.1", "ipv4 formats back");
	ok(netaddr_parse("2001:DB8::1", &a) == 0 && a.family == AF_INET6, "ipv6 parses");
	is_str(netaddr_format(&a, buf, sizeof(buf)), "2001:db8::1", "ipv6 canonical lowercase");
	ok(netaddr_parse("::ffff:192.0.2.7", &a) == 0, "v4-mapped parses");
	netaddr_unmap(&a);
	ok(a.family == AF_INET, "v4-mapped unmaps to ipv4");
	is_str(netaddr_format(&a, buf, sizeof(buf)), "192.0.2.7", "unmapped address kept");
}

static void test_hostile(void)
{
	static const char *bad[] = {
		"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ", " 1.2.3.4",
		"01.2.3.4x", "::g", "1:2:3:4:5:6:7:8:9", "1.2.3.4/", "a.b.c.d",
		"2001:db8::1%eth0", "0x7f.0.0.1",
	};
	static const char *badcidr[] = {
		"192.0.2.0/33", "192.0.2.0/-1", "192.0.2.0/", "2001:db8::/129",
		"192.0.2.0/1a", "192.0.2.0/0032", "/24", "192.0.2.0//24",
	};
	struct netaddr a;
	struct netaddr_cidr c;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(netaddr_parse(bad[i], &a) == -1, "rejects address '%s'", bad[i]);
	for (i = 0; i < sizeof(badcidr) / sizeof(badcidr[0]); i++)
		ok(netaddr_cidr_parse(badcidr[i], &c) == -1, "rejects cidr '%s'", badcidr[i]);
	ok(netaddr_parse(NULL, &a) == -1, "rejects NULL");
}

static void test_match(void)
{
	struct netaddr a;
	struct netaddr_cidr c;

	netaddr_cidr_parse("192.0.2.0/24", &c);
	netaddr_parse("192.0.2.200", &a);
	ok(netaddr_in_cidr(&a, &c), "192.0.2.200 in 192.0.2.0/24");
	netaddr_parse("192.0.3.1", &a);
	ok(!netaddr_in_cidr(&a, &c), "192.0.3.1 not in 192.0.2.0/24");
	netaddr_cidr_parse("10.0.0.0/9", &c);
	netaddr_parse("10.127.255.255", &a);
	ok(netaddr_in_cidr(&a, &c), "odd prefix /9 matches inside");
	netaddr_parse("10.128.0.0", &a);
	ok(!netaddr_in_cidr(&a, &c), "odd prefix /9 rejects outside");
	netaddr_cidr_parse("0.0.0.0/0", &c);
	ok(netaddr_in_cidr(&a, &c), "/0 matches every ipv4");
	netaddr_parse("2001:db8::1", &a);
	ok(!netaddr_in_cidr(&a, &c), "ipv4 network never matches ipv6");
	netaddr_cidr_parse("2001:db8::/32", &c);
	ok(netaddr_in_cidr(&a, &c), "2001:db8::1 in 2001:db8::/32");
	netaddr_cidr_parse("::1", &c);
	is_int(c.prefix, 128, "bare ipv6 is /128");
	netaddr_parse("::1", &a);
	ok(netaddr_in_cidr(&a, &c), "::1 matches ::1");
	ok(!netaddr_in_prefix(&a, &c.addr, 129), "prefix beyond 128 never matches");
}

int main(void)
{
	test_parse();
	test_hostile();
	test_match();
	return tap_done();
}
