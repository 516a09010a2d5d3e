/*
 * test_spf_record - the SPF record parser: good records term by term, the
 * version check, the 4 KB cap, and a table of hostile records that must
 * each be refused (with the message an admin would see).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "policy/spf_record.h"
#include "tests/lib/tap.h"

/* parse - parse a C string */
static enum spf_record_status parse(const char *s, struct spf_record *rec,
				    char *err, size_t errlen)
{
	return spf_record_parse(s, strlen(s), rec, err, errlen);
}

/* spec_is - a term's domain-spec as a C string comparison */
static void spec_is(const struct spf_term *t, const char *want,
		    const char *what)
{
	char buf[512];

	if (t->spec == NULL) {
		ok(want == NULL, "%s: no domain-spec (want '%s')", what,
		   want ? want : "");
		return;
	}
	snprintf(buf, sizeof(buf), "%.*s", (int) t->speclen, t->spec);
	is_str(buf, want ? want : "(none)", "%s: domain-spec", what);
}

/* test_full_record - every mechanism and modifier, field by field */
static void test_full_record(void)
{
	const char *rec_text = "V=SPF1 ip4:192.0.2.0/24 -ip6:2001:DB8::/32 "
	    "~a ?mx:example.org/28//48 +ptr exists:%{ir}.%{v}.x.example "
	    "include:_spf.example.com moo.cow-far_out=man:dog/cat "
	    "redirect=example.org exp=exp.%{d} -all";
	struct spf_record rec;
	struct netaddr want;
	char err[128];
	const struct spf_term *t;

	if (!is_int(parse(rec_text, &rec, err, sizeof(err)), SPF_RECORD_OK,
		    "full record parses (%s)", err))
		return;
	is_int((long) rec.nterms, 8, "eight mechanisms");
	t = rec.terms;
	is_int(t[0].mech, SPF_MECH_IP4, "ip4");
	is_int(t[0].qualifier, SPF_PASS, "default qualifier is +");
	is_int(t[0].cidr4, 24, "ip4 prefix");
	netaddr_parse("192.0.2.0", &want);
	ok(memcmp(t[0].net.bytes, want.bytes, 4) == 0
	   && t[0].net.family == AF_INET, "ip4 network");
	is_int(t[1].mech, SPF_MECH_IP6, "ip6");
	is_int(t[1].qualifier, SPF_FAIL, "- is fail");
	is_int(t[1].cidr6, 32, "ip6 prefix");
	is_int(t[1].net.family, AF_INET6, "ip6 network family");
	is_int(t[2].mech, SPF_MECH_A, "a");
	is_int(t[2].qualifier, SPF_SOFTFAIL, "~ is softfail");
	spec_is(&t[2], NULL, "bare a");
	is_int(t[2].cidr4, 32, "a default ip4 prefix");
	is_int(t[2].cidr6, 128, "a default ip6 prefix");
	is_int(t[3].mech, SPF_MECH_MX, "mx");
	is_int(t[3].qualifier, SPF_NEUTRAL, "? is neutral");
	spec_is(&t[3], "example.org", "mx");
	is_int(t[3].cidr4, 28, "mx ip4 prefix");
	is_int(t[3].cidr6, 48, "mx ip6 prefix");
	is_int(t[4].mech, SPF_MECH_PTR, "ptr");
	spec_is(&t[4], NULL, "bare ptr");
	is_int(t[5].mech, SPF_MECH_EXISTS, "exists");
	spec_is(&t[5], "%{ir}.%{v}.x.example", "exists");
	is_int(t[6].mech, SPF_MECH_INCLUDE, "include");
	spec_is(&t[6], "_spf.example.com", "include");
	is_int(t[7].mech, SPF_MECH_ALL, "all");
	ok(t[7].textlen == 4 && memcmp(t[7].text, "-all", 4) == 0,
	   "term text kept as written");
	ok(rec.redirect && rec.redirectlen == 11
	   && memcmp(rec.redirect, "example.org", 11) == 0, "redirect=");
	ok(rec.exp && rec.explen == 8 && memcmp(rec.exp, "exp.%{d}", 8) == 0,
	   "exp=");
	spf_record_free(&rec);
}

