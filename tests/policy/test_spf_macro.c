/*
 * test_spf_macro - RFC 7208 section 7 macro expansion: the RFC's own
 * examples (7.4), every letter, transformers and delimiters, escaping,
 * the 253-octet truncation, and a table of hostile macro strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy/spf_macro.h"
#include "tests/lib/tap.h"

static const char *ptr_calls_name = "mx.example.org";
static int ptr_calls;

/* fake_ptr - a %{p} lookup that counts its calls */
static const char *fake_ptr(void *arg)
{
	(void) arg;
	ptr_calls++;
	return ptr_calls_name;
}

/* rfc_env - the values of the RFC 7208 7.4 examples */
static struct spf_macro_env rfc_env(void)
{
	struct spf_macro_env e;

	memset(&e, 0, sizeof(e));
	e.sender = "strong-bad@email.example.com";
	e.local = "strong-bad";
	e.sender_domain = "email.example.com";
	e.domain = "email.example.com";
	e.ip_macro = "192.0.2.3";
	e.ip_text = "192.0.2.3";
	e.ip_version = "in-addr";
	e.helo = "mx.example.org";
	e.receiver = "mx.example.net";
	e.now = 1234567890;
	e.ptr_name = fake_ptr;
	return e;
}

/* expand_is - expand IN in MODE and compare with WANT */
static void expand_is(const struct spf_macro_env *e, const char *in,
		      enum spf_macro_mode mode, const char *want)
{
	char out[1024];
	enum spf_macro_status st;

	st = spf_macro_expand(e, in, strlen(in), mode, out, sizeof(out));
	if (!is_int(st, SPF_MACRO_OK, "expand '%s' succeeds", in))
		return;
	is_str(out, want, "expand '%s'", in);
}

/* test_rfc_examples - RFC 7208 7.4, line by line */
static void test_rfc_examples(void)
{
	static const struct {
		const char *in, *want;
	} ex[] = {
		{"%{s}", "strong-bad@email.example.com"},
		{"%{o}", "email.example.com"},
		{"%{d}", "email.example.com"},
		{"%{d4}", "email.example.com"},
		{"%{d3}", "email.example.com"},
		{"%{d2}", "example.com"},
		{"%{d1}", "com"},
		{"%{dr}", "com.example.email"},
		{"%{d2r}", "example.email"},
		{"%{l}", "strong-bad"},
		{"%{l-}", "strong.bad"},
		{"%{lr}", "strong-bad"},
		{"%{lr-}", "bad.strong"},
		{"%{l1r-}", "strong"},
		{"%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com"},
		{"%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com"},
		{"%{lr-}.lp.%{ir}.%{v}._spf.%{d2}",
		 "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"},
		{"%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}",
		 "3.2.0.192.in-addr.strong.lp._spf.example.com"},
		{"%{d2}.trusted-domains.example.net",
		 "example.com.trusted-domains.example.net"},
	};
	struct spf_macro_env e = rfc_env();
	size_t i;

	for (i = 0; i < sizeof(ex) / sizeof(ex[0]); i++)
		expand_is(&e, ex[i].in, SPF_MACRO_DOMAIN, ex[i].want);
	/* the IPv6 example of 7.4, with the nibbles as the caller gives them */
	e.ip_macro = "2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	    "c.b.0.1";
	e.ip_version = "ip6";
	expand_is(&e, "%{ir}.%{v}._spf.%{d2}", SPF_MACRO_DOMAIN,
		  "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2"
		  ".ip6._spf.example.com");
}

/* test_letters - every macro letter, and where each is allowed */
static void test_letters(void)
{
	struct spf_macro_env e = rfc_env();
	char out[64];

	expand_is(&e, "%{h}", SPF_MACRO_DOMAIN, "mx.example.org");
	expand_is(&e, "%{i}", SPF_MACRO_DOMAIN, "192.0.2.3");
	expand_is(&e, "%{v}", SPF_MACRO_DOMAIN, "in-addr");
	ptr_calls = 0;
	expand_is(&e, "%{p}", SPF_MACRO_DOMAIN, "mx.example.org");
	expand_is(&e, "%{p2}", SPF_MACRO_DOMAIN, "example.org");
	is_int(ptr_calls, 2, "p asks the caller each time it is used");
	ptr_calls = 0;
	expand_is(&e, "%{d}.%{i}", SPF_MACRO_DOMAIN,
		  "email.example.com.192.0.2.3");
	is_int(ptr_calls, 0, "p is not looked up unless used");
	expand_is(&e, "%{c} %{r} %{t}", SPF_MACRO_EXPLAIN,
		  "192.0.2.3 mx.example.net 1234567890");
	e.receiver = NULL;
	e.ptr_name = NULL;
	expand_is(&e, "%{r} %{p}", SPF_MACRO_EXPLAIN, "unknown unknown");
	e.helo = "";
	expand_is(&e, "%{h}.example.com", SPF_MACRO_DOMAIN, ".example.com");
	/* c, r and t are for people; in a name they are a syntax error */
	is_int(spf_macro_expand(&e, "%{c}.x", 6, SPF_MACRO_DOMAIN, out,
				sizeof(out)), SPF_MACRO_SYNTAX,
	       "c in a domain-spec is refused");
	is_int(spf_macro_check("%{r}.x", 6, SPF_MACRO_DOMAIN, NULL, NULL),
	       SPF_MACRO_SYNTAX, "r in a domain-spec is refused");
	is_int(spf_macro_check("%{t}", 4, SPF_MACRO_DOMAIN, NULL, NULL),
	       SPF_MACRO_SYNTAX, "t in a domain-spec is refused");
	is_int(spf_macro_check("%{t}", 4, SPF_MACRO_STRING, NULL, NULL),
	       SPF_MACRO_OK, "t in an unknown modifier is fine");
}

