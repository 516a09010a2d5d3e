/*
 * fuzz_dmarc_record - dmarc_record_parse() on arbitrary TXT text. Whatever
 * comes in, the parse must end, be the same twice, keep every field in
 * its range and every string bounded, printable and NUL-terminated, call
 * nothing DMARC that does not start with a v tag, and leave a printable
 * reason when it refuses; dmarc_record_applies() must leave a usable
 * policy or say no.
 */
#include <stdlib.h>
#include <string.h>

#include "policy/dmarc_record.h"
#include "tests/lib/fuzzcheck.h"

/* LLVMFuzzerTestOneInput - parse, check, apply */
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#define CHECK(c) do { if (!(c)) __builtin_trap(); } while (0)

/* policy_ok - one of the four values */
static void policy_ok(enum dmarc_policy p)
{
	CHECK(p == DMARC_POLICY_UNSET || p == DMARC_POLICY_NONE
	      || p == DMARC_POLICY_QUARANTINE || p == DMARC_POLICY_REJECT);
}

/* uris_ok - "scheme:rest" items, no space, no "!", at most the maximum */
static void uris_ok(const char *s, int has)
{
	int n = 0;

	CHECK(has == (s[0] != '\0'));
	if (!has)
		return;
	CHECK(strchr(s, ' ') == NULL && strchr(s, '!') == NULL);
	CHECK(strchr(s, ';') == NULL && s[strlen(s) - 1] != ',');
	for (; s != NULL; s = strchr(s, ',')) {
		if (*s == ',')
			s++;
		CHECK(strchr(s, ':') != NULL);
		n++;
	}
	CHECK(n <= DMARC_RECORD_MAX_URIS);
}

/* fields_ok - every field in range */
static void fields_ok(const struct dmarc_record *r)
{
	policy_ok(r->p);
	policy_ok(r->sp);
	policy_ok(r->np);
	CHECK(!r->p_invalid || r->p == DMARC_POLICY_UNSET);
	CHECK(!r->sp_invalid || r->sp == DMARC_POLICY_UNSET);
	CHECK(!r->np_invalid || r->np == DMARC_POLICY_UNSET);
	CHECK(r->adkim == 'r' || r->adkim == 's');
	CHECK(r->aspf == 'r' || r->aspf == 's');
	CHECK(r->pct >= 0 && r->pct <= 100);
	CHECK(r->testing == 0 || r->testing == 1);
	CHECK(r->psd == DMARC_PSD_UNSET || r->psd == DMARC_PSD_Y
	      || r->psd == DMARC_PSD_N);
	CHECK(r->ri <= 4294967295UL);
	fuzz_printable(r->rua, sizeof(r->rua), 0x20);
	fuzz_printable(r->ruf, sizeof(r->ruf), 0x20);
	fuzz_printable(r->fo, sizeof(r->fo), 0x20);
	fuzz_printable(r->rf, sizeof(r->rf), 0x20);
	CHECK(strspn(r->fo, "01ds:") == strlen(r->fo) && r->fo[0] != '\0');
	uris_ok(r->rua, r->has_rua);
	uris_ok(r->ruf, r->has_ruf);
}

/* applies_ok - after 4.10.1 a record has a policy and no invalid flag */
static void applies_ok(const struct dmarc_record *parsed, int rfc7489)
{
	struct dmarc_record r = *parsed;

	if (!dmarc_record_applies(&r, rfc7489)) {
		CHECK(!parsed->has_rua);
		return;
	}
	CHECK(r.p != DMARC_POLICY_UNSET);
	CHECK(!r.p_invalid && !r.sp_invalid && (rfc7489 || !r.np_invalid));
	fields_ok(&r);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *text = (const char *) data;
	struct dmarc_record r, again;
	char err[96];
	enum dmarc_record_status st;

	st = dmarc_record_parse(text, size, &r, err, sizeof(err));
	CHECK(st == DMARC_RECORD_OK || st == DMARC_RECORD_NOT_DMARC
	      || st == DMARC_RECORD_INVALID);
	CHECK(dmarc_record_parse(text, size, &again, NULL, 0) == st);
	CHECK(memcmp(&r, &again, sizeof(r)) == 0);
	fields_ok(&r);
	if (size == 0 || (text[0] != 'v' && text[0] != 'V'))
		CHECK(st == DMARC_RECORD_NOT_DMARC);
	if (st == DMARC_RECORD_INVALID) {
		fuzz_printable(err, sizeof(err), 0x20);
		CHECK(err[0] != '\0');
	}
	if (st == DMARC_RECORD_OK) {
		CHECK(size <= DMARC_RECORD_MAX && !memchr(text, '\0', size));
		applies_ok(&r, 0);
		applies_ok(&r, 1);
	}
	return 0;
}
