/* test_authres - building our Authentication-Results value, and reading
 * the authserv-id of hostile existing ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tests/lib/show.h"
#include "tests/lib/tap.h"
#include "policy/authres.h"

#define OURS "mx.example.org"

/* entry - one resinfo with up to two properties */
static struct authres_entry entry(const char *method, const char *result,
				  const char *pt1, const char *pr1, const char *v1,
				  const char *pt2, const char *pr2, const char *v2)
{
	struct authres_entry e;

	memset(&e, 0, sizeof(e));
	e.method = method;
	e.result = result;
	if (pt1 != NULL)
		e.props[e.nprops++] = (struct authres_prop) { pt1, pr1, v1 };
	if (pt2 != NULL)
		e.props[e.nprops++] = (struct authres_prop) { pt2, pr2, v2 };
	return e;
}

/* fmt - format into a static buffer; "(-1)" when it fails */
static const char *fmt(const char *id, const struct authres_entry *e, size_t n)
{
	static char buf[AUTHRES_MAX_FIELD + 1];

	if (authres_format(id, e, n, buf, sizeof(buf)) < 0)
		return "(-1)";
	return buf;
}

/* lines_ok - each line under the limit (tab as 8, first line after the
 * field name), and every line break a fold */
static int lines_ok(const char *v)
{
	size_t col = strlen("Authentication-Results: ");

	for (; *v; v++) {
		if (*v == '\n') {
			if (v[1] != '\t')
				return 0;
			col = 0;
		} else {
			col += (*v == '\t') ? 8 : 1;
		}
		if (col >= AUTHRES_LINE_MAX || *v == '\r')
			return 0;
	}
	return 1;
}

static void test_format_basic(void)
{
	struct authres_entry e[3];

	e[0] = entry("spf", "pass", "smtp", "mailfrom", "sender.example", NULL, NULL, NULL);
	is_str(fmt(OURS, e, 1), "mx.example.org; spf=pass smtp.mailfrom=sender.example",
	       "format: one spf result");
	is_str(fmt(OURS, NULL, 0), "mx.example.org; none", "format: no result is 'none'");
	is_int(authres_format(OURS, NULL, 0, (char[64]) { 0 }, 64), 20,
	       "format: returns the length");

	e[0] = entry("spf", "pass", "smtp", "mailfrom", "a.example", NULL, NULL, NULL);
	e[1] = entry("dkim", "pass", "header", "d", "a.example", "header", "s", "s1");
	e[2] = entry("dmarc", "pass", "header", "from", "a.example", NULL, NULL, NULL);
	is_str(fmt(OURS, e, 3),
	       "mx.example.org; spf=pass smtp.mailfrom=a.example;\n"
	       "\tdkim=pass header.d=a.example header.s=s1;\n"
	       "\tdmarc=pass header.from=a.example",
	       "format: three entries, a fold before each that does not fit");

	e[0] = entry("spf", "none", "smtp", "helo", "h", NULL, NULL, NULL);
	e[1] = entry("dkim", "none", NULL, NULL, NULL, NULL, NULL, NULL);
	is_str(fmt(OURS, e, 2), "mx.example.org; spf=none smtp.helo=h; dkim=none",
	       "format: short entries share a line; entry without properties");

	e[0] = entry("spf", "fail", "smtp", "mailfrom", "a@b.example", NULL, NULL, NULL);
	e[0].comment = "not permitted";
	e[0].reason = "SPF -all";
	is_str(fmt(OURS, e, 1),
	       "mx.example.org;\n"
	       "\tspf=fail (not permitted) reason=\"SPF -all\" smtp.mailfrom=a@b.example",
	       "format: comment and reason; a resinfo too long for the first line "
	       "but short enough for one of its own moves there whole");
	e[0].comment = "192.0.2.1 is not permitted";
	is_str(fmt(OURS, e, 1),
	       "mx.example.org; spf=fail (192.0.2.1 is not permitted)\n"
	       "\treason=\"SPF -all\" smtp.mailfrom=a@b.example",
	       "format: a resinfo too long for any line is split between pieces, "
	       "the first line filled to column 77");
	e[0].comment = "";
	e[0].reason = "";
	is_str(fmt(OURS, e, 1), "mx.example.org; spf=fail smtp.mailfrom=a@b.example",
	       "format: empty comment and reason are left out");
	is_str(fmt("MX.Example.ORG", NULL, 0), "MX.Example.ORG; none",
	       "format: authserv-id written as given");
}

