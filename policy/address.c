/*
 * address - RFC 5322 address lists (section 3.4 and the obsolete forms of
 * section 4.4); see address.h for what is decided and why.
 *
 * Two layers. A lexer turns the value into tokens - atoms, quoted strings,
 * domain literals, encoded words and the specials "<>@,:;." - and swallows
 * CFWS on the way; comments nest, so it counts their depth rather than
 * recursing. A parser then walks the address-list grammar one token at a
 * time with a fixed call depth, so no input can grow the stack. Words and
 * dots are collected before the parser knows whether they are a display
 * name or a local part (the token after them decides), which is how "Joe
 * <a@b>" and "joe@b" are told apart without backtracking.
 *
 * Whatever does not fit the grammar is SYNTAX: a list is used whole or
 * not at all, which is the lesson of both CVEs named in address.h.
 */
#include <string.h>

#include "util/ascii.h"
#include "address.h"

enum tok_type {
	T_END, T_BAD,
	T_ATOM, T_QSTRING, T_ENCWORD, T_DLIT,
	T_LT, T_GT, T_AT, T_COMMA, T_COLON, T_SEMI, T_DOT,
};

struct token {
	enum tok_type type;
	const unsigned char *text;	/* atom bytes; quoted string content */
	size_t len;
};

struct lexer {
	const unsigned char *p;
	const unsigned char *end;
};

/* Words and dots read before the next token says what they were. */
struct seq {
	char text[256];		/* as a local part: words joined, unquoted */
	size_t len;
	int items;		/* words and dots */
	int words;
	int encwords;		/* encoded words holding '@': phrase only */
	int adjacent;		/* two words with no dot between them */
	int lead_dot;		/* began with a dot */
	int last_word;		/* the latest item was a word */
};

struct parser {
	struct lexer lx;
	struct token tok;
	struct address_list *out;
	int in_group;
};

/* Internal outcome of one step: go on, or stop with a status. */
#define STEP_OK		0
#define STEP_SYNTAX	1
#define STEP_TOOMANY	2

/* is_atext - RFC 5322 atext, widened by RFC 6532 to every 8-bit byte */
static int is_atext(int c)
{
	if (c >= 0x80)
		return 1;
	if (ascii_is_alnum(c))
		return 1;
	return c != 0 && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}

/* is_special - RFC 5322 specials */
static int is_special(int c)
{
	return c != 0 && strchr("()<>[]:;@\\,.\"", c) != NULL;
}

/* fold_len - bytes of the line break at P if it is a fold (CRLF or a
 * bare LF, then WSP), 0 if P holds no line break, -1 if it is a break
 * that ends the field: inside one value that is an injected header */
static int fold_len(const unsigned char *p, const unsigned char *end)
{
	if (*p == '\r') {
		if (end - p >= 3 && p[1] == '\n' && ascii_is_wsp(p[2]))
			return 2;
		return -1;
	}
	if (*p == '\n')
		return (end - p >= 2 && ascii_is_wsp(p[1])) ? 1 : -1;
	return 0;
}

/* pair_ok - a quoted-pair at P: the escaped byte must exist and be none
 * of NUL, CR, LF (obs-qp allows them; a message line cannot hold them) */
static int pair_ok(const unsigned char *p, const unsigned char *end)
{
	return end - p >= 2 && p[1] != '\0' && p[1] != '\r' && p[1] != '\n';
}

/* scan_text - step over the inside of a quoted string (CLOSE '"'), a
 * domain literal (CLOSE ']') or a comment (CLOSE ')'), from just after
 * its opening byte; returns the closing byte's address, or NULL if the
 * text is malformed or never closed. Comments nest; their depth is a
 * count, bounded by ADDRESS_MAX_COMMENT_DEPTH. */
static const unsigned char *scan_text(const unsigned char *p,
				      const unsigned char *end, int close)
{
	int depth = 1, n;

	while (p < end) {
		if (*p == '\\') {
			if (!pair_ok(p, end))
				return NULL;
			p += 2;
		} else if ((n = fold_len(p, end)) != 0) {
			if (n < 0)
				return NULL;
			p += n;
		} else if (*p == '\0') {
			return NULL;
		} else if (close == ')' && *p == '(') {
			if (++depth > ADDRESS_MAX_COMMENT_DEPTH)
				return NULL;
			p++;
		} else if (*p == close && (close != ')' || --depth == 0)) {
			return p;
		} else if (close == ']' && *p == '[') {
			return NULL;
		} else {
			p++;
		}
	}
	return NULL;
}

