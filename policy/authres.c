/*
 * authres - build our Authentication-Results field value; see authres.h.
 *
 * Property values, comments and reasons carry what the sender chose (MAIL
 * FROM, HELO, header.from, a DKIM d=), so nothing from them reaches the
 * output raw unless the RFC 8601 grammar takes it raw: a value is written
 * bare only when it is a token or [local-part]@domain-name, otherwise as
 * a quoted-string; control bytes and bytes >= 0x80 become '?' wherever
 * they appear, since a quoted-pair cannot carry them. The names we choose
 * ourselves (authserv-id, method, result, ptype, property) are checked,
 * never repaired: a bad one is a bug in the caller and fails the call.
 */
#include <string.h>

#include "util/ascii.h"
#include "util/printable.h"
#include "util/textbuf.h"
#include "authres.h"

#define FIELD_PREFIX	24	/* strlen("Authentication-Results: ") */
#define TAB_WIDTH	8	/* a tab counts as it looks in a terminal */
#define LINE_HARD_MAX	998	/* RFC 5322 2.1.1: MUST NOT be longer */

/*
 * Output goes through struct out: a textbuf, which never writes past its
 * buffer and keeps counting when full, so that the same code measures a
 * piece (no buffer) and writes it; and the position on the current line,
 * which decides the folding.
 */
struct out {
	struct textbuf tb;
	size_t col;		/* display column on the current line */
	size_t octets;		/* bytes on the current line */
	int toolong;		/* a line went past LINE_HARD_MAX */
};

/* Pieces of one resinfo, in order; PROP0 + i is property i. */
enum {
	PIECE_METHOD, PIECE_COMMENT, PIECE_REASON, PIECE_PROP0
};
#define MAX_PIECES	(PIECE_PROP0 + AUTHRES_MAX_PROPS)

/* out_putc - one byte */
static void out_putc(struct out *o, int c)
{
	textbuf_putc(&o->tb, c);
	if (c == '\n') {
		o->col = o->octets = 0;
		return;
	}
	o->col += (c == '\t') ? TAB_WIDTH : 1;
	if (++o->octets > LINE_HARD_MAX)
		o->toolong = 1;
}

/* out_puts - a string the caller has checked or made safe */
static void out_puts(struct out *o, const char *s)
{
	while (*s)
		out_putc(o, (unsigned char) *s++);
}

/* put_escaped - S with the bytes in SPECIALS as quoted-pairs */
static void put_escaped(struct out *o, const char *s, const char *specials)
{
	int c;

	for (; *s; s++) {
		c = (unsigned char) *s;
		if (strchr(specials, c) != NULL)
			out_putc(o, '\\');
		out_putc(o, printable_char(c, PRINTABLE_QMARK));
	}
}

/* is_keyword - RFC 5321 Keyword (Ldh-str): letters, digits, '-', not
 * ending in '-'; the shape of method, result, ptype and property */
static int is_keyword(const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0')
		return 0;
	for (i = 0; s[i]; i++)
		if (!(ascii_is_alnum((unsigned char) s[i]) || s[i] == '-'))
			return 0;
	return s[i - 1] != '-';
}

/* is_domain_name - RFC 6376 domain-name: two or more sub-domains, each
 * letters, digits and inner hyphens */
static int is_domain_name(const char *s)
{
	size_t labels = 0;
	const char *p;

	for (;;) {
		if (!ascii_is_alnum((unsigned char) *s))
			return 0;
		for (p = s; ascii_is_alnum((unsigned char) *p) || *p == '-'; p++)
			;
		if (p[-1] == '-')
			return 0;
		labels++;
		if (*p == '\0')
			return labels >= 2;
		if (*p != '.')
			return 0;
		s = p + 1;
	}
}

