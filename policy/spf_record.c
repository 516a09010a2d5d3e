/*
 * spf_record - SPF record parser; see spf_record.h.
 *
 * A record is "v=spf1" and terms separated by spaces (only 0x20: 4.6.1).
 * A term that starts with a name and "=" is a modifier, anything else is
 * a mechanism. Each mechanism's argument grammar (section 5) is checked
 * here, once, so the evaluator only meets well-formed terms. The dual
 * CIDR suffix of a and mx is read from the right because a domain-spec
 * may itself contain "/" and ":" (7.1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "util/ascii.h"
#include "util/printable.h"
#include "spf_macro.h"
#include "spf_record.h"

#define QUOTE_MAX 48            /* octets of a term shown in an error */

struct mech_name {
	const char *name;
	enum spf_mech mech;
};

static const struct mech_name mech_names[] = {
	{"all", SPF_MECH_ALL},
	{"include", SPF_MECH_INCLUDE},
	{"a", SPF_MECH_A},
	{"mx", SPF_MECH_MX},
	{"ptr", SPF_MECH_PTR},
	{"ip4", SPF_MECH_IP4},
	{"ip6", SPF_MECH_IP6},
	{"exists", SPF_MECH_EXISTS},
};

/* spf_record_is_spf - version check of 4.5 */
int spf_record_is_spf(const char *text, size_t len)
{
	if (text == NULL || len < 6 || !ascii_same_word(text, 6, "v=spf1"))
		return 0;
	return len == 6 || text[6] == ' ';
}

/* spf_term_quote - printable, bounded copy for messages */
const char *spf_term_quote(const char *text, size_t len, char *buf,
			   size_t buflen)
{
	return printable_n(text, len, buf, buflen,
			   PRINTABLE_HEX | PRINTABLE_BACKSLASH | PRINTABLE_DOTS);
}

/* toplabel_ok - 7.1: alphanumerics with a letter, or with inner dashes */
static int toplabel_ok(const char *s, size_t n)
{
	size_t i;
	int alpha = 0, dash = 0;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] == '-')
			dash = 1;
		else if (ascii_is_alpha((unsigned char) s[i]))
			alpha = 1;
		else if (!ascii_is_digit((unsigned char) s[i]))
			return 0;
	}
	if (dash)
		return s[0] != '-' && s[n - 1] != '-';
	return alpha;
}

/* spf_domain_spec_check - macro-string, then domain-end */
int spf_domain_spec_check(const char *s, size_t len)
{
	size_t macro_end, errpos, e, d;

	if (len == 0 || spf_macro_check(s, len, SPF_MACRO_DOMAIN, &errpos,
					&macro_end) != SPF_MACRO_OK)
		return -1;
	/* A name that ends in a macro is checked after expansion, by DNS;
	 * "%{d}." is common enough in the wild to accept the dot too. */
	if (macro_end > 0 && (macro_end == len
			      || (macro_end == len - 1 && s[len - 1] == '.')))
		return 0;
	e = s[len - 1] == '.' ? len - 1 : len;
	for (d = e; d > 0 && s[d - 1] != '.'; d--)
		;
	if (d == 0)
		return -1;
	return toplabel_ok(s + d, e - d) ? 0 : -1;
}

