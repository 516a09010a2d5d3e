/*
 * dmarc_record - DMARC record parser; see dmarc_record.h.
 *
 * Rules, with their source (RFC 9989 text as in draft-ietf-dmarc-dmarcbis-41,
 * the version sent to the RFC Editor; RFC 7489 where PSL mode needs it):
 *  - 4.7/4.8: the record must begin with the v tag, value exactly "DMARC1"
 *    (case-sensitive); anything else is not a DMARC record at all.
 *  - 4.8: tags are 1*ALPHA names, separated by ";" with optional WSP;
 *    ABNF literals are case-insensitive (RFC 5234), so "P=REJECT" is
 *    p=reject. Unknown tags are ignored; a malformed value of a known tag
 *    falls back to the tag's default (syntax errors "discarded in favor of
 *    default values"), except p, sp and np, whose invalid values are kept
 *    as flags for 4.10.1.
 *  - 4.7: DMARC uses DKIM's tag-value syntax, and RFC 6376 section 3.2
 *    makes a tag list with a repeated tag invalid as a whole; here that
 *    is DMARC_RECORD_INVALID ("p=none; p=reject" must not mean either).
 *  - Bounds of our own: DMARC_RECORD_MAX bytes, DMARC_RECORD_MAX_TAGS tags,
 *    no NUL octet (C string consumers downstream would read less than we
 *    did), DMARC_RECORD_MAX_URIS URIs per list.
 */
#include <stdio.h>
#include <string.h>

#include "util/ascii.h"
#include "dmarc_record.h"

#define TAG_NAME_MAX 16         /* octets of a tag name shown in an error */

/* One "name=value" segment, both trimmed; pointers into the record. */
struct tag {
	const char *name, *value;
	size_t namelen, valuelen;
};

/* trim - drop WSP at both ends of [*S, *S + *N) */
static void trim(const char **s, size_t *n)
{
	while (*n > 0 && ascii_is_wsp((unsigned char) **s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ascii_is_wsp((unsigned char) (*s)[*n - 1]))
		(*n)--;
}

/* split_tag - "name *WSP = *WSP value" of one segment; -1 if the segment
 * is not a tag (no "=", or a name that is not 1*ALPHA) */
static int split_tag(const char *s, size_t n, struct tag *t)
{
	const char *eq = memchr(s, '=', n);
	size_t i;

	if (eq == NULL)
		return -1;
	t->name = s;
	t->namelen = (size_t) (eq - s);
	t->value = eq + 1;
	t->valuelen = n - t->namelen - 1;
	trim(&t->name, &t->namelen);
	trim(&t->value, &t->valuelen);
	if (t->namelen == 0)
		return -1;
	for (i = 0; i < t->namelen; i++)
		if (!ascii_is_alpha((unsigned char) t->name[i]))
			return -1;
	return 0;
}

/* next_segment - the segment at *POS up to the next ";" (or the end) */
static void next_segment(const char *text, size_t len, size_t *pos,
			 const char **seg, size_t *seglen)
{
	const char *semi = memchr(text + *pos, ';', len - *pos);
	size_t end = semi ? (size_t) (semi - text) : len;

	*seg = text + *pos;
	*seglen = end - *pos;
	*pos = semi ? end + 1 : len;
	trim(seg, seglen);
}

/* version_ok - 4.7: the first segment is "v" equals "DMARC1" */
static int version_ok(const char *text, size_t len, size_t *pos)
{
	const char *seg;
	size_t seglen;
	struct tag t;

	*pos = 0;
	/* dmarc-record starts with dmarc-version: no leading WSP allowed */
	if (len == 0 || ascii_lower((unsigned char) text[0]) != 'v')
		return 0;
	next_segment(text, len, pos, &seg, &seglen);
	if (split_tag(seg, seglen, &t) < 0 || !ascii_same_word(t.name, t.namelen, "v"))
		return 0;
	return t.valuelen == 6 && memcmp(t.value, "DMARC1", 6) == 0;
}

/* invalid - the record cannot be used, and why */
static enum dmarc_record_status invalid(char *err, size_t errlen,
					const char *why)
{
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "%s", why);
	return DMARC_RECORD_INVALID;
}

