/*
 * test_dkim_verify - policy/dkim_verify on messages signed here with keys
 * made here (RSA 512 to 2048, Ed25519), keys given through a key file:
 * passes, every way a signature fails, the RFC 8301 rules, the
 * MaxDKIMSignatures cap, what is reported (header.d/i/s/a/b), how header
 * folding and body chunking reach the verifier, and hostile signature
 * fields and key records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "policy/dkim_verify.h"
#include "tests/lib/testsign.h"
#include "tests/lib/tap.h"

static const char base_text[] =
	"From: Alice <alice@example.com>\r\n"
	"To: Bob <bob@example.net>\r\n"
	"Subject: DKIM unit test,\r\n"
	"\tfolded once\r\n"
	"Date: Mon, 4 May 2026 10:00:00 +0000\r\n"
	"Message-ID: <unit-1@example.com>\r\n"
	"\r\n"
	"Hello Bob,\r\n"
	"\r\n"
	"a line with  two  spaces  \r\n"
	"\r\n"
	"\r\n";

enum { K2048, K1024, K768, K512, KED, NKEYS };
static const unsigned key_bits[NKEYS] = {2048, 1024, 768, 512, 0};
static struct testkey keys[NKEYS];
static DKIM_LIB *signer;
static char key_file[] = "/tmp/test_dkim_verify.XXXXXX";
static struct dkimv_engine *engine;

/* key_line - one "name record" line of the key file */
static void key_line(FILE *f, const char *sel, const char *record)
{
	fprintf(f, "%s._domainkey.example.com %s\n", sel, record);
}

/* write_keys - every selector the cases use */
static int write_keys(void)
{
	char rec[2048];
	int fd = mkstemp(key_file);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	static const char *const names[NKEYS] = {"k2048", "k1024", "k768",
						 "k512", "ed"};
	int i;

	if (f == NULL)
		return -1;
	for (i = 0; i < NKEYS; i++) {
		testkey_record(&keys[i], rec, sizeof(rec));
		key_line(f, names[i], rec);
	}
	key_line(f, "revoked", "v=DKIM1; k=rsa; p=");
	fprintf(f, "badtype._domainkey.example.com v=DKIM1; k=foo; p=%s\n",
		keys[K2048].pub);
	fprintf(f, "badver._domainkey.example.com v=DKIM2; p=%s\n",
		keys[K2048].pub);
	key_line(f, "badp", "v=DKIM1; p=!!!notbase64");
	fprintf(f, "sha1only._domainkey.example.com v=DKIM1; h=sha1; p=%s\n",
		keys[K2048].pub);
	fprintf(f, "chat._domainkey.example.com v=DKIM1; s=chat; p=%s\n",
		keys[K2048].pub);
	fprintf(f, "strict._domainkey.example.com v=DKIM1; t=s; p=%s\n",
		keys[K2048].pub);
	fprintf(f, "other._domainkey.example.com v=DKIM1; p=%s\n",
		keys[K1024].pub);
	fprintf(f, "edasrsa._domainkey.example.com v=DKIM1; k=rsa; p=%s\n",
		keys[KED].pub);
	return fclose(f) == 0 ? 0 : -1;
}

/* new_engine - key-file mode with OPT's other settings */
static struct dkimv_engine *new_engine(unsigned max_sigs, time_t fixed)
{
	struct dkimv_options opt;
	char err[256];
	struct dkimv_engine *e;

	memset(&opt, 0, sizeof(opt));
	opt.key_file = key_file;
	opt.max_signatures = max_sigs;
	opt.fixed_time = fixed;
	if ((e = dkimv_engine_new(&opt, err, sizeof(err))) == NULL)
		diag("engine: %s", err);
	return e;
}

/* base - the unsigned test message */
static void base(struct tmsg *m)
{
	if (tmsg_parse(base_text, sizeof(base_text) - 1, 0, m) < 0)
		diag("base message does not parse");
}

/* req - a signing request: rsa-sha256 relaxed/relaxed with key K */
static struct signreq req(int k, const char *sel)
{
	struct signreq r;

