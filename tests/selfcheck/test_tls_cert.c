/* test_tls_cert - the certificate checks on certificates made here in
 * memory: expired, not yet valid, expiring at the 14-day edge,
 * self-signed (and what only looks self-signed), 1024-bit RSA next to
 * 2048-bit RSA and P-256, names in subjectAltName, wildcards, CN only,
 * a NUL in a name, and hostile ones: 100 names, an unreadable date,
 * control octets in the subject. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include "tests/lib/tap.h"
#include "selfcheck/tls/tls_cert.h"

#define DAY 86400L

static EVP_PKEY *rsa1024, *rsa2048, *ec256, *ca_key;
static time_t now;

/* The making of one certificate. */
struct spec {
	const char *cn;			/* subject CN */
	const char *san;		/* "DNS:a,DNS:b" or NULL */
	long from, to;			/* validity, seconds from NOW */
	EVP_PKEY *key;			/* its key */
	EVP_PKEY *signer;		/* NULL: self-signed */
	const char *issuer_cn;		/* NULL: "Test CA" (or CN if self) */
};

static X509 *make(const struct spec *s)
{
	X509 *x = X509_new();
	X509_NAME *subj = X509_NAME_new(), *iss = X509_NAME_new();
	const char *icn = s->issuer_cn ? s->issuer_cn
		: s->signer ? "Test CA" : s->cn;
	X509V3_CTX v3;
	X509_EXTENSION *ext;

	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 1);
	X509_NAME_add_entry_by_txt(subj, "CN", MBSTRING_ASC,
				   (const unsigned char *) s->cn, -1, -1, 0);
	X509_NAME_add_entry_by_txt(iss, "CN", MBSTRING_ASC,
				   (const unsigned char *) icn, -1, -1, 0);
	X509_set_subject_name(x, subj);
	X509_set_issuer_name(x, iss);
	X509_time_adj_ex(X509_getm_notBefore(x), 0, s->from, &now);
	X509_time_adj_ex(X509_getm_notAfter(x), 0, s->to, &now);
	X509_set_pubkey(x, s->key);
	if (s->san != NULL) {
		X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
		ext = X509V3_EXT_conf_nid(NULL, &v3, NID_subject_alt_name, s->san);
		X509_add_ext(x, ext, -1);
		X509_EXTENSION_free(ext);
	}
	X509_sign(x, s->signer ? s->signer : s->key, EVP_sha256());
	X509_NAME_free(subj);
	X509_NAME_free(iss);
	return x;
}

/* judge - the flags of S's certificate for NAMES */
static int judge(const struct spec *s, const char *const *names, size_t n,
		 long verify, struct tls_cert_facts *f)
{
	X509 *x = make(s);
	int flags = tls_cert_judge(x, now, names, n, verify, f);

	X509_free(x);
	return flags;
}

static const char *const mx[] = { "mx.example.org" };

static void validity(void)
{
	struct tls_cert_facts f;
	struct spec s = { "mx.example.org", "DNS:mx.example.org", -DAY, 90 * DAY,
			  NULL, NULL, NULL };

	s.key = rsa2048;
	s.signer = ca_key;
	is_int(judge(&s, mx, 1, -1, &f), 0, "a good certificate: nothing to say");
	ok(f.secs_left > 89 * DAY && f.secs_left <= 90 * DAY, "seconds left counted");
	s.to = -DAY;
	is_int(judge(&s, mx, 1, -1, &f), TLS_CERT_EXPIRED, "expired yesterday");
	ok(f.secs_left <= -DAY + 1, "negative time left");
	s.from = -10 * DAY;
	s.to = -1;
	is_int(judge(&s, mx, 1, -1, &f), TLS_CERT_EXPIRED, "expired a second ago");
	s.from = DAY;
	s.to = 90 * DAY;
	is_int(judge(&s, mx, 1, -1, &f), TLS_CERT_NOT_YET_VALID, "valid from tomorrow");
	s.from = -DAY;
	s.to = 13 * DAY;
	is_int(judge(&s, mx, 1, -1, &f), TLS_CERT_EXPIRING, "13 days left");
	s.to = 14 * DAY - 60;
	is_int(judge(&s, mx, 1, -1, &f), TLS_CERT_EXPIRING, "a minute under 14 days");
	s.to = 14 * DAY + 60;
	is_int(judge(&s, mx, 1, -1, &f), 0, "a minute over 14 days");
	s.to = 15 * DAY;
	is_int(judge(&s, mx, 1, -1, &f), 0, "15 days left");
}