/* test_transformers - digits, reversal, delimiters */
static void test_transformers(void)
{
	struct spf_macro_env e = rfc_env();

	e.local = "foo-bar+zip+quux";
	expand_is(&e, "%{l2r+-}", SPF_MACRO_DOMAIN, "bar.foo");
	expand_is(&e, "%{l+-}", SPF_MACRO_DOMAIN, "foo.bar.zip.quux");
	expand_is(&e, "%{l1}", SPF_MACRO_DOMAIN, "foo-bar+zip+quux");
	expand_is(&e, "%{l1+}", SPF_MACRO_DOMAIN, "quux");
	expand_is(&e, "%{lR+}", SPF_MACRO_DOMAIN, "quux.zip.foo-bar");
	e.local = "a,b/c_d=e";
	expand_is(&e, "%{l,/_=}", SPF_MACRO_DOMAIN, "a.b.c.d.e");
	expand_is(&e, "%{l3r,/_=}", SPF_MACRO_DOMAIN, "c.b.a");
	/* empty parts survive: splitting is per delimiter */
	e.local = "a--b";
	expand_is(&e, "%{lr-}", SPF_MACRO_DOMAIN, "b..a");
	/* counts larger than the parts mean all of them */
	expand_is(&e, "%{d999999999r}", SPF_MACRO_DOMAIN, "com.example.email");
	expand_is(&e, "%{d99999999999999999999999999999999}", SPF_MACRO_DOMAIN,
		  "email.example.com");
	expand_is(&e, "%{i-------}", SPF_MACRO_DOMAIN, "192.0.2.3");
	expand_is(&e, "%{ir.......}", SPF_MACRO_DOMAIN, "3.2.0.192");
}

/* test_escapes - %%, %_, %-, URL escaping, trailing dots */
static void test_escapes(void)
{
	struct spf_macro_env e = rfc_env();

	expand_is(&e, "a%%b%_c%-d", SPF_MACRO_DOMAIN, "a%b c%20d");
	e.local = "~jack&jill=up-a_b3.c";
	expand_is(&e, "%{L}", SPF_MACRO_EXPLAIN, "~jack%26jill%3Dup-a_b3.c");
	expand_is(&e, "%{l}", SPF_MACRO_EXPLAIN, "~jack&jill=up-a_b3.c");
	expand_is(&e, "%{S}", SPF_MACRO_DOMAIN,
		  "strong-bad%40email.example.com");
	e.helo = "JUMPIN' JUPITER";
	expand_is(&e, "%{H}", SPF_MACRO_DOMAIN, "JUMPIN%27%20JUPITER");
	/* a trailing dot is dropped from names, kept in text */
	expand_is(&e, "%{d}.", SPF_MACRO_DOMAIN, "email.example.com");
	expand_is(&e, "This is a test.", SPF_MACRO_EXPLAIN, "This is a test.");
}

