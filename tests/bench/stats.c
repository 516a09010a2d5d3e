/*
 * stats - latency samples and process samples for the load generators
 * (interface: stats.h).
 *
 * Each worker keeps its own array of samples and the arrays are merged
 * once the run is over, so recording costs one store and no lock.
 * Percentiles use the nearest-rank method on the sorted samples: the
 * figure printed is always a latency some message really had.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stats.h"

#define STATS_MIN_CAP	1024

/* stats_init - an empty set */
void stats_init(struct stats *s)
{
	s->ms = NULL;
	s->n = 0;
	s->cap = 0;
}

/* stats_reserve - room for at least N samples */
static int stats_reserve(struct stats *s, size_t n)
{
	size_t cap;
	double *ms;

	if (n <= s->cap)
		return 0;
	cap = s->cap ? s->cap : STATS_MIN_CAP;
	while (cap < n) {
		if (cap > ((size_t)-1) / 2 / sizeof(double))
			return -1;
		cap *= 2;
	}
	ms = realloc(s->ms, cap * sizeof(double));
	if (ms == NULL)
		return -1;
	s->ms = ms;
	s->cap = cap;
	return 0;
}

/* stats_add - record one latency */
int stats_add(struct stats *s, double ms)
{
	if (s->n == s->cap && stats_reserve(s, s->n + 1) < 0)
		return -1;
	s->ms[s->n++] = ms;
	return 0;
}

/* stats_merge - append FROM's samples to INTO */
int stats_merge(struct stats *into, const struct stats *from)
{
	if (from->n == 0)
		return 0;
	if (stats_reserve(into, into->n + from->n) < 0)
		return -1;
	memcpy(into->ms + into->n, from->ms, from->n * sizeof(double));
	into->n += from->n;
	return 0;
}

/* stats_cmp - qsort order for doubles */
static int stats_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* stats_pct - nearest-rank percentile; sorts the samples in place */
double stats_pct(struct stats *s, double p)
{
	double want;
	size_t rank;

	if (s->n == 0)
		return 0;
	qsort(s->ms, s->n, sizeof(double), stats_cmp);
	if (p <= 0)
		return s->ms[0];
	if (p >= 100)
		return s->ms[s->n - 1];
	/* ceil() by hand: the programs do not link libm for one call */
	want = p / 100.0 * (double)s->n;
	rank = (size_t)want;
	if ((double)rank < want)
		rank++;
	if (rank < 1)
		rank = 1;
	if (rank > s->n)
		rank = s->n;
	return s->ms[rank - 1];
}

/* stats_max - the largest sample; 0 if empty */
double stats_max(const struct stats *s)
{
	double max = 0;
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->ms[i] > max)
			max = s->ms[i];
	return max;
}

/* stats_free - release the samples; the set is empty again */
void stats_free(struct stats *s)
{
	free(s->ms);
	stats_init(s);
}

/* stats_now_ms - CLOCK_MONOTONIC in milliseconds */
double stats_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* stats_rss - VmRSS and Threads from /proc/PID/status */
int stats_rss(long pid, long *rss_kb, long *threads)
{
	char path[64], line[256];
	FILE *fp;
	int found = 0;

	*rss_kb = -1;
	*threads = -1;
	snprintf(path, sizeof(path), "/proc/%ld/status", pid);
	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), fp) != NULL) {
		if (sscanf(line, "VmRSS: %ld", rss_kb) == 1)
			found |= 1;
		else if (sscanf(line, "Threads: %ld", threads) == 1)
			found |= 2;
	}
	fclose(fp);
	/* a zombie has Threads but no VmRSS: it is gone for our purpose */
	return found == 3 ? 0 : -1;
}
