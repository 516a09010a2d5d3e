/*
 * test_dmarc_record - the DMARC record parser: libopendmarc's 19 parse
 * vectors (read from CONFORMANCE_DIR; where RFC 9989 says otherwise the
 * case says which section), then a table of hostile records: size and
 * tag-count bounds, repeated tags, version placement and spelling, NUL
 * and non-ASCII octets, each tag's bad values, URI lists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/dmarc_record.h"
#include "tests/lib/tap.h"
#include "tests/lib/vectors.h"

/* psd_letter - a one-letter view of the psd tag */
static char psd_letter(enum dmarc_psd p)
{
	return p == DMARC_PSD_Y ? 'y' : p == DMARC_PSD_N ? 'n' : 'u';
}

/* describe - every field as "name=value" tokens, one space apart */
static const char *describe(const struct dmarc_record *r)
{
	static char buf[1600];

	snprintf(buf, sizeof(buf), "p=%s sp=%s np=%s p_invalid=%d "
		 "sp_invalid=%d np_invalid=%d adkim=%c aspf=%c pct=%d t=%c "
		 "psd=%c has_rua=%d has_ruf=%d rua=%s ruf=%s fo=%s rf=%s ri=%lu",
		 dmarc_policy_name(r->p), dmarc_policy_name(r->sp),
		 dmarc_policy_name(r->np), r->p_invalid, r->sp_invalid,
		 r->np_invalid, r->adkim, r->aspf, r->pct,
		 r->testing ? 'y' : 'n', psd_letter(r->psd), r->has_rua,
		 r->has_ruf, r->rua, r->ruf, r->fo, r->rf, r->ri);
	return buf;
}

/* has_fields - every space-separated token of WANT is a token of DESC */
static int has_fields(const char *desc, const char *want)
{
	char d[1700], tok[600];
	const char *p = want, *e;
	size_t n;

	snprintf(d, sizeof(d), " %s ", desc);
	while (*p) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		e = strchr(p, ' ');
		n = e ? (size_t) (e - p) : strlen(p);
		snprintf(tok, sizeof(tok), " %.*s ", (int) n, p);
		if (strstr(d, tok) == NULL)
			return 0;
		p += n;
	}
	return 1;
}

/* status_name - for messages */
static const char *status_name(enum dmarc_record_status s)
{
	switch (s) {
	case DMARC_RECORD_OK: return "ok";
	case DMARC_RECORD_NOT_DMARC: return "not-dmarc";
	case DMARC_RECORD_INVALID: return "invalid";
	}
	return "?";
}

/* One case: the text (LEN 0: strlen), the status, the fields right after
 * parsing, whether the record applies under RFC 9989 and RFC 7489 (-1:
 * not checked, for records that are not usable at all), the fields after
 * dmarc_record_applies(), and a word the error must contain. */
struct rcase {
	const char *what;
	const char *text;
	size_t len;
	enum dmarc_record_status st;
	const char *fields;
	int applies, applies7489;
	const char *after;
	const char *err;
};

/* check - one case */
static void check(const struct rcase *c)
{
	struct dmarc_record r, r2;
	char err[128];
	size_t len = c->len ? c->len : strlen(c->text);
	enum dmarc_record_status st = dmarc_record_parse(c->text, len, &r, err,
							  sizeof(err));

	if (!is_str(status_name(st), status_name(c->st), "%s: status", c->what))
		diag("  err: %s", err);
	if (c->fields && !ok(has_fields(describe(&r), c->fields),
			     "%s: fields %s", c->what, c->fields))
		diag("  got: %s", describe(&r));
	if (c->err)
		ok(strstr(err, c->err) != NULL, "%s: reason '%s' names '%s'",
		   c->what, err, c->err);
	if (st != DMARC_RECORD_OK)
		return;
	if (c->applies >= 0) {
		r2 = r;
		is_int(dmarc_record_applies(&r2, 0), c->applies,
		       "%s: applies under RFC 9989 4.10.1", c->what);
		if (c->after && !ok(has_fields(describe(&r2), c->after),
				    "%s: effective %s", c->what, c->after))
			diag("  got: %s", describe(&r2));
	}
	if (c->applies7489 >= 0) {
		r2 = r;
		is_int(dmarc_record_applies(&r2, 1), c->applies7489,
		       "%s: applies under RFC 7489 6.6.3 (PSL mode)", c->what);
	}
}

