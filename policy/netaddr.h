/*
 * netaddr - IPv4 and IPv6 addresses and CIDR networks.
 *
 * Parses the textual forms that appear in config files (TrustedNetworks),
 * SPF records (ip4:, ip6:, a/24//64) and milter connect data, and matches
 * an address against a network. Pure functions; any thread may call them.
 */
#ifndef AUTHMILTER_NETADDR_H
#define AUTHMILTER_NETADDR_H

#include <stddef.h>

#define NETADDR_STRLEN 46 /* INET6_ADDRSTRLEN */

struct netaddr {
	int family;                /* AF_INET or AF_INET6 */
	unsigned char bytes[16];   /* network order; 4 used for AF_INET */
};

struct netaddr_cidr {
	struct netaddr addr;
	int prefix;                /* 0..32 or 0..128 */
};

/* netaddr_parse - "192.0.2.1" or "2001:db8::1" (an IPv4-mapped IPv6
 * address stays IPv6; see netaddr_unmap). Returns 0, or -1 if malformed. */
int netaddr_parse(const char *s, struct netaddr *out);

/* netaddr_unmap - turn ::ffff:a.b.c.d into a.b.c.d (RFC 7208 section 5). */
void netaddr_unmap(struct netaddr *a);

/* netaddr_format - canonical text form; returns buf. */
const char *netaddr_format(const struct netaddr *a, char *buf, size_t len);

/* netaddr_cidr_parse - "ADDR" or "ADDR/PREFIX". A bare address is a host
 * route. Returns 0, or -1 if malformed or the prefix is out of range. */
int netaddr_cidr_parse(const char *s, struct netaddr_cidr *out);

/* netaddr_in_prefix - 1 if a and net share their first prefix bits and
 * family, else 0. */
int netaddr_in_prefix(const struct netaddr *a, const struct netaddr *net,
		      int prefix);

/* netaddr_in_cidr - netaddr_in_prefix against a parsed network. */
int netaddr_in_cidr(const struct netaddr *a, const struct netaddr_cidr *net);

#endif
