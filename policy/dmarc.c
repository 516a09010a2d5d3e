/*
 * dmarc - DMARC evaluation; see dmarc.h.
 *
 * Section numbers are RFC 9989's, as in draft-ietf-dmarc-dmarcbis-41 (the
 * text sent to the RFC Editor); PSL mode follows RFC 7489 instead:
 *  - 5.3.1: one From domain, an A-label; a name that is not a host name
 *    (a U-label, a space, an empty label, over 253 octets) cannot be
 *    looked up or aligned, and is permerror ("an error ... that is
 *    unrecoverable", 9.2), never none: none would say the domain has no
 *    policy, which nobody asked.
 *  - 4.10.1: the record at the From domain, else the organizational
 *    domain's, else the public suffix domain's; p for the From domain
 *    itself, sp or np (3.2.13: np when the From domain does not exist)
 *    for a subdomain; an unusable p/sp/np with no rua means no DMARC
 *    processing. No record at all (as opposed to DNS trouble) is none.
 *  - 5.3.6: DNS trouble that leaves pass or fail open is temperror.
 *  - 4.7 t=y: the disposition one step softer. pct= is ignored (A.6).
 *  - RFC 7489 6.6.3 (PSL mode): the From domain, then its organizational
 *    domain; several records end discovery (none); p= is required;
 *    6.6.4: pct= sampling, the unsampled get the next softer policy.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmarc.h"
#include "dmarc_walk.h"
#include "publicsuffix.h"

_Static_assert(DMARC_MAX_ASKED == DMARC_MAX_QUERIES,
	       "dmarc_discover copies every name a walk may ask");

/* One evaluation. */
struct eval {
	const struct dmarc_request *req;
	struct dmarc_outcome *out;
	struct dmarc_lookups *l;
	char author[DNS_MAX_NAME + 1];
	const char *org;                /* the From domain's organizational
	                                 * domain, NULL when unknown */
	int org_tried;                  /* its walk was made */
};

static void reason(struct dmarc_outcome *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* reason - why, for people (names longer than the buffer are cut) */
static void reason(struct dmarc_outcome *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->reason, sizeof(out->reason), fmt, ap);
	va_end(ap);
}

/* dns_trouble - the reason for a failed _dmarc query */
static enum dmarc_result dns_trouble(struct eval *ev,
				     const struct dmarc_name *d)
{
	reason(ev->out, "DNS %s for _dmarc.%s", d->status == DNS_TIMEOUT
	       ? "timeout" : "error", d->domain);
	return DMARC_RESULT_TEMPERROR;
}

/* use_record - 4.10.1 on the record found at D; -1 means "no DMARC
 * processing" and the result is none */
static int use_record(struct eval *ev, const struct dmarc_name *d)
{
	struct dmarc_outcome *out = ev->out;

	out->record = d->rec;
	snprintf(out->policy_domain, sizeof(out->policy_domain), "%s",
		 d->domain);
	if (!dmarc_record_applies(&out->record,
				  ev->req->mode == DMARC_ORG_PSL)) {
		reason(out, "unusable p=, sp= or np= and no rua at _dmarc.%s",
		       d->domain);
		return -1;
	}
	out->found = 1;
	return 0;
}

/* at_org - the walk's record at the organizational domain, else its last
 * one (a psd=y record whose organizational domain the walk skipped) */
static const struct dmarc_name *at_org(const struct dmarc_walk *w,
				       const char *org)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (strcmp(w->rec[i]->domain, org) == 0)
			return w->rec[i];
	return w->rec[w->n - 1];
}

/* author_walk - the From domain's whole walk, once, for its
 * organizational domain; ev->org stays NULL if DNS trouble stops it */
static void author_walk(struct eval *ev, struct dmarc_walk *w)
{
	dmarc_walk(ev->l, ev->author, w);
	ev->org_tried = 1;
	if (w->end != DMARC_WALK_DONE)
		return;
	snprintf(ev->out->org_domain, sizeof(ev->out->org_domain), "%s",
		 dmarc_walk_org(w));
	ev->org = ev->out->org_domain;
}

