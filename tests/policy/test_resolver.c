/*
 * test_resolver - policy/resolver against the real unbound that resolver.sh
 * starts with tests/policy/resolver.zone.
 *
 * usage: test_resolver 127.0.0.1@PORT [::1@PORT]
 *
 * Checks decoding of every record type we use, the status of each kind of
 * failure, that libunbound's built-in zones do not answer in the
 * forwarder's place, timeouts bounded by the configured time (and that the
 * forwarder stays usable after many), and 8 threads querying at once.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tests/lib/tap.h"
#include "policy/dns_stats.h"
#include "policy/resolver.h"

#define TIMEOUT_MS 1000
#define THREADS 8
#define PER_THREAD 200

static const char *fwd4;

/* now_ms - monotonic milliseconds */
static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* addr_is - record I of A holds the LEN-byte address WANT */
static int addr_is(const struct dns_answer *a, size_t i, const char *want,
		   size_t len)
{
	return i < a->count && memcmp(a->rr[i].addr, want, len) == 0;
}

/* has_name - some record of A has NAME (and preference PREF if >= 0) */
static int has_name(const struct dns_answer *a, const char *name, int pref)
{
	size_t i;

	for (i = 0; i < a->count; i++)
		if (a->rr[i].name && strcmp(a->rr[i].name, name) == 0
		    && (pref < 0 || a->rr[i].pref == pref))
			return 1;
	return 0;
}

/* has_text - some TXT record of A is exactly TEXT */
static int has_text(const struct dns_answer *a, const char *text)
{
	size_t i;

	for (i = 0; i < a->count; i++)
		if (a->rr[i].text && a->rr[i].textlen == strlen(text)
		    && memcmp(a->rr[i].text, text, a->rr[i].textlen) == 0)
			return 1;
	return 0;
}

/* query - resolver_query, checking the status; the answer stays in A */
static int query(struct resolver *r, const char *name, enum dns_type type,
		 enum dns_status want, struct dns_answer *a)
{
	resolver_query(r, name, type, a);
	return is_str(dns_status_name(a->status), dns_status_name(want),
		      "%s %s is %s", name, dns_type_name(type),
		      dns_status_name(want));
}

static void test_bad_config(void)
{
	static const char *bad[] = {
		"dns.example", "127.0.0.1@99999", "127.0.0.1@", "127.0.0.1@0",
		"127.0.0.1@53x", "127.0.0.1 ; rm", "", " , ", "::1@-1",
		"256.0.0.1", "127.0.0.1@53@53",
	};
	struct resolver *r;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		r = resolver_new(bad[i], TIMEOUT_MS, err, sizeof(err));
		ok(r == NULL && err[0] != '\0', "Nameservers \"%s\" refused: %s",
		   bad[i], err);
		resolver_free(r);
	}
	r = resolver_new("127.0.0.1 dns.example", TIMEOUT_MS, err, sizeof(err));
	ok(r == NULL && strstr(err, "\"dns.example\"") != NULL,
	   "the error names the bad word: %s", err);
	resolver_free(r);
	r = resolver_new("127.0.0.1", 0, err, sizeof(err));
	ok(r == NULL && err[0] != '\0', "timeout 0 refused: %s", err);
	resolver_free(r);
}

static void test_addresses(struct resolver *r)
{
	static const char v6[16] = {
		0x20, 0x01, 0x0d, (char) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10 };
	struct dns_answer a;

	if (query(r, "resolver.test", DNS_T_A, DNS_OK, &a)) {
		ok(a.count == 1 && addr_is(&a, 0, "\xc0\x00\x02\x0a", 4),
		   "resolver.test A is 192.0.2.10");
		ok(a.security == DNS_SEC_INSECURE, "no trust anchor: insecure");
	}
	dns_answer_free(&a);
	if (query(r, "WWW.Resolver.Test.", DNS_T_A, DNS_OK, &a))
		ok(a.count == 2
		   && ((addr_is(&a, 0, "\xc0\x00\x02\x0b", 4) && addr_is(&a, 1, "\xc0\x00\x02\x0c", 4))
		       || (addr_is(&a, 0, "\xc0\x00\x02\x0c", 4) && addr_is(&a, 1, "\xc0\x00\x02\x0b", 4))),
		   "www has both A records (name case and trailing dot ignored)");
	dns_answer_free(&a);
	if (query(r, "resolver.test", DNS_T_AAAA, DNS_OK, &a))
		ok(a.count == 1 && addr_is(&a, 0, v6, 16), "AAAA is 2001:db8::10");
	dns_answer_free(&a);
	if (query(r, "alias.resolver.test", DNS_T_A, DNS_OK, &a))
		is_int((long) a.count, 2, "A through a CNAME gives the target's records");
	dns_answer_free(&a);
	if (query(r, "alias.resolver.test", DNS_T_CNAME, DNS_OK, &a))
		ok(a.count == 1 && has_name(&a, "www.resolver.test", -1),
		   "CNAME target decoded");
	dns_answer_free(&a);
}