/* skip_cfws - step over white space, folds and comments; -1 on a bad
 * line break or a bad comment */
static int skip_cfws(struct lexer *lx)
{
	const unsigned char *close;
	int n;

	while (lx->p < lx->end) {
		if (ascii_is_wsp(*lx->p)) {
			lx->p++;
		} else if ((n = fold_len(lx->p, lx->end)) != 0) {
			if (n < 0)
				return -1;
			lx->p += n;
		} else if (*lx->p == '(') {
			if ((close = scan_text(lx->p + 1, lx->end, ')')) == NULL)
				return -1;
			lx->p = close + 1;
		} else {
			break;
		}
	}
	return 0;
}

/* ew_token - length of an RFC 2047 token (charset or encoding) at P */
static size_t ew_token(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q = p;

	while (q < end && *q > 0x20 && *q < 0x7f
	       && strchr("()<>@,;:\"/[]?.=", *q) == NULL)
		q++;
	return (size_t) (q - p);
}

/* encword_len - length of the encoded word at P if it is one whose text
 * holds '@' and no special but '@' and '.', else 0. Only such a word is
 * lexed whole: it would otherwise read as an addr-spec, while one holding
 * '<', '(', '"', ',' ... is left to plain RFC 5322 lexing, so no
 * structure a mail reader sees can hide inside it. */
static size_t encword_len(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q = p + 2, *text;
	size_t n;
	int at = 0;

	if (end - p < 2 || p[0] != '=' || p[1] != '?')
		return 0;
	if ((n = ew_token(q, end)) == 0 || q + n >= end || q[n] != '?')
		return 0;
	q += n + 1;
	if ((n = ew_token(q, end)) == 0 || q + n >= end || q[n] != '?')
		return 0;
	q += n + 1;
	for (text = q; q < end && *q > 0x20 && *q < 0x7f && *q != '?'; q++) {
		if (*q == '@')
			at = 1;
		else if (*q != '.' && is_special(*q))
			return 0;
	}
	if (q == text || end - q < 2 || q[0] != '?' || q[1] != '=')
		return 0;
	q += 2;
	/* RFC 2047 section 5: an encoded word is a whole atom, not a prefix */
	if (q < end && is_atext(*q))
		return 0;
	return at ? (size_t) (q - p) : 0;
}

/* lex_delim - the token for a one-byte special, T_BAD for any other */
static enum tok_type lex_delim(int c)
{
	switch (c) {
	case '<':
		return T_LT;
	case '>':
		return T_GT;
	case '@':
		return T_AT;
	case ',':
		return T_COMMA;
	case ':':
		return T_COLON;
	case ';':
		return T_SEMI;
	case '.':
		return T_DOT;
	default:
		return T_BAD;		/* ')' ']' '\\', control bytes, NUL */
	}
}

/* lex_next - the next token, CFWS before it skipped */
static void lex_next(struct lexer *lx, struct token *t)
{
	const unsigned char *close;
	size_t n;
	int c;

	t->text = NULL;
	t->len = 0;
	if (skip_cfws(lx) < 0) {
		t->type = T_BAD;
		return;
	}
	if (lx->p >= lx->end) {
		t->type = T_END;
		return;
	}
	c = *lx->p;
	if (c == '"' || c == '[') {
		close = scan_text(lx->p + 1, lx->end, c == '"' ? '"' : ']');
		if (close == NULL) {
			t->type = T_BAD;
			return;
		}
		t->type = (c == '"') ? T_QSTRING : T_DLIT;
		t->text = lx->p + 1;
		t->len = (size_t) (close - t->text);
		lx->p = close + 1;
	} else if ((n = encword_len(lx->p, lx->end)) > 0) {
		t->type = T_ENCWORD;
		t->text = lx->p;
		t->len = n;
		lx->p += n;
	} else if (is_atext(c)) {
		t->type = T_ATOM;
		t->text = lx->p;
		while (lx->p < lx->end && is_atext(*lx->p))
			lx->p++;
		t->len = (size_t) (lx->p - t->text);
	} else {
		t->type = lex_delim(c);
		lx->p++;
	}
}

/* advance - move the parser to its next token */
static void advance(struct parser *ps)
{
	lex_next(&ps->lx, &ps->tok);
}

/* seq_put - one byte of local-part text; the local part is only
 * informational, so past 255 bytes it is cut (a domain never is) */
static void seq_put(struct seq *s, int c)
{
	if (s->len + 1 < sizeof(s->text))
		s->text[s->len++] = (char) c;
}

