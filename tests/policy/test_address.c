/* test_address - the From address-list parser: libopendmarc's own
 * From-domain vectors (read from CONFORMANCE_DIR), then a table of
 * ordinary and hostile fields, the CVE-2019-16378 and CVE-2021-34555
 * cases among them, and generated ones at and past every bound. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lib/show.h"
#include "tests/lib/tap.h"
#include "tests/lib/vectors.h"
#include "policy/address.h"

#define BIN(s) s, sizeof(s) - 1

struct row {
	const char *name;
	const char *in;
	size_t len;		/* 0: strlen(in); BIN() sets it for NULs */
	enum address_status st;
	const char *domains;	/* space separated, "-" for none */
	const char *locals;	/* "|" separated, NULL: not checked */
};

/* summary - "STATUS: d1 d2 ..." of a parse, what a caller acts on */
static const char *summary(enum address_status st, const struct address_list *l,
			   char *buf, size_t size)
{
	size_t i, o;

	o = (size_t) snprintf(buf, size, "%s:", address_status_name(st));
	for (i = 0; i < l->count && o < size; i++)
		o += (size_t) snprintf(buf + o, size - o, " %s",
				       l->box[i].domain[0] ? l->box[i].domain : "-");
	return buf;
}

/* want - the summary a row expects */
static const char *want(enum address_status st, const char *domains,
			char *buf, size_t size)
{
	snprintf(buf, size, "%s:%s%s", address_status_name(st),
		 domains[0] ? " " : "", domains);
	return buf;
}

/* locals - the local parts, "|" separated */
static const char *locals(const struct address_list *l, char *buf, size_t size)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < l->count && o < size; i++)
		o += (size_t) snprintf(buf + o, size - o, "%s%s", i ? "|" : "",
				       l->box[i].local);
	return buf;
}

/* same_list - two parses of one input agree byte for byte */
static int same_list(const struct address_list *a, const struct address_list *b)
{
	size_t i;

	if (a->count != b->count)
		return 0;
	for (i = 0; i < a->count; i++)
		if (strcmp(a->box[i].local, b->box[i].local) != 0
		    || strcmp(a->box[i].domain, b->box[i].domain) != 0)
			return 0;
	return 1;
}

/* check - one field: the status and the domains, the local parts when
 * the row names them, and a second parse that must agree (it starts
 * from a dirty struct, so nothing left over can pass for a result) */
static void check(const char *name, const char *in, size_t len,
		  enum address_status st, const char *domains, const char *loc)
{
	static struct address_list l, again;
	char got[20000], exp[20000], lbuf[9000];
	enum address_status s, s2;

	s = address_parse_list(in, len, &l);
	is_str(summary(s, &l, got, sizeof(got)), want(st, domains, exp, sizeof(exp)),
	       "%s [%s]", name, show_input(in, len));
	if (loc != NULL)
		is_str(locals(&l, lbuf, sizeof(lbuf)), loc, "%s: local parts", name);
	memset(&again, 'X', sizeof(again));
	s2 = address_parse_list(in, len, &again);
	if (s2 != s || !same_list(&l, &again) || l.count > ADDRESS_MAX_MAILBOXES)
		ok(0, "%s: a second parse agrees", name);
}

