/*
 * test_postfix_conf - the postconf output parser and the Postfix list
 * splitter, on the output postconf really prints and on hostile text:
 * lines without "=", odd names, NULs, a 100 KB value, 10000 lines,
 * duplicates, more than the size limit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "selfcheck/postfix/postconf.h"
#include "selfcheck/postfix/postfix_list.h"
#include "tests/lib/tap.h"

/* parse - TEXT (LEN octets) into PC, which the caller frees */
static enum sc_postconf_status parse(const char *text, size_t len,
				     struct sc_postconf *pc)
{
	return sc_postconf_parse(text, len, pc);
}

static void test_postconf_shape(void)
{
	static const char text[] =
	    "smtpd_banner = mail.example.org ESMTP Postfix (Debian/GNU)\n"
	    "smtpd_milters =\n"
	    "smtpd_tls_CAfile =\n"
	    "mynetworks = 127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128\n"
	    "smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated defer_unauth_destination\n";
	struct sc_postconf pc;

	is_int(parse(text, strlen(text), &pc), SC_POSTCONF_OK, "postconf output parses");
	is_int((long) pc.n, 5, "five parameters");
	is_int((long) pc.skipped, 0, "nothing skipped");
	is_str(sc_postconf_get(&pc, "smtpd_banner"),
	       "mail.example.org ESMTP Postfix (Debian/GNU)", "value keeps its inner spaces");
	is_str(sc_postconf_get(&pc, "smtpd_milters"), "", "\"name =\" is an empty value");
	is_str(sc_postconf_get(&pc, "smtpd_tls_CAfile"), "", "names with capitals (CAfile) are names");
	is_str(sc_postconf_get(&pc, "smtpd_relay_restrictions"),
	       "permit_mynetworks permit_sasl_authenticated defer_unauth_destination",
	       "a long value on one line");
	ok(sc_postconf_get(&pc, "smtpd_recipient_restrictions") == NULL,
	   "a parameter postconf did not print is NULL, not empty");
	ok(sc_postconf_get(&pc, "smtpd") == NULL, "no prefix match");
	sc_postconf_free(&pc);
}

struct hostile {
	const char *what;
	const char *text;
	size_t len;                  /* 0: strlen(text) */
	size_t n, skipped;
	const char *name, *value;    /* one lookup to check, or NULL */
};

#define L(s) s, sizeof(s) - 1
static const struct hostile hostile[] = {
	{ "no '='", "no equals sign here", 0, 0, 1, NULL, NULL },
	{ "no name", "= value", 0, 0, 1, NULL, NULL },
	{ "'-' in a name", "bad-name = x", 0, 0, 1, NULL, NULL },
	{ "space in a name", "two words = x", 0, 0, 1, NULL, NULL },
	{ "leading space (a continuation line)", " indented = x", 0, 0, 1, NULL, NULL },
	{ "empty line", "", 0, 0, 0, NULL, NULL },
	{ "blank line", "  \t ", 0, 0, 0, NULL, NULL },
	{ "NUL in the name", L("a\0b = c"), 0, 1, NULL, NULL },
	{ "NUL in the value", L("a = b\0c\nd = e"), 1, 1, "d", "e" },
	{ "NUL alone", L("\0"), 0, 1, NULL, NULL },
	{ "no spaces round '='", "a=b", 0, 1, 0, "a", "b" },
	{ "spaces and tabs round the value", "a =   spaced out \t", 0, 1, 0, "a", "spaced out" },
	{ "CRLF", "a = b\r\nc = d\r\n", 0, 2, 0, "c", "d" },
	{ "'==' keeps the second '='", "a == b", 0, 1, 0, "a", "= b" },
	{ "no final newline", "a = 1\nb = 2", 0, 2, 0, "b", "2" },
	{ "duplicate: the first wins", "a = 1\na = 2\n", 0, 1, 1, "a", "1" },
	{ "non-ASCII name", "\xc3\xa9t\xc3\xa9 = x", 0, 0, 1, NULL, NULL },
	{ "non-ASCII value kept", "a = \xc3\xa9t\xc3\xa9", 0, 1, 0, "a", "\xc3\xa9t\xc3\xa9" },
	{ "postconf warning lines", "postconf: warning: /etc/postfix/main.cf: unused parameter: x=y\na = 1",
	  0, 1, 1, "a", "1" },
	{ "escape sequences stay data", "a = \x1b[31mred\x1b[0m", 0, 1, 0, "a", "\x1b[31mred\x1b[0m" },
	{ "only '='", "=", 0, 0, 1, NULL, NULL },
	{ "only newlines", "\n\n\n", 0, 0, 0, NULL, NULL },
};

