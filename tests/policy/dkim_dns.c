/*
 * dkim_dns_check - policy/dkim_verify fetching keys through
 * policy/resolver from a real unbound on loopback (dkim_dns.sh starts
 * it with dkim_dns.zone and the keys it made).
 *
 * Usage: dkim_dns_check PORT RSA2048.pem ED25519.pem
 * Prints TAP. Signs with the two private keys whose public halves the
 * zone publishes (the RSA record split into 255-octet strings), then
 * checks: pass with keys from DNS, SERVFAIL and timeout as temperror
 * (within the resolver's timeout), NXDOMAIN and NODATA as permerror,
 * more than one record, a record that is not a key, the message's DNS
 * time budget, and one engine shared by threads that each must get their
 * own message's answer.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "policy/dkim_verify.h"
#include "policy/resolver.h"
#include "tests/lib/testsign.h"
#include "tests/lib/tap.h"

#define TIMEOUT_MS 1500

static const char msg_text[] =
	"From: Alice <alice@dkim.test>\r\n"
	"To: Bob <bob@example.net>\r\n"
	"Subject: keys from DNS\r\n"
	"Date: Mon, 4 May 2026 10:00:00 +0000\r\n"
	"\r\n"
	"Hello over DNS.\r\n";

static DKIM_LIB *signer;
static struct testkey rsa, ed;

/* now_ms - monotonic milliseconds */
static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* read_key - a PEM file as the signing half of a test key */
static int read_key(const char *file, unsigned bits, struct testkey *k)
{
	size_t len;

	memset(k, 0, sizeof(*k));
	k->bits = bits;
	return (k->pem = tmsg_read_file(file, &len)) != NULL ? 0 : -1;
}

/* signed_with - the test message with signatures by KEY for each of the
 * N selector@domain pairs, the first one on top */
static int signed_with(struct tmsg *m, const struct testkey *key,
		       const char *const *sel, const char *const *dom, int n)
{
	struct signreq r;
	char err[256], *v;
	int i;

	if (tmsg_parse(msg_text, sizeof(msg_text) - 1, 0, m) < 0)
		return -1;
	for (i = n - 1; i >= 0; i--) {
		memset(&r, 0, sizeof(r));
		r.selector = sel[i];
		r.domain = dom[i];
		r.key = key;
		r.alg = key->bits ? DKIM_SIGN_RSASHA256 : DKIM_SIGN_ED25519SHA256;
		r.hcanon = r.bcanon = DKIM_CANON_RELAXED;
		if ((v = testsign(signer, &r, m, err, sizeof(err))) == NULL) {
			diag("%s", err);
			return -1;
		}
		/* sign the message as it was before the other signatures */
		tmsg_add_field(m, 0, "DKIM-Signature", v);
		free(v);
	}
	return 0;
}

/* check - verify M with engine E; elapsed time in *MS */
static int check(struct dkimv_engine *e, const struct tmsg *m,
		 struct dkimv_results *out, double *ms)
{
	struct dkimv_check *c = dkimv_check_new(e, "dns");
	double t0 = now_ms();
	int rc;

	memset(out, 0, sizeof(*out));
	rc = c != NULL ? tmsg_feed(c, m, 0, out) : -1;
	*ms = now_ms() - t0;
	dkimv_check_free(c);
	return rc;
}

/* single - one signature, its result and reason */
static void single(struct dkimv_engine *e, const struct testkey *key,
		   const char *sel, const char *dom, enum dkimv_result want,
		   const char *reason, const char *what)
{
	struct dkimv_results res;
	struct tmsg m;
	double ms = 0;
	int rc = -1;

	if (signed_with(&m, key, &sel, &dom, 1) == 0)
		rc = check(e, &m, &res, &ms);
	if (!ok(rc == 0 && res.count == 1 && res.sig[0].result == want
		&& strcmp(res.sig[0].reason, reason) == 0,
		"%s: %s%s%s%s", what, dkimv_result_name(want),
		*reason ? " (" : "", reason, *reason ? ")" : ""))
		diag("  rc %d count %zu: %s (%s)", rc, res.count,
		     dkimv_result_name(res.sig[0].result), res.sig[0].reason);
	if (want == DKIMV_TEMPERROR)
		ok(ms < TIMEOUT_MS + 2000, "%s: answered in %.0f ms (timeout %d ms)",
		   what, ms, TIMEOUT_MS);
	if (want == DKIMV_PASS)
		is_int(res.sig[0].key_bits, key->bits, "%s: key size", what);
	tmsg_free(&m);
}

/* budget - three slow keys, a budget shorter than one timeout: one
 * lookup is started, the others are not */