static const struct row rows[] = {
	/* ordinary fields */
	{ "plain addr-spec", "joe@example.com", 0, ADDRESS_OK, "example.com", "joe" },
	{ "display name; domain case and trailing dot dropped",
	  "Joe <joe@Example.COM.>", 0, ADDRESS_OK, "example.com", "joe" },
	{ "quoted display name with a dot", "\"Joe Q. Public\" <john.q.public@example.com>",
	  0, ADDRESS_OK, "example.com", "john.q.public" },
	{ "obs-phrase: unquoted dot in a display name",
	  "Joe Q. Public <jqp@example.com>", 0, ADDRESS_OK, "example.com", NULL },
	{ "two mailboxes, same domain", "a@example.com, b@example.com", 0,
	  ADDRESS_OK, "example.com example.com", "a|b" },
	{ "two mailboxes, different domains", "Ann <a@one.example>, b@two.example",
	  0, ADDRESS_OK, "one.example two.example", NULL },
	{ "group with members", "grp: a@x.example, b@y.example;", 0,
	  ADDRESS_OK, "x.example y.example", NULL },
	{ "empty group", "undisclosed-recipients:;", 0, ADDRESS_EMPTY, "", NULL },
	{ "empty group with a comment and folding",
	  "undisclosed-recipients:\r\n (none) ;", 0, ADDRESS_EMPTY, "", NULL },
	{ "group, then a mailbox", "grp: a@x.example;, c@z.example", 0,
	  ADDRESS_OK, "x.example z.example", NULL },
	{ "mailbox, then a group", "c@z.example, grp: a@x.example;", 0,
	  ADDRESS_OK, "z.example x.example", NULL },
	{ "empty field", "", 0, ADDRESS_EMPTY, "", NULL },
	{ "only white space", " \t ", 0, ADDRESS_EMPTY, "", NULL },
	{ "only a comment", "(nobody)", 0, ADDRESS_EMPTY, "", NULL },
	{ "only a fold", "\r\n ", 0, ADDRESS_EMPTY, "", NULL },
	{ "obs-mbox-list: empty elements", ",, a@x.example ,,, b@y.example ,", 0,
	  ADDRESS_OK, "x.example y.example", NULL },
	{ "quoted-string local part", "\"a b\"@example.com", 0, ADDRESS_OK,
	  "example.com", "a b" },
	{ "quoted-pair in a local part", "\"a\\\"b\\\\c\"@example.com", 0,
	  ADDRESS_OK, "example.com", "a\"b\\c" },
	{ "empty quoted local part", "\"\"@example.com", 0, ADDRESS_OK,
	  "example.com", "" },
	{ "obs-local-part with CFWS between words",
	  "joe (x) . smith @ example . com", 0, ADDRESS_OK, "example.com", "joe.smith" },
	{ "obs-local-part mixing atoms and quoted strings",
	  "joe.\"q r\".smith@example.com", 0, ADDRESS_OK, "example.com", "joe.q r.smith" },
	{ "obs-domain with comments around the dots", "joe@example(c).(d)COM", 0,
	  ADDRESS_OK, "example.com", NULL },
	{ "runs of dots in a local part (carrier addresses)", "a..b.@docomo.example",
	  0, ADDRESS_OK, "docomo.example", "a..b." },
	{ "comment with quoted-pairs and nesting",
	  "joe@example.com (a \\) b (c \\( d) e)", 0, ADDRESS_OK, "example.com", NULL },
	{ "quoted string holding comment and angle characters",
	  "\"(a) <b>\" <joe@example.com>", 0, ADDRESS_OK, "example.com", NULL },
	{ "percent hack: the domain after '@' counts",
	  "user%other.example@relay.example", 0, ADDRESS_OK, "relay.example", NULL },
	{ "underscore kept as written", "a@_Sub.Example", 0, ADDRESS_OK,
	  "_sub.example", NULL },
	{ "CRLF folding inside", "Joe\r\n <joe@\r\n\texample.com>", 0,
	  ADDRESS_OK, "example.com", NULL },
	{ "LF-only folding inside", "Joe\n\t<joe@example.com>,\n b@y.example", 0,
	  ADDRESS_OK, "example.com y.example", NULL },
	{ "fold inside a quoted string is removed from the local part",
	  "\"a\r\n b\"@example.com", 0, ADDRESS_OK, "example.com", "a b" },
	{ "obs-route", "<@a.example,@b.example:user@c.example>", 0,
	  ADDRESS_OK, "c.example", "user" },
	{ "obs-route with a display name, literal hop and empty hops",
	  "Joe <,@a.example,,@[192.0.2.9]:joe@C.example>", 0, ADDRESS_OK,
	  "c.example", NULL },
	{ "IDN in UTF-8: only ASCII lowercased", "user@B\xc3\xbc" "cher.Example", 0,
	  ADDRESS_OK, "b\xc3\xbc" "cher.example", NULL },
	{ "IDN as an A-label", "user@XN--bcher-kva.example", 0, ADDRESS_OK,
	  "xn--bcher-kva.example", NULL },
	{ "UTF-8 display name and comment (RFC 6532)",
	  "J\xc3\xb6rg (M\xc3\xbcller) <jorg@example.de>", 0, ADDRESS_OK, "example.de", NULL },
	{ "UTF-8 local part", "j\xc3\xb6rg@example.de", 0, ADDRESS_OK, "example.de",
	  "j\xc3\xb6rg" },
	{ "obsolete control byte in a quoted string", "\"a\x01" "b\"@example.com", 0,
	  ADDRESS_OK, "example.com", "a\x01" "b" },
	{ "plain encoded word in a display name", "=?utf-8?b?Sm9l?= <joe@example.com>",
	  0, ADDRESS_OK, "example.com", NULL },

	/* mailboxes without a usable domain */
	{ "bare local part", "user", 0, ADDRESS_NODOMAIN, "-", "user" },
	{ "angle address with a local part only", "Joe <user>", 0,
	  ADDRESS_NODOMAIN, "-", "user" },
	{ "domain literal", "user@[192.0.2.1]", 0, ADDRESS_NODOMAIN, "-", "user" },
	{ "IPv6 domain literal with folding", "user@[IPv6:2001:db8::1\r\n ]", 0,
	  ADDRESS_NODOMAIN, "-", NULL },

	/* hostile and broken fields */
	{ "\"<>\" is no mailbox", "<>", 0, ADDRESS_SYNTAX, "", NULL },
	{ "\"<>\" with a display name", "Joe <>", 0, ADDRESS_SYNTAX, "", NULL },
	{ "unterminated quote", "\"Joe <joe@example.com>", 0, ADDRESS_SYNTAX, "", NULL },
	{ "unterminated comment", "joe@example.com (Joe", 0, ADDRESS_SYNTAX, "", NULL },
	{ "unterminated angle", "Joe <joe@example.com", 0, ADDRESS_SYNTAX, "", NULL },
	{ "stray '>' after an addr-spec (OpenDMARC PR 174)",
	  "user@example.net>", 0, ADDRESS_SYNTAX, "", NULL },
	{ "a@b@c", "a@b@c", 0, ADDRESS_SYNTAX, "", NULL },
	{ "no local part", "@example.com", 0, ADDRESS_SYNTAX, "", NULL },
	{ "no domain after '@'", "user@", 0, ADDRESS_SYNTAX, "", NULL },
	{ "no domain after '@' in angles", "Joe <user@>", 0, ADDRESS_SYNTAX, "", NULL },
	{ "display name without an address", "Joe Smith", 0, ADDRESS_SYNTAX, "", NULL },
	{ "two words then '@'", "joe smith@example.com", 0, ADDRESS_SYNTAX, "", NULL },
	{ "display name starting with a dot", ". Joe <j@example.com>", 0,
	  ADDRESS_SYNTAX, "", NULL },
	{ "empty label in a domain", "a@example..com", 0, ADDRESS_SYNTAX, "", NULL },
	{ "leading dot in a domain", "a@.example.com", 0, ADDRESS_SYNTAX, "", NULL },
	{ "two trailing dots", "a@example.com..", 0, ADDRESS_SYNTAX, "", NULL },
	{ "domain of a single dot", "a@.", 0, ADDRESS_SYNTAX, "", NULL },
	{ "two words as a domain", "a@example com", 0, ADDRESS_SYNTAX, "", NULL },
	{ "addr-spec then junk", "a@x.example junk", 0, ADDRESS_SYNTAX, "", NULL },
	{ "name-addr then junk", "<a@x.example> junk", 0, ADDRESS_SYNTAX, "", NULL },
	{ "addr-spec then an angle address", "a@x.example <b@y.example>", 0,
	  ADDRESS_SYNTAX, "", NULL },
	{ "two angle addresses in one mailbox", "Joe <a@x.example> <b@y.example>", 0,
	  ADDRESS_SYNTAX, "", NULL },
	{ "nested angle brackets", "<<a@x.example>>", 0, ADDRESS_SYNTAX, "", NULL },
	{ "obs-route hops without a comma", "<@a.example@b.example:u@c.example>", 0,
	  ADDRESS_SYNTAX, "", NULL },
	{ "obs-route without a hop", "<,:u@c.example>", 0, ADDRESS_SYNTAX, "", NULL },
	{ "obs-route never closed by ':'", "<@a.example,u@c.example>", 0,
	  ADDRESS_SYNTAX, "", NULL },
	{ "group inside a group", "a: b: c@x.example;;", 0, ADDRESS_SYNTAX, "", NULL },
	{ "group never closed", "grp: a@x.example", 0, ADDRESS_SYNTAX, "", NULL },
	{ "';' outside a group", "a@x.example;", 0, ADDRESS_SYNTAX, "", NULL },
	{ "two groups without a comma", "a:;b:;", 0, ADDRESS_SYNTAX, "", NULL },
	{ "group without a name", ": a@x.example;", 0, ADDRESS_SYNTAX, "", NULL },
	{ "unmatched ')'", "joe@example.com)", 0, ADDRESS_SYNTAX, "", NULL },
	{ "stray ']'", "joe@example.com]", 0, ADDRESS_SYNTAX, "", NULL },
	{ "domain literal where a word belongs", "[192.0.2.1]", 0, ADDRESS_SYNTAX, "", NULL },
	{ "backslash outside quotes", "jo\\e@example.com", 0, ADDRESS_SYNTAX, "", NULL },
	{ "unterminated domain literal", "a@[192.0.2.1", 0, ADDRESS_SYNTAX, "", NULL },
	{ "'[' inside a domain literal", "a@[1[2]", 0, ADDRESS_SYNTAX, "", NULL },
	{ "control byte in an atom", "jo\x01" "e@example.com", 0, ADDRESS_SYNTAX, "", NULL },
	{ "DEL in an atom", "jo\x7f" "e@example.com", 0, ADDRESS_SYNTAX, "", NULL },
	{ "NUL byte inside: not truncated to the first address",
	  BIN("joe@example.com\0, eve@evil.example"), ADDRESS_SYNTAX, "", NULL },
	{ "NUL byte in a quoted string", BIN("\"a\0b\"@example.com"),
	  ADDRESS_SYNTAX, "", NULL },
	{ "NUL byte in a comment", BIN("a@example.com (\0)"), ADDRESS_SYNTAX, "", NULL },
	{ "NUL byte quoted", BIN("\"a\\\0\"@example.com"), ADDRESS_SYNTAX, "", NULL },
	{ "CRLF without WSP: an injected header",
	  "joe@example.com\r\nFrom: eve@evil.example", 0, ADDRESS_SYNTAX, "", NULL },
	{ "bare CR", "joe@exa\rmple.com", 0, ADDRESS_SYNTAX, "", NULL },
	{ "bare LF without WSP", "joe@example.com,\neve@evil.example", 0,
	  ADDRESS_SYNTAX, "", NULL },
	{ "trailing CRLF", "joe@example.com\r\n", 0, ADDRESS_SYNTAX, "", NULL },
	{ "quoted CR", "\"a\\\rb\"@example.com", 0, ADDRESS_SYNTAX, "", NULL },
	{ "display name holding an address in quotes: the real one only",
	  "\"bob@good.example\" <eve@evil.example>", 0, ADDRESS_OK, "evil.example", "eve" },
	{ "display name holding an address in a comment: the real one only",
	  "(bob@good.example) <eve@evil.example>", 0, ADDRESS_OK, "evil.example", NULL },
	{ "encoded word holding '@' in a display name: the real one only",
	  "=?utf-8?q?bob@good.example?= <eve@evil.example>", 0, ADDRESS_OK,
	  "evil.example", "eve" },
	{ "encoded word holding '@' alone is not an address",
	  "=?utf-8?q?bob@good.example?=", 0, ADDRESS_SYNTAX, "", NULL },
	{ "encoded word holding '@' as a local part",
	  "=?utf-8?q?bob@good.example?=@evil.example", 0, ADDRESS_SYNTAX, "", NULL },
	{ "encoded word run on into an atom is an addr-spec (RFC 2047 section 5)",
	  "=?utf-8?q?bob@good.example?=x", 0, ADDRESS_OK, "good.example?=x", NULL },
	{ "encoded word hiding '<': read as plain text",
	  "=?utf-8?q?<bob@good.example>?= <eve@evil.example>", 0,
	  ADDRESS_SYNTAX, "", NULL },
	{ "encoded word holding ',': read as plain text, two mailboxes",
	  "=?utf-8?q?Doe,_John?= <j@example.com>", 0, ADDRESS_NODOMAIN,
	  "- example.com", "=?utf-8?q?Doe|j" },

	/* the CVEs */
	{ "CVE-2019-16378 two From addresses, signed for the second: both domains",
	  "Support <support@example.com>, Support <support@thedomain.com>", 0,
	  ADDRESS_OK, "example.com thedomain.com", NULL },
	{ "CVE-2019-16378 victim first, attacker second",
	  "a@victim.example, b@attacker.example", 0, ADDRESS_OK,
	  "victim.example attacker.example", NULL },
	{ "CVE-2019-16378 attacker after an empty group",
	  "x:;, a@victim.example, b@attacker.example", 0, ADDRESS_OK,
	  "victim.example attacker.example", NULL },
	{ "CVE-2019-16378 attacker hidden in a group",
	  "a@victim.example, x: b@attacker.example;", 0, ADDRESS_OK,
	  "victim.example attacker.example", NULL },
	{ "CVE-2021-34555 second value has no domain", "a@example.com, user", 0,
	  ADDRESS_NODOMAIN, "example.com -", "a|user" },
	{ "CVE-2021-34555 first value has no domain", "user, a@example.com", 0,
	  ADDRESS_NODOMAIN, "- example.com", "user|a" },
	{ "CVE-2021-34555 value with a display name and no domain",
	  "a@example.com, Joe <joe>", 0, ADDRESS_NODOMAIN, "example.com -", NULL },
	{ "CVE-2021-34555 domain literal among values",
	  "a@example.com, b@[192.0.2.1]", 0, ADDRESS_NODOMAIN, "example.com -", NULL },
	{ "CVE-2021-34555 empty angle address among values", "a@example.com, <>", 0,
	  ADDRESS_SYNTAX, "", NULL },
	{ "CVE-2021-34555 '@' without a domain among values", "a@example.com, b@", 0,
	  ADDRESS_SYNTAX, "", NULL },
};

