/*
 * authres_id - read the authserv-id of an Authentication-Results field
 * that someone else wrote; see authres.h.
 *
 * The milter deletes every field that claims our authserv-id, so this
 * reader decides what a forger can slip past it. It follows RFC 8601
 * section 2.2 (authserv-id is an RFC 2045 value: a token or a quoted
 * string; RFC 5322 CFWS may surround it; an optional version may follow)
 * over a counted buffer, never past LEN and never recursing: comments
 * are skipped with a depth counter. What follows the ';' that ends the
 * authserv-id is not examined: the results in a field we are about to
 * keep or delete are not ours to judge.
 */
#include <string.h>

#include "util/ascii.h"
#include "authres.h"

struct scan {
	const unsigned char *p;		/* next byte */
	const unsigned char *end;	/* one past the last byte */
};

/*
 * The authserv-id goes into a sink: copied (authres_authserv_id) or
 * compared on the fly (authres_claims), so comparing needs no buffer and
 * no length limit of its own.
 */
struct sink {
	char *buf;		/* copy here (CAP bytes), or */
	size_t cap;
	const char *cmp;	/* compare against this, normalised: */
	size_t cmplen;		/* its length without what norm_ours drops */
	size_t raw;		/* bytes put so far */
	size_t len;		/* bytes copied, or compared and settled */
	size_t npend;		/* compare: a run of white space and dots
				 * not yet known to be inside the id */
	int pend_bad;		/* that run does not match cmp there */
	int differs;		/* copy overflowed / comparison failed */
};

/* token_char - RFC 2045: any printable US-ASCII except SPACE and tspecials */
static int token_char(int c)
{
	return c > 0x20 && c < 0x7f && strchr("()<>@,;:\\\"/[]?=", c) == NULL;
}

/* authres_is_token - whole of S[0..LEN) is token characters */
int authres_is_token(const char *s, size_t len)
{
	size_t i;

	if (s == NULL || len == 0)
		return 0;
	for (i = 0; i < len; i++)
		if (!token_char((unsigned char) s[i]))
			return 0;
	return 1;
}

/* cmp_at - does byte C match the compared id at offset AT? */
static int cmp_at(const struct sink *k, size_t at, int c)
{
	return at < k->cmplen && ascii_lower((unsigned char) k->cmp[at]) == c;
}

/* compare_put - one byte against the compared id. The comparison is of
 * normalised forms: white space at either end (inside quotes) and dots at
 * the end do not count, so "mx.example.org.", "\" mx.example.org \"" and
 * "MX.Example.Org" all claim mx.example.org. A run of white space and
 * dots is held until a later byte shows it is inside the id. */
static void compare_put(struct sink *k, int c)
{
	if (k->len == 0 && k->npend == 0 && ascii_is_wsp(c))
		return;
	if (ascii_is_wsp(c) || c == '.') {
		if (!cmp_at(k, k->len + k->npend, c))
			k->pend_bad = 1;
		k->npend++;
		return;
	}
	if (k->pend_bad || !cmp_at(k, k->len + k->npend, c))
		k->differs = 1;
	k->len += k->npend + 1;
	k->npend = 0;
	k->pend_bad = 0;
}

/* sink_put - one byte of the authserv-id */
static void sink_put(struct sink *k, int c)
{
	c = ascii_lower(c);
	k->raw++;
	if (k->cmp != NULL) {
		compare_put(k, c);
		return;
	}
	if (k->len + 1 < k->cap)
		k->buf[k->len] = (char) c;
	else
		k->differs = 1;
	k->len++;
}

/* sink_compare - start comparing against OURS; 0 when OURS normalises
 * to nothing, which nothing can claim */
static int sink_compare(struct sink *k, const char *ours)
{
	size_t n = strlen(ours);

	memset(k, 0, sizeof(*k));
	while (*ours != '\0' && ascii_is_wsp(*ours)) {
		ours++;
		n--;
	}
	while (n > 0 && (ascii_is_wsp(ours[n - 1]) || ours[n - 1] == '.'))
		n--;
	k->cmp = ours;
	k->cmplen = n;
	return n > 0;
}