static void test_format_fold(void)
{
	static const char *d[8] = {
		"example.com", "example.org", "example.net", "mail.example.com",
		"lists.example.org", "a.example", "bulk-sender.example",
		"esp.example.net",
	};
	static const char *s[8] = {
		"sel1", "s2024", "k", "selector-long-name", "mx", "default",
		"bulk", "esp1",
	};
	struct authres_entry e[8];
	const char *got;
	int i;

	for (i = 0; i < 8; i++)
		e[i] = entry("dkim", i % 3 ? "pass" : "fail", "header", "d", d[i],
			     "header", "s", s[i]);
	got = fmt(OURS, e, 8);
	is_str(got,
	       "mx.example.org;\n"
	       "\tdkim=fail header.d=example.com header.s=sel1;\n"
	       "\tdkim=pass header.d=example.org header.s=s2024;\n"
	       "\tdkim=pass header.d=example.net header.s=k;\n"
	       "\tdkim=fail header.d=mail.example.com header.s=selector-long-name;\n"
	       "\tdkim=pass header.d=lists.example.org header.s=mx;\n"
	       "\tdkim=pass header.d=a.example header.s=default;\n"
	       "\tdkim=fail header.d=bulk-sender.example header.s=bulk;\n"
	       "\tdkim=pass header.d=esp.example.net header.s=esp1",
	       "fold: 8 dkim entries, one per line, folded between resinfo");
	ok(lines_ok(got), "fold: 8 dkim entries, every line under 78 columns");

	memset(e, 0, sizeof(e));
	e[0].method = "dkim";
	e[0].result = "pass";
	e[0].comment = "2048-bit key";
	e[0].props[0] = (struct authres_prop) { "header", "d", "averyveryverylongsubdomain.department.example.com" };
	e[0].props[1] = (struct authres_prop) { "header", "i", "@averyveryverylongsubdomain.department.example.com" };
	e[0].props[2] = (struct authres_prop) { "header", "s", "selector2024" };
	e[0].props[3] = (struct authres_prop) { "header", "b", "abcdEFGH" };
	e[0].nprops = 4;
	e[1] = entry("spf", "pass", "smtp", "mailfrom", "x.example", NULL, NULL, NULL);
	got = fmt(OURS, e, 2);
	is_str(got,
	       "mx.example.org; dkim=pass (2048-bit key)\n"
	       "\theader.d=averyveryverylongsubdomain.department.example.com\n"
	       "\theader.i=@averyveryverylongsubdomain.department.example.com\n"
	       "\theader.s=selector2024 header.b=abcdEFGH;\n"
	       "\tspf=pass smtp.mailfrom=x.example",
	       "fold: a resinfo longer than a line is folded between its properties");
	ok(lines_ok(got), "fold: long resinfo, every line under 78 columns");

	e[0] = entry("spf", "pass", "smtp", "mailfrom",
		     "user@a-very-long-domain-name-that-will-not-fit-on-any-line-at-all.example",
		     "smtp", "helo", "h.example");
	got = fmt(OURS, e, 1);
	is_str(got,
	       "mx.example.org; spf=pass\n"
	       "\tsmtp.mailfrom=user@a-very-long-domain-name-that-will-not-fit-on-any-line-at-all.example\n"
	       "\tsmtp.helo=h.example",
	       "fold: a property longer than a line stays whole on its own line");
}

static void test_format_quoting(void)
{
	static const struct {
		const char *value, *want;
	} t[] = {
		{ "user@example.com", "user@example.com" },
		{ "first.last+tag@sub.example.com", "first.last+tag@sub.example.com" },
		{ "SRS0=ab12=xy=example.org=user@fwd.example", "SRS0=ab12=xy=example.org=user@fwd.example" },
		{ "@example.com", "@example.com" },
		{ "192.0.2.1", "192.0.2.1" },
		{ "odd user@example.com", "\"odd user@example.com\"" },
		{ "user@localhost", "\"user@localhost\"" },
		{ "user@[192.0.2.1]", "\"user@[192.0.2.1]\"" },
		{ "[192.0.2.1]", "\"[192.0.2.1]\"" },
		{ ".dot@example.com", "\".dot@example.com\"" },
		{ "dot.@example.com", "\"dot.@example.com\"" },
		{ "do..t@example.com", "\"do..t@example.com\"" },
		{ "a@b@example.com", "\"a@b@example.com\"" },
		{ "user@-bad.example", "\"user@-bad.example\"" },
		{ "user@bad-.example", "\"user@bad-.example\"" },
		{ "user@example..com", "\"user@example..com\"" },
		{ "user@example.com.", "\"user@example.com.\"" },
		{ "", "\"\"" },
		{ "a\\b\"c", "\"a\\\\b\\\"c\"" },
		{ "(x)", "\"(x)\"" },
		{ "jos\xc3\xa9@example.com", "\"jos??@example.com\"" },
		{ "tab\there", "\"tab?here\"" },
		{ "del\x7f", "\"del?\"" },
	};
	struct authres_entry e;
	char want[256], id[256];
	const char *got;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		e = entry("spf", "pass", "smtp", "mailfrom", t[i].value, NULL, NULL, NULL);
		got = fmt(OURS, &e, 1);
		/* folded or not is test_format_fold's business; here the value */
		snprintf(want, sizeof(want), "mx.example.org;%sspf=pass smtp.mailfrom=%s",
			 strlen(t[i].want) + 39 + 24 < AUTHRES_LINE_MAX ? " " : "\n\t",
			 t[i].want);
		is_str(got, want, "quoting: value '%s'", show_input(t[i].value, strlen(t[i].value)));
		/* The reader unquotes a quoted-string authserv-id: use it to check
		 * that a quoted value still means the value (where no byte was
		 * replaced, and it is not empty, which an authserv-id cannot be). */
		if (t[i].want[0] == '"' && t[i].value[0] != '\0'
		    && strchr(t[i].want, '?') == NULL) {
			snprintf(want, sizeof(want), "%s; none", t[i].want);
			ok(authres_authserv_id(want, strlen(want), id, sizeof(id)) == 0
			   && strcasecmp(id, t[i].value) == 0,
			   "quoting: '%s' reads back as the value", show_input(t[i].want, strlen(t[i].want)));
		}
	}
}