/* seq_word - add a word: an atom or encoded word as it stands, a quoted
 * string without its quotes, escapes and folds */
static void seq_word(struct seq *s, const struct token *t)
{
	size_t i;

	if (s->last_word)
		s->adjacent = 1;
	s->items++;
	s->words++;
	s->last_word = 1;
	if (t->type == T_ENCWORD)
		s->encwords++;
	for (i = 0; i < t->len; i++) {
		if (t->type == T_QSTRING && t->text[i] == '\\')
			i++;
		else if (t->type == T_QSTRING
			 && (t->text[i] == '\r' || t->text[i] == '\n'))
			continue;
		seq_put(s, t->text[i]);
	}
}

/* seq_read - collect words and dots from the current token on */
static void seq_read(struct parser *ps, struct seq *s)
{
	memset(s, 0, sizeof(*s));
	for (;; advance(ps)) {
		switch (ps->tok.type) {
		case T_ATOM:
		case T_QSTRING:
		case T_ENCWORD:
			seq_word(s, &ps->tok);
			break;
		case T_DOT:
			if (s->items++ == 0)
				s->lead_dot = 1;
			s->last_word = 0;
			seq_put(s, '.');
			break;
		default:
			s->text[s->len] = '\0';
			return;
		}
	}
}

/* seq_is_phrase - a display name: obs-phrase, a word then words and dots */
static int seq_is_phrase(const struct seq *s)
{
	return s->words > 0 && !s->lead_dot;
}

/* seq_is_local - a local part: words with dots between them. Runs of
 * dots are let through (see address.h); encoded words are not words here */
static int seq_is_local(const struct seq *s)
{
	return s->words > 0 && s->encwords == 0 && !s->adjacent;
}

/* parse_domain - a domain after '@': a literal (no DMARC domain, so
 * DOM is "") or atoms joined by dots, with one trailing dot allowed and
 * dropped. DOM gets "" too when the name is longer than 255 bytes. On
 * return the current token is the one after the domain. */
static int parse_domain(struct parser *ps, char *dom, size_t size)
{
	size_t len = 0, i;
	int toolong = 0;

	dom[0] = '\0';
	if (ps->tok.type == T_DLIT) {
		advance(ps);
		return STEP_OK;
	}
	if (ps->tok.type != T_ATOM)
		return STEP_SYNTAX;
	for (;;) {
		if (len + ps->tok.len >= size)
			toolong = 1;
		for (i = 0; !toolong && i < ps->tok.len; i++) {
			int c = ps->tok.text[i];

			dom[len++] = (char) ascii_lower(c);
		}
		advance(ps);
		if (ps->tok.type != T_DOT)
			break;
		advance(ps);
		if (ps->tok.type != T_ATOM)
			break;		/* that dot was the trailing one */
		if (len + 1 >= size)
			toolong = 1;
		if (!toolong)
			dom[len++] = '.';
	}
	dom[toolong ? 0 : len] = '\0';
	return STEP_OK;
}

/* add_mailbox - record one mailbox */
static int add_mailbox(struct parser *ps, const struct seq *local,
		       const char *dom)
{
	struct address_mailbox *box;

	if (ps->out->count >= ADDRESS_MAX_MAILBOXES)
		return STEP_TOOMANY;
	box = &ps->out->box[ps->out->count++];
	memcpy(box->local, local->text, local->len + 1);
	strcpy(box->domain, dom);
	return STEP_OK;
}

/* parse_route - obs-route after '<': "@a.example,@b.example:". Its
 * domains are hops, not the author's, and are dropped. */
static int parse_route(struct parser *ps)
{
	char hop[256];
	int hops = 0, comma = 0;

	for (;;) {
		while (ps->tok.type == T_COMMA) {
			comma = 1;
			advance(ps);
		}
		if (ps->tok.type == T_COLON)
			break;
		if (ps->tok.type != T_AT || (hops > 0 && !comma))
			return STEP_SYNTAX;
		advance(ps);
		if (parse_domain(ps, hop, sizeof(hop)) != STEP_OK)
			return STEP_SYNTAX;
		hops++;
		comma = 0;
	}
	if (hops == 0)
		return STEP_SYNTAX;
	advance(ps);
	return STEP_OK;
}

/* parse_angle - what follows '<': [obs-route] local-part ["@" domain] ">".
 * A local part alone is a mailbox without a domain; "<>" is not one. */
