/*
 * dns_name - domain-name helpers; see dns_name.h.
 */
#include <stdio.h>
#include <string.h>

#include "util/ascii.h"
#include "policy/netaddr.h"
#include "dns_name.h"

/* sc_dns_name_norm - lowercase, no trailing dot, valid */
int sc_dns_name_norm(const char *name, char *out, size_t outlen)
{
	size_t n, i;

	if (name == NULL || outlen == 0)
		return -1;
	n = strlen(name);
	if (n > 0 && name[n - 1] == '.')
		n--;
	if (n == 0 || n >= outlen)
		return -1;
	for (i = 0; i < n; i++)
		out[i] = (char) ascii_lower((unsigned char) name[i]);
	out[n] = '\0';
	return dns_name_valid(out) ? 0 : -1;
}

/* sc_dns_name_join - LEFT.RIGHT, bounded and valid */
int sc_dns_name_join(char *out, size_t outlen, const char *left,
		     const char *right)
{
	int n = snprintf(out, outlen, "%s.%s", left, right);

	if (n < 0 || (size_t) n >= outlen || !dns_name_valid(out)) {
		if (outlen > 0)
			out[0] = '\0';
		return -1;
	}
	return 0;
}

/* sc_dns_name_parent - skip the first label */
const char *sc_dns_name_parent(const char *name)
{
	const char *dot = strchr(name, '.');

	return dot != NULL && dot[1] != '\0' ? dot + 1 : NULL;
}

/* sc_dns_name_labels - count labels */
int sc_dns_name_labels(const char *name)
{
	int n = *name != '\0';

	for (; *name; name++)
		n += *name == '.' && name[1] != '\0';
	return n;
}

/* sc_dns_name_org - the last two labels */
void sc_dns_name_org(const char *name, char *out, size_t outlen)
{
	const char *p = name;
	size_t i;

	while (sc_dns_name_labels(p) > 2)
		p = sc_dns_name_parent(p);
	for (i = 0; i + 1 < outlen && p[i] != '\0'; i++)
		out[i] = (char) ascii_lower((unsigned char) p[i]);
	if (outlen > 0)
		out[i] = '\0';
}

/* sc_dns_name_is_address - an address, bare or bracketed */
int sc_dns_name_is_address(const char *name)
{
	char buf[NETADDR_STRLEN + 8];
	struct netaddr a;
	size_t n = strlen(name);

	if (n >= 2 && name[0] == '[' && name[n - 1] == ']') {
		name++;
		n -= 2;
	}
	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, name, n);
	buf[n] = '\0';
	/* IPv6 literals in MX data look like "ipv6:2001:db8::1" */
	if (n > 5 && ascii_same_word(buf, 5, "ipv6:"))
		return netaddr_parse(buf + 5, &a) == 0;
	return netaddr_parse(buf, &a) == 0;
}

/* sc_dns_failed - undecided statuses */
int sc_dns_failed(enum dns_status st)
{
	return st == DNS_TIMEOUT || st == DNS_SERVFAIL || st == DNS_BADNAME;
}
