/*
 * dns_dmarc - the DMARC analysis; see dns.h.
 *
 * The record judged is the one the milter would enforce, found by the
 * milter's own discovery (policy/dmarc.c dmarc_discover: the RFC 9989
 * tree walk, several records at a name passed over, up to the top-level
 * name), so the audit cannot report a record authmilter ignores or miss
 * one it applies. Names whose records the walk passed over (several, or
 * one it cannot read) are reported too: their owner meant them to count.
 * For a record found above the domain, sp= is the policy that applies.
 * Records are parsed by the milter's parser (policy/dmarc_record).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii.h"
#include "policy/dmarc.h"
#include "policy/dmarc_record.h"
#include "dns.h"
#include "dns_name.h"
#include "dns_text.h"

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
					t->tb.len ? "\n" : "", tag, (int) n, p,
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
	if (t.tb.len > 0)
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

/* judge - the records found at _dmarc.OWNER for DOMAIN; NOTE (or NULL)
 * is added to the evidence: how discovery came to them */
static void judge(const struct dns_client *dns, const char *domain,
		  const char *owner, const struct dns_answer *a,
		  const char *note, struct sc_report *r)
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
		if (note != NULL)
			sc_dns_text_add(&t, "\n(%s)", note);
		sc_found(r, SC_ID_DMARC_MULTIPLE, "%s", t.s);
		return;
	}
	sc_dns_text_add(&t, " ");
	sc_dns_text_quote(&t, rr->text, rr->textlen, RECORD_SHOWN);
	if (note != NULL)
		sc_dns_text_add(&t, "\n(%s)", note);
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

/* asked_list - "_dmarc.a, _dmarc.b" for the names discovery asked */
static void asked_list(const struct dmarc_discovery *d, struct sc_dns_text *t)
{
	size_t i;

	for (i = 0; i < d->nasked; i++)
		sc_dns_text_add(t, "%s_dmarc.%s", i ? ", " : "", d->asked[i].domain);
}

/* judge_at - ask _dmarc.OWNER again (for the records' text) and judge
 * what is there, NOTE as judge takes it */
static void judge_at(const struct dns_client *dns, const char *domain,
		     const char *owner, const char *note, struct sc_report *r)
{
	char name[SC_DNS_NAME_SIZE];
	struct dns_answer a;
	size_t i, n = 0;

	if (sc_dns_name_join(name, sizeof(name), "_dmarc", owner) < 0) {
		sc_unrun(r, "dns.dmarc", "_dmarc.%s: too long to ask", owner);
		return;
	}
	dns_lookup(dns, name, DNS_T_TXT, &a);
	for (i = 0; a.status == DNS_OK && i < a.count; i++)
		n += (size_t) is_dmarc(&a.rr[i]);
	if (sc_dns_failed(a.status) || n == 0)
		sc_unrun(r, "dns.dmarc", "%s TXT: %s", name, n == 0
			 && !sc_dns_failed(a.status)
			 ? "the record changed while we looked"
			 : dns_status_name(a.status));
	else
		judge(dns, domain, owner, &a, note, r);
	dns_answer_free(&a);
}

/* sc_dns_dmarc - the record the milter would use, and the ones it passed
 * over on the way */
void sc_dns_dmarc(const struct dns_client *dns, const char *domain,
		  struct sc_report *r)
{
	struct dmarc_discovery *d = calloc(1, sizeof(*d));
	const struct dmarc_outcome *o;
	struct sc_dns_text walk, note;
	size_t i, passed = 0;

	if (d == NULL || dmarc_discover(dns, DMARC_ORG_TREEWALK, NULL, domain,
					d) < 0) {
		sc_unrun(r, "dns.dmarc", "out of memory");
		free(d);
		return;
	}
	o = &d->outcome;
	if (o->result == DMARC_RESULT_TEMPERROR || d->nasked == 0) {
		sc_unrun(r, "dns.dmarc", "%s: %s", domain, o->reason);
		free(d);
		return;
	}
	sc_dns_text_init(&walk);
	asked_list(d, &walk);
	sc_dns_text_init(&note);
	sc_dns_text_add(&note, "authmilter passes over these records and looks "
			"further up; the tree walk asked %s", walk.s);
	for (i = 0; i < d->nasked; i++)
		if (d->asked[i].discarded) {
			judge_at(dns, domain, d->asked[i].domain, note.s, r);
			passed++;
		}
	sc_dns_text_init(&note);
	sc_dns_text_add(&note, "%s has no record of its own: this one applies; "
			"the tree walk asked %s", domain, walk.s);
	if (o->policy_domain[0] != '\0')
		judge_at(dns, domain, o->policy_domain,
			 strcmp(o->policy_domain, domain) != 0 ? note.s : NULL, r);
	else if (passed == 0)
		sc_found(r, SC_ID_DMARC_MISSING,
			 "no TXT record starting with v=DMARC1 at %s", walk.s);
	free(d);
}
