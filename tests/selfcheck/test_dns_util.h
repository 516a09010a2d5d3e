/*
 * test_dns_util - what the dns group's unit tests share: one in-process
 * zone and one report per case, assertions on finding ids and unrun
 * entries (the report is printed as TAP diagnostics when one fails),
 * the clean domain of the issue, and RSA keys made with OpenSSL.
 */
#ifndef AUTHMILTER_TEST_DNS_UTIL_H
#define AUTHMILTER_TEST_DNS_UTIL_H

#include "policy/dns.h"
#include "selfcheck/core/finding.h"
#include "tests/lib/zone.h"

struct tdu {
	struct zone *z;
	struct dns_client dns;
	struct sc_report r;
};

extern struct tdu T;

/* tdu_begin - a fresh zone and report in T; tdu_end frees them. */
void tdu_begin(void);
void tdu_end(void);

/* Zone building; a failure is a failed test case. */
void tdu_txt(const char *name, const char *text);
void tdu_mx(const char *name, int pref, const char *host);
void tdu_addr(const char *name, const char *ip);
void tdu_cname(const char *name, const char *target);
void tdu_status(const char *name, enum dns_type type, enum dns_status st);

/* tdu_clean - the clean domain D: two MX of distinct preference
 * with addresses, "v=spf1 mx -all", a 2048-bit RSA key at default._
 * domainkey, DMARC p=reject with rua and ruf at D, CAA, MTA-STS and
 * TLS-RPT. */
void tdu_clean(const char *d);

/* tdu_expect - one case: finding ID is (WANT 1) or is not (WANT 0) in
 * the report. Returns whether it held. */
int tdu_expect(enum sc_id id, int want, const char *what);

/* tdu_find - the first finding ID, or NULL. */
const struct sc_finding *tdu_find(enum sc_id id);

/* tdu_evidence_has - one case: finding ID's evidence contains TEXT. */
int tdu_evidence_has(enum sc_id id, const char *text, const char *what);

/* tdu_unrun - one case: an unrun entry for CHECK exists (WANT 1) or no
 * unrun entry at all exists (WANT 0, CHECK ignored). */
int tdu_unrun(const char *check, int want, const char *what);

/* tdu_nfindings - findings in the report. */
size_t tdu_nfindings(void);

/* tdu_dump - the report as diagnostics. */
void tdu_dump(void);

/* tdu_rsa_key - base64 of a new RSA public key of BITS bits, as a
 * SubjectPublicKeyInfo or (PKCS1) an RSAPublicKey; NULL on failure.
 * Static storage, valid until the next call with the same arguments. */
const char *tdu_rsa_key(int bits, int pkcs1);

#endif
