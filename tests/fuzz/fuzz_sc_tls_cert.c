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
#include "tests/lib/fuzzcheck.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

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
	fuzz_printable(f.subject, sizeof(f.subject), 0x20);
	fuzz_printable(f.issuer, sizeof(f.issuer), 0x20);
	fuzz_printable(f.names, sizeof(f.names), 0x20);
	fuzz_printable(f.not_before, sizeof(f.not_before), 0x20);
	fuzz_printable(f.not_after, sizeof(f.not_after), 0x20);
	fuzz_printable(f.key_type, sizeof(f.key_type), 0x20);
	CHECK(f.flags & TLS_CERT_SELF_SIGNED);
	tls_cert_describe(&f, desc, sizeof(desc));
	CHECK(memchr(desc, '\0', sizeof(desc)) != NULL);
	X509_free(x);
	ERR_clear_error();
	return 0;
}
