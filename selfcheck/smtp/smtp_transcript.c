/*
 * smtp_transcript - C:/S: evidence; see smtp_transcript.h.
 */
#include <stdarg.h>

#include "smtp_transcript.h"

void smtp_transcript_init(struct smtp_transcript *t)
{
	textbuf_init(&t->tb, t->text, sizeof(t->text));
}

/* smtp_transcript_line - a line of its own; none is begun where only
 * its newline would fit, so a full transcript never ends in one */
void smtp_transcript_line(struct smtp_transcript *t, const char *fmt, ...)
{
	va_list ap;

	if (t->tb.len + 2 >= sizeof(t->text))
		return;
	if (t->tb.len > 0)
		textbuf_putc(&t->tb, '\n');
	va_start(ap, fmt);
	textbuf_vprintf(&t->tb, fmt, ap);
	va_end(ap);
}

void smtp_transcript_reply(struct smtp_transcript *t,
			   const struct smtp_reply *r, size_t max_lines)
{
	size_t i;

	for (i = 0; i < r->nlines && i < max_lines; i++)
		smtp_transcript_line(t, "S: %d%c%s", r->code, i + 1 < r->nlines ? '-' : ' ',
		     smtp_reply_line(r, i));
	if (i < r->nlines)
		smtp_transcript_line(t, "S: ... (%zu more lines)", r->nlines - i);
}
