/*
 * tls_cert - the server certificate's faults; see tls_cert.h.
 *
 * Everything read from the certificate is the server's data: strings are
 * copied with a bound and with non-printable octets replaced, the SAN
 * list is cut at TLS_CERT_MAX_NAMES, and a time OpenSSL cannot parse is
 * a flag of its own rather than "valid".
 */
#include <stdio.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "tls_cert.h"

/* from_bio - what was printed into B, bounded and printable, into OUT */
static void from_bio(BIO *b, char *out, size_t len)
{
	char *p;
	long n = BIO_get_mem_data(b, &p);
	size_t i, k;

	if (len == 0)
		return;
	k = n > 0 ? (size_t) n : 0;
	if (k >= len)
		k = len - 1;
	for (i = 0; i < k; i++)
		out[i] = p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '?';
	out[k] = '\0';
}

/* name_text - an X509_NAME in RFC 2253 form */
static void name_text(const X509_NAME *name, char *out, size_t len)
{
	BIO *b = BIO_new(BIO_s_mem());

	out[0] = '\0';
	if (b == NULL)
		return;
	if (X509_NAME_print_ex(b, name, 0, XN_FLAG_RFC2253) >= 0)
		from_bio(b, out, len);
	BIO_free(b);
}

/* time_text - an ASN1_TIME in ISO 8601 */
static void time_text(const ASN1_TIME *t, char *out, size_t len)
{
	BIO *b = BIO_new(BIO_s_mem());

	snprintf(out, len, "(unreadable)");
	if (b == NULL)
		return;
	if (ASN1_TIME_print_ex(b, t, ASN1_DTFLGS_ISO8601) == 1)
		from_bio(b, out, len);
	BIO_free(b);
}

/* san_names - the DNS names of the subjectAltName, comma-separated */
static void san_names(X509 *x, char *out, size_t len)
{
	GENERAL_NAMES *gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	const GENERAL_NAME *g;
	size_t o = 0, k;
	int i, n, shown = 0;
	const unsigned char *s;

	out[0] = '\0';
	for (i = 0; gens != NULL && i < sk_GENERAL_NAME_num(gens)
		     && shown < TLS_CERT_MAX_NAMES; i++) {
		g = sk_GENERAL_NAME_value(gens, i);
		if (g->type != GEN_DNS)
			continue;
		s = ASN1_STRING_get0_data(g->d.dNSName);
		n = ASN1_STRING_length(g->d.dNSName);
		if (o + (size_t) n + 3 >= len)
			break;
		if (shown++ > 0) {
			out[o++] = ',';
			out[o++] = ' ';
		}
		for (k = 0; k < (size_t) n; k++)
			out[o++] = s[k] >= 0x20 && s[k] < 0x7f ? (char) s[k] : '?';
		out[o] = '\0';
	}
	GENERAL_NAMES_free(gens);
	ERR_clear_error();
}

/* validity - the time flags and seconds left */
static int validity(X509 *x, time_t now, struct tls_cert_facts *f)
{
	const ASN1_TIME *nb = X509_get0_notBefore(x), *na = X509_get0_notAfter(x);
	ASN1_TIME *at_now = ASN1_TIME_set(NULL, now);
	int days = 0, secs = 0, flags = 0, before, after;

	time_text(nb, f->not_before, sizeof(f->not_before));
	time_text(na, f->not_after, sizeof(f->not_after));
	before = X509_cmp_time(nb, &now);
	after = X509_cmp_time(na, &now);
	if (before == 0 || after == 0 || at_now == NULL
	    || ASN1_TIME_diff(&days, &secs, at_now, na) != 1) {
		ASN1_TIME_free(at_now);
		ERR_clear_error();
		return TLS_CERT_BAD_TIME;
	}
	ASN1_TIME_free(at_now);
	f->secs_left = (long long) days * 86400 + secs;
	if (after < 0)
		flags |= TLS_CERT_EXPIRED;
	else if (f->secs_left < (long long) TLS_CERT_EXPIRING_DAYS * 86400)
		flags |= TLS_CERT_EXPIRING;
	if (before > 0)
		flags |= TLS_CERT_NOT_YET_VALID;
	return flags;
}

/* self_signed - issued by itself and signed by its own key, or the
 * verifier said so */
static int self_signed(X509 *x, long verify)
{
	EVP_PKEY *k = X509_get0_pubkey(x);
	int own;

	if (verify == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT)
		return 1;
	own = X509_NAME_cmp(X509_get_subject_name(x), X509_get_issuer_name(x)) == 0
		&& k != NULL && X509_verify(x, k) == 1;
	ERR_clear_error();
	return own;
}

/* key - type and size; 1 if it is a weak RSA key */
static int key(X509 *x, struct tls_cert_facts *f)
{
	EVP_PKEY *k = X509_get0_pubkey(x);
	int id;

	snprintf(f->key_type, sizeof(f->key_type), "unknown");
	if (k == NULL) {
		ERR_clear_error();
		return 0;
	}
	id = EVP_PKEY_get_base_id(k);
	f->key_bits = EVP_PKEY_get_bits(k);
	snprintf(f->key_type, sizeof(f->key_type), "%s",
		 id == EVP_PKEY_RSA || id == EVP_PKEY_RSA_PSS ? "RSA"
		 : id == EVP_PKEY_EC ? "EC" : id == EVP_PKEY_ED25519 ? "ED25519"
		 : id == EVP_PKEY_ED448 ? "ED448" : id == EVP_PKEY_DSA ? "DSA"
		 : "other");
	return (id == EVP_PKEY_RSA || id == EVP_PKEY_RSA_PSS)
		&& f->key_bits < TLS_CERT_MIN_RSA_BITS;
}

/* name_match - 1 if one of NAMES matches X, 0 if none does, -1 if no
 * name was given */
static int name_match(X509 *x, const char *const *names, size_t nnames,
		      struct tls_cert_facts *f)
{
	size_t i, n;
	int tried = 0;

	for (i = 0; i < nnames; i++) {
		if (names[i] == NULL || (n = strlen(names[i])) == 0)
			continue;
		if (names[i][n - 1] == '.')
			n--;
		tried = 1;
		if (n > 0 && X509_check_host(x, names[i], n, 0, NULL) == 1) {
			snprintf(f->matched, sizeof(f->matched), "%.*s", (int) n,
				 names[i]);
			return 1;
		}
	}
	ERR_clear_error();
	return tried ? 0 : -1;
}

int tls_cert_judge(X509 *x, time_t now, const char *const *names,
		   size_t nnames, long verify, struct tls_cert_facts *out)
{
	memset(out, 0, sizeof(*out));
	name_text(X509_get_subject_name(x), out->subject, sizeof(out->subject));
	name_text(X509_get_issuer_name(x), out->issuer, sizeof(out->issuer));
	san_names(x, out->names, sizeof(out->names));
	out->flags = validity(x, now, out);
	if (self_signed(x, verify))
		out->flags |= TLS_CERT_SELF_SIGNED;
	if (key(x, out))
		out->flags |= TLS_CERT_WEAK_KEY;
	if (name_match(x, names, nnames, out) == 0)
		out->flags |= TLS_CERT_NAME_MISMATCH;
	return out->flags;
}

void tls_cert_describe(const struct tls_cert_facts *f, char *out, size_t len)
{
	snprintf(out, len, "subject: %s\nissuer: %s\nvalid from %s to %s\n"
		 "subjectAltName DNS: %s\nkey: %s, %d bits",
		 f->subject, f->issuer, f->not_before, f->not_after,
		 f->names[0] ? f->names : "(none)", f->key_type, f->key_bits);
}
