/*
 * spf - the RFC 7208 check_host() evaluator.
 *
 * Written here rather than taken from libspf2 (doc/DESIGN.md, "Libraries,
 * and why these", says why). Every
 * DNS-querying term and every void lookup is counted across the whole
 * evaluation, nested includes and redirects included; every macro
 * expansion and every record is bounded. DNS goes through a dns_client,
 * so the daemon, the conformance runner and the fuzzer share one code path.
 * Thread-safe: all state lives in the caller's request and outcome.
 */
#ifndef AUTHMILTER_SPF_H
#define AUTHMILTER_SPF_H

#include "dns.h"
#include "netaddr.h"

enum spf_result {
	SPF_NONE,
	SPF_NEUTRAL,
	SPF_PASS,
	SPF_FAIL,
	SPF_SOFTFAIL,
	SPF_TEMPERROR,
	SPF_PERMERROR,
};

#define SPF_MAX_DNS_TERMS   10    /* RFC 7208 4.6.4 */
#define SPF_MAX_VOID        2     /* RFC 7208 4.6.4 */
#define SPF_MAX_NAMES       10    /* MX and PTR names looked at, 4.6.4 */
#define SPF_MAX_RECORD      4096  /* bytes; checked before parsing */
#define SPF_EXPLAIN_MAX     512
#define SPF_MAX_MS          20000 /* one whole evaluation (RFC 7208 4.6.4) */

struct spf_request {
	struct netaddr ip;          /* the SMTP client */
	const char *sender;         /* MAIL FROM address, or "" for <> */
	const char *helo;           /* HELO/EHLO argument, may be "" */
	const char *receiver;       /* our host name, for %{r}; may be NULL */
	unsigned max_ms;            /* bound on the whole evaluation; 0 means
	                             * SPF_MAX_MS. Past it no query is sent and
	                             * the result is temperror. */
	const char *default_explanation; /* explanation on fail when the
	                             * domain gives none (macros allowed);
	                             * NULL: leave explanation "" */
};

struct spf_outcome {
	enum spf_result result;
	char domain[256];           /* the identity's domain that was checked */
	char explanation[SPF_EXPLAIN_MAX]; /* exp= text on fail, else "" */
	char reason[160];           /* why, for people: "matched ip4:192.0.2.0/24",
	                             * "too many DNS lookups", "no SPF record" */
	int dns_terms;              /* DNS-querying terms counted */
	int void_lookups;           /* void lookups counted */
};

/* spf_check_mailfrom - the MAIL FROM identity (RFC 7208 2.4): the domain
 * of SENDER, or postmaster@HELO when SENDER is empty; a sender without a
 * local part gets "postmaster". Returns the result also stored in OUT. */
enum spf_result spf_check_mailfrom(const struct dns_client *dns,
				   const struct spf_request *req,
				   struct spf_outcome *out);

/* spf_check_helo - the HELO identity (RFC 7208 2.3); none for an address
 * literal or a name that is not a domain name. */
enum spf_result spf_check_helo(const struct dns_client *dns,
			       const struct spf_request *req,
			       struct spf_outcome *out);

/* spf_check_host - check_host(ip, domain, sender) itself (RFC 7208 4). */
enum spf_result spf_check_host(const struct dns_client *dns,
			       const struct spf_request *req,
			       const char *domain, const char *sender,
			       struct spf_outcome *out);

/* spf_result_name - the RFC 8601 result name ("pass", "permerror", ...). */
const char *spf_result_name(enum spf_result r);

#endif