/* no_record - the walk found nothing usable: none, or permerror when the
 * only DMARC record seen could not be read (9.2: "the retrieval of an
 * improperly formatted DMARC Policy Record"); several records are none */
static enum dmarc_result no_record(struct eval *ev, const struct dmarc_walk *w)
{
	if (w->invalid) {
		reason(ev->out, "unusable DMARC record at _dmarc.%s: %s",
		       w->invalid->domain, w->invalid->why);
		return DMARC_RESULT_PERMERROR;
	}
	if (w->several)
		reason(ev->out, "no DMARC record (%s at _dmarc.%s discarded)",
		       w->several->why, w->several->domain);
	else
		reason(ev->out, "no DMARC record");
	return DMARC_RESULT_NONE;
}

/* discover_walk - 4.10.1 by the tree walk; -1 when a record applies. A
 * record at the From domain itself ends discovery: the rest of the walk
 * is needed only for relaxed alignment (4.10.2), and done then. */
static int discover_walk(struct eval *ev, enum dmarc_result *res)
{
	const struct dmarc_name *use = dmarc_lookup(ev->l, ev->author);
	struct dmarc_walk w;

	if (use == NULL) {              /* a fresh budget: cannot happen */
		*res = DMARC_RESULT_TEMPERROR;
		return 0;
	}
	if (use->status == DNS_SERVFAIL || use->status == DNS_TIMEOUT) {
		*res = dns_trouble(ev, use);
		return 0;
	}
	if (use->found) {
		if (use->rec.psd != DMARC_PSD_UNSET) {
			/* the walk would stop here: rules 1 and 3 */
			ev->org_tried = 1;
			snprintf(ev->out->org_domain,
				 sizeof(ev->out->org_domain), "%s", ev->author);
			ev->org = ev->out->org_domain;
		}
	} else {
		author_walk(ev, &w);
		if (w.end != DMARC_WALK_DONE) {
			/* the policy may be at the name that failed */
			*res = w.failed ? dns_trouble(ev, w.failed)
			    : DMARC_RESULT_TEMPERROR;
			return 0;
		}
		if (w.n == 0) {
			*res = no_record(ev, &w);
			return 0;
		}
		use = at_org(&w, ev->org);
	}
	if (use_record(ev, use) < 0) {
		*res = DMARC_RESULT_NONE;
		return 0;
	}
	return -1;
}

/* psl_one - RFC 7489 6.6.3 at one name: 1 found, 0 nothing there, -1 the
 * result is decided (*RES) */
static int psl_one(struct eval *ev, const char *domain,
		   enum dmarc_result *res)
{
	const struct dmarc_name *d = dmarc_lookup(ev->l, domain);

	if (d == NULL || d->status == DNS_SERVFAIL
	    || d->status == DNS_TIMEOUT) {
		*res = d ? dns_trouble(ev, d) : DMARC_RESULT_TEMPERROR;
		return -1;
	}
	if (d->several) {
		/* step 5: several records end policy discovery */
		reason(ev->out, "%s at _dmarc.%s", d->why, domain);
		*res = DMARC_RESULT_NONE;
		return -1;
	}
	if (d->discarded) {
		reason(ev->out, "unusable DMARC record at _dmarc.%s: %s",
		       domain, d->why);
		*res = DMARC_RESULT_PERMERROR;
		return -1;
	}
	if (!d->found)
		return 0;
	if (use_record(ev, d) < 0) {
		*res = DMARC_RESULT_NONE;
		return -1;
	}
	return 1;
}

