/*
 * fuzz_dkim_verify - a whole message through policy/dkim_verify.
 *
 * The input is a message: header fields up to the first empty line (LF
 * or CRLF; folded lines stay in the value; a NUL ends a value, as a C
 * string from the MTA would), then the body, raw. Keys come from a key
 * file with the RFC 8463 keys (football.example.com: brisbane, Ed25519;
 * test, RSA-1024), the Mail::DKIM Ed25519 key (wander.science), a 512-bit
 * key, a revoked key and a broken record, so signed seeds verify and
 * mutations reach every branch of the judgement; and the key record at
 * fuzz._domainkey.football.example.com is the value of the message's
 * last X-Fuzz-Key field (line breaks made spaces), so key records, which
 * the signer's DNS controls, are fuzzed too. The message is verified
 * twice, the body once whole and once in small pieces, and the two
 * results must be the same; then the results must be in range: one entry
 * per DKIM-Signature field up to DKIMV_MAX_SIGNATURES, the count past the
 * cap in "ignored", every string terminated and printable, and no pass
 * for rsa-sha1, for an RSA key under 1024 bits or with a reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "policy/dkim_verify.h"
#include "tests/lib/fuzzcheck.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)
#define MAX_FIELDS 256
#define FIXED_TIME 1731542400

static const char keys[] =
	"brisbane._domainkey.football.example.com v=DKIM1; k=ed25519; "
	"p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
	"test._domainkey.football.example.com v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3"
	"DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQi"
	"Y/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4h"
	"stT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB\n"
	"2023-05-ed25519._domainkey.wander.science v=DKIM1; k=ed25519; "
	"p=pP+YUyRjAvKha4Oc49KAY703oLUS1NLMEuGD3IHMKww=\n"
	"test1._domainkey.messiah.edu v=DKIM1; t=y; s=email; p=MFwwDQYJKoZIhvcNAQ"
	"EBBQADSwAwSAJBALgSoqXVSEmfcIsOzw7oRuCCOwsmtX/SJnTWxYyj2leFxfS/AVJ+dYfY+h"
	"XqMsT7l+MZvvh/R1WzN4MO/kI/7XsCAwEAAQ==\n"
	"revoked._domainkey.football.example.com v=DKIM1; k=rsa; p=\n"
	"broken._domainkey.football.example.com v=DKIM1; k=rsa; h=md5; p=!!\n";

static struct dkimv_engine *engine;
static char key_file[] = "/tmp/fuzz_dkim_verify.XXXXXX";
static int key_fd = -1;

/* cleanup - the key file goes with the process */
static void cleanup(void)
{
	dkimv_engine_free(engine);
	close(key_fd);
	unlink(key_file);
}

/* write_keys - the fixed keys, then the fuzzed record (NULL: none) */
static void write_keys(const char *record)
{
	static const char name[] = "fuzz._domainkey.football.example.com ";
	size_t len = sizeof(keys) - 1;

	CHECK(ftruncate(key_fd, 0) == 0 && lseek(key_fd, 0, SEEK_SET) == 0);
	CHECK(write(key_fd, keys, len) == (ssize_t) len);
	if (record == NULL)
		return;
	len = strlen(record);
	CHECK(write(key_fd, name, sizeof(name) - 1)
	      == (ssize_t) (sizeof(name) - 1));
	CHECK(write(key_fd, record, len) == (ssize_t) len);
	CHECK(write(key_fd, "\n", 1) == 1);
}

/* setup - the engine, once */
static void setup(void)
{
	struct dkimv_options opt;
	char err[256];

	key_fd = mkstemp(key_file);
	CHECK(key_fd >= 0);
	write_keys(NULL);
	memset(&opt, 0, sizeof(opt));
	opt.key_file = key_file;
	opt.fixed_time = FIXED_TIME;
	engine = dkimv_engine_new(&opt, err, sizeof(err));
	CHECK(engine != NULL);
	atexit(cleanup);
}

/* A message cut into C strings. */
struct msg {
	char *name[MAX_FIELDS];
	char *value[MAX_FIELDS];
	size_t nfields;
	size_t nsigs;               /* DKIM-Signature fields among them */
	char *key;                  /* the last X-Fuzz-Key value, one line */
	const unsigned char *body;
	size_t bodylen;
};

/* cstr - LEN octets as a string, cut at a NUL */
static char *cstr(const unsigned char *p, size_t len)
{
	char *s = malloc(len + 1);

	CHECK(s != NULL);
	memcpy(s, p, len);
	s[len] = '\0';
	return s;
}

/* add_field - the field P..END (folding kept) */
static void add_field(struct msg *m, const unsigned char *p,
		      const unsigned char *end)
{
	const unsigned char *colon = memchr(p, ':', (size_t) (end - p));

	if (colon == NULL || m->nfields >= MAX_FIELDS)
		return;
	m->name[m->nfields] = cstr(p, (size_t) (colon - p));
	m->value[m->nfields] = cstr(colon + 1, (size_t) (end - colon - 1));
	if (strcasecmp(m->name[m->nfields], "DKIM-Signature") == 0)
		m->nsigs++;
	if (strcasecmp(m->name[m->nfields], "X-Fuzz-Key") == 0) {
		char *k;

		free(m->key);
		m->key = strdup(m->value[m->nfields]);
		CHECK(m->key != NULL);
		for (k = m->key; *k != '\0'; k++)
			if (*k == '\r' || *k == '\n')
				*k = ' ';
	}
	m->nfields++;
}

