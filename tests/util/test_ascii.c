/*
 * test_ascii - the character classes are ASCII's whatever the locale,
 * and a byte >= 0x80 is never a letter, a digit or white space.
 */
#include <locale.h>

#include "tests/lib/tap.h"
#include "util/ascii.h"

int main(void)
{
	int c, alpha = 0, digit = 0, alnum = 0, wsp = 0, space = 0, folded = 0;

	/* a locale that makes <ctype.h> take 8-bit letters must not matter */
	setlocale(LC_ALL, "C.UTF-8");
	for (c = 0; c < 256; c++) {
		alpha += ascii_is_alpha(c);
		digit += ascii_is_digit(c);
		alnum += ascii_is_alnum(c);
		wsp += ascii_is_wsp(c);
		space += ascii_is_space(c);
		folded += ascii_lower(c) != c;
	}
	is_int(alpha, 52, "52 letters");
	is_int(digit, 10, "10 digits");
	is_int(alnum, 62, "62 letters and digits");
	is_int(wsp, 2, "WSP is space and tab only");
	is_int(space, 6, "space: the C locale's six");
	ok(ascii_is_space('\v') && ascii_is_space('\f') && ascii_is_space('\r')
	   && ascii_is_space('\n'), "space: VT, FF, CR, LF");
	ok(!ascii_is_space(0x85) && !ascii_is_space(0xa0), "space: not NEL or NBSP");
	is_int(folded, 26, "only A-Z fold");
	ok(!ascii_is_alpha(0xc0) && !ascii_is_alpha(0xe9), "Latin-1 letters are not letters");
	ok(!ascii_is_wsp('\n') && !ascii_is_wsp('\r') && !ascii_is_wsp('\v'),
	   "CR, LF and VT are not WSP");
	is_int(ascii_lower('Z'), 'z', "Z folds to z");
	is_int(ascii_lower('['), '[', "[ stays (0x5b, after Z)");
	is_int(ascii_lower('@'), '@', "@ stays (0x40, before A)");
	ok(ascii_same_word("SPF", 3, "spf"), "same word, case folded");
	ok(ascii_same_word("spf1x", 4, "spf1"), "only N octets compared");
	ok(!ascii_same_word("spf", 3, "spf1"), "a prefix is not the word");
	ok(!ascii_same_word("sp", 2, "spf"), "shorter is not the word");
	ok(ascii_same_word("", 0, ""), "empty equals empty");
	ok(!ascii_same_word("\xc9", 1, "\xe9"), "8-bit bytes do not fold");
	ok(ascii_same_n("Example.COM", "example.comX", 11), "same_n: N octets, case folded");
	ok(!ascii_same_n("example", "exampla", 7), "same_n: the last octet counts");
	ok(ascii_same_n("a", "b", 0), "same_n: zero octets are equal");
	return tap_done();
}
