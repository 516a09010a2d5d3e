/*
 * testsign - keys, messages and signatures for the DKIM tests; see
 * testsign.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "tests/lib/testsign.h"

/*
 * libopendkim 2.11.0~beta2 does not free an Ed25519 signing key with the
 * handle (dkim_free() frees key material only for RSA): about 200 octets
 * per Ed25519 signature made. That is the signing side, which only these
 * tests use; the verifier frees its keys itself. Under LeakSanitizer the
 * signing call is left out of the leak count, so that a leak in the code
 * under test is still reported.
 */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define SIGN_LEAK_BEGIN() __lsan_disable()
#define SIGN_LEAK_END() __lsan_enable()
#else
#define SIGN_LEAK_BEGIN() ((void) 0)
#define SIGN_LEAK_END() ((void) 0)
#endif

/* copy - LEN octets of S as a string */
static char *copy(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (p != NULL) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

/* line_end - the LF ending the line at P, or END */
static const char *line_end(const char *p, const char *end)
{
	const char *lf = memchr(p, '\n', (size_t) (end - p));

	return lf != NULL ? lf : end;
}

/* content_end - the line at P..LF without its CR */
static const char *content_end(const char *p, const char *lf)
{
	return lf > p && lf[-1] == '\r' ? lf - 1 : lf;
}

/* body_copy - the body, bare LFs made CRLF when asked */
static int body_copy(struct tmsg *m, const char *p, const char *end,
		     int crlf)
{
	size_t n = 0;

	if ((m->body = malloc(2 * (size_t) (end - p) + 1)) == NULL)
		return -1;
	for (; p < end; p++) {
		if (crlf && *p == '\n' && (n == 0 || m->body[n - 1] != '\r'))
			m->body[n++] = '\r';
		m->body[n++] = *p;
	}
	m->body[n] = '\0';
	m->bodylen = n;
	return 0;
}

/* add_raw - one field from its text START..STOP (folding kept) */
static int add_raw(struct tmsg *m, const char *start, const char *stop)
{
	const char *colon = memchr(start, ':', (size_t) (stop - start));

	if (colon == NULL)
		return 0;               /* not a field, e.g. an mbox line */
	if (m->nfields >= TMSG_MAX_FIELDS)
		return -1;
	m->name[m->nfields] = copy(start, (size_t) (colon - start));
	m->value[m->nfields] = copy(colon + 1, (size_t) (stop - colon - 1));
	if (m->name[m->nfields] == NULL || m->value[m->nfields] == NULL)
		return -1;
	m->nfields++;
	return 0;
}

/* tmsg_parse - fields up to the first empty line, then the body */
int tmsg_parse(const char *text, size_t len, int crlf_body, struct tmsg *m)
{
	const char *p = text, *end = text + len, *start = NULL, *stop = NULL;
	const char *lf;

	memset(m, 0, sizeof(*m));
	while (p < end) {
		lf = line_end(p, end);
		if (*p == ' ' || *p == '\t') {
			if (start != NULL)
				stop = content_end(p, lf);
		} else {
			if (start != NULL && add_raw(m, start, stop) < 0)
				return -1;
			start = NULL;
			if (content_end(p, lf) == p) {  /* the empty line */
				p = lf < end ? lf + 1 : end;
				break;
			}
			start = p;
			stop = content_end(p, lf);
		}
		p = lf < end ? lf + 1 : end;
	}
	if (start != NULL && add_raw(m, start, stop) < 0)
		return -1;
	return body_copy(m, p, end, crlf_body);
}

/* tmsg_free - all of it */
void tmsg_free(struct tmsg *m)
{
	size_t i;

	for (i = 0; i < m->nfields; i++) {
		free(m->name[i]);
		free(m->value[i]);
	}
	free(m->body);
	memset(m, 0, sizeof(*m));
}

/* tmsg_add_field - as if a signer had prepended (or inserted) it */
int tmsg_add_field(struct tmsg *m, size_t pos, const char *name,
		   const char *value)
{
	size_t i;

	if (m->nfields >= TMSG_MAX_FIELDS || pos > m->nfields)
		return -1;
	for (i = m->nfields; i > pos; i--) {
		m->name[i] = m->name[i - 1];
		m->value[i] = m->value[i - 1];
	}
	m->name[pos] = copy(name, strlen(name));
	m->value[pos] = copy(value, strlen(value));
	m->nfields++;
	return m->name[pos] != NULL && m->value[pos] != NULL ? 0 : -1;
}

/* tmsg_read_file - slurp */
char *tmsg_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0
	    && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t) n + 1)) != NULL) {
		if (fread(buf, 1, (size_t) n, f) != (size_t) n) {
			free(buf);
			buf = NULL;
		} else {
			buf[n] = '\0';
			*len = (size_t) n;
		}
	}
	fclose(f);
	return buf;
}

