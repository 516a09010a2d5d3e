/*
 * dnsname - domain names in text form; see dnsname.h.
 */
#include <string.h>

#include "ascii.h"
#include "dnsname.h"

/* label_octet - C may be in a label under MODE */
static int label_octet(int c, int mode)
{
	if (c == '.')
		return 0;
	if (!(mode & DNSNAME_LDH))
		return 1;
	if (ascii_is_alpha(c) || ascii_is_digit(c) || c == '-')
		return 1;
	if (c == '_')
		return (mode & DNSNAME_UNDERSCORE) != 0;
	return c >= 0x80 && (mode & DNSNAME_8BIT);
}

/* dnsname_check - one pass from the left; the first problem wins */
enum dnsname_error dnsname_check(const char *s, size_t n, int mode)
{
	size_t i, label = 0;
	int c, prev = '.', digits = 1;

	if (!(mode & DNSNAME_NOROOT) && n > 0 && s[n - 1] == '.')
		n--;
	if (n == 0)
		return DNSNAME_EMPTY;
	if (n > DNSNAME_MAX)
		return DNSNAME_TOOLONG;
	for (i = 0; i < n; prev = c, i++) {
		c = (unsigned char) s[i];
		if (c == '.') {
			if (label == 0)
				return DNSNAME_EMPTYLABEL;
			if ((mode & DNSNAME_HYPHENS) && prev == '-')
				return DNSNAME_HYPHENEND;
			label = 0;
			digits = 1;
		} else if (!label_octet(c, mode)) {
			return DNSNAME_BADCHAR;
		} else if ((mode & DNSNAME_HYPHENS) && label == 0 && c == '-') {
			return DNSNAME_HYPHENSTART;
		} else if (++label > DNSNAME_LABEL_MAX) {
			return DNSNAME_LONGLABEL;
		} else if (!ascii_is_digit(c)) {
			digits = 0;
		}
	}
	if (label == 0)
		return DNSNAME_EMPTYLABEL;
	if ((mode & DNSNAME_HYPHENS) && prev == '-')
		return DNSNAME_HYPHENEND;
	if ((mode & DNSNAME_NOTNUMERIC) && digits)
		return DNSNAME_NUMERIC;
	return DNSNAME_OK;
}

/* dnsname_valid - the check on a string */
int dnsname_valid(const char *s, int mode)
{
	return s != NULL && dnsname_check(s, strlen(s), mode) == DNSNAME_OK;
}

/* dnsname_lower - checked, then copied */
enum dnsname_error dnsname_lower(const char *s, size_t n, int mode,
				 char *out, size_t outlen)
{
	enum dnsname_error e = dnsname_check(s, n, mode);
	size_t i;

	if (e != DNSNAME_OK)
		return e;
	if (s[n - 1] == '.')
		n--;
	if (n >= outlen)
		return DNSNAME_TOOLONG;
	for (i = 0; i < n; i++)
		out[i] = (char) ascii_lower((unsigned char) s[i]);
	out[n] = '\0';
	return DNSNAME_OK;
}

/* dnsname_why - policy/domain.c's words, which log lines carry */
const char *dnsname_why(enum dnsname_error e)
{
	switch (e) {
	case DNSNAME_OK: return "";
	case DNSNAME_EMPTY: return "empty name";
	case DNSNAME_TOOLONG: return "name over 253 octets";
	case DNSNAME_EMPTYLABEL: return "empty label";
	case DNSNAME_BADCHAR: return "character other than a letter, digit or hyphen";
	case DNSNAME_HYPHENSTART: return "label starts with a hyphen";
	case DNSNAME_HYPHENEND: return "label ends with a hyphen";
	case DNSNAME_LONGLABEL: return "label over 63 octets";
	case DNSNAME_NUMERIC: return "all-digit last label";
	}
	return "bad name";
}

/* dnsname_under - a suffix that starts at a label */
int dnsname_under(const char *name, const char *domain, size_t dlen)
{
	size_t n = strlen(name);

	if (dlen > 0 && domain[dlen - 1] == '.')
		dlen--;
	if (n > 0 && name[n - 1] == '.')
		n--;
	if (dlen == 0 || n < dlen || !ascii_same_n(name + n - dlen, domain, dlen))
		return 0;
	return n == dlen || name[n - dlen - 1] == '.';
}