/* discover_psl - RFC 7489 6.6.3; -1 when a record applies */
static int discover_psl(struct eval *ev, enum dmarc_result *res)
{
	struct dmarc_outcome *out = ev->out;
	int rc;

	if (ev->req->psl == NULL) {
		reason(out, "PSL mode without a public suffix list");
		*res = DMARC_RESULT_TEMPERROR;
		return 0;
	}
	dmarc_psl_org(ev->req->psl, ev->author, out->org_domain,
		      sizeof(out->org_domain));
	ev->org = out->org_domain;
	ev->org_tried = 1;
	if ((rc = psl_one(ev, ev->author, res)) == 0
	    && strcmp(ev->org, ev->author) != 0)
		rc = psl_one(ev, ev->org, res);
	if (rc == 0) {
		reason(out, "no DMARC record");
		*res = DMARC_RESULT_NONE;
	}
	return rc > 0 ? -1 : 0;
}

/* align - ID against the From domain, by the request's mode; the From
 * domain's walk is finished only when relaxed alignment needs it */
static enum dmarc_align align(struct eval *ev, const char *id, char how)
{
	struct dmarc_walk w;
	char name[DNS_MAX_NAME + 1];

	if (id == NULL || dmarc_domain_norm(id, name) < 0)
		return DMARC_ALIGN_NO;
	if (strcmp(name, ev->author) == 0)
		return DMARC_ALIGN_YES;
	if (how == 's')
		return DMARC_ALIGN_NO;
	if (ev->req->mode == DMARC_ORG_PSL)
		return dmarc_align_psl(ev->req->psl, ev->author, name, how);
	if (!ev->org_tried)
		author_walk(ev, &w);
	return dmarc_align_walk(ev->l, ev->author, ev->org, name, how);
}

/* aligned_pass - 4.4, 5.3.4: SPF (MAIL FROM only) and every passing DKIM
 * signature; counts in *OPEN the ones DNS trouble left undecided */
static void aligned_pass(struct eval *ev, int *open, const char **what)
{
	const struct dmarc_request *req = ev->req;
	struct dmarc_outcome *out = ev->out;
	enum dmarc_align a;
	size_t i, n = req->ndkim < DMARC_MAX_DKIM ? req->ndkim : DMARC_MAX_DKIM;

	if (req->spf == SPF_PASS) {
		a = align(ev, req->spf_domain, out->record.aspf);
		out->spf_aligned = a == DMARC_ALIGN_YES;
		*open += a == DMARC_ALIGN_UNKNOWN;
		if (out->spf_aligned)
			*what = req->spf_domain;
	}
	for (i = 0; i < n && !out->dkim_aligned; i++) {
		if (!req->dkim[i].pass)
			continue;
		a = align(ev, req->dkim[i].domain, out->record.adkim);
		out->dkim_aligned = a == DMARC_ALIGN_YES;
		*open += a == DMARC_ALIGN_UNKNOWN;
		if (out->dkim_aligned)
			*what = req->dkim[i].domain;
	}
}

/* temperror_could_pass - 5.3.6: an SPF or DKIM temperror for a domain
 * that would align could have turned fail into pass */
static const char *temperror_could_pass(struct eval *ev)
{
	const struct dmarc_request *req = ev->req;
	size_t i, n = req->ndkim < DMARC_MAX_DKIM ? req->ndkim : DMARC_MAX_DKIM;

	if (req->spf == SPF_TEMPERROR && align(ev, req->spf_domain,
					       ev->out->record.aspf)
	    != DMARC_ALIGN_NO)
		return "SPF";
	for (i = 0; i < n; i++)
		if (!req->dkim[i].pass && req->dkim[i].temperror
		    && align(ev, req->dkim[i].domain, ev->out->record.adkim)
		    != DMARC_ALIGN_NO)
			return "DKIM";
	return NULL;
}

/* judge - pass, fail, or temperror when DNS left it open */
static enum dmarc_result judge(struct eval *ev)
{
	struct dmarc_outcome *out = ev->out;
	const char *what = NULL, *method;
	int open = 0;