	memset(&r, 0, sizeof(r));
	r.selector = sel;
	r.domain = "example.com";
	r.key = &keys[k];
	r.alg = keys[k].bits ? DKIM_SIGN_RSASHA256 : DKIM_SIGN_ED25519SHA256;
	r.hcanon = DKIM_CANON_RELAXED;
	r.bcanon = DKIM_CANON_RELAXED;
	return r;
}

/* sign_onto - sign M with R and put the field on top; the value, which
 * M also owns */
static const char *sign_onto(struct tmsg *m, const struct signreq *r)
{
	char err[256], *v = testsign(signer, r, m, err, sizeof(err));

	if (v == NULL) {
		diag("%s", err);
		return "";
	}
	if (tmsg_add_field(m, 0, "DKIM-Signature", v) < 0)
		diag("no room for another field");
	free(v);
	return m->value[0];
}

/* verify - a fresh check over M in CHUNK-octet body pieces */
static int verify_with(struct dkimv_engine *e, const struct tmsg *m,
		       size_t chunk, struct dkimv_results *out)
{
	struct dkimv_check *c = dkimv_check_new(e, "unit");
	int rc;

	memset(out, 0, sizeof(*out));
	if (c == NULL)
		return -1;
	rc = tmsg_feed(c, m, chunk, out);
	dkimv_check_free(c);
	return rc;
}

/* one_result - verify M, expect one signature with result and reason */
static void one_result(const struct tmsg *m, enum dkimv_result want,
		       const char *reason, const char *what)
{
	struct dkimv_results res;
	int rc = verify_with(engine, m, 0, &res);

	if (!ok(rc == 0 && res.count == 1 && res.sig[0].result == want
		&& strcmp(res.sig[0].reason, reason) == 0, "%s: %s%s%s%s", what,
		dkimv_result_name(want), *reason ? " (" : "", reason,
		*reason ? ")" : ""))
		diag("  rc %d, count %zu, got %s (%s)", rc, res.count,
		     dkimv_result_name(res.sig[0].result), res.sig[0].reason);
}

/* signed_msg - the base message signed once with R */
static void signed_msg(struct tmsg *m, const struct signreq *r)
{
	base(m);
	sign_onto(m, r);
}

/* b_prefix - the first 8 characters of b= in a signature value */
static void b_prefix(const char *v, char out[9])
{
	const char *b = strstr(v, " b=");
	size_t n = 0;

	if (b == NULL && (b = strstr(v, ";b=")) == NULL) {
		out[0] = '\0';
		return;
	}
	for (b += 3; *b != '\0' && *b != ';' && n < 8; b++)
		if (*b != ' ' && *b != '\t' && *b != '\r' && *b != '\n')
			out[n++] = *b;
	out[n] = '\0';
}