/* invalid_twice - RFC 6376 3.2: a repeated tag spoils the whole list */
static enum dmarc_record_status invalid_twice(char *err, size_t errlen,
					      const struct tag *t)
{
	int n = (int) (t->namelen > TAG_NAME_MAX ? TAG_NAME_MAX : t->namelen);

	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "tag \"%.*s\" given twice", n, t->name);
	return DMARC_RECORD_INVALID;
}

/* parse_request - dmarc-request: none / quarantine / reject */
static void parse_request(const struct tag *t, enum dmarc_policy *p,
			  int *invalid)
{
	*invalid = 0;
	if (ascii_same_word(t->value, t->valuelen, "none"))
		*p = DMARC_POLICY_NONE;
	else if (ascii_same_word(t->value, t->valuelen, "quarantine"))
		*p = DMARC_POLICY_QUARANTINE;
	else if (ascii_same_word(t->value, t->valuelen, "reject"))
		*p = DMARC_POLICY_REJECT;
	else {
		/* 4.10.1 decides what an unusable policy means; keep it */
		*p = DMARC_POLICY_UNSET;
		*invalid = 1;
	}
}

/* parse_letter - a one-letter value out of ALLOWED, else the default */
static char parse_letter(const struct tag *t, const char *allowed, char def)
{
	int c;

	if (t->valuelen != 1)
		return def;
	c = ascii_lower((unsigned char) t->value[0]);
	return c != 0 && strchr(allowed, c) ? (char) c : def;
}

/* parse_number - 1*DIGIT up to MAX, else -1 (no overflow on long input) */
static long parse_number(const struct tag *t, size_t maxdigits,
			 unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	size_t i;

	if (t->valuelen == 0 || t->valuelen > maxdigits)
		return -1;
	for (i = 0; i < t->valuelen; i++) {
		if (!ascii_is_digit((unsigned char) t->value[i]))
			return -1;
		v = v * 10 + (unsigned long) (t->value[i] - '0');
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

/* fo_ok - dmarc-fo: tokens 0, 1, d, s split by ":", each at most once,
 * never both 0 and 1 (the three ABNF alternatives of 4.8 say that) */
static int fo_ok(const char *s, size_t n)
{
	int seen[4] = {0, 0, 0, 0};
	const char *tokens = "01ds", *hit;
	size_t i;

	if (n == 0 || n % 2 == 0)
		return 0;
	for (i = 0; i < n; i += 2) {
		if (s[i] == '\0'
		    || (hit = strchr(tokens, ascii_lower((unsigned char) s[i]))) == NULL
		    || seen[hit - tokens]++)
			return 0;
		if (i + 1 < n && s[i + 1] != ':')
			return 0;
	}
	return !(seen[0] && seen[1]);
}

/* rf_ok - RFC 7489 6.3/6.4: Keyword *(":" Keyword), "registered
 * reporting formats only", and "afrf" is the only one registered */
static int rf_ok(const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != ':')
			continue;
		if (!ascii_same_word(s + start, i - start, "afrf"))
			return 0;
		start = i + 1;
	}
	return 1;
}

/* copy_lower - the value, lowercased, if it fits in OUT */
static void copy_lower(const struct tag *t, char *out, size_t outlen)
{
	size_t i;

	if (t->valuelen >= outlen)
		return;
	for (i = 0; i < t->valuelen; i++)
		out[i] = (char) ascii_lower((unsigned char) t->value[i]);
	out[i] = '\0';
}

/* is_hex - ASCII hex digit */
static int is_hex(int c)
{
	return ascii_is_digit(c) || (ascii_lower(c) >= 'a' && ascii_lower(c) <= 'f');
}

/* uri_char - an octet a URI may hold (RFC 3986 unreserved, reserved and
 * "%"), less "," and "!", which 4.8 says must be percent-encoded */
static int uri_char(int c)
{
	return ascii_is_alpha(c) || ascii_is_digit(c)
	    || (c != 0 && strchr("-._~:/?#[]@$&'()*+;=%", c) != NULL);
}

/* size_suffix_ok - obs-dmarc-report-size after the "!" at S[0]:
 * "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] up to the end N */
static int size_suffix_ok(const char *s, size_t n)
{
	size_t i = 1;

	while (i < n && ascii_is_digit((unsigned char) s[i]))
		i++;
	if (i == 1)
		return 0;
	return i == n || (i + 1 == n && s[i] != 0 && strchr("kmgtKMGT", s[i]));
}