/* good_case - a record that parses, with its count of mechanisms */
static void good_case(const char *text, size_t len, size_t nterms,
		      const char *what)
{
	struct spf_record rec;
	char err[128];

	if (is_int(spf_record_parse(text, len, &rec, err, sizeof(err)),
		   SPF_RECORD_OK, "good: %s (%s)", what, err))
		is_int((long) rec.nterms, (long) nterms, "good: %s: terms",
		       what);
	spf_record_free(&rec);
}

/* test_good - unusual but valid records */
static void test_good(void)
{
	struct spf_record rec;
	char err[128], *big;
	size_t i;

	good_case("v=spf1", 6, 0, "version only");
	good_case("v=spf1 ", 7, 0, "trailing space");
	good_case("v=spf1   a    -all  ", 20, 2, "runs of spaces");
	good_case("v=spf1 a//0 -all", 16, 2, "a//0");
	good_case("v=spf1 a/0", 10, 1, "a/0");
	good_case("v=spf1 ip4:1.1.1.1/0 ip6:::/0", 29, 2, "zero prefixes");
	good_case("v=spf1 ip6:::1.1.1.1/128", 24, 1, "ip6 with dotted tail");
	good_case("v=spf1 a:%{d}.", 14, 1, "macro then trailing dot");
	good_case("v=spf1 a:museum.example.", 24, 1, "trailing dot");
	good_case("v=spf1 a:foo.example.xn--zckzah", 31, 1, "dash toplabel");
	good_case("v=spf1 a:foo.123-4", 18, 1, "digits-dash toplabel");
	good_case("v=spf1 foo= bar=%{t}", 20, 0, "empty and c/r/t modifiers");
	good_case("v=spf1 v=spf1", 13, 0, "v=spf1 again is a modifier");
	good_case("v=spf1 REDIRECT=x.example", 25, 0, "modifier names ignore case");
	good_case("v=spf1 -ALL", 11, 1, "mechanism names ignore case");
	if (parse("v=spf1 a:foo:bar/baz.example.com/26", &rec, err,
		  sizeof(err)) == SPF_RECORD_OK) {
		spec_is(&rec.terms[0], "foo:bar/baz.example.com", "colon/slash name");
		is_int(rec.terms[0].cidr4, 26, "cidr after a slashed name");
	} else {
		ok(0, "colon/slash domain-spec parses (%s)", err);
	}
	spf_record_free(&rec);
	if (parse("v=spf1 mx//64", &rec, err, sizeof(err)) == SPF_RECORD_OK) {
		is_int(rec.terms[0].cidr4, 32, "mx//64: ip4 prefix default");
		is_int(rec.terms[0].cidr6, 64, "mx//64: ip6 prefix");
	} else {
		ok(0, "mx//64 parses (%s)", err);
	}
	spf_record_free(&rec);
	/* the most terms a 4096-octet record can hold */
	big = malloc(SPF_MAX_RECORD + 2);
	if (!ok(big != NULL, "allocate"))
		return;
	memcpy(big, "v=spf1", 6);
	for (i = 6; i + 2 <= SPF_MAX_RECORD; i += 2)
		memcpy(big + i, " a", 2);
	good_case(big, i, (i - 6) / 2, "2045 terms in 4096 octets");
	/* exactly 4096 octets with one long domain-spec */
	memcpy(big, "v=spf1 a:", 9);
	memset(big + 9, 'x', SPF_MAX_RECORD - 9);
	memcpy(big + SPF_MAX_RECORD - 4, ".com", 4);
	good_case(big, SPF_MAX_RECORD, 1, "4096 octets (DNS judges the name)");
	free(big);
}

struct bad {
	const char *text;
	size_t len;                 /* 0: strlen */
	enum spf_record_status st;
	const char *msg;            /* expected error text, or NULL */
};

