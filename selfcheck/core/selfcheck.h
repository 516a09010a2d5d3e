/*
 * selfcheck - the core group's header: what the check groups of
 * authmilter-selfcheck share: the
 * options of the run, the DNS client, the report, and what one group
 * learns that another needs (the names the SMTP server announces).
 *
 * Groups: smtp (banner, VRFY/EXPN, relay, STARTTLS, PTR), tls (protocol
 * versions, ciphers, certificate), dns (MX, SPF, DKIM, DMARC, CAA,
 * MTA-STS, TLS-RPT, DNSBL), postfix (postconf), each in its directory
 * with its own header (selfcheck/smtp/smtp.h ...). main.c runs the
 * groups asked for, in that order, on one thread.
 */
#ifndef AUTHMILTER_SC_SELFCHECK_H
#define AUTHMILTER_SC_SELFCHECK_H

#include <stddef.h>

#include "policy/dns.h"
#include "finding.h"

#define SC_MAX_LIST 16           /* selectors, DNSBL zones */

struct sc_options {
	char smtp_host[256];         /* name or address literal, no brackets */
	unsigned smtp_port;          /* default 25 */
	int smtp_host_is_addr;       /* smtp_host is an IPv4/IPv6 address */
	const char *domain;          /* the mail domain; NULL: not known */
	const char *selectors[SC_MAX_LIST]; /* DKIM selectors; none given:
	                              * the common list (dns group) */
	size_t nselectors;
	const char *dnsbl[SC_MAX_LIST]; /* DNSBL zones the admin names */
	size_t ndnsbl;
	const char *relay_probe_domain; /* external domain for relay probes */
	const char *postconf;        /* postconf program path */
	const char *postfix_config;  /* postconf -c DIR, or NULL */
	const char *authmilter_config; /* authmilter.conf, NULL if absent */
	unsigned timeout_ms;         /* each network step (connect, reply) */
	int own_nameserver;          /* --nameserver given: every name,
	                              * loopback's reverse zone too, is the
	                              * admin's server's to answer */
};

struct sc_ctx {
	const struct sc_options *opt;
	struct dns_client dns;       /* policy/resolver, or a test zone */
	struct sc_report *report;
	/* filled by the smtp group for the tls group (empty if not run): */
	char greeting_name[256];     /* first word after 220 */
	char ehlo_name[256];         /* first word of the EHLO reply */
};

#endif