/* uri_len - the length of a valid dmarc-uri at the start of [S, S+N)
 * once an obs-dmarc-report-size suffix is dropped; 0 if not a URI */
static size_t uri_len(const char *s, size_t n)
{
	const char *bang = memchr(s, '!', n);
	size_t i, end = bang ? (size_t) (bang - s) : n;

	if (bang && !size_suffix_ok(bang, n - end))
		return 0;
	/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":" and
	 * at least one more octet */
	if (end == 0 || !ascii_is_alpha((unsigned char) s[0]))
		return 0;
	for (i = 1; i < end && s[i] != ':'; i++)
		if (!ascii_is_alpha((unsigned char) s[i])
		    && !ascii_is_digit((unsigned char) s[i])
		    && s[i] != '+' && s[i] != '-' && s[i] != '.')
			return 0;
	if (i + 1 >= end)
		return 0;
	for (; i < end; i++) {
		if (!uri_char((unsigned char) s[i]))
			return 0;
		if (s[i] == '%' && (i + 2 >= end
				    || !is_hex((unsigned char) s[i + 1])
				    || !is_hex((unsigned char) s[i + 2])))
			return 0;
	}
	return end;
}

/* parse_urilist - dmarc-urilist: keep the valid URIs that fit; returns
 * how many were kept (an invalid URI is skipped, 4.8 "ignored outright") */
static int parse_urilist(const struct tag *t, char *out, size_t outlen)
{
	const char *seg, *comma;
	size_t pos = 0, seglen, ulen, used = 0;
	int kept = 0;

	out[0] = '\0';
	while (pos < t->valuelen && kept < DMARC_RECORD_MAX_URIS) {
		seg = t->value + pos;
		comma = memchr(seg, ',', t->valuelen - pos);
		seglen = comma ? (size_t) (comma - seg) : t->valuelen - pos;
		pos += seglen + 1;
		trim(&seg, &seglen);
		if ((ulen = uri_len(seg, seglen)) == 0
		    || used + (used ? 1 : 0) + ulen >= outlen)
			continue;
		if (used)
			out[used++] = ',';
		memcpy(out + used, seg, ulen);
		used += ulen;
		out[used] = '\0';
		kept++;
	}
	return kept;
}

/* apply_tag - one known tag's value into OUT; unknown tags are ignored */
static void apply_tag(const struct tag *t, struct dmarc_record *out)
{
	unsigned long n;

	if (ascii_same_word(t->name, t->namelen, "p"))
		parse_request(t, &out->p, &out->p_invalid);
	else if (ascii_same_word(t->name, t->namelen, "sp"))
		parse_request(t, &out->sp, &out->sp_invalid);
	else if (ascii_same_word(t->name, t->namelen, "np"))
		parse_request(t, &out->np, &out->np_invalid);
	else if (ascii_same_word(t->name, t->namelen, "adkim"))
		out->adkim = parse_letter(t, "rs", 'r');
	else if (ascii_same_word(t->name, t->namelen, "aspf"))
		out->aspf = parse_letter(t, "rs", 'r');
	else if (ascii_same_word(t->name, t->namelen, "t"))
		out->testing = parse_letter(t, "yn", 'n') == 'y';
	else if (ascii_same_word(t->name, t->namelen, "psd")) {
		switch (parse_letter(t, "ynu", 'u')) {
		case 'y': out->psd = DMARC_PSD_Y; break;
		case 'n': out->psd = DMARC_PSD_N; break;
		default: out->psd = DMARC_PSD_UNSET; break;
		}
	} else if (ascii_same_word(t->name, t->namelen, "pct")) {
		/* RFC 7489 6.3: 1*3DIGIT, 0..100 */
		if (parse_number(t, 3, 100, &n) == 0)
			out->pct = (int) n;
	} else if (ascii_same_word(t->name, t->namelen, "ri")) {
		/* RFC 7489 6.3: a 32-bit unsigned number of seconds */
		if (parse_number(t, 10, 4294967295UL, &n) == 0)
			out->ri = n;
	} else if (ascii_same_word(t->name, t->namelen, "fo")) {
		if (fo_ok(t->value, t->valuelen))
			copy_lower(t, out->fo, sizeof(out->fo));
	} else if (ascii_same_word(t->name, t->namelen, "rf")) {
		if (rf_ok(t->value, t->valuelen))
			copy_lower(t, out->rf, sizeof(out->rf));
	} else if (ascii_same_word(t->name, t->namelen, "rua"))
		out->has_rua = parse_urilist(t, out->rua, sizeof(out->rua)) > 0;
	else if (ascii_same_word(t->name, t->namelen, "ruf"))
		out->has_ruf = parse_urilist(t, out->ruf, sizeof(out->ruf)) > 0;
}

