/*
 * test_dns_dkim - the DKIM key record parser on a table of good and
 * hostile records (NULs, 8-bit octets, bad base64, a 10 KB p=, repeated
 * tags, 33 tags, v= out of place), then the DKIM analysis against zones
 * with RSA keys made here (512, 1024, 2048 bits; SubjectPublicKeyInfo
 * and RSAPublicKey forms), Ed25519, t=y, revoked keys and timeouts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "selfcheck/dns/dns.h"
#include "selfcheck/dns/dns_dkimkey.h"
#include "tests/selfcheck/test_dns_util.h"
#include "tests/lib/tap.h"

#define D "example.com"

/* 32 octets of base64: an Ed25519 key's length (RFC 8463) */
#define ED25519_B64 "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="

static const char *status_name(enum sc_dkim_key_status st)
{
	static const char *const names[] = {
		"ok", "syntax", "repeated", "version", "no_p", "base64", "toolong",
	};

	return (unsigned) st < 7 ? names[st] : "?";
}

struct parse_case {
	const char *text;
	size_t len;                 /* 0: strlen(text) */
	enum sc_dkim_key_status want;
	const char *what;
};

static const struct parse_case cases[] = {
	{ "v=DKIM1; k=rsa; p=QUJDRA==", 0, SC_DKIM_KEY_OK, "plain record" },
	{ "p=QUJDRA==", 0, SC_DKIM_KEY_OK, "p= alone" },
	{ "p=QUJDRA", 0, SC_DKIM_KEY_OK, "p= without padding" },
	{ "p=QU JD\r\n\tRA==", 0, SC_DKIM_KEY_OK, "whitespace inside p=" },
	{ " v = DKIM1 ; p = QUJD ; ", 0, SC_DKIM_KEY_OK, "whitespace around tags" },
	{ "p=QUJD;;", 0, SC_DKIM_KEY_OK, "empty segments" },
	{ "n=a note with spaces; x_y=1; p=QUJD", 0, SC_DKIM_KEY_OK, "unknown tags" },
	{ "v=DKIM1; p=", 0, SC_DKIM_KEY_OK, "revoked" },
	{ "", 0, SC_DKIM_KEY_NO_P, "empty record" },
	{ ";", 0, SC_DKIM_KEY_NO_P, "only a separator" },
	{ "v=DKIM1; k=rsa", 0, SC_DKIM_KEY_NO_P, "no p=" },
	{ "p=abc$def", 0, SC_DKIM_KEY_BASE64, "$ in base64" },
	{ "p=QUJD=", 0, SC_DKIM_KEY_BASE64, "padding after a full quantum" },
	{ "p=QUJDR", 0, SC_DKIM_KEY_BASE64, "one digit left over" },
	{ "p=QU=JD", 0, SC_DKIM_KEY_BASE64, "digits after padding" },
	{ "p=QUJDRA===", 0, SC_DKIM_KEY_BASE64, "three pads" },
	{ "p=QUJD-_", 0, SC_DKIM_KEY_BASE64, "base64url alphabet" },
	{ "p=QUJD\0RA==", 11, SC_DKIM_KEY_SYNTAX, "NUL inside p=" },
	{ "v=DKIM1\0; p=QUJD", 16, SC_DKIM_KEY_SYNTAX, "NUL after v=" },
	{ "p=\xc3\xa9", 0, SC_DKIM_KEY_SYNTAX, "8-bit octets" },
	{ "p=QUJD\x1b[2J", 0, SC_DKIM_KEY_SYNTAX, "terminal escape" },
	{ "1p=QUJD", 0, SC_DKIM_KEY_SYNTAX, "tag name starting with a digit" },
	{ "p", 0, SC_DKIM_KEY_SYNTAX, "no =" },
	{ "=QUJD", 0, SC_DKIM_KEY_SYNTAX, "no tag name" },
	{ "p=QUJD; c", 0, SC_DKIM_KEY_SYNTAX, "a word that is no tag" },
	{ "p=; p=QUJD", 0, SC_DKIM_KEY_REPEATED, "p= twice" },
	{ "v=DKIM1; v=DKIM1; p=", 0, SC_DKIM_KEY_REPEATED, "v= twice" },
	{ "k=rsa; v=DKIM1; p=QUJD", 0, SC_DKIM_KEY_VERSION, "v= not first" },
	{ "v=DKIM2; p=QUJD", 0, SC_DKIM_KEY_VERSION, "v=DKIM2" },
	{ "v=dkim1; p=QUJD", 0, SC_DKIM_KEY_VERSION, "v=dkim1 (case)" },
	{ "v=; p=QUJD", 0, SC_DKIM_KEY_VERSION, "v= empty" },
};

