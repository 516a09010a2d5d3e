/*
 * testsign - the one DKIM test signer: keys made at test time
 * (libcrypto), messages split into fields the way an MTA hands them to a
 * milter, signing with libopendkim, and feeding a message to a check.
 *
 * For tests only: the unit tests and conformance runner in C
 * (test_dkim_verify, dkim_dns_check, dkim_suite, bench/dkimwork) and,
 * through tests/lib/dkimsign, the shell scripts, so that every signed
 * test message is made by the same code. Inputs are the tests' own files
 * and strings, but nothing here assumes they are well formed.
 */
#ifndef AUTHMILTER_TEST_TESTSIGN_H
#define AUTHMILTER_TEST_TESTSIGN_H

#include <stddef.h>
#include <stdint.h>

#include <dkim.h>

#include "dkim_verify.h"

#define TMSG_MAX_FIELDS 128

/* A message as a milter sees it: fields in order, the value as written
 * after the colon (leading space and folding kept), and the body. */
struct tmsg {
	size_t nfields;
	char *name[TMSG_MAX_FIELDS];
	char *value[TMSG_MAX_FIELDS];
	char *body;
	size_t bodylen;
};

/* tmsg_parse - split TEXT (LEN octets; lines end in CRLF or LF). With
 * CRLF_BODY set, bare LFs in the body become CRLF (LF-only files).
 * Lines in the header that are not fields (no colon) are skipped.
 * Returns 0, or -1 (too many fields, memory). */
int tmsg_parse(const char *text, size_t len, int crlf_body, struct tmsg *m);
void tmsg_free(struct tmsg *m);

/* tmsg_add_field - insert NAME: VALUE (VALUE taken as given) at POS. */
int tmsg_add_field(struct tmsg *m, size_t pos, const char *name,
		   const char *value);

/* tmsg_read_file - a whole file into memory (NUL added); NULL on error. */
char *tmsg_read_file(const char *path, size_t *len);

/* tmsg_feed - every field, then the body in CHUNK-octet pieces (0: one
 * piece), then eom into OUT. Returns what the first failing call
 * returned, or eom's status. */
int tmsg_feed(struct dkimv_check *c, const struct tmsg *m, size_t chunk,
	      struct dkimv_results *out);

/* A key pair made at test time. */
struct testkey {
	char *pem;                  /* private key, PEM */
	char *pub;                  /* p= value: base64 SPKI (RSA) or the raw
	                             * 32-octet key (Ed25519) */
	unsigned bits;              /* RSA modulus size; 0 for Ed25519 */
};

/* testkey_new - RSA of RSA_BITS, or Ed25519 when RSA_BITS is 0. */
int testkey_new(struct testkey *k, unsigned rsa_bits);
void testkey_free(struct testkey *k);

/* testkey_record - "v=DKIM1; k=rsa; p=..." (or k=ed25519) in BUF. */
void testkey_record(const struct testkey *k, char *buf, size_t buflen);

/* What to sign with. */
struct signreq {
	const char *selector;
	const char *domain;
	const struct testkey *key;
	dkim_alg_t alg;             /* DKIM_SIGN_RSASHA256, ... */
	dkim_canon_t hcanon, bcanon;
	const char *identity;       /* i=, or NULL */
	uint64_t sign_time;         /* t=; 0: now */
	uint64_t ttl;               /* x= t+ttl; 0: no x= */
	unsigned margin;            /* fold the value at this column, as a
	                             * signer writing the field does (75 is
	                             * libopendkim's default); 0: one line */
};

/* testsign - the DKIM-Signature value for M, with a leading space as an
 * MTA hands it over, on one line (folded with CRLF at R->margin when that
 * is set); malloc'd, NULL on failure (ERR says). */
char *testsign(DKIM_LIB *signer, const struct signreq *r,
	       const struct tmsg *m, char *err, size_t errlen);

/* testsig_wide - a DKIM-Signature value of example.com, selector k2048,
 * with a junk b= (so it is hashed and checked, and fails) and N h=
 * entries: "from", then x-f1, x-f2, ... (the names repeat after x-f996);
 * malloc'd, NULL without memory. */
char *testsig_wide(size_t n);

/* testsign_lib - a DKIM_LIB for signing (minimum key size 512, so the
 * tests can make the short-key signatures the verifier must refuse). */
DKIM_LIB *testsign_lib(void);

#endif