static void self_signed(void)
{
	struct tls_cert_facts f;
	struct spec s = { "mx.example.org", "DNS:mx.example.org", -DAY, 90 * DAY,
			  NULL, NULL, NULL };

	s.key = rsa2048;
	is_int(judge(&s, mx, 1, -1, &f), TLS_CERT_SELF_SIGNED, "self-signed");
	is_int(judge(&s, mx, 1, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, &f),
	       TLS_CERT_SELF_SIGNED, "self-signed, and the verifier says so");
	s.signer = ca_key;
	is_int(judge(&s, mx, 1, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, &f), 0,
	       "signed by an unknown CA: not a finding");
	is_int(judge(&s, mx, 1, X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, &f),
	       TLS_CERT_SELF_SIGNED, "the verifier's word is taken");
	s.issuer_cn = "mx.example.org";
	is_int(judge(&s, mx, 1, -1, &f), 0,
	       "issuer name = subject, signed by another key: not self-signed");
}

static void keys(void)
{
	struct tls_cert_facts f;
	struct spec s = { "mx.example.org", "DNS:mx.example.org", -DAY, 90 * DAY,
			  NULL, NULL, NULL };

	s.signer = ca_key;
	s.key = rsa1024;
	is_int(judge(&s, mx, 1, -1, &f), TLS_CERT_WEAK_KEY, "RSA 1024: weak");
	is_str(f.key_type, "RSA", "RSA 1024: type");
	is_int(f.key_bits, 1024, "RSA 1024: bits");
	s.key = rsa2048;
	is_int(judge(&s, mx, 1, -1, &f), 0, "RSA 2048: fine");
	s.key = ec256;
	is_int(judge(&s, mx, 1, -1, &f), 0, "EC P-256: fine");
	is_str(f.key_type, "EC", "EC: type");
	is_int(f.key_bits, 256, "EC: bits");
	s.key = rsa1024;
	s.signer = NULL;
	s.to = -DAY;
	is_int(judge(&s, mx, 1, -1, &f),
	       TLS_CERT_WEAK_KEY | TLS_CERT_SELF_SIGNED | TLS_CERT_EXPIRED,
	       "the lab's bad certificate: all three at once");
}

static void names(void)
{
	static const struct {
		const char *name, *cn, *san;
		const char *names[2];
		int mismatch;
	} rows[] = {
		{ "SAN, exact", "x", "DNS:mx.example.org", { "mx.example.org", NULL }, 0 },
		{ "SAN, case and trailing dot", "x", "DNS:mx.example.org",
		  { "MX.Example.ORG.", NULL }, 0 },
		{ "wildcard", "x", "DNS:*.example.org", { "mx.example.org", NULL }, 0 },
		{ "wildcard covers one label only", "x", "DNS:*.example.org",
		  { "a.mx.example.org", NULL }, 1 },
		{ "wildcard does not cover the domain", "x", "DNS:*.example.org",
		  { "example.org", NULL }, 1 },
		{ "second SAN", "x", "DNS:a.example,DNS:mx.example.org",
		  { "mx.example.org", NULL }, 0 },
		{ "CN only", "mx.example.org", NULL, { "mx.example.org", NULL }, 0 },
		{ "CN is not read when there is a SAN", "mx.example.org",
		  "DNS:other.example", { "mx.example.org", NULL }, 1 },
		{ "either name will do (greeting, EHLO)", "x", "DNS:mx.example.org",
		  { "wrong.example", "mx.example.org" }, 0 },
		{ "neither name", "x", "DNS:mx.example.org",
		  { "wrong.example", "other.example" }, 1 },
		{ "no name to check", "x", "DNS:mx.example.org", { "", NULL }, 0 },
		{ "an address literal is no host name", "x", "DNS:mx.example.org",
		  { "[192.0.2.1]", NULL }, 1 },
		{ "suffix is not a match", "x", "DNS:evilmx.example.org",
		  { "mx.example.org", NULL }, 1 },
	};
	struct tls_cert_facts f;
	struct spec s = { NULL, NULL, -DAY, 90 * DAY, NULL, NULL, NULL };
	size_t i;

	s.key = rsa2048;
	s.signer = ca_key;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		s.cn = rows[i].cn;
		s.san = rows[i].san;
		is_int(judge(&s, rows[i].names, 2, -1, &f) & TLS_CERT_NAME_MISMATCH,
		       rows[i].mismatch ? TLS_CERT_NAME_MISMATCH : 0, "name: %s",
		       rows[i].name);
	}
	s.cn = "x";
	s.san = "DNS:*.example.org";
	judge(&s, mx, 1, -1, &f);
	is_str(f.matched, "mx.example.org", "the matching name is kept");
}

