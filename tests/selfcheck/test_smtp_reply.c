/* test_smtp_reply - the SMTP reply parser on ordinary replies and on
 * what a hostile or broken server sends: lines at and past 512 octets,
 * 100 and 101 lines, a "220-" that never ends, NUL and other control
 * octets, a missing CRLF, mixed codes, non-SMTP speakers. Each input is
 * also fed one octet at a time, as a slow server would send it: the
 * verdict must not depend on how the octets arrive. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/lib/tap.h"
#include "selfcheck/smtp/smtp_reply.h"

#define BIN(s) s, sizeof(s) - 1

struct row {
	const char *name;
	const char *in;
	size_t len;			/* 0: strlen(in) */
	enum smtp_reply_status st;
	int code;			/* for OK */
	size_t nlines;			/* for OK */
	const char *last;		/* text of the last line, for OK */
};

static const struct row rows[] = {
	{ "greeting", "220 mx.example.org ESMTP\r\n", 0, SMTP_REPLY_OK, 220, 1,
	  "mx.example.org ESMTP" },
	{ "EHLO reply, three lines", "250-mx.example.org\r\n250-PIPELINING\r\n"
	  "250 STARTTLS\r\n", 0, SMTP_REPLY_OK, 250, 3, "STARTTLS" },
	{ "bare LF ends a line", "220 mx\n", 0, SMTP_REPLY_OK, 220, 1, "mx" },
	{ "code alone", "250\r\n", 0, SMTP_REPLY_OK, 250, 1, "" },
	{ "empty continuation text", "250-\r\n250 last\r\n", 0, SMTP_REPLY_OK,
	  250, 2, "last" },
	{ "code alone ends a multi-line reply", "250-a\r\n250\r\n", 0,
	  SMTP_REPLY_OK, 250, 2, "" },
	{ "TAB is text", "220 a\tb\r\n", 0, SMTP_REPLY_OK, 220, 1, "a\tb" },
	{ "8-bit text is kept", "220 caf\xc3\xa9\r\n", 0, SMTP_REPLY_OK, 220, 1,
	  "caf\xc3\xa9" },
	{ "only the first of two replies", "250 a\r\n220 b\r\n", 0,
	  SMTP_REPLY_OK, 250, 1, "a" },
	{ "5xx", "554 5.7.1 go away\r\n", 0, SMTP_REPLY_OK, 554, 1,
	  "5.7.1 go away" },
	/* not there yet */
	{ "nothing", "", 0, SMTP_REPLY_PARTIAL, 0, 0, NULL },
	{ "missing CRLF", "220 mx.example.org", 0, SMTP_REPLY_PARTIAL, 0, 0, NULL },
	{ "CR, LF not yet", "220 mx\r", 0, SMTP_REPLY_PARTIAL, 0, 0, NULL },
	{ "two octets of a code", "22", 0, SMTP_REPLY_PARTIAL, 0, 0, NULL },
	{ "220- without its end", "220-mx.example.org\r\n220-more\r\n", 0,
	  SMTP_REPLY_PARTIAL, 0, 0, NULL },
	/* hostile */
	{ "mixed codes", "250-a\r\n251 b\r\n", 0, SMTP_REPLY_MIXED, 0, 0, NULL },
	{ "mixed code classes", "220-a\r\n554 b\r\n", 0, SMTP_REPLY_MIXED, 0, 0,
	  NULL },
	{ "NUL in the text", BIN("220 a\0b\r\n"), SMTP_REPLY_BAD_OCTET, 0, 0, NULL },
	{ "NUL first", BIN("\0"), SMTP_REPLY_BAD_CODE, 0, 0, NULL },
	{ "control octet after a bad code", "HTTP\x16\r\n", 0, SMTP_REPLY_BAD_CODE,
	  0, 0, NULL },
	{ "CR inside a line", "220 a\rb\r\n", 0, SMTP_REPLY_BAD_OCTET, 0, 0, NULL },
	{ "escape sequence", "220 \x1b[31mred\r\n", 0, SMTP_REPLY_BAD_OCTET, 0, 0,
	  NULL },
	{ "DEL", "220 a\x7f\r\n", 0, SMTP_REPLY_BAD_OCTET, 0, 0, NULL },
	{ "control octet before the end arrives", "220 a\x01", 0,
	  SMTP_REPLY_BAD_OCTET, 0, 0, NULL },
	{ "HTTP server", "HTTP/1.1 400 Bad Request\r\n", 0, SMTP_REPLY_BAD_CODE,
	  0, 0, NULL },
	{ "one wrong octet is enough", "H", 0, SMTP_REPLY_BAD_CODE, 0, 0, NULL },
	{ "SSH server", "SSH-2.0-OpenSSH_9.2\r\n", 0, SMTP_REPLY_BAD_CODE, 0, 0,
	  NULL },
	{ "two-digit code", "22\r\n", 0, SMTP_REPLY_BAD_CODE, 0, 0, NULL },
	{ "four digits", "2200 x\r\n", 0, SMTP_REPLY_BAD_CODE, 0, 0, NULL },
	{ "letter after the code", "220x\r\n", 0, SMTP_REPLY_BAD_CODE, 0, 0, NULL },
	{ "code 600", "600 x\r\n", 0, SMTP_REPLY_BAD_CODE, 0, 0, NULL },
	{ "code 160", "160 x\r\n", 0, SMTP_REPLY_BAD_CODE, 0, 0, NULL },
	{ "code 260", "260 x\r\n", 0, SMTP_REPLY_BAD_CODE, 0, 0, NULL },
	{ "leading space", " 220 x\r\n", 0, SMTP_REPLY_BAD_CODE, 0, 0, NULL },
	{ "empty line", "\r\n", 0, SMTP_REPLY_BAD_CODE, 0, 0, NULL },
	{ "garbage continuation", "250-a\r\nxyz\r\n", 0, SMTP_REPLY_BAD_CODE, 0,
	  0, NULL },
};