/* test_truncation - 7.3: cut whole labels from the left down to 253 */
static void test_truncation(void)
{
	struct spf_macro_env e = rfc_env();
	char out[SPF_MACRO_DOMAIN_SIZE], label[64], dom[300], big[2000];
	const char *spec = "foobar.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}.%{o}"
	    ".example.com";
	size_t i;

	e.sender_domain = "somewhat.long.exp.example.com";
	if (is_int(spf_macro_expand(&e, spec, strlen(spec), SPF_MACRO_DOMAIN,
				    out, sizeof(out)), SPF_MACRO_OK,
		   "258-octet name expands")) {
		is_int((long) strlen(out), 251, "cut to 251 octets");
		ok(strncmp(out, "somewhat.long.", 14) == 0,
		   "the whole label foobar went: %.20s", out);
	}
	memset(label, 'a', 63);
	label[63] = '\0';
	snprintf(dom, sizeof(dom), "%s.%s.%s.%s.x", label, label, label, label);
	e.domain = dom;         /* 4*64 + 1 = 257 octets */
	if (is_int(spf_macro_expand(&e, "%{d}", 4, SPF_MACRO_DOMAIN, out,
				    sizeof(out)), SPF_MACRO_OK,
		   "257-octet domain expands"))
		is_int((long) strlen(out), 193, "one label dropped");
	/* a single label longer than 253 cannot be cut at a dot */
	memset(big, 'b', 300);
	big[300] = '\0';
	e.local = big;
	is_int(spf_macro_expand(&e, "%{l}", 4, SPF_MACRO_DOMAIN, out,
				sizeof(out)), SPF_MACRO_TOOLONG,
	       "300-octet label is too long");
	is_int(spf_macro_expand(&e, "%{l}.example.com", 16, SPF_MACRO_DOMAIN,
				out, sizeof(out)), SPF_MACRO_OK,
	       "300-octet label followed by labels expands");
	is_str(out, "example.com", "only the labels after it remain");
	/* explanation text is cut at the caller's buffer, left end kept */
	is_int(spf_macro_expand(&e, "%{l}", 4, SPF_MACRO_EXPLAIN, out, 11),
	       SPF_MACRO_OK, "long explanation expands into 11 octets");
	is_str(out, "bbbbbbbbbb", "explanation cut at 10 octets");
	/* a name that does not fit a small buffer is refused, not cut */
	is_int(spf_macro_expand(&e, "%{d}", 4, SPF_MACRO_DOMAIN, out, 8),
	       SPF_MACRO_TOOLONG, "small buffer: too long");
	for (i = 0; i < 10; i++)
		big[i * 29] = '.';
	is_int(spf_macro_expand(&e, "%{l}", 4, SPF_MACRO_DOMAIN, out,
				sizeof(out)), SPF_MACRO_OK,
	       "300 octets with dots expands");
	ok(strlen(out) <= 253 && out[0] != '.', "cut at a label: %zu octets",
	   strlen(out));
}

/* test_long_literal - a literal run longer than the work area */
static void test_long_literal(void)
{
	struct spf_macro_env e = rfc_env();
	char spec[3001], out[SPF_MACRO_DOMAIN_SIZE];
	size_t i;

	for (i = 0; i < 3000; i++)
		spec[i] = i % 10 == 9 ? '.' : 'a' + (char) (i % 26 % 9);
	spec[3000] = '\0';
	is_int(spf_macro_expand(&e, spec, 3000, SPF_MACRO_DOMAIN, out,
				sizeof(out)), SPF_MACRO_OK,
	       "3000-octet literal expands");
	ok(strlen(out) <= 253 && strlen(out) > 240, "cut to %zu octets",
	   strlen(out));
	/* spec[2999] is a dot, dropped like any trailing dot */
	ok(memcmp(out + strlen(out) - 9, spec + 2990, 9) == 0,
	   "the right end is the literal's right end");
	is_int(spf_macro_expand(&e, "x", 1, SPF_MACRO_EXPLAIN, out, 0),
	       SPF_MACRO_TOOLONG, "no room at all");
}

/* test_deep - outputs of megabytes stay bounded and quick */
static void test_deep(void)
{
	struct spf_macro_env e = rfc_env();
	char *spec, *sender, out[SPF_MACRO_DOMAIN_SIZE], text[512];
	size_t i, n = 1000;

	spec = malloc(n * 4 + 16);
	sender = malloc(4001);
	if (!ok(spec && sender, "allocate"))
		return;
	for (i = 0; i < n; i++)
		memcpy(spec + i * 4, "%{S}", 4);
	memcpy(spec + n * 4, ".example.com", 13);
	for (i = 0; i < 4000; i++)
		sender[i] = (i % 50 == 49) ? '.' : '&';
	sender[4000] = '\0';
	e.sender = sender;      /* each %{S} gives 11,760 octets */
	is_int(spf_macro_expand(&e, spec, strlen(spec), SPF_MACRO_DOMAIN, out,
				sizeof(out)), SPF_MACRO_OK,
	       "12 MB of expansion into a name");
	ok(strlen(out) <= 253, "name is %zu octets", strlen(out));
	ok(strlen(out) >= 12 && strcmp(out + strlen(out) - 12, ".example.com")
	   == 0, "the right end is kept");
	is_int(spf_macro_expand(&e, spec, strlen(spec), SPF_MACRO_EXPLAIN,
				text, sizeof(text)), SPF_MACRO_OK,
	       "the same as text");
	is_int((long) strlen(text), (long) sizeof(text) - 1,
	       "text cut at the buffer");
	free(spec);
	free(sender);
}

