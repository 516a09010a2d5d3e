/*
 * netaddr - IPv4/IPv6 addresses and CIDR networks; see netaddr.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "netaddr.h"

/* netaddr_parse - inet_pton for either family */
int netaddr_parse(const char *s, struct netaddr *out)
{
	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	if (strchr(s, ':') != NULL) {
		if (inet_pton(AF_INET6, s, out->bytes) != 1)
			return -1;
		out->family = AF_INET6;
		return 0;
	}
	if (inet_pton(AF_INET, s, out->bytes) != 1)
		return -1;
	out->family = AF_INET;
	return 0;
}

/* netaddr_unmap - ::ffff:a.b.c.d becomes a.b.c.d */
void netaddr_unmap(struct netaddr *a)
{
	static const unsigned char mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	if (a->family != AF_INET6 || memcmp(a->bytes, mapped, 12) != 0)
		return;
	memmove(a->bytes, a->bytes + 12, 4);
	memset(a->bytes + 4, 0, 12);
	a->family = AF_INET;
}

/* netaddr_format - inet_ntop, never failing for a valid struct */
const char *netaddr_format(const struct netaddr *a, char *buf, size_t len)
{
	if (len == 0)
		return buf;
	if (inet_ntop(a->family == AF_INET6 ? AF_INET6 : AF_INET, a->bytes,
		      buf, (socklen_t) len) == NULL)
		buf[0] = '\0';
	return buf;
}

/* parse_prefix - decimal prefix length, no sign, no leading zeros run */
static int parse_prefix(const char *s, int max)
{
	int v = 0;

	if (*s == '\0' || strlen(s) > 3)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v > max ? -1 : v;
}

/* netaddr_cidr_parse - "ADDR" or "ADDR/PREFIX" */
int netaddr_cidr_parse(const char *s, struct netaddr_cidr *out)
{
	char buf[NETADDR_STRLEN + 8];
	char *slash;
	size_t len = strlen(s);

	memset(out, 0, sizeof(*out));
	if (len == 0 || len >= sizeof(buf))
		return -1;
	memcpy(buf, s, len + 1);
	slash = strchr(buf, '/');
	if (slash != NULL)
		*slash++ = '\0';
	if (netaddr_parse(buf, &out->addr) != 0)
		return -1;
	out->prefix = out->addr.family == AF_INET ? 32 : 128;
	if (slash != NULL) {
		out->prefix = parse_prefix(slash, out->prefix);
		if (out->prefix < 0)
			return -1;
	}
	return 0;
}

/* netaddr_in_prefix - compare the leading PREFIX bits */
int netaddr_in_prefix(const struct netaddr *a, const struct netaddr *net,
		      int prefix)
{
	int whole, rest;
	unsigned char mask;

	if (a->family != net->family || prefix < 0)
		return 0;
	if (prefix > (a->family == AF_INET ? 32 : 128))
		return 0;
	whole = prefix / 8;
	rest = prefix % 8;
	if (memcmp(a->bytes, net->bytes, (size_t) whole) != 0)
		return 0;
	if (rest == 0)
		return 1;
	mask = (unsigned char) (0xff << (8 - rest));
	return (a->bytes[whole] & mask) == (net->bytes[whole] & mask);
}

int netaddr_in_cidr(const struct netaddr *a, const struct netaddr_cidr *net)
{
	return netaddr_in_prefix(a, &net->addr, net->prefix);
}