/* tmsg_feed - as the milter would */
int tmsg_feed(struct dkimv_check *c, const struct tmsg *m, size_t chunk,
	      struct dkimv_results *out)
{
	size_t i, off, n;
	int rc;

	for (i = 0; i < m->nfields; i++)
		if ((rc = dkimv_check_header(c, m->name[i], m->value[i])) != 0)
			return rc;
	if (chunk == 0)
		chunk = m->bodylen;
	for (off = 0; off < m->bodylen; off += n) {
		n = m->bodylen - off < chunk ? m->bodylen - off : chunk;
		rc = dkimv_check_body(c, (const unsigned char *) m->body + off, n);
		if (rc != 0)
			return rc;
	}
	return dkimv_check_eom(c, out);
}

/* base64 - OCTETS as a malloc'd base64 string */
static char *base64(const unsigned char *octets, size_t len)
{
	char *out = malloc(4 * ((len + 2) / 3) + 1);

	if (out != NULL)
		EVP_EncodeBlock((unsigned char *) out, octets, (int) len);
	return out;
}

/* public_part - the p= value of PK */
static char *public_part(EVP_PKEY *pk, int ed25519)
{
	unsigned char raw[64], *der = NULL;
	size_t rawlen = sizeof(raw);
	char *b64;
	int len;

	if (ed25519)
		return EVP_PKEY_get_raw_public_key(pk, raw, &rawlen) == 1
			? base64(raw, rawlen) : NULL;
	if ((len = i2d_PUBKEY(pk, &der)) <= 0)
		return NULL;
	b64 = base64(der, (size_t) len);
	OPENSSL_free(der);
	return b64;
}

/* private_pem - PK as PKCS#8 PEM text */
static char *private_pem(EVP_PKEY *pk)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data, *pem = NULL;
	long len;

	if (bio == NULL)
		return NULL;
	if (PEM_write_bio_PrivateKey(bio, pk, NULL, NULL, 0, NULL, NULL) == 1
	    && (len = BIO_get_mem_data(bio, &data)) > 0)
		pem = copy(data, (size_t) len);
	BIO_free(bio);
	return pem;
}

/* testkey_new - generate */
int testkey_new(struct testkey *k, unsigned rsa_bits)
{
	EVP_PKEY_CTX *ctx;
	EVP_PKEY *pk = NULL;
	int ok;

	memset(k, 0, sizeof(*k));
	ctx = EVP_PKEY_CTX_new_id(rsa_bits ? EVP_PKEY_RSA : EVP_PKEY_ED25519,
				  NULL);
	ok = ctx != NULL && EVP_PKEY_keygen_init(ctx) == 1
		&& (rsa_bits == 0
		    || EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, (int) rsa_bits) == 1)
		&& EVP_PKEY_keygen(ctx, &pk) == 1;
	EVP_PKEY_CTX_free(ctx);
	if (!ok)
		return -1;
	k->pem = private_pem(pk);
	k->pub = public_part(pk, rsa_bits == 0);
	k->bits = rsa_bits;
	EVP_PKEY_free(pk);
	if (k->pem == NULL || k->pub == NULL) {
		testkey_free(k);
		return -1;
	}
	return 0;
}

/* testkey_free - both halves */
void testkey_free(struct testkey *k)
{
	free(k->pem);
	free(k->pub);
	memset(k, 0, sizeof(*k));
}

/* testkey_record - the TXT record text */
void testkey_record(const struct testkey *k, char *buf, size_t buflen)
{
	snprintf(buf, buflen, "v=DKIM1; k=%s; p=%s",
		 k->bits ? "rsa" : "ed25519", k->pub);
}

/* testsign_lib - a signer */
DKIM_LIB *testsign_lib(void)
{
	DKIM_LIB *lib = dkim_init(NULL, NULL);
	u_int bits = 512;

	if (lib != NULL
	    && dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_MINKEYBITS, &bits,
			    sizeof(bits)) != DKIM_STAT_OK) {
		dkim_close(lib);
		return NULL;
	}
	return lib;
}

