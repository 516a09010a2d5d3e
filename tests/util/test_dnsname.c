/*
 * test_dnsname - the length rules at their edges (63/64-octet labels,
 * 253/254-octet names, with and without the root dot), empty labels,
 * and each mode's octets and hyphens, as the callers use them.
 */
#include <stdio.h>
#include <string.h>

#include "tests/lib/tap.h"
#include "util/dnsname.h"

/* The modes of today's callers. */
#define DNS_MODE   0                                        /* dns_name_valid */
#define DMARC_MODE (DNSNAME_LDH | DNSNAME_UNDERSCORE)       /* dmarc_domain_norm */
#define HOST_MODE  (DNSNAME_LDH | DNSNAME_HYPHENS)          /* domain.c */
#define CONF_MODE  (HOST_MODE | DNSNAME_NOTNUMERIC)         /* conf_hostname_ok */
#define PSL_MODE   (DMARC_MODE | DNSNAME_8BIT | DNSNAME_NOROOT) /* publicsuffix */

/* label - N copies of 'a' */
static char *label(char *buf, size_t n)
{
	memset(buf, 'a', n);
	buf[n] = '\0';
	return buf;
}

/* name_of - labels of 63 octets and one of LAST octets, LEN in all */
static char *name_of(char *buf, size_t len)
{
	size_t at = 0;

	while (len - at > 64) {
		memset(buf + at, 'b', 63);
		buf[at + 63] = '.';
		at += 64;
	}
	memset(buf + at, 'c', len - at);
	buf[len] = '\0';
	return buf;
}

static const struct {
	const char *name;
	int mode;
	enum dnsname_error want;
} cases[] = {
	{ "", DNS_MODE, DNSNAME_EMPTY },
	{ ".", DNS_MODE, DNSNAME_EMPTY },
	{ "..", DNS_MODE, DNSNAME_EMPTYLABEL },
	{ "example.com.", DNS_MODE, DNSNAME_OK },
	{ "example.com..", DNS_MODE, DNSNAME_EMPTYLABEL },
	{ ".example.com", DNS_MODE, DNSNAME_EMPTYLABEL },
	{ "example..com", DNS_MODE, DNSNAME_EMPTYLABEL },
	{ "ex ample.com", DNS_MODE, DNSNAME_OK },       /* the DNS carries it */
	{ "ex ample.com", HOST_MODE, DNSNAME_BADCHAR },
	{ "caf\xc3\xa9.example", DNS_MODE, DNSNAME_OK },
	{ "caf\xc3\xa9.example", HOST_MODE, DNSNAME_BADCHAR },
	{ "caf\xc3\xa9.example", PSL_MODE, DNSNAME_OK },
	{ "_dmarc.example.com", DMARC_MODE, DNSNAME_OK },
	{ "_dmarc.example.com", HOST_MODE, DNSNAME_BADCHAR },
	{ "-a.example", DMARC_MODE, DNSNAME_OK },
	{ "-a.example", HOST_MODE, DNSNAME_HYPHENSTART },
	{ "a-.example", HOST_MODE, DNSNAME_HYPHENEND },
	{ "a.example-", HOST_MODE, DNSNAME_HYPHENEND },
	{ "a.example-.", HOST_MODE, DNSNAME_HYPHENEND },
	{ "a-b.example", HOST_MODE, DNSNAME_OK },
	{ "xn--nxasmq6b.example", HOST_MODE, DNSNAME_OK },
	{ "EXAMPLE.COM", HOST_MODE, DNSNAME_OK },
	{ "1.2.3.999", HOST_MODE, DNSNAME_OK },
	{ "1.2.3.999", CONF_MODE, DNSNAME_NUMERIC },
	{ "1.2.3.999.", CONF_MODE, DNSNAME_NUMERIC },
	{ "123.example", CONF_MODE, DNSNAME_OK },
	{ "a.b2", CONF_MODE, DNSNAME_OK },
	{ "example.com.", PSL_MODE, DNSNAME_EMPTYLABEL },
	{ "a/b.example", DMARC_MODE, DNSNAME_BADCHAR },
	{ "a@b.example", HOST_MODE, DNSNAME_BADCHAR },
	/* the first problem from the left is the one reported */
	{ "-a..b", HOST_MODE, DNSNAME_HYPHENSTART },
	{ "a_..b", HOST_MODE, DNSNAME_BADCHAR },
};