static void test_parse_table(void)
{
	struct sc_dkim_key k;
	char err[96];
	size_t i, len;
	enum sc_dkim_key_status st;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		len = cases[i].len ? cases[i].len : strlen(cases[i].text);
		memset(err, 'x', sizeof(err));
		st = sc_dns_dkimkey_parse(cases[i].text, len, &k, err, sizeof(err));
		is_str(status_name(st), status_name(cases[i].want), "parse: %s",
		       cases[i].what);
		if (st != SC_DKIM_KEY_OK)
			ok(memchr(err, '\0', sizeof(err)) != NULL && err[0] != '\0',
			   "parse: %s: a reason is given", cases[i].what);
	}
}

/* repeat - "p=" and N copies of C, in a buffer of its own */
static char *repeat(size_t n, char c, const char *head)
{
	size_t h = strlen(head);
	char *s = malloc(h + n + 1);

	memcpy(s, head, h);
	memset(s + h, c, n);
	s[h + n] = '\0';
	return s;
}

static void test_parse_bounds(void)
{
	struct sc_dkim_key k;
	char err[96], tags[512];
	size_t n = 0;
	char *s;
	int i;

	s = repeat(10240, 'A', "p=");
	is_str(status_name(sc_dns_dkimkey_parse(s, strlen(s), &k, err, sizeof(err))),
	       "toolong", "parse: p= of 10 KB");
	free(s);
	s = repeat(3464, 'A', "p=");   /* 2598 octets: fits */
	is_str(status_name(sc_dns_dkimkey_parse(s, strlen(s), &k, err, sizeof(err))),
	       "ok", "parse: p= of 2598 octets");
	is_int((long) k.keylen, 2598, "parse: 2598 octets decoded");
	free(s);
	s = repeat(3468, 'A', "p=");   /* 2601 octets */
	is_str(status_name(sc_dns_dkimkey_parse(s, strlen(s), &k, err, sizeof(err))),
	       "toolong", "parse: p= of 2601 octets");
	free(s);
	s = repeat(3466, 'A', "p=");   /* 2599 + 1 from the partial quantum */
	is_str(status_name(sc_dns_dkimkey_parse(s, strlen(s), &k, err, sizeof(err))),
	       "ok", "parse: p= of 2599 octets, unpadded");
	free(s);
	s = repeat(8193, ' ', "p=");
	is_str(status_name(sc_dns_dkimkey_parse(s, strlen(s), &k, err, sizeof(err))),
	       "toolong", "parse: record over 8192 octets");
	free(s);
	for (i = 0; i < 33; i++)
		n += (size_t) snprintf(tags + n, sizeof(tags) - n, "a%d=x;", i);
	snprintf(tags + n, sizeof(tags) - n, "p=");
	is_str(status_name(sc_dns_dkimkey_parse(tags, strlen(tags), &k, err,
						sizeof(err))),
	       "toolong", "parse: 34 tags");
	is_str(status_name(sc_dns_dkimkey_parse("p=QUJD", 6, &k, err, 0)), "ok",
	       "parse: no room for a reason is fine");
}