/* nul_san - a SAN dNSName "mx.example.org\0.evil.example" */
static void nul_san(void)
{
	static const char name[] = "mx.example.org\0.evil.example";
	struct spec s = { "x", NULL, -DAY, 90 * DAY, NULL, NULL, NULL };
	GENERAL_NAMES *gens = GENERAL_NAMES_new();
	GENERAL_NAME *g = GENERAL_NAME_new();
	ASN1_IA5STRING *ia5 = ASN1_IA5STRING_new();
	struct tls_cert_facts f;
	X509 *x;

	s.key = rsa2048;
	s.signer = ca_key;
	x = make(&s);
	ASN1_STRING_set(ia5, name, sizeof(name) - 1);
	GENERAL_NAME_set0_value(g, GEN_DNS, ia5);
	sk_GENERAL_NAME_push(gens, g);
	X509_add1_ext_i2d(x, NID_subject_alt_name, gens, 0, 0);
	X509_sign(x, ca_key, EVP_sha256());
	is_int(tls_cert_judge(x, now, mx, 1, -1, &f) & TLS_CERT_NAME_MISMATCH,
	       TLS_CERT_NAME_MISMATCH, "a NUL inside a SAN name does not match");
	is_str(f.names, "mx.example.org?.evil.example", "the NUL is shown, not obeyed");
	GENERAL_NAMES_free(gens);
	X509_free(x);
}

static void hostile(void)
{
	struct spec s = { "x", NULL, -DAY, 90 * DAY, NULL, NULL, NULL };
	struct tls_cert_facts f;
	char san[100 * 24], desc[2048];
	size_t i, o = 0;
	ASN1_TIME *bad;
	X509 *x;

	for (i = 0; i < 100; i++)
		o += (size_t) snprintf(san + o, sizeof(san) - o, "%sDNS:n%zu.example",
				       i ? "," : "", i);
	s.key = rsa2048;
	s.signer = ca_key;
	s.san = san;
	judge(&s, mx, 1, -1, &f);
	ok(strstr(f.names, "n15.example") != NULL && strstr(f.names, "n16.example") == NULL,
	   "100 SAN names: %d shown", TLS_CERT_MAX_NAMES);
	s.san = NULL;
	s.cn = "mx\x01\x1b[31m.example";
	judge(&s, mx, 1, -1, &f);
	ok(strchr(f.subject, 0x1b) == NULL && strchr(f.subject, 0x01) == NULL,
	   "control octets in the subject are not copied: %s", f.subject);
	/* a date OpenSSL cannot read */
	s.cn = "mx.example.org";
	x = make(&s);
	bad = ASN1_UTCTIME_new();
	ASN1_STRING_set(bad, "99999999999Z", 12);
	X509_set1_notAfter(x, bad);
	is_int(tls_cert_judge(x, now, mx, 1, -1, &f) & (TLS_CERT_BAD_TIME | TLS_CERT_EXPIRING),
	       TLS_CERT_BAD_TIME, "an unreadable notAfter is a flag, never 'valid'");
	tls_cert_describe(&f, desc, sizeof(desc));
	ok(strstr(desc, "key: RSA, 2048 bits") != NULL, "description: the key");
	ok(strstr(desc, "subject: CN=mx.example.org") != NULL, "description: the subject");
	ok(strstr(desc, "issuer: CN=Test CA") != NULL, "description: the issuer");
	tls_cert_describe(&f, desc, 20);
	is_int((long) strlen(desc), 19, "description cut to its buffer");
	ASN1_UTCTIME_free(bad);
	X509_free(x);
}

int main(void)
{
	now = time(NULL);
	rsa1024 = EVP_RSA_gen(1024);
	rsa2048 = EVP_RSA_gen(2048);
	ca_key = EVP_RSA_gen(2048);
	ec256 = EVP_EC_gen("P-256");
	if (rsa1024 == NULL || rsa2048 == NULL || ca_key == NULL || ec256 == NULL) {
		diag("cannot make test keys");
		return 1;
	}
	validity();
	self_signed();
	keys();
	names();
	nul_san();
	hostile();
	EVP_PKEY_free(rsa1024);
	EVP_PKEY_free(rsa2048);
	EVP_PKEY_free(ca_key);
	EVP_PKEY_free(ec256);
	return tap_done();
}
