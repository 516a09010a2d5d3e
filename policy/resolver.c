/*
 * resolver - libunbound behind dns_query_fn; see resolver.h.
 *
 * libunbound has no per-query deadline, so each query is started with
 * ub_resolve_async() and its caller waits on a condition variable with a
 * deadline. One pump thread per resolver calls ub_process() whenever
 * ub_fd() is readable, which runs the callbacks. A caller that gives up
 * cancels the query; the query state is shared by the caller and the
 * callback and freed by whichever lets go last (see pending_release).
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <unbound.h>

#include "dns_cache.h"
#include "dns_packet.h"
#include "dns_stats.h"
#include "dns_rdata.h"
#include "netaddr.h"
#include "resolver.h"

#define RCODE_SERVFAIL 2
#define RCODE_NXDOMAIN 3

struct resolver {
	struct ub_ctx *ctx;
	unsigned timeout_ms;
	pthread_mutex_t lock;       /* guards every struct pending */
	pthread_t pump;
	int pump_running;
	int pump_failed;            /* libunbound's worker is gone (lock) */
	int stop[2];                /* pipe: a byte tells the pump to end */
	struct dns_cache *cache;    /* answered here, without the trip to
	                             * libunbound's thread and back */
};

/* One query in flight. REFS counts the parties that may still touch it:
 * the waiting caller, and the callback unless the query was cancelled. */
struct pending {
	struct resolver *r;
	pthread_cond_t cond;
	int refs;
	int done;
	int err;                    /* libunbound error code for the query */
	struct ub_result *result;
};

/* What waiting for one query came to. */
enum wait_status {
	WAIT_ANSWERED,              /* err/result hold libunbound's reply */
	WAIT_TIMEOUT,
	WAIT_BADNAME,               /* libunbound could not parse the name */
	WAIT_FAILED,                /* memory, threads, pipes */
};

/*
 * Zones libunbound 1.17 answers by itself unless configured otherwise:
 * RFC 6761/7686/8375 names and the RFC 6303 (AS112) reverse zones.
 * 16-31.172.in-addr.arpa and 64-127.100.in-addr.arpa are added in loops.
 * Each is declared "transparent", which removes the built-in contents and
 * sends every query on. Not "nodefault": ub_ctx_set_option() in 1.17
 * stores the whole "NAME nodefault" string as the zone name, so that
 * setting silently does nothing.
 */
static const char *const builtin_zones[] = {
	"localhost.", "127.in-addr.arpa.",
	"1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.",
	"home.arpa.", "onion.", "test.", "invalid.",
	"10.in-addr.arpa.", "168.192.in-addr.arpa.", "0.in-addr.arpa.",
	"254.169.in-addr.arpa.", "2.0.192.in-addr.arpa.",
	"100.51.198.in-addr.arpa.", "113.0.203.in-addr.arpa.",
	"255.255.255.255.in-addr.arpa.",
	"0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.",
	"d.f.ip6.arpa.", "8.e.f.ip6.arpa.", "9.e.f.ip6.arpa.",
	"a.e.f.ip6.arpa.", "b.e.f.ip6.arpa.", "8.b.d.0.1.0.0.2.ip6.arpa.",
};

/* set_option - one unbound.conf setting, reported by name on failure */
static int set_option(struct ub_ctx *ctx, const char *opt, const char *val,
		      char *err, size_t errlen)
{
	int rc = ub_ctx_set_option(ctx, opt, val);

	if (rc != 0)
		snprintf(err, errlen, "libunbound rejects %s %s: %s", opt, val,
			 ub_strerror(rc));
	return rc == 0 ? 0 : -1;
}

/* open_builtin_zones - let the forwarder answer every name */
static int open_builtin_zones(struct ub_ctx *ctx, char *err, size_t errlen)
{
	char zone[128];
	size_t i;
	int n;

	for (i = 0; i < sizeof(builtin_zones) / sizeof(builtin_zones[0]); i++) {
		snprintf(zone, sizeof(zone), "%s transparent", builtin_zones[i]);
		if (set_option(ctx, "local-zone:", zone, err, errlen) < 0)
			return -1;
	}
	for (n = 16; n <= 31; n++) {
		snprintf(zone, sizeof(zone), "%d.172.in-addr.arpa. transparent", n);
		if (set_option(ctx, "local-zone:", zone, err, errlen) < 0)
			return -1;
	}
	for (n = 64; n <= 127; n++) {
		snprintf(zone, sizeof(zone), "%d.100.in-addr.arpa. transparent", n);
		if (set_option(ctx, "local-zone:", zone, err, errlen) < 0)
			return -1;
	}
	return 0;
}