/* test_hostile - strings that must be refused, and where */
static void test_hostile(void)
{
	static const struct {
		const char *in;
		size_t len;             /* 0: strlen */
		enum spf_macro_mode mode;
		size_t errpos;
	} bad[] = {
		{"%", 0, SPF_MACRO_DOMAIN, 0},
		{"abc%", 0, SPF_MACRO_DOMAIN, 3},
		{"%{", 0, SPF_MACRO_DOMAIN, 0},
		{"%{d", 0, SPF_MACRO_DOMAIN, 0},
		{"%{d2", 0, SPF_MACRO_DOMAIN, 0},
		{"%{d2r", 0, SPF_MACRO_DOMAIN, 0},
		{"x%{d2r-", 0, SPF_MACRO_DOMAIN, 1},
		{"%{}", 0, SPF_MACRO_DOMAIN, 2},
		{"%{x}", 0, SPF_MACRO_DOMAIN, 2},
		{"%{a}.example.com", 0, SPF_MACRO_DOMAIN, 2},
		{"%{dx}", 0, SPF_MACRO_DOMAIN, 3},
		{"%{d2r.x}", 0, SPF_MACRO_DOMAIN, 6},
		{"%{d0}", 0, SPF_MACRO_DOMAIN, 3},
		{"%{d00}", 0, SPF_MACRO_DOMAIN, 4},
		{"%{d-2}", 0, SPF_MACRO_DOMAIN, 4},
		{"%{d }", 0, SPF_MACRO_EXPLAIN, 3},
		{"%(ir).sbl.example.com", 0, SPF_MACRO_DOMAIN, 0},
		{"foo%.sbl.example.com", 0, SPF_MACRO_DOMAIN, 3},
		{"%abc", 0, SPF_MACRO_STRING, 0},
		{"a b", 0, SPF_MACRO_DOMAIN, 1},
		{"a\tb", 0, SPF_MACRO_EXPLAIN, 1},
		{"ab\r", 0, SPF_MACRO_EXPLAIN, 2},
		{"a\0b", 3, SPF_MACRO_EXPLAIN, 1},
		{"%{d\0}", 5, SPF_MACRO_DOMAIN, 3},
		{"\xef\xbb\xbf" "Explanation", 0, SPF_MACRO_EXPLAIN, 0},
		{"caf\xc3\xa9", 0, SPF_MACRO_DOMAIN, 3},
		{"\x7f", 0, SPF_MACRO_DOMAIN, 0},
		{"%{c}", 0, SPF_MACRO_DOMAIN, 2},
		{"%{i.......r}", 0, SPF_MACRO_DOMAIN, 10},
		{"%{d2rr}", 0, SPF_MACRO_DOMAIN, 5},
	};
	size_t i, len, pos;
	struct spf_macro_env e = rfc_env();
	char out[SPF_MACRO_DOMAIN_SIZE];

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		len = bad[i].len ? bad[i].len : strlen(bad[i].in);
		pos = 9999;
		if (is_int(spf_macro_check(bad[i].in, len, bad[i].mode, &pos,
					   NULL), SPF_MACRO_SYNTAX,
			   "hostile %zu refused", i))
			is_int((long) pos, (long) bad[i].errpos,
			       "hostile %zu error offset", i);
		is_int(spf_macro_expand(&e, bad[i].in, len, bad[i].mode, out,
					sizeof(out)), SPF_MACRO_SYNTAX,
		       "hostile %zu not expanded", i);
		is_str(out, "", "hostile %zu leaves no output", i);
	}
}

/* test_check - the syntax check and its macro_end report */
static void test_check(void)
{
	size_t end = 99;

	is_int(spf_macro_check("foo.%{d}", 8, SPF_MACRO_DOMAIN, NULL, &end),
	       SPF_MACRO_OK, "foo.%%{d} is fine");
	is_int((long) end, 8, "ends with a macro");
	spf_macro_check("%{d}.com", 8, SPF_MACRO_DOMAIN, NULL, &end);
	is_int((long) end, 4, "macro then literal");
	spf_macro_check("%%x", 3, SPF_MACRO_DOMAIN, NULL, &end);
	is_int((long) end, 2, "%%%% counts as a macro-expand");
	spf_macro_check("abc", 3, SPF_MACRO_DOMAIN, NULL, &end);
	is_int((long) end, 0, "no macro");
	is_int(spf_macro_check("", 0, SPF_MACRO_DOMAIN, NULL, NULL),
	       SPF_MACRO_OK, "empty string is a valid macro-string");
	is_int(spf_macro_check("a b %{c}", 8, SPF_MACRO_EXPLAIN, NULL, NULL),
	       SPF_MACRO_OK, "spaces in explanations");
}

/* main - every group of cases */
int main(void)
{
	test_rfc_examples();
	test_letters();
	test_transformers();
	test_escapes();
	test_truncation();
	test_long_literal();
	test_deep();
	test_hostile();
	test_check();
	return tap_done();
}