/* parse - R's status for IN, and a summary of a parsed reply */
static enum smtp_reply_status parse(const char *in, size_t len,
				    struct smtp_reply *r, size_t *used)
{
	*used = 0;
	return smtp_reply_parse(in, len, r, used);
}

/* by_octets - the status once all of IN has arrived one octet at a
 * time: the first non-PARTIAL status, as smtp_conn_reply would act */
static enum smtp_reply_status by_octets(const char *in, size_t len,
					struct smtp_reply *r)
{
	enum smtp_reply_status st = SMTP_REPLY_PARTIAL;
	size_t n, used;

	for (n = 1; n <= len && st == SMTP_REPLY_PARTIAL; n++)
		st = smtp_reply_parse(in, n, r, &used);
	return st;
}

static void table(void)
{
	static struct smtp_reply r;
	const struct row *w;
	size_t i, len, used;
	enum smtp_reply_status st;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		w = &rows[i];
		len = w->len ? w->len : strlen(w->in);
		st = parse(w->in, len, &r, &used);
		is_str(smtp_reply_status_text(st), smtp_reply_status_text(w->st),
		       "%s: status", w->name);
		is_int(by_octets(w->in, len, &r), len ? w->st : SMTP_REPLY_PARTIAL,
		       "%s: same status one octet at a time", w->name);
		if (w->st != SMTP_REPLY_OK)
			continue;
		st = parse(w->in, len, &r, &used);
		is_int(r.code, w->code, "%s: code", w->name);
		is_int((long) r.nlines, (long) w->nlines, "%s: lines", w->name);
		is_str(smtp_reply_line(&r, r.nlines - 1), w->last, "%s: last text",
		       w->name);
	}
}

/* line_of - a reply line "220 xxx...\r\n" of LEN octets in all */
static char *line_of(size_t len, char sep, const char *eol)
{
	char *s = malloc(len + 1);
	size_t e = strlen(eol);

	memset(s, 'x', len);
	memcpy(s, "220", 3);
	s[3] = sep;
	memcpy(s + len - e, eol, e);
	s[len] = '\0';
	return s;
}

/* lines_of - N lines of "250-x", the last one "250 x" unless OPEN */
static char *lines_of(size_t n, int open)
{
	char *s = malloc(n * 7 + 1);
	size_t i;

	for (i = 0; i < n; i++)
		memcpy(s + i * 7, i + 1 < n || open ? "250-x\r\n" : "250 x\r\n", 7);
	s[n * 7] = '\0';
	return s;
}