/* One override per libopendmarc vector where RFC 5322 says otherwise. */
struct override {
	int id;
	enum address_status st;
	const char *domains;
	const char *why;
};

static const struct override overrides[] = {
	{ 2, ADDRESS_SYNTAX, "", "a quoted string then a bare addr-spec is no "
	  "mailbox in RFC 5322 (words need dots between them)" },
	{ 6, ADDRESS_SYNTAX, "", "angle brackets do not nest in RFC 5322" },
	{ 7, ADDRESS_OK, "joe.com ace.com", "two mailboxes: every domain, "
	  "not the first only (CVE-2019-16378)" },
	{ 8, ADDRESS_OK, "joe.com ace.com", "two mailboxes: every domain, "
	  "not the first only (CVE-2019-16378)" },
	{ 9, ADDRESS_SYNTAX, "", "\"Mail From:\" opens a group (RFC 6854), "
	  "which never ends with ';'" },
	{ 12, ADDRESS_SYNTAX, "", "a quoted string then a bare addr-spec is no "
	  "mailbox in RFC 5322" },
	{ 13, ADDRESS_SYNTAX, "", "\"From:\" opens a group (RFC 6854), which "
	  "never ends with ';'" },
};

/* vector - one libopendmarc row: its domain, or the RFC's answer */
static void vector(int id, const char *value, const char *domain)
{
	char name[400];
	size_t i;

	for (i = 0; i < sizeof(overrides) / sizeof(overrides[0]); i++) {
		if (overrides[i].id != id)
			continue;
		snprintf(name, sizeof(name), "opendmarc vector %d: RFC 5322 differs "
			 "from libopendmarc (%s): %s", id, domain, overrides[i].why);
		check(name, value, strlen(value), overrides[i].st,
		      overrides[i].domains, NULL);
		return;
	}
	snprintf(name, sizeof(name), "opendmarc vector %d", id);
	check(name, value, strlen(value), ADDRESS_OK, domain, NULL);
}

