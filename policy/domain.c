/*
 * domain - names into A-label host names; see domain.h.
 */
#include <stdlib.h>
#include <string.h>

#include <idn2.h>
#include <unictype.h>
#include <unistr.h>

#include "util/ascii.h"
#include "util/dnsname.h"
#include "domain.h"

/* let_dig_hyp - an octet RFC 5321's sub-domain may hold */
static int let_dig_hyp(int c)
{
	return ascii_is_alpha(c) || ascii_is_digit(c) || c == '-';
}

/* ascii_rule - RFC 5321 sub-domains, lowercased into OUT; one trailing
 * dot is dropped */
static int ascii_rule(const char *s, size_t n, char *out, const char **why)
{
	enum dnsname_error e = dnsname_lower(s, n, DNSNAME_LDH | DNSNAME_HYPHENS,
					     out, DOMAIN_MAX + 1);

	if (e != DNSNAME_OK) {
		*why = dnsname_why(e);
		return -1;
	}
	return 0;
}

/* plain_ascii - every octet ASCII and no label an A-label */
static int plain_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ((unsigned char) s[i] >= 0x80)
			return 0;
		if ((i == 0 || s[i - 1] == '.') && n - i >= 4
		    && ascii_same_word(s + i, 4, "xn--"))
			return 0;
	}
	return 1;
}

/* visible_utf8 - valid UTF-8, ASCII only where a host name has it, and no
 * code point that renders as nothing */
static int visible_utf8(const char *s, size_t n, const char **why)
{
	const uint8_t *p = (const uint8_t *) s, *end = p + n;
	ucs4_t uc;
	int k;

	while (p < end) {
		if ((k = u8_mbtoucr(&uc, p, (size_t) (end - p))) <= 0) {
			*why = "not UTF-8";
			return -1;
		}
		p += k;
		if (uc < 0x80 && !let_dig_hyp((int) uc) && uc != '.') {
			*why = "character other than a letter, digit or hyphen";
			return -1;
		}
		if (uc_is_property_default_ignorable_code_point(uc)) {
			*why = "invisible (default-ignorable) character";
			return -1;
		}
	}
	return 0;
}

int domain_is_ascii(const char *name)
{
	for (; *name; name++)
		if ((unsigned char) *name >= 0x80)
			return 0;
	return 1;
}

/* domain_alabel - the rules of domain.h */
int domain_alabel(const char *name, size_t len, char *out, const char **why)
{
	char buf[DOMAIN_MAX_INPUT + 1];
	uint8_t *alabel = NULL;
	int rc;

	*why = "";
	if (len >= 2 && name[0] == '=' && name[1] == '?') {
		*why = "RFC 2047 encoded word";
		return -1;
	}
	if (memchr(name, '\0', len) != NULL) {
		*why = "NUL in name";
		return -1;
	}
	if (plain_ascii(name, len))
		return ascii_rule(name, len, out, why);
	if (len > DOMAIN_MAX_INPUT) {
		*why = "name over 253 octets";
		return -1;
	}
	if (visible_utf8(name, len, why) < 0)
		return -1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	rc = idn2_lookup_u8((const uint8_t *) buf, &alabel, IDN2_NFC_INPUT
			    | IDN2_NONTRANSITIONAL | IDN2_USE_STD3_ASCII_RULES);
	if (rc != IDN2_OK) {
		*why = idn2_strerror(rc);
		return -1;
	}
	rc = ascii_rule((const char *) alabel, strlen((const char *) alabel),
			out, why);
	idn2_free(alabel);
	return rc;
}