static void test_format_escape(void)
{
	struct authres_entry e;

	e = entry("spf", "pass", NULL, NULL, NULL, NULL, NULL, NULL);
	e.comment = "a (b) \\ c";
	is_str(fmt(OURS, &e, 1), "mx.example.org; spf=pass (a \\(b\\) \\\\ c)",
	       "escape: parentheses and backslash in a comment");
	e.comment = ")";
	is_str(fmt(OURS, &e, 1), "mx.example.org; spf=pass (\\))",
	       "escape: a lone ')' cannot close the comment early");
	e.comment = NULL;
	e.reason = "bad \"sig\" \\ here";
	is_str(fmt(OURS, &e, 1), "mx.example.org; spf=pass reason=\"bad \\\"sig\\\" \\\\ here\"",
	       "escape: quotes and backslash in a reason");
}

static void test_format_injection(void)
{
	static const struct {
		const char *value, *want, *why;
	} t[] = {
		{ "x\r\nBcc: y", "mx.example.org; spf=pass smtp.mailfrom=\"x??Bcc: y\"",
		  "CRLF in MAIL FROM cannot start a header" },
		{ "x\nBcc: y", "mx.example.org; spf=pass smtp.mailfrom=\"x?Bcc: y\"",
		  "bare LF in MAIL FROM cannot start a header" },
		{ "x\n\tdkim=pass", "mx.example.org; spf=pass smtp.mailfrom=\"x??dkim=pass\"",
		  "a fold in MAIL FROM cannot add a resinfo" },
		{ "a;spf=pass", "mx.example.org; spf=pass smtp.mailfrom=\"a;spf=pass\"",
		  "';' in MAIL FROM cannot add a resinfo" },
		{ "x; dkim=pass header.d=bank.example",
		  "mx.example.org;\n\tspf=pass smtp.mailfrom=\"x; dkim=pass header.d=bank.example\"",
		  "a whole fake resinfo stays inside the quotes" },
		{ "x\"; dkim=pass \"", "mx.example.org;\n\tspf=pass smtp.mailfrom=\"x\\\"; dkim=pass \\\"\"",
		  "a '\"' cannot close the quoted-string early" },
		{ "x\\", "mx.example.org; spf=pass smtp.mailfrom=\"x\\\\\"",
		  "a trailing backslash cannot escape the closing quote" },
		{ "(comment", "mx.example.org; spf=pass smtp.mailfrom=\"(comment\"",
		  "'(' in a value cannot open a comment" },
		{ "\x80\xff\x01\x1b[0m", "mx.example.org; spf=pass smtp.mailfrom=\"????[0m\"",
		  "control and 8-bit bytes never reach the output" },
	};
	struct authres_entry e;
	char id[64];
	const char *got;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		e = entry("spf", "pass", "smtp", "mailfrom", t[i].value, NULL, NULL, NULL);
		got = fmt(OURS, &e, 1);
		is_str(got, t[i].want, "injection: %s", t[i].why);
		ok(authres_authserv_id(got, strlen(got), id, sizeof(id)) == 0
		   && strcmp(id, OURS) == 0, "injection: %s: still our authserv-id", t[i].why);
	}
	e = entry("spf", "pass", "smtp", "helo", "h.example", NULL, NULL, NULL);
	e.comment = "x)\r\n; dkim=pass (";
	is_str(fmt(OURS, &e, 1),
	       "mx.example.org;\n\tspf=pass (x\\)??; dkim=pass \\() smtp.helo=h.example",
	       "injection: CRLF and parentheses in a comment");
	e.comment = NULL;
	e.reason = "\"\r\nX-Evil: 1";
	is_str(fmt(OURS, &e, 1),
	       "mx.example.org;\n\tspf=pass reason=\"\\\"??X-Evil: 1\" smtp.helo=h.example",
	       "injection: quote and CRLF in a reason");
}