/* vectors - from-header-domain.tsv: "id<TAB>value<TAB>domain" lines */
static void vector_row(char **col, void *ctx)
{
	(void) ctx;
	vector(atoi(col[0]), col[1], col[2]);
}

static void vectors(void)
{
	is_int(vectors_read("dmarc/opendmarc-vectors/from-header-domain.tsv", 3, vector_row, NULL), 13,
	       "all 13 libopendmarc From vectors were read");
}

/* repeat - HEAD, COUNT copies of PIECE, then TAIL */
static char *repeat(const char *head, const char *piece, size_t count,
		    const char *tail)
{
	size_t hl = strlen(head), pl = strlen(piece), tl = strlen(tail), i;
	char *s = malloc(hl + count * pl + tl + 1);

	if (s == NULL)
		abort();
	memcpy(s, head, hl);
	for (i = 0; i < count; i++)
		memcpy(s + hl + i * pl, piece, pl);
	memcpy(s + hl + count * pl, tail, tl + 1);
	return s;
}

/* nested - "a@x.example " then a comment nested DEPTH deep */
static char *nested(size_t depth)
{
	char *open = repeat("a@x.example ", "(", depth, "c");
	char *all = repeat(open, ")", depth, "");

	free(open);
	return all;
}

/* mailboxes - "m0@d0.example, m1@d1.example, ..." and its domain list */
static void mailboxes(size_t n, const char *head, const char *tail,
		      char **field, char **domains)
{
	size_t i, fo = 0, dom = 0;
	char *f = malloc(n * 40 + 100), *d = malloc(n * 20 + 1);

	if (f == NULL || d == NULL)
		abort();
	fo += (size_t) sprintf(f, "%s", head);
	d[0] = '\0';
	for (i = 0; i < n; i++) {
		fo += (size_t) sprintf(f + fo, "%sm%zu@D%zu.example", i ? ", " : "", i, i);
		dom += (size_t) sprintf(d + dom, "%sd%zu.example", i ? " " : "", i);
	}
	sprintf(f + fo, "%s", tail);
	*field = f;
	*domains = d;
}