	aligned_pass(ev, &open, &what);
	if (out->dkim_aligned || out->spf_aligned) {
		reason(out, "aligned %s pass for %s", out->dkim_aligned
		       ? "DKIM" : "SPF", what);
		return DMARC_RESULT_PASS;
	}
	if (open) {
		reason(out, "alignment left open by DNS trouble");
		return DMARC_RESULT_TEMPERROR;
	}
	if ((method = temperror_could_pass(ev)) != NULL) {
		reason(out, "%s temperror for an aligned domain", method);
		return DMARC_RESULT_TEMPERROR;
	}
	reason(out, "no aligned SPF or DKIM pass");
	return DMARC_RESULT_FAIL;
}

/* author_exists - 3.2.13 and A.4: 1 exists, 0 NXDOMAIN, -1 DNS trouble.
 * Any answer but NXDOMAIN for _dmarc.<name> proves <name> exists (RFC
 * 8020), which saves the A query. */
static int author_exists(struct eval *ev)
{
	const struct dmarc_name *d = dmarc_lookup(ev->l, ev->author);
	struct dns_answer ans;
	enum dns_status st;

	if (d != NULL && (d->status == DNS_OK || d->status == DNS_NODATA))
		return 1;
	dns_lookup(ev->l->dns, ev->author, DNS_T_A, &ans);
	ev->l->queries++;
	st = ans.status;
	dns_answer_free(&ans);
	if (st == DNS_SERVFAIL || st == DNS_TIMEOUT) {
		reason(ev->out, "DNS %s for %s (does it exist? np= or sp=)",
		       st == DNS_TIMEOUT ? "timeout" : "error", ev->author);
		return -1;
	}
	return st == DNS_NXDOMAIN ? 0 : 1;
}

/* choose_policy - p for the From domain itself, else sp or np */
static int choose_policy(struct eval *ev, enum dmarc_result res)
{
	const struct dmarc_record *r = &ev->out->record;
	enum dmarc_policy sp = r->sp != DMARC_POLICY_UNSET ? r->sp : r->p;
	int exists;

	if (strcmp(ev->out->policy_domain, ev->author) == 0) {
		ev->out->policy = r->p;
		return 0;
	}
	ev->out->policy = sp;
	if (ev->req->mode == DMARC_ORG_PSL || res != DMARC_RESULT_FAIL
	    || r->np == DMARC_POLICY_UNSET || r->np == sp)
		return 0;
	if ((exists = author_exists(ev)) < 0)
		return -1;
	if (!exists)
		ev->out->policy = r->np;
	return 0;
}

/* disposition - what the policy asks for, after t=y or pct sampling */
static enum dmarc_disposition disposition(const struct eval *ev)
{
	const struct dmarc_record *r = &ev->out->record;
	int level, softer;

	switch (ev->out->policy) {
	case DMARC_POLICY_REJECT: level = DMARC_DIS_REJECT; break;
	case DMARC_POLICY_QUARANTINE: level = DMARC_DIS_QUARANTINE; break;
	default: return DMARC_DIS_NONE;
	}
	if (ev->req->mode == DMARC_ORG_PSL)
		softer = ev->req->sample >= (unsigned) r->pct;
	else
		softer = r->testing;
	return (enum dmarc_disposition) (softer ? level - 1 : level);
}

/* evaluate - discovery, alignment, policy */
static enum dmarc_result evaluate(struct eval *ev)
{
	enum dmarc_result res = DMARC_RESULT_NONE;
	int more;

	if (ev->req->mode == DMARC_ORG_PSL)
		more = discover_psl(ev, &res);
	else
		more = discover_walk(ev, &res);
	if (!more)
		return res;
	res = judge(ev);
	if (choose_policy(ev, res) < 0)
		return DMARC_RESULT_TEMPERROR;
	if (res == DMARC_RESULT_FAIL)
		ev->out->disposition = disposition(ev);
	return res;
}