/* sink_matched - the whole normalised id matched */
static int sink_matched(const struct sink *k)
{
	return k->raw > 0 && !k->differs && k->len == k->cmplen;
}

/* skip_fws - folding white space; 1 if some was skipped, -1 if a line
 * break is not followed by white space (the field would end there) */
static int skip_fws(struct scan *s)
{
	const unsigned char *q;
	int seen = 0;

	for (;;) {
		q = s->p;
		if (q < s->end && *q == '\r')
			q++;
		if (q < s->end && *q == '\n')
			q++;
		if (q != s->p) {
			if (q[-1] != '\n' || q >= s->end || !ascii_is_wsp(*q))
				return -1;
			s->p = q;
		}
		if (s->p >= s->end || !ascii_is_wsp(*s->p))
			return seen;
		while (s->p < s->end && ascii_is_wsp(*s->p))
			s->p++;
		seen = 1;
	}
}

/* quoted_pair - "\" then VCHAR or WSP (or UTF-8, RFC 6532); the byte */
static int quoted_pair(struct scan *s)
{
	int c;

	if (s->end - s->p < 2)
		return -1;
	c = s->p[1];
	if (!(c > 0x20 && c != 0x7f) && !ascii_is_wsp(c))
		return -1;
	s->p += 2;
	return c;
}

/* skip_comment - a comment and the comments nested in it; P is at '('.
 * STRICT checks every byte and bounds the depth; loose mode only finds
 * the matching ')', at any depth, for the first-word rule. */
static int skip_comment(struct scan *s, int strict)
{
	size_t depth = 0;
	int c;

	while (s->p < s->end) {
		c = *s->p;
		if (c == '(') {
			if (++depth > AUTHRES_MAX_DEPTH && strict)
				return -1;
			s->p++;
		} else if (c == ')') {
			s->p++;
			if (--depth == 0)
				return 0;
		} else if (c == '\\') {
			if (quoted_pair(s) >= 0)
				continue;
			if (strict)
				return -1;
			s->p++;			/* loose: a lone '\\' escapes nothing */
		} else if (!strict) {
			s->p++;
		} else if (c == '\r' || c == '\n' || ascii_is_wsp(c)) {
			if (skip_fws(s) < 0)
				return -1;
		} else if (c > 0x20 && c != 0x7f) {
			s->p++;			/* ctext, or UTF-8 (RFC 6532) */
		} else {
			return -1;
		}
	}
	return -1;				/* unterminated */
}

/* skip_cfws - comments and folding white space; 1 if any, 0 if none */
static int skip_cfws(struct scan *s)
{
	int seen = 0;
	int r;

	for (;;) {
		if ((r = skip_fws(s)) < 0)
			return -1;
		seen |= r;
		if (s->p >= s->end || *s->p != '(')
			return seen;
		if (skip_comment(s, 1) < 0)
			return -1;
		seen = 1;
	}
}

/* read_quoted - an RFC 5322 quoted-string into K, unquoted; P is at '"'.
 * A fold inside loses its line break and keeps its white space. */
static int read_quoted(struct scan *s, struct sink *k)
{
	const unsigned char *q;
	int c;

	for (s->p++; s->p < s->end;) {
		c = *s->p;
		if (c == '"') {
			s->p++;
			return 0;
		} else if (c == '\\') {
			if ((c = quoted_pair(s)) < 0)
				return -1;
			sink_put(k, c);
		} else if (c == '\r' || c == '\n') {
			q = s->p;
			if (skip_fws(s) < 0)
				return -1;
			for (; q < s->p; q++)
				if (ascii_is_wsp(*q))
					sink_put(k, *q);
		} else if (ascii_is_wsp(c) || (c > 0x20 && c != 0x7f)) {
			sink_put(k, c);		/* qtext, or UTF-8 (RFC 6532) */
			s->p++;
		} else {
			return -1;
		}
	}
	return -1;				/* unterminated */
}