/* Our reading of each libopendmarc vector, and why where it differs. */
struct vexpect {
	int id;
	const char *libopendmarc;
	struct rcase c;
};

static const struct vexpect vexp[] = {
	{1, "DMARC_PARSE_OKAY", {"", NULL, 0, DMARC_RECORD_OK,
	 "p=none rf=afrf has_rua=1 rua=mailto:dmarc-a@abuse.net "
	 "ruf=mailto:dmarc-f@abuse.net", 1, 1, "p=none", NULL}},
	{2, "DMARC_PARSE_OKAY", {"", NULL, 0, DMARC_RECORD_OK, "p=none", 1, 1,
	 "p=none", NULL}},
	{3, "DMARC_PARSE_OKAY", {"", NULL, 0, DMARC_RECORD_OK, "p=reject", 1,
	 1, "p=reject", NULL}},
	{4, "DMARC_PARSE_OKAY", {"", NULL, 0, DMARC_RECORD_OK, "p=quarantine",
	 1, 1, "p=quarantine", NULL}},
	/* RFC 9989 4.8: dmarc-request is "none" / "quarantine" / "reject";
	 * libopendmarc takes the first letter. 4.10.1: an invalid p and no
	 * rua is no DMARC processing. */
	{5, "DMARC_PARSE_OKAY", {"RFC 9989 4.8/4.10.1 differ: 'p=n' is not a "
	 "policy, no rua: no DMARC processing", NULL, 0, DMARC_RECORD_OK,
	 "p=unset p_invalid=1", 0, 0, NULL, NULL}},
	{6, "DMARC_PARSE_ERROR_EMPTY", {"empty TXT is not DMARC", NULL, 0,
	 DMARC_RECORD_NOT_DMARC, NULL, -1, -1, NULL, NULL}},
	{7, "DMARC_PARSE_ERROR_BAD_VERSION", {"not DMARC", NULL, 0,
	 DMARC_RECORD_NOT_DMARC, NULL, -1, -1, NULL, NULL}},
	{8, "DMARC_PARSE_ERROR_BAD_VALUE", {"bad p, no rua: unusable", NULL, 0,
	 DMARC_RECORD_OK, "p_invalid=1", 0, 0, NULL, NULL}},
	{9, "DMARC_PARSE_ERROR_BAD_VALUE", {"bad sp, no rua: unusable", NULL,
	 0, DMARC_RECORD_OK, "p=none sp_invalid=1", 0, 0, NULL, NULL}},
	/* RFC 9989 4.8: "Syntax errors in the remainder of the record MUST
	 * be discarded in favor of default values" */
	{10, "DMARC_PARSE_ERROR_BAD_VALUE", {"RFC 9989 4.8 differs: bad adkim "
	 "falls back to r", NULL, 0, DMARC_RECORD_OK, "p=none adkim=r", 1, 1,
	 "p=none", NULL}},
	{11, "DMARC_PARSE_ERROR_BAD_VALUE", {"RFC 9989 4.8 differs: bad aspf "
	 "falls back to r", NULL, 0, DMARC_RECORD_OK, "p=none aspf=r", 1, 1,
	 "p=none", NULL}},
	/* rf, ri and pct are not RFC 9989 tags (4.7: unknown tags MUST be
	 * ignored); in PSL mode (RFC 7489 6.3) a bad value is the default */
	{12, "DMARC_PARSE_ERROR_BAD_VALUE", {"RFC 9989 4.7 differs: rf is no "
	 "longer a tag, default afrf kept", NULL, 0, DMARC_RECORD_OK,
	 "p=none rf=afrf", 1, 1, NULL, NULL}},
	{13, "DMARC_PARSE_ERROR_BAD_VALUE", {"RFC 9989 4.7 differs: ri is no "
	 "longer a tag, default 86400 kept", NULL, 0, DMARC_RECORD_OK,
	 "p=none ri=86400", 1, 1, NULL, NULL}},
	{14, "DMARC_PARSE_ERROR_BAD_VALUE", {"RFC 9989 A.6 differs: pct is gone;"
	 " pct=500 keeps the default 100", NULL, 0, DMARC_RECORD_OK,
	 "p=none pct=100", 1, 1, NULL, NULL}},
	/* RFC 9989 4.7: "If this tag is not present in an otherwise
	 * syntactically valid DMARC Policy Record, then the record is
	 * treated as if it included p=none"; RFC 7489 requires p */
	{15, "DMARC_PARSE_ERROR_NO_REQUIRED_P", {"RFC 9989 4.7 differs: no p is"
	 " p=none (RFC 7489 mode agrees with libopendmarc)", NULL, 0,
	 DMARC_RECORD_OK, "p=unset p_invalid=0", 1, 0, "p=none", NULL}},
	{16, "DMARC_PARSE_OKAY", {"", NULL, 0, DMARC_RECORD_OK,
	 "p=none has_rua=1 rua=ftp://abuse.com", 1, 1, NULL, NULL}},
	{17, "DMARC_PARSE_OKAY", {"", NULL, 0, DMARC_RECORD_OK,
	 "p=none has_ruf=1 ruf=mailto://abuse.com", 1, 1, NULL, NULL}},
	{18, "DMARC_PARSE_OKAY", {"unknown tags ignored", NULL, 0,
	 DMARC_RECORD_OK, "p=none has_ruf=1", 1, 1, NULL, NULL}},
	{19, "DMARC_PARSE_ERROR_BAD_VALUE", {"RFC 9989 4.7 differs: rf is no "
	 "longer a tag (and 000... is not a registered format)", NULL, 0,
	 DMARC_RECORD_OK, "p=none rf=afrf", 1, 1, NULL, NULL}},
};

