/*
 * publicsuffix - organizational domains by libpsl; see publicsuffix.h.
 *
 * libpsl answers for whatever string it is given ("mac...com" has the
 * registrable domain "..com"), so names are checked here first: no empty
 * label, nothing but letters, digits, "-", "_" and UTF-8 octets (the list
 * holds U-labels and libpsl matches A-labels against them). Lower case
 * comes first, with libpsl's own psl_str_to_utf8lower
 * (doc/DESIGN.md, "Library traps").
 */
#include <libpsl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/dnsname.h"
#include "publicsuffix.h"

struct publicsuffix {
	psl_ctx_t *psl;
};

/* publicsuffix_load - read the list once */
struct publicsuffix *publicsuffix_load(const char *path, char *err,
				       size_t errlen)
{
	struct publicsuffix *p;

	if (path == NULL)
		path = PUBLICSUFFIX_DEFAULT_FILE;
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	if ((p->psl = psl_load_file(path)) == NULL) {
		snprintf(err, errlen, "%s: cannot load a public suffix list",
			 path);
		free(p);
		return NULL;
	}
	return p;
}

/* publicsuffix_free - NULL is fine */
void publicsuffix_free(struct publicsuffix *p)
{
	if (p == NULL)
		return;
	psl_free(p->psl);
	free(p);
}

/* utf8_ok - well-formed UTF-8 (RFC 3629): no stray continuation octet,
 * no overlong form, no surrogate, nothing past U+10FFFF */
static int utf8_ok(const unsigned char *s)
{
	static const unsigned long least[4] = {0, 0x80, 0x800, 0x10000};
	unsigned long cp;
	int more, n;

	for (; *s; s++) {
		if (*s < 0x80)
			continue;
		if (*s >= 0xc2 && *s <= 0xdf)
			more = 1, cp = *s & 0x1f;
		else if (*s >= 0xe0 && *s <= 0xef)
			more = 2, cp = *s & 0x0f;
		else if (*s >= 0xf0 && *s <= 0xf4)
			more = 3, cp = *s & 0x07;
		else
			return 0;
		for (n = more; n > 0; n--) {
			if ((s[1] & 0xc0) != 0x80)
				return 0;       /* also stops at the NUL */
			cp = cp << 6 | (*++s & 0x3f);
		}
		if (cp < least[more] || (cp >= 0xd800 && cp <= 0xdfff)
		    || cp > 0x10ffff)
			return 0;
	}
	return 1;
}

/* name_ok - labels of 1..63 octets, 253 in all, no punctuation or space;
 * UTF-8 labels pass (the list has U-labels), a trailing dot does not */
static int name_ok(const char *name)
{
	return utf8_ok((const unsigned char *) name)
	    && dnsname_valid(name, DNSNAME_LDH | DNSNAME_UNDERSCORE | DNSNAME_8BIT
			     | DNSNAME_NOROOT);
}

/* publicsuffix_orgdomain - RFC 7489 3.2: the public suffix plus one label */
int publicsuffix_orgdomain(const struct publicsuffix *p, const char *name,
			   char *out, size_t outlen)
{
	char buf[256], *lower = NULL;
	const char *reg;
	size_t n;
	int rc = -1;

	if (p == NULL || name == NULL || outlen == 0)
		return -1;
	n = strlen(name);
	if (n > 0 && name[n - 1] == '.')
		n--;                    /* "example.com." is example.com */
	if (n >= sizeof(buf))
		return -1;
	memcpy(buf, name, n);
	buf[n] = '\0';
	if (!name_ok(buf))
		return -1;
	if (psl_str_to_utf8lower(buf, "utf-8", NULL, &lower) != PSL_SUCCESS)
		return -1;
	reg = psl_registrable_domain(p->psl, lower);
	if (reg != NULL && strlen(reg) < outlen) {
		memcpy(out, reg, strlen(reg) + 1);
		rc = 0;
	}
	psl_free_string(lower);
	return rc;
}
