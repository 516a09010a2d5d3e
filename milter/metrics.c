/*
 * metrics - counters and the Prometheus text; see metrics.h.
 *
 * Counters are unsigned long long under the __atomic builtins with
 * relaxed ordering: each is a tally of its own and publishes nothing,
 * so no ordering between them is needed, and on x86-64 an add is one
 * locked instruction. Result counters are indexed by the policy enums
 * and named by their own *_name functions, so the series carry exactly
 * the words the Authentication-Results header and the log line use.
 * Every known label value is rendered, zero or not, so that a rate()
 * over a result that is rare has a series to start from.
 */
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "dns_stats.h"
#include "metrics.h"

/* One past each policy enum's last value. */
#define NSPF (SPF_PERMERROR + 1)
#define NDKIM (DKIMV_PERMERROR + 1)
#define NDMARC (DMARC_RESULT_PERMERROR + 1)
#define NEVAL (MSGAUTH_SKIP_NOADDR + 1)
#define NACTION (VERDICT_REJECT + 1)

/* End-of-message buckets: a verdict from cached DNS takes well under a
 * millisecond, one that waits for DNS takes up to DNSTimeout (at most
 * 60 s) per lookup. Upper bounds in ns, and as the le label writes them. */
static const unsigned long long bucket_ns[] = {
	500000ULL, 1000000ULL, 2500000ULL, 5000000ULL, 10000000ULL,
	25000000ULL, 50000000ULL, 100000000ULL, 250000000ULL, 500000000ULL,
	1000000000ULL, 2500000000ULL, 5000000000ULL, 10000000000ULL,
	30000000000ULL,
};
static const char *const bucket_le[] = {
	"0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1",
	"0.25", "0.5", "1", "2.5", "5", "10", "30",
};
#define NBUCKETS (sizeof(bucket_ns) / sizeof(bucket_ns[0]))
_Static_assert(sizeof(bucket_le) / sizeof(bucket_le[0]) == NBUCKETS,
	       "a label per bucket");

/* The order the messages series are rendered in, which scrapers and
 * the tests have always seen (not the enum's, which is by severity). */
static const enum verdict_action action_order[NACTION] = {
	VERDICT_ACCEPT, VERDICT_REJECT, VERDICT_QUARANTINE, VERDICT_TEMPFAIL,
};

static struct {
	unsigned long long messages[NACTION];
	unsigned long long evaluation[NEVAL];
	unsigned long long spf[NSPF];
	unsigned long long dkim[NDKIM];
	unsigned long long dmarc[NDMARC];
	unsigned long long forged_removed;
	unsigned long long internal_errors;
	unsigned long long reloads, reload_failures;
	unsigned long long eom_bucket[NBUCKETS + 1]; /* the last: +Inf */
	unsigned long long eom_sum_ns;
} m;

static void add(unsigned long long *counter, unsigned long long n)
{
	__atomic_fetch_add(counter, n, __ATOMIC_RELAXED);
}