/* test_pass - the algorithms and key sizes that pass, and what is reported */
static void test_pass(void)
{
	struct dkimv_results res;
	struct signreq r;
	struct tmsg m;
	const char *v;
	char b8[9];

	r = req(K2048, "k2048");
	r.identity = "alice@example.com";
	base(&m);
	v = sign_onto(&m, &r);
	b_prefix(v, b8);
	ok(verify_with(engine, &m, 0, &res) == 0 && res.count == 1,
	   "RSA-2048: one signature reported");
	is_str(dkimv_result_name(res.sig[0].result), "pass", "RSA-2048 rsa-sha256 passes");
	is_str(res.sig[0].d, "example.com", "header.d");
	is_str(res.sig[0].s, "k2048", "header.s");
	is_str(res.sig[0].a, "rsa-sha256", "header.a");
	is_str(res.sig[0].i, "alice@example.com", "header.i");
	ok(strlen(b8) == 8, "the signature has a b= of 8+ characters");
	is_str(res.sig[0].b, b8, "header.b is the first 8 characters of b=");
	is_int(res.sig[0].key_bits, 2048, "key size reported");
	is_str(res.sig[0].reason, "", "no reason on pass");
	is_int((long) res.ignored, 0, "nothing ignored");
	tmsg_free(&m);

	r = req(K2048, "k2048");
	r.hcanon = r.bcanon = DKIM_CANON_SIMPLE;
	signed_msg(&m, &r);
	one_result(&m, DKIMV_PASS, "", "RSA-2048 simple/simple");
	tmsg_free(&m);

	r = req(K1024, "k1024");
	signed_msg(&m, &r);
	one_result(&m, DKIMV_PASS, "", "RSA-1024 (the minimum) rsa-sha256");
	tmsg_free(&m);

	r = req(KED, "ed");
	signed_msg(&m, &r);
	ok(verify_with(engine, &m, 0, &res) == 0 && res.count == 1
	   && res.sig[0].result == DKIMV_PASS, "Ed25519-SHA256 passes (RFC 8463)");
	is_str(res.sig[0].a, "ed25519-sha256", "Ed25519: header.a");
	is_int(res.sig[0].key_bits, 0, "Ed25519: no RSA key size");
	is_str(res.sig[0].i, "", "no i=: header.i empty");
	tmsg_free(&m);

	base(&m);
	ok(verify_with(engine, &m, 0, &res) == 0 && res.count == 0,
	   "unsigned message: no signature reported");
	tmsg_free(&m);
}

/* test_fail - a signature that was checked and is wrong */
static void test_fail(void)
{
	struct signreq r = req(K2048, "k2048");
	struct tmsg m;

	signed_msg(&m, &r);
	free(m.value[3]);                   /* Subject */
	m.value[3] = strdup(" DKIM unit test,\r\n\tfolded twice");
	one_result(&m, DKIMV_FAIL, "signature did not verify", "tampered header");
	tmsg_free(&m);

	signed_msg(&m, &r);
	m.body[0] = 'J';
	one_result(&m, DKIMV_FAIL, "body hash mismatch", "tampered body");
	tmsg_free(&m);

	r.sign_time = 1000000000;           /* 2001 */
	r.ttl = 3600;
	signed_msg(&m, &r);
	one_result(&m, DKIMV_FAIL, "signature expired", "x= in the past");
	tmsg_free(&m);

	r = req(K2048, "other");            /* the record holds another key */
	signed_msg(&m, &r);
	one_result(&m, DKIMV_FAIL, "signature did not verify", "wrong key");
	tmsg_free(&m);

	r = req(K2048, "revoked");
	signed_msg(&m, &r);
	one_result(&m, DKIMV_FAIL, "key revoked", "revoked key (empty p=)");
	tmsg_free(&m);
}

/* test_rfc8301 - rsa-sha1 and short keys never pass */
static void test_rfc8301(void)
{
	struct signreq r = req(K2048, "k2048");
	struct tmsg m;

	r.alg = DKIM_SIGN_RSASHA1;
	signed_msg(&m, &r);
	one_result(&m, DKIMV_FAIL, "rsa-sha1 not accepted (RFC 8301)",
		   "rsa-sha1 with a good 2048-bit key");
	tmsg_free(&m);

	r.selector = "nosuchkey";
	signed_msg(&m, &r);
	one_result(&m, DKIMV_FAIL, "rsa-sha1 not accepted (RFC 8301)",
		   "rsa-sha1 is refused before any key lookup");
	tmsg_free(&m);

	r = req(K768, "k768");
	signed_msg(&m, &r);
	one_result(&m, DKIMV_FAIL, "key too short: 768 bits", "768-bit RSA key");
	tmsg_free(&m);

	r = req(K512, "k512");
	signed_msg(&m, &r);
	one_result(&m, DKIMV_FAIL, "key too short: 512 bits", "512-bit RSA key");
	tmsg_free(&m);

	r.alg = DKIM_SIGN_RSASHA1;
	signed_msg(&m, &r);
	one_result(&m, DKIMV_FAIL, "rsa-sha1 not accepted (RFC 8301)",
		   "rsa-sha1 with a 512-bit key");
	tmsg_free(&m);
}

