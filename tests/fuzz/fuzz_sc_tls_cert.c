/*
 * fuzz_sc_tls_cert - the certificate checks on any certificate OpenSSL
 * will decode from DER: whatever the server's certificate holds (names
 * with NULs or escapes, thousands of SANs, dates OpenSSL cannot read),
 * the facts stay NUL-terminated and printable in their buffers.
 */
#include <string.h>
#include <time.h>

#include <openssl/err.h>
#include <openssl/x509.h>

#include "selfcheck/tls/tls_cert.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

/* printable - NUL-terminated within MAX, printable ASCII only */
static void printable(const char *s, size_t max)
{
	const char *end = memchr(s, '\0', max);

	CHECK(end != NULL);
	for (; s < end; s++)
		CHECK((unsigned char) *s >= 0x20 && (unsigned char) *s <= 0x7e);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const char *const names[] = { "mx.example.org", "" };
	const unsigned char *p = data;
	struct tls_cert_facts f;
	char desc[2048];
	X509 *x = d2i_X509(NULL, &p, (long) size);

	if (x == NULL) {
		ERR_clear_error();
		return 0;
	}
	tls_cert_judge(x, (time_t) 1700000000, names, 2,
		       X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, &f);
	printable(f.subject, sizeof(f.subject));
	printable(f.issuer, sizeof(f.issuer));
	printable(f.names, sizeof(f.names));
	printable(f.not_before, sizeof(f.not_before));
	printable(f.not_after, sizeof(f.not_after));
	printable(f.key_type, sizeof(f.key_type));
	CHECK(f.flags & TLS_CERT_SELF_SIGNED);
	tls_cert_describe(&f, desc, sizeof(desc));
	CHECK(memchr(desc, '\0', sizeof(desc)) != NULL);
	X509_free(x);
	ERR_clear_error();
	return 0;
}
