/*
 * dns_dmarc - the DMARC analysis; see dns.h.
 *
 * The record that applies is the domain's own, else the nearest
 * parent's down to two labels (the simple stand-in for the
 * RFC 9989 tree walk); for a parent's record, sp= is the policy that
 * applies, as for any subdomain. The record is parsed by the milter's
 * own parser (policy/dmarc_record), so the audit reads it exactly as
 * authmilter would.
 */
#include <stdio.h>
#include <string.h>

#include "util/ascii.h"
#include "policy/dmarc_record.h"
#include "dns.h"
#include "dns_name.h"
#include "dns_text.h"

#define DMARC_CLIMB 8           /* names tried, the domain's included */
#define RECORD_SHOWN 512
#define MAX_REPORT_DOMAINS 16   /* external report domains checked */

/* is_dmarc - the record is meant as DMARC (v=DMARC1 first) */
static int is_dmarc(const struct dns_rr *rr)
{
	struct dmarc_record rec;

	return rr->text != NULL && dmarc_record_parse(rr->text, rr->textlen,
						      &rec, NULL, 0)
	    != DMARC_RECORD_NOT_DMARC;
}

/* rank - how much a policy protects; an absent one is WHEN_UNSET */
static int rank(enum dmarc_policy p, int when_unset)
{
	switch (p) {
	case DMARC_POLICY_NONE: return 0;
	case DMARC_POLICY_QUARANTINE: return 1;
	case DMARC_POLICY_REJECT: return 2;
	case DMARC_POLICY_UNSET: break;
	}
	return when_unset;
}

/* authorized - RFC 7489 7.1: does RDOMAIN take reports for OWNER?
 * 1 yes, 0 no, -1 undecided (said in R) */
static int authorized(const struct dns_client *dns, const char *owner,
		      const char *rdomain, struct sc_report *r, char *qname)
{
	char mid[SC_DNS_NAME_SIZE];
	struct dns_answer a;
	size_t i;
	int ok = 0;

	if (sc_dns_name_join(mid, sizeof(mid), "_report._dmarc", rdomain) < 0
	    || sc_dns_name_join(qname, SC_DNS_NAME_SIZE, owner, mid) < 0) {
		sc_unrun(r, "dns.dmarc",
			 "%s._report._dmarc.%s: too long to ask", owner,
			 rdomain);
		return -1;
	}
	dns_lookup(dns, qname, DNS_T_TXT, &a);
	if (sc_dns_failed(a.status)) {
		sc_unrun(r, "dns.dmarc", "%s TXT: %s", qname,
			 dns_status_name(a.status));
		dns_answer_free(&a);
		return -1;
	}
	for (i = 0; a.status == DNS_OK && i < a.count; i++)
		if (a.rr[i].text != NULL && a.rr[i].textlen >= 8
		    && memcmp(a.rr[i].text, "v=DMARC1", 8) == 0)
			ok = 1;
	dns_answer_free(&a);
	return ok;
}

/* uri_domain - the domain of a mailto: URI of LEN octets, or -1 */
static int uri_domain(const char *uri, size_t len, char *out)
{
	char addr[SC_DNS_NAME_SIZE * 2];
	const char *at;
	size_t n;

	if (len < 7 || !ascii_same_word(uri, 7, "mailto:"))
		return -1;
	uri += 7;
	len -= 7;
	n = strcspn(uri, "?");
	if (n > len)
		n = len;
	if (n >= sizeof(addr))
		return -1;
	memcpy(addr, uri, n);
	addr[n] = '\0';
	if ((at = strrchr(addr, '@')) == NULL)
		return -1;
	return sc_dns_name_norm(at + 1, out, SC_DNS_NAME_SIZE);
}

/* check_list - the mailto: URIs of one list (rua or ruf) outside the
 * owner's organization; DONE holds report domains already asked */
