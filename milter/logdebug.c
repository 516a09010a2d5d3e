/*
 * logdebug - the debug lines behind a verdict; see logdebug.h.
 */
#include <string.h>

#include "log.h"
#include "logdebug.h"

/* spf_line - one identity */
static void spf_line(const char *qid, const char *which,
		     const struct spf_outcome *o)
{
	char d[80], why[200];

	if (o == NULL)
		return;
	log_debug("%s: spf %s=%s result=%s dns_terms=%d void_lookups=%d reason=\"%s\"",
		  qid, which, log_safe(o->domain, d, sizeof(d)),
		  spf_result_name(o->result), o->dns_terms, o->void_lookups,
		  log_safe(o->reason, why, sizeof(why)));
}

/* dkim_lines - one line per signature reported */
static void dkim_lines(const char *qid, const struct dkimv_results *r)
{
	char d[80], s[40], a[40], why[160];
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->count; i++)
		log_debug("%s: dkim #%zu d=%s s=%s a=%s key_bits=%u result=%s reason=\"%s\"",
			  qid, i + 1, log_safe(r->sig[i].d, d, sizeof(d)),
			  log_safe(r->sig[i].s, s, sizeof(s)),
			  log_safe(r->sig[i].a, a, sizeof(a)), r->sig[i].key_bits,
			  dkimv_result_name(r->sig[i].result),
			  log_safe(r->sig[i].reason, why, sizeof(why)));
	if (r->ignored > 0)
		log_debug("%s: dkim %zu more signatures not verified (MaxDKIMSignatures)",
			  qid, r->ignored);
}

/* found_where - how the tree walk came to the record it used */
static const char *found_where(const char *from, const struct dmarc_outcome *o)
{
	if (!o->found)
		return "none";
	if (strcmp(o->policy_domain, from) == 0)
		return "from-domain";
	if (strcmp(o->policy_domain, o->org_domain) == 0)
		return "organizational-domain";
	return "public-suffix-domain";
}

/* dmarc_lines - one line per From domain evaluated */
static void dmarc_lines(const char *qid, const struct msgauth_results *r)
{
	char from[80], at[80], org[80], why[200], pol[96];
	const struct dmarc_outcome *o;
	size_t i;

	for (i = 0; i < r->ndmarc; i++) {
		o = &r->dmarc[i];
		dmarc_policy_comment(o, o->disposition, pol, sizeof(pol));
		log_debug("%s: dmarc header_from=%s result=%s record=_dmarc.%s found=%s "
			  "org_domain=%s policy=\"%s\" spf_aligned=%d dkim_aligned=%d "
			  "dns_queries=%d reason=\"%s\"", qid,
			  log_safe(r->from_domains[i], from, sizeof(from)),
			  dmarc_result_name(o->result),
			  o->found ? log_safe(o->policy_domain, at, sizeof(at)) : "-",
			  found_where(r->from_domains[i], o),
			  o->org_domain[0] ? log_safe(o->org_domain, org, sizeof(org)) : "-",
			  pol, o->spf_aligned, o->dkim_aligned, o->dns_queries,
			  log_safe(o->reason, why, sizeof(why)));
	}
}

void logdebug_verdict(const char *qid, const struct msgauth_verdict *v)
{
	if (!log_enabled(CONF_LOG_DEBUG))
		return;
	if (qid == NULL)
		qid = "NOQUEUE";
	spf_line(qid, "mailfrom", v->results.spf_mailfrom);
	spf_line(qid, "helo", v->results.spf_helo);
	dkim_lines(qid, v->results.dkim);
	dmarc_lines(qid, &v->results);
}
