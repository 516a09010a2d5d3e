/*
 * dns - the dns group of authmilter-selfcheck: sc_dns_run() for main.c,
 * and the analyses it runs: each looks at one kind of
 * record of the admin's domain through a dns_client and adds findings
 * (catalog ids mx.*, spf.*, dkim.*, dmarc.*, caa.missing, mtasts.missing,
 * tlsrpt.missing, dnsbl.listed) to a report.
 *
 * dns.c runs them all for sc_dns_run(); the unit tests run each
 * against an in-process zone. DOMAIN is a valid name, lowercase, without
 * a trailing dot (sc_dns_name_norm). A lookup a check depends on that
 * times out, fails or cannot be asked becomes an sc_unrun() entry named
 * "dns.mx", "dns.spf" and so on, never a finding and never silence.
 * Every analysis is bounded in queries; none keeps state between calls.
 */
#ifndef AUTHMILTER_SC_DNS_H
#define AUTHMILTER_SC_DNS_H

#include <stddef.h>

#include "policy/dns.h"
#include "selfcheck/core/finding.h"
#include "selfcheck/core/selfcheck.h"

/* sc_dns_mx - the MX set: missing, null, address literals, CNAME
 * targets, hosts without addresses, one host, shared lowest preference,
 * and whether SPF passes every address of every MX host (dns_mx.c). */
void sc_dns_mx(const struct dns_client *dns, const char *domain,
	       struct sc_report *r);

/* sc_dns_spf - the SPF record and everything it includes: presence,
 * syntax, the "all" it ends in, and the lookup and void-lookup counts
 * RFC 7208 4.6.4 limits, counted over the whole tree (dns_spf.c). */
void sc_dns_spf(const struct dns_client *dns, const char *domain,
		struct sc_report *r);

/* sc_dns_dkim - the key records of SELECTORS (N of them; N == 0 means
 * the built-in list of common selectors): missing, weak, testing,
 * revoked (dns_dkim.c). */
void sc_dns_dkim(const struct dns_client *dns, const char *domain,
		 const char *const *selectors, size_t n, struct sc_report *r);

/* sc_dns_dmarc - the DMARC record that applies to DOMAIN, found by the
 * milter's own discovery (dmarc_discover: the RFC 9989 tree walk), its
 * tags, and any records the walk passed over (dns_dmarc.c). */
void sc_dns_dmarc(const struct dns_client *dns, const char *domain,
		  struct sc_report *r);

/* sc_dns_caa - a CAA record set at DOMAIN or a parent (RFC 8659 3). */
void sc_dns_caa(const struct dns_client *dns, const char *domain,
		struct sc_report *r);

/* sc_dns_mtasts - _mta-sts.DOMAIN TXT "v=STSv1..." (RFC 8461 3.1). */
void sc_dns_mtasts(const struct dns_client *dns, const char *domain,
		   struct sc_report *r);

/* sc_dns_tlsrpt - _smtp._tls.DOMAIN TXT "v=TLSRPTv1..." (RFC 8460 3). */
void sc_dns_tlsrpt(const struct dns_client *dns, const char *domain,
		   struct sc_report *r);

/* sc_dns_dnsbl - the IPv4 addresses of HOST (HOST itself when
 * HOST_IS_ADDR, else its A records) looked up in each of the N ZONES
 * (RFC 5782 2.1) (dns_dnsbl.c). */
void sc_dns_dnsbl(const struct dns_client *dns, const char *host,
		  int host_is_addr, const char *const *zones, size_t n,
		  struct sc_report *r);

/* sc_dns_run - the analyses above for CTX->opt's domain and server,
 * through CTX->dns. Adds findings and sc_unrun()
 * entries to CTX->report and never exits the process. */
void sc_dns_run(struct sc_ctx *ctx);

#endif