static void check_list(const struct dns_client *dns, const char *owner,
		       const char *tag, const char *list,
		       char done[][SC_DNS_NAME_SIZE], size_t *ndone,
		       struct sc_dns_text *t, struct sc_report *r)
{
	char org[SC_DNS_NAME_SIZE], rorg[SC_DNS_NAME_SIZE];
	char rdomain[SC_DNS_NAME_SIZE], qname[SC_DNS_NAME_SIZE];
	const char *p = list;
	size_t n, i;

	sc_dns_name_org(owner, org, sizeof(org));
	for (; *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		if (uri_domain(p, n, rdomain) < 0)
			continue;
		sc_dns_name_org(rdomain, rorg, sizeof(rorg));
		if (strcmp(org, rorg) == 0)
			continue;
		for (i = 0; i < *ndone && strcmp(done[i], rdomain) != 0; i++)
			;
		if (i < *ndone || *ndone == MAX_REPORT_DOMAINS)
			continue;
		snprintf(done[(*ndone)++], SC_DNS_NAME_SIZE, "%s", rdomain);
		if (authorized(dns, owner, rdomain, r, qname) == 0)
			sc_dns_text_add(t,
					"%s%s=%.*s: no v=DMARC1 record at %s",
					t->n ? "\n" : "", tag, (int) n, p,
					qname);
	}
}

/* report_external - dmarc.rua_unauthorized for rua and ruf */
static void report_external(const struct dns_client *dns, const char *owner,
			    const struct dmarc_record *rec, struct sc_report *r)
{
	char done[MAX_REPORT_DOMAINS][SC_DNS_NAME_SIZE];
	struct sc_dns_text t;
	size_t ndone = 0;

	sc_dns_text_init(&t);
	check_list(dns, owner, "rua", rec->rua, done, &ndone, &t, r);
	check_list(dns, owner, "ruf", rec->ruf, done, &ndone, &t, r);
	if (t.n > 0)
		sc_found(r, SC_ID_DMARC_RUA_UNAUTHORIZED, "%s", t.s);
}

/* has_mailto - LIST (comma-separated URIs) holds a mailto: URI, the only
 * scheme reports are sent to */
static int has_mailto(const char *list)
{
	const char *p;
	size_t n;

	for (p = list; *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		if (n > 7 && ascii_same_word(p, 7, "mailto:"))
			return 1;
	}
	return 0;
}

/* report_tags - the findings of one usable record; T is the evidence
 * (the record, and where it was found) */
static void report_tags(const struct dmarc_record *rec, int inherited,
			const char *ev, struct sc_report *r)
{
	enum dmarc_policy p = rec->p;
	int base = rank(rec->p, 0);

	if (inherited && rec->sp != DMARC_POLICY_UNSET)
		p = rec->sp;
	if (rank(p, 0) == 0)
		sc_found(r, SC_ID_DMARC_POLICY_NONE, "%s%s%s", ev,
			 rec->p == DMARC_POLICY_UNSET
			 ? "\nno p= tag: read as none" : "",
			 inherited && rec->sp != DMARC_POLICY_UNSET
			 ? "\nsp= applies to this subdomain" : "");
	if (!has_mailto(rec->rua))
		sc_found(r, SC_ID_DMARC_NO_RUA, "%s%s", ev, rec->has_rua
			 ? "\nrua= names no mailto: address" : "");
	if (!has_mailto(rec->ruf))
		sc_found(r, SC_ID_DMARC_NO_RUF, "%s%s", ev, rec->has_ruf
			 ? "\nruf= names no mailto: address" : "");
	if (rank(rec->sp, base) < base || rank(rec->np, base) < base)
		sc_found(r, SC_ID_DMARC_SUBDOMAIN_WEAKER, "%s\np=%s sp=%s np=%s",
			 ev, dmarc_policy_name(rec->p),
			 dmarc_policy_name(rec->sp),
			 dmarc_policy_name(rec->np));
	if (rec->pct < 100 || rec->testing)
		sc_found(r, SC_ID_DMARC_PARTIAL, "%s\npct=%d%s", ev, rec->pct,
			 rec->testing ? " t=y" : "");
}

