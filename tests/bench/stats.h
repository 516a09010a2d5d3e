/*
 * stats - latency figures for the load generators: each worker records
 * into its own set, the sets are merged at the end, so the hot path takes
 * no lock. Percentiles are exact (the samples are kept and sorted).
 */
#ifndef AUTHMILTER_BENCH_STATS_H
#define AUTHMILTER_BENCH_STATS_H

#include <stddef.h>

struct stats {
	double *ms;             /* one latency per message, milliseconds */
	size_t n, cap;
};

void stats_init(struct stats *s);
int stats_add(struct stats *s, double ms);              /* -1 on ENOMEM */
int stats_merge(struct stats *into, const struct stats *from);
/* stats_pct - the P-th percentile (0..100) after sorting; 0 if empty */
double stats_pct(struct stats *s, double p);
double stats_max(const struct stats *s);
void stats_free(struct stats *s);

/* stats_now_ms - a monotonic clock in milliseconds */
double stats_now_ms(void);

/* stats_rss - VmRSS (kB) and Threads of PID from /proc; -1 if gone */
int stats_rss(long pid, long *rss_kb, long *threads);

#endif