/* bounds - generated fields at and past each hard limit */
static void bounds(void)
{
	char *f, *d, *lab, big[600], exp[600];

	f = repeat("", ",", 10000, "");
	check("10000 commas", f, strlen(f), ADDRESS_EMPTY, "", NULL);
	free(f);
	f = repeat("", ",", 10000, "a@x.example,,,");
	check("10000 commas, then a mailbox", f, strlen(f), ADDRESS_OK, "x.example", NULL);
	free(f);

	mailboxes(32, "", "", &f, &d);
	check("32 mailboxes", f, strlen(f), ADDRESS_OK, d, NULL);
	free(f);
	free(d);
	mailboxes(33, "", "", &f, &d);
	check("33 mailboxes", f, strlen(f), ADDRESS_TOOMANY, "", NULL);
	free(f);
	free(d);
	mailboxes(32, "all: ", ";", &f, &d);
	check("32 mailboxes in a group", f, strlen(f), ADDRESS_OK, d, NULL);
	free(f);
	free(d);
	mailboxes(33, "all: ", ";", &f, &d);
	check("33 mailboxes in a group", f, strlen(f), ADDRESS_TOOMANY, "", NULL);
	free(f);
	free(d);
	mailboxes(31, "", ", eve@Attacker.example", &f, &d);
	strcat(d, " attacker.example");
	check("CVE-2019-16378 attacker's domain as the 32nd mailbox", f, strlen(f),
	      ADDRESS_OK, d, NULL);
	free(f);
	free(d);

	f = nested(ADDRESS_MAX_COMMENT_DEPTH);
	check("comments nested 32 deep", f, strlen(f), ADDRESS_OK, "x.example", NULL);
	free(f);
	f = nested(ADDRESS_MAX_COMMENT_DEPTH + 1);
	check("comments nested 33 deep", f, strlen(f), ADDRESS_SYNTAX, "", NULL);
	free(f);
	f = nested(64);
	check("comments nested 64 deep", f, strlen(f), ADDRESS_SYNTAX, "", NULL);
	free(f);
	f = repeat("a@x.example ", "(", 60000, "");
	check("comments nested 60000 deep, unterminated", f, strlen(f),
	      ADDRESS_SYNTAX, "", NULL);
	free(f);

	/* a domain of 255 bytes is kept, one of 256 is never cut */
	lab = repeat("", "a", 63, "");
	snprintf(big, sizeof(big), "u@%s.%s.%s.%s", lab, lab, lab, lab);
	is_int((long) strlen(big + 2), 255, "the long domain is 255 bytes");
	check("domain of 255 bytes", big, strlen(big), ADDRESS_OK, big + 2, NULL);
	snprintf(big, sizeof(big), "u@%s.%s.%s.%sa", lab, lab, lab, lab);
	check("domain of 256 bytes: no usable domain, not a cut one", big,
	      strlen(big), ADDRESS_NODOMAIN, "-", "u");
	snprintf(big, sizeof(big), "u@%s.%s.%s.%s.", lab, lab, lab, lab);
	big[strlen(big) - 1] = '\0';
	snprintf(exp, sizeof(exp), "%s", big + 2);
	strcat(big, ".");
	check("domain of 255 bytes and a trailing dot", big, strlen(big),
	      ADDRESS_OK, exp, NULL);
	free(lab);
	f = repeat("", "l", 300, "@example.com");
	lab = repeat("", "l", 255, "");
	check("local part of 300 bytes is cut to 255", f, strlen(f), ADDRESS_OK,
	      "example.com", lab);
	free(f);
	free(lab);

	f = malloc(ADDRESS_MAX_FIELD + 2);
	if (f == NULL)
		abort();
	memset(f, ' ', ADDRESS_MAX_FIELD + 1);
	memcpy(f, "a@x.example", 11);
	check("field of ADDRESS_MAX_FIELD bytes", f, ADDRESS_MAX_FIELD, ADDRESS_OK,
	      "x.example", NULL);
	check("field of ADDRESS_MAX_FIELD + 1 bytes", f, ADDRESS_MAX_FIELD + 1,
	      ADDRESS_SYNTAX, "", NULL);
	free(f);
}