static void test_format_refused(void)
{
	static const char *bad_ids[] = {
		"", "mx example.org", "mx;example.org", "mx.example.org\r\n",
		"mx@example.org", "\"mx\"", "(mx)", "mx.example.org;", "m\xc3\xa9.example",
	};
	static const char *bad_names[] = {
		"", "sp f", "spf;", "spf=pass", "spf-", "sp.f", "sp\nf", "d\xc3\xa9",
	};
	struct authres_entry e;
	char buf[256];
	size_t i;

	for (i = 0; i < sizeof(bad_ids) / sizeof(bad_ids[0]); i++)
		is_str(fmt(bad_ids[i], NULL, 0), "(-1)", "refused: authserv-id '%s'",
		       show_input(bad_ids[i], strlen(bad_ids[i])));
	is_str(fmt(NULL, NULL, 0), "(-1)", "refused: NULL authserv-id");
	for (i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++) {
		const char *n = bad_names[i];

		e = entry(n, "pass", NULL, NULL, NULL, NULL, NULL, NULL);
		is_str(fmt(OURS, &e, 1), "(-1)", "refused: method '%s'", show_input(n, strlen(n)));
		e = entry("spf", n, NULL, NULL, NULL, NULL, NULL, NULL);
		is_str(fmt(OURS, &e, 1), "(-1)", "refused: result '%s'", show_input(n, strlen(n)));
		e = entry("spf", "pass", n, "helo", "x", NULL, NULL, NULL);
		is_str(fmt(OURS, &e, 1), "(-1)", "refused: ptype '%s'", show_input(n, strlen(n)));
		e = entry("spf", "pass", "smtp", n, "x", NULL, NULL, NULL);
		is_str(fmt(OURS, &e, 1), "(-1)", "refused: property '%s'", show_input(n, strlen(n)));
	}
	e = entry(NULL, "pass", NULL, NULL, NULL, NULL, NULL, NULL);
	is_str(fmt(OURS, &e, 1), "(-1)", "refused: NULL method");
	e = entry("spf", NULL, NULL, NULL, NULL, NULL, NULL, NULL);
	is_str(fmt(OURS, &e, 1), "(-1)", "refused: NULL result");
	e = entry("spf", "pass", "smtp", "helo", NULL, NULL, NULL, NULL);
	is_str(fmt(OURS, &e, 1), "(-1)", "refused: NULL property value");
	e = entry("spf", "pass", NULL, NULL, NULL, NULL, NULL, NULL);
	e.nprops = AUTHRES_MAX_PROPS + 1;
	is_str(fmt(OURS, &e, 1), "(-1)", "refused: nprops above AUTHRES_MAX_PROPS");
	e.nprops = -1;
	is_str(fmt(OURS, &e, 1), "(-1)", "refused: negative nprops");
	is_str(fmt(OURS, NULL, 1), "(-1)", "refused: NULL entries with n 1");
	memcpy(buf, "junk", 5);
	e = entry("spf", "p@ss", NULL, NULL, NULL, NULL, NULL, NULL);
	ok(authres_format(OURS, &e, 1, buf, sizeof(buf)) == -1 && buf[0] == '\0',
	   "refused: buffer holds \"\" after -1");
}

