/*
 * smtp_addr - the addresses of the SMTP server under audit, and the
 * forms an address takes in DNS and SMTP (reverse name, address
 * literal).
 *
 * Names are resolved through the run's DNS client (policy/resolver, so
 * --nameserver applies; tests pass an in-process zone), never through
 * getaddrinfo(). Any caller.
 */
#ifndef AUTHMILTER_SC_SMTP_ADDR_H
#define AUTHMILTER_SC_SMTP_ADDR_H

#include <stddef.h>

#include "policy/dns.h"
#include "netaddr.h"

#define SMTP_ADDR_MAX 8		/* addresses of one host tried */
#define SMTP_ADDR_REVERSE_MAX 74	/* the ip6.arpa name and a NUL */

/* smtp_addr_resolve - HOST itself when IS_ADDR (a literal, no brackets),
 * else its A records, then its AAAA records. Writes at most MAX
 * addresses and returns how many; 0 with the reason in WHY, and *TEMP
 * set when the reason is a DNS timeout or server failure (a check that
 * could not run) rather than a name without addresses. */
size_t smtp_addr_resolve(const struct dns_client *dns, const char *host,
			 int is_addr, struct netaddr *out, size_t max,
			 char *why, size_t whylen, int *temp);

/* smtp_addr_reverse_name - "1.2.0.192.in-addr.arpa", or the 32 nibbles
 * of an IPv6 address under ip6.arpa; OUT holds SMTP_ADDR_REVERSE_MAX. */
void smtp_addr_reverse_name(const struct netaddr *a, char *out, size_t len);

/* smtp_addr_literal - "[192.0.2.1]" or "[IPv6:2001:db8::1]" (RFC 5321
 * section 4.1.3) */
void smtp_addr_literal(const struct netaddr *a, char *out, size_t len);

/* smtp_addr_is_local - 1 if the server sees us at a loopback address or
 * at its own address (the same host): an address MTAs trust by default
 * (Postfix's mynetworks), so relay answers are not an outsider's. */
int smtp_addr_is_local(const struct netaddr *local, const struct netaddr *peer);

/* smtp_addr_same_host - host names A and B are equal, ASCII
 * case-insensitive, a trailing dot ignored; empty names never match. */
int smtp_addr_same_host(const char *a, const char *b);

#endif