static unsigned long long get(const unsigned long long *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

/* count - one more of result R in TABLE of N, an out-of-range value
 * (a policy enum grown without us) dropped rather than misfiled */
static void count(unsigned long long *table, size_t n, unsigned r)
{
	if (r < n)
		add(&table[r], 1);
}

void metrics_message(enum verdict_action action, unsigned long long eom_ns)
{
	size_t b = 0;

	count(m.messages, NACTION, (unsigned) action);
	while (b < NBUCKETS && eom_ns > bucket_ns[b])
		b++;
	add(&m.eom_bucket[b], 1);
	add(&m.eom_sum_ns, eom_ns);
}

void metrics_verdict(const struct msgauth_verdict *v)
{
	const struct msgauth_results *r = &v->results;
	size_t i;

	count(m.evaluation, NEVAL, (unsigned) v->skipped);
	if (v->skipped != MSGAUTH_EVALUATE)
		return;
	if (r->spf_mailfrom != NULL)
		count(m.spf, NSPF, (unsigned) r->spf_mailfrom->result);
	if (r->dkim != NULL && r->dkim->count == 0 && r->dkim->ignored == 0)
		count(m.dkim, NDKIM, DKIMV_NONE);
	for (i = 0; r->dkim != NULL && i < r->dkim->count; i++)
		count(m.dkim, NDKIM, (unsigned) r->dkim->sig[i].result);
	/* no From domain to evaluate is a permerror, as the log says */
	if (r->ndmarc == 0 && r->from_problem != NULL)
		count(m.dmarc, NDMARC, DMARC_RESULT_PERMERROR);
	for (i = 0; i < r->ndmarc; i++)
		count(m.dmarc, NDMARC, (unsigned) r->dmarc[i].result);
}

void metrics_forged_removed(size_t n)
{
	add(&m.forged_removed, n);
}

void metrics_internal_error(void)
{
	add(&m.internal_errors, 1);
}

void metrics_reload(int good)
{
	add(good ? &m.reloads : &m.reload_failures, 1);
}

/* head - the HELP and TYPE lines of one metric */
static void head(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* counter - a metric of one series without labels */
static void counter(FILE *f, const char *name, const char *help,
		    unsigned long long v)
{
	head(f, name, "counter", help);
	fprintf(f, "%s %llu\n", name, v);
}

/* results - one method's series of authmilter_results_total */
static void results(FILE *f, const char *method, const unsigned long long *t,
		    size_t n, const char *(*name)(unsigned))
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(f, "authmilter_results_total{method=\"%s\",result=\"%s\"} %llu\n",
			method, name((unsigned) i), get(&t[i]));
}

/* The policy name functions, taking the index the tables use. */
static const char *spf_name(unsigned r) { return spf_result_name((enum spf_result) r); }
static const char *dkim_name(unsigned r) { return dkimv_result_name((enum dkimv_result) r); }
static const char *dmarc_name(unsigned r) { return dmarc_result_name((enum dmarc_result) r); }

static void render_messages(FILE *f)
{
	size_t i;

	head(f, "authmilter_messages_total", "counter",
	     "Messages that reached end of message, by what the MTA was told "
	     "to do with them (internal-error fallbacks included).");
	for (i = 0; i < NACTION; i++)
		fprintf(f, "authmilter_messages_total{action=\"%s\"} %llu\n",
			verdict_action_name(action_order[i]),
			get(&m.messages[action_order[i]]));
	head(f, "authmilter_evaluations_total", "counter",
	     "Verdicts by whether the message was evaluated, or why not "
	     "(trusted network, SMTP AUTH, no client address).");
	for (i = 0; i < NEVAL; i++)
		fprintf(f, "authmilter_evaluations_total{evaluation=\"%s\"} %llu\n",
			msgauth_skip_name((enum msgauth_skip) i), get(&m.evaluation[i]));
}

static void render_results(FILE *f)
{
	head(f, "authmilter_results_total", "counter",
	     "Results of evaluated messages: spf for the MAIL FROM identity, "
	     "dkim per signature (none for an unsigned message), dmarc per "
	     "From domain. No ARC: authmilter does not evaluate ARC.");
	results(f, "spf", m.spf, NSPF, spf_name);
	results(f, "dkim", m.dkim, NDKIM, dkim_name);
	results(f, "dmarc", m.dmarc, NDMARC, dmarc_name);
}

static void render_dns(FILE *f)
{
	struct dns_stats d;

	dns_stats_read(&d);
	counter(f, "authmilter_dns_queries_total",
		"DNS lookups asked of the resolver, cache hits included.", d.queries);
	counter(f, "authmilter_dns_cache_hits_total",
		"DNS lookups answered from authmilter's own cache.", d.cache_hits);
	counter(f, "authmilter_dns_timeouts_total",
		"DNS lookups that got no answer within DNSTimeout.", d.timeouts);
	counter(f, "authmilter_dns_servfail_total",
		"DNS lookups that ended in SERVFAIL (server failure or refusal, "
		"bogus DNSSEC, an unusable answer).", d.servfail);
}

/* render_histogram - _count is the total of the buckets as read, so
 * that it always equals the +Inf bucket even while messages go on */
static void render_histogram(FILE *f)
{
	unsigned long long cum = 0, sum = get(&m.eom_sum_ns);
	size_t b;

	head(f, "authmilter_eom_seconds", "histogram",
	     "Time from end of message to the verdict applied.");
	for (b = 0; b < NBUCKETS; b++) {
		cum += get(&m.eom_bucket[b]);
		fprintf(f, "authmilter_eom_seconds_bucket{le=\"%s\"} %llu\n",
			bucket_le[b], cum);
	}
	cum += get(&m.eom_bucket[NBUCKETS]);
	fprintf(f, "authmilter_eom_seconds_bucket{le=\"+Inf\"} %llu\n", cum);
	fprintf(f, "authmilter_eom_seconds_sum %llu.%09llu\n",
		sum / 1000000000ULL, sum % 1000000000ULL);
	fprintf(f, "authmilter_eom_seconds_count %llu\n", cum);
}

static void render_daemon(FILE *f)
{
	counter(f, "authmilter_forged_ar_removed_total",
		"Authentication-Results fields claiming our authserv-id, removed.",
		get(&m.forged_removed));
	counter(f, "authmilter_internal_errors_total",
		"Times the OnInternalError fallback answered for authmilter.",
		get(&m.internal_errors));
	head(f, "authmilter_reloads_total", "counter",
	     "SIGHUP reloads: ok took effect, failed kept the running "
	     "configuration.");
	fprintf(f, "authmilter_reloads_total{result=\"ok\"} %llu\n", get(&m.reloads));
	fprintf(f, "authmilter_reloads_total{result=\"failed\"} %llu\n",
		get(&m.reload_failures));
	head(f, "authmilter_build_info", "gauge", "The running authmilter's version.");
	fprintf(f, "authmilter_build_info{version=\"%s\"} 1\n", PACKAGE_VERSION);
}

char *metrics_render(size_t *len)
{
	char *text = NULL;
	FILE *f;

	if ((f = open_memstream(&text, len)) == NULL)
		return NULL;
	render_messages(f);
	render_results(f);
	render_daemon(f);
	render_dns(f);
	render_histogram(f);
	if (ferror(f)) {
		fclose(f);
		free(text);
		return NULL;
	}
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}