/* read_token - the longest run of token characters into K */
static void read_token(struct scan *s, struct sink *k)
{
	while (s->p < s->end && token_char(*s->p))
		sink_put(k, *s->p++);
}

/* parse - [CFWS] authserv-id [CFWS version] [CFWS], then ';' or the end */
static enum authres_idstat parse(const char *value, size_t len,
				 struct sink *k)
{
	struct scan s;
	int cfws;

	if (value == NULL || len > AUTHRES_MAX_VALUE)
		return AUTHRES_ID_MALFORMED;
	s.p = (const unsigned char *) value;
	s.end = s.p + len;
	if (skip_cfws(&s) < 0)
		return AUTHRES_ID_MALFORMED;
	if (s.p < s.end && *s.p == '"') {
		if (read_quoted(&s, k) < 0)
			return AUTHRES_ID_MALFORMED;
	} else {
		read_token(&s, k);
	}
	if (k->raw == 0 || (cfws = skip_cfws(&s)) < 0)
		return AUTHRES_ID_MALFORMED;
	/* authres-version = 1*DIGIT, and only after CFWS */
	if (cfws && s.p < s.end && *s.p >= '0' && *s.p <= '9') {
		while (s.p < s.end && *s.p >= '0' && *s.p <= '9')
			s.p++;
		if (skip_cfws(&s) < 0)
			return AUTHRES_ID_MALFORMED;
	}
	if (s.p == s.end)
		return AUTHRES_ID_NORESULT;
	return *s.p == ';' ? AUTHRES_ID_OK : AUTHRES_ID_MALFORMED;
}

/* authres_id_parse - the authserv-id into ID, with what followed it */
enum authres_idstat authres_id_parse(const char *value, size_t len,
				     char *id, size_t idlen)
{
	struct sink k;
	enum authres_idstat st;

	if (id == NULL || idlen == 0)
		return AUTHRES_ID_TOOLONG;
	memset(&k, 0, sizeof(k));
	k.buf = id;
	k.cap = idlen;
	st = parse(value, len, &k);
	id[k.len < idlen ? k.len : idlen - 1] = '\0';
	if (st == AUTHRES_ID_MALFORMED || k.differs)
		id[0] = '\0';
	if (st == AUTHRES_ID_MALFORMED)
		return st;
	return k.differs ? AUTHRES_ID_TOOLONG : st;
}

/* authres_authserv_id - the authserv-id, if the value has one */
int authres_authserv_id(const char *value, size_t len, char *id, size_t idlen)
{
	enum authres_idstat st = authres_id_parse(value, len, id, idlen);

	return st == AUTHRES_ID_OK || st == AUTHRES_ID_NORESULT ? 0 : -1;
}

/* first_word_is - the first-word rule for malformed values (authres.h) */
static int first_word_is(const char *value, size_t len, const char *ours)
{
	struct scan s;
	struct sink k;

	s.p = (const unsigned char *) value;
	s.end = s.p + (len > AUTHRES_MAX_VALUE ? AUTHRES_MAX_VALUE : len);
	while (s.p < s.end) {
		if (ascii_is_wsp(*s.p) || *s.p == '\r' || *s.p == '\n')
			s.p++;
		else if (*s.p != '(')
			break;
		else if (skip_comment(&s, 0) < 0)
			return 0;
	}
	if (s.p < s.end && *s.p == '"')
		s.p++;
	sink_compare(&k, ours);
	read_token(&s, &k);
	return sink_matched(&k);
}

/* authres_claims - does this field speak in our name? */
int authres_claims(const char *value, size_t len, const char *ours)
{
	struct sink k;

	if (value == NULL || ours == NULL || !sink_compare(&k, ours))
		return 0;
	switch (parse(value, len, &k)) {
	case AUTHRES_ID_OK:
	case AUTHRES_ID_NORESULT:
		return sink_matched(&k);
	default:
		return first_word_is(value, len, ours);
	}
}
