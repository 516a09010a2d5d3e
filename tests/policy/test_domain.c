/* test_domain - names into the A-label form DMARC judges: ordinary names,
 * internationalized names (RFC 8616 section 6, UTS-46), and the hostile
 * shapes of a From domain that a mail client shows as another name. */
#include <stdio.h>
#include <string.h>

#include "tests/lib/tap.h"
#include "policy/domain.h"

#define A63 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define L49 "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define L50 L49 "b"

struct row {
	const char *what;
	const char *in;
	const char *out;            /* NULL: refused */
	const char *why;            /* for a refusal: part of the reason */
};

static const struct row rows[] = {
	{ "plain name", "bank.example", "bank.example", NULL },
	{ "upper case folded", "Bank.EXAMPLE", "bank.example", NULL },
	{ "one trailing dot dropped", "bank.example.", "bank.example", NULL },
	{ "inner hyphens, digits", "mx-1.a0.example", "mx-1.a0.example", NULL },
	{ "hyphens at 3-4 in an ASCII label", "r3---sn.example", "r3---sn.example", NULL },
	{ "63-octet label", A63 ".example", A63 ".example", NULL },
	{ "253 octets", L50 "." L50 "." L50 "." L50 "." L49,
	  L50 "." L50 "." L50 "." L50 "." L49, NULL },
	{ "253 octets and the root dot", L50 "." L50 "." L50 "." L50 "." L49 ".",
	  L50 "." L50 "." L50 "." L50 "." L49, NULL },
	{ "single label", "example", "example", NULL },
	{ "U-label to A-label", "b\xc3\xbc" "cher.example", "xn--bcher-kva.example", NULL },
	{ "A-label kept", "xn--bcher-kva.example", "xn--bcher-kva.example", NULL },
	{ "A-label in upper case", "XN--BCHER-KVA.example", "xn--bcher-kva.example", NULL },
	{ "NFC: u + combining diaeresis", "bu\xcc\x88" "cher.example", "xn--bcher-kva.example", NULL },
	{ "non-transitional: sharp s kept", "fa\xc3\x9f.example", "xn--fa-hia.example", NULL },
	{ "fullwidth letter folds (UTS-46)", "\xef\xbd\x82" "ank.example", "bank.example", NULL },
	{ "all fullwidth", "\xef\xbd\x82\xef\xbd\x81\xef\xbd\x8e\xef\xbd\x8b.example", "bank.example", NULL },
	{ "ideographic full stop U+3002 is a dot", "bank\xe3\x80\x82" "example", "bank.example", NULL },
	{ "fullwidth full stop U+FF0E is a dot", "bank\xef\xbc\x8e" "example", "bank.example", NULL },
	{ "U-label upper case folds", "B\xc3\x9c" "CHER.example", "xn--bcher-kva.example", NULL },

	{ "64-octet label", A63 "a.bank.example", NULL, "63" },
	{ "254 octets", L50 "." L50 "." L50 "." L50 "." L50, NULL, "253" },
	{ "empty", "", NULL, "empty" },
	{ "only a dot", ".", NULL, "empty" },
	{ "empty label", "bank..example", NULL, "empty label" },
	{ "leading dot", ".bank.example", NULL, "empty label" },
	{ "two trailing dots", "bank.example..", NULL, "empty label" },
	{ "leading hyphen", "-bank.example", NULL, "hyphen" },
	{ "trailing hyphen", "bank-.example", NULL, "hyphen" },
	{ "trailing hyphen, last label", "bank.example-", NULL, "hyphen" },
	{ "underscore", "b_ank.example", NULL, "letter, digit or hyphen" },
	{ "space", "bank .example", NULL, "letter, digit or hyphen" },
	{ "RFC 2047 encoded word", "=?utf-8?q?bank.example?=", NULL, "encoded word" },
	{ "encoded word after a label", "x.=?utf-8?q?bank.example?=", NULL, "letter, digit or hyphen" },
	{ "soft hyphen U+00AD", "ba\xc2\xad" "nk.example", NULL, "invisible" },
	{ "zero-width space U+200B", "\xe2\x80\x8b" "bank.example", NULL, "invisible" },
	{ "zero-width joiner U+200D", "b\xe2\x80\x8d" "ank.example", NULL, "invisible" },
	{ "combining grapheme joiner U+034F", "bank.exam\xcd\x8f" "ple", NULL, "invisible" },
	{ "word joiner U+2060", "bank\xe2\x81\xa0.example", NULL, "invisible" },
	{ "BOM U+FEFF", "\xef\xbb\xbf" "bank.example", NULL, "invisible" },
	{ "underscore beside a U-label (libidn2 would drop it)", "b\xc3\xbc_cher.example", NULL, "letter, digit or hyphen" },
	{ "encoded word beside a U-label", "b\xc3\xbc" "cher.=?x?=", NULL, "letter, digit or hyphen" },
	{ "invalid UTF-8", "b\xff" "ank.example", NULL, "UTF-8" },
	{ "overlong UTF-8 dot", "bank\xc0\xae" "example", NULL, "UTF-8" },
	{ "truncated UTF-8", "bank.exampl\xc3", NULL, "UTF-8" },
	{ "fake A-label (punycode of plain ASCII)", "xn--bank-.example", NULL, "punycode" },
	{ "broken A-label", "xn--zz.example", NULL, "punycode" },
	{ "U-label over 63 octets as an A-label",
	  "\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc"
	  "\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc"
	  "\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc"
	  "\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc"
	  "\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc"
	  "\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc"
	  "\xc3\xbc\xc3\xbc\xc3\xbc\xc3\xbc.example", NULL, "" },
	{ "disallowed code point (U+2488, a digit with full stop)", "\xe2\x92\x88" "bank.example", NULL, "" },
	{ "bidi rule: Hebrew then Latin in one label", "\xd7\x90" "a.example", NULL, "" },
};