/* vector - one TSV row against our reading of it */
static void vector(int id, const char *record, const char *expected)
{
	struct rcase c;
	char what[300];
	size_t i;

	for (i = 0; i < sizeof(vexp) / sizeof(vexp[0]); i++) {
		if (vexp[i].id != id)
			continue;
		is_str(expected, vexp[i].libopendmarc,
		       "opendmarc vector %d: libopendmarc expects what we "
		       "transcribed", id);
		c = vexp[i].c;
		snprintf(what, sizeof(what), "opendmarc vector %d (%s)%s%s", id,
			 record, c.what[0] ? ": " : "", c.what);
		c.what = what;
		c.text = record;
		c.len = strlen(record);
		if (c.len == 0) {       /* the empty record: parse 0 octets */
			struct dmarc_record r;

			is_str(status_name(dmarc_record_parse("", 0, &r, NULL, 0)),
			       status_name(c.st), "%s: status", what);
			return;
		}
		check(&c);
		return;
	}
	ok(0, "opendmarc vector %d has an expectation here", id);
}

/* vectors - dmarc-record-parse.tsv: "id<TAB>record<TAB>expected" */
static void vector_row(char **col, void *ctx)
{
	(void) ctx;
	vector(atoi(col[0]), col[1], col[2]);
}

static void vectors(void)
{
	is_int(vectors_read("dmarc/opendmarc-vectors/dmarc-record-parse.tsv", 3, vector_row, NULL), 19,
	       "all 19 libopendmarc parse vectors were read");
}

