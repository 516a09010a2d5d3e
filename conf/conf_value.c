/*
 * conf_value - value checkers shared by the keys: booleans, bounded
 * numbers, word lists, absolute paths, ports, host names, and the quoting
 * that keeps a hostile value from garbling an error message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/ascii.h"
#include "util/dnsname.h"
#include "util/printable.h"
#include "util/textbuf.h"
#include "conf_priv.h"

/* conf_quote - 'S' cut to CONF_QUOTE_MAX bytes, control and 8-bit bytes
 * as \xHH: the message may end up in syslog or on a terminal */
const char *conf_quote(const char *s, char *buf, size_t len)
{
	struct textbuf tb;
	size_t n;

	if (len < CONF_QUOTE_BUF) {
		if (len > 0)
			buf[0] = '\0';
		return buf;
	}
	for (n = 0; n < CONF_QUOTE_MAX && s[n] != '\0'; n++)
		;
	textbuf_init(&tb, buf, len);
	textbuf_putc(&tb, '\'');
	printable_put(&tb, s, n, PRINTABLE_HEX);
	if (s[n] != '\0')
		textbuf_puts(&tb, "...");
	textbuf_putc(&tb, '\'');
	return buf;
}

/* conf_set_string - replace K's string field with a copy of VALUE */
int conf_set_string(struct conf_ctx *x, const struct conf_key *k,
		    const char *value)
{
	char *copy = strdup(value);

	if (copy == NULL) {
		x->oom = 1;
		return -1;
	}
	free(CONF_FIELD(x, k, char *));
	CONF_FIELD(x, k, char *) = copy;
	return 0;
}

/* conf_next_item - next item of a list separated by commas and/or white
 * space; NULL at the end. Runs of separators count as one, so "a, b" and
 * "a b" are the same list. */
char *conf_next_item(char **cursor)
{
	char *p = *cursor, *item;

	while (*p == ',' || CONF_IS_SPACE(*p))
		p++;
	if (*p == '\0') {
		*cursor = p;
		return NULL;
	}
	item = p;
	while (*p != '\0' && *p != ',' && !CONF_IS_SPACE(*p))
		p++;
	if (*p != '\0')
		*p++ = '\0';
	*cursor = p;
	return item;
}

/* conf_port_parse - decimal 1..65535, nothing else: no sign, no name */
int conf_port_parse(const char *s, unsigned *port)
{
	unsigned v = 0;
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (!ascii_is_digit((unsigned char) s[i]) || i >= 5)
			return -1;
		v = v * 10 + (unsigned) (s[i] - '0');
	}
	if (i == 0 || v < 1 || v > 65535)
		return -1;
	*port = v;
	return 0;
}

/* conf_hostname_ok - RFC 1123 host name; an all-digit last label is
 * refused so that a mistyped address (1.2.3.999) is not taken for a name */
int conf_hostname_ok(const char *s)
{
	return dnsname_valid(s, DNSNAME_LDH | DNSNAME_HYPHENS | DNSNAME_NOTNUMERIC);
}

/* conf_authserv_ok - an RFC 8601 authserv-id as we emit it: an RFC 2045
 * token (printable ASCII, no tspecials), which every host name is */
int conf_authserv_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		unsigned char ch = (unsigned char) s[i];

		if (ch <= 0x20 || ch >= 0x7f || strchr("()<>@,;:\\\"/[]?=", ch))
			return 0;
	}
	return i > 0 && i <= 255;
}

/* conf_parse_bool - the six words and two digits admins use for yes/no */
void conf_parse_bool(struct conf_ctx *x, const struct conf_key *k, char *v)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };
	char q[CONF_QUOTE_BUF];
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			CONF_FIELD(x, k, int) = 1;
			return;
		}
		if (strcasecmp(v, no[i]) == 0) {
			CONF_FIELD(x, k, int) = 0;
			return;
		}
	}
	conf_error(x, "%s: %s is not a boolean (use yes, no, true, false, "
		   "on, off, 1 or 0)", k->name, conf_quote(v, q, sizeof(q)));
}

/* conf_parse_uint - a plain decimal inside K's range; "5x", "+5", "5.0"
 * and " 5 5" are refused rather than read as 5 */
void conf_parse_uint(struct conf_ctx *x, const struct conf_key *k, char *v)
{
	const struct conf_range *r = k->arg;
	char q[CONF_QUOTE_BUF];
	unsigned long n = 0;
	int big = 0;
	size_t i;

	for (i = 0; v[i] != '\0'; i++) {
		if (!ascii_is_digit((unsigned char) v[i])) {
			conf_error(x, "%s: %s is not a whole number of %s",
				   k->name, conf_quote(v, q, sizeof(q)), r->unit);
			return;
		}
		if (n > 100000000UL)
			big = 1;
		else
			n = n * 10 + (unsigned long) (v[i] - '0');
	}
	if (big || n < r->min || n > r->max) {
		conf_error(x, "%s: %s is out of range (%u..%u %s)", k->name,
			   conf_quote(v, q, sizeof(q)), r->min, r->max, r->unit);
		return;
	}
	CONF_FIELD(x, k, unsigned) = (unsigned) n * r->scale;
}

/* conf_parse_word - one of K's words, any case; the message lists them */
void conf_parse_word(struct conf_ctx *x, const struct conf_key *k, char *v)
{
	const struct conf_word *w;
	char q[CONF_QUOTE_BUF], list[256];
	struct textbuf tb;

	for (w = k->arg; w->word != NULL; w++) {
		if (strcasecmp(v, w->word) == 0) {
			CONF_FIELD(x, k, int) = w->value;
			return;
		}
	}
	textbuf_init(&tb, list, sizeof(list));
	for (w = k->arg; w->word != NULL; w++)
		textbuf_printf(&tb, "%s%s", tb.len ? ", " : "", w->word);
	conf_error(x, "%s: %s is not one of %s", k->name,
		   conf_quote(v, q, sizeof(q)), list);
}

/* conf_parse_abspath - an absolute file name: the daemon may chdir, and a
 * relative name would then point somewhere else */
void conf_parse_abspath(struct conf_ctx *x, const struct conf_key *k,
			char *v)
{
	char q[CONF_QUOTE_BUF];
	size_t i, len = strlen(v);

	if (v[0] != '/') {
		conf_error(x, "%s: %s is not an absolute path", k->name,
			   conf_quote(v, q, sizeof(q)));
		return;
	}
	for (i = 0; i < len; i++) {
		if (CONF_IS_SPACE(v[i])) {
			conf_error(x, "%s: %s contains white space", k->name,
				   conf_quote(v, q, sizeof(q)));
			return;
		}
	}
	if (v[len - 1] == '/') {
		conf_error(x, "%s: %s names a directory, not a file", k->name,
			   conf_quote(v, q, sizeof(q)));
		return;
	}
	conf_set_string(x, k, v);
}
