/*
 * test_printable - each mode on hostile bytes (controls, DEL, 8-bit,
 * CR LF, NUL ends), cutting at every size, escapes never split.
 */
#include <string.h>

#include "tests/lib/tap.h"
#include "util/printable.h"

static const struct {
	const char *in;
	int mode;
	const char *want;
} cases[] = {
	{ "plain text", PRINTABLE_QMARK, "plain text" },
	{ "a\r\nb", PRINTABLE_QMARK, "a??b" },
	{ "t\tb", PRINTABLE_QMARK, "t?b" },
	{ "\x1b[31mred", PRINTABLE_QMARK, "?[31mred" },
	{ "del\x7f", PRINTABLE_QMARK, "del?" },
	{ "caf\xc3\xa9", PRINTABLE_QMARK, "caf??" },
	{ "~ !", PRINTABLE_QMARK, "~ !" },
	{ "a b", PRINTABLE_NOSPACE, "a?b" },
	{ "a\tb\nc\rd", PRINTABLE_KEEPWS, "a\tb\nc?d" },
	{ "a b\x01", PRINTABLE_HEX, "a b\\x01" },
	{ "\xff\x80\x7f", PRINTABLE_HEX, "\\xff\\x80\\x7f" },
	{ "\t\n", PRINTABLE_HEX, "\\x09\\x0a" },
	{ "\t\n\r", PRINTABLE_HEX | PRINTABLE_KEEPWS, "\t\n\\x0d" },
	{ "a b", PRINTABLE_HEX | PRINTABLE_NOSPACE, "a\\x20b" },
	{ "back\\slash", PRINTABLE_HEX, "back\\slash" },
	{ "", PRINTABLE_HEX, "" },
};

int main(void)
{
	char buf[64], area[32];
	struct textbuf tb;
	size_t i, len;
	int c, kept;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		printable(cases[i].in, buf, sizeof(buf), cases[i].mode);
		is_str(buf, cases[i].want, "printable case %zu", i);
		textbuf_init(&tb, buf, sizeof(buf));
		printable_put(&tb, cases[i].in, strlen(cases[i].in), cases[i].mode);
		is_str(buf, cases[i].want, "printable_put case %zu", i);
	}

	/* which bytes stay: 95 printable ASCII including space */
	for (c = 0, kept = 0; c < 256; c++)
		kept += printable_ok(c, PRINTABLE_QMARK);
	is_int(kept, 95, "0x20..0x7e stay");
	is_int(printable_char(0, PRINTABLE_QMARK), '?', "NUL as a byte is '?'");
	is_int(printable_char(' ', PRINTABLE_NOSPACE), '?', "space under NOSPACE");

	/* cut at every size; with DOTS a cut copy ends "...", and a copy
	 * that fits exactly is whole (spf_term_quote's own loop cut it) */
	for (len = 1; len <= 12; len++) {
		memset(area, 'Z', sizeof(area));
		printable("0123456789", area, len, PRINTABLE_QMARK | PRINTABLE_DOTS);
		ok(area[len] == 'Z', "len %zu: nothing past the buffer", len);
		if (len < 4)
			is_str(area, "", "len %zu: cut, no room for dots: empty", len);
		else if (len <= 10)
			ok(strlen(area) == len - 1 && strcmp(area + len - 4, "...") == 0
			   && strncmp(area, "0123456789", len - 4) == 0,
			   "len %zu: prefix and dots", len);
		else
			is_str(area, "0123456789", "len %zu: whole, no dots", len);
	}
	is_str(printable_n("\x01\x02\x03", 3, buf, 13, PRINTABLE_HEX | PRINTABLE_DOTS),
	       "\\x01\\x02\\x03", "12 octets of escapes fit 13 whole");
	is_str(printable_n("\x01\x02\x03", 3, buf, 12, PRINTABLE_HEX | PRINTABLE_DOTS),
	       "\\x01\\x02...", "in 12 the third escape gives way to the dots");
	is_str(printable_n("a\x01\\", 3, buf, sizeof(buf),
			   PRINTABLE_HEX | PRINTABLE_BACKSLASH), "a\\x01\\x5c",
	       "BACKSLASH: '\\' escaped too");
	is_str(printable_n("ab\0cd", 5, buf, sizeof(buf), PRINTABLE_HEX), "ab\\x00cd",
	       "printable_n: a NUL inside N octets is escaped, not an end");

	/* a \xhh escape is never split by a cut */
	for (len = 1; len <= 7; len++) {
		memset(area, 'Z', sizeof(area));
		printable("a\x01" "b", area, len, PRINTABLE_HEX);
		ok(area[len] == 'Z', "hex len %zu: nothing past the buffer", len);
		is_str(area, len < 2 ? "" : len < 6 ? "a" : len < 7 ? "a\\x01" : "a\\x01b",
		       "hex len %zu: whole escapes only", len);
	}

	/* in place in a '?' mode */
	strcpy(buf, "in\x01place\x80");
	printable(buf, buf, sizeof(buf), PRINTABLE_QMARK);
	is_str(buf, "in?place?", "a copy in place");
	strcpy(buf, "abcdefgh");
	printable(buf, buf, 6, PRINTABLE_QMARK | PRINTABLE_DOTS);
	is_str(buf, "ab...", "a cut copy in place still gets its dots");

	/* NULL reads as empty; a zero-sized buffer is not touched */
	strcpy(buf, "x");
	is_str(printable(NULL, buf, sizeof(buf), PRINTABLE_QMARK), "", "NULL is empty");
	area[0] = 'Z';
	printable("abc", area, 0, PRINTABLE_QMARK);
	ok(area[0] == 'Z', "len 0: untouched");
	return tap_done();
}