static void test_names(struct resolver *r)
{
	struct dns_answer a;

	if (query(r, "resolver.test", DNS_T_MX, DNS_OK, &a))
		ok(a.count == 2 && has_name(&a, "mx1.resolver.test", 10)
		   && has_name(&a, "mx2.resolver.test", 20),
		   "MX: 10 mx1, 20 mx2 (lowercased, no trailing dot)");
	dns_answer_free(&a);
	if (query(r, "nullmx.resolver.test", DNS_T_MX, DNS_OK, &a))
		ok(a.count == 1 && has_name(&a, "", 0), "null MX is \"\" with pref 0");
	dns_answer_free(&a);
	if (query(r, "10.2.0.192.in-addr.arpa", DNS_T_PTR, DNS_OK, &a))
		ok(a.count == 1 && has_name(&a, "resolver.test", -1),
		   "PTR in 192.0.2.0/24 comes from the server, not libunbound's RFC 6303 zone");
	dns_answer_free(&a);
	if (query(r, "1.0.0.127.in-addr.arpa", DNS_T_PTR, DNS_OK, &a))
		ok(a.count == 1 && has_name(&a, "loopback.resolver.test", -1),
		   "PTR of 127.0.0.1 comes from the server, not libunbound's \"localhost\"");
	dns_answer_free(&a);
	if (query(r, "0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
		  DNS_T_PTR, DNS_OK, &a))
		ok(a.count == 1 && has_name(&a, "v6.resolver.test", -1),
		   "PTR of 2001:db8::10 comes from the server");
	dns_answer_free(&a);
	if (query(r, "nul.resolver.test", DNS_T_PTR, DNS_OK, &a))
		ok(a.count == 1 && has_name(&a, "a\\000b.resolver.test", -1),
		   "NUL inside a PTR label comes back escaped");
	dns_answer_free(&a);
	if (query(r, "dot.resolver.test", DNS_T_PTR, DNS_OK, &a))
		ok(a.count == 1 && has_name(&a, "a\\.b.resolver.test", -1),
		   "dot inside a PTR label comes back escaped");
	dns_answer_free(&a);
}

/* test_null_text - an empty TXT rdata is read (libunbound alone calls
 * the answer SERVFAIL): empty text, the real record beside it intact */
static void test_null_text(struct resolver *r)
{
	unsigned char buf[4096];
	struct resolver_raw raw;
	struct dns_answer a;
	int round;

	for (round = 1; round <= 2; round++) {  /* 2: from our cache */
		if (query(r, "nulltext.resolver.test", DNS_T_TXT, DNS_OK, &a))
			ok(a.count == 2 && has_text(&a, "v=spf1 ip4:192.0.2.5 -all")
			   && has_text(&a, ""), "round %d: TXT with no string "
			   "reads as \"\" beside the SPF record", round);
		dns_answer_free(&a);
	}
	if (query(r, "nullonly.resolver.test", DNS_T_TXT, DNS_OK, &a))
		ok(a.count == 1 && has_text(&a, ""), "lone empty TXT reads as \"\"");
	dns_answer_free(&a);
	if (query(r, "nullalias.resolver.test", DNS_T_TXT, DNS_OK, &a))
		ok(a.count == 2 && has_text(&a, "v=spf1 ip4:192.0.2.5 -all"),
		   "empty TXT behind a CNAME: both records of the target");
	dns_answer_free(&a);
	ok(resolver_query_raw(r, "nullonly.resolver.test", 16, buf, sizeof(buf),
			      &raw) == 0 && raw.status == DNS_OK && raw.len > 12
	   && (buf[3] & 0x0f) == 0, "raw query of an empty TXT: OK, NOERROR packet");
}

