/*
 * postfix_text - evidence text in fixed buffers; see postfix_text.h.
 */
#include <stdarg.h>
#include <string.h>

#include "util/textbuf.h"
#include "postfix_text.h"

/* sc_pf_append - a builder over the room after the text already there */
void sc_pf_append(char *buf, size_t size, const char *sep, const char *fmt, ...)
{
	size_t used = strnlen(buf, size);
	struct textbuf tb;
	va_list ap;

	if (used + 1 >= size)
		return;
	textbuf_init(&tb, buf + used, size - used);
	if (used > 0)
		textbuf_puts(&tb, sep);
	va_start(ap, fmt);
	textbuf_vprintf(&tb, fmt, ap);
	va_end(ap);
}

/* sc_pf_set - a builder over all of BUF */
void sc_pf_set(char *buf, size_t size, const char *fmt, ...)
{
	struct textbuf tb;
	va_list ap;

	textbuf_init(&tb, buf, size);
	va_start(ap, fmt);
	textbuf_vprintf(&tb, fmt, ap);
	va_end(ap);
}