static void test_parse_flags(void)
{
	struct sc_dkim_key k;
	char err[96];

	sc_dns_dkimkey_parse("v=DKIM1; k=ed25519; p=" ED25519_B64,
			     strlen("v=DKIM1; k=ed25519; p=" ED25519_B64), &k, err,
			     sizeof(err));
	ok(k.k == SC_DKIM_K_ED25519 && k.keylen == 32, "parse: Ed25519 key");
	sc_dns_dkimkey_parse("k=dsa; p=QUJD", 13, &k, err, sizeof(err));
	ok(k.k == SC_DKIM_K_OTHER && strcmp(k.kname, "dsa") == 0,
	   "parse: unknown k=");
	sc_dns_dkimkey_parse("t = y : s ; p=", 14, &k, err, sizeof(err));
	ok(k.testing && k.strict, "parse: t=y:s");
	sc_dns_dkimkey_parse("t=s; p=", 7, &k, err, sizeof(err));
	ok(!k.testing && k.strict, "parse: t=s only");
	sc_dns_dkimkey_parse("t=yes; p=", 9, &k, err, sizeof(err));
	ok(!k.testing, "parse: t=yes is no flag");
	sc_dns_dkimkey_parse("s=email:*; p=", 13, &k, err, sizeof(err));
	ok(k.email, "parse: s=email:*");
	sc_dns_dkimkey_parse("s=tlsrpt; p=", 12, &k, err, sizeof(err));
	ok(!k.email, "parse: s=tlsrpt excludes mail");
	sc_dns_dkimkey_parse("h=sha1; p=", 10, &k, err, sizeof(err));
	ok(!k.sha256, "parse: h=sha1 only");
	sc_dns_dkimkey_parse("p=", 2, &k, err, sizeof(err));
	ok(k.revoked && k.email && k.sha256 && k.k == SC_DKIM_K_RSA,
	   "parse: defaults");
}

static void test_rsa_bits(void)
{
	struct sc_dkim_key k;
	char rec[1200], err[96];
	const char *b64;

	if ((b64 = tdu_rsa_key(1024, 0)) == NULL) {
		ok(0, "OpenSSL makes a 1024-bit key");
		return;
	}
	snprintf(rec, sizeof(rec), "p=%s", b64);
	sc_dns_dkimkey_parse(rec, strlen(rec), &k, err, sizeof(err));
	is_int(sc_dns_dkimkey_rsa_bits(&k), 1024, "bits: SubjectPublicKeyInfo");
	snprintf(rec, sizeof(rec), "p=%s", tdu_rsa_key(1024, 1));
	sc_dns_dkimkey_parse(rec, strlen(rec), &k, err, sizeof(err));
	is_int(sc_dns_dkimkey_rsa_bits(&k), 1024, "bits: RSAPublicKey");
	sc_dns_dkimkey_parse("p=QUJD", 6, &k, err, sizeof(err));
	is_int(sc_dns_dkimkey_rsa_bits(&k), -1, "bits: not DER");
	sc_dns_dkimkey_parse("p=" ED25519_B64, strlen("p=" ED25519_B64), &k, err,
			     sizeof(err));
	is_int(sc_dns_dkimkey_rsa_bits(&k), -1, "bits: Ed25519 octets");
}

/* key_at - a key record of BITS at SEL */
static void key_at(const char *sel, int bits, int pkcs1, const char *extra)
{
	char name[128], rec[1400];

	snprintf(name, sizeof(name), "%s._domainkey." D, sel);
	snprintf(rec, sizeof(rec), "v=DKIM1; k=rsa;%s p=%s", extra,
		 tdu_rsa_key(bits, pkcs1) ? tdu_rsa_key(bits, pkcs1) : "");
	tdu_txt(name, rec);
}

static void run(const char *const *sel, size_t n)
{
	sc_dns_dkim(&T.dns, D, sel, n, &T.r);
}

