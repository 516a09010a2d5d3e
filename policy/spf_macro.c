/*
 * spf_macro - RFC 7208 macro strings; see spf_macro.h.
 *
 * One tokenizer serves both the syntax check and the expansion, so the
 * parser can never accept a string the expander would read differently.
 * Values are split, reversed and trimmed in place by index arithmetic
 * (no copy, no allocation), and the output goes through a bounded buffer
 * that keeps the left end of an explanation or the right end of a domain.
 */
#include <stdio.h>
#include <string.h>

#include "util/ascii.h"
#include "spf_macro.h"

#define MAX_DOMAIN      253     /* octets of a name in text form, 7.3 */
#define DIGITS_CAP      1000    /* more parts than any value can have */
#define WINDOW          2048    /* domain expansion work area */
#define WINDOW_TAIL     512     /* kept when the work area overflows */

static const char delim_chars[] = ".-+,/_=";

enum tok_kind {
	TOK_LITERAL,                /* a run of literal characters */
	TOK_ESCAPE,                 /* %%, %_ or %- */
	TOK_MACRO,                  /* %{...} */
};

struct mtok {
	enum tok_kind kind;
	const char *text;           /* literal run, or escape replacement */
	size_t len;
	int letter;                 /* macro letter, lower case */
	int upper;                  /* upper-case letter: URL-escape value */
	size_t digits;              /* right-hand parts to keep, 0 = all */
	int reverse;
	unsigned delims;            /* bit i: delim_chars[i] splits */
};

/* The output: either a window on the right end of a domain, or the
 * left end of a text cut at the caller's size. */
struct mbuf {
	char *b;
	size_t cap;
	size_t len;
	int keep_right;
	int lost;                   /* something was dropped */
};

/* literal_ok - macro-literal, plus SP inside explanation text */
static int literal_ok(unsigned char c, enum spf_macro_mode mode)
{
	if (c == ' ')
		return mode == SPF_MACRO_EXPLAIN;
	return c >= 0x21 && c <= 0x7e && c != '%';
}

/* letter_ok - c, r and t only where a person reads the result (7.3) */
static int letter_ok(int c, enum spf_macro_mode mode)
{
	const char *letters = mode == SPF_MACRO_DOMAIN ? "slodipvh"
	    : "slodipvhcrt";

	if (!ascii_is_alpha(c))
		return 0;
	if (c < 'a')
		c += 'a' - 'A';
	return strchr(letters, c) != NULL;
}

/* delim_bit - the bit for a delimiter character, or 0 */
static unsigned delim_bit(int c)
{
	const char *p;

	if (c == '\0' || (p = strchr(delim_chars, c)) == NULL)
		return 0;
	return 1u << (p - delim_chars);
}

/* parse_macro - "%{" letter *DIGIT ["r"] *delimiter "}" at *POS */
static int parse_macro(const char *s, size_t len, size_t *pos,
		       enum spf_macro_mode mode, struct mtok *t)
{
	size_t p = *pos + 2;
	int had_digits = 0;

	if (p >= len || !letter_ok((unsigned char) s[p], mode)) {
		*pos = p < len ? p : *pos;
		return -1;
	}
	t->kind = TOK_MACRO;
	t->upper = s[p] >= 'A' && s[p] <= 'Z';
	t->letter = t->upper ? s[p] + ('a' - 'A') : s[p];
	t->digits = 0;
	t->reverse = 0;
	t->delims = 0;
	for (p++; p < len && ascii_is_digit((unsigned char) s[p]); p++) {
		had_digits = 1;
		if (t->digits < DIGITS_CAP)
			t->digits = t->digits * 10 + (size_t) (s[p] - '0');
	}
	/* "keep zero parts" has no meaning; 7.3 wants a nonzero count */
	if (had_digits && t->digits == 0) {
		*pos = p - 1;
		return -1;
	}
	if (p < len && (s[p] == 'r' || s[p] == 'R')) {
		t->reverse = 1;
		p++;
	}
	for (; p < len && delim_bit((unsigned char) s[p]); p++)
		t->delims |= delim_bit((unsigned char) s[p]);
	if (p >= len || s[p] != '}') {
		*pos = p < len ? p : *pos;
		return -1;
	}
	*pos = p + 1;
	return 1;
}

