/*
 * tls_suite - what the TLS probes of authmilter-selfcheck offer a
 * server: one OpenSSL client context per kind of probe, and the table of
 * weak cipher families.
 *
 * The contexts are for probing, never for trusting: security level 0
 * and "DEFAULT:@SECLEVEL=0" so that TLS 1.0/1.1 and weak keys can be
 * seen at all (Debian's openssl.cnf would refuse them), and no
 * verification failure stops a handshake (the certificate is judged
 * afterwards). They live in a private OpenSSL library context with the
 * default provider, so neither openssl.cnf's system defaults nor these
 * settings cross between the probes and the rest of the process.
 *
 * Which weak families this client can offer depends on how libssl was
 * built: Debian 12's has no RC4, DES or 3DES suites (their names are not
 * in libssl.so.3) and OpenSSL 3 has no EXPORT ones at all; the legacy
 * provider brings algorithms, not suites, so it could not add them (and
 * OpenSSL 3.0 leaks a library context on unloading it). tls_suite_ctx
 * says when a family cannot be offered instead of pretending.
 */
#ifndef AUTHMILTER_SC_TLS_SUITE_H
#define AUTHMILTER_SC_TLS_SUITE_H

#include <stddef.h>

#include <openssl/ssl.h>

enum tls_probe_kind {
	TLS_PROBE_CERT,		/* best version the server has, any cipher */
	TLS_PROBE_TLS1_0,	/* TLS 1.0 only */
	TLS_PROBE_TLS1_1,	/* TLS 1.1 only */
	TLS_PROBE_CIPHERS,	/* TLS 1.0-1.2, only the given ciphers */
};

struct tls_family {
	const char *name;	/* for evidence: "anonymous (aNULL)" */
	const char *ciphers;	/* OpenSSL cipher string */
};

extern const struct tls_family tls_weak_families[];
extern const size_t tls_weak_family_count;

/* A private OpenSSL library context for the probes. */
struct tls_suite {
	void *libctx;		/* OSSL_LIB_CTX * */
	void *provider;		/* OSSL_PROVIDER *, the default one */
};

/* tls_suite_open - load the providers; 0, or -1 with WHY */
int tls_suite_open(struct tls_suite *s, char *why, size_t len);
void tls_suite_close(struct tls_suite *s);

/* tls_suite_ctx - a client context for a probe of KIND (CIPHERS only
 * for TLS_PROBE_CIPHERS). NULL with the reason in WHY: for a cipher
 * family, "this client cannot offer ..." when libssl has none of it. */
SSL_CTX *tls_suite_ctx(struct tls_suite *s, enum tls_probe_kind kind,
		       const char *ciphers, char *why, size_t len);

/* tls_suite_offerable - the names of the weak families this client can
 * offer, comma-separated, into OUT (for the report and the man page) */
void tls_suite_offerable(struct tls_suite *s, char *out, size_t len);

#endif