/* cidr_value - "0" or a number without leading zero, at most MAX */
static int cidr_value(const char *s, size_t n, int max, int *out)
{
	size_t i;
	int v = 0;

	if (n == 0 || n > 3 || (n > 1 && s[0] == '0'))
		return -1;
	for (i = 0; i < n; i++) {
		if (!ascii_is_digit((unsigned char) s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

/* digits_start - where the run of digits that ends at E begins */
static size_t digits_start(const char *s, size_t e)
{
	while (e > 0 && ascii_is_digit((unsigned char) s[e - 1]))
		e--;
	return e;
}

/* parse_dual_cidr - strip [ "/" ip4-cidr ] [ "//" ip6-cidr ] from the
 * right of S; *END is what is left. -1 for a malformed length. */
static int parse_dual_cidr(const char *s, size_t n, size_t *end,
			   int *cidr4, int *cidr6)
{
	size_t e = n, d = digits_start(s, n);

	*cidr4 = 32;
	*cidr6 = 128;
	if (d < e && d >= 2 && s[d - 1] == '/' && s[d - 2] == '/') {
		if (cidr_value(s + d, e - d, 128, cidr6) < 0)
			return -1;
		e = d - 2;
		d = digits_start(s, e);
	}
	if (d < e && d >= 1 && s[d - 1] == '/') {
		if (cidr_value(s + d, e - d, 32, cidr4) < 0)
			return -1;
		e = d - 1;
	}
	*end = e;
	return 0;
}

/* parse_ip - ip4-network/ip6-network with an optional single CIDR */
static int parse_ip(const char *s, size_t n, int family,
		    struct netaddr *net, int *prefix)
{
	char addr[NETADDR_STRLEN];
	const char *slash = memchr(s, '/', n);
	size_t alen = slash ? (size_t) (slash - s) : n;

	if (alen == 0 || alen >= sizeof(addr))
		return -1;
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	if (netaddr_parse(addr, net) != 0 || net->family != family)
		return -1;
	*prefix = family == AF_INET ? 32 : 128;
	if (slash == NULL)
		return 0;
	return cidr_value(slash + 1, n - alen - 1, *prefix, prefix);
}

/* spec_arg - ":" domain-spec, required */
static int spec_arg(const char *rest, size_t n, struct spf_term *t)
{
	if (n < 2 || rest[0] != ':'
	    || spf_domain_spec_check(rest + 1, n - 1) != 0)
		return -1;
	t->spec = rest + 1;
	t->speclen = n - 1;
	return 0;
}

/* mech_args - the argument grammar of each mechanism (section 5) */
static int mech_args(struct spf_term *t, const char *rest, size_t n)
{
	size_t end;

	switch (t->mech) {
	case SPF_MECH_ALL:
		return n == 0 ? 0 : -1;
	case SPF_MECH_INCLUDE:
	case SPF_MECH_EXISTS:
		return spec_arg(rest, n, t);
	case SPF_MECH_PTR:
		return n == 0 ? 0 : spec_arg(rest, n, t);
	case SPF_MECH_A:
	case SPF_MECH_MX:
		if (parse_dual_cidr(rest, n, &end, &t->cidr4, &t->cidr6) < 0)
			return -1;
		return end == 0 ? 0 : spec_arg(rest, end, t);
	case SPF_MECH_IP4:
		if (n < 2 || rest[0] != ':')
			return -1;
		return parse_ip(rest + 1, n - 1, AF_INET, &t->net, &t->cidr4);
	case SPF_MECH_IP6:
		if (n < 2 || rest[0] != ':')
			return -1;
		return parse_ip(rest + 1, n - 1, AF_INET6, &t->net, &t->cidr6);
	}
	return -1;
}

/* parse_mechanism - [qualifier] name [args] */
static int parse_mechanism(struct spf_record *rec, const char *s, size_t n)
{
	struct spf_term *t = &rec->terms[rec->nterms];
	size_t p = 0, name, i;

	memset(t, 0, sizeof(*t));
	t->text = s;
	t->textlen = n;
	t->qualifier = SPF_PASS;
	switch (s[0]) {
	case '+': p = 1; break;
	case '-': t->qualifier = SPF_FAIL; p = 1; break;
	case '~': t->qualifier = SPF_SOFTFAIL; p = 1; break;
	case '?': t->qualifier = SPF_NEUTRAL; p = 1; break;
	}
	for (name = p; name < n && s[name] != ':' && s[name] != '/'; name++)
		;
	for (i = 0; i < sizeof(mech_names) / sizeof(mech_names[0]); i++) {
		if (ascii_same_word(s + p, name - p, mech_names[i].name)) {
			t->mech = mech_names[i].mech;
			if (mech_args(t, s + name, n - name) < 0)
				return -1;
			rec->nterms++;
			return 0;
		}
	}
	return -1;
}

/* parse_modifier - redirect=, exp= (each at most once, 6), or unknown */
static int parse_modifier(struct spf_record *rec, const char *name,
			  size_t namelen, const char *val, size_t vlen,
			  char *err, size_t errlen)
{
	const char **slot;
	size_t *slotlen;

	if (ascii_same_word(name, namelen, "redirect")) {
		slot = &rec->redirect;
		slotlen = &rec->redirectlen;
	} else if (ascii_same_word(name, namelen, "exp")) {
		slot = &rec->exp;
		slotlen = &rec->explen;
	} else {
		return spf_macro_check(val, vlen, SPF_MACRO_STRING, NULL,
				       NULL) == SPF_MACRO_OK ? 0 : -1;
	}
	if (*slot != NULL) {
		snprintf(err, errlen, "syntax error: %s= appears twice",
			 slot == &rec->exp ? "exp" : "redirect");
		return -2;
	}
	if (spf_domain_spec_check(val, vlen) != 0)
		return -1;
	*slot = val;
	*slotlen = vlen;
	return 0;
}

/* parse_term - one space-free term; -1 syntax (message by the caller),
 * -2 syntax with the message already in ERR */
static int parse_term(struct spf_record *rec, const char *s, size_t n,
		      size_t *errat, char *err, size_t errlen)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ((unsigned char) s[i] < 0x21 || (unsigned char) s[i] > 0x7e) {
			*errat = i;
			return -1;
		}
	}
	if (ascii_is_alpha((unsigned char) s[0])) {
		for (i = 1; i < n && (ascii_is_alpha((unsigned char) s[i])
				      || ascii_is_digit((unsigned char) s[i])
				      || strchr("-_.", s[i])); i++)
			;
		if (i < n && s[i] == '=')
			return parse_modifier(rec, s, i, s + i + 1, n - i - 1,
					      err, errlen);
	}
	/* "=" before ":" or "/" is a modifier with a bad or empty name */
	for (i = 0; i < n && s[i] != ':' && s[i] != '/'; i++)
		if (s[i] == '=')
			return -1;
	return parse_mechanism(rec, s, n);
}

/* syntax_error - "syntax error near 'TERM'" */
static enum spf_record_status syntax_error(const char *s, size_t n,
					   char *err, size_t errlen)
{
	char q[QUOTE_MAX];

	if (errlen > 0)
		snprintf(err, errlen, "syntax error near '%s'",
			 spf_term_quote(s, n, q, sizeof(q)));
	return SPF_RECORD_SYNTAX;
}

/* count_terms - space-separated words after the version */
static size_t count_terms(const char *s, size_t len)
{
	size_t p, n = 0;

	for (p = 6; p < len; p++)
		if (s[p] != ' ' && s[p - 1] == ' ')
			n++;
	return n;
}

/* spf_record_parse - bound, copy, split on spaces, parse each term */
enum spf_record_status spf_record_parse(const char *text, size_t len,
					struct spf_record *rec,
					char *err, size_t errlen)
{
	size_t p, start, errat;
	int r;

	memset(rec, 0, sizeof(*rec));
	if (errlen > 0)
		err[0] = '\0';
	if (len > SPF_MAX_RECORD) {
		if (errlen > 0)
			snprintf(err, errlen, "SPF record too long (%zu octets)",
				 len);
		return SPF_RECORD_TOOLONG;
	}
	if (!spf_record_is_spf(text, len)) {
		if (errlen > 0)
			snprintf(err, errlen, "not an SPF record");
		return SPF_RECORD_NOT_SPF;
	}
	rec->buf = malloc(len + 1);
	rec->terms = calloc(count_terms(text, len) + 1, sizeof(*rec->terms));
	if (rec->buf == NULL || rec->terms == NULL) {
		spf_record_free(rec);
		return SPF_RECORD_NOMEM;
	}
	memcpy(rec->buf, text, len);
	rec->buf[len] = '\0';
	for (p = 6; p < len;) {
		if (rec->buf[p] == ' ') {
			p++;
			continue;
		}
		for (start = p; p < len && rec->buf[p] != ' '; p++)
			;
		errat = 0;
		r = parse_term(rec, rec->buf + start, p - start, &errat, err,
			       errlen);
		if (r < 0) {
			if (r == -1)
				syntax_error(rec->buf + start, p - start, err,
					     errlen);
			spf_record_free(rec);
			rec->errpos = start + errat;
			return SPF_RECORD_SYNTAX;
		}
	}
	return SPF_RECORD_OK;
}

/* spf_record_free - release what spf_record_parse allocated */
void spf_record_free(struct spf_record *rec)
{
	if (rec == NULL)
		return;
	free(rec->buf);
	free(rec->terms);
	memset(rec, 0, sizeof(*rec));
}