static void test_missing(void)
{
	static const char *const mine[] = { "sel2024" };

	tdu_begin();
	run(NULL, 0);
	tdu_expect(SC_ID_DKIM_MISSING, 1, "no key at the common selectors");
	tdu_evidence_has(SC_ID_DKIM_MISSING, "default (none), dkim (none)",
			 "common selectors listed");
	tdu_unrun("", 0, "no key");
	tdu_end();

	tdu_begin();
	key_at("selector1", 2048, 0, "");
	run(NULL, 0);
	tdu_expect(SC_ID_DKIM_MISSING, 0, "key at selector1");
	tdu_end();

	tdu_begin();
	key_at("sel2024", 2048, 0, "");
	run(mine, 1);
	tdu_expect(SC_ID_DKIM_MISSING, 0, "key at the given selector");
	tdu_end();

	tdu_begin();
	key_at("default", 2048, 0, "");
	run(mine, 1);
	tdu_expect(SC_ID_DKIM_MISSING, 1, "key only at a selector not asked for");
	tdu_evidence_has(SC_ID_DKIM_MISSING, "sel2024 (none)", "given selector listed");
	tdu_end();
}

static void test_weak(void)
{
	const struct sc_finding *f;

	tdu_begin();
	key_at("default", 512, 0, "");
	run(NULL, 0);
	f = tdu_find(SC_ID_DKIM_WEAK_KEY);
	ok(f && f->severity == SC_HIGH, "512-bit key: weak, high");
	tdu_evidence_has(SC_ID_DKIM_WEAK_KEY, "512 bits", "512-bit key");
	tdu_expect(SC_ID_DKIM_MISSING, 0, "512-bit key is still a key");
	tdu_end();

	tdu_begin();
	key_at("default", 1024, 1, "");
	run(NULL, 0);
	f = tdu_find(SC_ID_DKIM_WEAK_KEY);
	ok(f && f->severity == SC_MEDIUM, "1024-bit RSAPublicKey: weak, medium");
	tdu_end();

	tdu_begin();
	key_at("default", 2048, 0, "");
	run(NULL, 0);
	tdu_expect(SC_ID_DKIM_WEAK_KEY, 0, "2048-bit key");
	is_int((long) tdu_nfindings(), 0, "2048-bit key: no finding");
	tdu_end();

	tdu_begin();
	tdu_txt("default._domainkey." D, "v=DKIM1; k=ed25519; p=" ED25519_B64);
	run(NULL, 0);
	is_int((long) tdu_nfindings(), 0, "Ed25519 key: no finding");
	tdu_end();
}

static void test_testing_revoked(void)
{
	const struct sc_finding *f;

	tdu_begin();
	key_at("default", 2048, 0, " t=y;");
	run(NULL, 0);
	tdu_expect(SC_ID_DKIM_TESTING, 1, "t=y");
	tdu_end();

	tdu_begin();
	key_at("default", 2048, 0, " t=s;");
	run(NULL, 0);
	tdu_expect(SC_ID_DKIM_TESTING, 0, "t=s");
	tdu_end();

	tdu_begin();
	tdu_txt("old._domainkey." D, "v=DKIM1; p=");
	key_at("default", 2048, 0, "");
	run(NULL, 0);
	tdu_expect(SC_ID_DKIM_REVOKED, 0, "selector not asked for");
	tdu_end();

	tdu_begin();
	tdu_txt("k1._domainkey." D, "v=DKIM1; p=");
	key_at("default", 2048, 0, "");
	run(NULL, 0);
	tdu_expect(SC_ID_DKIM_REVOKED, 1, "revoked k1 beside a live key");
	f = tdu_find(SC_ID_DKIM_REVOKED);
	is_str(f ? sc_severity_name(f->severity) : "-", "info", "dkim.revoked is info");
	tdu_expect(SC_ID_DKIM_MISSING, 0, "revoked k1 beside a live key");
	tdu_end();

	tdu_begin();
	tdu_txt("k1._domainkey." D, "v=DKIM1; p=");
	run(NULL, 0);
	tdu_expect(SC_ID_DKIM_MISSING, 1, "only a revoked key");
	tdu_end();
}