/* repeat - HEAD, COUNT copies of PIECE (with %d for the index), TAIL */
static char *repeat(const char *head, const char *piece, size_t count,
		    const char *tail)
{
	size_t cap = strlen(head) + count * (strlen(piece) + 8) + strlen(tail)
	    + 1, o;
	char *s = malloc(cap);
	size_t i;

	if (s == NULL)
		abort();
	o = (size_t) snprintf(s, cap, "%s", head);
	for (i = 0; i < count; i++)
		o += (size_t) snprintf(s + o, cap - o, piece, (int) i);
	snprintf(s + o, cap - o, "%s", tail);
	return s;
}

/* tags_record - "v=DMARC1; p=reject" then N more distinct tags (xa=1; xb=1...)
 * padded to exactly LEN octets when LEN is not 0 */
static char *tags_record(size_t n, size_t len)
{
	size_t cap = 32 + n * 8 + len, o, i;
	char *s = malloc(cap);

	if (s == NULL)
		abort();
	o = (size_t) snprintf(s, cap, "v=DMARC1; p=reject");
	for (i = 0; i < n; i++)
		o += (size_t) snprintf(s + o, cap - o, "; x%c%c=1",
				       'a' + (int) (i / 26 % 26),
				       'a' + (int) (i % 26));
	if (len > 0) {
		o += (size_t) snprintf(s + o, cap - o, "; pad=");
		while (o < len)
			s[o++] = 'z';
		s[o] = '\0';
	}
	return s;
}

/* bounds - size and tag-count limits, at and past the edge */
static void bounds(void)
{
	struct rcase c = {0};
	char *s;

	c.applies = c.applies7489 = -1;
	s = tags_record(0, DMARC_RECORD_MAX);
	c.what = "exactly 4096 bytes";
	c.text = s;
	c.st = DMARC_RECORD_OK;
	c.fields = "p=reject";
	check(&c);
	free(s);
	s = tags_record(0, DMARC_RECORD_MAX + 1);
	c.what = "4096+1 bytes";
	c.text = s;
	c.st = DMARC_RECORD_INVALID;
	c.fields = "p=unset";
	c.err = "longer than 4096";
	check(&c);
	free(s);
	s = tags_record(63, 0);
	c.what = "64 tags";
	c.text = s;
	c.st = DMARC_RECORD_OK;
	c.fields = "p=reject";
	c.err = NULL;
	check(&c);
	free(s);
	s = tags_record(64, 0);
	c.what = "65 tags";
	c.text = s;
	c.st = DMARC_RECORD_INVALID;
	c.fields = NULL;
	c.err = "more than 64 tags";
	check(&c);
	free(s);
	s = repeat("v=DMARC1", "; a=%d", 1000, "");
	c.what = "1000 tags (4 KB+)";
	c.text = s;
	c.err = "longer than 4096";
	check(&c);
	free(s);
	s = repeat("v=DMARC1", ";a=1", 1000, "");
	c.what = "1000 tags under 4 KB, the same name";
	c.text = s;
	c.err = "given twice";
	check(&c);
	free(s);
	s = repeat("v=DMARC1; p=reject", ";", 4000, "");
	c.what = "4000 empty tags";
	c.text = s;
	c.st = DMARC_RECORD_OK;
	c.fields = "p=reject";
	c.err = NULL;
	check(&c);
	free(s);
}

#define OK_  DMARC_RECORD_OK
#define NOT_ DMARC_RECORD_NOT_DMARC
#define BAD_ DMARC_RECORD_INVALID
#define RUA " rua=mailto:d@example.com"

