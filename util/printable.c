/*
 * printable - safe copies of outside text; see printable.h.
 */
#include <string.h>

#include "printable.h"

/* printable_ok - printable ASCII, space and white space as MODE says */
int printable_ok(int c, int mode)
{
	if (c == ' ')
		return !(mode & PRINTABLE_NOSPACE);
	if (c == '\\')
		return !(mode & PRINTABLE_BACKSLASH);
	if (c == '\t' || c == '\n')
		return (mode & PRINTABLE_KEEPWS) != 0;
	return c > 0x20 && c < 0x7f;
}

/* printable_char - the byte, or '?' */
int printable_char(int c, int mode)
{
	return printable_ok(c, mode) ? c : '?';
}

/* escape - what byte C becomes: OUT gets 1 or 4 octets; returns how many */
static size_t escape(int c, int mode, char *out)
{
	static const char hex[] = "0123456789abcdef";

	if (printable_ok(c, mode)) {
		out[0] = (char) c;
		return 1;
	}
	if (!(mode & PRINTABLE_HEX)) {
		out[0] = '?';
		return 1;
	}
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hex[(c >> 4) & 15];
	out[3] = hex[c & 15];
	return 4;
}

/* printable_put - append, byte by byte */
void printable_put(struct textbuf *tb, const char *s, size_t n, int mode)
{
	char e[4];
	size_t i;

	for (i = 0; i < n; i++)
		textbuf_putn(tb, e, escape((unsigned char) s[i], mode, e));
}

/* printable_n - measured first: a copy that fits is whole; one that does
 * not is cut before the escape that would pass the room left (for the
 * NUL, and for "..." with PRINTABLE_DOTS). Written byte by byte, never
 * ahead of the byte read, so that a '?' mode may copy in place. */
char *printable_n(const char *s, size_t n, char *buf, size_t len, int mode)
{
	size_t i, o = 0, w, total = 0, tail = 1;
	char e[4];

	if (len == 0)
		return buf;
	for (i = 0; i < n; i++)
		total += escape((unsigned char) s[i], mode, e);
	if (total >= len && (mode & PRINTABLE_DOTS))
		tail = 4;
	for (i = 0; i < n; i++) {
		w = escape((unsigned char) s[i], mode, e);
		if (o + w + tail > len)
			break;
		memcpy(buf + o, e, w);
		o += w;
	}
	if (i < n && tail == 4 && o + 4 <= len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}

/* printable - the string form */
char *printable(const char *s, char *buf, size_t len, int mode)
{
	if (s == NULL)
		s = "";
	return printable_n(s, strlen(s), buf, len, mode);
}
