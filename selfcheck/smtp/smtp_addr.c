/*
 * smtp_addr - server addresses, reverse names, address literals; see
 * smtp_addr.h.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "util/ascii.h"
#include "smtp_addr.h"

/* add_answers - the addresses of answer A into OUT, up to MAX */
static size_t add_answers(const struct dns_answer *a, int family,
			  struct netaddr *out, size_t n, size_t max)
{
	size_t i;

	for (i = 0; i < a->count && n < max; i++, n++) {
		memset(&out[n], 0, sizeof(out[n]));
		out[n].family = family;
		memcpy(out[n].bytes, a->rr[i].addr, family == AF_INET ? 4 : 16);
	}
	return n;
}

/* failed_temp - the status is a DNS failure, not an answer */
static int failed_temp(enum dns_status st)
{
	return st == DNS_TIMEOUT || st == DNS_SERVFAIL;
}

size_t smtp_addr_resolve(const struct dns_client *dns, const char *host,
			 int is_addr, struct netaddr *out, size_t max,
			 char *why, size_t whylen, int *temp)
{
	struct dns_answer a4, a6;
	size_t n = 0;

	*temp = 0;
	if (is_addr) {
		if (max > 0 && netaddr_parse(host, &out[0]) == 0)
			return 1;
		snprintf(why, whylen, "%s is not an IPv4 or IPv6 address", host);
		return 0;
	}
	dns_lookup(dns, host, DNS_T_A, &a4);
	dns_lookup(dns, host, DNS_T_AAAA, &a6);
	if (a4.status == DNS_OK)
		n = add_answers(&a4, AF_INET, out, n, max);
	if (a6.status == DNS_OK)
		n = add_answers(&a6, AF_INET6, out, n, max);
	if (n == 0) {
		*temp = failed_temp(a4.status) || failed_temp(a6.status);
		snprintf(why, whylen, "resolve %s: A %s, AAAA %s", host,
			 dns_status_name(a4.status), dns_status_name(a6.status));
	}
	dns_answer_free(&a4);
	dns_answer_free(&a6);
	return n;
}

void smtp_addr_reverse_name(const struct netaddr *a, char *out, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;
	int i;

	if (a->family == AF_INET) {
		snprintf(out, len, "%u.%u.%u.%u.in-addr.arpa", a->bytes[3],
			 a->bytes[2], a->bytes[1], a->bytes[0]);
		return;
	}
	if (len < SMTP_ADDR_REVERSE_MAX) {
		if (len > 0)
			out[0] = '\0';
		return;
	}
	for (i = 15; i >= 0; i--) {
		out[o++] = hex[a->bytes[i] & 0x0f];
		out[o++] = '.';
		out[o++] = hex[a->bytes[i] >> 4];
		out[o++] = '.';
	}
	memcpy(out + o, "ip6.arpa", sizeof("ip6.arpa"));
}

void smtp_addr_literal(const struct netaddr *a, char *out, size_t len)
{
	char text[NETADDR_STRLEN];

	netaddr_format(a, text, sizeof(text));
	snprintf(out, len, a->family == AF_INET6 ? "[IPv6:%s]" : "[%s]", text);
}

int smtp_addr_is_local(const struct netaddr *local, const struct netaddr *peer)
{
	static const unsigned char v6_loop[16] = { [15] = 1 };
	struct netaddr l = *local;

	netaddr_unmap(&l);
	if (l.family == AF_INET && l.bytes[0] == 127)
		return 1;
	if (l.family == AF_INET6 && memcmp(l.bytes, v6_loop, 16) == 0)
		return 1;
	return l.family == peer->family
		&& memcmp(l.bytes, peer->bytes, l.family == AF_INET ? 4 : 16) == 0;
}

int smtp_addr_same_host(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), i;

	if (na > 0 && a[na - 1] == '.')
		na--;
	if (nb > 0 && b[nb - 1] == '.')
		nb--;
	if (na == 0 || na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (ascii_lower((unsigned char) a[i]) != ascii_lower((unsigned char) b[i]))
			return 0;
	return 1;
}