/* run - one row: the A-label, or a refusal that says why */
static void run(const struct row *r)
{
	char out[DOMAIN_MAX + 1];
	const char *why = "";
	int rc = domain_alabel(r->in, strlen(r->in), out, &why);

	if (r->out != NULL) {
		ok(rc == 0, "%s: accepted (%s)", r->what, rc ? why : "");
		if (rc == 0)
			is_str(out, r->out, "%s: A-label", r->what);
		return;
	}
	ok(rc == -1, "%s: refused", r->what);
	ok(why != NULL && why[0] != '\0' && strstr(why, r->why) != NULL,
	   "%s: reason names it (%s)", r->what, why ? why : "(none)");
}

/* refused - LEN octets of NAME are refused; the reason for the caller */
static int refused(const char *name, size_t len, const char **why)
{
	char out[DOMAIN_MAX + 1];

	return domain_alabel(name, len, out, why) == -1;
}

/* test_bounds - input the caller could not have checked */
static void test_bounds(void)
{
	static char big[DOMAIN_MAX_INPUT + 64];
	char out[DOMAIN_MAX + 1];
	const char *why = "";
	int rc;

	memset(big, 'a', sizeof(big) - 1);
	rc = refused(big, sizeof(big) - 1, &why);
	ok(rc, "very long ASCII name refused (%s)", why);
	memcpy(big, "\xc3\xbc", 2);
	rc = refused(big, sizeof(big) - 1, &why);
	ok(rc, "very long UTF-8 name refused unread (%s)", why);
	rc = refused("bank\0.evil.example", 18, &why);
	ok(rc && strstr(why, "NUL") != NULL, "NUL inside the name refused (%s)", why);
	ok(domain_alabel("bank.example.evil", 12, out, &why) == 0
	   && strcmp(out, "bank.example") == 0, "only LEN octets are read");
	ok(domain_is_ascii("bank.example") && !domain_is_ascii("b\xc3\xbc.example"),
	   "domain_is_ascii");
}

/* test_idempotent - an A-label converts to itself */
static void test_idempotent(void)
{
	char a[DOMAIN_MAX + 1], b[DOMAIN_MAX + 1];
	const char *why = "";
	size_t i, n = 0, same = 0;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (rows[i].out == NULL)
			continue;
		n++;
		if (domain_alabel(rows[i].in, strlen(rows[i].in), a, &why) == 0
		    && domain_alabel(a, strlen(a), b, &why) == 0
		    && strcmp(a, b) == 0)
			same++;
	}
	is_int((long) same, (long) n, "every accepted name's A-label maps to itself");
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		run(&rows[i]);
	test_bounds();
	test_idempotent();
	return tap_done();
}