/* test_keys - key records that are missing or unusable */
static void test_keys(void)
{
	static const struct {
		const char *sel;
		int key;
		enum dkimv_result want;
		const char *reason;
	} cases[] = {
		{"nosuchkey", K2048, DKIMV_PERMERROR, "no key"},
		{"badtype", K2048, DKIMV_PERMERROR, "unsupported key type"},
		{"badver", K2048, DKIMV_PERMERROR, "unsupported key version"},
		{"badp", K2048, DKIMV_PERMERROR, "key record syntax error"},
		{"sha1only", K2048, DKIMV_PERMERROR,
		 "key h= excludes the signature's hash"},
		{"chat", K2048, DKIMV_PERMERROR, "key not for email (s=)"},
		{"edasrsa", K2048, DKIMV_PERMERROR, "key cannot be decoded"},
	};
	struct signreq r;
	struct tmsg m;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		r = req(cases[i].key, cases[i].sel);
		signed_msg(&m, &r);
		one_result(&m, cases[i].want, cases[i].reason, cases[i].sel);
		tmsg_free(&m);
	}
	r = req(K2048, "strict");
	r.identity = "alice@mail.example.com";
	signed_msg(&m, &r);
	one_result(&m, DKIMV_PERMERROR, "key forbids i= in a subdomain (t=s)",
		   "t=s key, i= in a subdomain");
	tmsg_free(&m);
}

/* test_cap - ten signatures, eight verified */
static void test_cap(void)
{
	struct dkimv_results res;
	struct signreq r = req(K2048, "k2048");
	struct tmsg m, clean;
	char *v[10], err[256];
	size_t i, passed = 0;

	base(&clean);
	for (i = 0; i < 10; i++)
		v[i] = testsign(signer, &r, &clean, err, sizeof(err));
	base(&m);
	for (i = 0; i < 10; i++)
		if (v[i] == NULL || tmsg_add_field(&m, 0, "DKIM-Signature", v[i]) < 0)
			diag("signature %zu: %s", i, err);
	ok(verify_with(engine, &m, 0, &res) == 0, "ten signatures: verified");
	is_int((long) res.count, 10, "all ten reported");
	is_int((long) res.ignored, 2, "two counted as ignored");
	for (i = 0; i < 8; i++)
		passed += res.sig[i].result == DKIMV_PASS;
	is_int((long) passed, 8, "the first eight pass");
	ok(res.sig[8].result == DKIMV_NEUTRAL && res.sig[9].result == DKIMV_NEUTRAL,
	   "the ninth and tenth are neutral");
	is_str(res.sig[9].reason, "too many signatures", "reason: too many signatures");
	is_str(res.sig[9].d, "example.com", "a capped signature still has header.d");
	for (i = 0; i < 10; i++)
		free(v[i]);
	tmsg_free(&m);
	tmsg_free(&clean);
}

/* test_folding - LF and CRLF folding reach the hash the same way */
static void test_folding(void)
{
	struct signreq r = req(K2048, "k2048");
	struct tmsg m;
	size_t i;
	const char *fold[3] = {" DKIM unit test,\n\tfolded once",
			       " DKIM unit test,\r\n\tfolded once",
			       " DKIM unit test,\n folded once"};
	const enum dkimv_result want[3] = {DKIMV_PASS, DKIMV_PASS, DKIMV_FAIL};
	const char *what[3] = {"folded with LF", "folded with CRLF",
			       "control: a different fold (space for tab)"};

	r.hcanon = r.bcanon = DKIM_CANON_SIMPLE;
	for (i = 0; i < 3; i++) {
		signed_msg(&m, &r);
		free(m.value[3]);
		m.value[3] = strdup(fold[i]);
		one_result(&m, want[i], want[i] == DKIMV_PASS ? ""
			   : "signature did not verify", what[i]);
		tmsg_free(&m);
	}
	/* the DKIM-Signature field itself, folded by an MTA with LF */
	r = req(K2048, "k2048");
	signed_msg(&m, &r);
	for (i = 0; m.value[0][i] != '\0'; i++)
		if (m.value[0][i] == ';' && m.value[0][i + 1] == ' ') {
			char *f = malloc(strlen(m.value[0]) + 2);

			memcpy(f, m.value[0], i + 1);
			strcpy(f + i + 1, "\n\t");
			strcat(f, m.value[0] + i + 2);
			free(m.value[0]);
			m.value[0] = f;
			break;
		}
	one_result(&m, DKIMV_PASS, "", "signature field folded with LF (relaxed)");
	tmsg_free(&m);
}