int main(void)
{
	char buf[80], name[600], out[DNSNAME_MAX + 1];
	static const int modes[] = { DNS_MODE, DMARC_MODE, HOST_MODE, CONF_MODE, PSL_MODE };
	size_t i, m;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		is_int(dnsname_check(cases[i].name, strlen(cases[i].name), cases[i].mode),
		       cases[i].want, "case %zu: \"%s\" mode %d", i, cases[i].name, cases[i].mode);

	/* the lengths are the same in every mode */
	for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
		snprintf(name, sizeof(name), "%s.example", label(buf, 63));
		is_int(dnsname_check(name, strlen(name), modes[m]), DNSNAME_OK,
		       "mode %d: a 63-octet label", modes[m]);
		snprintf(name, sizeof(name), "%s.example", label(buf, 64));
		is_int(dnsname_check(name, strlen(name), modes[m]), DNSNAME_LONGLABEL,
		       "mode %d: a 64-octet label", modes[m]);
		snprintf(name, sizeof(name), "x.%s", label(buf, 64));
		is_int(dnsname_check(name, strlen(name), modes[m]), DNSNAME_LONGLABEL,
		       "mode %d: a 64-octet last label", modes[m]);
		name_of(name, 253);
		is_int(dnsname_check(name, strlen(name), modes[m]), DNSNAME_OK,
		       "mode %d: 253 octets", modes[m]);
		name_of(name, 254);
		is_int(dnsname_check(name, strlen(name), modes[m]), DNSNAME_TOOLONG,
		       "mode %d: 254 octets", modes[m]);
		name_of(name, 253);
		strcat(name, ".");
		is_int(dnsname_check(name, strlen(name), modes[m]),
		       (modes[m] & DNSNAME_NOROOT) ? DNSNAME_TOOLONG : DNSNAME_OK,
		       "mode %d: 253 octets and the root dot", modes[m]);
	}
	name_of(name, 600 - 1);
	is_int(dnsname_check(name, strlen(name), 0), DNSNAME_TOOLONG, "599 octets");
	is_int(dnsname_check("a\0b.example", 11, HOST_MODE), DNSNAME_BADCHAR,
	       "a NUL inside the N octets is not a letter");
	is_int(dnsname_check("a\0b.example", 11, DNS_MODE), DNSNAME_OK,
	       "the DNS's own rule takes even a NUL octet");
	ok(!dnsname_valid(NULL, 0), "NULL is not a name");

	/* the lowercased copy */
	is_int(dnsname_lower("Mail.EXAMPLE.com.", 17, HOST_MODE, out, sizeof(out)),
	       DNSNAME_OK, "lower: valid");
	is_str(out, "mail.example.com", "lower: folded, root dot dropped");
	strcpy(out, "untouched");
	is_int(dnsname_lower("a..b", 4, HOST_MODE, out, sizeof(out)), DNSNAME_EMPTYLABEL,
	       "lower: invalid");
	is_str(out, "untouched", "lower: OUT not written on failure");
	is_int(dnsname_lower("abcd.e", 6, HOST_MODE, out, 6), DNSNAME_TOOLONG,
	       "lower: OUT one octet short");
	is_int(dnsname_lower("abcd.e", 6, HOST_MODE, out, 7), DNSNAME_OK,
	       "lower: OUT just long enough");
	is_int(dnsname_lower("\xc9.example", 9, PSL_MODE, out, sizeof(out)), DNSNAME_OK,
	       "lower: 8-bit octets allowed by the mode");
	is_str(out, "\xc9.example", "lower: and not folded");

	/* the words, as policy/domain.c reported them before */
	is_str(dnsname_why(DNSNAME_EMPTYLABEL), "empty label", "why: empty label");
	is_str(dnsname_why(DNSNAME_TOOLONG), "name over 253 octets", "why: too long");
	is_str(dnsname_why(DNSNAME_OK), "", "why: nothing");

	/* under: a suffix at a label boundary; one trailing dot on either
	 * side ignored (policy/spf_mech.c's rule; conf's own under() did not
	 * ignore it, so an override stored as "example.com." matched nothing) */
	ok(dnsname_under("example.com", "example.com", 11), "under: itself");
	ok(dnsname_under("MAIL.Example.COM", "example.com", 11), "under: case ignored");
	ok(dnsname_under("mail.example.com", "example.com", 11), "under: a subdomain");
	ok(!dnsname_under("badexample.com", "example.com", 11), "under: not mid-label");
	ok(!dnsname_under("example.com", "mail.example.com", 16), "under: not above");
	ok(!dnsname_under("com", "example.com", 11), "under: shorter name");
	ok(dnsname_under("mail.example.com.", "example.com", 11), "under: name's root dot");
	ok(dnsname_under("mail.example.com", "example.com.", 12),
	   "under: domain's root dot (the difference from conf's old rule)");
	ok(!dnsname_under("example.com", "", 0), "under: the empty domain holds nothing");
	ok(!dnsname_under("", "", 0), "under: not even the empty name");
	ok(!dnsname_under("x.", ".", 1), "under: nor does the root alone");
	ok(dnsname_under("a.example.com", "example.com other", 11),
	   "under: DLEN octets of DOMAIN only (a list)");
	return tap_done();
}
