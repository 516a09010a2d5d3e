/* show - test input as one printable line; see show.h. */
#include <stdio.h>

#include "tests/lib/show.h"

/* show_input - escape what would break a TAP line */
const char *show_input(const char *s, size_t len)
{
	static char buf[200];
	size_t i, o = 0;
	unsigned char c;

	/* room kept for the longest escape (4) and the cut note (at most 31:
	 * "...(18446744073709551615 bytes)") with its NUL */
	for (i = 0; i < len && o + 4 + 32 < sizeof(buf); i++) {
		c = (unsigned char) s[i];
		if (c == '\r')
			o += (size_t) snprintf(buf + o, sizeof(buf) - o, "\\r");
		else if (c == '\n')
			o += (size_t) snprintf(buf + o, sizeof(buf) - o, "\\n");
		else if (c == '\t')
			o += (size_t) snprintf(buf + o, sizeof(buf) - o, "\\t");
		else if (c < 0x20 || c >= 0x7f || c == '#')
			o += (size_t) snprintf(buf + o, sizeof(buf) - o, "\\x%02x", c);
		else
			buf[o++] = (char) c;
	}
	if (i < len)
		o += (size_t) snprintf(buf + o, sizeof(buf) - o, "...(%zu bytes)", len);
	buf[o] = '\0';
	return buf;
}