/* test_chunks - a body fed one octet at a time */
static void test_chunks(void)
{
	struct dkimv_results whole, bytes;
	struct signreq r = req(K2048, "k2048");
	struct tmsg m;
	int canon;

	for (canon = 0; canon < 2; canon++) {
		r.hcanon = r.bcanon = canon ? DKIM_CANON_RELAXED : DKIM_CANON_SIMPLE;
		signed_msg(&m, &r);
		ok(verify_with(engine, &m, 0, &whole) == 0
		   && verify_with(engine, &m, 1, &bytes) == 0
		   && whole.sig[0].result == DKIMV_PASS
		   && bytes.sig[0].result == DKIMV_PASS,
		   "%s body in 1-octet chunks passes like one chunk",
		   canon ? "relaxed" : "simple");
		m.body[m.bodylen - 3] = 'x';    /* "\r\n" to "\rx" */
		ok(verify_with(engine, &m, 0, &whole) == 0
		   && verify_with(engine, &m, 1, &bytes) == 0
		   && whole.sig[0].result == DKIMV_FAIL
		   && bytes.sig[0].result == DKIMV_FAIL
		   && strcmp(whole.sig[0].reason, bytes.sig[0].reason) == 0,
		   "%s: a changed body fails the same way in 1-octet chunks",
		   canon ? "relaxed" : "simple");
		tmsg_free(&m);
	}
}

/* test_no_final_crlf - a body that lacks its last CRLF gets one added
 * by both canonicalizations (RFC 6376 3.4.3, 3.4.4) */
static void test_no_final_crlf(void)
{
	struct dkimv_results whole, bytes;
	struct signreq r = req(K2048, "k2048");
	struct tmsg m;
	int canon, rc;

	for (canon = 0; canon < 2; canon++) {
		r.hcanon = r.bcanon = canon ? DKIM_CANON_RELAXED : DKIM_CANON_SIMPLE;
		base(&m);
		m.bodylen -= 4;             /* "...spaces  \r\n" is the end now */
		sign_onto(&m, &r);
		m.bodylen -= 2;             /* and now "...spaces  " */
		rc = verify_with(engine, &m, 0, &whole)
			| verify_with(engine, &m, 1, &bytes);
		if (!ok(rc == 0 && whole.sig[0].result == DKIMV_PASS
			&& bytes.sig[0].result == DKIMV_PASS,
			"%s: a body without its last CRLF passes, whole and "
			"in 1-octet chunks", canon ? "relaxed" : "simple"))
			diag("  whole: %s (%s), octets: %s (%s)",
			     dkimv_result_name(whole.sig[0].result),
			     whole.sig[0].reason,
			     dkimv_result_name(bytes.sig[0].result),
			     bytes.sig[0].reason);
		tmsg_free(&m);
	}
}

/* test_clock - x= and t= against a fixed "now" */
static void test_clock(void)
{
	struct dkimv_engine *later, *earlier;
	struct signreq r = req(K2048, "k2048");
	struct dkimv_results res;
	time_t now = time(NULL);
	struct tmsg m;

	r.sign_time = (uint64_t) now;
	r.ttl = 86400;
	signed_msg(&m, &r);
	later = new_engine(0, now + 2 * 86400);
	ok(later != NULL && verify_with(later, &m, 0, &res) == 0
	   && res.sig[0].result == DKIMV_FAIL
	   && strcmp(res.sig[0].reason, "signature expired") == 0,
	   "fixed time past x=: signature expired");
	ok(verify_with(engine, &m, 0, &res) == 0 && res.sig[0].result == DKIMV_PASS,
	   "control: the same signature passes now");
	earlier = new_engine(0, now - 86400);
	ok(earlier != NULL && verify_with(earlier, &m, 0, &res) == 0
	   && res.sig[0].result == DKIMV_NEUTRAL
	   && strcmp(res.sig[0].reason, "signature timestamp in the future") == 0,
	   "fixed time a day before t=: timestamp in the future");
	dkimv_engine_free(later);
	dkimv_engine_free(earlier);
	tmsg_free(&m);
}