static void test_format_size(void)
{
	struct authres_entry e[AUTHRES_MAX_FIELD / 64];
	char buf[2 * AUTHRES_MAX_FIELD];
	char small[64], big[1200];
	size_t i;
	int len;

	e[0] = entry("spf", "pass", "smtp", "mailfrom", "sender.example", NULL, NULL, NULL);
	len = authres_format(OURS, e, 1, buf, sizeof(buf));
	is_int(len, (int) strlen("mx.example.org; spf=pass smtp.mailfrom=sender.example"),
	       "size: length returned");
	ok(authres_format(OURS, e, 1, small, (size_t) len + 1) == len
	   && strcmp(small, buf) == 0, "size: a buffer of length + 1 is enough");
	memcpy(small, "junk", 5);
	ok(authres_format(OURS, e, 1, small, (size_t) len) == -1 && small[0] == '\0',
	   "size: a buffer of exactly length is too small: -1, not truncated");
	ok(authres_format(OURS, e, 1, small, 1) == -1 && small[0] == '\0',
	   "size: a buffer of 1 is too small");
	ok(authres_format(OURS, e, 1, small, 0) == -1, "size: a buffer of 0 is refused");
	ok(authres_format(OURS, e, 1, NULL, 100) == -1, "size: a NULL buffer is refused");

	for (i = 0; i < sizeof(e) / sizeof(e[0]); i++)
		e[i] = entry("dkim", "pass", "header", "d", "a-long-enough-domain-name.example",
			     "header", "s", "selector");
	ok(authres_format(OURS, e, sizeof(e) / sizeof(e[0]), buf, sizeof(buf)) == -1,
	   "size: a value over AUTHRES_MAX_FIELD is refused even with room");

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	e[0] = entry("spf", "pass", "smtp", "mailfrom", big, NULL, NULL, NULL);
	ok(authres_format(OURS, e, 1, buf, sizeof(buf)) == -1,
	   "size: a line over RFC 5322's 998 is refused, not split");
	/* "\tsmtp.mailfrom=" is 15 bytes: 983 more make a line of 998 */
	big[983] = '\0';
	len = authres_format(OURS, e, 1, buf, sizeof(buf));
	is_int(len, (int) strlen("mx.example.org; spf=pass\n\tsmtp.mailfrom=") + 983,
	       "size: a line of exactly 998 bytes is written");
	big[983] = 'a';
	big[984] = '\0';
	ok(authres_format(OURS, e, 1, buf, sizeof(buf)) == -1,
	   "size: a line of 999 bytes is refused");
}

static void test_format_roundtrip(void)
{
	struct authres_entry e[2];
	char buf[512], id[64];

	e[0] = entry("spf", "pass", "smtp", "mailfrom", "x\r\n; y", NULL, NULL, NULL);
	e[1] = entry("dkim", "fail", "header", "d", "(mx.example.org)", NULL, NULL, NULL);
	ok(authres_format("MX.Example.ORG", e, 2, buf, sizeof(buf)) > 0
	   && authres_authserv_id(buf, strlen(buf), id, sizeof(id)) == 0
	   && strcmp(id, "mx.example.org") == 0,
	   "roundtrip: the reader finds our authserv-id, lowercased");
	ok(authres_claims(buf, strlen(buf), OURS), "roundtrip: our field claims us");
	ok(!authres_claims(buf, strlen(buf), "example.org"), "roundtrip: and nobody else");
}

/*
 * The reader: existing field values (after "Authentication-Results:") as
 * a forger would write them. Each row: the value, what the reader makes
 * of it, the authserv-id it finds, and whether it claims OURS.
 */
#define V(s) s, sizeof(s) - 1
#define OK AUTHRES_ID_OK
#define NR AUTHRES_ID_NORESULT
#define BAD AUTHRES_ID_MALFORMED