static void test_hostile_table(void)
{
	size_t i;

	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		const struct hostile *h = &hostile[i];
		struct sc_postconf pc;
		size_t len = h->len ? h->len : strlen(h->text);

		if (!is_int(parse(h->text, len, &pc), SC_POSTCONF_OK, "%s: parses", h->what))
			continue;
		is_int((long) pc.n, (long) h->n, "%s: %zu parameter(s)", h->what, h->n);
		is_int((long) pc.skipped, (long) h->skipped, "%s: %zu skipped", h->what,
		       h->skipped);
		if (h->name)
			is_str(sc_postconf_get(&pc, h->name), h->value, "%s: value of %s",
			       h->what, h->name);
		sc_postconf_free(&pc);
	}
}

static void test_names(void)
{
	char text[400];
	struct sc_postconf pc;

	memset(text, 'n', 128);
	strcpy(text + 128, " = ok\n");
	parse(text, strlen(text), &pc);
	is_int((long) pc.n, 1, "a 128-octet name is taken");
	sc_postconf_free(&pc);
	memset(text, 'n', 129);
	strcpy(text + 129, " = too long\n");
	parse(text, strlen(text), &pc);
	is_int((long) pc.n, 0, "a 129-octet name is skipped");
	sc_postconf_free(&pc);
}

static void test_big_value(void)
{
	size_t n = 100 * 1024;
	char *text = malloc(n + 32);
	struct sc_postconf pc;
	const char *v;

	memcpy(text, "mynetworks = ", 13);
	memset(text + 13, '1', n);
	strcpy(text + 13 + n, "\nb = 2\n");
	is_int(parse(text, strlen(text), &pc), SC_POSTCONF_OK, "a 100 KB value parses");
	v = sc_postconf_get(&pc, "mynetworks");
	is_int(v ? (long) strlen(v) : -1, (long) n, "the 100 KB value is whole");
	is_str(sc_postconf_get(&pc, "b"), "2", "the line after it is read");
	sc_postconf_free(&pc);
	free(text);
}

static void test_many_lines(void)
{
	size_t i, size = 10000 * 24;
	char *text = malloc(size), *p = text;
	struct sc_postconf pc;

	for (i = 0; i < 10000; i++)
		p += sprintf(p, "param_%05zu = %zu\n", i, i);
	is_int(parse(text, (size_t) (p - text), &pc), SC_POSTCONF_OK, "10000 lines parse");
	is_int((long) pc.n, SC_POSTCONF_MAX_PARAMS, "kept up to the limit of %d",
	       SC_POSTCONF_MAX_PARAMS);
	is_int((long) pc.skipped, 10000 - SC_POSTCONF_MAX_PARAMS,
	       "the lines past the limit are counted as skipped");
	is_int((long) pc.first_skipped, SC_POSTCONF_MAX_PARAMS + 1,
	       "first skipped line number");
	is_str(sc_postconf_get(&pc, "param_00000"), "0", "first line found");
	is_str(sc_postconf_get(&pc, "param_08191"), "8191", "last kept line found");
	ok(sc_postconf_get(&pc, "param_08192") == NULL, "line past the limit not there");
	sc_postconf_free(&pc);

	for (p = text, i = 0; i < 10000; i++)
		p += sprintf(p, "garbage line %zu\n", i);
	parse(text, (size_t) (p - text), &pc);
	is_int((long) pc.n, 0, "10000 garbage lines: no parameter");
	is_int((long) pc.skipped, 10000, "10000 garbage lines: all counted");
	sc_postconf_free(&pc);
	free(text);
}