static void test_txt(struct resolver *r)
{
	struct dns_answer a;
	size_t i, bad = 0;

	if (query(r, "spf.resolver.test", DNS_T_TXT, DNS_OK, &a))
		ok(a.count == 1 && has_text(&a, "v=spf1 ip4:192.0.2.0/24 -all"),
		   "two-string TXT joined without separator");
	dns_answer_free(&a);
	if (query(r, "two.resolver.test", DNS_T_TXT, DNS_OK, &a))
		ok(a.count == 2 && has_text(&a, "first") && has_text(&a, "second"),
		   "two TXT records kept apart");
	dns_answer_free(&a);
	if (query(r, "long.resolver.test", DNS_T_TXT, DNS_OK, &a)
	    && is_int(a.count == 1 ? (long) a.rr[0].textlen : -1, 2000,
		      "2000-byte TXT (over TCP) arrives whole")) {
		for (i = 0; i < 2000; i++)
			bad += a.rr[0].text[i] != 'a' + (int) (i / 250);
		ok(bad == 0 && a.rr[0].text[2000] == '\0',
		   "2000-byte TXT: eight 250-byte strings in order");
	}
	dns_answer_free(&a);
	test_null_text(r);
}

static void test_failures(struct resolver *r)
{
	struct dns_answer a;
	double t;

	query(r, "nothere.resolver.test", DNS_T_A, DNS_NXDOMAIN, &a);
	ok(a.count == 0 && a.rr == NULL, "nxdomain carries no records");
	dns_answer_free(&a);
	query(r, "spf.resolver.test", DNS_T_A, DNS_NODATA, &a);
	dns_answer_free(&a);
	query(r, "www.resolver.test", DNS_T_MX, DNS_NODATA, &a);
	dns_answer_free(&a);
	query(r, "5.2.0.192.in-addr.arpa", DNS_T_PTR, DNS_NXDOMAIN, &a);
	dns_answer_free(&a);
	/* the server refuses names outside its zones; libunbound's built-in
	 * zones would have answered these itself (NXDOMAIN, 127.0.0.1) */
	query(r, "other.test", DNS_T_A, DNS_SERVFAIL, &a);
	dns_answer_free(&a);
	query(r, "localhost", DNS_T_A, DNS_SERVFAIL, &a);
	dns_answer_free(&a);
	query(r, "1.1.168.192.in-addr.arpa", DNS_T_PTR, DNS_SERVFAIL, &a);
	dns_answer_free(&a);
	t = now_ms();
	query(r, "x.broken.resolver.test", DNS_T_A, DNS_SERVFAIL, &a);
	dns_answer_free(&a);
	query(r, "x.refused.resolver.test", DNS_T_TXT, DNS_SERVFAIL, &a);
	dns_answer_free(&a);
	t = now_ms() - t;
	diag("SERVFAIL and REFUSED answered in %.1f ms", t);
	ok(t < TIMEOUT_MS, "server failures are reported, not waited out");
	query(r, "a..b.resolver.test", DNS_T_A, DNS_BADNAME, &a);
	query(r, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.test",
	      DNS_T_A, DNS_BADNAME, &a);
	query(r, "", DNS_T_A, DNS_BADNAME, &a);
	query(r, "a\\999.resolver.test", DNS_T_A, DNS_BADNAME, &a);
}

/* fresh_answers - PREFIX1..4.resolver.test (A, TXT, MX, A in the zone),
 * asked once only so never from the cache, must answer at once; returns
 * how many did */
static int fresh_answers(struct resolver *r, const char *prefix)
{
	static const enum dns_type types[] = {
		DNS_T_A, DNS_T_TXT, DNS_T_MX, DNS_T_A };
	struct dns_answer a;
	char name[64];
	int i, good = 0;
	double t;

	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "%s%d.resolver.test", prefix, i + 1);
		t = now_ms();
		resolver_query(r, name, types[i], &a);
		t = now_ms() - t;
		diag("%s %s: %s in %.1f ms", name, dns_type_name(types[i]),
		     dns_status_name(a.status), t);
		good += a.status == DNS_OK && a.count == 1 && t < TIMEOUT_MS;
		dns_answer_free(&a);
	}
	return good;
}

