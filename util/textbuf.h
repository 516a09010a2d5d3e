/*
 * textbuf - a bounded text builder over a buffer the caller owns.
 *
 * Appending never writes past the buffer, and the text stays a
 * NUL-terminated string after every call. What does not fit is dropped
 * but still counted, as snprintf() counts, so that one piece of code can
 * both measure text (a NULL buffer) and write it, and a caller can tell
 * a cut text from a whole one (textbuf_truncated). Not thread-safe per
 * builder; builders share nothing.
 */
#ifndef AUTHMILTER_TEXTBUF_H
#define AUTHMILTER_TEXTBUF_H

#include <stdarg.h>
#include <stddef.h>

struct textbuf {
	char *buf;                  /* NULL: measure only */
	size_t cap;                 /* size of BUF, the NUL included */
	size_t len;                 /* octets appended, kept or not */
};

/* textbuf_init - empty text in BUF (CAP octets; BUF may be NULL) */
void textbuf_init(struct textbuf *tb, char *buf, size_t cap);

/* textbuf_putc, textbuf_putn, textbuf_puts, textbuf_printf - append one
 * octet, N octets, a string, formatted text */
void textbuf_putc(struct textbuf *tb, int c);
void textbuf_putn(struct textbuf *tb, const char *s, size_t n);
void textbuf_puts(struct textbuf *tb, const char *s);
void textbuf_printf(struct textbuf *tb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* textbuf_vprintf - textbuf_printf with a va_list (AP is used up) */
void textbuf_vprintf(struct textbuf *tb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* textbuf_truncated - 1 when something appended was not kept */
int textbuf_truncated(const struct textbuf *tb);

/* textbuf_kept - how many octets BUF holds (before its NUL) */
size_t textbuf_kept(const struct textbuf *tb);

#endif
