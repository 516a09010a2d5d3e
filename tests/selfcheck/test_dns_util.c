/*
 * test_dns_util - shared fixture of the dns group's tests; see
 * test_dns_util.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "tests/selfcheck/test_dns_util.h"
#include "tests/lib/tap.h"

struct tdu T;

void tdu_begin(void)
{
	if ((T.z = zone_new()) == NULL) {
		ok(0, "zone_new");
		exit(1);
	}
	zone_client(T.z, &T.dns);
	sc_report_init(&T.r);
}

void tdu_end(void)
{
	zone_free(T.z);
	T.z = NULL;
	sc_report_free(&T.r);
}

void tdu_txt(const char *name, const char *text)
{
	if (zone_add_txt(T.z, name, text, strlen(text)) < 0)
		ok(0, "zone takes TXT at %s", name);
}

void tdu_mx(const char *name, int pref, const char *host)
{
	if (zone_add_mx(T.z, name, pref, host) < 0)
		ok(0, "zone takes MX at %s", name);
}

void tdu_addr(const char *name, const char *ip)
{
	if (zone_add_addr(T.z, name, ip) < 0)
		ok(0, "zone takes %s at %s", ip, name);
}

void tdu_cname(const char *name, const char *target)
{
	if (zone_add_cname(T.z, name, target) < 0)
		ok(0, "zone takes CNAME at %s", name);
}

void tdu_status(const char *name, enum dns_type type, enum dns_status st)
{
	if (zone_add_status(T.z, name, type, st) < 0)
		ok(0, "zone takes a status at %s", name);
}

void tdu_clean(const char *d)
{
	char n[256], key[1024];

	tdu_mx(d, 10, "mx1.example.com");
	tdu_mx(d, 20, "mx2.example.com");
	tdu_addr("mx1.example.com", "192.0.2.10");
	tdu_addr("mx1.example.com", "2001:db8::10");
	tdu_addr("mx2.example.com", "192.0.2.20");
	tdu_txt(d, "v=spf1 mx -all");
	snprintf(key, sizeof(key), "v=DKIM1; k=rsa; p=%s",
		 tdu_rsa_key(2048, 0) ? tdu_rsa_key(2048, 0) : "");
	snprintf(n, sizeof(n), "default._domainkey.%s", d);
	tdu_txt(n, key);
	snprintf(n, sizeof(n), "_dmarc.%s", d);
	snprintf(key, sizeof(key), "v=DMARC1; p=reject; rua=mailto:dmarc@%s; "
		 "ruf=mailto:dmarc-f@%s", d, d);
	tdu_txt(n, key);
	if (zone_add_caa(T.z, d, 0, "issue", "letsencrypt.org") < 0)
		ok(0, "zone takes CAA at %s", d);
	snprintf(n, sizeof(n), "_mta-sts.%s", d);
	tdu_txt(n, "v=STSv1; id=20240101T000000");
	snprintf(n, sizeof(n), "_smtp._tls.%s", d);
	snprintf(key, sizeof(key), "v=TLSRPTv1; rua=mailto:tls@%s", d);
	tdu_txt(n, key);
}

const struct sc_finding *tdu_find(enum sc_id id)
{
	size_t i;

	for (i = 0; i < T.r.n; i++)
		if (T.r.f[i].id == id)
			return &T.r.f[i];
	return NULL;
}

size_t tdu_nfindings(void)
{
	return T.r.n;
}

/* one_line - evidence with its newlines as " | ", so each diagnostic
 * stays one TAP comment line */
static const char *one_line(const char *s, char *buf, size_t len)
{
	size_t o = 0;

	for (; *s != '\0' && o + 4 < len; s++) {
		if (*s == '\n') {
			memcpy(buf + o, " | ", 3);
			o += 3;
		} else {
			buf[o++] = *s;
		}
	}
	buf[o] = '\0';
	return buf;
}

void tdu_dump(void)
{
	char buf[3 * SC_EVIDENCE_MAX];
	size_t i;

	for (i = 0; i < T.r.n; i++)
		diag("  finding %s (%s): %s", T.r.f[i].name,
		     sc_severity_name(T.r.f[i].severity),
		     one_line(T.r.f[i].evidence, buf, sizeof(buf)));
	for (i = 0; i < T.r.nu; i++)
		diag("  unrun %s: %s", T.r.u[i].check, T.r.u[i].why);
	if (T.r.n == 0 && T.r.nu == 0)
		diag("  (report empty)");
}

int tdu_expect(enum sc_id id, int want, const char *what)
{
	int got = sc_has(&T.r, id) != 0;

	/* TDU_VERBOSE=1 shows every report, to read the evidence */
	if (!ok(got == want, "%s: %s %s", what, want ? "reports" : "no",
		sc_catalog[id].name)
	    || getenv("TDU_VERBOSE") != NULL)
		tdu_dump();
	return got == want;
}

int tdu_evidence_has(enum sc_id id, const char *text, const char *what)
{
	const struct sc_finding *f = tdu_find(id);
	int held = f != NULL && strstr(f->evidence, text) != NULL;

	if (!ok(held, "%s: %s evidence says \"%s\"", what,
		sc_catalog[id].name, text))
		tdu_dump();
	return held;
}

int tdu_unrun(const char *check, int want, const char *what)
{
	size_t i;
	int got = 0;

	for (i = 0; i < T.r.nu; i++)
		if (strcmp(T.r.u[i].check, check) == 0)
			got = 1;
	if (!want)
		got = T.r.nu > 0;
	if (!ok(got == want, "%s: %s", what, want ? check : "nothing unrun"))
		tdu_dump();
	return got == want;
}

/* keys - generated once per size and form: 2048-bit generation is slow
 * under the sanitizers */
static struct {
	int bits, pkcs1;
	char b64[1200];
} keys[8];

const char *tdu_rsa_key(int bits, int pkcs1)
{
	unsigned char *der = NULL;
	EVP_PKEY *pk;
	size_t i;
	int n;

	for (i = 0; i < 8 && keys[i].bits != 0; i++)
		if (keys[i].bits == bits && keys[i].pkcs1 == pkcs1)
			return keys[i].b64;
	if (i == 8 || (pk = EVP_RSA_gen((unsigned) bits)) == NULL)
		return NULL;
	n = pkcs1 ? i2d_PublicKey(pk, &der) : i2d_PUBKEY(pk, &der);
	EVP_PKEY_free(pk);
	if (n <= 0 || (size_t) n > (sizeof(keys[i].b64) - 1) / 4 * 3) {
		OPENSSL_free(der);
		return NULL;
	}
	EVP_EncodeBlock((unsigned char *) keys[i].b64, der, n);
	OPENSSL_free(der);
	keys[i].bits = bits;
	keys[i].pkcs1 = pkcs1;
	return keys[i].b64;
}
