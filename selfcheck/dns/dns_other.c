/*
 * dns_other - the records that guard the rest of the mail path: CAA
 * (which CAs may issue the certificates that MTA-STS relies on),
 * MTA-STS and TLS-RPT; see dns.h.
 */
#include <stdio.h>
#include <string.h>

#include "dns.h"
#include "dns_name.h"
#include "dns_text.h"

#define CAA_CLIMB 16            /* names tried, up to the TLD */

/* sc_dns_caa - RFC 8659 3: the first non-empty CAA set climbing from
 * DOMAIN toward the root (a CNAME is followed by the resolver) */
void sc_dns_caa(const struct dns_client *dns, const char *domain,
		struct sc_report *r)
{
	struct sc_dns_text tried;
	struct dns_answer a;
	const char *d = domain;
	int steps;

	sc_dns_text_init(&tried);
	for (steps = 0; d != NULL && steps < CAA_CLIMB; steps++) {
		dns_lookup(dns, d, DNS_T_CAA, &a);
		if (sc_dns_failed(a.status)) {
			sc_unrun(r, "dns.caa", "%s CAA: %s", d,
				 dns_status_name(a.status));
			dns_answer_free(&a);
			return;
		}
		if (a.status == DNS_OK && a.count > 0) {
			dns_answer_free(&a);
			return;
		}
		dns_answer_free(&a);
		sc_dns_text_add(&tried, "%s%s", tried.tb.len ? ", " : "", d);
		d = sc_dns_name_parent(d);
	}
	sc_found(r, SC_ID_CAA_MISSING, "no CAA record at %s", tried.s);
}

/* txt_starting - look for a TXT record at PREFIX.DOMAIN that starts with
 * TAG (case-sensitive, as RFC 8461 and RFC 8460 spell it); report ID if
 * none, CHECK undecided on a failed lookup */
static void txt_starting(const struct dns_client *dns, const char *domain,
			 const char *prefix, const char *tag, enum sc_id id,
			 const char *check, struct sc_report *r)
{
	char name[SC_DNS_NAME_SIZE];
	struct dns_answer a;
	size_t i, n = strlen(tag);
	int found = 0;

	if (sc_dns_name_join(name, sizeof(name), prefix, domain) < 0) {
		sc_unrun(r, check, "%s.%s: too long to ask", prefix, domain);
		return;
	}
	dns_lookup(dns, name, DNS_T_TXT, &a);
	if (sc_dns_failed(a.status)) {
		sc_unrun(r, check, "%s TXT: %s", name,
			 dns_status_name(a.status));
		dns_answer_free(&a);
		return;
	}
	/* "v=STSv1;" or "v=STSv1" alone: the version tag ends the word */
	for (i = 0; a.status == DNS_OK && i < a.count; i++)
		if (a.rr[i].text != NULL && a.rr[i].textlen >= n
		    && memcmp(a.rr[i].text, tag, n) == 0
		    && (a.rr[i].textlen == n || a.rr[i].text[n] == ';'
			|| a.rr[i].text[n] == ' ' || a.rr[i].text[n] == '\t'))
			found = 1;
	dns_answer_free(&a);
	if (!found)
		sc_found(r, id, "no TXT record starting with %s at %s", tag,
			 name);
}

/* sc_dns_mtasts - RFC 8461 3.1 */
void sc_dns_mtasts(const struct dns_client *dns, const char *domain,
		   struct sc_report *r)
{
	txt_starting(dns, domain, "_mta-sts", "v=STSv1", SC_ID_MTASTS_MISSING,
		     "dns.mtasts", r);
}

/* sc_dns_tlsrpt - RFC 8460 3 */
void sc_dns_tlsrpt(const struct dns_client *dns, const char *domain,
		   struct sc_report *r)
{
	txt_starting(dns, domain, "_smtp._tls", "v=TLSRPTv1", SC_ID_TLSRPT_MISSING,
		     "dns.tlsrpt", r);
}
