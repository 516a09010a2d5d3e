/*
 * dns - the dns group of authmilter-selfcheck: what the domain's
 * DNS tells an attacker (and every receiver) about its mail. Runs the
 * analyses of dns.h in turn on ctx->dns.
 */
#include "dns.h"
#include "dns_name.h"

/* sc_dns_run - every analysis of the domain, then the DNSBLs */
void sc_dns_run(struct sc_ctx *ctx)
{
	const struct sc_options *opt = ctx->opt;
	const struct dns_client *dns = &ctx->dns;
	struct sc_report *r = ctx->report;
	char domain[SC_DNS_NAME_SIZE];

	if (opt->domain == NULL) {
		sc_unrun(r, "dns", "no domain: give --domain");
		return;
	}
	if (sc_dns_name_norm(opt->domain, domain, sizeof(domain)) < 0
	    || sc_dns_name_is_address(domain)) {
		sc_unrun(r, "dns", "\"%.64s\" is not a domain name",
			 opt->domain);
		return;
	}
	sc_dns_mx(dns, domain, r);
	sc_dns_spf(dns, domain, r);
	sc_dns_dkim(dns, domain, opt->selectors, opt->nselectors, r);
	sc_dns_dmarc(dns, domain, r);
	sc_dns_caa(dns, domain, r);
	sc_dns_mtasts(dns, domain, r);
	sc_dns_tlsrpt(dns, domain, r);
	if (opt->ndnsbl > 0)
		sc_dns_dnsbl(dns, opt->smtp_host, opt->smtp_host_is_addr,
			     opt->dnsbl, opt->ndnsbl, r);
}
