/*
 * smtp_transcript - C:/S: evidence; see smtp_transcript.h.
 */
#include <stdarg.h>
#include <stdio.h>

#include "smtp_transcript.h"

void smtp_transcript_init(struct smtp_transcript *t)
{
	t->text[0] = '\0';
	t->used = 0;
}

/* append - FMT/AP on a line of its own */
static void append(struct smtp_transcript *t, const char *fmt, va_list ap)
{
	size_t room;
	int n;

	if (t->used + 2 >= sizeof(t->text))
		return;
	if (t->used > 0)
		t->text[t->used++] = '\n';
	room = sizeof(t->text) - t->used;
	n = vsnprintf(t->text + t->used, room, fmt, ap);
	if (n > 0)
		t->used += (size_t) n < room ? (size_t) n : room - 1;
	t->text[t->used] = '\0';
}

void smtp_transcript_line(struct smtp_transcript *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	append(t, fmt, ap);
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