static void test_hostile(void)
{
	char *s;

	tdu_begin();
	tdu_txt("default._domainkey." D, "v=DKIM1; p=MIIBIjAN!!!notbase64");
	run(NULL, 0);
	tdu_expect(SC_ID_DKIM_MISSING, 1, "invalid base64");
	tdu_evidence_has(SC_ID_DKIM_MISSING, "not base64", "invalid base64");
	tdu_expect(SC_ID_DKIM_WEAK_KEY, 0, "invalid base64");
	tdu_expect(SC_ID_DKIM_INVALID_KEY, 1, "invalid base64");
	tdu_end();

	tdu_begin();
	tdu_txt("default._domainkey." D, "v=DKIM1; p=QUJDRA==");
	run(NULL, 0);
	tdu_evidence_has(SC_ID_DKIM_MISSING, "no RSA public key", "base64, not a key");
	tdu_evidence_has(SC_ID_DKIM_INVALID_KEY, "no RSA public key", "base64, not a key");
	tdu_end();

	tdu_begin();                    /* 8 KB record, p= far over the bound */
	s = repeat(8000, 'A', "v=DKIM1; p=");
	tdu_txt("default._domainkey." D, s);
	free(s);
	run(NULL, 0);
	tdu_evidence_has(SC_ID_DKIM_MISSING, "more than 2600", "p= of 8 KB");
	tdu_end();

	tdu_begin();                    /* one junk record beside the key */
	tdu_txt("default._domainkey." D, "\x01\x02 junk");
	key_at("default", 2048, 0, "");
	run(NULL, 0);
	tdu_expect(SC_ID_DKIM_MISSING, 0, "junk record beside the key");
	/* a verifier may take either record: the junk one is reported */
	tdu_expect(SC_ID_DKIM_INVALID_KEY, 1, "junk record beside the key");
	tdu_end();

	tdu_begin();
	tdu_txt("default._domainkey." D, "v=DKIM1; k=rsa; s=tlsrpt; p=QUJD");
	run(NULL, 0);
	tdu_evidence_has(SC_ID_DKIM_MISSING, "s= excludes email", "s=tlsrpt key");
	tdu_end();
}

static void test_failures(void)
{
	static const char *const bad[] = {
		"this-label-is-far-too-long-for-dns-because-it-has-more-than-63-octets",
	};

	tdu_begin();
	tdu_status("selector1._domainkey." D, DNS_T_TXT, DNS_TIMEOUT);
	run(NULL, 0);
	tdu_expect(SC_ID_DKIM_MISSING, 0, "one selector times out");
	tdu_unrun("dns.dkim", 1, "one selector times out");
	tdu_end();

	tdu_begin();                    /* a server that drops everything */
	{
		static const char *const sel[] = {
			"default", "dkim", "mail", "selector1", "selector2",
			"google", "k1", "k2", "s1", "s2", "smtp", "key1",
		};
		size_t i;

		for (i = 0; i < 12; i++) {
			char name[64];

			snprintf(name, sizeof(name), "%s._domainkey." D, sel[i]);
			tdu_status(name, DNS_T_TXT, DNS_TIMEOUT);
		}
	}
	{
		unsigned long before = zone_queries(T.z);

		run(NULL, 0);
		is_int((long) (zone_queries(T.z) - before), 2,
		       "every selector timing out: two asked");
	}
	tdu_expect(SC_ID_DKIM_MISSING, 0, "every selector timing out");
	tdu_unrun("dns.dkim", 1, "every selector timing out");
	tdu_end();

	tdu_begin();
	tdu_status("selector1._domainkey." D, DNS_T_TXT, DNS_SERVFAIL);
	key_at("default", 512, 0, "");
	run(NULL, 0);
	tdu_expect(SC_ID_DKIM_WEAK_KEY, 1, "weak key beside a SERVFAIL");
	tdu_unrun("dns.dkim", 1, "weak key beside a SERVFAIL");
	tdu_end();

	tdu_begin();
	run(bad, 1);
	tdu_expect(SC_ID_DKIM_MISSING, 0, "selector DNS cannot carry");
	tdu_unrun("dns.dkim", 1, "selector DNS cannot carry");
	tdu_end();
}

int main(void)
{
	test_parse_table();
	test_parse_bounds();
	test_parse_flags();
	test_rsa_bits();
	test_missing();
	test_weak();
	test_testing_revoked();
	test_hostile();
	test_failures();
	return tap_done();
}
