/*
 * dns_stats - process-wide counts of what the resolver did, for whoever
 * wants to show them (the daemon's metrics endpoint).
 *
 * Plain atomic counters that only grow: counting costs one relaxed
 * atomic add and never a lock, so it cannot slow a lookup. They belong
 * to the process, not to a resolver, so they keep counting across a
 * reload that replaces the resolver. policy/ knows nothing of who reads
 * them.
 */
#ifndef AUTHMILTER_DNS_STATS_H
#define AUTHMILTER_DNS_STATS_H

#include "dns.h"

struct dns_stats {
	unsigned long long queries;     /* lookups asked of the resolver
	                                 * (a name that is not a DNS name
	                                 * is not asked, so not counted) */
	unsigned long long cache_hits;  /* of those, answered by our cache */
	unsigned long long timeouts;    /* no answer within DNSTimeout */
	unsigned long long servfail;    /* ended as DNS_SERVFAIL: the server
	                                 * failed or refused, bogus DNSSEC,
	                                 * an answer we could not use */
};

/* dns_stats_read - the counts so far; each one is read atomically (the
 * four are not one snapshot: a lookup may be counted in one and not yet
 * in the next). */
void dns_stats_read(struct dns_stats *out);

/* For the resolver: one lookup asked, one answered from the cache, and
 * the status it ended with (only TIMEOUT and SERVFAIL are counted). */
void dns_stats_query(void);
void dns_stats_cache_hit(void);
void dns_stats_status(enum dns_status status);

#endif
