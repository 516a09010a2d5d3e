/*
 * dns_text - bounded evidence text; see dns_text.h.
 */
#include <stdarg.h>
#include <string.h>

#include "util/printable.h"
#include "dns_text.h"

/* sc_dns_text_init - empty text */
void sc_dns_text_init(struct sc_dns_text *t)
{
	textbuf_init(&t->tb, t->s, sizeof(t->s));
}

/* mark_cut - a cut text ends with "..." over its last kept octets, so
 * whoever reads S sees that something is missing */
static void mark_cut(struct sc_dns_text *t)
{
	if (textbuf_truncated(&t->tb))
		memcpy(t->s + sizeof(t->s) - 4, "...", 4);
}

/* sc_dns_text_add - append, cut if full */
void sc_dns_text_add(struct sc_dns_text *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	textbuf_vprintf(&t->tb, fmt, ap);
	va_end(ap);
	mark_cut(t);
}

/* plain_run - how many of the N octets at S come before a '"' or '\' */
static size_t plain_run(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && s[i] != '"' && s[i] != '\\'; i++)
		;
	return i;
}

/* sc_dns_text_quote - a record, quoted and bounded: '"' and '\' take a
 * backslash, as in a zone file; any other octet is printable's \xhh */
void sc_dns_text_quote(struct sc_dns_text *t, const char *s, size_t len,
		       size_t max)
{
	size_t i, run, shown = len > max ? max : len;

	textbuf_putc(&t->tb, '"');
	for (i = 0; i < shown && !textbuf_truncated(&t->tb); i += run) {
		run = plain_run(s + i, shown - i);
		printable_put(&t->tb, s + i, run, PRINTABLE_HEX);
		if (i + run < shown) {
			textbuf_putc(&t->tb, '\\');
			textbuf_putc(&t->tb, s[i + run]);
			run++;
		}
	}
	textbuf_puts(&t->tb, len > max ? "...\"" : "\"");
	mark_cut(t);
}