/* sign_fields - the fields to the signer, rebuilt as the verifier does */
static DKIM_STAT sign_fields(DKIM *d, const struct tmsg *m)
{
	char buf[16384];
	const char *v;
	size_t i, n;
	DKIM_STAT st;

	for (i = 0; i < m->nfields; i++) {
		n = (size_t) snprintf(buf, sizeof(buf), "%s:", m->name[i]);
		for (v = m->value[i]; *v != '\0' && n + 2 < sizeof(buf); v++) {
			if (*v == '\n' && buf[n - 1] != '\r')
				buf[n++] = '\r';
			buf[n++] = *v;
		}
		buf[n] = '\0';
		if ((st = dkim_header(d, (u_char *) buf, n)) != DKIM_STAT_OK)
			return st;
	}
	return DKIM_STAT_OK;
}

/* sign_times - t= and x= (library-wide, so one signature at a time) */
static int sign_times(DKIM_LIB *lib, const struct signreq *r)
{
	uint64_t t = r->sign_time, ttl = r->ttl;

	return dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_FIXEDTIME, &t,
			    sizeof(t)) == DKIM_STAT_OK
		&& dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_SIGNATURETTL, &ttl,
				sizeof(ttl)) == DKIM_STAT_OK ? 0 : -1;
}

/* sign_run - headers, body, eom, then the field value into OUT (with
 * the leading space); 0 or -1 */
static int sign_run(DKIM *d, const struct tmsg *m, char *out, size_t outlen,
		    char *err, size_t errlen)
{
	unsigned char *hdr;
	size_t hlen;
	DKIM_STAT st;

	if ((st = sign_fields(d, m)) != DKIM_STAT_OK
	    || (st = dkim_eoh(d)) != DKIM_STAT_OK
	    || (m->bodylen > 0
		&& (st = dkim_body(d, (u_char *) m->body, m->bodylen))
		   != DKIM_STAT_OK)
	    || (st = dkim_eom(d, NULL)) != DKIM_STAT_OK
	    || (st = dkim_getsighdr_d(d, sizeof(DKIM_SIGNHEADER) + 1, &hdr,
				      &hlen)) != DKIM_STAT_OK) {
		snprintf(err, errlen, "signing: %s (%s)", dkim_getresultstr(st),
			 dkim_geterror(d) ? dkim_geterror(d) : "");
		return -1;
	}
	if (hlen + 2 > outlen) {
		snprintf(err, errlen, "signing: field too long");
		return -1;
	}
	out[0] = ' ';
	memcpy(out + 1, hdr, hlen);
	out[hlen + 1] = '\0';
	return 0;
}

/* testsign - one signature over M */
char *testsign(DKIM_LIB *signer, const struct signreq *r,
	       const struct tmsg *m, char *err, size_t errlen)
{
	char value[8192];
	DKIM_STAT st;
	DKIM *d;
	int rc;

	if (sign_times(signer, r) < 0) {
		snprintf(err, errlen, "signing: time options refused");
		return NULL;
	}
	SIGN_LEAK_BEGIN();
	d = dkim_sign(signer, (const u_char *) "test", NULL,
		      (dkim_sigkey_t) r->key->pem, (const u_char *) r->selector,
		      (const u_char *) r->domain, r->hcanon, r->bcanon, r->alg,
		      -1, &st);
	if (d == NULL) {
		SIGN_LEAK_END();
		snprintf(err, errlen, "dkim_sign: %s", dkim_getresultstr(st));
		return NULL;
	}
	dkim_set_margin(d, (int) r->margin);
	if (r->identity != NULL)
		dkim_set_signer(d, (const u_char *) r->identity);
	rc = sign_run(d, m, value, sizeof(value), err, errlen);
	dkim_free(d);
	SIGN_LEAK_END();
	return rc == 0 ? copy(value, strlen(value)) : NULL;
}

/* testsig_wide - many h= entries, for the work bounds */
char *testsig_wide(size_t n)
{
	char *v = malloc(n * 8 + 128);
	size_t i, o;

	if (v == NULL)
		return NULL;
	o = (size_t) sprintf(v, " v=1; a=rsa-sha256; c=relaxed/relaxed; "
			     "d=example.com; s=k2048; bh=AAAA; b=AAAA; h=from");
	for (i = 1; i < n; i++)
		o += (size_t) sprintf(v + o, ":x-f%zu", i % 997);
	return v;
}
