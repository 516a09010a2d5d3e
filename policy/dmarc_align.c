/*
 * dmarc_align - identifier alignment (RFC 9989 sections 3.2.10, 4.4 and
 * 4.10.2; RFC 7489 3.1 in PSL mode).
 *
 * Strict is a case-insensitive comparison of the names. Relaxed compares
 * organizational domains. In tree-walk mode the identifier's own walk is
 * needed only when the From domain's organizational domain is a suffix of
 * it (an organizational domain is always a suffix of its name, so nothing
 * else can match); the names from there up were asked already during the
 * From domain's walk and cost no query.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmarc.h"
#include "dmarc_walk.h"
#include "publicsuffix.h"

/* label_suffix - SUF is NAME or a label-wise suffix of it */
static int label_suffix(const char *name, const char *suf)
{
	size_t n = strlen(name), s = strlen(suf);

	if (s > n || strcmp(name + n - s, suf) != 0)
		return 0;
	return s == n || name[n - s - 1] == '.';
}

/* share_tld - NAME and OTHER end in the same top-level label */
static int share_tld(const char *name, const char *other)
{
	return strcmp(dmarc_suffix(name, 1), dmarc_suffix(other, 1)) == 0;
}

/* dmarc_align_walk - strict, or relaxed by the identifier's tree walk */
enum dmarc_align dmarc_align_walk(struct dmarc_lookups *l, const char *author,
				  const char *org, const char *id, char how)
{
	struct dmarc_walk w;
	char name[DNS_MAX_NAME + 1];

	if (dmarc_domain_norm(id, name) < 0)
		return DMARC_ALIGN_NO;
	if (strcmp(name, author) == 0)
		return DMARC_ALIGN_YES;
	if (how == 's')
		return DMARC_ALIGN_NO;
	if (org == NULL)                /* the From domain's walk failed */
		return share_tld(name, author) ? DMARC_ALIGN_UNKNOWN
		    : DMARC_ALIGN_NO;
	if (!label_suffix(name, org))
		return DMARC_ALIGN_NO;
	dmarc_walk(l, name, &w);
	if (w.end == DMARC_WALK_TEMPERROR)
		return DMARC_ALIGN_UNKNOWN;
	if (w.end == DMARC_WALK_BUDGET)
		return DMARC_ALIGN_NO;  /* bounded on purpose; see dmarc.h */
	return strcmp(dmarc_walk_org(&w), org) == 0 ? DMARC_ALIGN_YES
	    : DMARC_ALIGN_NO;
}

/* dmarc_psl_org - registrable domain, or the name itself */
void dmarc_psl_org(const struct publicsuffix *psl, const char *name,
		   char *out, size_t outlen)
{
	if (publicsuffix_orgdomain(psl, name, out, outlen) < 0)
		snprintf(out, outlen, "%s", name);
}

/* dmarc_align_psl - strict, or relaxed by the Public Suffix List */
enum dmarc_align dmarc_align_psl(const struct publicsuffix *psl,
				 const char *author, const char *id, char how)
{
	char name[DNS_MAX_NAME + 1], a[DNS_MAX_NAME + 1], b[DNS_MAX_NAME + 1];

	if (dmarc_domain_norm(id, name) < 0)
		return DMARC_ALIGN_NO;
	if (strcmp(name, author) == 0)
		return DMARC_ALIGN_YES;
	if (how == 's' || psl == NULL)
		return DMARC_ALIGN_NO;
	dmarc_psl_org(psl, author, a, sizeof(a));
	dmarc_psl_org(psl, name, b, sizeof(b));
	return strcmp(a, b) == 0 ? DMARC_ALIGN_YES : DMARC_ALIGN_NO;
}

/* dmarc_aligned - one pair, outside an evaluation (tests, selfcheck) */
int dmarc_aligned(const struct dns_client *dns, enum dmarc_orgmode mode,
		  const struct publicsuffix *psl, const char *from,
		  const char *id, char how)
{
	struct dmarc_lookups *l;
	struct dmarc_walk w;
	char author[DNS_MAX_NAME + 1];
	enum dmarc_align a;

	if (dmarc_domain_norm(from, author) < 0)
		return 0;
	if (mode == DMARC_ORG_PSL)
		return dmarc_align_psl(psl, author, id, how) == DMARC_ALIGN_YES;
	if ((l = calloc(1, sizeof(*l))) == NULL)
		return -1;
	l->dns = dns;
	dmarc_walk(l, author, &w);
	a = dmarc_align_walk(l, author, w.end == DMARC_WALK_DONE
			     ? dmarc_walk_org(&w) : NULL, id, how);
	free(l);
	return a == DMARC_ALIGN_YES ? 1 : a == DMARC_ALIGN_NO ? 0 : -1;
}