/* valid_port - decimal 1..65535 */
static int valid_port(const char *s)
{
	long v = 0;

	if (*s == '\0' || strlen(s) > 5)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v >= 1 && v <= 65535;
}

/* add_forwarder - check one "IP" or "IP@PORT" ourselves (so the admin
 * reads which word is wrong), then hand it to libunbound */
static int add_forwarder(struct ub_ctx *ctx, const char *word, char *err,
			 size_t errlen)
{
	char addr[NETADDR_STRLEN + 8];
	struct netaddr na;
	char *at;
	int rc;

	if (strlen(word) >= sizeof(addr)) {
		snprintf(err, errlen, "nameserver \"%.60s...\": too long", word);
		return -1;
	}
	strcpy(addr, word);
	if ((at = strchr(addr, '@')) != NULL)
		*at = '\0';
	if (netaddr_parse(addr, &na) < 0) {
		snprintf(err, errlen, "nameserver \"%s\": not an IP address", word);
		return -1;
	}
	if (at != NULL && !valid_port(at + 1)) {
		snprintf(err, errlen, "nameserver \"%s\": port is not 1-65535", word);
		return -1;
	}
	if ((rc = ub_ctx_set_fwd(ctx, word)) != 0) {
		snprintf(err, errlen, "nameserver \"%s\": %s", word, ub_strerror(rc));
		return -1;
	}
	return 0;
}

/* set_forwarders - the Nameservers list, or /etc/resolv.conf */
static int set_forwarders(struct ub_ctx *ctx, const char *list, char *err,
			  size_t errlen)
{
	char word[128];
	const char *p = list;
	size_t n, count = 0;
	int rc;

	if (list == NULL) {
		if ((rc = ub_ctx_resolvconf(ctx, NULL)) != 0) {
			snprintf(err, errlen, "/etc/resolv.conf: %s", ub_strerror(rc));
			return -1;
		}
		return 0;
	}
	for (;;) {
		p += strspn(p, " \t,");
		if (*p == '\0')
			break;
		n = strcspn(p, " \t,");
		if (n >= sizeof(word)) {
			snprintf(err, errlen, "nameserver \"%.60s...\": too long", p);
			return -1;
		}
		memcpy(word, p, n);
		word[n] = '\0';
		if (add_forwarder(ctx, word, err, errlen) < 0)
			return -1;
		count++;
		p += n;
	}
	if (count == 0) {
		snprintf(err, errlen, "no nameserver given");
		return -1;
	}
	return 0;
}

/* configure - everything libunbound must know before the first query */
static int configure(struct ub_ctx *ctx, const char *nameservers, char *err,
		     size_t errlen)
{
	int rc;

	/* a thread, not a forked process, so cancel and cleanup work */
	if ((rc = ub_ctx_async(ctx, 1)) != 0) {
		snprintf(err, errlen, "libunbound async mode: %s", ub_strerror(rc));
		return -1;
	}
	if (set_forwarders(ctx, nameservers, err, errlen) < 0)
		return -1;
	/*
	 * Both ways end with forwarders (libunbound falls back to 127.0.0.1
	 * when resolv.conf names none): the admin's server may be on
	 * loopback and must answer every name, including the reverse zones
	 * a site runs for its private ranges.
	 * A forwarder whose queries time out gets a doubled RTO each time
	 * (libunbound keeps retrying a query we gave up on). Once it passes
	 * 12 s libunbound lets one probe at a time through and fails other
	 * queries of a type that timed out at once; without keep-probing it
	 * stops asking for infra-host-ttl (900 s). Probed here: 14 timeouts
	 * in a row to one dead zone made every later A query SERVFAIL. One
	 * dead zone must not cut us off the only forwarder: keep probing,
	 * and let the host record expire after 5 s, well before the 11.6 s
	 * of back-to-back back-off it takes to reach the probe regime.
	 */
	if (set_option(ctx, "do-not-query-localhost:", "no", err, errlen) < 0
	    || open_builtin_zones(ctx, err, errlen) < 0
	    || set_option(ctx, "infra-keep-probing:", "yes", err, errlen) < 0
	    || set_option(ctx, "infra-host-ttl:", "5", err, errlen) < 0)
		return -1;
	return 0;
}