/* defaults - every tag absent */
static void defaults(struct dmarc_record *r)
{
	memset(r, 0, sizeof(*r));
	r->p = r->sp = r->np = DMARC_POLICY_UNSET;
	r->adkim = r->aspf = 'r';
	r->pct = 100;
	r->psd = DMARC_PSD_UNSET;
	r->ri = 86400;
	strcpy(r->fo, "0");
	strcpy(r->rf, "afrf");
}

/* seen_before - a tag named like T (any case) among the first N of TAGS */
static int seen_before(const struct tag *tags, size_t n, const struct tag *t)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (tags[i].namelen != t->namelen)
			continue;
		for (k = 0; k < t->namelen; k++)
			if (ascii_lower((unsigned char) t->name[k])
			    != ascii_lower((unsigned char) tags[i].name[k]))
				break;
		if (k == t->namelen)
			return 1;
	}
	return 0;
}

/* dmarc_record_parse - version, bounds, then tag by tag */
enum dmarc_record_status dmarc_record_parse(const char *text, size_t len,
					    struct dmarc_record *out,
					    char *err, size_t errlen)
{
	struct tag tags[DMARC_RECORD_MAX_TAGS];
	const char *seg;
	size_t pos, seglen, ntags = 0, i;

	defaults(out);
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (text == NULL || !version_ok(text, len, &pos))
		return DMARC_RECORD_NOT_DMARC;
	if (len > DMARC_RECORD_MAX)
		return invalid(err, errlen, "record longer than 4096 bytes");
	if (memchr(text, '\0', len) != NULL)
		return invalid(err, errlen, "NUL octet in record");
	while (pos < len) {
		next_segment(text, len, &pos, &seg, &seglen);
		if (seglen == 0)
			continue;       /* ";;" or a trailing ";": nothing */
		if (ntags == DMARC_RECORD_MAX_TAGS)
			return invalid(err, errlen, "more than 64 tags");
		if (split_tag(seg, seglen, &tags[ntags]) < 0)
			continue;       /* not a tag: a syntax error, ignored */
		if (ascii_same_word(tags[ntags].name, tags[ntags].namelen, "v")
		    || seen_before(tags, ntags, &tags[ntags]))
			return invalid_twice(err, errlen, &tags[ntags]);
		ntags++;
	}
	for (i = 0; i < ntags; i++)
		apply_tag(&tags[i], out);
	return DMARC_RECORD_OK;
}

/* dmarc_record_applies - 4.10.1 on a parsed record */
int dmarc_record_applies(struct dmarc_record *r, int rfc7489)
{
	int unusable = r->p_invalid || r->sp_invalid || r->np_invalid;

	if (rfc7489) {
		/* RFC 7489 6.3: p is REQUIRED; np is not an RFC 7489 tag */
		unusable = r->p == DMARC_POLICY_UNSET || r->sp_invalid;
	}
	if (unusable) {
		if (!r->has_rua)
			return 0;
		r->p = DMARC_POLICY_NONE;
		r->sp = r->np = DMARC_POLICY_UNSET;
		r->p_invalid = r->sp_invalid = r->np_invalid = 0;
		return 1;
	}
	if (r->p == DMARC_POLICY_UNSET)
		r->p = DMARC_POLICY_NONE;   /* 4.7: no p is p=none */
	return 1;
}

/* dmarc_policy_name - the tag value, or "unset" */
const char *dmarc_policy_name(enum dmarc_policy p)
{
	switch (p) {
	case DMARC_POLICY_UNSET: return "unset";
	case DMARC_POLICY_NONE: return "none";
	case DMARC_POLICY_QUARANTINE: return "quarantine";
	case DMARC_POLICY_REJECT: return "reject";
	}
	return "unset";
}