static const struct reader_case {
	const char *value;
	size_t len;
	enum authres_idstat st;
	const char *id;			/* "" when malformed */
	int claims;
	const char *why;
} reader_cases[] = {
	{ V("mx.example.org; spf=pass smtp.mailfrom=a@b.example"), OK, OURS, 1, "plain field" },
	{ V("mx.example.org; none"), OK, OURS, 1, "no-result" },
	{ V("MX.Example.ORG; none"), OK, OURS, 1, "case-insensitive" },
	{ V("example.net(.mx.example.org; spf=pass smtp.mailfrom=x)"), NR, "example.net", 0,
	  "CVE-2020-12272: id glued to a comment holding ours" },
	{ V("example.net (.mx.example.org; spf=pass smtp.mailfrom=x)"), NR, "example.net", 0,
	  "CVE-2020-12272: the same with a space" },
	{ V("example.net(.mx.example.org); spf=pass"), OK, "example.net", 0,
	  "CVE-2020-12272: comment closed before the results" },
	{ V("example.net(a\\)mx.example.org; spf=pass)"), NR, "example.net", 0,
	  "CVE-2020-12272: escaped ')' does not end the comment" },
	{ V("example.net(\\(; mx.example.org; spf=pass)"), NR, "example.net", 0,
	  "CVE-2020-12272: escaped '(' inside the comment" },
	{ V("example.net((.mx.example.org); spf=pass)"), NR, "example.net", 0,
	  "CVE-2020-12272: nested comment" },
	{ V("(mx.example.org) example.net; spf=pass"), OK, "example.net", 0,
	  "CVE-2020-12272 variant: ours in a leading comment" },
	{ V("\"mx.example.org\"; spf=pass"), OK, OURS, 1, "quoted-string authserv-id" },
	{ V("\"mx\\.example\\.org\"; none"), OK, OURS, 1, "quoted-pairs in a quoted-string id" },
	{ V("\"Mx.Example.Org\"(c); none"), OK, OURS, 1, "quoted id, comment, mixed case" },
	{ V("\"mx.example.org \"; none"), OK, "mx.example.org ", 1, "quoted id with a trailing space claims ours" },
	{ V("\" \tmx.example.org\"; none"), OK, " \tmx.example.org", 1, "quoted id with leading white space claims ours" },
	{ V("\"  MX.Example.ORG. \"; none"), OK, "  mx.example.org. ", 1,
	  "quoted id: spaces, case and a root dot together claim ours" },
	{ V("\"mx.example.org x\"; none"), OK, "mx.example.org x", 0, "inner space then more: another id" },
	{ V("\"mx .example.org\"; none"), OK, "mx .example.org", 0, "a space inside the name: another id" },
	{ V("\". mx.example.org\"; none"), OK, ". mx.example.org", 0, "a leading dot: another id" },
	{ V("\"   \"; none"), OK, "   ", 0, "an id of spaces claims nobody" },
	{ V("\"evil.example\\\" mx.example.org\"; none"), OK, "evil.example\" mx.example.org", 0,
	  "escaped quote keeps ours inside the quoted id" },
	{ V("mx.example.org(comment);spf=pass"), OK, OURS, 1, "comment glued to our id" },
	{ V("mx.example.org.evil.com; spf=pass"), OK, "mx.example.org.evil.com", 0,
	  "ours as a prefix of a longer id" },
	{ V("mx.example.org1; none"), OK, "mx.example.org1", 0, "ours with a digit appended" },
	{ V("mx.example.org.; none"), OK, "mx.example.org.", 1, "ours with a root dot claims ours" },
	{ V("MX.EXAMPLE.ORG..; none"), OK, "mx.example.org..", 1, "ours with two trailing dots claims ours" },
	{ V("mx..example.org; none"), OK, "mx..example.org", 0, "a doubled inner dot: another id" },
	{ V("mx.example.org.x; none"), OK, "mx.example.org.x", 0, "a dot then more: another id" },
	{ V("mx.example.or; none"), OK, "mx.example.or", 0, "ours less a letter: another id" },
	{ V("evil.example; spf=pass (mx.example.org; dkim=pass)"), OK, "evil.example", 0,
	  "ours inside a later comment" },
	{ V("mx.example.org\r\n\t; none"), OK, OURS, 1, "CRLF fold before ';'" },
	{ V("mx.example.org\n ; none"), OK, OURS, 1, "LF fold before ';'" },
	{ V("\r\n mx.example.org; none"), OK, OURS, 1, "fold before the id" },
	{ V("   mx.example.org   ;   none"), OK, OURS, 1, "spaces around" },
	{ V("mx.example.org\t;\tnone"), OK, OURS, 1, "tabs around ';'" },
	{ V("\t(leading (nested) comment) mx.example.org; none"), OK, OURS, 1,
	  "nested leading comment" },
	{ V("mx.example.org(\r\n\tfolded comment\r\n\t); none"), OK, OURS, 1, "folded comment" },
	{ V("mx.example.org(c)(d) ; none"), OK, OURS, 1, "two comments" },
	{ V("(\xc3\xa9t\xc3\xa9) mx.example.org; none"), OK, OURS, 1, "UTF-8 in a comment (RFC 6532)" },
	{ V("\"m\xc3\xa9.example.org\"; none"), OK, "m\xc3\xa9.example.org", 0,
	  "UTF-8 in a quoted id (RFC 6532)" },
	{ V("\"mx.example\r\n\t.org\"; none"), OK, "mx.example\t.org", 0,
	  "fold inside a quoted id keeps its tab" },
	{ V("mx.example.org 1; spf=pass"), OK, OURS, 1, "version 1" },
	{ V("mx.example.org(c)1 ; none"), OK, OURS, 1, "version after a comment" },
	{ V("mx.example.org (c) 1 (d) ; none"), OK, OURS, 1, "version between comments" },
	{ V("mx.example.org 2; none"), OK, OURS, 1, "unknown version still names us" },
	{ V("\"mx.example.org\" 1; none"), OK, OURS, 1, "quoted id and version" },
	{ V("mx.example.org"), NR, OURS, 1, "id alone: no ';' (ABNF wants one)" },
	{ V("mx.example.org (only a comment)"), NR, OURS, 1, "id and a comment, no ';'" },
	{ V("mx.example.org 1"), NR, OURS, 1, "id and version, no ';'" },
	/* malformed: the first-word rule decides */
	{ V("mx.example.org (unterminated; spf=pass"), BAD, "", 1,
	  "unterminated comment after ours: still ours" },
	{ V("\"mx.example.org; spf=pass"), BAD, "", 1, "unterminated quote before ours: still ours" },
	{ V("evil.example (unterminated; spf=pass"), BAD, "", 0, "unterminated comment, not ours" },
	{ V("(unterminated mx.example.org; spf=pass"), BAD, "", 0,
	  "everything inside an unterminated comment" },
	{ V("example.net(a(b)c; mx.example.org; spf=pass"), BAD, "", 0,
	  "CVE-2020-12272: unterminated nested comment" },
	{ V("mx.example.org 1a; spf=pass"), BAD, "", 1, "bad version" },
	{ V("mx.example.org 1 2; none"), BAD, "", 1, "two versions" },
	{ V("mx.example.org foo; spf=pass"), BAD, "", 1, "second word after ours" },
	{ V("mx.example.org,evil.example; spf=pass"), BAD, "", 1, "tspecial after ours" },
	{ V("mx.example.org/1; none"), BAD, "", 1, "method-style version on the id" },
	{ V("evil.example,mx.example.org; spf=pass"), BAD, "", 0, "ours after a tspecial" },
	{ V("mx@example.org; spf=pass"), BAD, "", 0, "'@' splits the word" },
	{ V("\"mx.example.org\"x; none"), BAD, "", 1, "junk after a quoted id" },
	{ V("mx.example.org\"evil.example\"; none"), BAD, "", 1, "quote after a token id" },
	{ V("\"mx.example.org\"1; none"), BAD, "", 1, "version without CFWS" },
	{ V("mx.example.org\r\n; none"), BAD, "", 1, "CRLF not followed by WSP" },
	{ V("mx.example.org\r; none"), BAD, "", 1, "bare CR" },
	{ V("mx.example.org\n\n\t; none"), BAD, "", 1, "empty line inside the value" },
	{ V("mx.example.org\r\n"), BAD, "", 1, "trailing CRLF" },
	{ V("mx.example.org(c\\"), BAD, "", 1, "backslash at the end of a comment" },
	{ V("mx.example.org (\x01); none"), BAD, "", 1, "control byte in a comment" },
	{ V("mx.example.org\x00; none"), BAD, "", 1, "NUL after our id" },
	{ V("\x00mx.example.org; none"), BAD, "", 0, "NUL before our id" },
	{ V("mx.example.org\xc3\xa9; none"), BAD, "", 1, "8-bit byte glued to our id" },
	{ V("\"mx.example.org\x01\"; none"), BAD, "", 1, "control byte in a quoted id" },
	{ V("\"a\\\x01\"; none"), BAD, "", 0, "quoted-pair of a control byte" },
	{ V(""), BAD, "", 0, "empty value" },
	{ V("   "), BAD, "", 0, "white space only" },
	{ V("(c)"), BAD, "", 0, "a comment only" },
	{ V("; spf=pass"), BAD, "", 0, "no authserv-id" },
	{ V("\"\"; spf=pass"), BAD, "", 0, "empty quoted authserv-id" },
	{ "mx.example.org; none", 0, BAD, "", 0, "LEN 0: nothing is read" },
	{ "mx.example.org; none", 10, NR, "mx.example", 0, "LEN 10: only LEN bytes are read" },
};

