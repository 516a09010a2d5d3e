/*
 * dns_spfwalk - walk an SPF record and everything it includes or
 * redirects to, counting what RFC 7208 4.6.4 limits the way the
 * evaluator (policy/spf) counts it, for the worst case: a client that
 * matches nothing, so every term up to the first "all" is evaluated.
 *
 * include, a, mx, ptr, exists and redirect each count one lookup; the
 * lookups of included and redirected records add up. A void lookup is an
 * a, mx or exists target that answers NXDOMAIN or no record (for a: no
 * address of either family). Targets written with macros depend on the
 * client and are counted but not followed. The walk is bounded: a loop
 * or a nesting deeper than SC_SPF_MAX_DEPTH proves the limit broken and
 * stops there; at most SC_SPF_MAX_RECORDS records are fetched and
 * SC_SPF_MAX_QUERIES queries sent, within SC_SPF_WALK_MS.
 *
 * Records below the top are attacker-reachable data (third parties run
 * them): every name is checked before it is asked, every text bounded.
 * The walker itself adds the findings that concern nested records
 * (spf.include_missing, spf.syntax and spf.multiple of an include,
 * spf.ptr_mechanism anywhere); the caller judges the counts.
 */
#ifndef AUTHMILTER_SC_DNS_SPFWALK_H
#define AUTHMILTER_SC_DNS_SPFWALK_H

#include "policy/spf_record.h"
#include "dns_name.h"
#include "dns_text.h"
#include "selfcheck/core/finding.h"

#define SC_SPF_MAX_DEPTH 10     /* nested include/redirect levels */
#define SC_SPF_MAX_RECORDS 50   /* records fetched below the top */
#define SC_SPF_MAX_QUERIES 150  /* queries in all */
#define SC_SPF_WALK_MS 20000    /* the whole walk */

/* What the "all" ending the top record's evaluation is. */
#define SC_SPF_ALL_NONE (-1)    /* no all, no redirect: neutral */
#define SC_SPF_ALL_UNKNOWN (-2) /* a redirect target failed or has none */

struct sc_spf_walk {
	int lookups;                /* DNS-querying terms, whole tree */
	int voids;                  /* void lookups, whole tree */
	int over;                   /* the lookup limit is broken whatever
	                             * the counts say: loop, depth, budget */
	int incomplete;             /* a lookup failed or time ran out:
	                             * the counts are lower bounds */
	char why[256];              /* the first reason for incomplete */
	int all;                    /* qualifier of the deciding all
	                             * (enum spf_result), or SC_SPF_ALL_* */
	char all_via[SC_DNS_NAME_SIZE]; /* redirect target holding it, or "" */
	struct sc_dns_text path;    /* "include:x -> 6 lookups; a -> 1" */
	struct sc_dns_text voidpath; /* "a:nx.example (nxdomain); ..." */
	struct sc_dns_text overwhy; /* the loop or depth that was found */
};

/* What looking up one domain's SPF record came to. */
enum sc_spf_found {
	SC_SPF_FOUND,               /* one record, parsed into REC */
	SC_SPF_NONE,                /* NXDOMAIN, NODATA, or no v=spf1 */
	SC_SPF_MULTIPLE,            /* more than one v=spf1 record */
	SC_SPF_SYNTAX,              /* one record the parser refuses */
	SC_SPF_FAILED,              /* timeout, SERVFAIL, bad name, memory */
};

struct sc_spf_fetched {
	enum sc_spf_found found;
	struct dns_answer ans;      /* the TXT answer, for quoting */
	size_t nspf;                /* records starting v=spf1 */
	size_t which;               /* the (last) one of them */
	struct spf_record rec;      /* SC_SPF_FOUND only */
	char err[96];               /* SC_SPF_SYNTAX: the parser's words */
};

/* sc_dns_spfwalk_fetch - look up DOMAIN's SPF record and parse it; free
 * F with sc_dns_spfwalk_fetched_free whatever F->found says. */
void sc_dns_spfwalk_fetch(const struct dns_client *dns, const char *domain,
			  struct sc_spf_fetched *f);
void sc_dns_spfwalk_fetched_free(struct sc_spf_fetched *f);

/* sc_dns_spfwalk_quote_records - the v=spf1 records of F into T, each
 * cut at MAX octets, at most 8 of them. */
void sc_dns_spfwalk_quote_records(struct sc_dns_text *t,
				  const struct sc_spf_fetched *f, size_t max);

/* sc_dns_spfwalk - walk REC, the record of DOMAIN, through DNS; nested
 * findings go to R, the counts to OUT. */
void sc_dns_spfwalk(const struct dns_client *dns, const char *domain,
		    const struct spf_record *rec, struct sc_report *r,
		    struct sc_spf_walk *out);

#endif
