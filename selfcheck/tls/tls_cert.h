/*
 * tls_cert - what is wrong with the certificate an SMTP server presents
 * after STARTTLS: expired or not yet valid, expiring soon, self-signed,
 * an RSA key under 2048 bits, or no name the server is known by.
 *
 * Pure functions on an X509 (unit tests build certificates in memory);
 * the time of judgement is a parameter. An unknown CA is deliberately
 * not a finding: most MX hosts are reached opportunistically, and the
 * ids above say what a sender would actually trip over. Any caller.
 */
#ifndef AUTHMILTER_SC_TLS_CERT_H
#define AUTHMILTER_SC_TLS_CERT_H

#include <stddef.h>
#include <time.h>

#include <openssl/x509.h>

#define TLS_CERT_EXPIRING_DAYS 14
#define TLS_CERT_MIN_RSA_BITS 2048
#define TLS_CERT_MAX_NAMES 16	/* SAN names shown in evidence */

#define TLS_CERT_EXPIRED	0x01	/* notAfter is past */
#define TLS_CERT_NOT_YET_VALID	0x02	/* notBefore is ahead */
#define TLS_CERT_EXPIRING	0x04	/* under TLS_CERT_EXPIRING_DAYS left */
#define TLS_CERT_SELF_SIGNED	0x08
#define TLS_CERT_WEAK_KEY	0x10	/* RSA under TLS_CERT_MIN_RSA_BITS */
#define TLS_CERT_NAME_MISMATCH	0x20	/* names given, none matches */
#define TLS_CERT_BAD_TIME	0x40	/* a validity time OpenSSL cannot read */

struct tls_cert_facts {
	int flags;
	long long secs_left;		/* until notAfter; negative if past */
	int key_bits;
	char key_type[16];		/* "RSA", "EC", "ED25519", ... */
	char subject[256], issuer[256];
	char not_before[32], not_after[32];	/* ISO 8601 */
	char names[512];		/* subjectAltName DNS names */
	char matched[256];		/* the name that matched, if any */
};

/* tls_cert_judge - judge X at time NOW. NAMES (NNAMES, NULL or empty
 * entries skipped) are the names the server goes by: one of them must
 * match (X509_check_host: subjectAltName, wildcards; no name given: no
 * name check). VERIFY is SSL_get_verify_result()'s value, or -1 when
 * there was no verification. Returns OUT->flags. */
int tls_cert_judge(X509 *x, time_t now, const char *const *names,
		   size_t nnames, long verify, struct tls_cert_facts *out);

/* tls_cert_describe - subject, issuer, validity, names and key of F as
 * evidence lines, into OUT */
void tls_cert_describe(const struct tls_cert_facts *f, char *out, size_t len);

#endif
