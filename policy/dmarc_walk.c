/*
 * dmarc_walk - the DNS tree walk; see dmarc_walk.h.
 *
 * RFC 9989 section 4.10 (text of draft-ietf-dmarc-dmarcbis-41): query
 * _dmarc.<start>; then, if the start has 8 labels or more, jump to its
 * 7-label suffix, else drop one label; then drop one label at a time down
 * to the top-level label. A name counts when exactly one of its TXT
 * records is a DMARC record and that record parses (step 2/6: several are
 * all discarded and the walk goes on); a record with psd=y or psd=n ends
 * the walk. So one walk is at most 8 queries, however long the name.
 */
#include <stdio.h>
#include <string.h>

#include "util/dnsname.h"
#include "dmarc_walk.h"

/* dmarc_domain_norm - lowercase, drop the root dot, check the shape:
 * LDH labels with "_" allowed, because the DNS allows it and names like
 * "_spf.example" exist; no rule on where a hyphen goes */
int dmarc_domain_norm(const char *name, char *out)
{
	if (name == NULL)
		return -1;
	return dnsname_lower(name, strlen(name), DNSNAME_LDH | DNSNAME_UNDERSCORE,
			     out, DNS_MAX_NAME + 1) == DNSNAME_OK ? 0 : -1;
}

/* dmarc_labels - count the labels */
size_t dmarc_labels(const char *name)
{
	size_t n = 1;

	for (; *name; name++)
		if (*name == '.')
			n++;
	return n;
}

/* dmarc_suffix - the last N labels */
const char *dmarc_suffix(const char *name, size_t n)
{
	const char *p = name + strlen(name);

	while (p > name) {
		if (p[-1] == '.' && --n == 0)
			return p;
		p--;
	}
	return name;
}

/* examine - step 2/6 on one answer: which TXT records are DMARC's */
static void examine(struct dmarc_name *d, const struct dns_answer *ans)
{
	struct dmarc_record rec;
	enum dmarc_record_status st, kept = DMARC_RECORD_NOT_DMARC;
	char err[80];
	size_t i, dmarc = 0;

	for (i = 0; i < ans->count; i++) {
		if (ans->rr[i].text == NULL)
			continue;
		st = dmarc_record_parse(ans->rr[i].text, ans->rr[i].textlen,
					&rec, err, sizeof(err));
		if (st == DMARC_RECORD_NOT_DMARC)
			continue;       /* any other TXT record: not ours */
		if (dmarc++ == 0) {
			kept = st;
			d->rec = rec;
			snprintf(d->why, sizeof(d->why), "%s", err);
		}
	}
	if (dmarc == 0)
		return;
	if (dmarc > 1) {
		d->discarded = d->several = 1;
		snprintf(d->why, sizeof(d->why), "%zu DMARC records", dmarc);
	} else if (kept == DMARC_RECORD_INVALID)
		d->discarded = 1;
	else
		d->found = 1;
}

/* dmarc_lookup - from memory, or one TXT query */
const struct dmarc_name *dmarc_lookup(struct dmarc_lookups *l,
				      const char *domain)
{
	struct dmarc_name *d;
	struct dns_answer ans;
	char qname[DNS_MAX_NAME + 16];
	size_t i;

	for (i = 0; i < l->count; i++)
		if (strcmp(l->names[i].domain, domain) == 0)
			return &l->names[i];
	if (l->count == DMARC_MAX_QUERIES)
		return NULL;
	d = &l->names[l->count++];
	memset(d, 0, sizeof(*d));
	snprintf(d->domain, sizeof(d->domain), "%s", domain);
	snprintf(qname, sizeof(qname), "_dmarc.%s", domain);
	/* dns_lookup sends nothing for a name over 253 octets (BADNAME):
	 * such a _dmarc name cannot exist, so no record is there */
	dns_lookup(l->dns, qname, DNS_T_TXT, &ans);
	if (ans.status != DNS_BADNAME)
		l->queries++;
	d->status = ans.status;
	if (ans.status == DNS_OK)
		examine(d, &ans);
	dns_answer_free(&ans);
	return d;
}

/* next_target - step 4 then step 7: the next name up, or NULL */
static const char *next_target(const char *start, const char *cur)
{
	size_t x = dmarc_labels(cur);

	if (x == 1)
		return NULL;
	if (cur == start && x >= 8)
		return dmarc_suffix(start, 7);
	return dmarc_suffix(cur, x - 1);
}

/* dmarc_walk - steps 1 to 7 */
void dmarc_walk(struct dmarc_lookups *l, const char *domain,
		struct dmarc_walk *w)
{
	const struct dmarc_name *d;
	const char *cur;

	memset(w, 0, sizeof(*w));
	snprintf(w->start, sizeof(w->start), "%s", domain);
	w->end = DMARC_WALK_DONE;
	for (cur = w->start; cur != NULL; cur = next_target(w->start, cur)) {
		if ((d = dmarc_lookup(l, cur)) == NULL) {
			w->end = DMARC_WALK_BUDGET;
			return;
		}
		if (d->status == DNS_SERVFAIL || d->status == DNS_TIMEOUT) {
			w->end = DMARC_WALK_TEMPERROR;
			w->failed = d;
			return;
		}
		if (d->several && w->several == NULL)
			w->several = d;
		else if (d->discarded && !d->several && w->invalid == NULL)
			w->invalid = d;
		if (!d->found)
			continue;
		w->rec[w->n++] = d;
		if (d->rec.psd != DMARC_PSD_UNSET)
			return;         /* psd=y or psd=n: stop */
	}
}

/* dmarc_walk_org - 4.10.2 selection, longest name to shortest. The walk
 * stops at the first psd=y/n, so only its last record can carry one. */
const char *dmarc_walk_org(const struct dmarc_walk *w)
{
	const struct dmarc_name *last;

	if (w->n == 0)
		return w->start;        /* "the initial target domain" */
	last = w->rec[w->n - 1];
	/* rule 2: psd=y other than at the start: one label below it */
	if (last->rec.psd == DMARC_PSD_Y && strcmp(last->domain, w->start) != 0)
		return dmarc_suffix(w->start, dmarc_labels(last->domain) + 1);
	/* rule 1 (psd=n) and rule 3 (fewest labels) both pick the last */
	return last->domain;
}