/* is_atext - RFC 5322 atext */
static int is_atext(int c)
{
	return ascii_is_alnum(c) || (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

/* is_address - RFC 8601 pvalue's [ [local-part] "@" ] domain-name, with
 * the "@" present (a bare domain-name is a token anyway) and local-part
 * a dot-atom (a quoted local-part gets the whole value quoted instead) */
static int is_address(const char *s)
{
	const char *at = strchr(s, '@');
	const char *p;

	if (at == NULL)
		return 0;
	for (p = s; p < at; p++) {
		if (is_atext((unsigned char) *p))
			continue;
		if (*p != '.' || p == s || p + 1 == at || p[1] == '.')
			return 0;
	}
	return is_domain_name(at + 1);
}

/* put_value - a pvalue: bare when the grammar allows, else quoted */
static void put_value(struct out *o, const char *v)
{
	if (authres_is_token(v, strlen(v)) || is_address(v)) {
		out_puts(o, v);
	} else {
		out_putc(o, '"');
		put_escaped(o, v, "\\\"");
		out_putc(o, '"');
	}
}

/* put_piece - one space-free piece of a resinfo */
static void put_piece(struct out *o, const struct authres_entry *e, int piece)
{
	const struct authres_prop *pr;

	if (piece == PIECE_METHOD) {
		out_puts(o, e->method);
		out_putc(o, '=');
		out_puts(o, e->result);
	} else if (piece == PIECE_COMMENT) {
		out_putc(o, '(');
		put_escaped(o, e->comment, "()\\");
		out_putc(o, ')');
	} else if (piece == PIECE_REASON) {
		out_puts(o, "reason=\"");
		put_escaped(o, e->reason, "\\\"");
		out_putc(o, '"');
	} else {
		pr = &e->props[piece - PIECE_PROP0];
		out_puts(o, pr->ptype);
		out_putc(o, '.');
		out_puts(o, pr->property);
		out_putc(o, '=');
		put_value(o, pr->value);
	}
}

/* piece_len - what put_piece would write, measured */
static size_t piece_len(const struct authres_entry *e, int piece)
{
	struct out m;

	memset(&m, 0, sizeof(m));
	textbuf_init(&m.tb, NULL, 0);
	put_piece(&m, e, piece);
	return m.tb.len;
}

/* entry_pieces - the pieces E has, in order; returns how many */
static int entry_pieces(const struct authres_entry *e, int *pieces)
{
	int n = 0;
	int i;

	pieces[n++] = PIECE_METHOD;
	if (e->comment != NULL && *e->comment != '\0')
		pieces[n++] = PIECE_COMMENT;
	if (e->reason != NULL && *e->reason != '\0')
		pieces[n++] = PIECE_REASON;
	for (i = 0; i < e->nprops; i++)
		pieces[n++] = PIECE_PROP0 + i;
	return n;
}

/* put_gap - a space, or a fold when a space and NEED more columns would
 * reach the line limit */
static void put_gap(struct out *o, size_t need)
{
	if (o->col + 1 + need < AUTHRES_LINE_MAX) {
		out_putc(o, ' ');
	} else {
		out_putc(o, '\n');
		out_putc(o, '\t');
	}
}

/* put_resinfo - " method=result ...", folded before it when it fits on
 * a line of its own, and between its pieces only when it does not.
 * SEMI is 1 when a ';' follows, which must fit on the line too. */
static void put_resinfo(struct out *o, const struct authres_entry *e, int semi)
{
	int pieces[MAX_PIECES];
	size_t lens[MAX_PIECES];
	size_t total = (size_t) semi;
	int n = entry_pieces(e, pieces);
	int i;

	for (i = 0; i < n; i++) {
		lens[i] = piece_len(e, pieces[i]);
		total += lens[i] + (i > 0);
	}
	if (TAB_WIDTH + total < AUTHRES_LINE_MAX) {
		put_gap(o, total);
		for (i = 0; i < n; i++) {
			if (i > 0)
				out_putc(o, ' ');
			put_piece(o, e, pieces[i]);
		}
	} else {
		for (i = 0; i < n; i++) {
			put_gap(o, lens[i] + (i == n - 1 ? (size_t) semi : 0));
			put_piece(o, e, pieces[i]);
		}
	}
	if (semi)
		out_putc(o, ';');
}

/* entry_ok - the names we write bare are what the grammar says */
static int entry_ok(const struct authres_entry *e)
{
	int i;

	if (!is_keyword(e->method) || !is_keyword(e->result)
	    || e->nprops < 0 || e->nprops > AUTHRES_MAX_PROPS)
		return 0;
	for (i = 0; i < e->nprops; i++)
		if (!is_keyword(e->props[i].ptype)
		    || !is_keyword(e->props[i].property)
		    || e->props[i].value == NULL)
			return 0;
	return 1;
}

/* authres_format - "authserv-id; resinfo; resinfo" or "authserv-id; none" */
int authres_format(const char *authserv_id, const struct authres_entry *e,
		   size_t n, char *buf, size_t buflen)
{
	struct out o;
	size_t i;

	if (buf == NULL || buflen == 0)
		return -1;
	buf[0] = '\0';
	if (authserv_id == NULL || !authres_is_token(authserv_id, strlen(authserv_id))
	    || (n > 0 && e == NULL))
		return -1;
	for (i = 0; i < n; i++)
		if (!entry_ok(&e[i]))
			return -1;
	memset(&o, 0, sizeof(o));
	textbuf_init(&o.tb, buf, buflen);
	o.col = o.octets = FIELD_PREFIX;
	out_puts(&o, authserv_id);
	out_putc(&o, ';');
	if (n == 0) {
		put_gap(&o, 4);
		out_puts(&o, "none");
	}
	for (i = 0; i < n; i++)
		put_resinfo(&o, &e[i], i + 1 < n);
	if (o.toolong || textbuf_truncated(&o.tb) || o.tb.len > AUTHRES_MAX_FIELD) {
		buf[0] = '\0';
		return -1;
	}
	return (int) o.tb.len;
}