/* contains - NEEDLE somewhere in the LEN bytes at HAY */
static int contains(const unsigned char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return 1;
	return 0;
}

/* stats_delta - how much each counter grew since BEFORE */
static struct dns_stats stats_delta(const struct dns_stats *before)
{
	struct dns_stats now, d;

	dns_stats_read(&now);
	d.queries = now.queries - before->queries;
	d.cache_hits = now.cache_hits - before->cache_hits;
	d.timeouts = now.timeouts - before->timeouts;
	d.servfail = now.servfail - before->servfail;
	return d;
}

/* test_stats - what dns_stats counts for one lookup of each kind */
static void test_stats(struct resolver *r)
{
	unsigned char buf[4096];
	struct resolver_raw raw;
	struct dns_stats s0, d;
	struct dns_answer a;

	dns_stats_read(&s0);
	resolver_query(r, "stats1.resolver.test", DNS_T_A, &a);
	dns_answer_free(&a);
	d = stats_delta(&s0);
	ok(d.queries == 1 && d.cache_hits == 0 && d.servfail == 0,
	   "a first lookup counts one query, no cache hit (%llu, %llu)",
	   d.queries, d.cache_hits);
	resolver_query(r, "stats1.resolver.test", DNS_T_A, &a);
	dns_answer_free(&a);
	resolver_query_raw(r, "stats1.resolver.test", 1, buf, sizeof(buf), &raw);
	d = stats_delta(&s0);
	ok(d.queries == 3 && d.cache_hits == 2,
	   "asked again, decoded and raw: two more queries, both cache hits "
	   "(%llu, %llu)", d.queries, d.cache_hits);
	resolver_query(r, "y.broken.resolver.test", DNS_T_A, &a);
	dns_answer_free(&a);
	resolver_query_raw(r, "y.refused.resolver.test", 16, buf, sizeof(buf), &raw);
	d = stats_delta(&s0);
	ok(d.queries == 5 && d.servfail == 2 && d.timeouts == 0,
	   "SERVFAIL and REFUSED count as servfail (%llu)", d.servfail);
	resolver_query(r, "a..b.resolver.test", DNS_T_A, &a);
	d = stats_delta(&s0);
	is_int((long) d.queries, 5, "a name that is not a DNS name is not a query");
}

static void test_timeouts(void)
{
	struct resolver *r;
	struct dns_answer a;
	struct dns_stats s0, d;
	char name[64], err[256];
	double t, worst = 0;
	int i, timeouts = 0;

	/* a fresh resolver, as a daemon just started: libunbound's view of
	 * the forwarder then comes from nothing but these timeouts */
	r = resolver_new(fwd4, TIMEOUT_MS, err, sizeof(err));
	if (!ok(r != NULL, "fresh resolver for the timeout checks: %s",
		r ? "ok" : err))
		return;
	t = now_ms();
	dns_stats_read(&s0);
	query(r, "x.slow.resolver.test", DNS_T_A, DNS_TIMEOUT, &a);
	d = stats_delta(&s0);
	ok(d.queries == 1 && d.timeouts == 1 && d.servfail == 0,
	   "a timeout counts one query and one timeout, no servfail");
	t = now_ms() - t;
	diag("timeout after %.1f ms (configured %d)", t, TIMEOUT_MS);
	ok(t >= TIMEOUT_MS - 5 && t < TIMEOUT_MS + 2000,
	   "timeout returned within the configured time plus 2 s");
	/*
	 * libunbound keeps retrying queries we gave up on, with a doubled
	 * RTO each time, and past 12 s of that it may stop asking the only
	 * forwarder. 14 s of back-to-back timeouts, then fresh names.
	 */
	for (i = 0; i < 14; i++) {
		snprintf(name, sizeof(name), "n%d.slow.resolver.test", i);
		t = now_ms();
		resolver_query(r, name, DNS_T_A, &a);
		t = now_ms() - t;
		if (t > worst)
			worst = t;
		timeouts += a.status == DNS_TIMEOUT;
	}
	diag("14 more timeouts: slowest took %.1f ms", worst);
	is_int(timeouts, 14, "every query to the dropping zone timed out");
	ok(worst < TIMEOUT_MS + 2000, "none took longer than the timeout plus 2 s");
	is_int(fresh_answers(r, "later"), 4,
	       "after 15 s of timeouts, fresh A/TXT/MX queries answer at once");
	resolver_free(r);
}

