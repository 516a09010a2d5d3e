/*
 * tls_suite - probe contexts and weak cipher families; see tls_suite.h.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/provider.h>

#include "tls_suite.h"

const struct tls_family tls_weak_families[] = {
	{ "anonymous (aNULL: ADH, AECDH)", "aNULL:@SECLEVEL=0" },
	{ "no encryption (eNULL)", "eNULL:@SECLEVEL=0" },
	{ "RC4", "RC4:@SECLEVEL=0" },
	{ "single DES", "DES:@SECLEVEL=0" },
	{ "3DES", "3DES:@SECLEVEL=0" },
	{ "EXPORT", "EXPORT:@SECLEVEL=0" },
};
const size_t tls_weak_family_count =
	sizeof(tls_weak_families) / sizeof(tls_weak_families[0]);

int tls_suite_open(struct tls_suite *s, char *why, size_t len)
{
	OSSL_LIB_CTX *lc = OSSL_LIB_CTX_new();

	s->libctx = lc;
	s->provider = lc ? OSSL_PROVIDER_load(lc, "default") : NULL;
	if (s->provider == NULL) {
		snprintf(why, len, "OpenSSL: cannot load the default provider");
		tls_suite_close(s);
		ERR_clear_error();
		return -1;
	}
	return 0;
}

void tls_suite_close(struct tls_suite *s)
{
	if (s->provider != NULL)
		OSSL_PROVIDER_unload((OSSL_PROVIDER *) s->provider);
	OSSL_LIB_CTX_free((OSSL_LIB_CTX *) s->libctx);
	s->provider = NULL;
	s->libctx = NULL;
}

/* versions - the protocol range of KIND */
static int versions(SSL_CTX *ctx, enum tls_probe_kind kind)
{
	int lo = TLS1_VERSION, hi = 0;

	if (kind == TLS_PROBE_TLS1_0)
		hi = TLS1_VERSION;
	else if (kind == TLS_PROBE_TLS1_1)
		lo = hi = TLS1_1_VERSION;
	else if (kind == TLS_PROBE_CIPHERS)
		hi = TLS1_2_VERSION;	/* TLS 1.3 suites are none of these */
	return SSL_CTX_set_min_proto_version(ctx, lo) == 1
		&& SSL_CTX_set_max_proto_version(ctx, hi) == 1;
}

SSL_CTX *tls_suite_ctx(struct tls_suite *s, enum tls_probe_kind kind,
		       const char *ciphers, char *why, size_t len)
{
	SSL_CTX *ctx;

	ERR_clear_error();
	ctx = SSL_CTX_new_ex((OSSL_LIB_CTX *) s->libctx, NULL, TLS_client_method());
	if (ctx == NULL) {
		snprintf(why, len, "OpenSSL: cannot make a client context");
		return NULL;
	}
	SSL_CTX_set_security_level(ctx, 0);
	SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	if (kind != TLS_PROBE_CIPHERS)
		ciphers = "DEFAULT:@SECLEVEL=0";
	if (SSL_CTX_set_cipher_list(ctx, ciphers) != 1) {
		snprintf(why, len, "this client cannot offer %s (not in this libssl)",
			 ciphers);
		goto fail;
	}
	if (!versions(ctx, kind)) {
		snprintf(why, len, "OpenSSL: cannot set the protocol versions");
		goto fail;
	}
	/* the verification result names a self-signed certificate */
	if (kind == TLS_PROBE_CERT && SSL_CTX_set_default_verify_paths(ctx) != 1)
		ERR_clear_error();	/* no CA store: verification just fails */
	ERR_clear_error();
	return ctx;
fail:
	ERR_clear_error();
	SSL_CTX_free(ctx);
	return NULL;
}

void tls_suite_offerable(struct tls_suite *s, char *out, size_t len)
{
	char why[160];
	size_t i, o = 0;
	SSL_CTX *ctx;
	int n;

	if (len == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < tls_weak_family_count && o < len; i++) {
		ctx = tls_suite_ctx(s, TLS_PROBE_CIPHERS,
				    tls_weak_families[i].ciphers, why, sizeof(why));
		if (ctx == NULL)
			continue;
		SSL_CTX_free(ctx);
		n = snprintf(out + o, len - o, "%s%s", o ? ", " : "",
			     tls_weak_families[i].name);
		if (n > 0)
			o += (size_t) n;
	}
}