static const struct bad bad_table[] = {
	{"v=spf10", 0, SPF_RECORD_NOT_SPF, "not an SPF record"},
	{"v=spf1x -all", 0, SPF_RECORD_NOT_SPF, NULL},
	{"v=spf", 0, SPF_RECORD_NOT_SPF, NULL},
	{"", 0, SPF_RECORD_NOT_SPF, NULL},
	{" v=spf1 -all", 0, SPF_RECORD_NOT_SPF, NULL},
	{"v=spf1\t-all", 0, SPF_RECORD_NOT_SPF, NULL},
	{"spf2.0/pra -all", 0, SPF_RECORD_NOT_SPF, NULL},
	{"v=spf1 ip4:1.2.3.4 -all moo", 0, SPF_RECORD_SYNTAX,
	 "syntax error near 'moo'"},
	{"v=spf1 a:%{", 0, SPF_RECORD_SYNTAX, "syntax error near 'a:%{'"},
	{"v=spf1 exists:%{ir.example.com", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip4:1.2.3.4/33", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip4:1.2.3.4/032", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip4:1.2.3.4//32", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip4:1.2.3.4/", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip4:1.2.3.4/99999999999999999999", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip4:1.2.3", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip4:1.2.3.04", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip4:1.2.3.4:8080", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip4:::1", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip4", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip4:", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip6:::1/129", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip6:::1.1.1.1//33", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip6::CAFE::BABE", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip6:1.2.3.4", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 -all ip6", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a/33", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a//129", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a//0128", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a/24/64", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a/0000000000000000000024", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 mx/", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:foo-bar", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:museum", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:museum.", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:example..", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip4:/24", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip6:0000:0000:0000:0000:0000:0000:0000:0000:0000:0000", 0,
	 SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:abc.123", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:111.222.33.44", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:example.-com", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:example.com-", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:example.com:8080", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:%{a}.example.com", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 exists:%{c}.example.com", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 -exists:%(ir).sbl.example.com", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 exists:foo%.sbl.example.com", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 exists", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 exists:", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 exists:mail.example.com/24", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 include", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 include:", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 include:ip5.example.com/24", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ptr/0", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ptr:", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 -all.", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 -all:foobar", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 -all/8", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 -", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 +-all", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 %{d}", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 redirect:t2.example.com", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 redirect=", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 redirect=-all", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 exp=", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 exp=-all", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 redirect=a.example redirect=b.example", 0, SPF_RECORD_SYNTAX,
	 "syntax error: redirect= appears twice"},
	{"v=spf1 exp=a.example -all exp=b.example", 0, SPF_RECORD_SYNTAX,
	 "syntax error: exp= appears twice"},
	{"v=spf1 =all", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 1up=foo", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 -foo=bar", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 moo.cow/far_out=man:dog/cat", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 moo.cow:far_out=man:dog/cat", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 -all foo=%abc", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:foo.example.com\0", 25, SPF_RECORD_SYNTAX,
	 "syntax error near 'a:foo.example.com\\x00'"},
	{"v=spf1 \0 -all", 13, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:\xef\xbb\xbfgarbage.example.net -all", 0,
	 SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 \x80" "a:example.net -all", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 a:example.net \x96" "all", 0, SPF_RECORD_SYNTAX,
	 "syntax error near '\\x96all'"},
	{"v=spf1 a:ctrl.example.com\rptr -all", 0, SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 ip4:192.0.2.5\n include:x.example ~all", 0,
	 SPF_RECORD_SYNTAX, NULL},
	{"v=spf1 all\x7f", 0, SPF_RECORD_SYNTAX, NULL},
};

/* test_hostile - every entry of the table is refused */
static void test_hostile(void)
{
	struct spf_record rec;
	char err[128];
	size_t i, len;

	for (i = 0; i < sizeof(bad_table) / sizeof(bad_table[0]); i++) {
		len = bad_table[i].len ? bad_table[i].len
		    : strlen(bad_table[i].text);
		is_int(spf_record_parse(bad_table[i].text, len, &rec, err,
					sizeof(err)), bad_table[i].st,
		       "hostile %zu refused: %s", i, err);
		if (bad_table[i].msg)
			is_str(err, bad_table[i].msg, "hostile %zu message", i);
		ok(rec.buf == NULL && rec.terms == NULL && rec.nterms == 0,
		   "hostile %zu leaves nothing allocated", i);
	}
}

