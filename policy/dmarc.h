/*
 * dmarc - DMARC evaluation (RFC 9989, "DMARCbis"; RFC 7489 PSL mode as an
 * option): find the policy for the From domain, decide whether SPF or
 * DKIM produced an aligned pass, and say what the policy asks for.
 *
 * Policy and organizational domains are found by the DNS tree walk of
 * RFC 9989 section 4.10 (at most 8 queries, psd= ends it, np= applies to
 * non-existent subdomains, t=y softens the disposition one step), or, in
 * PSL mode, by libpsl (RFC 7489, pct= honoured). Only SPF's MAIL FROM
 * result counts for alignment, never HELO. DNS trouble is temperror,
 * never fail. DNS goes through a dns_client, so tests use an in-process
 * zone. Thread-safe: all state is in the request and the outcome.
 */
#ifndef AUTHMILTER_DMARC_H
#define AUTHMILTER_DMARC_H

#include <stddef.h>

#include "dmarc_record.h"
#include "dns.h"
#include "spf.h"

struct publicsuffix;

#define DMARC_MAX_DKIM 64

enum dmarc_result {
	DMARC_RESULT_NONE,           /* no policy record found */
	DMARC_RESULT_PASS,
	DMARC_RESULT_FAIL,
	DMARC_RESULT_TEMPERROR,      /* DNS trouble while looking for policy */
	DMARC_RESULT_PERMERROR,      /* e.g. the From domain is not a domain */
};

enum dmarc_disposition {
	DMARC_DIS_NONE,
	DMARC_DIS_QUARANTINE,
	DMARC_DIS_REJECT,
};

enum dmarc_orgmode {
	DMARC_ORG_TREEWALK,          /* RFC 9989 (default) */
	DMARC_ORG_PSL,               /* RFC 7489 with the Public Suffix List */
};

/* One DKIM signature as DMARC sees it. */
struct dmarc_dkim {
	const char *domain;          /* d= */
	int pass;                    /* 1 when it verified */
	int temperror;               /* 1 when its key lookup had DNS trouble */
};

struct dmarc_request {
	const char *from_domain;     /* the RFC5322.From domain, lowercased */
	enum spf_result spf;         /* the MAIL FROM identity's result */
	const char *spf_domain;      /* the domain SPF checked (MAIL FROM
	                              * domain, or HELO for the null sender) */
	const struct dmarc_dkim *dkim;
	size_t ndkim;
	enum dmarc_orgmode mode;
	const struct publicsuffix *psl;  /* needed in DMARC_ORG_PSL mode */
	unsigned sample;             /* 0..99, uniformly random: pct= sampling
	                              * in PSL mode (the caller draws it) */
};

struct dmarc_outcome {
	enum dmarc_result result;
	char policy_domain[256];     /* where the record was found, or "" */
	char org_domain[256];        /* the From domain's organizational
	                              * domain; "" when nothing needed it (a
	                              * record at the From domain and only
	                              * strict or same-name identifiers) */
	struct dmarc_record record;  /* the record used (valid when found) */
	int found;                   /* a record was found and applies (not
	                              * so for an unusable p= without rua,
	                              * RFC 9989 4.10.1: result none) */
	enum dmarc_policy policy;    /* the policy that applies: p, sp or np */
	enum dmarc_disposition disposition;  /* what the policy asks for, after
	                              * t=y and (PSL mode) pct sampling */
	int spf_aligned;             /* SPF passed for an aligned domain */
	int dkim_aligned;            /* some DKIM pass was aligned */
	int dns_queries;             /* DNS queries made: the policy walk (at
	                              * most 8), the identifiers' walks, and
	                              * the np= existence test */
	char reason[160];            /* for people: why none/fail/temperror */
};

/* dmarc_evaluate - returns the result also stored in OUT.
 *
 * Costs at most 8 TXT queries for the policy walk, at most 16 more for the
 * organizational domains of SPF and DKIM identifiers that can align only
 * by relaxed alignment (answers are shared, so most cost one or none),
 * and one A query when np= and sp= differ and the result is fail: np=
 * applies when the From domain does not exist (RFC 9989 3.2.13 and A.4:
 * NXDOMAIN for any type; a _dmarc answer other than NXDOMAIN already
 * proves it exists). On pass that test is skipped and policy shows sp=.
 * PSL mode costs at most 2 TXT queries (RFC 7489 6.6.3). */
enum dmarc_result dmarc_evaluate(const struct dns_client *dns,
				 const struct dmarc_request *req,
				 struct dmarc_outcome *out);

/* One _dmarc name that discovery asked, in the order asked. */
struct dmarc_asked {
	char domain[DNS_MAX_NAME + 1];   /* the name below _dmarc */
	enum dns_status status;          /* of its TXT query */
	int found;                       /* exactly one usable DMARC record */
	int discarded;                   /* DMARC records, none usable */
	int several;                     /* discarded: there were several */
	char why[96];                    /* when discarded, for people */
};

#define DMARC_MAX_ASKED 24               /* = DMARC_MAX_QUERIES */

/* What policy discovery finds for a domain, as dmarc_evaluate finds it. */
struct dmarc_discovery {
	struct dmarc_outcome outcome;    /* outcome.found: a record applies,
	                                  * at outcome.policy_domain, with
	                                  * outcome.policy for this domain
	                                  * (p, sp or np); otherwise result
	                                  * none, temperror or permerror and
	                                  * the reason */
	struct dmarc_asked asked[DMARC_MAX_ASKED];
	size_t nasked;
};

/* dmarc_discover - the policy DMARC would apply to mail From DOMAIN,
 * found exactly as dmarc_evaluate finds it (tree walk or PSL by MODE),
 * and the _dmarc names asked on the way: for authmilter-selfcheck, which
 * must report the record the milter enforces. No identifier is given, so
 * a record that applies gives outcome.result fail. Returns 0, or -1 when
 * memory ran out (D is then empty). */
int dmarc_discover(const struct dns_client *dns, enum dmarc_orgmode mode,
		   const struct publicsuffix *psl, const char *domain,
		   struct dmarc_discovery *d);

/* dmarc_aligned - is identifier domain ID aligned with From domain FROM?
 * HOW is 'r' (relaxed: same organizational domain, found by the tree
 * walk or, in PSL mode, by PSL) or 's' (strict: the same name). Returns 1
 * or 0, or -1 when DNS trouble leaves it open. Names that are not host
 * names never align. */
int dmarc_aligned(const struct dns_client *dns, enum dmarc_orgmode mode,
		  const struct publicsuffix *psl, const char *from,
		  const char *id, char how);

/* dmarc_policy_comment - "p=reject sp=none dis=reject", or "" when no
 * record applied; the policies shown are the effective ones (sp= absent
 * shows p). DIS is the disposition to show: O's own (what the policy
 * asks), or, in our Authentication-Results field, the one applied to
 * the message (RFC 7489 7.2.1.1). The one writer of this text. */
void dmarc_policy_comment(const struct dmarc_outcome *o,
			  enum dmarc_disposition dis, char *buf, size_t buflen);

const char *dmarc_result_name(enum dmarc_result r);
const char *dmarc_disposition_name(enum dmarc_disposition d);

#endif
