/*
 * zone - an in-process DNS zone for tests: a dns_query_fn that answers
 * from records added in C or loaded from a conformance suite's zonedata.
 *
 * It behaves like a recursive resolver's answer, not like a server: names
 * are case-insensitive, CNAMEs are chased (8 hops; a loop is SERVFAIL),
 * an absent name is NXDOMAIN, a present name without the type is NODATA,
 * and answers are capped like policy/resolver caps them. The SPF, DKIM
 * and DMARC test programs and the fuzzers may use it; nothing in the
 * daemon does.
 */
#ifndef AUTHMILTER_TESTS_ZONE_H
#define AUTHMILTER_TESTS_ZONE_H

#include <stddef.h>

#include "policy/dns.h"

struct zone;
struct json_t;

struct zone *zone_new(void);
void zone_free(struct zone *z);

/* zone_client - bind C to Z for dns_lookup(). */
void zone_client(struct zone *z, struct dns_client *c);

/* zone_query - the dns_query_fn (CTX is the zone). */
int zone_query(void *ctx, const char *name, enum dns_type type,
	       struct dns_answer *out);

/* zone_queries - queries answered so far (tests check query budgets). */
unsigned long zone_queries(const struct zone *z);

/* Adding records: each returns 0, or -1 for a malformed argument or no
 * memory. Names are stored lower case without a trailing dot. */
int zone_add_addr(struct zone *z, const char *name, const char *ip);
int zone_add_mx(struct zone *z, const char *name, int pref,
		const char *host);
int zone_add_ptr(struct zone *z, const char *name, const char *target);
int zone_add_cname(struct zone *z, const char *name, const char *target);
int zone_add_txt(struct zone *z, const char *name, const char *text,
		 size_t len);
/* zone_add_caa - a CAA record: FLAGS (0-255), TAG and VALUE, answered
 * as text "FLAGS TAG VALUE" like policy/dns_rdata decodes it. */
int zone_add_caa(struct zone *z, const char *name, int flags,
		 const char *tag, const char *value);
/* zone_add_status - queries of NAME for TYPE get status ST (TIMEOUT,
 * SERVFAIL, ...) whatever records exist. */
int zone_add_status(struct zone *z, const char *name, enum dns_type type,
		    enum dns_status st);
/* zone_add_timeout - queries of NAME for a type it has no record of time
 * out (the suites' bare TIMEOUT). */
int zone_add_timeout(struct zone *z, const char *name);
/* zone_add_name - NAME exists, even without records (NODATA, not
 * NXDOMAIN). */
int zone_add_name(struct zone *z, const char *name);

/* zone_load_json - add a suite's "zonedata" object (name -> list of
 * {A|AAAA|MX|PTR|CNAME|TXT|SPF: ...} or "TIMEOUT"), serving SPF records
 * as TXT where a name has no TXT entry and "TXT: NONE" as no TXT record
 * (the OpenSPF driver conventions, see conformance/spf/ORIGIN.md).
 * Returns 0, or -1 with a message in ERR. */
int zone_load_json(struct zone *z, const struct json_t *zonedata, char *err,
		   size_t errlen);

#endif
