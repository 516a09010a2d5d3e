/*
 * fuzz_sc_dkimkey - the selfcheck DKIM key record parser on arbitrary
 * records, and the key measure on whatever p= decodes to. Whatever comes
 * in: the parse ends, the decoded key stays in its buffer, the reason
 * and k= name are printable, and OpenSSL is handed only what was decoded.
 */
#include <string.h>

#include "selfcheck/dns/dns_dkimkey.h"
#include "tests/lib/fuzzcheck.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static struct sc_dkim_key k;
	enum sc_dkim_key_status st;
	char err[96];
	int bits;

	st = sc_dns_dkimkey_parse((const char *) data, size, &k, err, sizeof(err));
	CHECK(k.keylen <= SC_DKIM_KEY_MAX);
	fuzz_printable(k.kname, sizeof(k.kname), 0x20);
	if (st != SC_DKIM_KEY_OK) {
		fuzz_printable(err, sizeof(err), 0x20);
		CHECK(err[0] != '\0');
		return 0;
	}
	CHECK(!k.revoked || k.keylen == 0);
	bits = sc_dns_dkimkey_rsa_bits(&k);
	CHECK(bits == -1 || bits > 0);
	return 0;
}
