/*
 * fuzz_dns_rdata - dns_rdata_decode() on arbitrary rdata. The first byte
 * picks the record type (index into the table below, modulo its size; the
 * last entry decodes a bare name with dns_rdata_name), the rest is rdata.
 * Whatever comes in, a decoded record must keep the promises dns.h makes:
 * bounded, NUL-terminated, names lowercase with no raw control bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "policy/dns_rdata.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static const int types[] = {
	DNS_T_A, DNS_T_AAAA, DNS_T_MX, DNS_T_PTR, DNS_T_TXT, DNS_T_CNAME, 0,
};

/* name_sane - what a caller printing or comparing the name relies on */
static int name_sane(const char *name)
{
	size_t n = strlen(name);
	const unsigned char *p;

	if (n >= DNS_RDATA_NAMEBUF || (n > 0 && name[n - 1] == '.' &&
				       (n < 2 || name[n - 2] != '\\')))
		return 0;
	for (p = (const unsigned char *) name; *p; p++)
		if (*p < 0x21 || *p > 0x7e || (*p >= 'A' && *p <= 'Z'))
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char buf[DNS_RDATA_NAMEBUF];
	struct dns_rr rr;
	int type, used;

	if (size == 0)
		return 0;
	type = types[data[0] % (sizeof(types) / sizeof(types[0]))];
	data++;
	size--;
	if (type == 0) {
		used = dns_rdata_name(data, size, buf, sizeof(buf));
		if (used > (int) size || used > DNS_MAX_NAME
		    || (used >= 0 && !name_sane(buf)))
			abort();
		return 0;
	}
	if (dns_rdata_decode(type, data, size, &rr) < 0) {
		if (rr.name != NULL || rr.text != NULL)
			abort();
		return 0;
	}
	if ((int) rr.type != type)
		abort();
	if ((type == DNS_T_MX || type == DNS_T_PTR || type == DNS_T_CNAME)
	    && (rr.name == NULL || !name_sane(rr.name)))
		abort();
	if (type == DNS_T_TXT && (rr.text == NULL || rr.textlen > DNS_MAX_TXT
				  || rr.textlen >= size || rr.text[rr.textlen] != '\0'))
		abort();
	dns_rr_clear(&rr);
	return 0;
}