/* test_api - calls out of order, options refused, names */
static void test_api(void)
{
	struct dkimv_options opt;
	struct dkimv_results a, b;
	struct dkimv_check *c;
	struct signreq r = req(K2048, "k2048");
	struct tmsg m;
	char err[256];

	signed_msg(&m, &r);
	c = dkimv_check_new(engine, NULL);
	ok(c != NULL && tmsg_feed(c, &m, 0, &a) == 0, "a check without an id");
	ok(dkimv_check_eom(c, &b) == 0 && b.count == 1
	   && b.sig[0].result == a.sig[0].result, "eom twice: same results");
	is_int(dkimv_check_header(c, "X-Late", " yes"), -1,
	       "a header after the body is refused");
	is_int(dkimv_check_body(c, (const unsigned char *) "x", 1), -1,
	       "a body chunk after eom is refused");
	dkimv_check_free(c);
	tmsg_free(&m);

	memset(&opt, 0, sizeof(opt));
	ok(dkimv_engine_new(&opt, err, sizeof(err)) == NULL && err[0] != '\0',
	   "no resolver and no key file: refused (%s)", err);
	opt.key_file = key_file;
	opt.max_signatures = DKIMV_MAX_SIGNATURES + 1;
	ok(dkimv_engine_new(&opt, err, sizeof(err)) == NULL && err[0] != '\0',
	   "MaxDKIMSignatures over %d: refused (%s)", DKIMV_MAX_SIGNATURES, err);
	is_str(dkimv_result_name(DKIMV_NONE), "none", "name: none");
	is_str(dkimv_result_name(DKIMV_PASS), "pass", "name: pass");
	is_str(dkimv_result_name(DKIMV_FAIL), "fail", "name: fail");
	is_str(dkimv_result_name(DKIMV_NEUTRAL), "neutral", "name: neutral");
	is_str(dkimv_result_name(DKIMV_POLICY), "policy", "name: policy");
	is_str(dkimv_result_name(DKIMV_TEMPERROR), "temperror", "name: temperror");
	is_str(dkimv_result_name(DKIMV_PERMERROR), "permerror", "name: permerror");
}

void test_hostile(struct dkimv_engine *e, DKIM_LIB *lib,
		  const struct testkey *k2048);
void test_limits(struct dkimv_engine *e, const char *key_file, DKIM_LIB *lib,
		 const struct testkey *k2048);

/* main - keys and key file, then every group of cases */
int main(void)
{
	int i;

	signer = testsign_lib();
	for (i = 0; i < NKEYS; i++)
		if (testkey_new(&keys[i], key_bits[i]) < 0) {
			printf("Bail out! cannot make a %u-bit key\n", key_bits[i]);
			return 1;
		}
	if (signer == NULL || write_keys() < 0
	    || (engine = new_engine(0, 0)) == NULL) {
		printf("Bail out! no signer, key file or engine\n");
		return 1;
	}
	test_pass();
	test_fail();
	test_rfc8301();
	test_keys();
	test_cap();
	test_folding();
	test_chunks();
	test_no_final_crlf();
	test_clock();
	test_api();
	test_hostile(engine, signer, &keys[K2048]);
	test_limits(engine, key_file, signer, &keys[K2048]);
	dkimv_engine_free(engine);
	dkim_close(signer);
	for (i = 0; i < NKEYS; i++)
		testkey_free(&keys[i]);
	unlink(key_file);
	return tap_done();
}