static void test_raw(struct resolver *r)
{
	unsigned char buf[4096];
	struct resolver_raw raw;

	ok(resolver_query_raw(r, "spf.resolver.test", 16, buf, sizeof(buf), &raw) == 0
	   && raw.status == DNS_OK && !raw.too_big, "raw TXT query ok");
	ok(raw.len > 12 && (buf[2] & 0x80) && (buf[3] & 0x0f) == 0
	   && (buf[6] << 8 | buf[7]) == 1, "raw packet: a response, NOERROR, one answer");
	ok(raw.len > 12 && contains(buf, raw.len, "v=spf1 ip4:192.0.2.0/24"),
	   "raw packet holds the record's text");
	ok(resolver_query_raw(r, "nothere.resolver.test", 16, buf, sizeof(buf), &raw) == 0
	   && raw.status == DNS_NXDOMAIN && raw.len > 12 && (buf[3] & 0x0f) == 3,
	   "raw NXDOMAIN: status and packet rcode agree");
	ok(resolver_query_raw(r, "resolver.test", 99, buf, sizeof(buf), &raw) == 0
	   && raw.status == DNS_NODATA && raw.len > 12 && (buf[6] << 8 | buf[7]) == 0,
	   "raw query of another type (99): NODATA");
	ok(resolver_query_raw(r, "long.resolver.test", 16, buf, 100, &raw) == 0
	   && raw.too_big && raw.len == 0 && raw.status == DNS_SERVFAIL,
	   "raw answer larger than the buffer: too_big, SERVFAIL, nothing copied");
	ok(resolver_query_raw(r, "a..b", 16, buf, sizeof(buf), &raw) == 0
	   && raw.status == DNS_BADNAME, "raw bad name: BADNAME");
}

static void test_client(struct resolver *r)
{
	struct dns_client c = resolver_client(r);
	struct dns_answer a;

	ok(dns_lookup(&c, "resolver.test", DNS_T_A, &a) == 0 && a.status == DNS_OK
	   && addr_is(&a, 0, "\xc0\x00\x02\x0a", 4), "dns_lookup through resolver_client");
	dns_answer_free(&a);
}

/* What each thread asks, and checks. */
struct worker {
	struct resolver *r;
	int id;
	int wrong;
	int timeouts;
	int allow_timeout;          /* the racing test: a timeout is fine */
	char first[160];
};

/* one_query - query I of worker W; returns 1 if the answer is right */
static int one_query(struct worker *w, int i, enum dns_status *got)
{
	struct dns_answer a;
	char name[80];
	int right;

	switch (i % 4) {
	case 0:
		snprintf(name, sizeof(name), "t%d-q%d.nx.resolver.test", w->id, i);
		resolver_query(w->r, name, DNS_T_A, &a);
		right = a.status == DNS_NXDOMAIN;
		break;
	case 1:
		snprintf(name, sizeof(name), "www.resolver.test");
		resolver_query(w->r, name, DNS_T_A, &a);
		right = a.status == DNS_OK && a.count == 2;
		break;
	case 2:
		snprintf(name, sizeof(name), "spf.resolver.test");
		resolver_query(w->r, name, DNS_T_TXT, &a);
		right = a.status == DNS_OK && has_text(&a, "v=spf1 ip4:192.0.2.0/24 -all");
		break;
	default:
		snprintf(name, sizeof(name), "resolver.test");
		resolver_query(w->r, name, DNS_T_MX, &a);
		right = a.status == DNS_OK && has_name(&a, "mx2.resolver.test", 20);
		break;
	}
	*got = a.status;
	if (!right && w->first[0] == '\0')
		snprintf(w->first, sizeof(w->first), "query %d (%s) gave %s", i,
			 name, dns_status_name(a.status));
	dns_answer_free(&a);
	return right;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	enum dns_status got;
	int i;

	for (i = 0; i < PER_THREAD; i++) {
		if (one_query(w, i, &got))
			continue;
		if (w->allow_timeout && got == DNS_TIMEOUT)
			w->timeouts++;
		else
			w->wrong++;
	}
	return NULL;
}