static int parse_angle(struct parser *ps)
{
	char dom[256];
	struct seq local;

	dom[0] = '\0';
	if ((ps->tok.type == T_AT || ps->tok.type == T_COMMA)
	    && parse_route(ps) != STEP_OK)
		return STEP_SYNTAX;
	seq_read(ps, &local);
	if (!seq_is_local(&local))
		return STEP_SYNTAX;
	if (ps->tok.type == T_AT) {
		advance(ps);
		if (parse_domain(ps, dom, sizeof(dom)) != STEP_OK)
			return STEP_SYNTAX;
	}
	if (ps->tok.type != T_GT)
		return STEP_SYNTAX;
	advance(ps);
	return add_mailbox(ps, &local, dom);
}

/* parse_element - one mailbox, or the opening "name:" of a group. The
 * words before the deciding token are a display name ('<', ':') or a
 * local part ('@', or nothing: a mailbox without a domain). */
static int parse_element(struct parser *ps)
{
	char dom[256];
	struct seq s;

	seq_read(ps, &s);
	switch (ps->tok.type) {
	case T_LT:
		if (s.items > 0 && !seq_is_phrase(&s))
			return STEP_SYNTAX;
		advance(ps);
		return parse_angle(ps);
	case T_AT:
		if (!seq_is_local(&s))
			return STEP_SYNTAX;
		advance(ps);
		if (parse_domain(ps, dom, sizeof(dom)) != STEP_OK)
			return STEP_SYNTAX;
		return add_mailbox(ps, &s, dom);
	case T_COLON:
		if (ps->in_group || !seq_is_phrase(&s))
			return STEP_SYNTAX;
		ps->in_group = 1;
		advance(ps);
		return STEP_OK;
	case T_COMMA:
	case T_SEMI:
	case T_END:
		if (!seq_is_local(&s))
			return STEP_SYNTAX;
		return add_mailbox(ps, &s, "");
	default:
		return STEP_SYNTAX;
	}
}

/* parse_list - address-list with obs-addr-list's empty elements; on
 * return every byte has been read, or the first problem stopped it */
static int parse_list(struct parser *ps)
{
	int opened, step;

	for (advance(ps);;) {
		switch (ps->tok.type) {
		case T_END:
			return ps->in_group ? STEP_SYNTAX : STEP_OK;
		case T_COMMA:
			advance(ps);
			continue;
		case T_SEMI:
			if (!ps->in_group)
				return STEP_SYNTAX;
			ps->in_group = 0;
			advance(ps);
			if (ps->tok.type != T_COMMA && ps->tok.type != T_END)
				return STEP_SYNTAX;
			continue;
		default:
			break;
		}
		opened = !ps->in_group;
		if ((step = parse_element(ps)) != STEP_OK)
			return step;
		if (opened && ps->in_group)
			continue;	/* "name:" - members follow */
		if (ps->tok.type != T_COMMA && ps->tok.type != T_END
		    && !(ps->tok.type == T_SEMI && ps->in_group))
			return STEP_SYNTAX;
	}
}

/* address_parse_list - see address.h */
enum address_status address_parse_list(const char *value, size_t len,
				       struct address_list *out)
{
	struct parser ps;
	size_t i;
	int step;

	if (out == NULL)
		return ADDRESS_SYNTAX;
	memset(out, 0, sizeof(*out));
	if (len > ADDRESS_MAX_FIELD || (value == NULL && len > 0))
		return ADDRESS_SYNTAX;
	if (value == NULL)
		value = "";
	memset(&ps, 0, sizeof(ps));
	ps.lx.p = (const unsigned char *) value;
	ps.lx.end = ps.lx.p + len;
	ps.out = out;
	if ((step = parse_list(&ps)) != STEP_OK) {
		memset(out, 0, sizeof(*out));
		return step == STEP_TOOMANY ? ADDRESS_TOOMANY : ADDRESS_SYNTAX;
	}
	if (out->count == 0)
		return ADDRESS_EMPTY;
	for (i = 0; i < out->count; i++)
		if (out->box[i].domain[0] == '\0')
			return ADDRESS_NODOMAIN;
	return ADDRESS_OK;
}

/* address_status_name - see address.h */
const char *address_status_name(enum address_status s)
{
	switch (s) {
	case ADDRESS_OK:
		return "ok";
	case ADDRESS_EMPTY:
		return "empty";
	case ADDRESS_NODOMAIN:
		return "nodomain";
	case ADDRESS_SYNTAX:
		return "syntax";
	case ADDRESS_TOOMANY:
		return "toomany";
	}
	return "unknown";
}