static void bounds(void)
{
	static struct smtp_reply r;
	size_t used;
	char *s;

	s = line_of(512, ' ', "\r\n");
	is_int(parse(s, 512, &r, &used), SMTP_REPLY_OK, "512-octet line (CRLF included) is fine");
	is_int((long) strlen(smtp_reply_line(&r, 0)), 506, "512-octet line: 506 octets of text");
	free(s);
	s = line_of(512, ' ', "\n");
	is_int(parse(s, 512, &r, &used), SMTP_REPLY_OK, "512-octet line with bare LF");
	free(s);
	s = line_of(513, ' ', "\r\n");
	is_int(parse(s, 513, &r, &used), SMTP_REPLY_LONG_LINE, "513-octet line");
	is_int(by_octets(s, 513, &r), SMTP_REPLY_LONG_LINE,
	       "513-octet line, one octet at a time");
	free(s);
	s = line_of(513, '-', "xx");
	is_int(parse(s, 512, &r, &used), SMTP_REPLY_LONG_LINE,
	       "512 octets and no end of line yet: already too long");
	is_int(parse(s, 511, &r, &used), SMTP_REPLY_PARTIAL,
	       "511 octets and no end of line yet: may still end");
	free(s);
	s = lines_of(100, 0);
	is_int(parse(s, strlen(s), &r, &used), SMTP_REPLY_OK, "100 lines are fine");
	is_int((long) r.nlines, 100, "100 lines kept");
	is_int((long) used, (long) strlen(s), "100 lines: all octets used");
	free(s);
	s = lines_of(101, 0);
	is_int(parse(s, strlen(s), &r, &used), SMTP_REPLY_TOO_MANY, "101 lines");
	free(s);
	s = lines_of(100, 1);
	is_int(parse(s, strlen(s), &r, &used), SMTP_REPLY_TOO_MANY,
	       "a 250- that goes on for 100 lines stops there, not at the timeout");
	free(s);
	s = lines_of(99, 1);
	is_int(parse(s, strlen(s), &r, &used), SMTP_REPLY_PARTIAL,
	       "99 continuation lines may still end");
	free(s);
}

static void helpers(void)
{
	static struct smtp_reply r;
	const char *ehlo = "250-mx.example.org Hello [192.0.2.1]\r\n"
		"250-SIZE 10240000\r\n250-AUTH PLAIN LOGIN\r\n250-starttls\r\n"
		"250 8BITMIME\r\n";
	char w[16];
	size_t used;

	smtp_reply_parse(ehlo, strlen(ehlo), &r, &used);
	smtp_reply_first_word(&r, w, sizeof(w));
	is_str(w, "mx.example.org", "first word of the EHLO reply");
	ok(smtp_reply_has_keyword(&r, "STARTTLS"), "keyword, any case");
	ok(smtp_reply_has_keyword(&r, "AUTH"), "keyword with parameters");
	ok(!smtp_reply_has_keyword(&r, "PIPELINING"), "keyword not announced");
	ok(!smtp_reply_has_keyword(&r, "mx.example.org"),
	   "the greeting line holds no keyword");
	ok(!smtp_reply_has_keyword(&r, "STARTTL"), "no prefix match");
	smtp_reply_parse(BIN("220 a-very-long-host-name.example\r\n"), &r, &used);
	smtp_reply_first_word(&r, w, sizeof(w));
	is_str(w, "a-very-long-hos", "first word cut to the buffer");
	smtp_reply_parse(BIN("250-  STARTTLS\r\n250 x\r\n"), &r, &used);
	smtp_reply_first_word(&r, w, sizeof(w));
	is_str(w, "STARTTLS", "first word after spaces");
	smtp_reply_parse(BIN("250-mx STARTTLS\r\n250 SIZE\r\n"), &r, &used);
	ok(!smtp_reply_has_keyword(&r, "STARTTLS"),
	   "STARTTLS in the greeting line is not an announcement");
}

int main(void)
{
	table();
	bounds();
	helpers();
	return tap_done();
}
