/*
 * dns_spf - the SPF analysis; see dns.h.
 *
 * The domain's own record is judged here (presence, one record, syntax,
 * the all that ends it, following redirect= when it has none); the walk
 * over includes and redirects (dns_spfwalk.c) gives the lookup counts
 * and the findings about nested records.
 */
#include <stdio.h>
#include <string.h>

#include "policy/spf.h"
#include "dns.h"
#include "dns_spfwalk.h"

#define RECORD_SHOWN 512        /* octets of a record quoted */

/* report_all - the qualifier of the all that decides for strangers */
static void report_all(const struct sc_spf_walk *w, struct sc_dns_text *t,
		       struct sc_report *r)
{
	enum sc_id id;

	if (w->all_via[0] != '\0')
		sc_dns_text_add(t, "\n(reached through redirect= to %s)",
				w->all_via);
	switch (w->all) {
	case SPF_PASS:
		id = SC_ID_SPF_PLUS_ALL;
		break;
	case SPF_NEUTRAL:
		id = SC_ID_SPF_NEUTRAL_ALL;
		break;
	case SPF_SOFTFAIL:
		id = SC_ID_SPF_SOFTFAIL_ALL;
		break;
	case SC_SPF_ALL_NONE:
		id = SC_ID_SPF_NO_ALL;
		break;
	default:                    /* -all, or unknown: said elsewhere */
		return;
	}
	sc_found(r, id, "%s", t->s);
}

/* report_counts - RFC 7208 4.6.4 over the whole tree */
static void report_counts(const struct sc_spf_walk *w,
			  const struct sc_dns_text *rec, struct sc_report *r)
{
	if (w->over || w->lookups > SPF_MAX_DNS_TERMS)
		sc_found(r, SC_ID_SPF_TOO_MANY_LOOKUPS,
			 "%s\n%s; total %d%s lookups (limit %d)%s%s", rec->s,
			 w->path.s, w->lookups, w->over || w->incomplete
			 ? " or more" : "", SPF_MAX_DNS_TERMS,
			 w->over ? "\n" : "", w->overwhy.s);
	if (w->voids > SPF_MAX_VOID)
		sc_found(r, SC_ID_SPF_TOO_MANY_VOID,
			 "%s\nvoid lookups: %s; total %d (limit %d)", rec->s,
			 w->voidpath.s, w->voids, SPF_MAX_VOID);
	if (w->incomplete)
		sc_unrun(r, "dns.spf",
			 "the SPF tree could not be read whole: %s", w->why);
}

/* judge - the domain's one parsed record */
static void judge(const struct dns_client *dns, const char *domain,
		  const struct sc_spf_fetched *f, struct sc_report *r)
{
	const struct dns_rr *rr = &f->ans.rr[f->which];
	struct sc_spf_walk w;
	struct sc_dns_text t;

	sc_dns_text_init(&t);
	sc_dns_text_add(&t, "%s TXT ", domain);
	sc_dns_text_quote(&t, rr->text, rr->textlen, RECORD_SHOWN);
	sc_dns_spfwalk(dns, domain, &f->rec, r, &w);
	report_counts(&w, &t, r);
	report_all(&w, &t, r);
}

/* sc_dns_spf - the SPF analysis */
void sc_dns_spf(const struct dns_client *dns, const char *domain,
		struct sc_report *r)
{
	struct sc_spf_fetched f;
	struct sc_dns_text t;

	sc_dns_text_init(&t);
	sc_dns_spfwalk_fetch(dns, domain, &f);
	switch (f.found) {
	case SC_SPF_FAILED:
		sc_unrun(r, "dns.spf", "%s TXT: %s", domain,
			 f.ans.status == DNS_OK ? "out of memory"
			 : dns_status_name(f.ans.status));
		break;
	case SC_SPF_NONE:
		sc_found(r, SC_ID_SPF_MISSING, "%s: %s", domain,
			 f.ans.status == DNS_NXDOMAIN
			 ? "the name does not exist"
			 : "no TXT record starting with v=spf1");
		break;
	case SC_SPF_MULTIPLE:
		sc_dns_text_add(&t, "%s has %zu SPF records:", domain, f.nspf);
		sc_dns_spfwalk_quote_records(&t, &f, 200);
		sc_found(r, SC_ID_SPF_MULTIPLE, "%s", t.s);
		break;
	case SC_SPF_SYNTAX:
		sc_dns_text_add(&t, "%s: %s\n", domain, f.err);
		sc_dns_text_quote(&t, f.ans.rr[f.which].text,
				  f.ans.rr[f.which].textlen, RECORD_SHOWN);
		sc_found(r, SC_ID_SPF_SYNTAX, "%s", t.s);
		break;
	case SC_SPF_FOUND:
		judge(dns, domain, &f, r);
		break;
	}
	sc_dns_spfwalk_fetched_free(&f);
}