static const struct rcase hostile[] = {
	{"p given twice", "v=DMARC1; p=none; p=reject", 0, BAD_, "p=unset", -1,
	 -1, NULL, "\"p\" given twice"},
	{"p twice, other case", "v=DMARC1; p=none; P=reject", 0, BAD_, NULL,
	 -1, -1, NULL, "given twice"},
	{"unknown tag twice", "v=DMARC1; p=none; foo=1; foo=2", 0, BAD_, NULL,
	 -1, -1, NULL, "\"foo\" given twice"},
	{"v twice", "v=DMARC1; v=DMARC1; p=none", 0, BAD_, NULL, -1, -1, NULL,
	 "\"v\" given twice"},
	{"v not first", "p=reject; v=DMARC1", 0, NOT_, NULL, -1, -1, NULL,
	 NULL},
	{"no v at all", "p=reject", 0, NOT_, NULL, -1, -1, NULL, NULL},
	{"v = DMARC1 spacing (4.8 equals = *WSP \"=\" *WSP)",
	 "v = DMARC1 ; p = reject", 0, OK_, "p=reject", 1, 1, NULL, NULL},
	{"tab around =", "v\t=\tDMARC1;\tp\t=\treject", 0, OK_, "p=reject", 1,
	 1, NULL, NULL},
	{"leading space before v", " v=DMARC1; p=reject", 0, NOT_, NULL, -1,
	 -1, NULL, NULL},
	{"version value is case-sensitive", "v=dmarc1; p=reject", 0, NOT_,
	 NULL, -1, -1, NULL, NULL},
	{"V=DMARC1: tag names are case-insensitive", "V=DMARC1; p=reject", 0,
	 OK_, "p=reject", 1, 1,
	 NULL, NULL},
	{"DMARC1x", "v=DMARC1x; p=reject", 0, NOT_, NULL, -1, -1, NULL, NULL},
	{"no separator after version", "v=DMARC1 p=reject", 0, NOT_, NULL, -1,
	 -1, NULL, NULL},
	{"spf record", "v=spf1 -all", 0, NOT_, NULL, -1, -1, NULL, NULL},
	{"p=REJECT", "v=DMARC1;p=REJECT", 0, OK_, "p=reject p_invalid=0", 1, 1,
	 NULL, NULL},
	{"P=Quarantine", "v=DMARC1; P=Quarantine", 0, OK_, "p=quarantine", 1,
	 1, NULL, NULL},
	{"invalid p with rua: p=none (4.10.1)",
	 "v=DMARC1; p=bogus; sp=reject; rua=mailto:d@example.com", 0, OK_,
	 "p=unset p_invalid=1 has_rua=1", 1, 1,
	 "p=none sp=unset np=unset p_invalid=0", NULL},
	{"invalid p without rua: no DMARC (4.10.1)", "v=DMARC1; p=bogus", 0,
	 OK_, "p_invalid=1 has_rua=0", 0, 0, NULL, NULL},
	{"invalid p, rua with no valid URI", "v=DMARC1; p=bogus; rua=bogus", 0,
	 OK_, "p_invalid=1 has_rua=0", 0, 0, NULL, NULL},
	{"empty p", "v=DMARC1; p=", 0, OK_, "p=unset p_invalid=1", 0, 0, NULL,
	 NULL},
	{"invalid sp without rua", "v=DMARC1; p=reject; sp=bogus", 0, OK_,
	 "p=reject sp_invalid=1", 0, 0, NULL, NULL},
	{"invalid np with rua: all none",
	 "v=DMARC1; p=reject; np=bogus; rua=mailto:d@example.com", 0, OK_,
	 "p=reject np_invalid=1", 1, 1, "p=none np=unset" RUA, NULL},
	{"invalid np, no rua; RFC 7489 has no np", "v=DMARC1; p=reject; np=x",
	 0, OK_, "np_invalid=1", 0, 1, NULL, NULL},
	{"sp and np", "v=DMARC1; p=none; sp=quarantine; np=reject", 0, OK_,
	 "p=none sp=quarantine np=reject", 1, 1, NULL, NULL},
	{"pct=101", "v=DMARC1; p=reject; pct=101", 0, OK_, "pct=100", 1, 1,
	 NULL, NULL},
	{"pct=-1", "v=DMARC1; p=reject; pct=-1", 0, OK_, "pct=100", 1, 1, NULL,
	 NULL},
	{"pct=0", "v=DMARC1; p=reject; pct=0", 0, OK_, "pct=0", 1, 1, NULL,
	 NULL},
	{"pct=050", "v=DMARC1; p=reject; pct=050", 0, OK_, "pct=50", 1, 1,
	 NULL, NULL},
	{"pct=0100 (4 digits)", "v=DMARC1; p=reject; pct=0100", 0, OK_,
	 "pct=100", 1, 1, NULL, NULL},
	{"ri huge", "v=DMARC1; p=none; ri=99999999999999999999999", 0, OK_,
	 "ri=86400", 1, 1, NULL, NULL},
	{"ri 2^32-1", "v=DMARC1; p=none; ri=4294967295", 0, OK_,
	 "ri=4294967295", 1, 1, NULL, NULL},
	{"ri 2^32", "v=DMARC1; p=none; ri=4294967296", 0, OK_, "ri=86400", 1,
	 1, NULL, NULL},
	{"NUL inside a value", "v=DMARC1; p=none\0; p=reject", 27, BAD_, NULL,
	 -1, -1, NULL, "NUL"},
	{"NUL at the end", "v=DMARC1; p=reject\0", 19, BAD_, NULL, -1, -1,
	 NULL, "NUL"},
	{"non-ASCII in p", "v=DMARC1; p=r\xc3\xa9ject", 0, OK_, "p_invalid=1",
	 0, 0, NULL, NULL},
	{"non-ASCII in an unknown tag", "v=DMARC1; p=reject; x=\xff\xfe", 0,
	 OK_, "p=reject", 1, 1, NULL, NULL},
	{"CR LF after p", "v=DMARC1; p=reject\r\n", 0, OK_, "p_invalid=1", 0,
	 0, NULL, NULL},
	{"trailing ;", "v=DMARC1; p=reject;", 0, OK_, "p=reject", 1, 1, NULL,
	 NULL},
	{"empty tags", "v=DMARC1;;; p=reject ;; ;", 0, OK_, "p=reject", 1, 1,
	 NULL, NULL},
	{"version only", "v=DMARC1", 0, OK_, "p=unset", 1, 0, "p=none", NULL},
	{"version and ;", "v=DMARC1;", 0, OK_, "p=unset", 1, 0, "p=none", NULL},
	{"tag without =", "v=DMARC1; reject; p=quarantine", 0, OK_,
	 "p=quarantine", 1, 1, NULL, NULL},
	{"tag name with a digit is no tag", "v=DMARC1; p1=reject", 0, OK_,
	 "p=unset", 1, 0, NULL, NULL},
	{"empty tag name", "v=DMARC1; =reject; p=none", 0, OK_, "p=none", 1, 1,
	 NULL, NULL},
	{"space inside a value", "v=DMARC1; p=re ject", 0, OK_, "p_invalid=1",
	 0, 0, NULL, NULL},
	{"psd=y", "v=DMARC1; p=none; psd=y", 0, OK_, "psd=y", 1, 1, NULL, NULL},
	{"psd=N", "v=DMARC1; p=none; psd=N", 0, OK_, "psd=n", 1, 1, NULL, NULL},
	{"psd=u", "v=DMARC1; p=none; psd=u", 0, OK_, "psd=u", 1, 1, NULL, NULL},
	{"psd=yes is not a value: u", "v=DMARC1; p=none; psd=yes", 0, OK_,
	 "psd=u", 1, 1, NULL, NULL},
	{"psd empty", "v=DMARC1; p=none; psd=", 0, OK_, "psd=u", 1, 1, NULL,
	 NULL},
	{"t=y", "v=DMARC1; p=reject; t=y", 0, OK_, "t=y", 1, 1, NULL, NULL},
	{"t=n", "v=DMARC1; p=reject; t=n", 0, OK_, "t=n", 1, 1, NULL, NULL},
	{"t=Y", "v=DMARC1; p=reject; t=Y", 0, OK_, "t=y", 1, 1, NULL, NULL},
	{"t=yes is not a value: n", "v=DMARC1; p=reject; t=yes", 0, OK_, "t=n",
	 1, 1, NULL, NULL},
	{"adkim=s aspf=S", "v=DMARC1; p=reject; adkim=s; aspf=S", 0, OK_,
	 "adkim=s aspf=s", 1, 1, NULL, NULL},
	{"adkim=x", "v=DMARC1; p=reject; adkim=x; aspf=", 0, OK_,
	 "adkim=r aspf=r", 1, 1, NULL, NULL},
	{"rua list with a size suffix",
	 "v=DMARC1; p=none; rua=mailto:a@example.com , mailto:b@example.com!10m",
	 0, OK_, "rua=mailto:a@example.com,mailto:b@example.com has_rua=1", 1,
	 1, NULL, NULL},
	{"rua: one bad URI skipped",
	 "v=DMARC1; p=none; rua=not a uri,mailto:b@example.com", 0, OK_,
	 "rua=mailto:b@example.com", 1, 1, NULL, NULL},
	{"rua: bad size suffix", "v=DMARC1; p=none; rua=mailto:a@example.com!",
	 0, OK_, "has_rua=0 rua=", 1, 1, NULL, NULL},
	{"rua: bare scheme", "v=DMARC1; p=none; rua=mailto:", 0, OK_,
	 "has_rua=0", 1, 1, NULL, NULL},
	{"rua: no scheme", "v=DMARC1; p=none; rua=d@example.com", 0, OK_,
	 "has_rua=0", 1, 1, NULL, NULL},
	{"rua: percent-encoded", "v=DMARC1; p=none; rua=mailto:a%2cb@x.example",
	 0, OK_, "rua=mailto:a%2cb@x.example", 1, 1, NULL, NULL},
	{"rua: bad percent", "v=DMARC1; p=none; rua=mailto:a%zzb@x.example", 0,
	 OK_, "has_rua=0", 1, 1, NULL, NULL},
	{"rua: non-ASCII", "v=DMARC1; p=none; rua=mailto:\xc3\xa9@x.example", 0,
	 OK_, "has_rua=0", 1, 1, NULL, NULL},
	{"fo=1:d:s", "v=DMARC1; p=none; fo=1:d:s", 0, OK_, "fo=1:d:s", 1, 1,
	 NULL, NULL},
	{"fo=0:1 is not allowed", "v=DMARC1; p=none; fo=0:1", 0, OK_, "fo=0",
	 1, 1, NULL, NULL},
	{"fo=d:d is not allowed", "v=DMARC1; p=none; fo=d:d", 0, OK_, "fo=0",
	 1, 1, NULL, NULL},
	{"fo=S", "v=DMARC1; p=none; fo=S", 0, OK_, "fo=s", 1, 1, NULL, NULL},
	{"rf=AFRF", "v=DMARC1; p=none; rf=AFRF", 0, OK_, "rf=afrf", 1, 1, NULL,
	 NULL},
};

/* uri_lists - more URIs than are kept, and one URI too long to keep */
static void uri_lists(void)
{
	struct rcase c = {0};
	char *s;

	c.applies = c.applies7489 = 1;
	c.st = DMARC_RECORD_OK;
	s = repeat("v=DMARC1; p=none; rua=", "mailto:r%d@example.com,", 10, "");
	c.what = "10 rua URIs: 8 kept";
	c.text = s;
	c.fields = "rua=mailto:r0@example.com,mailto:r1@example.com,"
	    "mailto:r2@example.com,mailto:r3@example.com,mailto:r4@example.com,"
	    "mailto:r5@example.com,mailto:r6@example.com,mailto:r7@example.com";
	check(&c);
	free(s);
	s = repeat("v=DMARC1; p=reject; ruf=mailto:", "a", 600, "@example.com");
	c.what = "a 600-byte URI cannot be kept";
	c.text = s;
	c.fields = "p=reject has_ruf=0 ruf=";
	check(&c);
	free(s);
}

int main(void)
{
	size_t i;

	vectors();
	bounds();
	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++)
		check(&hostile[i]);
	uri_lists();
	return tap_done();
}