static void budget(struct resolver *r)
{
	static const char *const sel[3] = {"a", "b", "c"};
	static const char *const dom[3] = {"slow.dkim.test", "slow.dkim.test",
					   "slow.dkim.test"};
	struct dkimv_options opt;
	struct dkimv_results res;
	struct dkimv_engine *e;
	struct tmsg m;
	char err[256];
	double ms = 0;

	memset(&opt, 0, sizeof(opt));
	opt.resolver = r;
	opt.dns_budget_ms = TIMEOUT_MS / 2;
	e = dkimv_engine_new(&opt, err, sizeof(err));
	ok(e != NULL && signed_with(&m, &rsa, sel, dom, 3) == 0
	   && check(e, &m, &res, &ms) == 0 && res.count == 3,
	   "budget: three signatures with keys that time out");
	ok(res.sig[0].result == DKIMV_TEMPERROR
	   && strcmp(res.sig[0].reason, "key lookup failed") == 0,
	   "budget: the first lookup ran and timed out (%s)", res.sig[0].reason);
	ok(res.sig[1].result == DKIMV_TEMPERROR && res.sig[2].result == DKIMV_TEMPERROR
	   && strcmp(res.sig[2].reason, "DNS time budget used up") == 0,
	   "budget: the others were not started (%s)", res.sig[2].reason);
	ok(ms < TIMEOUT_MS + 1000, "budget: %.0f ms in all, not three timeouts", ms);
	dkimv_engine_free(e);
	tmsg_free(&m);
}

#define THREADS 8
#define ROUNDS 20

/* One thread's message and the answer it must get every time. */
struct worker {
	struct dkimv_engine *e;
	struct tmsg m;
	enum dkimv_result want;
	int wrong;
};

/* worker_main - verify the same message ROUNDS times */
static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct dkimv_results res;
	double ms;
	int i;

	for (i = 0; i < ROUNDS; i++)
		if (check(w->e, &w->m, &res, &ms) != 0 || res.count != 1
		    || res.sig[0].result != w->want)
			w->wrong++;
	return NULL;
}

/* threads - one engine, THREADS threads at once, three kinds of answer */
static void threads(struct dkimv_engine *e)
{
	static const char *const sel[3] = {"rsa2048", "ed", "nosuch"};
	static const char *const dom[3] = {"dkim.test", "dkim.test", "dkim.test"};
	static const enum dkimv_result want[3] = {DKIMV_PASS, DKIMV_PASS,
						  DKIMV_PERMERROR};
	struct worker w[THREADS];
	pthread_t t[THREADS];
	int i, started = 0, wrong = 0;

	for (i = 0; i < THREADS; i++) {
		w[i].e = e;
		w[i].want = want[i % 3];
		w[i].wrong = 0;
		if (signed_with(&w[i].m, i % 3 == 1 ? &ed : &rsa, &sel[i % 3],
				&dom[i % 3], 1) < 0)
			w[i].wrong = ROUNDS;
	}
	for (i = 0; i < THREADS; i++)
		started += pthread_create(&t[i], NULL, worker_main, &w[i]) == 0;
	for (i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < THREADS; i++) {
		wrong += w[i].wrong;
		tmsg_free(&w[i].m);
	}
	is_int(started, THREADS, "threads: %d started on one engine", THREADS);
	is_int(wrong, 0, "threads: %d checks each, every one got its own "
	       "message's answer", ROUNDS);
}

/* main - keys, resolver and engine, then every case */
int main(int argc, char **argv)
{
	struct dkimv_options opt;
	struct dkimv_engine *e;
	struct resolver *r;
	char fwd[64], err[256];

	if (argc != 4) {
		printf("Bail out! usage: dkim_dns_check PORT RSA.pem ED.pem\n");
		return 1;
	}
	snprintf(fwd, sizeof(fwd), "127.0.0.1@%s", argv[1]);
	if ((signer = testsign_lib()) == NULL || read_key(argv[2], 2048, &rsa) < 0
	    || read_key(argv[3], 0, &ed) < 0
	    || (r = resolver_new(fwd, TIMEOUT_MS, err, sizeof(err))) == NULL) {
		printf("Bail out! setup: keys, signer or resolver\n");
		return 1;
	}
	memset(&opt, 0, sizeof(opt));
	opt.resolver = r;
	if ((e = dkimv_engine_new(&opt, err, sizeof(err))) == NULL) {
		printf("Bail out! engine: %s\n", err);
		return 1;
	}
	single(e, &rsa, "rsa2048", "dkim.test", DKIMV_PASS, "",
	       "RSA-2048 key from DNS in 255-octet strings");
	single(e, &ed, "ed", "dkim.test", DKIMV_PASS, "", "Ed25519 key from DNS");
	single(e, &rsa, "rsa2048", "broken.dkim.test", DKIMV_TEMPERROR,
	       "key lookup failed", "key lookup SERVFAIL");
	single(e, &rsa, "rsa2048", "slow.dkim.test", DKIMV_TEMPERROR,
	       "key lookup failed", "key lookup timeout");
	single(e, &rsa, "nosuch", "dkim.test", DKIMV_PERMERROR, "no key",
	       "key name NXDOMAIN");
	single(e, &rsa, "nodata", "dkim.test", DKIMV_PERMERROR, "no key",
	       "key name without TXT (NODATA)");
	single(e, &rsa, "two", "dkim.test", DKIMV_PERMERROR,
	       "more than one key record", "two TXT records");
	single(e, &rsa, "notakey", "dkim.test", DKIMV_PERMERROR,
	       "key record syntax error", "a TXT record that is not a key");
	single(e, &ed, "rsa2048", "dkim.test", DKIMV_PERMERROR,
	       "key cannot be decoded", "Ed25519 signature, RSA key in DNS");
	budget(r);
	threads(e);
	dkimv_engine_free(e);
	resolver_free(r);
	free(rsa.pem);
	free(ed.pem);
	dkim_close(signer);
	return tap_done();
}