/* pump_main - run libunbound's callbacks as answers arrive */
static void *pump_main(void *arg)
{
	struct resolver *r = arg;
	struct pollfd pfd[2];

	pfd[0].fd = ub_fd(r->ctx);
	pfd[0].events = POLLIN;
	pfd[1].fd = r->stop[0];
	pfd[1].events = POLLIN;
	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pfd[1].revents != 0)
			break;
		/* a broken pipe means libunbound's worker is gone: stop;
		 * callers waiting time out, later ones fail at once */
		if (pfd[0].revents != 0 && ub_process(r->ctx) != 0)
			break;
	}
	pthread_mutex_lock(&r->lock);
	r->pump_failed = 1;
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

/* resolver_new - context, forwarders, options, pump thread */
struct resolver *resolver_new(const char *nameservers, unsigned timeout_ms,
			      char *err, size_t errlen)
{
	struct resolver *r;
	int rc;

	if (timeout_ms == 0) {
		snprintf(err, errlen, "DNS timeout must be above 0 ms");
		return NULL;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	r->timeout_ms = timeout_ms;
	r->stop[0] = r->stop[1] = -1;
	pthread_mutex_init(&r->lock, NULL);
	if ((r->cache = dns_cache_new()) == NULL || (r->ctx = ub_ctx_create()) == NULL) {
		snprintf(err, errlen, "cannot create a libunbound context");
		dns_cache_free(r->cache);
		pthread_mutex_destroy(&r->lock);
		free(r);
		return NULL;
	}
	if (configure(r->ctx, nameservers, err, errlen) < 0) {
		resolver_free(r);
		return NULL;
	}
	if (pipe(r->stop) < 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		resolver_free(r);
		return NULL;
	}
	if ((rc = pthread_create(&r->pump, NULL, pump_main, r)) != 0) {
		snprintf(err, errlen, "cannot start the resolver thread: %s",
			 strerror(rc));
		resolver_free(r);
		return NULL;
	}
	r->pump_running = 1;
	return r;
}

/* resolver_free - stop the pump, then libunbound */
void resolver_free(struct resolver *r)
{
	if (r == NULL)
		return;
	if (r->pump_running) {
		ssize_t n;

		while ((n = write(r->stop[1], "x", 1)) < 0 && errno == EINTR)
			continue;
		/* a pump we cannot stop may still touch the context: leak
		 * it rather than free it under the pump */
		if (n != 1)
			return;
		pthread_join(r->pump, NULL);
	}
	if (r->stop[0] >= 0) {
		close(r->stop[0]);
		close(r->stop[1]);
	}
	ub_ctx_delete(r->ctx);
	dns_cache_free(r->cache);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

/* pending_release - drop N references; the last one frees */
static void pending_release(struct pending *p, int n)
{
	int last;

	p->refs -= n;
	last = p->refs == 0;
	pthread_mutex_unlock(&p->r->lock);
	if (last) {
		ub_resolve_free(p->result);
		pthread_cond_destroy(&p->cond);
		free(p);
	}
}

/* answered - libunbound's callback, run by the pump thread */
static void answered(void *arg, int err, struct ub_result *result)
{
	struct pending *p = arg;

	pthread_mutex_lock(&p->r->lock);
	p->err = err;
	p->result = result;
	p->done = 1;
	pthread_cond_signal(&p->cond);
	pending_release(p, 1);
}

/* pending_new - state for one query, owned by caller and callback */
static struct pending *pending_new(struct resolver *r)
{
	pthread_condattr_t attr;
	struct pending *p;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->r = r;
	p->refs = 2;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	if (pthread_cond_init(&p->cond, &attr) != 0) {
		pthread_condattr_destroy(&attr);
		free(p);
		return NULL;
	}
	pthread_condattr_destroy(&attr);
	return p;
}

/* deadline - now + MS on the monotonic clock */
static struct timespec deadline(unsigned ms)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long) (ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}

/* now_s - seconds on the monotonic clock, for answer lifetimes */
static time_t now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* resolve_wait - start one query and wait for it, at most timeout_ms.
 * On WAIT_ANSWERED, *ERR and *RESULT are libunbound's (caller frees). */
static enum wait_status resolve_wait(struct resolver *r, const char *name,
				     int rrtype, int *err,
				     struct ub_result **result)
{
	struct timespec until = deadline(r->timeout_ms);
	struct pending *p;
	int id, rc = 0, cancelled;

	*result = NULL;
	pthread_mutex_lock(&r->lock);
	rc = r->pump_failed;
	pthread_mutex_unlock(&r->lock);
	if (rc || (p = pending_new(r)) == NULL)
		return WAIT_FAILED;
	rc = ub_resolve_async(r->ctx, name, rrtype, 1, p, answered, &id);
	if (rc != 0) {
		pthread_cond_destroy(&p->cond);
		free(p);
		return rc == UB_SYNTAX ? WAIT_BADNAME : WAIT_FAILED;
	}
	pthread_mutex_lock(&r->lock);
	rc = 0;
	while (!p->done && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&p->cond, &r->lock, &until);
	if (!p->done) {
		/* the callback may be running right now: only a successful
		 * cancel means it never will (libunbound checks the flag
		 * under the same lock it takes to hand the answer over) */
		pthread_mutex_unlock(&r->lock);
		cancelled = ub_cancel(r->ctx, id) == 0;
		pthread_mutex_lock(&r->lock);
		if (!p->done) {
			pending_release(p, cancelled ? 2 : 1);
			return WAIT_TIMEOUT;
		}
	}
	/* answered, possibly just as the deadline passed: use it */
	*err = p->err;
	*result = p->result;
	p->result = NULL;
	pending_release(p, 1);
	/* libunbound parses the name in its worker thread, so a name it
	 * cannot read comes back through the callback */
	if (*err == UB_SYNTAX) {
		ub_resolve_free(*result);
		*result = NULL;
		return WAIT_BADNAME;
	}
	return WAIT_ANSWERED;
}

/* lost_in_copy - libunbound says SERVFAIL for a TXT answer whose
 * packet is a clean NOERROR answer: its copy of an empty rdata (a TXT
 * record with no string) failed, not the server (see dns_packet.h) */
static int lost_in_copy(const struct ub_result *res, int rrtype)
{
	const unsigned char *p = res->answer_packet;

	return rrtype == DNS_T_TXT && res->rcode == RCODE_SERVFAIL
	    && !res->bogus && res->data == NULL && p != NULL
	    && res->answer_len >= 12 && (p[3] & 0x0f) == 0;
}

/* keep_packet - the answer read from the packet itself; NULL when the
 * packet does not give one (the SERVFAIL then stands) or on ENOMEM */
static struct dns_cache_answer *keep_packet(struct resolver *r,
					    const char *name, int rrtype,
					    const struct ub_result *res)
{
	struct dns_packet_rrs rrs;
	struct dns_cache_answer *a;
	char *data[DNS_MAX_RR];
	size_t i;

	if (dns_packet_records(res->answer_packet, (size_t) res->answer_len,
			       name, rrtype, &rrs) < 0 || rrs.rcode != 0
	    || rrs.count == 0)
		return NULL;
	for (i = 0; i < rrs.count; i++)
		data[i] = (char *) rrs.rr[i];  /* only read: the block copies */
	a = dns_cache_answer_new(0, 1, 0, rrs.count, data, rrs.len,
				 res->answer_packet, (size_t) res->answer_len);
	if (a != NULL && rrs.ttl > 0)
		dns_cache_put(r->cache, name, rrtype, a, rrs.ttl, now_s());
	return a;
}

/* keep - what we hold of libunbound's answer, kept for its TTL when it
 * is clean; NULL on ENOMEM */
static struct dns_cache_answer *keep(struct resolver *r, const char *name,
				     int rrtype, const struct ub_result *res)
{
	struct dns_cache_answer *a;
	size_t n = 0;

	if (lost_in_copy(res, rrtype)
	    && (a = keep_packet(r, name, rrtype, res)) != NULL)
		return a;
	while (res->data != NULL && res->data[n] != NULL)
		n++;
	a = dns_cache_answer_new(res->rcode, res->havedata, res->secure, n,
				 res->data, res->len, res->answer_packet,
				 res->answer_packet != NULL && res->answer_len > 0
				 ? (size_t) res->answer_len : 0);
	if (a == NULL)
		return NULL;
	a->bogus = res->bogus;
	if (res->ttl > 0)
		dns_cache_put(r->cache, name, rrtype, a, (unsigned) res->ttl, now_s());
	return a;
}

/* lookup - the answer from our cache, or asked of libunbound; on
 * WAIT_ANSWERED, *ANS is ours to free (NULL when libunbound reported an
 * error, ERR nonzero) */
static enum wait_status lookup(struct resolver *r, const char *name, int rrtype,
			       int *err, struct dns_cache_answer **ans)
{
	struct ub_result *res;
	enum wait_status w;

	*err = 0;
	dns_stats_query();
	if ((*ans = dns_cache_get(r->cache, name, rrtype, now_s())) != NULL) {
		dns_stats_cache_hit();
		return WAIT_ANSWERED;
	}
	if ((w = resolve_wait(r, name, rrtype, err, &res)) != WAIT_ANSWERED)
		return w;
	if (*err == 0 && res != NULL && (*ans = keep(r, name, rrtype, res)) == NULL)
		w = WAIT_FAILED;
	ub_resolve_free(res);
	return w;
}

/* classify - what the answer means for us */
static enum dns_status classify(int err, const struct dns_cache_answer *a,
				enum dns_security *sec)
{
	*sec = DNS_SEC_INSECURE;
	if (err != 0 || a == NULL)
		return DNS_SERVFAIL;
	if (a->bogus) {
		*sec = DNS_SEC_BOGUS;
		return DNS_SERVFAIL;
	}
	if (a->secure)
		*sec = DNS_SEC_SECURE;
	if (a->rcode == RCODE_NXDOMAIN)
		return DNS_NXDOMAIN;
	if (a->rcode != 0)
		return DNS_SERVFAIL;
	return a->havedata ? DNS_OK : DNS_NODATA;
}

/* decode_answer - records of the asked type; malformed means SERVFAIL,
 * since a record we cannot read may be the one that decides */
static int decode_answer(const struct dns_cache_answer *a, enum dns_type type,
			 struct dns_answer *out)
{
	size_t n = a->nrr, i, len;
	const unsigned char *rr;

	if (n > DNS_MAX_RR)
		n = DNS_MAX_RR;
	if (n == 0) {
		out->status = DNS_NODATA;
		return 0;
	}
	if ((out->rr = calloc(n, sizeof(*out->rr))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		rr = dns_cache_answer_rr(a, i, &len);
		if (dns_rdata_decode(type, rr, len, &out->rr[i]) < 0) {
			dns_answer_free(out);
			out->status = DNS_SERVFAIL;
			return 0;
		}
		out->count = i + 1;
	}
	return 0;
}

/* wait_answered - 1 when the wait brought an answer; otherwise the status and
 * return code that the query reports */
static int wait_answered(enum wait_status wait, enum dns_status *status, int *rc)
{
	*rc = 0;
	switch (wait) {
	case WAIT_TIMEOUT:
		*status = DNS_TIMEOUT;
		return 0;
	case WAIT_BADNAME:
		*status = DNS_BADNAME;
		return 0;
	case WAIT_FAILED:
		*status = DNS_SERVFAIL;
		*rc = -1;
		return 0;
	case WAIT_ANSWERED:
		break;
	}
	return 1;
}

/* resolver_query - one decoded lookup */
int resolver_query(struct resolver *r, const char *name, enum dns_type type,
		   struct dns_answer *out)
{
	struct dns_cache_answer *a;
	int err = 0, rc;

	memset(out, 0, sizeof(*out));
	if (!dns_name_valid(name)) {
		out->status = DNS_BADNAME;
		return 0;
	}
	if (!wait_answered(lookup(r, name, (int) type, &err, &a), &out->status, &rc)) {
		dns_stats_status(out->status);
		return rc;
	}
	out->status = classify(err, a, &out->security);
	rc = 0;
	if (out->status == DNS_OK && decode_answer(a, type, out) < 0) {
		out->status = DNS_SERVFAIL;
		rc = -1;
	}
	free(a);
	dns_stats_status(out->status);
	return rc;
}

/* resolver_query_raw - one lookup, the wire answer copied out */
int resolver_query_raw(struct resolver *r, const char *name, int rrtype,
		       unsigned char *buf, size_t buflen,
		       struct resolver_raw *out)
{
	struct dns_cache_answer *a;
	const unsigned char *packet;
	size_t len = 0;
	int err = 0, rc;

	memset(out, 0, sizeof(*out));
	if (!dns_name_valid(name) || rrtype < 1 || rrtype > 65535) {
		out->status = DNS_BADNAME;
		return 0;
	}
	if (!wait_answered(lookup(r, name, rrtype, &err, &a), &out->status, &rc)) {
		dns_stats_status(out->status);
		return rc;
	}
	out->status = classify(err, a, &out->security);
	packet = a != NULL ? dns_cache_answer_packet(a, &len) : NULL;
	if (len > buflen) {
		out->too_big = 1;
		out->status = DNS_SERVFAIL;
	} else if (len > 0) {
		memcpy(buf, packet, len);
		out->len = len;
	}
	free(a);
	dns_stats_status(out->status);
	return 0;
}

/* client_query - dns_query_fn glue */
static int client_query(void *ctx, const char *name, enum dns_type type,
			struct dns_answer *out)
{
	return resolver_query(ctx, name, type, out);
}

/* resolver_client - bind the evaluators' lookup interface to R */
struct dns_client resolver_client(struct resolver *r)
{
	struct dns_client c;

	c.query = client_query;
	c.ctx = r;
	return c;
}