/* judge - the records found at _dmarc.OWNER for DOMAIN */
static void judge(const struct dns_client *dns, const char *domain,
		  const char *owner, const struct dns_answer *a,
		  struct sc_report *r)
{
	struct dmarc_record rec;
	struct sc_dns_text t;
	const struct dns_rr *rr = NULL;
	size_t i, n = 0;
	char err[96];

	sc_dns_text_init(&t);
	for (i = 0; i < a->count; i++)
		if (is_dmarc(&a->rr[i]) && n++ == 0)
			rr = &a->rr[i];
	sc_dns_text_add(&t, "_dmarc.%s TXT", owner);
	for (i = 0; i < a->count && n > 1; i++)
		if (is_dmarc(&a->rr[i])) {
			sc_dns_text_add(&t, "\n");
			sc_dns_text_quote(&t, a->rr[i].text,
					  a->rr[i].textlen, 200);
		}
	if (n > 1) {
		sc_found(r, SC_ID_DMARC_MULTIPLE, "%s", t.s);
		return;
	}
	sc_dns_text_add(&t, " ");
	sc_dns_text_quote(&t, rr->text, rr->textlen, RECORD_SHOWN);
	if (strcmp(owner, domain) != 0)
		sc_dns_text_add(&t, "\n(%s has no record of its own: this one "
				"applies)", domain);
	if (dmarc_record_parse(rr->text, rr->textlen, &rec, err, sizeof(err))
	    != DMARC_RECORD_OK) {
		sc_found(r, SC_ID_DMARC_SYNTAX, "%s\n%s", t.s, err);
		return;
	}
	if (rec.p_invalid || rec.sp_invalid || rec.np_invalid) {
		sc_found(r, SC_ID_DMARC_SYNTAX,
			 "%s\n%s= is not none, quarantine or reject", t.s,
			 rec.p_invalid ? "p" : rec.sp_invalid ? "sp" : "np");
		return;
	}
	report_tags(&rec, strcmp(owner, domain) != 0, t.s, r);
	report_external(dns, owner, &rec, r);
}

/* count_dmarc - records of A that are meant as DMARC */
static size_t count_dmarc(const struct dns_answer *a)
{
	size_t i, n = 0;

	for (i = 0; a->status == DNS_OK && i < a->count; i++)
		n += (size_t) is_dmarc(&a->rr[i]);
	return n;
}

/* sc_dns_dmarc - the domain's record, else its parents' */
void sc_dns_dmarc(const struct dns_client *dns, const char *domain,
		  struct sc_report *r)
{
	char name[SC_DNS_NAME_SIZE];
	struct sc_dns_text tried;
	struct dns_answer a;
	const char *d = domain;
	int steps;

	sc_dns_text_init(&tried);
	for (steps = 0; d != NULL && steps < DMARC_CLIMB; steps++) {
		if (sc_dns_name_join(name, sizeof(name), "_dmarc", d) < 0) {
			sc_unrun(r, "dns.dmarc", "_dmarc.%s: too long to ask",
				 d);
			return;
		}
		dns_lookup(dns, name, DNS_T_TXT, &a);
		if (sc_dns_failed(a.status)) {
			sc_unrun(r, "dns.dmarc", "%s TXT: %s", name,
				 dns_status_name(a.status));
			dns_answer_free(&a);
			return;
		}
		if (count_dmarc(&a) > 0) {
			judge(dns, domain, d, &a, r);
			dns_answer_free(&a);
			return;
		}
		dns_answer_free(&a);
		sc_dns_text_add(&tried, "%s%s", tried.n ? ", " : "", name);
		d = sc_dns_name_labels(d) > 2 ? sc_dns_name_parent(d) : NULL;
	}
	sc_found(r, SC_ID_DMARC_MISSING,
		 "no TXT record starting with v=DMARC1 at %s", tried.s);
}