/* malloc_copy - VALUE in a buffer of exactly LEN bytes, so that the
 * sanitizer build catches any read past LEN */
static char *malloc_copy(const char *value, size_t len)
{
	char *p = malloc(len ? len : 1);

	if (p != NULL)
		memcpy(p, value, len);
	return p;
}

static void test_reader_table(void)
{
	const struct reader_case *t;
	char id[256], *v;
	size_t i, len;

	for (i = 0; i < sizeof(reader_cases) / sizeof(reader_cases[0]); i++) {
		t = &reader_cases[i];
		len = t->len;
		if ((v = malloc_copy(t->value, len)) == NULL)
			continue;
		is_int(authres_id_parse(v, len, id, sizeof(id)), t->st, "reader: %s: '%s' status",
		       t->why, show_input(t->value, len));
		is_str(id, t->id, "reader: %s: authserv-id", t->why);
		is_int(authres_authserv_id(v, len, id, sizeof(id)),
		       t->st == BAD ? -1 : 0, "reader: %s: authres_authserv_id", t->why);
		is_int(authres_claims(v, len, OURS), t->claims, "reader: %s: claims %s: %s",
		       t->why, OURS, t->claims ? "yes" : "no");
		free(v);
	}
}

/* repeat - N copies of C at P; returns P + N */
static char *repeat(char *p, int c, size_t n)
{
	memset(p, c, n);
	return p + n;
}

