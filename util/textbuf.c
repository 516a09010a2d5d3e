/*
 * textbuf - a bounded text builder; see textbuf.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "textbuf.h"

/* textbuf_init - empty text */
void textbuf_init(struct textbuf *tb, char *buf, size_t cap)
{
	tb->buf = cap > 0 ? buf : NULL;
	tb->cap = tb->buf != NULL ? cap : 0;
	tb->len = 0;
	if (tb->buf != NULL)
		tb->buf[0] = '\0';
}

/* textbuf_kept - the octets BUF holds */
size_t textbuf_kept(const struct textbuf *tb)
{
	if (tb->cap == 0)
		return 0;
	return tb->len < tb->cap ? tb->len : tb->cap - 1;
}

/* textbuf_truncated - something was counted that BUF does not hold */
int textbuf_truncated(const struct textbuf *tb)
{
	return tb->len > textbuf_kept(tb);
}

/* textbuf_putn - N octets; the part that fits is kept */
void textbuf_putn(struct textbuf *tb, const char *s, size_t n)
{
	size_t at = textbuf_kept(tb), room;

	if (tb->buf != NULL && at == tb->len) {
		room = tb->cap - 1 - at;
		if (n < room)
			room = n;
		memcpy(tb->buf + at, s, room);
		tb->buf[at + room] = '\0';
	}
	tb->len += n;
}

/* textbuf_putc - one octet */
void textbuf_putc(struct textbuf *tb, int c)
{
	char ch = (char) c;

	textbuf_putn(tb, &ch, 1);
}

/* textbuf_puts - a string */
void textbuf_puts(struct textbuf *tb, const char *s)
{
	textbuf_putn(tb, s, strlen(s));
}

/* textbuf_vprintf - formatted; a format error appends nothing */
void textbuf_vprintf(struct textbuf *tb, const char *fmt, va_list ap)
{
	size_t at = textbuf_kept(tb);
	int n;

	if (tb->buf != NULL && at == tb->len)
		n = vsnprintf(tb->buf + at, tb->cap - at, fmt, ap);
	else
		n = vsnprintf(NULL, 0, fmt, ap);
	if (n > 0)
		tb->len += (size_t) n;
	else if (tb->buf != NULL && at == tb->len)
		tb->buf[at] = '\0';
}

/* textbuf_printf - formatted */
void textbuf_printf(struct textbuf *tb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	textbuf_vprintf(tb, fmt, ap);
	va_end(ap);
}