static void test_too_big(void)
{
	size_t n = SC_POSTCONF_MAX_TEXT + 1;
	char *text = calloc(1, n);
	struct sc_postconf pc;

	is_int(parse(text, n, &pc), SC_POSTCONF_TOOBIG, "more than 4 MB is refused");
	ok(pc.buf == NULL && pc.param == NULL && pc.n == 0, "and leaves nothing behind");
	sc_postconf_free(&pc);
	free(text);
	is_int(parse("", 0, &pc), SC_POSTCONF_OK, "empty output parses");
	ok(pc.n == 0 && sc_postconf_get(&pc, "a") == NULL, "to an empty table");
	sc_postconf_free(&pc);
}

/* split - the elements of LIST joined with '|' */
static const char *split(const char *list, const char *seps)
{
	static char out[512];
	const char *cur = list, *tok;
	size_t len, used = 0;

	out[0] = '\0';
	while (sc_postfix_list_next(&cur, seps, &tok, &len) && used + len + 2 < sizeof(out)) {
		used += (size_t) snprintf(out + used, sizeof(out) - used, "%s%.*s",
					  used ? "|" : "", (int) len, tok);
	}
	return out;
}

static void test_lists(void)
{
	const char *in;
	size_t inlen;
	char buf[8];

	is_str(split("a, b  c,,d", SC_POSTFIX_LIST_SEP), "a|b|c|d", "commas and spaces separate");
	is_str(split("permit_mynetworks,\n\tpermit_sasl_authenticated\n\treject_unauth_destination",
		     SC_POSTFIX_LIST_SEP),
	       "permit_mynetworks|permit_sasl_authenticated|reject_unauth_destination",
	       "newlines and tabs separate");
	is_str(split("check_client_access inline:{ 192.0.2.1=OK, 192.0.2.2=OK }, reject",
		     SC_POSTFIX_LIST_SEP),
	       "check_client_access|inline:{ 192.0.2.1=OK, 192.0.2.2=OK }|reject",
	       "an inline table stays one element");
	is_str(split("{ inet:127.0.0.1:8893, default_action=accept }, unix:/run/m.sock",
		     SC_POSTFIX_LIST_SEP),
	       "{ inet:127.0.0.1:8893, default_action=accept }|unix:/run/m.sock",
	       "a milter group stays one element");
	is_str(split("{ a { b, c } d }, e", SC_POSTFIX_LIST_SEP), "{ a { b, c } d }|e",
	       "nested groups");
	is_str(split("{ unclosed, x", SC_POSTFIX_LIST_SEP), "{ unclosed, x",
	       "an unclosed group runs to the end");
	is_str(split("} a", SC_POSTFIX_LIST_SEP), "}|a", "a stray '}' is text");
	is_str(split("!SSLv2:!SSLv3, >=TLSv1.2", SC_POSTFIX_LIST_SEPC), "!SSLv2|!SSLv3|>=TLSv1.2",
	       "protocol lists split at ':' too");
	is_str(split("  ,, \n", SC_POSTFIX_LIST_SEP), "", "only separators: no element");
	ok(sc_postfix_list_group("{ inet:x:1, a=b }", 17, &in, &inlen) == 1
	   && inlen == 13 && strncmp(in, "inet:x:1, a=b", 13) == 0,
	   "group: the inside without braces and spaces");
	ok(sc_postfix_list_group("inet:x:1", 8, &in, &inlen) == 0, "not a group");
	ok(sc_postfix_list_group("{", 1, &in, &inlen) == 0, "a lone '{' is not a group");
	ok(sc_postfix_list_copy("abcdefgh", 8, buf, sizeof(buf)) == -1 && buf[0] == '\0',
	   "copy refuses what does not fit");
	ok(sc_postfix_list_copy("abcdefg", 7, buf, sizeof(buf)) == 0 && strcmp(buf, "abcdefg") == 0,
	   "copy takes what fits");
}

int main(void)
{
	test_postconf_shape();
	test_hostile_table();
	test_names();
	test_big_value();
	test_many_lines();
	test_too_big();
	test_lists();
	return tap_done();
}
