/*
 * test_textbuf - the builder keeps what fits, counts the rest, never
 * writes past its buffer, and measures with no buffer at all.
 */
#include <stdio.h>
#include <string.h>

#include "tests/lib/tap.h"
#include "util/textbuf.h"

#define GUARD 0x5a

/* build - the same appends into a buffer of CAP octets inside a guarded
 * area; returns 1 if no guard octet was touched */
static int build(char *area, size_t cap, struct textbuf *tb)
{
	size_t i;

	memset(area, GUARD, 64);
	textbuf_init(tb, area + 8, cap);
	textbuf_puts(tb, "ab");
	textbuf_putc(tb, 'c');
	textbuf_printf(tb, "%d-%s", 42, "xy");
	textbuf_putn(tb, "zzzz", 2);
	for (i = 0; i < 8; i++)
		if ((unsigned char) area[i] != GUARD
		    || (unsigned char) area[8 + cap + i] != GUARD)
			return 0;
	return 1;
}

int main(void)
{
	static const char whole[] = "abc42-xyzz";      /* 10 octets */
	char area[64], want[16];
	struct textbuf tb;
	size_t cap;

	/* every size from 1 to past the whole text: the prefix that fits */
	for (cap = 1; cap <= sizeof(whole) + 2; cap++) {
		ok(build(area, cap, &tb), "cap %zu: nothing written outside", cap);
		snprintf(want, sizeof(want), "%.*s", (int) (cap - 1), whole);
		is_str(area + 8, want, "cap %zu: the prefix that fits", cap);
		is_int((long) tb.len, 10, "cap %zu: everything counted", cap);
		is_int(textbuf_truncated(&tb), cap <= 10, "cap %zu: truncated flag", cap);
		is_int((long) textbuf_kept(&tb), (long) strlen(want), "cap %zu: kept", cap);
	}

	/* exactly full is not truncated; one more octet is */
	textbuf_init(&tb, want, 4);
	textbuf_puts(&tb, "abc");
	ok(!textbuf_truncated(&tb), "3 octets in 4: whole");
	textbuf_puts(&tb, "");
	ok(!textbuf_truncated(&tb), "an empty append changes nothing");
	textbuf_putc(&tb, 'd');
	ok(textbuf_truncated(&tb), "the 4th octet is cut");
	is_str(want, "abc", "text kept as it was");
	textbuf_printf(&tb, "%s", "later");
	is_str(want, "abc", "once cut, later appends are only counted");
	is_int((long) tb.len, 9, "and counted: 3 + 1 + 5");

	/* a cut in the middle of a printf keeps its first octets */
	textbuf_init(&tb, want, 6);
	textbuf_puts(&tb, "ab");
	textbuf_printf(&tb, "[%s]", "wxyz");
	is_str(want, "ab[wx", "printf cut mid-way keeps what fits");
	textbuf_puts(&tb, "!");
	is_str(want, "ab[wx", "and a later short append does not fill the gap");

	/* measuring: no buffer */
	textbuf_init(&tb, NULL, 0);
	textbuf_puts(&tb, "hello");
	textbuf_printf(&tb, " %05d", 7);
	is_int((long) tb.len, 11, "measure only: length counted");
	is_int((long) textbuf_kept(&tb), 0, "measure only: nothing kept");
	ok(textbuf_truncated(&tb), "measure only: counts as cut");

	/* a buffer of 0 octets is never touched */
	memset(area, GUARD, sizeof(area));
	textbuf_init(&tb, area, 0);
	textbuf_puts(&tb, "x");
	ok((unsigned char) area[0] == GUARD, "cap 0: buffer untouched");

	/* NUL octets given with putn are kept as octets, the text ends at the
	 * first, as a C string does */
	textbuf_init(&tb, want, sizeof(want));
	textbuf_putn(&tb, "a\0b", 3);
	is_int((long) tb.len, 3, "putn counts a NUL");
	ok(want[0] == 'a' && want[1] == '\0' && want[2] == 'b' && want[3] == '\0',
	   "putn copies N octets and terminates after them");
	return tap_done();
}
