/*
 * dmarc_walk - the DNS tree walk of RFC 9989 section 4.10, the
 * organizational domain it yields (section 4.10.2), and identifier
 * alignment on top of it (dmarc_align.c).
 *
 * Internal to the DMARC modules (dmarc.c, dmarc_align.c): one
 * dmarc_lookups per evaluation remembers every _dmarc name it asked, so
 * the walks for the From domain and for each identifier share answers,
 * and it counts and bounds the queries. Not shared between threads.
 */
#ifndef AUTHMILTER_DMARC_WALK_H
#define AUTHMILTER_DMARC_WALK_H

#include <stddef.h>

#include "dmarc_record.h"
#include "dns.h"

#define DMARC_WALK_MAX    8     /* queries of one walk (RFC 9989 4.10) */
#define DMARC_MAX_QUERIES 24    /* _dmarc queries of one evaluation: the
                                 * From domain's walk, then 16 for the
                                 * identifiers' walks (DMARC_MAX_ASKED in
                                 * dmarc.h is the same number) */

/* What one _dmarc.NAME query said. */
struct dmarc_name {
	char domain[DNS_MAX_NAME + 1];
	enum dns_status status;      /* of the TXT query */
	int found;                   /* exactly one usable DMARC record */
	int discarded;               /* DMARC records there, none usable */
	int several;                 /* discarded because there were several */
	char why[96];                /* when discarded: why, for people */
	struct dmarc_record rec;     /* when found */
};

struct dmarc_lookups {
	const struct dns_client *dns;
	struct dmarc_name names[DMARC_MAX_QUERIES];
	size_t count;
	int queries;                 /* DNS queries made, all kinds */
};

enum dmarc_walk_end {
	DMARC_WALK_DONE,             /* ran to psd=y/n or the last label */
	DMARC_WALK_TEMPERROR,        /* a query failed; the walk is partial */
	DMARC_WALK_BUDGET,           /* DMARC_MAX_QUERIES reached */
};

struct dmarc_walk {
	char start[DNS_MAX_NAME + 1];
	const struct dmarc_name *rec[DMARC_WALK_MAX]; /* names with a record,
	                                              * longest first */
	size_t n;
	enum dmarc_walk_end end;
	const struct dmarc_name *failed;    /* when TEMPERROR */
	const struct dmarc_name *several;   /* the first name whose several
	                                     * DMARC records were discarded */
	const struct dmarc_name *invalid;   /* the first name whose one DMARC
	                                     * record was unusable */
};

/* dmarc_domain_norm - NAME lowercased, one trailing dot dropped, into OUT
 * (DNS_MAX_NAME + 1 bytes); -1 unless it is an ASCII host name (LDH labels,
 * "_" allowed) of at most 253 octets. */
int dmarc_domain_norm(const char *name, char *out);

/* dmarc_labels - the number of labels of a normalized NAME */
size_t dmarc_labels(const char *name);

/* dmarc_suffix - the last N labels of NAME (a pointer into it) */
const char *dmarc_suffix(const char *name, size_t n);

/* dmarc_lookup - the answer for _dmarc.DOMAIN, asked at most once per
 * evaluation; NULL when DMARC_MAX_QUERIES names were asked already. */
const struct dmarc_name *dmarc_lookup(struct dmarc_lookups *l,
				      const char *domain);

/* dmarc_walk - the tree walk from the normalized DOMAIN. */
void dmarc_walk(struct dmarc_lookups *l, const char *domain,
		struct dmarc_walk *w);

/* dmarc_walk_org - 4.10.2: the organizational domain of a DONE walk. */
const char *dmarc_walk_org(const struct dmarc_walk *w);

struct publicsuffix;

enum dmarc_align {
	DMARC_ALIGN_NO,
	DMARC_ALIGN_YES,
	DMARC_ALIGN_UNKNOWN,         /* DNS trouble left it open */
};

/* dmarc_align_walk - identifier ID (any case) against the normalized From
 * domain AUTHOR whose organizational domain is ORG (NULL when its walk
 * failed); HOW is 's' (strict) or 'r' (relaxed). Walks ID only when it
 * can share ORG. */
enum dmarc_align dmarc_align_walk(struct dmarc_lookups *l, const char *author,
				  const char *org, const char *id, char how);

/* dmarc_align_psl - the same with organizational domains from the PSL */
enum dmarc_align dmarc_align_psl(const struct publicsuffix *psl,
				 const char *author, const char *id, char how);

/* dmarc_psl_org - NAME's registrable domain into OUT, or NAME itself when
 * it is a public suffix (RFC 7489 3.2 gives it none) */
void dmarc_psl_org(const struct publicsuffix *psl, const char *name,
		   char *out, size_t outlen);

#endif