/* api - the edges of the interface itself */
static void api(void)
{
	struct address_list l;

	is_int(address_parse_list(NULL, 0, &l), ADDRESS_EMPTY, "NULL value of length 0");
	is_int(address_parse_list(NULL, 5, &l), ADDRESS_SYNTAX, "NULL value of length 5");
	is_int(address_parse_list("a@b", 3, NULL), ADDRESS_SYNTAX, "NULL output");
	is_int(address_parse_list("a@x.example, b@y.example", 11, &l), ADDRESS_OK,
	       "only LEN bytes are read");
	is_int((long) l.count, 1, "... so one mailbox");
	is_str(address_status_name(ADDRESS_OK), "ok", "status name ok");
	is_str(address_status_name(ADDRESS_EMPTY), "empty", "status name empty");
	is_str(address_status_name(ADDRESS_NODOMAIN), "nodomain", "status name nodomain");
	is_str(address_status_name(ADDRESS_SYNTAX), "syntax", "status name syntax");
	is_str(address_status_name(ADDRESS_TOOMANY), "toomany", "status name toomany");
}

/* main - the vectors, the table, the bounds, the interface */
int main(void)
{
	size_t i, len;

	vectors();
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		len = rows[i].len ? rows[i].len : strlen(rows[i].in);
		check(rows[i].name, rows[i].in, len, rows[i].st, rows[i].domains,
		      rows[i].locals);
	}
	bounds();
	api();
	return tap_done();
}