/* run_workers - THREADS threads on R; returns the total of wrong answers */
static int run_workers(struct resolver *r, int allow_timeout, int *timeouts)
{
	struct worker w[THREADS];
	pthread_t tid[THREADS];
	int i, wrong = 0, started = 0;

	*timeouts = 0;
	for (i = 0; i < THREADS; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].r = r;
		w[i].id = i + allow_timeout * 100;
		w[i].allow_timeout = allow_timeout;
		started += pthread_create(&tid[i], NULL, worker_main, &w[i]) == 0;
	}
	ok(started == THREADS, "%d threads started", THREADS);
	for (i = 0; i < THREADS; i++) {
		pthread_join(tid[i], NULL);
		wrong += w[i].wrong;
		*timeouts += w[i].timeouts;
		if (w[i].first[0] && w[i].wrong)
			diag("thread %d: %s", i, w[i].first);
	}
	return wrong;
}

static void test_concurrent(struct resolver *r)
{
	struct resolver *hasty;
	char err[256];
	int timeouts;
	double t = now_ms();

	is_int(run_workers(r, 0, &timeouts), 0,
	       "%d threads x %d queries at once: every answer right",
	       THREADS, PER_THREAD);
	diag("%d queries in %.0f ms", THREADS * PER_THREAD, now_ms() - t);
	/* 1 ms deadlines: answers and cancels race; each answer is still
	 * either right or a timeout, and nothing is freed twice (ASan) */
	hasty = resolver_new(fwd4, 1, err, sizeof(err));
	if (!ok(hasty != NULL, "resolver with a 1 ms timeout: %s", hasty ? "ok" : err))
		return;
	is_int(run_workers(hasty, 1, &timeouts), 0,
	       "1 ms timeouts racing answers: nothing wrong besides timeouts");
	diag("%d of %d queries timed out at 1 ms", timeouts, THREADS * PER_THREAD);
	resolver_free(hasty);
}

static void test_forwarder_list(const char *fwd6)
{
	struct resolver *r;
	struct dns_answer a;
	char list[128], err[256];

	if (fwd6 == NULL) {
		diag("no ::1 on this machine: IPv6 forwarder not checked");
		return;
	}
	r = resolver_new(fwd6, TIMEOUT_MS, err, sizeof(err));
	if (ok(r != NULL, "IPv6 forwarder %s accepted", fwd6)) {
		query(r, "resolver.test", DNS_T_A, DNS_OK, &a);
		dns_answer_free(&a);
		query(r, "2.0.0.127.in-addr.arpa", DNS_T_PTR, DNS_NXDOMAIN, &a);
		dns_answer_free(&a);
	}
	resolver_free(r);
	snprintf(list, sizeof(list), " %s,\t%s ", fwd4, fwd6);
	r = resolver_new(list, TIMEOUT_MS, err, sizeof(err));
	if (ok(r != NULL, "list \"%s\" accepted", list)) {
		query(r, "www.resolver.test", DNS_T_A, DNS_OK, &a);
		dns_answer_free(&a);
	}
	resolver_free(r);
}

int main(int argc, char **argv)
{
	struct resolver *r;
	char err[256];

	if (argc < 2) {
		fprintf(stderr, "usage: test_resolver 127.0.0.1@PORT [::1@PORT]\n");
		return 2;
	}
	fwd4 = argv[1];
	test_bad_config();
	r = resolver_new(fwd4, TIMEOUT_MS, err, sizeof(err));
	if (!ok(r != NULL, "resolver_new(%s): %s", fwd4, r ? "ok" : err))
		return tap_done();
	test_addresses(r);
	test_names(r);
	test_txt(r);
	test_failures(r);
	is_int(fresh_answers(r, "after"), 4,
	       "after SERVFAIL and REFUSED answers the forwarder still answers");
	test_raw(r);
	test_client(r);
	test_stats(r);
	test_concurrent(r);
	test_forwarder_list(argc > 2 ? argv[2] : NULL);
	resolver_free(r);
	test_timeouts();
	return tap_done();
}
