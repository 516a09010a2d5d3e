/*
 * dns_stats - the resolver's counters; see dns_stats.h.
 *
 * Relaxed ordering: each counter is its own tally, nothing is published
 * through it, so no ordering between them is needed.
 */
#include "dns_stats.h"

static unsigned long long n_queries, n_cache_hits, n_timeouts, n_servfail;

static void bump(unsigned long long *counter)
{
	__atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}

static unsigned long long load(const unsigned long long *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

void dns_stats_query(void)
{
	bump(&n_queries);
}

void dns_stats_cache_hit(void)
{
	bump(&n_cache_hits);
}

void dns_stats_status(enum dns_status status)
{
	if (status == DNS_TIMEOUT)
		bump(&n_timeouts);
	else if (status == DNS_SERVFAIL)
		bump(&n_servfail);
}

void dns_stats_read(struct dns_stats *out)
{
	out->queries = load(&n_queries);
	out->cache_hits = load(&n_cache_hits);
	out->timeouts = load(&n_timeouts);
	out->servfail = load(&n_servfail);
}