/* split - fields, then the body */
static void split(const unsigned char *data, size_t size, struct msg *m)
{
	const unsigned char *p = data, *end = data + size, *lf, *start = NULL;
	const unsigned char *stop = NULL, *cend;

	memset(m, 0, sizeof(*m));
	while (p < end) {
		lf = memchr(p, '\n', (size_t) (end - p));
		if (lf == NULL)
			lf = end;
		cend = lf > p && lf[-1] == '\r' ? lf - 1 : lf;
		if ((*p == ' ' || *p == '\t') && start != NULL) {
			stop = cend;
		} else {
			if (start != NULL)
				add_field(m, start, stop);
			start = NULL;
			if (cend == p) {
				p = lf < end ? lf + 1 : end;
				break;
			}
			start = p;
			stop = cend;
		}
		p = lf < end ? lf + 1 : end;
	}
	if (start != NULL)
		add_field(m, start, stop);
	m->body = p;
	m->bodylen = (size_t) (end - p);
}

/* verify - one run; the body in CHUNK-octet pieces (0: whole) */
static void verify(const struct msg *m, size_t chunk,
		   struct dkimv_results *out)
{
	struct dkimv_check *c = dkimv_check_new(engine, "fuzz");
	size_t i, off, n;

	CHECK(c != NULL);
	for (i = 0; i < m->nfields; i++)
		CHECK(dkimv_check_header(c, m->name[i], m->value[i]) == 0);
	if (chunk == 0)
		chunk = m->bodylen;
	for (off = 0; off < m->bodylen; off += n) {
		n = m->bodylen - off < chunk ? m->bodylen - off : chunk;
		CHECK(dkimv_check_body(c, m->body + off, n) == 0);
	}
	CHECK(dkimv_check_eom(c, out) == 0);
	dkimv_check_free(c);
}

/* in_range - what the milter will print and decide on */
static void in_range(const struct dkimv_signature *s)
{
	CHECK(s->result >= DKIMV_PASS && s->result <= DKIMV_PERMERROR);
	fuzz_printable(s->d, sizeof(s->d), 0x21);
	fuzz_printable(s->i, sizeof(s->i), 0x21);
	fuzz_printable(s->s, sizeof(s->s), 0x21);
	fuzz_printable(s->a, sizeof(s->a), 0x21);
	fuzz_printable(s->b, sizeof(s->b), 0x21);
	fuzz_printable(s->reason, sizeof(s->reason), 0x20);
	if (s->result == DKIMV_PASS) {
		CHECK(s->reason[0] == '\0' && s->d[0] != '\0');
		CHECK(strcmp(s->a, "rsa-sha256") == 0
		      || strcmp(s->a, "ed25519-sha256") == 0);
		CHECK(strcmp(s->a, "ed25519-sha256") == 0 || s->key_bits >= 1024);
	} else {
		CHECK(s->reason[0] != '\0');
	}
}

/* same - the two runs agree on every signature */
static void same(const struct dkimv_results *a, const struct dkimv_results *b)
{
	size_t i;

	CHECK(a->count == b->count && a->ignored == b->ignored);
	for (i = 0; i < a->count; i++) {
		CHECK(a->sig[i].result == b->sig[i].result);
		CHECK(a->sig[i].key_bits == b->sig[i].key_bits);
		CHECK(strcmp(a->sig[i].reason, b->sig[i].reason) == 0);
		CHECK(strcmp(a->sig[i].d, b->sig[i].d) == 0);
		CHECK(strcmp(a->sig[i].b, b->sig[i].b) == 0);
	}
}

/* LLVMFuzzerTestOneInput - verify twice, compare, check the ranges */
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct dkimv_results whole, pieces;
	struct msg m;
	size_t i, want;

	if (engine == NULL)
		setup();
	split(data, size, &m);
	write_keys(m.key);
	verify(&m, 0, &whole);
	verify(&m, 1 + size % 13, &pieces);
	want = m.nsigs < DKIMV_MAX_SIGNATURES ? m.nsigs : DKIMV_MAX_SIGNATURES;
	CHECK(whole.count == want);
	CHECK(whole.ignored == (m.nsigs > DKIMV_DEFAULT_MAX_SIGNATURES
				? m.nsigs - DKIMV_DEFAULT_MAX_SIGNATURES : 0));
	for (i = 0; i < whole.count; i++)
		in_range(&whole.sig[i]);
	same(&whole, &pieces);
	for (i = 0; i < m.nfields; i++) {
		free(m.name[i]);
		free(m.value[i]);
	}
	free(m.key);
	return 0;
}