/* next_tok - the token at *POS: 1 and advance, 0 at end, -1 with *POS
 * at the offending octet */
static int next_tok(const char *s, size_t len, size_t *pos,
		    enum spf_macro_mode mode, struct mtok *t)
{
	size_t p = *pos;

	if (p >= len)
		return 0;
	if (s[p] != '%') {
		while (p < len && literal_ok((unsigned char) s[p], mode))
			p++;
		if (p == *pos)
			return -1;
		t->kind = TOK_LITERAL;
		t->text = s + *pos;
		t->len = p - *pos;
		*pos = p;
		return 1;
	}
	if (p + 1 >= len)
		return -1;
	t->kind = TOK_ESCAPE;
	switch (s[p + 1]) {
	case '%':
		t->text = "%";
		break;
	case '_':
		t->text = " ";
		break;
	case '-':
		t->text = "%20";
		break;
	case '{':
		return parse_macro(s, len, pos, mode, t);
	default:
		return -1;
	}
	t->len = strlen(t->text);
	*pos = p + 2;
	return 1;
}

/* spf_macro_check - tokenize the whole string, remember the last macro */
enum spf_macro_status spf_macro_check(const char *s, size_t len,
				      enum spf_macro_mode mode,
				      size_t *errpos, size_t *macro_end)
{
	struct mtok t;
	size_t pos = 0;
	int r;

	if (macro_end)
		*macro_end = 0;
	while ((r = next_tok(s, len, &pos, mode, &t)) > 0)
		if (t.kind != TOK_LITERAL && macro_end)
			*macro_end = pos;
	if (r < 0) {
		if (errpos)
			*errpos = pos;
		return SPF_MACRO_SYNTAX;
	}
	return SPF_MACRO_OK;
}

/* mbuf_put - append, dropping from the kept end's opposite side */
static void mbuf_put(struct mbuf *m, const char *p, size_t n)
{
	size_t keep;

	if (m->len + n > m->cap) {
		m->lost = 1;
		if (!m->keep_right) {
			n = m->cap - m->len;
		} else if (n >= m->cap - WINDOW_TAIL) {
			p += n - (m->cap - WINDOW_TAIL);
			n = m->cap - WINDOW_TAIL;
			m->len = 0;
		} else {
			keep = m->len < WINDOW_TAIL ? m->len : WINDOW_TAIL;
			memmove(m->b, m->b + m->len - keep, keep);
			m->len = keep;
		}
	}
	memcpy(m->b + m->len, p, n);
	m->len += n;
}

/* unreserved - RFC 3986 characters left alone by URL escaping */
static int unreserved(int c)
{
	return ascii_is_alpha(c) || ascii_is_digit(c) || c == '-' || c == '.'
	    || c == '_' || c == '~';
}

/* emit_part - copy a value piece, delimiters turned into dots, URL
 * escaping for upper-case macros; batched so the buffer sees few puts */
static void emit_part(struct mbuf *m, const char *v, size_t n,
		      unsigned delims, int escape)
{
	static const char hex[] = "0123456789ABCDEF";
	char chunk[256];
	size_t used = 0, i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char) v[i];
		if (delim_bit(c) & delims)
			c = '.';
		if (escape && !unreserved(c)) {
			chunk[used++] = '%';
			chunk[used++] = hex[c >> 4];
			chunk[used++] = hex[c & 15];
		} else {
			chunk[used++] = (char) c;
		}
		if (used > sizeof(chunk) - 3) {
			mbuf_put(m, chunk, used);
			used = 0;
		}
	}
	mbuf_put(m, chunk, used);
}

/* emit_value - split on the delimiters, optionally reverse, keep the
 * right-hand parts, rejoin with dots (7.3) */