/* run - check the From domain, then evaluate with the lookups L */
static enum dmarc_result run(const struct dns_client *dns,
			     const struct dmarc_request *req,
			     struct dmarc_outcome *out, struct dmarc_lookups *l)
{
	struct eval ev;

	memset(out, 0, sizeof(*out));
	memset(&ev, 0, sizeof(ev));
	ev.req = req;
	ev.out = out;
	ev.l = l;
	l->dns = dns;
	out->result = DMARC_RESULT_PERMERROR;
	if (dmarc_domain_norm(req->from_domain, ev.author) < 0) {
		reason(out, "From domain is not a host name");
		return out->result;
	}
	out->result = evaluate(&ev);
	out->dns_queries = l->queries;
	return out->result;
}

/* dmarc_evaluate - one evaluation with lookups of its own */
enum dmarc_result dmarc_evaluate(const struct dns_client *dns,
				 const struct dmarc_request *req,
				 struct dmarc_outcome *out)
{
	struct dmarc_lookups *l = calloc(1, sizeof(*l));

	if (l == NULL) {
		memset(out, 0, sizeof(*out));
		reason(out, "out of memory");
		return out->result = DMARC_RESULT_TEMPERROR;
	}
	run(dns, req, out, l);
	free(l);
	return out->result;
}

/* dmarc_discover - an evaluation in which nothing can align, so that it
 * stops at the policy; the names it asked are kept for the caller */
int dmarc_discover(const struct dns_client *dns, enum dmarc_orgmode mode,
		   const struct publicsuffix *psl, const char *domain,
		   struct dmarc_discovery *d)
{
	struct dmarc_lookups *l = calloc(1, sizeof(*l));
	struct dmarc_request req;
	size_t i;

	memset(d, 0, sizeof(*d));
	if (l == NULL)
		return -1;
	memset(&req, 0, sizeof(req));
	req.from_domain = domain;
	req.spf = SPF_NONE;
	req.mode = mode;
	req.psl = psl;
	run(dns, &req, &d->outcome, l);
	for (i = 0; i < l->count; i++) {
		struct dmarc_asked *a = &d->asked[i];

		memcpy(a->domain, l->names[i].domain, sizeof(a->domain));
		a->status = l->names[i].status;
		a->found = l->names[i].found;
		a->discarded = l->names[i].discarded;
		a->several = l->names[i].several;
		memcpy(a->why, l->names[i].why, sizeof(a->why));
	}
	d->nasked = l->count;
	free(l);
	return 0;
}

/* dmarc_policy_comment - "p=... sp=... dis=..." */
void dmarc_policy_comment(const struct dmarc_outcome *o,
			  enum dmarc_disposition dis, char *buf, size_t buflen)
{
	const struct dmarc_record *r = &o->record;

	if (buflen == 0)
		return;
	buf[0] = '\0';
	if (!o->found)
		return;
	snprintf(buf, buflen, "p=%s sp=%s dis=%s", dmarc_policy_name(r->p),
		 dmarc_policy_name(r->sp != DMARC_POLICY_UNSET ? r->sp : r->p),
		 dmarc_disposition_name(dis));
}

/* dmarc_result_name - the RFC 8601 result name */
const char *dmarc_result_name(enum dmarc_result r)
{
	switch (r) {
	case DMARC_RESULT_NONE: return "none";
	case DMARC_RESULT_PASS: return "pass";
	case DMARC_RESULT_FAIL: return "fail";
	case DMARC_RESULT_TEMPERROR: return "temperror";
	case DMARC_RESULT_PERMERROR: return "permerror";
	}
	return "permerror";
}

/* dmarc_disposition_name - "none", "quarantine", "reject" */
const char *dmarc_disposition_name(enum dmarc_disposition d)
{
	switch (d) {
	case DMARC_DIS_NONE: return "none";
	case DMARC_DIS_QUARANTINE: return "quarantine";
	case DMARC_DIS_REJECT: return "reject";
	}
	return "none";
}