/* test_limits - the 4 KB cap before parsing, and huge term counts */
static void test_limits(void)
{
	struct spf_record rec;
	char err[128], *big;
	size_t i, n = 6 + 2 * 10000;

	big = malloc(n + 1);
	if (!ok(big != NULL, "allocate"))
		return;
	memcpy(big, "v=spf1", 6);
	for (i = 6; i < n; i += 2)
		memcpy(big + i, " a", 2);
	is_int(spf_record_parse(big, n, &rec, err, sizeof(err)),
	       SPF_RECORD_TOOLONG, "10000 terms: too long");
	is_str(err, "SPF record too long (20006 octets)", "message says how long");
	is_int(spf_record_parse(big, SPF_MAX_RECORD + 1, &rec, err,
				sizeof(err)), SPF_RECORD_TOOLONG,
	       "4097 octets: too long");
	is_int(spf_record_parse(big, SPF_MAX_RECORD, &rec, err, sizeof(err)),
	       SPF_RECORD_OK, "4096 octets: parsed");
	spf_record_free(&rec);
	/* a syntax error at the very end of a full record is still found */
	big[SPF_MAX_RECORD - 1] = '%';
	is_int(spf_record_parse(big, SPF_MAX_RECORD, &rec, err, sizeof(err)),
	       SPF_RECORD_SYNTAX, "error in the last octet found");
	is_int((long) rec.errpos, SPF_MAX_RECORD - 1,
	       "error offset is the last term");
	free(big);
}

/* test_errpos - where the error is, and how it is shown */
static void test_errpos(void)
{
	struct spf_record rec;
	char err[128];

	parse("v=spf1 ip4:1.2.3.4 -all moo", &rec, err, sizeof(err));
	is_int((long) rec.errpos, 24, "bad term offset");
	spf_record_parse("v=spf1 a:foo\x01.example", 21, &rec, err, sizeof(err));
	is_int((long) rec.errpos, 12, "bad octet offset");
	is_str(err, "syntax error near 'a:foo\\x01.example'", "octet shown escaped");
}

/* test_helpers - version check, domain-spec check, quoting */
static void test_helpers(void)
{
	char buf[16];

	ok(spf_record_is_spf("v=spf1", 6), "v=spf1");
	ok(spf_record_is_spf("V=SpF1 -all", 11), "case-insensitive");
	ok(!spf_record_is_spf("v=spf1-all", 10), "no space after version");
	ok(!spf_record_is_spf("v=spf", 5), "short");
	ok(!spf_record_is_spf(NULL, 0), "NULL");
	is_int(spf_domain_spec_check("example.com", 11), 0, "plain name");
	is_int(spf_domain_spec_check("%{d}", 4), 0, "macro only");
	is_int(spf_domain_spec_check("_spf.%{d2}", 10), 0, "ends in macro");
	is_int(spf_domain_spec_check("%{d}.com", 8), 0, "macro then toplabel");
	is_int(spf_domain_spec_check("%{d}.c%%", 8), 0, "ends in %%%%");
	is_int(spf_domain_spec_check("", 0), -1, "empty");
	is_int(spf_domain_spec_check("com", 3), -1, "toplabel only");
	is_int(spf_domain_spec_check(".", 1), -1, "just a dot");
	is_int(spf_domain_spec_check("a.b%{d}x", 8), -1, "literal after macro");
	is_str(spf_term_quote("abc", 3, buf, sizeof(buf)), "abc", "quote short");
	is_str(spf_term_quote("abcdefghijklmnopqrstuvwxyz", 26, buf, sizeof(buf)),
	       "abcdefghijkl...", "quote cut");
	is_str(spf_term_quote("a\x01\\", 3, buf, sizeof(buf)), "a\\x01\\x5c",
	       "quote escapes");
	is_str(spf_term_quote("\x01\x02\x03\x04\x05", 5, buf, 10), "\\x01...",
	       "quote cut among escapes");
}

/* main - every group of cases */
int main(void)
{
	test_full_record();
	test_good();
	test_hostile();
	test_limits();
	test_errpos();
	test_helpers();
	return tap_done();
}