static void emit_value(struct mbuf *m, const char *v, const struct mtok *t)
{
	unsigned delims = t->delims ? t->delims : delim_bit('.');
	size_t n = strlen(v), parts = 1, keep, seen, i, e;

	for (i = 0; i < n; i++)
		if (delim_bit((unsigned char) v[i]) & delims)
			parts++;
	keep = t->digits && t->digits < parts ? t->digits : parts;
	if (!t->reverse) {
		/* the last KEEP parts start after delimiter number parts-keep */
		for (i = 0, seen = 0; seen < parts - keep; i++)
			if (delim_bit((unsigned char) v[i]) & delims)
				seen++;
		emit_part(m, v + i, n - i, delims, t->upper);
		return;
	}
	/* reversed, the last KEEP parts are the first KEEP, last first */
	for (e = 0, seen = 0; e < n; e++)
		if ((delim_bit((unsigned char) v[e]) & delims) && ++seen == keep)
			break;
	for (i = e; i > 0; i--) {
		if (delim_bit((unsigned char) v[i - 1]) & delims) {
			emit_part(m, v + i, e - i, delims, t->upper);
			mbuf_put(m, ".", 1);
			e = i - 1;
		}
	}
	emit_part(m, v, e, delims, t->upper);
}

/* macro_value - what a letter stands for */
static const char *macro_value(const struct spf_macro_env *env, int letter,
			       char *tbuf, size_t tlen)
{
	const char *v = NULL;

	switch (letter) {
	case 's': v = env->sender; break;
	case 'l': v = env->local; break;
	case 'o': v = env->sender_domain; break;
	case 'd': v = env->domain; break;
	case 'i': v = env->ip_macro; break;
	case 'c': v = env->ip_text; break;
	case 'v': v = env->ip_version; break;
	case 'h': v = env->helo; break;
	case 'r': v = env->receiver ? env->receiver : "unknown"; break;
	case 'p':
		v = env->ptr_name ? env->ptr_name(env->ptr_arg) : "unknown";
		break;
	case 't':
		snprintf(tbuf, tlen, "%lld", (long long) env->now);
		v = tbuf;
		break;
	}
	return v ? v : "";
}

/* expand_into - run the tokens into M */
static enum spf_macro_status expand_into(const struct spf_macro_env *env,
					 const char *s, size_t len,
					 enum spf_macro_mode mode,
					 struct mbuf *m)
{
	struct mtok t;
	size_t pos = 0;
	char tbuf[32];
	int r;

	while ((r = next_tok(s, len, &pos, mode, &t)) > 0) {
		if (t.kind == TOK_MACRO)
			emit_value(m, macro_value(env, t.letter, tbuf,
						  sizeof(tbuf)), &t);
		else
			mbuf_put(m, t.text, t.len);
	}
	return r < 0 ? SPF_MACRO_SYNTAX : SPF_MACRO_OK;
}

/* finish_domain - drop a trailing dot, then whole labels from the left
 * until at most 253 octets remain (7.3) */
static enum spf_macro_status finish_domain(struct mbuf *m, char *out,
					   size_t outsize)
{
	size_t len = m->len, start = 0, i;

	if (len > 0 && m->b[len - 1] == '.')
		len--;
	if (m->lost || len > MAX_DOMAIN) {
		i = len > MAX_DOMAIN ? len - MAX_DOMAIN : 1;
		for (start = 0; i < len; i++) {
			if (i > 0 && m->b[i - 1] == '.') {
				start = i;
				break;
			}
		}
		if (start == 0)
			return SPF_MACRO_TOOLONG;
	}
	if (len - start >= outsize)
		return SPF_MACRO_TOOLONG;
	memcpy(out, m->b + start, len - start);
	out[len - start] = '\0';
	return SPF_MACRO_OK;
}

/* spf_macro_expand - bounded expansion for MODE */
enum spf_macro_status spf_macro_expand(const struct spf_macro_env *env,
				       const char *s, size_t len,
				       enum spf_macro_mode mode,
				       char *out, size_t outsize)
{
	char window[WINDOW];
	struct mbuf m;
	enum spf_macro_status st;

	if (outsize == 0)
		return SPF_MACRO_TOOLONG;
	out[0] = '\0';
	memset(&m, 0, sizeof(m));
	if (mode == SPF_MACRO_DOMAIN) {
		m.b = window;
		m.cap = sizeof(window);
		m.keep_right = 1;
	} else {
		m.b = out;
		m.cap = outsize - 1;
	}
	if ((st = expand_into(env, s, len, mode, &m)) != SPF_MACRO_OK) {
		out[0] = '\0';
		return st;
	}
	if (mode == SPF_MACRO_DOMAIN)
		return finish_domain(&m, out, outsize);
	out[m.len] = '\0';
	return SPF_MACRO_OK;
}