static void test_reader_bounds(void)
{
	static char v[AUTHRES_MAX_VALUE + 10000];
	static char longid[6000];
	char id[256];
	char *p;
	size_t len;

	p = repeat(v, '(', AUTHRES_MAX_DEPTH);
	p = repeat(p, ')', AUTHRES_MAX_DEPTH);
	len = (size_t) (stpcpy(p, " mx.example.org; none") - v);
	is_int(authres_id_parse(v, len, id, sizeof(id)), OK, "bounds: comments %d deep are read",
	       AUTHRES_MAX_DEPTH);
	ok(authres_claims(v, len, OURS), "bounds: and claim ours");

	p = repeat(v, '(', AUTHRES_MAX_DEPTH + 1);
	p = repeat(p, ')', AUTHRES_MAX_DEPTH + 1);
	len = (size_t) (stpcpy(p, " mx.example.org; none") - v);
	is_int(authres_id_parse(v, len, id, sizeof(id)), BAD, "bounds: comments %d deep are malformed",
	       AUTHRES_MAX_DEPTH + 1);
	ok(authres_claims(v, len, OURS),
	   "bounds: yet a deep comment before ours still claims ours (a deeper reader sees us)");

	p = repeat(v, '(', 30000);
	p = repeat(p, ')', 30000);
	len = (size_t) (stpcpy(p, " mx.example.org; none") - v);
	is_int(authres_id_parse(v, len, id, sizeof(id)), BAD, "bounds: comments 30000 deep are malformed");
	ok(authres_claims(v, len, OURS), "bounds: and 30000 deep before ours claims ours");

	len = (size_t) (repeat(v, '(', 60000) - v);
	is_int(authres_id_parse(v, len, id, sizeof(id)), BAD, "bounds: 60000 unclosed '(' malformed");
	ok(!authres_claims(v, len, OURS), "bounds: and claim nobody");

	p = stpcpy(v, "mx.example.org; spf=pass (");
	p = repeat(p, 'x', AUTHRES_MAX_VALUE - (size_t) (p - v) - 1);
	*p++ = ')';
	len = (size_t) (p - v);
	is_int(authres_id_parse(v, len, id, sizeof(id)), OK, "bounds: a value of exactly %d bytes is read",
	       AUTHRES_MAX_VALUE);
	*p++ = ' ';
	len++;
	is_int(authres_id_parse(v, len, id, sizeof(id)), BAD, "bounds: one byte more is malformed");
	ok(authres_claims(v, len, OURS), "bounds: an oversized value starting with ours claims ours");
	memcpy(v, "ex.example.org", 14);
	ok(!authres_claims(v, len, OURS), "bounds: an oversized value not starting with ours does not");

	is_int(authres_id_parse("mx.example.org; none", 20, id, 15), OK,
	       "bounds: an id that just fits ID");
	is_str(id, OURS, "bounds: and is all there");
	is_int(authres_id_parse("mx.example.org; none", 20, id, 14), AUTHRES_ID_TOOLONG,
	       "bounds: an id one byte too long for ID");
	is_str(id, "", "bounds: leaves ID empty");
	is_int(authres_authserv_id("mx.example.org; none", 20, id, 14), -1,
	       "bounds: authres_authserv_id fails for it");
	is_int(authres_id_parse("mx.example.org; none", 20, NULL, 0), AUTHRES_ID_TOOLONG,
	       "bounds: no ID buffer at all");

	p = repeat(v, 'a', 5000);
	len = (size_t) (stpcpy(p, ".example; none") - v);
	ok(authres_authserv_id(v, len, id, sizeof(id)) == -1, "bounds: 5000-byte id does not fit 256");
	memcpy(longid, v, 5008);
	longid[5008] = '\0';
	ok(authres_claims(v, len, longid) == 1, "bounds: claims compares a 5000-byte id with no buffer");
	longid[5007] = '\0';
	ok(authres_claims(v, len, longid) == 0, "bounds: and sees one byte less differ");
	memcpy(longid, v, 5009);
	longid[5009] = '\0';
	ok(authres_claims(v, len, longid) == 0, "bounds: and one byte more");

	ok(!authres_claims(NULL, 5, OURS), "bounds: NULL value claims nobody");
	ok(!authres_claims("mx.example.org; none", 20, NULL), "bounds: NULL ours");
	ok(!authres_claims("; none", 6, ""), "bounds: empty ours is never claimed");
	ok(authres_claims("mx.example.org; none", 20, "MX.example.org."),
	   "normalised: ours configured with a root dot claims the plain id");
	ok(!authres_claims("\".\"; none", 8, ".."), "normalised: ours of dots only is never claimed");
	ok(authres_claims("mx.example.org.\"x; none", 22, OURS),
	   "normalised: a malformed value whose first word is ours and a dot claims ours");
}

int main(void)
{
	test_format_basic();
	test_format_fold();
	test_format_quoting();
	test_format_escape();
	test_format_injection();
	test_format_refused();
	test_format_size();
	test_format_roundtrip();
	test_reader_table();
	test_reader_bounds();
	return tap_done();
}
